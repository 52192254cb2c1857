"""The red flags in the page's order, kept in order as they change: a load after a small write
costs what the write changed plus one page, not a sort of every flag.

The page lists waiting flags before decided ones, then by kind, then by title (the order of
`crossflags_reference.compute`; the flag key breaks the rare tie of two titles). So the book keeps
ten sorted lists, one per (decided, kind), each of (title, key), and a page is a slice across them
in that order. A flag moves between lists when a rule finds it changed or when its decision does.

The decision shown on a flag is that of its first project by code that has one (decisions are
stored once per project the flag names); the book keeps the office's decisions and the codes of
the projects that hold one, read from the rows written since it last looked."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.domain import Project, RedFlagDecision

PREFIX = "office:"  # flag keys of the office's own rules (the laptops' keys never start so)
KINDS = ("expired", "person", "photo", "report", "stopwork")  # sorted: the page orders kinds so


@dataclass(frozen=True)
class RawFlag:
    """A flag as the rules find it: its key, kind, texts and the projects it names (ids only)."""

    key: str
    kind: str
    title: str
    detail: str
    project_ids: frozenset[str]


Decision = tuple[str, str]  # (decision, reason)


class FlagBook:
    """Every flag, its shown decision and its place in the page's order. Not thread-safe: its
    owner (`crossflags`) holds a lock around every change and read."""

    def __init__(self) -> None:
        self.flags: dict[str, RawFlag] = {}
        self.by_project: dict[str, set[str]] = {}  # project id -> keys of the flags naming it
        self.by_kind: dict[str, set[str]] = {k: set() for k in KINDS}
        self.shown: dict[str, Decision] = {}  # key -> the decision shown (none: waiting)
        self._lists: dict[tuple[bool, str], list[tuple[str, str]]] = {(d, k): [] for d in (False, True) for k in KINDS}
        self._placed: dict[str, tuple[bool, str, str]] = {}  # key -> (decided, kind, title) it is listed under
        self._decided: dict[str, dict[str, tuple[str, Decision]]] = {}  # key -> project -> (row id, decision)
        self._rows: dict[str, tuple[int, str, str]] = {}  # decision row id -> (rev, key, project)
        self._codes: dict[str, str] = {}  # project id -> code, for the projects holding a decision
        self._decided_on: dict[str, set[str]] = {}  # project id -> keys it holds a decision on
        self._dirty: set[str] = set()  # keys whose shown decision must be worked out again

    # -- what the rules found ------------------------------------------------------------------------

    def put(self, flag: RawFlag) -> None:
        old = self.flags.get(flag.key)
        if old == flag:
            return
        if old is not None:
            self._unlink(old)
        self.flags[flag.key] = flag
        self.by_kind[flag.kind].add(flag.key)
        for pid in flag.project_ids:
            self.by_project.setdefault(pid, set()).add(flag.key)
        self._dirty.add(flag.key)

    def drop(self, key: str) -> None:
        old = self.flags.pop(key, None)
        if old is not None:
            self._unlink(old)
            self._dirty.add(key)

    def replace_kind(self, kind: str, flags: list[RawFlag]) -> None:
        """A rule that found all its flags anew: put them, drop those it no longer finds."""
        new = {f.key for f in flags}
        for key in self.by_kind[kind] - new:
            self.drop(key)
        for f in flags:
            self.put(f)

    def _unlink(self, old: RawFlag) -> None:
        self.by_kind[old.kind].discard(old.key)
        for pid in old.project_ids:
            keys = self.by_project.get(pid)
            if keys is not None:
                keys.discard(old.key)
                if not keys:
                    del self.by_project[pid]

    # -- decisions -----------------------------------------------------------------------------------

    def read_decisions(self, s: Session, since: int) -> None:
        """The office's decisions written since `since` (every one when -1)."""
        d = RedFlagDecision
        rows = s.connection().execute(
            select(d.id, d.rev, d.flag_key, d.project_id, d.decision, d.reason, d.deleted)
            .where(d.rev > since, d.flag_key.like(PREFIX + "%"))).all()
        new_projects: set[str] = set()
        for row_id, rev, key, pid, decision, reason, deleted in rows:
            old = self._rows.get(row_id)
            if old is not None:
                if rev < old[0]:
                    continue
                held = self._decided.get(old[1], {})
                if held.get(old[2], ("",))[0] == row_id:
                    del held[old[2]]
                self._dirty.add(old[1])
            self._rows[row_id] = (rev, key, pid)
            if not deleted:
                self._decided.setdefault(key, {})[pid] = (row_id, (decision, reason))
                self._decided_on.setdefault(pid, set()).add(key)
                if pid not in self._codes:
                    new_projects.add(pid)
            self._dirty.add(key)
        ordered = sorted(new_projects)
        for k in range(0, len(ordered), 5000):
            self._codes.update((pid, code) for pid, code in s.connection().execute(
                select(Project.id, Project.code).where(Project.id.in_(ordered[k:k + 5000]))))

    def read_codes(self, s: Session, since: int) -> None:
        """Projects written since `since`: a changed code may change which decision a flag shows."""
        for pid, code in s.connection().execute(select(Project.id, Project.code).where(Project.rev > since)):
            if pid in self._codes and self._codes[pid] != code:
                self._codes[pid] = code
                self._dirty |= self._decided_on.get(pid, set())

    # -- order ---------------------------------------------------------------------------------------

    def settle(self) -> None:
        """Work out the shown decision of every flag that changed, and list it in its place."""
        for key in self._dirty:
            placed = self._placed.pop(key, None)
            if placed is not None:
                lst = self._lists[(placed[0], placed[1])]
                del lst[bisect.bisect_left(lst, (placed[2], key))]
            self.shown.pop(key, None)
            f = self.flags.get(key)
            if f is None:
                continue
            held = [(self._codes.get(pid, ""), pid) for pid in self._decided.get(key, ()) if pid in f.project_ids]
            if held:
                self.shown[key] = self._decided[key][min(held)[1]][1]
            decided = key in self.shown
            bisect.insort(self._lists[(decided, f.kind)], (f.title, key))
            self._placed[key] = (decided, f.kind, f.title)
        self._dirty.clear()

    def order_of(self, key: str) -> tuple[bool, str, str, str]:
        decided, kind, title = self._placed[key]
        return decided, kind, title, key

    def page(self, visible: set[str] | None, kind: str, start: int, stop: int) -> tuple[list[str], int, int]:
        """Keys start..stop of the list (of the flags in `visible`, all when None; of one kind when
        given), with the list's length and how many in it wait for a decision."""
        kinds = [kind] if kind else list(KINDS)
        if visible is not None:  # a district's flags: a few thousand at most, sorted when a page is asked
            keys = [k for k in visible if k in self._placed and (not kind or self._placed[k][1] == kind)]
            waiting = sum(1 for k in keys if k not in self.shown)
            return (sorted(keys, key=self.order_of)[start:stop] if stop > start else []), len(keys), waiting
        out: list[str] = []
        total = waiting = 0
        for decided in (False, True):
            for k in kinds:
                lst = self._lists[(decided, k)]
                lo, hi = max(0, start - total), max(0, stop - total)
                out += [key for _, key in lst[lo:hi]]
                total += len(lst)
                waiting += 0 if decided else len(lst)
        return out, total, waiting
