"""投诉 and 公示: residents' complaints (linked to the finding they caused) and the posted complaint
phones and boards as checked on site.

The complainant's phone is personal data: lists carry it masked (138****5678); only
`get_complaint`, which feeds the edit dialog, returns it in full."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from inspector.domain import Complaint, Finding, Project, PublicPosting

# Complaints are received in Xining: wall-clock times are Asia/Shanghai (UTC+08:00, no DST).
from inspector.domain.clock import CHINA_TZ, china_today
from inspector.domain.rules import validation as v
from inspector.domain.rules.fields import Field, parse_value, parse_values
from inspector.domain.vocab import COMPLAINT_STATUS_LABELS, FINDING_STATUS_LABELS, ComplaintChannel, Severity
from inspector.services.changes import Changes
from inspector.services.errors import NotFound, UserError, ValidationError
from inspector.services.lookup import live
from inspector.store import Reader, Unit, use_case

POSTING_KINDS = ("质量监督投诉电话", "监理单位投诉电话", "五牌一图", "维权信息告示牌")
_PHONE_KINDS = POSTING_KINDS[:2]
CALL_LABELS = {None: "", True: "接通", False: "未接通"}
_STATUS_BY_LABEL = {label: code for code, label in COMPLAINT_STATUS_LABELS.items()}

COMPLAINT_FIELDS: tuple[Field, ...] = (
    Field("received_at", "受理时间", "text", required=True),  # YYYY-MM-DD HH:MM, local time
    Field("channel", "渠道", "choice", required=True, choices=tuple(ComplaintChannel)),
    Field("content", "投诉内容", "longtext", required=True),
    Field("location", "部位（楼栋/单元）", "text"),
    Field("complainant_name", "投诉人", "text"),
    Field("complainant_phone", "联系电话", "text"),
    Field("deadline", "处理期限", "date"),
    Field("status", "状态", "choice", required=True, choices=tuple(COMPLAINT_STATUS_LABELS.values())),
    Field("resolution", "处理结果", "longtext"),
    Field("resolved_on", "办结日期", "date"),
)

POSTING_FIELDS: tuple[Field, ...] = (
    Field("kind", "公示类别", "choice", required=True, choices=POSTING_KINDS),
    Field("phone", "公示电话", "text"),
    Field("posted_on", "公示日期", "date"),
    Field("checked_on", "核查日期", "date"),
    Field("call_answered", "试拨结果", "choice", choices=("接通", "未接通")),
    Field("note", "备注", "longtext"),
)

_COMPLAINT = {f.name: f for f in COMPLAINT_FIELDS}
_POSTING = {f.name: f for f in POSTING_FIELDS}


@dataclass(frozen=True)
class ComplaintRow:
    id: str
    project_id: str
    received_at: dt.datetime  # UTC
    channel: str
    content: str
    location: str
    complainant_name: str
    phone_masked: str  # never the full number
    deadline: dt.date | None
    status: str
    resolution: str
    resolved_on: dt.date | None
    finding_id: str | None
    finding: str  # the linked finding's description and status, for "see its resolution"
    haystack: str = field(default="", repr=False)

    @property
    def status_label(self) -> str:
        return COMPLAINT_STATUS_LABELS.get(self.status, self.status)

    @property
    def received_local(self) -> str:
        return local_text(self.received_at)


@dataclass(frozen=True)
class PostingRow:
    id: str
    project_id: str
    kind: str
    phone: str  # a posted public number, not personal data
    posted_on: dt.date | None
    checked_on: dt.date | None
    call_answered: bool | None
    note: str

    @property
    def call_label(self) -> str:
        return CALL_LABELS[self.call_answered]


def local_text(when: dt.datetime | None) -> str:
    return when.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M") if when else ""


def parse_local_datetime(raw: Any, label: str) -> dt.datetime:
    """'2026-05-03 14:20' (or a date alone, or a datetime) in Xining time -> aware UTC."""
    if isinstance(raw, dt.datetime):
        return (raw if raw.tzinfo else raw.replace(tzinfo=CHINA_TZ)).astimezone(dt.UTC)
    text = re.sub(r"\s+", " ", str(raw or "").strip().replace("/", "-").replace("T", " "))
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).replace(tzinfo=CHINA_TZ).astimezone(dt.UTC)
        except ValueError:
            continue
    raise ValueError(f"{label}应为日期时间（如 2026-05-03 14:20）")


def _received_at(spec: Field, value: Any) -> dt.datetime | None:
    empty = value is None or (isinstance(value, str) and not value.strip())
    return None if empty else parse_local_datetime(value, spec.label)


def _status(spec: Field, value: Any) -> str:
    return _STATUS_BY_LABEL.get(parse_value(spec, COMPLAINT_STATUS_LABELS.get(value, value)), "open")


def _call_answered(spec: Field, value: Any) -> bool | None:
    return {"": None, "接通": True, "未接通": False}[parse_value(spec, CALL_LABELS.get(value, value))]


# Inputs shown as labels (status, call result) or as local time are stored as codes and UTC.
_CONVERTERS = {"received_at": _received_at, "status": _status, "call_answered": _call_answered}


def _parse(specs: dict[str, Field], raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    return parse_values(specs, raw, _CONVERTERS)


def _required(specs: dict[str, Field], merged: dict[str, Any]) -> dict[str, str]:
    return {f.name: f"{f.label}不能为空" for f in specs.values()
            if f.required and (merged.get(f.name) is None or merged.get(f.name) == "")}


def validate_complaint(m: dict[str, Any], *, today: dt.date) -> dict[str, str]:
    problems = _required(_COMPLAINT, m)
    received = m.get("received_at")
    received_day = received.astimezone(CHINA_TZ).date() if received else None
    if received_day and received_day > today:
        problems["received_at"] = "受理时间晚于今天，请核对"
    msg = v.check_phone(m.get("complainant_phone") or "", "联系电话")
    if msg:
        problems["complainant_phone"] = msg
    msg = v.check_date_order(received_day, m.get("deadline"), "受理日期", "处理期限")
    if msg:
        problems["deadline"] = msg
    if m.get("status") == "resolved":
        if not (m.get("resolution") or "").strip():
            problems["resolution"] = "办结须填写处理结果"
        if m.get("resolved_on") and m["resolved_on"] > today:
            problems["resolved_on"] = "办结日期晚于今天，请核对"
        msg = v.check_date_order(received_day, m.get("resolved_on"), "受理日期", "办结日期")
        if msg:
            problems["resolved_on"] = msg
    return problems


@use_case
def save_complaint(uow: Unit, *, project_id: str, fields: dict[str, Any], complaint_id: str | None = None,
                   today: dt.date | None = None) -> tuple[str, Changes]:
    """Create or edit a complaint; all fields validated together, nothing saved on error. Marking it
    已办结 without a date stamps today; reopening clears the date."""
    today = today or china_today()
    values, problems = _parse(_COMPLAINT, fields)
    if problems:
        raise ValidationError(problems)
    s = uow.session
    live(s, Project, project_id, "项目")
    if complaint_id:
        c = s.get(Complaint, complaint_id)
        if c is None or c.deleted or c.project_id != project_id:
            raise NotFound("投诉记录不存在或已删除")
        merged = {f.name: getattr(c, f.name) for f in COMPLAINT_FIELDS} | values
    else:
        merged = {"location": "", "complainant_name": "", "complainant_phone": "", "resolution": "",
                  "status": "open", "deadline": None, "resolved_on": None, "content": "",
                  "channel": "", "received_at": None} | values
        c = Complaint(project_id=project_id)
    if merged.get("status") == "resolved" and not merged.get("resolved_on"):
        merged["resolved_on"] = today
    if merged.get("status") != "resolved":
        merged["resolved_on"] = None
    problems = validate_complaint(merged, today=today)
    if problems:
        raise ValidationError(problems)
    for k, val in merged.items():
        setattr(c, k, val)
    if complaint_id is None:
        s.add(c)
    return c.id, Changes.of("complaints", ids=[c.id])


@use_case
def resolve_complaint(uow: Unit, *, complaint_id: str, resolution: str, resolved_on: dt.date | None = None,
                      today: dt.date | None = None) -> Changes:
    """办结: record how it was resolved."""
    c = get_complaint(uow, complaint_id)
    _, changes = save_complaint(uow, project_id=c["project_id"], complaint_id=complaint_id, today=today,
                                fields={"status": "resolved", "resolution": resolution,
                                        "resolved_on": resolved_on or ""})
    return changes


def get_complaint(store: Reader, complaint_id: str) -> dict[str, Any]:
    """The full record for the edit dialog: the only place the phone is given unmasked."""
    with store.read() as s:
        c = live(s, Complaint, complaint_id, "投诉记录")
        out = {f.name: getattr(c, f.name) for f in COMPLAINT_FIELDS}
        out.update(id=c.id, project_id=c.project_id, finding_id=c.finding_id,
                   received_at=local_text(c.received_at), status=COMPLAINT_STATUS_LABELS.get(c.status, c.status))
        return out


@use_case
def erase_contact(uow: Unit, *, complaint_id: str) -> Changes:
    """Erase the complainant's name and phone once the complaint is closed (办结): what was
    complained of, and how it was resolved, stay. The audit log only ever held them masked, so the
    chain is untouched."""
    c = live(uow.session, Complaint, complaint_id, "投诉记录")
    if c.status != "resolved":
        raise UserError("投诉办结后才能删除投诉人的联系方式")
    if not (c.complainant_name or c.complainant_phone):
        raise UserError("该投诉的联系方式已删除")
    c.complainant_name, c.complainant_phone = "", ""
    return Changes.of("complaints", ids=[complaint_id])


@use_case
def delete_complaint(uow: Unit, *, complaint_id: str) -> Changes:
    s = uow.session
    c = live(s, Complaint, complaint_id, "投诉记录")
    c.deleted = True
    return Changes.of("complaints", ids=[complaint_id])


def list_complaints(store: Reader, *, project_id: str | None = None) -> list[ComplaintRow]:
    q = select(Complaint).where(Complaint.deleted.is_(False))
    if project_id:
        q = q.where(Complaint.project_id == project_id)
    with store.read() as s:
        found = list(s.scalars(q.order_by(Complaint.received_at.desc())))
        fids = {c.finding_id for c in found if c.finding_id}
        findings = {f.id: f for f in s.scalars(select(Finding).where(Finding.id.in_(fids)))} if fids else {}
        rows = []
        for c in found:
            f = findings.get(c.finding_id or "")
            linked = ""
            if f is not None:
                linked = f"{f.description[:30]}（{FINDING_STATUS_LABELS.get(f.status, f.status)}" + \
                    (f"，{f.closed_on:%Y-%m-%d}销项）" if f.closed_on else "）")
            masked = v.mask_phone(c.complainant_phone) if c.complainant_phone else ""
            hay = " ".join([c.content, c.location, c.complainant_name, c.channel, c.resolution, linked]).lower()
            rows.append(ComplaintRow(c.id, c.project_id, c.received_at, c.channel, c.content, c.location,
                                     c.complainant_name, masked, c.deadline, c.status, c.resolution, c.resolved_on,
                                     c.finding_id, linked, hay))
        return rows


# ---- findings ------------------------------------------------------------------------------------

def project_findings(store: Reader, *, project_id: str) -> list[tuple[str, str]]:
    """(id, label) of the project's findings, to pick the one a complaint caused."""
    with store.read() as s:
        return [(f.id, f"{f.description[:40]}（{f.location or '未填部位'}，{FINDING_STATUS_LABELS.get(f.status, f.status)}）")
                for f in s.scalars(select(Finding).where(Finding.project_id == project_id, Finding.deleted.is_(False))
                                   .order_by(Finding.deadline.desc()))]


@use_case
def link_finding(uow: Unit, *, complaint_id: str, finding_id: str | None) -> Changes:
    """Link a complaint to the finding it caused (None unlinks). The finding must be the project's."""
    s = uow.session
    c = live(s, Complaint, complaint_id, "投诉记录")
    if finding_id:
        f = s.get(Finding, finding_id)
        if f is None or f.deleted or f.project_id != c.project_id:
            raise UserError("所选问题不属于该投诉的项目或已删除")
    c.finding_id = finding_id or None
    if finding_id and c.status == "open":
        c.status = "in_progress"
    return Changes.of("complaints", ids=[complaint_id])


@use_case
def create_finding_from_complaint(uow: Unit, *, complaint_id: str, severity: str = Severity.MINOR.value,
                                  description: str = "", deadline: dt.date | None = None) -> tuple[str, Changes]:
    """Record the complaint's problem as a finding (GS-08) and link them, in one unit of work."""
    from inspector.services.findings import add_finding

    store = uow
    c = get_complaint(store, complaint_id)
    if c["finding_id"]:
        raise UserError("该投诉已关联问题，请先取消关联")
    text = (description or "").strip() or f"居民投诉：{c['content'].strip()}"
    fid, changes = add_finding(store, project_id=c["project_id"], description=text, severity=severity,
                               location=c["location"], deadline=deadline or c["deadline"], checklist_item="GS-08")
    return fid, changes | link_finding(store, complaint_id=complaint_id, finding_id=fid)


# ---- postings ------------------------------------------------------------------------------------

def validate_posting(m: dict[str, Any], *, today: dt.date) -> dict[str, str]:
    problems = _required(_POSTING, m)
    if m.get("kind") in _PHONE_KINDS and not m.get("phone"):
        problems["phone"] = f"{m['kind']}须填写公示的电话号码"
    msg = v.check_phone(m.get("phone") or "", "公示电话")
    if msg:
        problems["phone"] = msg
    for name in ("posted_on", "checked_on"):
        if m.get(name) and m[name] > today:
            problems[name] = f"{_POSTING[name].label}晚于今天，请核对"
    msg = v.check_date_order(m.get("posted_on"), m.get("checked_on"), "公示日期", "核查日期")
    if msg:
        problems.setdefault("checked_on", msg)
    if m.get("call_answered") is not None and not m.get("checked_on"):
        problems.setdefault("checked_on", "填写试拨结果时请填写核查日期")
    return problems


@use_case
def save_posting(uow: Unit, *, project_id: str, fields: dict[str, Any], posting_id: str | None = None,
                 today: dt.date | None = None) -> tuple[str, Changes]:
    values, problems = _parse(_POSTING, fields)
    if problems:
        raise ValidationError(problems)
    s = uow.session
    live(s, Project, project_id, "项目")
    if posting_id:
        p = s.get(PublicPosting, posting_id)
        if p is None or p.deleted or p.project_id != project_id:
            raise NotFound("公示记录不存在或已删除")
        merged = {f.name: getattr(p, f.name) for f in POSTING_FIELDS} | values
    else:
        merged = {"kind": "", "phone": "", "posted_on": None, "checked_on": None, "call_answered": None,
                  "note": ""} | values
        p = PublicPosting(project_id=project_id)
    problems = validate_posting(merged, today=today or china_today())
    if problems:
        raise ValidationError(problems)
    for k, val in merged.items():
        setattr(p, k, val)
    if posting_id is None:
        s.add(p)
    return p.id, Changes.of("public_postings", ids=[p.id])


def get_posting(store: Reader, posting_id: str) -> dict[str, Any]:
    with store.read() as s:
        p = live(s, PublicPosting, posting_id, "公示记录")
        out = {f.name: getattr(p, f.name) for f in POSTING_FIELDS}
        out.update(id=p.id, project_id=p.project_id, call_answered=CALL_LABELS[p.call_answered])
        return out


@use_case
def delete_posting(uow: Unit, *, posting_id: str) -> Changes:
    s = uow.session
    p = live(s, PublicPosting, posting_id, "公示记录")
    p.deleted = True
    return Changes.of("public_postings", ids=[posting_id])


def list_postings(store: Reader, *, project_id: str | None = None) -> list[PostingRow]:
    q = select(PublicPosting).where(PublicPosting.deleted.is_(False))
    if project_id:
        q = q.where(PublicPosting.project_id == project_id)
    with store.read() as s:
        return [PostingRow(p.id, p.project_id, p.kind, p.phone, p.posted_on, p.checked_on, p.call_answered, p.note)
                for p in s.scalars(q.order_by(PublicPosting.kind, PublicPosting.posted_on))]


def project_of(store: Reader, *, kind: str, record_id: str) -> str | None:
    """The project a complaint or posting belongs to, for navigation."""
    model = {"complaint": Complaint, "posting": PublicPosting}.get(kind)
    if model is None:
        return None
    with store.read() as s:
        obj = s.get(model, record_id)
        return None if obj is None or obj.deleted else obj.project_id
