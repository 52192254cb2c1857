"""The office's cross-inspector red-flag rules as they were before issue 13 (commit e7a927a of
`inspector/office/web/crossflags.py`, the rules and `compute` verbatim, minus the unused imports):
the oracle `test_redflags.py` compares the faster rules against, flag for flag."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select, union_all
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
    TestReport,
)
from inspector.sync.scope import Scope

ACTIVE = ("在建", "待验收")
OPEN = ("issued", "replied", "escalated")
PREFIX = "office:"  # flag keys of the office's own rules (the laptops' keys never start so)
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
    if not ids:
        return {}
    return {r[0]: tuple(r) for r in s.execute(select(Project.id, Project.code, Project.name, Project.district)
                                              .where(Project.id.in_(ids)))}


def _same_person(s: Session) -> list[tuple[str, str, str, set[str]]]:
    live = and_(Person.deleted.is_(False), Project.deleted.is_(False), Project.status.in_(ACTIVE),
                Person.registration_no != "")
    groups = (select(Person.registration_no).join(Project, Project.id == Person.project_id).where(live)
              .group_by(Person.registration_no)
              .having(or_(func.count(func.distinct(func.coalesce(Project.inspector_id, ""))) > 1,
                          func.count(func.distinct(Project.district)) > 1)))
    out: dict[str, tuple[str, set[str]]] = {}
    for reg, name, pid in s.execute(select(Person.registration_no, Person.name, Person.project_id)
                                    .join(Project, Project.id == Person.project_id)
                                    .where(live, Person.registration_no.in_(groups))):
        out.setdefault(reg, (name, set()))[1].add(pid)
    return [(f"person:{reg}", f"{name}（注册证书号 {reg}）",
             "同一关键人员同时在不同监督员或不同县区的在建项目任职", pids) for reg, (name, pids) in out.items()]


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
    # are few, and their other projects are then found through the parties' indexes.
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
    codes = [k for k in stopped if k.isascii()]
    names = [v[0] for v in stopped.values()]
    out: dict[str, tuple[str, str, set[str]]] = {}
    for name, code, other_pid, start in s.execute(
            select(Party.name, Party.credit_code, Project.id, Project.start_date)
            .join(Project, Project.id == Party.project_id)
            .where(Party.role == "施工单位", Party.deleted.is_(False), Project.deleted.is_(False),
                   Project.status.in_(ACTIVE), or_(Party.credit_code.in_(codes), Party.name.in_(names)))):
        hit = stopped.get(code or name)
        if hit is None or hit[1] == other_pid or start is None or start < hit[3]:
            continue
        entry = out.setdefault(f"{code or name}:{hit[1]}", (hit[0], hit[2], {hit[1]}))
        entry[2].add(other_pid)
    return [(f"stopwork:{k}", f"施工单位 {name}", f"停工整改（{notice}）未解除期间又开工其他项目", pids)
            for k, (name, notice, pids) in out.items()]


def compute(s: Session, scope: Scope | None, *, today: dt.date, kind: str = "") -> list[CrossFlag]:
    """Every cross-inspector flag the viewer may see (one that names any project of theirs)."""
    rules = {"person": lambda: _same_person(s), "report": lambda: _same_report(s), "photo": lambda: _same_photo(s),
             "expired": lambda: _expired(s, today), "stopwork": lambda: _stop_work(s)}
    raw = [(k, item) for k, fn in rules.items() if not kind or k == kind for item in fn()]
    visible: set[str] | None = None
    if scope is not None:
        visible = set(s.scalars(scope.projects()))
    ids = {pid for _, (_, _, _, pids) in raw for pid in pids}
    names = _projects(s, ids)
    decisions = {(d.project_id, d.flag_key): d for d in s.scalars(
        select(RedFlagDecision).where(RedFlagDecision.flag_key.like(PREFIX + "%"), RedFlagDecision.deleted.is_(False)))}
    flags = []
    for k, (key, title, detail, pids) in raw:
        if visible is not None and not (pids & visible):
            continue
        full = PREFIX + key
        projects = sorted((names[p] for p in pids if p in names), key=lambda p: p[1])
        d = next((decisions[(p[0], full)] for p in projects if (p[0], full) in decisions), None)
        flags.append(CrossFlag(full, k, title, detail, projects, d.decision if d else "", d.reason if d else ""))
    return sorted(flags, key=lambda f: (bool(f.decision), f.kind, f.title))
