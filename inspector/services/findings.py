"""问题 and the rectification loop: findings, 整改通知书 / 停工整改通知书, 整改回复, 复查, overdue.

Status changes follow `inspector.domain.rules.rectification`; an illegal one is refused with a
Chinese message and changes nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.domain import (
    Answer,
    Finding,
    Inspection,
    Party,
    Project,
    Rectification,
    RectificationFinding,
    RectificationReply,
    ReferralFinding,
)
from inspector.domain.clock import china_time, china_today
from inspector.domain.rules import rectification as rules
from inspector.domain.rules.duty import default_authority, duty_role
from inspector.domain.vocab import PartyRole, RequiredAction, Severity
from inspector.services.changes import Changes
from inspector.services.errors import UserError, ValidationError
from inspector.services.lookup import live
from inspector.services.numbering import next_number
from inspector.store import Reader, Unit, use_case

VERDICT_CLOSE = "同意销项"
VERDICT_ESCALATE = "未整改到位"
_CHANGED = ("findings", "rectifications", "rectification_replies")


@dataclass(frozen=True)
class FindingSnap:
    id: str
    project_id: str
    inspection_id: str | None
    rectification_id: str | None
    checklist_item: str
    description: str
    location: str
    severity: str
    action: str
    basis: str
    deadline: dt.date | None
    responsible_party_id: str | None
    responsible_party: str
    status: str
    closed_on: dt.date | None
    refer_to: str = ""  # the authority it is referred to (移送), if any
    referral_id: str | None = None  # the 案件线索移送函 that lists it, once one does

    @property
    def awaits_referral(self) -> bool:
        return bool(self.refer_to) and self.referral_id is None


@dataclass(frozen=True)
class RectRow:
    id: str
    project_id: str
    project_code: str
    project_name: str
    notice_no: str
    title: str
    action: str
    findings: int
    severity: str
    issued_on: dt.date
    deadline: dt.date | None
    days_overdue: int
    due_soon: bool
    status: str
    haystack: str = field(repr=False, default="")

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0

    @property
    def open(self) -> bool:
        return self.status in rules.NOTICE_OPEN


@dataclass(frozen=True)
class ReplySnap:
    id: str
    replied_on: dt.date
    measures: str
    result: str
    responsible_person: str
    supervisor_opinion: str
    reinspected_on: dt.date | None
    reinspector_name: str
    verdict: str
    verdict_note: str
    items: tuple[dict, ...] = ()  # per finding: measures, done_on, result
    reply_no: str = ""


@dataclass(frozen=True)
class RectDetail:
    row: RectRow
    inspection_id: str | None
    addressee_party_id: str | None
    addressee: str
    requirements: str
    stop_scope: str
    escalation_reason: str
    closed_on: dt.date | None
    locked: bool
    reissued_from_no: str
    reissued_as_no: str
    findings: tuple[FindingSnap, ...]
    replies: tuple[ReplySnap, ...]


# ---- helpers ------------------------------------------------------------------------------------

def _today(today: dt.date | None) -> dt.date:
    # The date a notice is issued on is China's date, whatever zone the laptop is set to.
    return today or china_today()


def _contractor(s: Session, project_id: str) -> str | None:
    return _party_of_role(s, project_id, PartyRole.CONTRACTOR.value)


def _party_of_role(s: Session, project_id: str, role: str) -> str | None:
    return s.scalar(select(Party.id).where(Party.project_id == project_id, Party.role == role,
                                           Party.deleted.is_(False)).order_by(Party.name).limit(1))


def responsible_party(s: Session, project_id: str, item_id: str) -> str | None:
    """The project's party that owes the duty of `item_id` (`domain/rules/duty.duty_role`); None
    when the project has not registered a party in that role (the inspector then picks one)."""
    return _party_of_role(s, project_id, duty_role(item_id))


def _finding(s: Session, finding_id: str) -> Finding:
    f = live(s, Finding, finding_id, "问题")
    return f


def _notice(s: Session, rectification_id: str) -> Rectification:
    r = live(s, Rectification, rectification_id, "整改通知书")
    return r


def _inspection_open(insp: Inspection) -> None:
    if insp.locked_at is not None:
        raise UserError(f"监督检查记录 {insp.record_no} 已签署锁定，不能再增改问题；如需更正，请创建更正版本。")


def _finding_open(s: Session, f: Finding) -> None:
    """A finding printed on a signed inspection record keeps what it says."""
    insp = s.get(Inspection, f.inspection_id) if f.inspection_id else None
    if insp is not None:
        _inspection_open(insp)


def _move_finding(f: Finding, new: str, today: dt.date) -> None:
    problem = rules.finding_transition_error(f.status, new)
    if problem:
        raise UserError(problem)
    f.status = new
    f.closed_on = today if new == "closed" else None


def _move_notice(r: Rectification, new: str) -> None:
    problem = rules.notice_transition_error(r.status, new)
    if problem:
        raise UserError(f"{r.notice_no}：{problem}")
    r.status = new


def _validate_finding(values: dict[str, Any]) -> None:
    problems: dict[str, str] = {}
    if "description" in values and not (values["description"] or "").strip():
        problems["description"] = "请填写问题描述"
    if "severity" in values and values["severity"] not in {x.value for x in Severity}:
        problems["severity"] = "严重程度应为 一般 / 较重 / 严重"
    if "action" in values and values["action"] not in {x.value for x in RequiredAction}:
        problems["action"] = "处理措施应为 限期整改 / 停工整改 / 移送处理"
    if "deadline" in values and values["deadline"] is not None and not isinstance(values["deadline"], dt.date):
        problems["deadline"] = "整改期限应为日期"
    if problems:
        raise ValidationError(problems)


def action_of(item: Any) -> str:
    """The checklist item's action on failure, as the Chinese term on the notice (移送处理 for an
    item that only refers: it goes on a 移送函, not on a notice)."""
    if str(getattr(item, "on_fail", "")) == "refer":
        return RequiredAction.REFER.value
    raw = str(getattr(item, "required_action", "") or getattr(item, "on_fail", "") or "")
    if raw in ("stop-work", "S", RequiredAction.STOP_WORK.value) or raw.startswith("S"):
        return RequiredAction.STOP_WORK.value
    if raw.startswith("stop") or "停工" in raw:
        return RequiredAction.STOP_WORK.value
    return RequiredAction.RECTIFY.value


def _snap(f: Finding, parties: dict[str, str], referrals: dict[str, str] | None = None) -> FindingSnap:
    return FindingSnap(f.id, f.project_id, f.inspection_id, f.rectification_id, f.checklist_item, f.description,
                       f.location, f.severity, f.action, f.basis, f.deadline, f.responsible_party_id,
                       parties.get(f.responsible_party_id or "", ""), f.status, f.closed_on, f.refer_to or "",
                       (referrals or {}).get(f.id))


def _referrals_of(s: Session, finding_ids: list[str]) -> dict[str, str]:
    """finding id -> the 移送函 listing it."""
    out: dict[str, str] = {}
    for i in range(0, len(finding_ids), 500):
        out.update(s.execute(select(ReferralFinding.finding_id, ReferralFinding.referral_id).where(
            ReferralFinding.finding_id.in_(finding_ids[i:i + 500]), ReferralFinding.deleted.is_(False))).all())
    return out


def _party_names(s: Session, project_ids: set[str]) -> dict[str, str]:
    return dict(s.execute(select(Party.id, Party.name).where(Party.project_id.in_(project_ids))).all())


# ---- findings -----------------------------------------------------------------------------------

@use_case
def add_finding(uow: Unit, *, project_id: str, description: str, severity: str = Severity.MINOR.value,
                action: str = RequiredAction.RECTIFY.value, deadline: dt.date | None = None,
                location: str = "", responsible_party_id: str | None = None, basis: str = "",
                inspection_id: str | None = None, answer_id: str | None = None, checklist_item: str = "",
                today: dt.date | None = None, refer_to: str = "") -> tuple[str, Changes]:
    """Record a finding by hand (or from an answer). Deadline and responsible party default from
    the severity and the party that owes the item's duty (the 施工单位 for a finding without an
    item). A finding marked 移送处理 is referred to `refer_to` (default: by its item)."""
    _validate_finding({"description": description, "severity": severity, "action": action, "deadline": deadline})
    if action == RequiredAction.REFER.value and not refer_to:
        refer_to = default_authority(checklist_item)
    s = uow.session
    live(s, Project, project_id, "项目")
    if inspection_id:
        insp = s.get(Inspection, inspection_id)
        if insp is None or insp.project_id != project_id:
            raise UserError("检查记录与项目不一致")
        _inspection_open(insp)
    f = Finding(project_id=project_id, inspection_id=inspection_id, answer_id=answer_id,
                checklist_item=checklist_item, description=description.strip(), location=location.strip(),
                severity=severity, action=action, basis=basis,
                deadline=deadline or rules.default_deadline(severity, _today(today)),
                responsible_party_id=responsible_party_id or responsible_party(s, project_id, checklist_item),
                status="open", refer_to=refer_to)
    s.add(f)
    return f.id, Changes.of("findings", ids=[f.id])


@use_case
def findings_from_failed(uow: Unit, *, inspection_id: str, today: dt.date | None = None) -> tuple[list[str], Changes]:
    """One finding per failed answer that has none yet, with severity, action, basis and referral
    from the checklist snapshot it was answered against, addressed to the party that owes the
    item's duty. Repeating it adds nothing."""
    from inspector.services.inspections import _item, _items_by_version

    s = uow.session
    insp = live(s, Inspection, inspection_id, "检查记录")
    _inspection_open(insp)
    start = _today(today)
    checklists = _items_by_version(s, inspection_id)
    have = set(s.scalars(select(Finding.answer_id).where(Finding.inspection_id == inspection_id,
                                                        Finding.deleted.is_(False))))
    ids = []
    for a in s.scalars(select(Answer).where(Answer.inspection_id == inspection_id, Answer.failed.is_(True),
                                            Answer.deleted.is_(False))):
        if a.id in have:
            continue
        item = _item(checklists, a.checklist_version_id, a.item_id)
        severity = item.severity if item.severity in {x.value for x in Severity} else Severity.MINOR.value
        text = rules.finding_description(item.text_zh, a.note, _measured(item, a.value))
        f = Finding(project_id=insp.project_id, inspection_id=inspection_id, answer_id=a.id,
                    checklist_item=item.id, description=text, severity=severity, action=action_of(item),
                    basis=str(getattr(item, "basis", "") or "")[:300],
                    deadline=rules.default_deadline(severity, start),
                    responsible_party_id=responsible_party(s, insp.project_id, item.id), status="open",
                    refer_to=(getattr(item, "refer_to", "") or default_authority(item.id)) if item.refers else "")
        s.add(f)
        ids.append(f.id)
    return ids, Changes.of("findings", ids=ids)


@use_case
def update_finding(uow: Unit, *, finding_id: str, values: dict[str, Any]) -> Changes:
    """Edit a finding not yet on a notice (description, location, severity, action, deadline…)."""
    allowed = {"description", "location", "severity", "action", "deadline", "responsible_party_id", "basis",
               "refer_to"}
    unknown = set(values) - allowed
    if unknown:
        raise ValidationError({k: f"不能修改字段“{k}”" for k in unknown})
    _validate_finding(values)
    s = uow.session
    f = _finding(s, finding_id)
    _finding_open(s, f)
    if f.status != "open":
        raise UserError("问题已列入整改通知书，不能再修改")
    for k, v in values.items():
        setattr(f, k, v.strip() if isinstance(v, str) else v)
    return Changes.of("findings", ids=[finding_id])


@use_case
def delete_finding(uow: Unit, *, finding_id: str) -> Changes:
    s = uow.session
    f = _finding(s, finding_id)
    _finding_open(s, f)
    if f.status != "open":
        raise UserError("问题已列入整改通知书，不能删除")
    f.deleted = True
    return Changes.of("findings", ids=[finding_id])


def list_findings(store: Reader, *, inspection_id: str | None = None,
                  rectification_id: str | None = None) -> list[FindingSnap]:
    q = select(Finding).where(Finding.deleted.is_(False))
    if inspection_id:
        q = q.where(Finding.inspection_id == inspection_id)
    if rectification_id:
        q = q.where(Finding.rectification_id == rectification_id)
    with store.read() as s:
        found = list(s.scalars(q.order_by(Finding.checklist_item, Finding.description)))
        parties = _party_names(s, {f.project_id for f in found})
        referrals = _referrals_of(s, [f.id for f in found])
        return [_snap(f, parties, referrals) for f in found]


# ---- notices ------------------------------------------------------------------------------------

@use_case
def issue_notice(uow: Unit, *, inspection_id: str, finding_ids: list[str] | None = None,
                 addressee_party_id: str | None = None, requirements: str = "", stop_scope: str = "",
                 issued_on: dt.date | None = None, action: str | None = None,
                 deadline: dt.date | None = None) -> tuple[str, Changes]:
    """Group the inspection's open findings (or the given ones) under one numbered notice:
    停工整改通知书 if any requires stopping work (or as `action` chooses); deadline = the earliest
    finding deadline unless given. Dated no earlier than the inspection. The addressee (受检单位)
    is the party the findings are addressed to, else the project's 施工单位 (a notice goes to one
    party: findings of several parties are issued with `issue_notices`, one notice each).
    Findings only for referral (移送处理) never go on a notice."""
    issued_on = _today(issued_on)
    s = uow.session
    insp = live(s, Inspection, inspection_id, "检查记录")
    issued_on = rules.issue_date(issued_on, china_time(insp.started_at).date() if insp.started_at else None)
    q = select(Finding).where(Finding.inspection_id == inspection_id, Finding.deleted.is_(False))
    if finding_ids:
        q = q.where(Finding.id.in_(finding_ids))
    else:
        q = q.where(Finding.status == "open", Finding.action != RequiredAction.REFER.value)
    findings = list(s.scalars(q))
    if not findings:
        raise UserError("没有可列入整改通知书的问题（问题须为“待通知”状态）")
    addressee = addressee_party_id or _addressee(s, insp.project_id, findings)
    _check_notice(findings, action, addressee, deadline, issued_on)
    r = _new_notice(s, project_id=insp.project_id, inspection_id=inspection_id, findings=findings,
                    addressee_party_id=addressee, requirements=requirements,
                    stop_scope=stop_scope, issued_on=issued_on, deadline=deadline, action=action)
    return r.id, Changes.of(*_CHANGED, ids=[r.id])


def _check_notice(findings: list[Finding], action: str | None, addressee: str | None, deadline: dt.date | None,
                  issued_on: dt.date) -> None:
    """The notice as chosen (type, findings, 受检单位, deadline) must make sense: domain rules."""
    chosen = action or rules.notice_action({f.action for f in findings})
    problems = rules.notice_problems(action=chosen, finding_actions=[f.action for f in findings],
                                     addressee_party_id=addressee, deadline=deadline, issued_on=issued_on,
                                     finding_parties=[f.responsible_party_id for f in findings])
    if problems:
        raise ValidationError(problems)


def _measured(item: Any, value: str | None) -> str:
    """A failed number as measured, with its unit (for the finding's description)."""
    if getattr(item, "answer", "") != "number" or not value or value == "na":
        return ""
    unit = str(getattr(item, "unit", "") or "")
    return f"{value}{unit}" if unit == "%" else f"{value} {unit}".strip()


def _addressee(s: Session, project_id: str, findings: list[Finding]) -> str | None:
    """The one party the findings are addressed to (the 施工单位 for findings addressed to none)."""
    parties = {f.responsible_party_id for f in findings if f.responsible_party_id}
    if len(parties) > 1:
        names = _party_names(s, {project_id})
        raise UserError("所选问题分属不同的责任单位（" + "、".join(sorted(names.get(p, p) for p in parties))
                        + "），整改通知书应分别下发给各责任单位。")
    return next(iter(parties), None) or _contractor(s, project_id)


@use_case
def issue_notices(uow: Unit, *, inspection_id: str, requirements: str = "",
                  issued_on: dt.date | None = None) -> tuple[list[str], list[str], Changes]:
    """Everything the inspection's open findings call for, at once: one notice per responsible
    party (a 停工整改通知书 where a finding stops work), and one 案件线索移送函 per authority for
    the findings whose item refers (移送) — those only for referral go on no notice. Returns
    (notice ids, referral ids, changes)."""
    from inspector.services import referrals

    issued_on = _today(issued_on)
    s = uow.session
    insp = live(s, Inspection, inspection_id, "检查记录")
    open_findings = list(s.scalars(select(Finding).where(
        Finding.inspection_id == inspection_id, Finding.deleted.is_(False), Finding.status == "open")
        .order_by(Finding.checklist_item, Finding.id)))
    groups: dict[str | None, list[Finding]] = {}
    for f in open_findings:
        if f.action != RequiredAction.REFER.value:
            groups.setdefault(f.responsible_party_id or _contractor(s, insp.project_id), []).append(f)
    referable = [f.id for f in open_findings if f.refer_to]
    if not groups and not referable:
        raise UserError("没有待处理的问题（问题须为“待通知”状态）")
    notices = []
    for party, findings in groups.items():
        r = _new_notice(s, project_id=insp.project_id, inspection_id=inspection_id, findings=findings,
                        addressee_party_id=party, requirements=requirements, stop_scope="", issued_on=issued_on)
        notices.append(r.id)
    referral_ids: list[str] = []
    changes = Changes.of(*_CHANGED, ids=notices)
    if referable:
        referral_ids, ch = referrals.refer_findings(uow, inspection_id=inspection_id, finding_ids=referable,
                                                    issued_on=issued_on)
        changes = changes | ch
    return notices, referral_ids, changes


def _new_notice(s: Session, *, project_id: str, inspection_id: str | None, findings: list[Finding],
                addressee_party_id: str | None, requirements: str, stop_scope: str, issued_on: dt.date,
                deadline: dt.date | None = None, reissued_from_id: str | None = None,
                action: str | None = None) -> Rectification:
    action = action or rules.notice_action({f.action for f in findings})
    r = Rectification(project_id=project_id, inspection_id=inspection_id, action=action,
                      addressee_party_id=addressee_party_id or _contractor(s, project_id), issued_on=issued_on,
                      deadline=deadline or min((f.deadline for f in findings if f.deadline), default=issued_on),
                      requirements=requirements.strip(), stop_scope=stop_scope.strip(), status="issued",
                      reissued_from_id=reissued_from_id)
    r.notice_no = next_number(s, "rectification", issued_on.year, r)
    s.add(r)
    # What the notice lists is fixed when it is issued (and signed with it); the finding's own
    # rectification_id only follows it to the notice it is on now.
    ordered = sorted(findings, key=lambda f: (f.checklist_item, f.id))
    for pos, f in enumerate(ordered):
        s.add(RectificationFinding(rectification_id=r.id, finding_id=f.id, position=pos))
        _move_finding(f, "notified", issued_on)
        f.rectification_id = r.id
    return r


@use_case
def record_reply(uow: Unit, *, rectification_id: str, replied_on: dt.date, measures: str, result: str = "",
                 responsible_person: str = "", supervisor_opinion: str = "",
                 items: list[dict[str, Any]] | None = None) -> tuple[str, Changes]:
    """整改回复: the contractor's measures and result, with the supervisor's opinion; `items`: the
    measures, completion date and result per listed finding (see `update_reply_items`)."""
    problems = {}
    if not measures.strip():
        problems["measures"] = "请填写整改措施"
    if not isinstance(replied_on, dt.date):
        problems["replied_on"] = "请填写回复日期"
    if problems:
        raise ValidationError(problems)
    s = uow.session
    r = _notice(s, rectification_id)
    if replied_on < r.issued_on:
        raise ValidationError({"replied_on": f"回复日期不能早于通知下发日期（{r.issued_on:%Y-%m-%d}）"})
    _move_notice(r, "replied")
    for f in s.scalars(select(Finding).where(Finding.rectification_id == r.id, Finding.deleted.is_(False))):
        if f.status == "notified":
            _move_finding(f, "replied", replied_on)
    reply = RectificationReply(rectification_id=r.id, reply_no=next_number(s, "reply", replied_on.year),
                               replied_on=replied_on, measures=measures.strip(), result=result.strip(),
                               responsible_person=responsible_person.strip(),
                               supervisor_opinion=supervisor_opinion.strip(), items=[])
    s.add(reply)
    if items:
        s.flush()
        update_reply_items(uow, reply_id=reply.id, items=items)
    return reply.id, Changes.of(*_CHANGED, ids=[r.id, reply.id])


@use_case
def update_reply_items(uow: Unit, *, reply_id: str, items: list[dict[str, Any]]) -> Changes:
    """The reply item by item: for each finding the notice listed, the measures taken, the date it
    was completed and the result. A date before the notice or after the reply is refused."""
    s = uow.session
    reply = live(s, RectificationReply, reply_id, "整改回复单")
    r = _notice(s, reply.rectification_id)
    listed = set(s.scalars(select(RectificationFinding.finding_id).where(
        RectificationFinding.rectification_id == r.id, RectificationFinding.deleted.is_(False))))
    clean: list[dict[str, str]] = []
    problems: dict[str, str] = {}
    for n, x in enumerate(items, 1):
        fid = str(x.get("finding_id") or "")
        if fid not in listed:
            problems[f"items.{n}"] = f"第 {n} 项不是该通知书所列的问题"
            continue
        row = {"finding_id": fid, "measures": str(x.get("measures") or "").strip()[:500],
               "done_on": str(x.get("done_on") or "").strip(), "result": str(x.get("result") or "").strip()[:200]}
        if row["done_on"]:
            try:
                done = dt.date.fromisoformat(row["done_on"])
            except ValueError:
                problems[f"items.{n}"] = f"第 {n} 项：完成日期格式应为 YYYY-MM-DD"
                continue
            if done < r.issued_on:
                problems[f"items.{n}"] = f"第 {n} 项：完成日期不能早于通知下发日期（{r.issued_on:%Y-%m-%d}）"
            elif done > reply.replied_on:
                problems[f"items.{n}"] = f"第 {n} 项：完成日期不能晚于回复日期（{reply.replied_on:%Y-%m-%d}）"
        clean.append(row)
    if problems:
        raise ValidationError(problems)
    reply.items = clean
    return Changes.of("rectification_replies", ids=[reply_id, r.id])


@use_case
def reinspect(uow: Unit, *, rectification_id: str, verdict: str, reinspected_on: dt.date,
              reinspector_name: str = "", note: str = "", override_reason: str = "") -> Changes:
    """复查 of the latest reply: 同意销项 closes the notice and its findings — with evidence (photos
    of the rectified work, the reply signed off) or the inspector's `override_reason`, which is kept
    in the 复查 说明 and printed on the 复查记录; 未整改到位 escalates them (a reason is required)
    so that the notice can be re-issued."""
    if verdict not in (VERDICT_CLOSE, VERDICT_ESCALATE):
        raise ValidationError({"verdict": f"复查结论应为“{VERDICT_CLOSE}”或“{VERDICT_ESCALATE}”"})
    if verdict == VERDICT_ESCALATE and not note.strip():
        raise ValidationError({"note": "未整改到位须说明理由"})
    s = uow.session
    r = _notice(s, rectification_id)
    reply = s.scalars(select(RectificationReply).where(RectificationReply.rectification_id == r.id,
                                                       RectificationReply.deleted.is_(False))
                      .order_by(RectificationReply.replied_on.desc(), RectificationReply.updated_at.desc())
                      ).first()
    if reply is None or r.status != "replied":
        raise UserError(f"{r.notice_no}：尚未收到整改回复，不能复查")
    if reinspected_on < reply.replied_on:
        raise ValidationError({"reinspected_on": "复查日期不能早于回复日期"})
    if verdict == VERDICT_CLOSE:
        note = _closing_evidence(s, reply, note, override_reason)
    reply.reinspected_on, reply.reinspector_name = reinspected_on, reinspector_name or uow.actor.name
    reply.verdict, reply.verdict_note = verdict, note.strip()
    new = "closed" if verdict == VERDICT_CLOSE else "escalated"
    _move_notice(r, new)
    if new == "closed":
        r.closed_on = reinspected_on
    else:
        r.escalation_reason = note.strip()
    for f in s.scalars(select(Finding).where(Finding.rectification_id == r.id, Finding.deleted.is_(False))):
        if f.status != "closed":
            _move_finding(f, new, reinspected_on)
    return Changes.of(*_CHANGED, ids=[rectification_id])


def _closing_evidence(s: Session, reply: RectificationReply, note: str, override_reason: str) -> str:
    """Refuse a 销项 without evidence unless overridden; the 复查 说明 to keep (with the override)."""
    problems = rules.closing_problems(photos=reply_photo_count(s, reply.id),
                                      responsible_person=reply.responsible_person,
                                      supervisor_opinion=reply.supervisor_opinion)
    if not problems:
        return note
    if not override_reason.strip():
        raise ValidationError({"evidence": rules.MESSAGES["evidence"].format(problems="；".join(problems))})
    kept = rules.MESSAGES["override_note"].format(problems="；".join(problems), reason=override_reason.strip())
    return f"{kept}。{note.strip()}" if note.strip() else kept


def reply_photo_count(s: Session, reply_id: str) -> int:
    """Photos linked to a reply: the contractor's of the rectified work and the re-inspection's."""
    from sqlalchemy import func

    from inspector.domain import PhotoLink

    return s.scalar(select(func.count()).select_from(PhotoLink).where(
        PhotoLink.target_kind == "reply", PhotoLink.target_id == reply_id, PhotoLink.deleted.is_(False))) or 0


def closing_problems(store: Reader, *, rectification_id: str) -> list[str]:
    """What a 销项 of the notice would lack now (for the UI to ask for the override up front)."""
    with store.read() as s:
        r = _notice(s, rectification_id)
        reply = s.scalars(select(RectificationReply).where(RectificationReply.rectification_id == r.id,
                                                           RectificationReply.deleted.is_(False))
                          .order_by(RectificationReply.replied_on.desc(), RectificationReply.updated_at.desc())
                          ).first()
        if reply is None:
            return []
        return rules.closing_problems(photos=reply_photo_count(s, reply.id),
                                      responsible_person=reply.responsible_person,
                                      supervisor_opinion=reply.supervisor_opinion)


@use_case
def escalate(uow: Unit, *, rectification_id: str, reason: str, today: dt.date | None = None) -> Changes:
    """Escalate a notice without a (satisfactory) reply, e.g. overdue with no reply."""
    if not reason.strip():
        raise ValidationError({"reason": "请填写升级理由"})
    s = uow.session
    r = _notice(s, rectification_id)
    _move_notice(r, "escalated")
    r.escalation_reason = reason.strip()
    for f in s.scalars(select(Finding).where(Finding.rectification_id == r.id, Finding.deleted.is_(False))):
        if f.status != "closed":
            _move_finding(f, "escalated", _today(today))
    return Changes.of("rectifications", "findings", ids=[rectification_id])


@use_case
def reissue_notice(uow: Unit, *, rectification_id: str, deadline: dt.date, requirements: str = "",
                   issued_on: dt.date | None = None) -> tuple[str, Changes]:
    """A new notice for the findings of an escalated one that are not closed; the old one stays
    escalated and the new one points back at it."""
    issued_on = _today(issued_on)
    if deadline < issued_on:
        raise ValidationError({"deadline": "整改期限不能早于下发日期"})
    s = uow.session
    old = _notice(s, rectification_id)
    if old.status != "escalated":
        raise UserError(f"{old.notice_no}：只有已升级的通知书可以重新下发")
    if s.scalar(select(Rectification.id).where(Rectification.reissued_from_id == old.id,
                                               Rectification.deleted.is_(False))):
        raise UserError(f"{old.notice_no} 已重新下发过")
    findings = list(s.scalars(select(Finding).where(Finding.rectification_id == old.id,
                                                    Finding.status == "escalated", Finding.deleted.is_(False))))
    if not findings:
        raise UserError(f"{old.notice_no}：没有未销项的问题")
    text = requirements.strip() or f"原通知书 {old.notice_no} 所列问题未整改到位，限期重新整改。"
    # The findings keep the deadline they were first given (printed on the signed records that list
    # them); the re-issued notice carries its own, which its record prints for each of them.
    new = _new_notice(s, project_id=old.project_id, inspection_id=old.inspection_id, findings=findings,
                      addressee_party_id=old.addressee_party_id, requirements=text, stop_scope=old.stop_scope,
                      issued_on=issued_on, deadline=deadline, reissued_from_id=old.id)
    return new.id, Changes.of(*_CHANGED, ids=[old.id, new.id])


@use_case
def update_notice(uow: Unit, *, rectification_id: str, values: dict[str, Any]) -> Changes:
    """Edit the addressee, requirements, stop scope or deadline of a notice not yet replied to."""
    allowed = {"addressee_party_id", "requirements", "stop_scope", "deadline"}
    unknown = set(values) - allowed
    if unknown:
        raise ValidationError({k: f"不能修改字段“{k}”" for k in unknown})
    s = uow.session
    r = _notice(s, rectification_id)
    if r.status != "issued":
        raise UserError(f"{r.notice_no}：已回复或已处理的通知书不能修改")
    if "deadline" in values and values["deadline"] and values["deadline"] < r.issued_on:
        raise ValidationError({"deadline": "整改期限不能早于下发日期"})
    for k, v in values.items():
        setattr(r, k, v.strip() if isinstance(v, str) else v)
    return Changes.of("rectifications", ids=[rectification_id])


# ---- queries ------------------------------------------------------------------------------------

def list_rectifications(store: Reader, *, today: dt.date | None = None, project_id: str | None = None) -> list[RectRow]:
    """Every notice with its findings count, worst severity and overdue days (for 整改跟踪)."""
    today = _today(today)
    q = (select(Rectification, Project.code, Project.name).join(Project, Project.id == Rectification.project_id)
         .where(Rectification.deleted.is_(False)))
    if project_id:
        q = q.where(Rectification.project_id == project_id)
    with store.read() as s:
        sev: dict[str, list[str]] = {}
        for rid, severity in s.execute(select(Finding.rectification_id, Finding.severity).where(
                Finding.rectification_id.is_not(None), Finding.deleted.is_(False))):
            sev.setdefault(rid, []).append(severity)
        rows = [_row(r, code, name, sev.get(r.id, []), today) for r, code, name in s.execute(q)]
    rows.sort(key=lambda x: (x.deadline or dt.date.max, x.notice_no))
    return rows


def _row(r: Rectification, code: str, name: str, severities: list[str], today: dt.date) -> RectRow:
    hay = " ".join([code, name, r.notice_no, r.requirements, r.action]).lower()
    return RectRow(r.id, r.project_id, code, name, r.notice_no, rules.notice_title(r.action), r.action,
                   len(severities), rules.worst_severity(severities), r.issued_on, r.deadline,
                   rules.days_overdue(r.deadline, r.status, today), rules.due_within(r.deadline, r.status, today),
                   r.status, hay)


def overdue_rectifications(store: Reader, *, today: dt.date | None = None) -> list[RectRow]:
    return [r for r in list_rectifications(store, today=today) if r.overdue]


def get_rectification(store: Reader, rectification_id: str, *, today: dt.date | None = None) -> RectDetail:
    with store.read() as s:
        r = _notice(s, rectification_id)
        project = s.get(Project, r.project_id)
        parties = _party_names(s, {r.project_id})
        findings = list(s.scalars(select(Finding).where(Finding.rectification_id == r.id, Finding.deleted.is_(False))
                                  .order_by(Finding.checklist_item, Finding.description)))
        replies = tuple(ReplySnap(x.id, x.replied_on, x.measures, x.result, x.responsible_person,
                                  x.supervisor_opinion, x.reinspected_on, x.reinspector_name, x.verdict,
                                  x.verdict_note, tuple(x.items or ()), x.reply_no)
                        for x in s.scalars(select(RectificationReply).where(
                            RectificationReply.rectification_id == r.id, RectificationReply.deleted.is_(False))
                            .order_by(RectificationReply.replied_on, RectificationReply.reply_no)))
        prev = s.get(Rectification, r.reissued_from_id) if r.reissued_from_id else None
        nxt = s.scalar(select(Rectification.notice_no).where(Rectification.reissued_from_id == r.id))
        return RectDetail(_row(r, project.code, project.name, [f.severity for f in findings], _today(today)),
                          r.inspection_id, r.addressee_party_id, parties.get(r.addressee_party_id or "", ""),
                          r.requirements, r.stop_scope, r.escalation_reason, r.closed_on, r.locked_at is not None,
                          prev.notice_no if prev else "", nxt or "",
                          tuple(_snap(f, parties) for f in findings), replies)


def inspection_of_finding(store: Reader, *, finding_id: str) -> str | None:
    """The inspection a finding was raised on (None for one raised elsewhere, e.g. a complaint)."""
    with store.read() as s:
        return _finding(s, finding_id).inspection_id
