"""Red flags across inspectors: what no single laptop can see, computed in SQL on the office store.

* the same key person (registration number) on active projects of two inspectors or two districts;
* the same test report number, or the same photo (SHA-256), in two projects;
* an agency or lab working with its qualification expired (a report dated after the expiry, or a
  party on an active project whose qualification has run out);
* a contractor under 停工整改 on one project working on another that started since.

A decision on a flag is stored as the laptop's own record kind (`RedFlagDecision`, keyed by project
and flag key), once per project the flag names, so the existing sync carries it to the laptops of
each of those projects."""

from __future__ import annotations

import datetime as dt
import logging
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from inspector.domain import (
    Party,
    Person,
    Project,
    Rectification,
    RedFlagDecision,
    StoreSeq,
    TestReport,
)
from inspector.office.web import photo_flags
from inspector.office.web.flag_book import PREFIX, Decision, FlagBook, RawFlag
from inspector.office.web.person_flags import PersonIndex
from inspector.office.web.photo_flags import PhotoIndex
from inspector.sync.scope import Scope

log = logging.getLogger(__name__)

ACTIVE = ("在建", "待验收")
OPEN = ("issued", "replied", "escalated")
# The office's own indexes for these rules (migration 0006; the laptop's models do not declare them):
# each rule reads these columns only, from the index, never from the wide rows.
FLAG_INDEXES = (
    ("ix_office_projects_active", "projects", ["status", "deleted", "id", "inspector_id", "district", "start_date"]),
    ("ix_office_persons_flag", "persons", ["project_id", "deleted", "registration_no", "name"]),
    ("ix_office_parties_flag", "parties", ["project_id", "role", "deleted", "credit_code", "name"]),
    ("ix_office_test_reports_flag", "test_reports", ["report_no", "deleted", "project_id", "agency"]),
)
KIND_LABELS = {
    "person": "关键人员同时在岗", "report": "检测报告编号重复", "photo": "同一照片用于多个项目",
    "expired": "资质过期仍在承接业务", "stopwork": "停工整改期间承接新项目",
}


@dataclass
class CrossFlag:
    key: str
    kind: str
    title: str
    detail: str
    projects: list[tuple[str, str, str, str]]  # (id, code, name, district)
    decision: str = ""
    reason: str = ""

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def districts(self) -> list[str]:
        return sorted({p[3] for p in self.projects if p[3]})


def _projects(s: Session, ids: set[str]) -> dict[str, tuple[str, str, str, str]]:
    # In slices: the whole list (the 台账 of a province) names tens of thousands of projects, more
    # than one PostgreSQL statement may carry parameters (65 535).
    out: dict[str, tuple[str, str, str, str]] = {}
    ordered = sorted(ids)
    for k in range(0, len(ordered), 5000):
        out.update((r[0], tuple(r)) for r in s.execute(select(Project.id, Project.code, Project.name, Project.district)
                                                       .where(Project.id.in_(ordered[k:k + 5000]))))
    return out  # type: ignore[return-value]


def _same_report(s: Session) -> list[tuple[str, str, str, set[str]]]:
    live = and_(TestReport.deleted.is_(False), TestReport.report_no != "")
    groups = (select(TestReport.report_no).where(live).group_by(TestReport.report_no)
              .having(func.count(func.distinct(TestReport.project_id)) > 1))
    out: dict[str, tuple[str, set[str]]] = {}
    for no, agency, pid in s.execute(select(TestReport.report_no, TestReport.agency, TestReport.project_id)
                                     .where(live, TestReport.report_no.in_(groups))):
        out.setdefault(no, (agency, set()))[1].add(pid)
    return [(f"report:{no}", f"检测报告 {no}（{agency}）", "同一检测报告编号出现在多个项目", pids)
            for no, (agency, pids) in out.items()]


def _expired(s: Session, today: dt.date) -> list[tuple[str, str, str, set[str]]]:
    out: list[tuple[str, str, str, set[str]]] = []
    reports: dict[str, tuple[dt.date, set[str]]] = {}
    for agency, expiry, pid in s.execute(
            select(TestReport.agency, TestReport.agency_qualification_expiry, TestReport.project_id)
            .where(TestReport.deleted.is_(False), TestReport.agency_qualification_expiry.is_not(None),
                   func.coalesce(TestReport.report_date, TestReport.tested_on) > TestReport.agency_qualification_expiry)):
        reports.setdefault(agency, (expiry, set()))[1].add(pid)
    for agency, (expiry, pids) in reports.items():
        out.append((f"expired:{agency}", f"检测机构 {agency}", f"资质 {expiry:%Y-%m-%d} 到期后仍出具检测报告", pids))
    parties: dict[str, tuple[str, str, dt.date, set[str]]] = {}
    for name, role, code, expiry, pid in s.execute(
            select(Party.name, Party.role, Party.credit_code, Party.qualification_expiry, Party.project_id)
            .join(Project, Project.id == Party.project_id)
            .where(Party.deleted.is_(False), Project.deleted.is_(False), Project.status.in_(ACTIVE),
                   Party.qualification_expiry < today)):
        parties.setdefault(code or name, (name, role, expiry, set()))[3].add(pid)
    for ident, (name, role, expiry, pids) in parties.items():
        out.append((f"expired:{ident}", f"{role} {name}", f"资质 {expiry:%Y-%m-%d} 已过期，仍在在建项目中承接业务", pids))
    return out


def _stop_work(s: Session) -> list[tuple[str, str, str, set[str]]]:
    # Two questions, not one join on computed keys: the contractors under an open stop-work notice
    # (few), then the contractors of active projects matched against them below.
    stopped: dict[str, tuple[str, str, str, dt.date]] = {}  # ident -> (name, project, notice, since)
    for name, code, pid, notice, since in s.execute(
            select(Party.name, Party.credit_code, Rectification.project_id, Rectification.notice_no,
                   Rectification.issued_on)
            .join(Party, Party.id == Rectification.addressee_party_id)
            .where(Rectification.action == "停工整改", Rectification.status.in_(OPEN),
                   Rectification.deleted.is_(False), Party.role == "施工单位")
            .order_by(Rectification.issued_on)):
        stopped.setdefault(code or name, (name, pid, notice, since))
    if not stopped:
        return []
    codes = {k for k in stopped if k.isascii()}
    names = {v[0] for v in stopped.values()}
    out: dict[str, tuple[str, str, set[str]]] = {}
    # Matched here, not in SQL: hundreds of codes and names in two IN lists made the database test
    # every party against both (no index serves an OR of them), 70 ms at 10 000 projects.
    for name, code, other_pid, start in s.execute(
            select(Party.name, Party.credit_code, Project.id, Project.start_date)
            .join(Project, Project.id == Party.project_id)
            .where(Party.role == "施工单位", Party.deleted.is_(False), Project.deleted.is_(False),
                   Project.status.in_(ACTIVE))):
        if code not in codes and name not in names:
            continue
        hit = stopped.get(code or name)
        if hit is None or hit[1] == other_pid or start is None or start < hit[3]:
            continue
        entry = out.setdefault(f"{code or name}:{hit[1]}", (hit[0], hit[2], {hit[1]}))
        entry[2].add(other_pid)
    return [(f"stopwork:{k}", f"施工单位 {name}", f"停工整改（{notice}）未解除期间又开工其他项目", pids)
            for k, (name, notice, pids) in out.items()]


_RULES: dict[str, Callable[[Session, dt.date], list[tuple[str, str, str, set[str]]]]] = {
    "report": lambda s, today: _same_report(s), "expired": _expired, "stopwork": lambda s, today: _stop_work(s),
}  # and "person" and "photo", kept by indexes of their own (person_flags.py, photo_flags.py)
# The synced tables each rule reads ("expired" reads today's date too).
_READS: dict[str, tuple[Any, ...]] = {
    "person": (Person, Project), "report": (TestReport,), "photo": photo_flags.TABLES,
    "expired": (TestReport, Party, Project), "stopwork": (Party, Rectification, Project),
}
_TABLES = tuple({m for models in _READS.values() for m in models} | {RedFlagDecision})


class Warming(Exception):
    """The flags are being found for the first time since the server started, in the background
    (`warm`): a page says so and refreshes itself rather than wait."""


@dataclass
class _State:
    """What the rules found at the latest store sequence seen, for one database. Every write to a
    synced row (a push, an office edit, a decision) steps `store_seq` in its own transaction and
    stamps the new number as that row's `rev`: while the sequence stays the same nothing the rules
    read has changed, and when it moves, a rule whose tables' highest `rev` did not move (an
    index's last entry) would find the same flags. So the next page load after a write reruns only
    the rules that read what was written (a push of answers: the photo rule alone), the book moves
    only the flags that changed, and nothing is ever served stale, in any server process (each
    keeps its own)."""

    lock: threading.Lock = field(default_factory=threading.Lock)  # held by whoever reads or changes the book
    book: FlagBook | None = None  # None until the rules have run once
    seq: int = -1
    today: dt.date | None = None
    revs: dict[str, int] = field(default_factory=dict)  # table -> its highest row revision when read
    persons: PersonIndex = field(default_factory=PersonIndex)
    photos: PhotoIndex = field(default_factory=PhotoIndex)
    warming: threading.Thread | None = None
    scopes: dict[Any, tuple[int, set[str]]] = field(default_factory=dict)  # scope -> (projects' rev, its ids)


_STATES: dict[str, _State] = {}
_STATES_LOCK = threading.Lock()


def _state(bind: Any) -> _State:
    db = bind.url.render_as_string(hide_password=True) if hasattr(bind, "url") else str(id(bind))
    with _STATES_LOCK:
        return _STATES.setdefault(db, _State())


def _catch_up(st: _State, s: Session, seq: int, today: dt.date) -> None:
    """Bring the book to what the session sees (under `st.lock`): every rule the first time, then
    the rules whose tables were written since, and the decisions written since."""
    revs = {m.__tablename__: s.scalar(select(func.max(m.rev))) or 0 for m in _TABLES}
    first = st.book is None
    book = st.book or FlagBook()
    try:
        for kind, reads in _READS.items():
            if not first and all(revs[m.__tablename__] == st.revs[m.__tablename__] for m in reads) and (
                    kind != "expired" or st.today == today):
                continue
            if kind == "person":
                for reg in st.persons.update(s, persons_since=-1 if first else st.revs["persons"],
                                             projects_since=-1 if first else st.revs["projects"]):
                    found = st.persons.flags.get(reg)
                    if found is None:
                        book.drop(f"{PREFIX}person:{reg}")
                    else:
                        book.put(RawFlag(f"{PREFIX}person:{reg}", kind, found[0], found[1], frozenset(found[2])))
            elif kind == "photo":
                touched = st.photos.full(s) if first else st.photos.update(s, {
                    m.__tablename__: st.revs[m.__tablename__] for m in reads
                    if revs[m.__tablename__] != st.revs[m.__tablename__]})
                for sha in touched:
                    pids = st.photos.flags.get(sha)
                    if pids is None:
                        book.drop(f"{PREFIX}photo:{sha}")
                    else:
                        book.put(RawFlag(f"{PREFIX}photo:{sha}", kind, photo_flags.title(sha), photo_flags.DETAIL,
                                         frozenset(pids)))
            else:
                book.replace_kind(kind, [RawFlag(PREFIX + key, kind, title, detail, frozenset(pids))
                                         for key, title, detail, pids in _RULES[kind](s, today)])
        decisions = RedFlagDecision.__tablename__
        if first or revs[decisions] != st.revs[decisions]:
            book.read_decisions(s, -1 if first else st.revs[decisions])
        if not first and revs["projects"] != st.revs["projects"]:
            book.read_codes(s, st.revs["projects"])
        book.settle()
    except BaseException:
        # Half a change is not a state to go on from: the next reader starts from nothing.
        st.book, st.persons, st.photos, st.seq = None, PersonIndex(), PhotoIndex(), -1
        raise
    st.book, st.seq, st.today, st.revs = book, seq, today, revs


@contextmanager
def _book(s: Session, today: dt.date, *, wait: bool) -> Iterator[tuple[_State, FlagBook, bool]]:
    """The book, current for the session, locked while the caller reads it; and whether it is at
    the session's own sequence (not newer). Raises `Warming` when the first run is under way in the
    background and `wait` is false."""
    seq = s.scalar(select(StoreSeq.seq).where(StoreSeq.id == 1)) or 0  # first: the rows read after are as new
    st = _state(s.get_bind())
    warming = st.warming
    if st.book is None and not wait and warming is not None and warming.is_alive():
        raise Warming
    with st.lock:
        if st.book is None or st.seq < seq or st.today != today:
            _catch_up(st, s, seq, today)
        assert st.book is not None
        yield st, st.book, st.seq == seq


def warm(read: Callable[[], Any], *, today: Callable[[], dt.date]) -> threading.Thread:
    """Run every rule once on a thread of its own (the server calls this as it starts, so that the
    first visitor does not wait for them); `read()` gives a read session's context manager. Pages
    asked for meanwhile say the flags are being computed (`Warming`)."""
    def run() -> None:
        try:
            with read() as s:
                with _book(s, today(), wait=True):
                    pass
            log.info("red flags ready (%.1f s after start-up)", time.monotonic() - t0)
        except Exception:  # the pages then run the rules themselves, and show their error
            log.exception("red flags: the first run in the background failed")

    t0 = time.monotonic()
    thread = threading.Thread(target=run, name="redflags-warm", daemon=True)
    with read() as s:
        st = _state(s.get_bind())
    st.warming = thread
    thread.start()
    return thread


def _visible(s: Session, st: _State, book: FlagBook, scope: Scope | None, current: bool) -> set[str] | None:
    """The keys of the flags that name a project of the scope (None: no scope, every flag). The
    scope's projects are kept until a project is written (only from a session at the book's own
    sequence: an older one may not see them all)."""
    if scope is None:
        return None
    rev = st.revs["projects"]
    cached = st.scopes.get(scope)
    if cached is None or cached[0] != rev or not current:
        ids = set(s.scalars(scope.projects()))  # type: ignore[attr-defined]
        cached = (rev, ids)
        if current:
            if len(st.scopes) >= 256:
                st.scopes.clear()
            st.scopes[scope] = cached
    keys: set[str] = set()
    for pid in cached[1]:
        keys |= book.by_project.get(pid, set())
    return keys


def _full(s: Session, flags: list[tuple[RawFlag, Decision | None]]) -> list[CrossFlag]:
    names = _projects(s, {pid for f, _ in flags for pid in f.project_ids})
    return [CrossFlag(f.key, f.kind, f.title, f.detail,
                      sorted((names[p] for p in f.project_ids if p in names), key=lambda p: p[1]),
                      d[0] if d else "", d[1] if d else "") for f, d in flags]


def _pairs(book: FlagBook, keys: list[str]) -> list[tuple[RawFlag, Decision | None]]:
    return [(book.flags[k], book.shown.get(k)) for k in keys]


def compute(s: Session, scope: Scope | None, *, today: dt.date, kind: str = "") -> list[CrossFlag]:
    """Every cross-inspector flag the viewer may see (one that names any project of theirs), waiting
    ones first; waits for a first run under way."""
    with _book(s, today, wait=True) as (st, book, current):
        keys, _, _ = book.page(_visible(s, st, book, scope, current), kind, 0, sys.maxsize)
        pairs = _pairs(book, keys)
    return _full(s, pairs)


@dataclass
class FlagPage:
    flags: list[CrossFlag]
    total: int
    waiting: int
    page: int
    pages: int


def flag_page(s: Session, scope: Scope | None, *, today: dt.date, kind: str = "", page: int = 1,
              per: int = 100) -> FlagPage:
    """One page of `compute`'s list, with the counts of the whole list; only the page's flags are
    given their projects' codes and names. Raises `Warming` while the first run is under way."""
    with _book(s, today, wait=False) as (st, book, current):
        visible = _visible(s, st, book, scope, current)
        _, total, _ = book.page(visible, kind, 0, 0)
        pages = max(1, -(-total // per))
        page = min(max(1, page), pages)
        keys, total, waiting_n = book.page(visible, kind, (page - 1) * per, page * per)
        pairs = _pairs(book, keys)
    return FlagPage(_full(s, pairs), total, waiting_n, page, pages)


def for_project(s: Session, project_id: str, *, today: dt.date) -> list[CrossFlag]:
    """The flags that name one project (its page shows them whoever is looking). Raises `Warming`
    while the first run is under way."""
    with _book(s, today, wait=False) as (_st, book, _):
        pairs = _pairs(book, sorted(book.by_project.get(project_id, ()), key=book.order_of))
    return _full(s, pairs)


def find(s: Session, key: str, *, today: dt.date) -> CrossFlag | None:
    """The flag with this key, if the rules still find it (waits for a first run under way)."""
    with _book(s, today, wait=True) as (_st, book, _):
        pairs = _pairs(book, [key] if key in book.flags else [])
    found = _full(s, pairs)
    return found[0] if found else None


def waiting(s: Session, scope: Scope | None, *, today: dt.date) -> int:
    """How many flags the viewer may see wait for a decision (首页's count), as current as the page.
    Raises `Warming` while the first run is under way."""
    with _book(s, today, wait=False) as (st, book, current):
        return book.page(_visible(s, st, book, scope, current), "", 0, 0)[2]


DECISIONS = {"confirmed": "确认", "dismissed": "排除"}


def decide(uow: Any, flag: CrossFlag, *, decision: str, reason: str) -> int:
    """Record the decision on every project the flag names (a synced `RedFlagDecision` each, so the
    laptops of those projects receive it). Returns how many rows were written."""
    s = uow.session
    n = 0
    for pid, *_ in flag.projects:
        existing = s.scalars(select(RedFlagDecision).where(RedFlagDecision.project_id == pid,
                                                           RedFlagDecision.flag_key == flag.key)).first()
        if existing is None:
            s.add(RedFlagDecision(project_id=pid, flag_key=flag.key, decision=decision, reason=reason))
        else:
            existing.decision, existing.reason, existing.deleted = decision, reason, False
        n += 1
    return n


