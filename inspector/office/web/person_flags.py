"""The key-person rule of the red flags (the same registration number on active projects of two
inspectors or two districts), kept current from the rows written since it last looked instead of
regrouping every key person after each push: the one rule whose cost grows with the whole store
(one row per key person of every active project).

The index holds every key person (id → registration number, name, project) and every live active
project (id → inspector, district), each with the `rev` it was read at; `update` reads only the
rows whose `rev` is above what it saw (the tables' `rev` indexes) and regroups only the numbers they
touch: a person's old and new number, and the numbers of the people of a project that changed."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.domain import Person, Project

ACTIVE = ("在建", "待验收")
DETAIL = "同一关键人员同时在不同监督员或不同县区的在建项目任职"


@dataclass
class PersonIndex:
    persons: dict[str, tuple[int, str, str, str]] = field(default_factory=dict)  # id -> rev, reg, name, project
    projects: dict[str, tuple[int, str, str | None]] = field(default_factory=dict)  # active id -> rev, insp, district
    project_revs: dict[str, int] = field(default_factory=dict)  # every project seen -> rev (also inactive ones)
    by_reg: dict[str, set[str]] = field(default_factory=dict)  # reg -> person ids
    by_project: dict[str, set[str]] = field(default_factory=dict)  # project id -> person ids
    flags: dict[str, tuple[str, str, str, set[str]]] = field(default_factory=dict)  # reg -> the flag
    lock: threading.Lock = field(default_factory=threading.Lock)

    def update(self, s: Session, *, persons_since: int, projects_since: int) -> set[str]:
        """Read what was written since (`rev` above the given ones; -1: everything), regroup what
        it touches, and return the registration numbers whose flag may have changed (`flags` holds
        the flags). Rows older than what the index holds are ignored, so a reader with an older
        snapshot never takes it back."""
        touched: set[str] = set()
        person_rows = s.connection().execute(
            select(Person.id, Person.rev, Person.registration_no, Person.name, Person.project_id, Person.deleted)
            .where(Person.rev > persons_since)).all()
        project_rows = s.connection().execute(
            select(Project.id, Project.rev, Project.status, Project.deleted, Project.inspector_id, Project.district)
            .where(Project.rev > projects_since)).all()
        with self.lock:
            for pid, rev, status, deleted, inspector, district in project_rows:
                if rev < self.project_revs.get(pid, -1):
                    continue
                self.project_revs[pid] = rev
                if not deleted and status in ACTIVE:
                    self.projects[pid] = (rev, inspector or "", district)
                else:
                    self.projects.pop(pid, None)
                touched |= {self.persons[i][1] for i in self.by_project.get(pid, ())}
            for person_id, rev, reg, name, pid, deleted in person_rows:
                old = self.persons.get(person_id)
                if old is not None:
                    if rev < old[0]:
                        continue
                    self.by_reg.get(old[1], set()).discard(person_id)
                    self.by_project.get(old[3], set()).discard(person_id)
                    touched.add(old[1])
                    del self.persons[person_id]
                if deleted or not reg:
                    self.persons[person_id] = (rev, "", name, pid)  # remembered by rev only: no group
                    continue
                self.persons[person_id] = (rev, reg, name, pid)
                self.by_reg.setdefault(reg, set()).add(person_id)
                self.by_project.setdefault(pid, set()).add(person_id)
                touched.add(reg)
            touched.discard("")
            for reg in touched:
                self._regroup(reg)
            return touched

    def found(self) -> list[tuple[str, str, str, set[str]]]:
        """Every flag of the rule, as the other rules return theirs."""
        with self.lock:
            return [(f"person:{reg}", *flag) for reg, flag in self.flags.items()]

    def _regroup(self, reg: str) -> None:
        members = [self.persons[i] for i in self.by_reg.get(reg, ()) if self.persons[i][3] in self.projects]
        inspectors = {self.projects[m[3]][1] for m in members}
        districts = {self.projects[m[3]][2] for m in members} - {None}
        if len(inspectors) > 1 or len(districts) > 1:
            name = min(m[2] for m in members)
            self.flags[reg] = (f"{name}（注册证书号 {reg}）", DETAIL, {m[3] for m in members})
        else:
            self.flags.pop(reg, None)
