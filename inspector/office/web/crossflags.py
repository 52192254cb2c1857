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
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, select, union_all
from sqlalchemy.orm import Session

from inspector.domain import (
    Acceptance,
    Answer,
    Finding,
    Handover,
    Inspection,
    Party,
    Person,
    PhotoLink,
    Project,
    Rectification,
    RedFlagDecision,
    StoreSeq,
    TestReport,
)
from inspector.office.web.person_flags import PersonIndex
from inspector.sync.scope import Scope

ACTIVE = ("在建", "待验收")
OPEN = ("issued", "replied", "escalated")
PREFIX = "office:"  # flag keys of the office's own rules (the laptops' keys never start so)
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


def _photo_projects() -> Any:
    """(photo id, project id) for every link of a photo to a record of a project."""
    link = PhotoLink
    parts = [
        select(link.photo_id, Inspection.project_id).join(Answer, Answer.id == link.target_id)
        .join(Inspection, Inspection.id == Answer.inspection_id).where(link.target_kind == "answer"),
    ]
    for kind, model in (("inspection", Inspection), ("finding", Finding), ("rectification", Rectification),
                        ("acceptance", Acceptance), ("handover", Handover)):
        parts.append(select(link.photo_id, model.project_id).join(model, model.id == link.target_id)
                     .where(link.target_kind == kind))
    return union_all(*(p.where(link.deleted.is_(False)) for p in parts)).subquery()


def _same_photo(s: Session) -> list[tuple[str, str, str, set[str]]]:
    pp = _photo_projects()
    groups = select(pp.c.photo_id).group_by(pp.c.photo_id).having(func.count(func.distinct(pp.c.project_id)) > 1)
    out: dict[str, set[str]] = {}
    for sha, pid in s.execute(select(pp.c.photo_id, pp.c.project_id).where(pp.c.photo_id.in_(groups)).distinct()):
        out.setdefault(sha, set()).add(pid)
    return [(f"photo:{sha}", f"照片 SHA-256 {sha[:16]}…", "同一张照片（SHA-256 相同）作为多个项目的证据", pids)
            for sha, pids in out.items()]


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


@dataclass(frozen=True)
class RawFlag:
    """A flag as the rules find it: its key, kind, texts and the projects it names (ids only)."""

    key: str
    kind: str
    title: str
    detail: str
    project_ids: frozenset[str]


_RULES: dict[str, Callable[[Session, dt.date], list[tuple[str, str, str, set[str]]]]] = {
    "person": lambda s, today: PersonIndex().update(s, persons_since=-1, projects_since=-1),
    "report": lambda s, today: _same_report(s),
    "photo": lambda s, today: _same_photo(s), "expired": _expired, "stopwork": lambda s, today: _stop_work(s),
}
# The synced tables each rule reads ("expired" reads today's date too).
_READS: dict[str, tuple[Any, ...]] = {
    "person": (Person, Project), "report": (TestReport,),
    "photo": (PhotoLink, Answer, Inspection, Finding, Rectification, Acceptance, Handover),
    "expired": (TestReport, Party, Project), "stopwork": (Party, Rectification, Project),
}
_TABLES = tuple({m for models in _READS.values() for m in models})


@dataclass(frozen=True)
class _Found:
    seq: int
    today: dt.date
    revs: dict[str, int]  # table -> its highest row revision when the rules read it
    flags: dict[str, list[RawFlag]]  # per rule
    persons: PersonIndex  # the person rule's state, updated from the rows written since `revs`


# What the rules found at the latest store sequence seen, per database. Every write to a synced row
# (a push, an office edit, a decision) steps `store_seq` in its own transaction and stamps the new
# number as that row's `rev`: while the sequence stays the same nothing the rules read has changed,
# and when it moves, a rule whose tables' highest `rev` did not move (an index's last entry) would
# find the same flags. So the next page load after a write reruns only the rules that read what was
# written (a push of answers: the photo rule alone), and nothing is ever served stale, in any
# server process (each keeps its own).
_CACHE: dict[str, _Found] = {}
_CACHE_LOCK = threading.Lock()


def raw_flags(s: Session, *, today: dt.date) -> list[RawFlag]:
    """Every cross-inspector flag in the store (no scope, no decisions), reused while nothing it
    depends on has changed (see `_CACHE`)."""
    seq = s.scalar(select(StoreSeq.seq).where(StoreSeq.id == 1)) or 0  # first: the rows read after are as new
    bind = s.get_bind()
    db = bind.url.render_as_string(hide_password=True) if hasattr(bind, "url") else str(id(bind))
    with _CACHE_LOCK:
        hit = _CACHE.get(db)
    if hit is None or hit.seq != seq or hit.today != today:
        revs = {m.__tablename__: s.scalar(select(func.max(m.rev))) or 0 for m in _TABLES}
        flags: dict[str, list[RawFlag]] = {}
        persons = hit.persons if hit is not None else PersonIndex()
        for kind, rule in _RULES.items():
            same = hit is not None and all(revs[m.__tablename__] == hit.revs[m.__tablename__] for m in _READS[kind])
            if same and hit is not None and (kind != "expired" or hit.today == today):
                flags[kind] = hit.flags[kind]
                continue
            if kind == "person":
                found = persons.update(s, persons_since=hit.revs["persons"] if hit else -1,
                                       projects_since=hit.revs["projects"] if hit else -1)
            else:
                found = rule(s, today)
            flags[kind] = [RawFlag(PREFIX + key, kind, title, detail, frozenset(pids))
                           for key, title, detail, pids in found]
        hit = _Found(seq, today, revs, flags, persons)
        with _CACHE_LOCK:
            old = _CACHE.get(db)
            if old is None or old.seq <= seq:
                _CACHE[db] = hit
    return [f for kind in _RULES for f in hit.flags[kind]]


def _decisions(s: Session) -> dict[str, list[RedFlagDecision]]:
    out: dict[str, list[RedFlagDecision]] = {}
    for d in s.scalars(select(RedFlagDecision).where(RedFlagDecision.flag_key.like(PREFIX + "%"),
                                                     RedFlagDecision.deleted.is_(False))):
        out.setdefault(d.flag_key, []).append(d)
    return out


def _visible(s: Session, scope: Scope | None, raw: list[RawFlag], kind: str) -> list[RawFlag]:
    flags = [f for f in raw if not kind or f.kind == kind]
    if scope is None:
        return flags
    ids = set(s.scalars(scope.projects()))
    return [f for f in flags if not f.project_ids.isdisjoint(ids)]


def _decision_of(s: Session, f: RawFlag, decided: dict[str, list[RedFlagDecision]],
                 codes: dict[str, str]) -> RedFlagDecision | None:
    """The decision shown for a flag: that of its first project (by code) that has one."""
    ds = [d for d in decided.get(f.key, ()) if d.project_id in f.project_ids]
    if len(ds) <= 1:
        return ds[0] if ds else None
    return min(ds, key=lambda d: codes.get(d.project_id, ""))


def _codes(s: Session, raw: list[RawFlag], decided: dict[str, list[RedFlagDecision]]) -> dict[str, str]:
    ids = {d.project_id for f in raw for d in decided.get(f.key, ()) if len(decided[f.key]) > 1}
    return {pid: code for pid, code, _, _ in _projects(s, ids).values()}


def _full(s: Session, flags: list[tuple[RawFlag, RedFlagDecision | None]]) -> list[CrossFlag]:
    names = _projects(s, {pid for f, _ in flags for pid in f.project_ids})
    return [CrossFlag(f.key, f.kind, f.title, f.detail,
                      sorted((names[p] for p in f.project_ids if p in names), key=lambda p: p[1]),
                      d.decision if d else "", d.reason if d else "") for f, d in flags]


def _sorted(s: Session, raw: list[RawFlag]) -> list[tuple[RawFlag, RedFlagDecision | None]]:
    decided = _decisions(s)
    codes = _codes(s, raw, decided)
    pairs = [(f, _decision_of(s, f, decided, codes)) for f in raw]
    return sorted(pairs, key=lambda p: (p[1] is not None, p[0].kind, p[0].title))


def compute(s: Session, scope: Scope | None, *, today: dt.date, kind: str = "") -> list[CrossFlag]:
    """Every cross-inspector flag the viewer may see (one that names any project of theirs)."""
    return _full(s, _sorted(s, _visible(s, scope, raw_flags(s, today=today), kind)))


@dataclass
class FlagPage:
    flags: list[CrossFlag]
    total: int
    waiting: int
    page: int
    pages: int


def flag_page(s: Session, scope: Scope | None, *, today: dt.date, kind: str = "", page: int = 1,
              per: int = 100) -> FlagPage:
    """One page of `compute`'s list (waiting flags first), with the counts of the whole list; only
    the page's flags are given their projects' codes and names."""
    pairs = _sorted(s, _visible(s, scope, raw_flags(s, today=today), kind))
    pages = max(1, -(-len(pairs) // per))
    page = min(max(1, page), pages)
    return FlagPage(_full(s, pairs[(page - 1) * per:page * per]), len(pairs),
                    sum(1 for _, d in pairs if d is None), page, pages)


def for_project(s: Session, project_id: str, *, today: dt.date) -> list[CrossFlag]:
    """The flags that name one project (its page shows them whoever is looking)."""
    return _full(s, _sorted(s, [f for f in raw_flags(s, today=today) if project_id in f.project_ids]))


def find(s: Session, key: str, *, today: dt.date) -> CrossFlag | None:
    """The flag with this key, if the rules still find it."""
    found = _full(s, _sorted(s, [f for f in raw_flags(s, today=today) if f.key == key]))
    return found[0] if found else None


def waiting(s: Session, scope: Scope | None, *, today: dt.date) -> int:
    """How many flags the viewer may see wait for a decision (首页's count), as current as the page."""
    raw = _visible(s, scope, raw_flags(s, today=today), "")
    decided = _decisions(s)
    codes = _codes(s, raw, decided)
    return sum(1 for f in raw if _decision_of(s, f, decided, codes) is None)


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


