"""风险提示: load the records, run the pure red-flag rules, attach the inspector's decisions.

Flags are computed, never stored; what is stored is the inspector's decision on a flag
(`RedFlagDecision`, one row per project and flag key, audit-logged by the store), so a decision
sticks for as long as the flag's subjects stay the same."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.domain import (
    Acceptance,
    Answer,
    Complaint,
    Finding,
    Inspection,
    MaterialBatch,
    Party,
    Person,
    Project,
    PublicPosting,
    Rectification,
    RectificationReply,
    RedFlagDecision,
    Signatory,
    TestReport,
)
from inspector.domain.clock import CHINA_TZ, china_today
from inspector.domain.kinds import RECORD_KINDS
from inspector.domain.rules import redflags as rules
from inspector.services.changes import Changes
from inspector.services.errors import UserError, ValidationError
from inspector.services.lookup import live
from inspector.store import Reader, Unit, use_case

log = logging.getLogger(__name__)

# Tables whose changes can raise or clear a flag: views refresh their flags when one is touched.
FLAG_SOURCES = ("material_batches", "test_reports", "complaints", "public_postings", "persons", "parties", "projects",
                "rectifications", "findings", "red_flag_decisions", "inspections", "answers",
                "rectification_replies", "acceptances", "signatories")
# Checklist items whose answer (other than 不适用) means wet work was under way that day (RF-31).
WET_WORK_ITEMS = ("XC-23a", "XC-23b", "XC-23d", "XC-26a", "XC-26b", "XC-27", "XC-28", "XC-29")

DECISIONS = {"confirmed": "已确认", "dismissed": "已排除"}
STATUS_LABELS = {"open": "待核实", **DECISIONS}


@dataclass(frozen=True)
class FlagRow:
    """A flag as the UI shows it: the rule's output plus its project and the inspector's decision."""

    key: str
    rule: str
    project_id: str
    title: str
    message: str
    route: tuple[str, ...]
    subjects: tuple[rules.Subject, ...]
    project_code: str
    project_name: str
    status: str = "open"  # open / confirmed / dismissed
    reason: str = ""
    decided_by: str = ""
    decided_at: dt.datetime | None = None
    haystack: str = field(default="", repr=False)

    @property
    def id(self) -> str:
        return f"{self.project_id}|{self.key}"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def target(self) -> rules.Subject | None:
        return self.subjects[0] if self.subjects else None

    def concerns(self, kind: str, record_id: str) -> bool:
        return any(s.kind == kind and s.id == record_id for s in self.subjects)


def thresholds(store: Reader) -> rules.Thresholds:
    """Thresholds from the store's settings (`redflag.<name>`), defaults where unset or unreadable."""
    values = {}
    for f in fields(rules.Thresholds):
        raw = store.get_setting(f"redflag.{f.name}", "")
        if raw:
            try:
                values[f.name] = type(f.default)(raw)
            except ValueError:
                log.warning("ignoring unreadable setting redflag.%s=%r", f.name, raw)
    return rules.Thresholds(**values)


def _load(s: Session, project_id: str | None) -> rules.Inputs:
    """Everything the rules need. Batches, reports and people are loaded for every project (narrow
    columns), because duplicate numbers and concurrent posts cross projects; the rest only for
    `project_id` when one is given."""
    def mine(model):  # type: ignore[no-untyped-def]
        q = select(model).where(model.deleted.is_(False))
        return q.where(model.project_id == project_id) if project_id else q

    projects = [rules.ProjectIn(p.id, p.code, p.name, p.status, p.permit_date, p.start_date, p.finish_date)
                for p in s.execute(select(Project.id, Project.code, Project.name, Project.status, Project.permit_date,
                                          Project.start_date, Project.finish_date)
                                   .where(Project.deleted.is_(False)))]
    live = {p.id for p in projects}
    B = MaterialBatch
    batches = [rules.BatchIn(*row) for row in s.execute(
        select(B.id, B.project_id, B.material, B.spec, B.batch_no, B.quantity, B.unit, B.entry_date,
               B.certificate_no, B.certificate_quantity, B.retest_required, B.used, B.used_on, B.manufacturer,
               B.witness_name)
        .where(B.deleted.is_(False))) if row[1] in live]
    R = TestReport
    reports = [rules.ReportIn(*row) for row in s.execute(
        select(R.id, R.project_id, R.batch_id, R.agency, R.report_no, R.agency_qualification_expiry, R.sampled_on,
               R.tested_on, R.report_date, R.conclusion, R.client, R.witness_name, R.anti_forgery_code,
               R.verification).where(R.deleted.is_(False))) if row[1] in live]
    P = Person
    # Every role: concurrent posts, witnesses, signers, phones and attendance all need people.
    persons = [rules.PersonIn(*row) for row in s.execute(
        select(P.id, P.project_id, P.name, P.role, P.registration_no, P.active_from, P.active_to, P.party_id,
               P.phone, P.labour_contract_verified, P.social_insurance_verified, P.verified_on)
        .where(P.deleted.is_(False))) if row[1] in live]
    complaints = [rules.ComplaintIn(c.id, c.project_id, c.received_at.astimezone(CHINA_TZ).date(), c.location,
                                    c.status, c.deadline, c.content[:20])
                  for c in s.scalars(mine(Complaint)) if c.project_id in live]
    notices = [rules.NoticeIn(n.id, n.project_id, n.notice_no, n.status, n.deadline,
                              RECORD_KINDS["rectification"].label_of(n))
               for n in s.scalars(mine(Rectification)) if n.project_id in live]
    findings = [rules.FindingIn(f.id, f.project_id, f.description, f.status, f.deadline, f.rectification_id)
                for f in s.scalars(mine(Finding).where(Finding.rectification_id.is_(None), Finding.status == "open"))
                if f.project_id in live]
    postings = [rules.PostingIn(p.id, p.project_id, p.kind, p.posted_on, p.checked_on, p.call_answered, p.phone)
                for p in s.scalars(mine(PublicPosting)) if p.project_id in live]
    # Every project's parties: a shared phone (RF-25) crosses projects.
    parties = [rules.PartyIn(*row) for row in s.execute(
        select(Party.id, Party.project_id, Party.role, Party.name, Party.qualification_expiry, Party.credit_code,
               Party.contact_phone, Party.complaint_phone)
        .where(Party.deleted.is_(False))) if row[1] in live]
    inspections = _inspections(s, project_id, live)
    replies = [rules.ReplyIn(r.id, n.project_id, n.id, n.notice_no, r.reply_no, r.supervisor_opinion, r.verdict,
                             r.reinspected_on)
               for r, n in s.execute(select(RectificationReply, Rectification)
                                     .join(Rectification, Rectification.id == RectificationReply.rectification_id)
                                     .where(RectificationReply.deleted.is_(False), Rectification.deleted.is_(False)))
               if n.project_id in live and (not project_id or n.project_id == project_id)]
    signatories = [rules.SignatoryIn(sg.id, a.project_id, a.id, a.record_no, sg.role, sg.organisation, sg.person_name)
                   for sg, a in s.execute(select(Signatory, Acceptance)
                                          .join(Acceptance, Acceptance.id == Signatory.record_id)
                                          .where(Signatory.record_kind == "acceptance", Signatory.deleted.is_(False),
                                                 Acceptance.deleted.is_(False)))
                   if a.project_id in live and (not project_id or a.project_id == project_id)]
    # All projects stay in: concurrent posts need the other projects' status and dates; flags for
    # projects outside the scope are dropped by the caller.
    return rules.Inputs(projects, batches, reports, persons, complaints, notices, findings, postings, parties,
                        inspections, replies, signatories)


def _inspections(s: Session, project_id: str | None, live: set[str]) -> list[rules.InspectionIn]:
    """Each inspection's day, weather, attendance and the wet-work items it answered (not 不适用)."""
    q = select(Inspection).where(Inspection.deleted.is_(False))
    if project_id:
        q = q.where(Inspection.project_id == project_id)
    rows = [i for i in s.scalars(q) if i.project_id in live and i.started_at is not None]
    wet: dict[str, set[str]] = {}
    if rows:
        for iid, item in s.execute(select(Answer.inspection_id, Answer.item_id).where(
                Answer.deleted.is_(False), Answer.item_id.in_(WET_WORK_ITEMS), Answer.value.is_not(None),
                Answer.value != "na", Answer.inspection_id.in_([i.id for i in rows]))):
            wet.setdefault(iid, set()).add(item)
    return [rules.InspectionIn(i.id, i.project_id, i.record_no, i.started_at.astimezone(CHINA_TZ).date(), i.weather,
                               i.temperature_c, i.progress_note, dict(i.attendance or {}),
                               tuple(sorted(wet.get(i.id, ()))))
            for i in rows]


def _rows(s: Session, flags: list[rules.RedFlag]) -> list[FlagRow]:
    names = {pid: (code, name) for pid, code, name in s.execute(select(Project.id, Project.code, Project.name))}
    decisions = {(d.project_id, d.flag_key): d
                 for d in s.scalars(select(RedFlagDecision).where(RedFlagDecision.deleted.is_(False)))}
    out = []
    for f in flags:
        code, name = names.get(f.project_id, ("", ""))
        d = decisions.get((f.project_id, f.key))
        hay = " ".join([f.rule, f.title, f.message, code, name, *f.route]).lower()
        out.append(FlagRow(f.key, f.rule, f.project_id, f.title, f.message, f.route, f.subjects, code, name,
                           d.decision if d else "open", d.reason if d else "", d.updated_by if d else "",
                           d.updated_at if d else None, hay))
    return out


def _compute(store: Reader, project_id: str | None, today: dt.date | None) -> list[FlagRow]:
    th = thresholds(store)
    with store.read() as s:
        data = _load(s, project_id)
        flags = rules.compute(data, today=today or china_today(), thresholds=th)
        if project_id:
            flags = [f for f in flags if f.project_id == project_id]
        return _rows(s, flags)


def flags_for_project(store: Reader, *, project_id: str, today: dt.date | None = None) -> list[FlagRow]:
    """The project's flags, decided ones included (their `status` says so). Runs off the GUI thread."""
    with store.read() as s:
        live(s, Project, project_id, "项目")
    return _compute(store, project_id, today)


def all_flags(store: Reader, *, today: dt.date | None = None) -> list[FlagRow]:
    """Every project's flags, decided ones included. Runs off the GUI thread."""
    return _compute(store, None, today)


@use_case
def decide(uow: Unit, *, project_id: str, flag_key: str, decision: str, reason: str,
           today: dt.date | None = None) -> Changes:
    """Confirm or dismiss a flag with a reason, or reopen it (`decision="open"`). The flag must still
    be raised: a flag that went away because the data was corrected cannot be decided."""
    reason = (reason or "").strip()
    if decision not in (*DECISIONS, "open"):
        raise ValidationError({"decision": f"未知的处理结果“{decision}”（应为确认或排除）"})
    if decision != "open" and len(reason) < 2:
        raise ValidationError({"reason": f"{DECISIONS[decision]}风险提示须填写理由"})
    current = {f.key for f in flags_for_project(uow, project_id=project_id, today=today)}
    if flag_key not in current:
        raise UserError("该风险提示已不存在（相关记录可能已更正），请刷新后再试")
    s = uow.session
    d = s.scalar(select(RedFlagDecision).where(RedFlagDecision.project_id == project_id,
                                               RedFlagDecision.flag_key == flag_key))
    if decision == "open":
        if d is None or d.deleted:
            raise UserError("该风险提示尚未处理，无需重新打开")
        d.deleted = True
        d.reason = reason or d.reason
    elif d is None:
        d = RedFlagDecision(project_id=project_id, flag_key=flag_key, decision=decision, reason=reason)
        s.add(d)
    else:
        d.deleted = False
        d.decision = decision
        d.reason = reason
    return Changes.of("red_flag_decisions", ids=[d.id, project_id])


def flags_by_subject(rows: list[FlagRow], *, include_dismissed: bool = False) -> dict[tuple[str, str], list[FlagRow]]:
    """(kind, id) -> the flags that concern that record, for markers on list rows."""
    out: dict[tuple[str, str], list[FlagRow]] = {}
    for r in rows:
        if r.status == "dismissed" and not include_dismissed:
            continue
        for subj in r.subjects:
            out.setdefault((subj.kind, subj.id), []).append(r)
    return out
