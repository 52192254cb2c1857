"""`inspector list KIND`: the records of one kind as plain rows (the command formats them as a text
table or JSON lines: `commands/table.py`).

One declaration per kind says which columns to show, under which Chinese header; the same rows
feed both outputs. Complainants' phones are personal data and are masked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, select

from inspector.domain import (
    Acceptance,
    Complaint,
    Finding,
    Handover,
    Inspection,
    MaterialBatch,
    Party,
    Person,
    Photo,
    Project,
    Rectification,
    Referral,
    TestReport,
)
from inspector.domain.clock import china_today
from inspector.domain.rules.rectification import days_overdue
from inspector.domain.rules.validation import mask_phone
from inspector.domain.vocab import (
    COMPLAINT_STATUS_LABELS,
    FINDING_STATUS_LABELS,
    INSPECTION_STATUS_LABELS,
    RECTIFICATION_STATUS_LABELS,
)
from inspector.services.errors import UserError
from inspector.store import Reader

RECORD_STATUS_LABELS = {"draft": "草稿", "signed": "已签署"}


@dataclass(frozen=True)
class Column:
    key: str  # JSON key
    header: str  # Chinese table header
    expr: ColumnElement[Any] | None = None  # None: computed by the kind's `derive`
    labels: dict[str, str] | None = None  # code -> label, for the text table
    wide: bool = False  # free text: cut in the table


@dataclass(frozen=True)
class Kind:
    name: str
    title: str
    model: Any
    columns: tuple[Column, ...]
    order_by: tuple[Any, ...]
    joins: tuple[tuple[Any, Any], ...] = ()
    derive: Callable[[dict[str, Any], dt.date], None] | None = None


@dataclass(frozen=True)
class Listing:
    kind: str
    title: str
    columns: tuple[Column, ...]
    rows: list[dict[str, Any]]


def _code() -> Column:
    return Column("project_code", "项目编号", Project.code)


def _overdue(row: dict[str, Any], today: dt.date) -> None:
    row["days_overdue"] = days_overdue(row.get("deadline"), row.get("status") or "", today)


def _mask(row: dict[str, Any], _today: dt.date) -> None:
    row["complainant_phone"] = mask_phone(row.get("complainant_phone") or "")


_ON_PROJECT = ((Project, "project_id"),)

KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("projects", "改造项目", Project, (
        Column("id", "ID", Project.id), Column("code", "项目编号", Project.code),
        Column("name", "项目名称", Project.name, wide=True), Column("district", "县区", Project.district),
        Column("street", "街道", Project.street), Column("status", "状态", Project.status),
        Column("plan_year", "计划年度", Project.plan_year), Column("year_built", "建成年代", Project.year_built),
        Column("households", "户数", Project.households), Column("permit_date", "施工许可日期", Project.permit_date),
    ), (Project.code,), ()),
    Kind("parties", "参建单位", Party, (
        Column("id", "ID", Party.id), _code(), Column("role", "单位类型", Party.role),
        Column("name", "单位名称", Party.name, wide=True), Column("credit_code", "统一社会信用代码", Party.credit_code),
        Column("qualification", "资质", Party.qualification, wide=True),
        Column("qualification_expiry", "资质有效期至", Party.qualification_expiry),
        Column("complaint_phone", "投诉电话", Party.complaint_phone),
    ), (Project.code, Party.role), _ON_PROJECT),
    Kind("persons", "关键人员", Person, (
        Column("id", "ID", Person.id), _code(), Column("party_name", "单位", Party.name, wide=True),
        Column("role", "岗位", Person.role), Column("name", "姓名", Person.name),
        Column("registration_no", "注册证书号", Person.registration_no),
        Column("labour_contract_verified", "劳动合同", Person.labour_contract_verified),
        Column("social_insurance_verified", "社保", Person.social_insurance_verified),
        Column("on_site_verified", "到岗", Person.on_site_verified),
    ), (Project.code, Person.role), ((Project, "project_id"), (Party, "party_id"))),
    Kind("inspections", "监督检查", Inspection, (
        Column("id", "ID", Inspection.id), _code(), Column("record_no", "记录编号", Inspection.record_no),
        Column("kind", "检查类型", Inspection.kind), Column("started_at", "检查时间", Inspection.started_at),
        Column("inspector_name", "检查人", Inspection.inspector_name),
        Column("status", "状态", Inspection.status, INSPECTION_STATUS_LABELS),
    ), (Inspection.started_at, Inspection.record_no), _ON_PROJECT),
    Kind("findings", "问题", Finding, (
        Column("id", "ID", Finding.id), _code(), Column("checklist_item", "检查项", Finding.checklist_item),
        Column("severity", "严重程度", Finding.severity), Column("action", "处理", Finding.action),
        Column("description", "问题描述", Finding.description, wide=True),
        Column("deadline", "整改期限", Finding.deadline),
        Column("status", "状态", Finding.status, FINDING_STATUS_LABELS), Column("days_overdue", "逾期天数"),
    ), (Project.code, Finding.deadline), _ON_PROJECT, _overdue),
    Kind("rectifications", "整改通知", Rectification, (
        Column("id", "ID", Rectification.id), _code(), Column("notice_no", "通知书编号", Rectification.notice_no),
        Column("action", "类型", Rectification.action), Column("issued_on", "下发日期", Rectification.issued_on),
        Column("deadline", "整改期限", Rectification.deadline),
        Column("status", "状态", Rectification.status, RECTIFICATION_STATUS_LABELS),
        Column("days_overdue", "逾期天数"),
    ), (Rectification.issued_on, Rectification.notice_no), _ON_PROJECT, _overdue),
    Kind("materials", "材料进场", MaterialBatch, (
        Column("id", "ID", MaterialBatch.id), _code(), Column("material", "材料", MaterialBatch.material),
        Column("spec", "规格", MaterialBatch.spec, wide=True), Column("batch_no", "批号", MaterialBatch.batch_no),
        Column("quantity", "数量", MaterialBatch.quantity), Column("unit", "单位", MaterialBatch.unit),
        Column("entry_date", "进场日期", MaterialBatch.entry_date),
        Column("sampled_on", "取样日期", MaterialBatch.sampled_on),
    ), (Project.code, MaterialBatch.entry_date), _ON_PROJECT),
    Kind("test-reports", "检测报告", TestReport, (
        Column("id", "ID", TestReport.id), _code(), Column("report_no", "报告编号", TestReport.report_no),
        Column("agency", "检测机构", TestReport.agency, wide=True), Column("sample", "样品", TestReport.sample, wide=True),
        Column("batch_id", "批次ID", TestReport.batch_id), Column("sampled_on", "取样日期", TestReport.sampled_on),
        Column("report_date", "报告日期", TestReport.report_date),
        Column("agency_qualification_expiry", "机构资质有效期至", TestReport.agency_qualification_expiry),
        Column("conclusion", "结论", TestReport.conclusion),
    ), (Project.code, TestReport.report_date), _ON_PROJECT),
    Kind("complaints", "投诉", Complaint, (
        Column("id", "ID", Complaint.id), _code(), Column("received_at", "受理时间", Complaint.received_at),
        Column("channel", "渠道", Complaint.channel), Column("content", "内容", Complaint.content, wide=True),
        Column("complainant_phone", "联系电话", Complaint.complainant_phone),
        Column("status", "状态", Complaint.status, COMPLAINT_STATUS_LABELS),
    ), (Complaint.received_at,), _ON_PROJECT, _mask),
    Kind("acceptances", "联合验收", Acceptance, (
        Column("id", "ID", Acceptance.id), _code(), Column("record_no", "记录编号", Acceptance.record_no),
        Column("held_on", "验收日期", Acceptance.held_on), Column("conclusion", "结论", Acceptance.conclusion),
        Column("status", "状态", Acceptance.status, RECORD_STATUS_LABELS),
        Column("locked_at", "锁定时间", Acceptance.locked_at),
    ), (Acceptance.held_on,), _ON_PROJECT),
    Kind("handovers", "移交", Handover, (
        Column("id", "ID", Handover.id), _code(), Column("record_no", "记录编号", Handover.record_no),
        Column("handed_on", "移交日期", Handover.handed_on), Column("receiver", "接收方", Handover.receiver, wide=True),
        Column("status", "状态", Handover.status, RECORD_STATUS_LABELS),
        Column("locked_at", "锁定时间", Handover.locked_at),
    ), (Handover.handed_on,), _ON_PROJECT),
    Kind("referrals", "案件线索移送", Referral, (
        Column("id", "ID", Referral.id), _code(), Column("referral_no", "移送函编号", Referral.referral_no),
        Column("issued_on", "移送日期", Referral.issued_on),
        Column("authority_name", "接收部门", Referral.authority_name, wide=True),
        Column("status", "状态", Referral.status, RECORD_STATUS_LABELS),
        Column("locked_at", "锁定时间", Referral.locked_at),
    ), (Referral.issued_on,), _ON_PROJECT),
    Kind("photos", "照片", Photo, (
        Column("id", "SHA-256", Photo.id), Column("original_name", "文件名", Photo.original_name, wide=True),
        Column("taken_at", "拍摄时间", Photo.taken_at), Column("camera", "相机", Photo.camera, wide=True),
        Column("width", "宽", Photo.width), Column("height", "高", Photo.height),
        Column("caption", "说明", Photo.caption, wide=True),
    ), (Photo.taken_at, Photo.id), ()),
)}


def kind_names() -> list[str]:
    return list(KINDS)


def _query(kind: Kind) -> Select[Any]:
    q = select(*[c.expr.label(c.key) for c in kind.columns if c.expr is not None]).select_from(kind.model)
    for target, fk in kind.joins:
        q = q.join(target, target.id == getattr(kind.model, fk))
    q = q.where(kind.model.deleted.is_(False))
    return q.order_by(*kind.order_by, kind.model.id)


def list_records(store: Reader, *, kind: str, today: dt.date | None = None) -> Listing:
    """Every live record of `kind` (one of `kind_names()`), as plain rows keyed by column key."""
    spec = KINDS.get(kind)
    if spec is None:
        raise UserError(f"未知的记录类型“{kind}”。可用类型：{'、'.join(KINDS)}")
    today = today or china_today()
    with store.read() as s:
        rows = [dict(r._mapping) for r in s.execute(_query(spec))]
    if spec.derive:
        for row in rows:
            spec.derive(row, today)
    return Listing(spec.name, spec.title, spec.columns, rows)
