"""Editable fields of the register's records: label, kind and limits, declared once.

The project form, the xlsx import and validation all read these, so a field's Chinese label and
its rules live in one place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from inspector.domain.rules import validation as v
from inspector.domain.vocab import District, PartyRole, PersonRole, ProjectStatus


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str  # text, int, float, money, date, choice, bool, longtext
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None


PROJECT_FIELDS: tuple[Field, ...] = (
    Field("code", "项目编号", "text", required=True),
    Field("name", "项目名称", "text", required=True),
    Field("community_name", "小区名称", "text"),
    Field("district", "县区", "choice", required=True, choices=tuple(District)),
    Field("street", "街道", "text"),
    Field("community", "社区", "text"),
    Field("address", "地址", "text"),
    Field("lat", "纬度", "float"),
    Field("lon", "经度", "float"),
    Field("year_built", "建成年代", "int"),
    Field("buildings", "楼栋数", "int", minimum=0),
    Field("households", "户数", "int", minimum=0),
    Field("floor_area", "建筑面积(m²)", "float", minimum=0),
    Field("elevators", "加装电梯(台)", "int", minimum=0),
    Field("plan_year", "计划年度", "int"),
    Field("status", "状态", "choice", required=True, choices=tuple(ProjectStatus)),
    Field("permit_no", "施工许可证号", "text"),
    Field("supervision_no", "监督注册号", "text"),
    Field("permit_date", "施工许可日期", "date"),
    Field("start_date", "开工日期", "date"),
    Field("finish_date", "竣工日期", "date"),
    Field("contract_price", "合同价(元)", "money", minimum=0),
    Field("fund_subsidy", "中央及省级补助(元)", "money", minimum=0),
    Field("fund_resident", "居民出资(元)", "money", minimum=0),
    Field("fund_utility", "专营单位出资(元)", "money", minimum=0),
    Field("fund_bonds", "专项债券(元)", "money", minimum=0),
    Field("fund_other", "其他资金(元)", "money", minimum=0),
    Field("notes", "备注", "longtext"),
)

PARTY_FIELDS: tuple[Field, ...] = (
    Field("role", "单位类型", "choice", required=True, choices=tuple(PartyRole)),
    Field("name", "单位名称", "text", required=True),
    Field("credit_code", "统一社会信用代码", "text"),
    Field("qualification", "资质类别及等级", "text"),
    Field("qualification_no", "资质证书号", "text"),
    Field("qualification_expiry", "资质有效期至", "date"),
    Field("safety_licence_no", "安全生产许可证号", "text"),
    Field("contact_person", "联系人", "text"),
    Field("contact_phone", "联系电话", "text"),
    Field("complaint_phone", "投诉电话", "text"),
)

PERSON_FIELDS: tuple[Field, ...] = (
    Field("role", "岗位", "choice", required=True, choices=tuple(PersonRole)),
    Field("name", "姓名", "text", required=True),
    Field("registration_no", "注册证书号", "text"),
    Field("safety_cert_no", "安全考核证号", "text"),
    Field("phone", "电话", "text"),
    Field("labour_contract_verified", "劳动合同已核", "bool"),
    Field("social_insurance_verified", "社保已核", "bool"),
    Field("on_site_verified", "到岗已核", "bool"),
    Field("verified_on", "核查日期", "date"),
    Field("active_from", "到岗起", "date"),
    Field("active_to", "到岗止", "date"),
)

FIELDS_BY_NAME = {
    "project": {f.name: f for f in PROJECT_FIELDS},
    "party": {f.name: f for f in PARTY_FIELDS},
    "person": {f.name: f for f in PERSON_FIELDS},
}


def parse_value(field: Field, raw: Any) -> Any:
    """Turn user or spreadsheet input into the field's type. Raises ValueError with a Chinese message."""
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        if field.kind in ("text", "longtext", "choice"):
            return ""
        if field.kind == "bool":
            return False
        return None
    if field.kind in ("text", "longtext"):
        return str(raw).strip()
    if field.kind == "choice":
        value = str(raw).strip()
        if value not in field.choices:
            raise ValueError(f"{field.label}“{value}”不在可选范围内（{'、'.join(field.choices)}）")
        return value
    if field.kind == "bool":
        if isinstance(raw, bool):
            return raw
        return str(raw).strip() in ("1", "是", "true", "True", "yes", "Y", "√")
    if field.kind == "int":
        try:
            f = float(str(raw).strip())
        except ValueError:
            raise ValueError(f"{field.label}应为整数") from None
        if f != int(f):
            raise ValueError(f"{field.label}应为整数")
        return int(f)
    if field.kind in ("float", "money"):
        try:
            return float(str(raw).replace(",", "").strip())
        except ValueError:
            raise ValueError(f"{field.label}应为数字") from None
    if field.kind == "date":
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        text = str(raw).strip().replace("/", "-").replace(".", "-")
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{field.label}应为日期（如 2026-05-01）") from None
    raise ValueError(f"未知字段类型 {field.kind}")


def parse_values(specs: dict[str, Field], raw: dict[str, Any],
                 converters: dict[str, Callable[[Field, Any], Any]] | None = None,
                 ) -> tuple[dict[str, Any], dict[str, str]]:
    """Parse raw inputs by their field declarations: (values, problems by field name).
    `converters` replace `parse_value` for fields whose input needs more (labels to codes…)."""
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name, value in raw.items():
        spec = specs.get(name)
        if spec is None:
            problems[name] = f"未知字段：{name}"
            continue
        convert = (converters or {}).get(name, parse_value)
        try:
            values[name] = convert(spec, value)
        except ValueError as exc:
            problems[name] = str(exc)
    return values, problems


def empty_values(fields: Iterable[Field]) -> dict[str, Any]:
    """A new record's values before input: empty text, False, or None by kind."""
    return {f.name: "" if f.kind in ("text", "longtext", "choice") else False if f.kind == "bool" else None
            for f in fields}


def validate_project(values: dict[str, Any]) -> dict[str, str]:
    """Problems with a project's complete set of values: field name -> message."""
    problems: dict[str, str] = {}
    for f in PROJECT_FIELDS:
        value = values.get(f.name)
        if f.required and (value is None or value == ""):
            problems[f.name] = f"{f.label}不能为空"
        elif f.minimum is not None and isinstance(value, int | float) and value < f.minimum:
            problems[f.name] = (f"{f.label}不能为负数" if f.minimum == 0
                                else f"{f.label}不能小于 {f.minimum:g}")
    for name, label in (("year_built", "建成年代"), ("plan_year", "计划年度")):
        msg = v.check_year(values.get(name), label, lo=1900 if name == "year_built" else 2000)
        if msg and name not in problems:
            problems[name] = msg
    msg = v.check_date_order(values.get("start_date"), values.get("finish_date"), "开工日期", "竣工日期")
    if msg:
        problems["finish_date"] = msg
    msg = v.check_date_order(values.get("permit_date"), values.get("start_date"), "施工许可日期", "开工日期")
    if msg:
        problems.setdefault("start_date", msg)
    lat, lon = values.get("lat"), values.get("lon")
    if lat is not None and not -90 <= lat <= 90:
        problems["lat"] = "纬度应在 -90 到 90 之间"
    if lon is not None and not -180 <= lon <= 180:
        problems["lon"] = "经度应在 -180 到 180 之间"
    return problems


def validate_party(values: dict[str, Any]) -> dict[str, str]:
    problems: dict[str, str] = {}
    for f in PARTY_FIELDS:
        if f.required and not values.get(f.name):
            problems[f.name] = f"{f.label}不能为空"
    msg = v.check_credit_code(values.get("credit_code") or "")
    if msg:
        problems["credit_code"] = msg
    for name in ("contact_phone", "complaint_phone"):
        msg = v.check_phone(values.get(name) or "", FIELDS_BY_NAME["party"][name].label)
        if msg:
            problems[name] = msg
    return problems


def validate_person(values: dict[str, Any]) -> dict[str, str]:
    problems: dict[str, str] = {}
    for f in PERSON_FIELDS:
        if f.required and not values.get(f.name):
            problems[f.name] = f"{f.label}不能为空"
    msg = v.check_phone(values.get("phone") or "", "电话")
    if msg:
        problems["phone"] = msg
    msg = v.check_date_order(values.get("active_from"), values.get("active_to"), "到岗起", "到岗止")
    if msg:
        problems["active_to"] = msg
    return problems
