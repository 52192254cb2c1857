"""What a project picker lists: a first page in code order, the projects a typed text finds (the
register's indexed search, one page), and one project by id (the picker's current value). Each is
one query whose cost does not grow with the number of projects."""

from __future__ import annotations

from sqlalchemy.orm import Session

from inspector.services.project_search import ProjectQuery, find_projects
from inspector.store import Reader

Choice = tuple[str, str, str]  # (id, code, name)

FIRST_PAGE = 100  # what the drop-down shows before anything is typed
FOUND_PAGE = 50  # what a typed text shows


def _choices(s: Session, text: str, limit: int) -> list[Choice]:
    found = find_projects(s, ProjectQuery(text=text), limit=limit, count=False)
    return [(r.id, r.code, r.name) for r in found.rows]


def first_choices(store: Reader, *, keep: str = "", limit: int = FIRST_PAGE) -> tuple[list[Choice], Choice | None]:
    """The first `limit` live projects in code order, and project `keep` (None when it is gone or
    not asked for), in one read transaction. Called off the GUI thread."""
    with store.read() as s:
        return _choices(s, "", limit), (_choice(s, keep) if keep else None)


def find_choices(store: Reader, text: str, *, limit: int = FOUND_PAGE) -> list[Choice]:
    """The first `limit` live projects whose code, name, address, parties or people hold every word
    of `text`, in code order. Called off the GUI thread (a keystroke's query)."""
    with store.read() as s:
        return _choices(s, text, limit)


def _choice(s: Session, project_id: str) -> Choice | None:
    raw = s.connection().connection.driver_connection
    row = raw.execute("SELECT id, code, name FROM projects WHERE id = ? AND deleted = 0", (project_id,)).fetchone()
    return tuple(row) if row else None  # type: ignore[return-value]


def choice_of(store: Reader, project_id: str) -> Choice | None:
    """Project `project_id` as a picker shows it, or None when it is gone: one row by its key (cheap
    enough for the GUI thread, so a picker shows the value it is given at once)."""
    with store.read() as s:
        return _choice(s, project_id)


def first_choice(store: Reader) -> Choice | None:
    """The first live project in code order (a picker's value before anyone chose): one index step."""
    with store.read() as s:
        rows = _choices(s, "", 1)
        return rows[0] if rows else None
