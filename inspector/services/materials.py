"""材料进场 and 检测报告: record material batches entering the site and the test reports on them.

Validation refuses what cannot be right as input (missing fields, negative quantities, unreadable
or future dates); it records suspicious but possible facts as given (a report dated before its
sampling), because those are what the red-flag rules are for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from inspector.domain import MaterialBatch, Project, TestReport
from inspector.domain.clock import china_today
from inspector.domain.rules.fields import Field, empty_values, parse_values
from inspector.domain.vocab import TestConclusion
from inspector.services.changes import Changes
from inspector.services.errors import NotFound, UserError, ValidationError
from inspector.services.lookup import live
from inspector.store import Reader, Unit, use_case

BATCH_FIELDS: tuple[Field, ...] = (
    Field("material", "材料名称", "text", required=True),
    Field("spec", "规格型号", "text"),
    Field("manufacturer", "生产厂家", "text"),
    Field("batch_no", "批号", "text"),
    Field("quantity", "进场数量", "float", required=True, minimum=0),
    Field("unit", "单位", "text", required=True),
    Field("entry_date", "进场日期", "date", required=True),
    Field("certificate_no", "合格证/质量证明编号", "text"),
    Field("certificate_quantity", "证明文件载明数量", "float", minimum=0),
    Field("retest_required", "需要复验", "bool"),
    Field("witness_name", "见证人", "text"),
    Field("sampled_on", "见证取样日期", "date"),
    Field("used", "已使用/隐蔽", "bool"),
    Field("used_on", "使用/隐蔽日期", "date"),
    Field("location", "使用部位", "text"),
    Field("note", "备注", "longtext"),
)

REPORT_FIELDS: tuple[Field, ...] = (
    Field("agency", "检测机构", "text", required=True),
    Field("agency_qualification_no", "资质证书号", "text"),
    Field("agency_qualification_expiry", "资质有效期至", "date"),
    Field("report_no", "报告编号", "text", required=True),
    Field("sample", "样品名称", "text"),
    Field("sampled_on", "取样日期", "date"),
    Field("tested_on", "检测日期", "date"),
    Field("report_date", "报告日期", "date", required=True),
    Field("conclusion", "检测结论", "choice", required=True, choices=tuple(TestConclusion)),
    Field("anti_forgery_code", "防伪码", "text"),
    Field("verification", "真伪核查方式", "text"),
    Field("client", "委托单位", "text"),
    Field("witness_name", "见证人", "text"),
)

_BATCH = {f.name: f for f in BATCH_FIELDS}
_REPORT = {f.name: f for f in REPORT_FIELDS}
# Dates of things that have happened: a future one is a typing error. Expiry dates may be ahead.
_EVENT_DATES = {"entry_date", "sampled_on", "used_on", "tested_on", "report_date"}


@dataclass(frozen=True)
class BatchRow:
    id: str
    project_id: str
    material: str
    spec: str
    manufacturer: str
    batch_no: str
    quantity: float | None
    unit: str
    entry_date: dt.date | None
    certificate_no: str
    certificate_quantity: float | None
    retest_required: bool
    witness_name: str
    sampled_on: dt.date | None
    used: bool
    used_on: dt.date | None
    location: str
    reports: int
    retest: str  # 合格 / 不合格 / 未复验 / 无需复验
    haystack: str = field(default="", repr=False)

    @property
    def label(self) -> str:
        return " ".join(x for x in (self.material, self.spec, f"批号{self.batch_no}" if self.batch_no else "") if x)


@dataclass(frozen=True)
class ReportRow:
    id: str
    project_id: str
    batch_id: str | None
    batch_label: str
    agency: str
    agency_qualification_expiry: dt.date | None
    report_no: str
    sample: str
    sampled_on: dt.date | None
    tested_on: dt.date | None
    report_date: dt.date | None
    conclusion: str
    verification: str
    haystack: str = field(default="", repr=False)


def _common_checks(specs: dict[str, Field], merged: dict[str, Any], today: dt.date) -> dict[str, str]:
    problems: dict[str, str] = {}
    for f in specs.values():
        value = merged.get(f.name)
        if f.required and (value is None or value == ""):
            problems[f.name] = f"{f.label}不能为空"
        elif f.minimum is not None and isinstance(value, int | float) and value < f.minimum:
            problems[f.name] = f"{f.label}不能为负数"
        elif f.name in _EVENT_DATES and isinstance(value, dt.date) and value > today:
            problems[f.name] = f"{f.label}（{value:%Y-%m-%d}）晚于今天，请核对"
        elif f.kind == "date" and isinstance(value, dt.date) and value.year < 1990:
            problems[f.name] = f"{f.label}（{value:%Y-%m-%d}）不合理，请核对"
    return problems


def validate_batch(merged: dict[str, Any], *, today: dt.date) -> dict[str, str]:
    problems = _common_checks(_BATCH, merged, today)
    if merged.get("certificate_quantity") is not None and not merged.get("certificate_no"):
        problems.setdefault("certificate_no", "填写了证明文件载明数量，请同时填写证明文件编号")
    return problems


def validate_report(merged: dict[str, Any], *, today: dt.date) -> dict[str, str]:
    return _common_checks(_REPORT, merged, today)


# ---- batches --------------------------------------------------------------------------------------

@use_case
def save_batch(uow: Unit, *, project_id: str, fields: dict[str, Any], batch_id: str | None = None,
               today: dt.date | None = None) -> tuple[str, Changes]:
    """Create (batch_id None) or edit a batch. The whole record is validated; nothing is saved on error.
    A use date implies the batch was used."""
    values, problems = parse_values(_BATCH, fields)
    if problems:
        raise ValidationError(problems)
    if values.get("used_on"):
        values["used"] = True
    s = uow.session
    live(s, Project, project_id, "项目")
    if batch_id:
        b = s.get(MaterialBatch, batch_id)
        if b is None or b.deleted or b.project_id != project_id:
            raise NotFound("材料批次不存在或已删除")
        merged = {f.name: getattr(b, f.name) for f in BATCH_FIELDS} | values
    else:
        merged = empty_values(BATCH_FIELDS) | {"retest_required": True} | values
        b = MaterialBatch(project_id=project_id)
    problems = validate_batch(merged, today=today or china_today())
    if problems:
        raise ValidationError(problems)
    for k, val in merged.items():
        setattr(b, k, val)
    if batch_id is None:
        s.add(b)
    return b.id, Changes.of("material_batches", ids=[b.id])


def get_batch(store: Reader, batch_id: str) -> dict[str, Any]:
    with store.read() as s:
        b = live(s, MaterialBatch, batch_id, "材料批次")
        return {"id": b.id, "project_id": b.project_id, **{f.name: getattr(b, f.name) for f in BATCH_FIELDS}}


@use_case
def delete_batch(uow: Unit, *, batch_id: str) -> Changes:
    """Tombstone a batch. One that has test reports is refused: the reports would lose their batch."""
    s = uow.session
    b = live(s, MaterialBatch, batch_id, "材料批次")
    n = s.scalar(select(func.count()).select_from(TestReport)
                 .where(TestReport.batch_id == batch_id, TestReport.deleted.is_(False)))
    if n:
        raise UserError(f"该批次已有{n}份检测报告，请先删除报告或将报告改挂到其他批次")
    b.deleted = True
    return Changes.of("material_batches", ids=[batch_id])


def _retest_state(b: MaterialBatch, conclusions: list[tuple[dt.date | None, str]]) -> str:
    if conclusions:
        return max(conclusions, key=lambda c: c[0] or dt.date.min)[1]  # the latest report decides
    return "未复验" if b.retest_required else "无需复验"


def list_batches(store: Reader, *, project_id: str) -> list[BatchRow]:
    with store.read() as s:
        by_batch: dict[str, list[tuple[dt.date | None, str]]] = {}
        for bid, day, concl in s.execute(
                select(TestReport.batch_id, TestReport.report_date, TestReport.conclusion)
                .where(TestReport.project_id == project_id, TestReport.deleted.is_(False),
                       TestReport.batch_id.is_not(None))):
            by_batch.setdefault(bid, []).append((day, concl))
        rows = []
        for b in s.scalars(select(MaterialBatch).where(MaterialBatch.project_id == project_id,
                                                       MaterialBatch.deleted.is_(False))
                           .order_by(MaterialBatch.entry_date.desc(), MaterialBatch.material)):
            reps = by_batch.get(b.id, [])
            hay = " ".join([b.material, b.spec, b.manufacturer, b.batch_no, b.certificate_no, b.location,
                            b.witness_name]).lower()
            rows.append(BatchRow(b.id, b.project_id, b.material, b.spec, b.manufacturer, b.batch_no, b.quantity,
                                 b.unit, b.entry_date, b.certificate_no, b.certificate_quantity, b.retest_required,
                                 b.witness_name, b.sampled_on, b.used, b.used_on, b.location, len(reps),
                                 _retest_state(b, reps), hay))
        return rows


# ---- reports --------------------------------------------------------------------------------------

@use_case
def save_report(uow: Unit, *, project_id: str, fields: dict[str, Any], batch_id: str | None = None,
                report_id: str | None = None, today: dt.date | None = None) -> tuple[str, Changes]:
    """Create or edit a test report, linked to one of the project's batches (or none)."""
    values, problems = parse_values(_REPORT, fields)
    if problems:
        raise ValidationError(problems)
    s = uow.session
    live(s, Project, project_id, "项目")
    if batch_id:
        b = s.get(MaterialBatch, batch_id)
        if b is None or b.deleted or b.project_id != project_id:
            raise ValidationError({"batch_id": "所选材料批次不属于本项目或已删除"})
    if report_id:
        r = s.get(TestReport, report_id)
        if r is None or r.deleted or r.project_id != project_id:
            raise NotFound("检测报告不存在或已删除")
        merged = {f.name: getattr(r, f.name) for f in REPORT_FIELDS} | values
    else:
        merged = empty_values(REPORT_FIELDS) | values
        r = TestReport(project_id=project_id)
    problems = validate_report(merged, today=today or china_today())
    if problems:
        raise ValidationError(problems)
    for k, val in merged.items():
        setattr(r, k, val)
    r.batch_id = batch_id or None
    if report_id is None:
        s.add(r)
    return r.id, Changes.of("test_reports", "material_batches", ids=[r.id] + ([batch_id] if batch_id else []))


def get_report(store: Reader, report_id: str) -> dict[str, Any]:
    with store.read() as s:
        r = live(s, TestReport, report_id, "检测报告")
        return {"id": r.id, "project_id": r.project_id, "batch_id": r.batch_id,
                **{f.name: getattr(r, f.name) for f in REPORT_FIELDS}}


@use_case
def delete_report(uow: Unit, *, report_id: str) -> Changes:
    s = uow.session
    r = live(s, TestReport, report_id, "检测报告")
    r.deleted = True
    return Changes.of("test_reports", "material_batches", ids=[report_id])


def list_reports(store: Reader, *, project_id: str, batch_id: str | None = None) -> list[ReportRow]:
    q = select(TestReport).where(TestReport.project_id == project_id, TestReport.deleted.is_(False))
    if batch_id:
        q = q.where(TestReport.batch_id == batch_id)
    with store.read() as s:
        labels = {b.id: " ".join(x for x in (b.material, b.spec, f"批号{b.batch_no}" if b.batch_no else "") if x)
                  for b in s.scalars(select(MaterialBatch).where(MaterialBatch.project_id == project_id))}
        rows = []
        for r in s.scalars(q.order_by(TestReport.report_date.desc(), TestReport.report_no)):
            label = labels.get(r.batch_id or "", "")
            hay = " ".join([r.agency, r.report_no, r.sample, label, r.conclusion, r.client]).lower()
            rows.append(ReportRow(r.id, r.project_id, r.batch_id, label, r.agency, r.agency_qualification_expiry,
                                  r.report_no, r.sample, r.sampled_on, r.tested_on, r.report_date, r.conclusion,
                                  r.verification, hay))
        return rows


def project_of(store: Reader, *, kind: str, record_id: str) -> str | None:
    """The project a batch ("material") or report ("test-report") belongs to, for navigation."""
    model = {"material": MaterialBatch, "test-report": TestReport}.get(kind)
    if model is None:
        return None
    with store.read() as s:
        obj = s.get(model, record_id)
        return None if obj is None or obj.deleted else obj.project_id

