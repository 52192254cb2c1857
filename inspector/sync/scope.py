"""Who may see and change which rows (DESIGN.md §7): a scope names projects, either as a fixed list
(tests, tools) or as an inspector's rule (projects assigned to them or in their district). Pulls
filter with `clause(model)`; a push checks each row's project with `allows` before and after the
change, so a row can neither come from nor move into a project outside the scope."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import Session

from inspector.domain import Project
from inspector.sync.tables import scope_clause


@runtime_checkable
class Scope(Protocol):
    def clause(self, model: type) -> ColumnElement[bool]:
        """Rows of `model` inside the scope (a WHERE condition)."""
        ...

    def allows(self, session: Session, project: Project | str | None) -> bool:
        """May the holder write rows of this project (a row, maybe not yet stored, or an id)?"""
        ...

    def allows_shared(self, table: str, row_id: str) -> bool:
        """May the holder write this row that belongs to no project (a checklist version, a user)?"""
        ...


@dataclass(frozen=True)
class ProjectList:
    """A fixed set of project ids."""

    ids: frozenset[str]

    def clause(self, model: type) -> ColumnElement[bool]:
        return scope_clause(model, sorted(self.ids))

    def allows(self, session: Session, project: Project | str | None) -> bool:
        pid = project.id if isinstance(project, Project) else project
        return pid in self.ids

    def allows_shared(self, table: str, row_id: str) -> bool:
        return True


@dataclass(frozen=True)
class InspectorScope:
    """An inspector's projects: assigned to them (`Project.inspector_id`) or in their district. They
    may create a project in their district, and write only their own user row."""

    user_id: str
    district: str

    def projects(self) -> Select[Any]:
        return select(Project.id).where(self._rule(Project.inspector_id, Project.district))

    def _rule(self, inspector_id: Any, district: Any) -> Any:
        if not self.district:  # no district: only what is assigned
            return inspector_id == self.user_id
        return or_(inspector_id == self.user_id, district == self.district)

    def clause(self, model: type) -> ColumnElement[bool]:
        return scope_clause(model, self.projects())

    def allows(self, session: Session, project: Project | str | None) -> bool:
        if project is None:
            return False
        if isinstance(project, str):
            with session.no_autoflush:
                project = session.get(Project, project)
            if project is None:
                return False
        return project.inspector_id == self.user_id or bool(self.district and project.district == self.district)

    def allows_shared(self, table: str, row_id: str) -> bool:
        if table == "users":
            return row_id == self.user_id
        return table == "checklist_versions"


def as_scope(scope: Scope | Iterable[str] | None) -> Scope | None:
    """None (everything), a Scope, or a list of project ids made into one."""
    if scope is None or isinstance(scope, Scope):
        return scope
    return ProjectList(frozenset(scope))


# ---- a scope that widens ---------------------------------------------------------------------------

def reach(session: Session, project_ids: Iterable[str]) -> dict[str, tuple[str, str | None]]:
    """Who a project is visible to: its (district, inspector_id), by id."""
    ids = sorted(set(project_ids))
    out: dict[str, tuple[str, str | None]] = {}
    for i in range(0, len(ids), 500):
        out.update({pid: (district, inspector) for pid, district, inspector in session.execute(
            select(Project.id, Project.district, Project.inspector_id).where(Project.id.in_(ids[i:i + 500])))})
    return out


def republish(session: Session, project_ids: Iterable[str]) -> int:
    """Step the revision of every row of these projects, content unchanged (office only). A pull
    reads what changed after the device's cursor: a device that has just been given a project
    (assigned to its inspector, or moved into their district) would otherwise never receive the
    project's older rows. Devices that already hold them receive identical rows. Returns how many
    rows were stepped."""
    from sqlalchemy import update

    from inspector.domain import ChecklistVersion, User
    from inspector.store.hooks import step_seq
    from inspector.sync.tables import synced_models

    ids = sorted(set(project_ids))
    if not ids:
        return 0
    seq, n = step_seq(session), 0
    with session.no_autoflush:
        for model in synced_models():
            if model in (ChecklistVersion, User):
                continue
            n += session.execute(update(model).where(scope_clause(model, ids)).values(rev=seq, base_rev=seq)
                                 .execution_options(synchronize_session=False)).rowcount
    return n
