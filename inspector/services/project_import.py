"""导入项目储备库: the office's reserve list of renovation projects, from an .xlsx workbook.

The sheet (the one named 项目储备库, else the first) has a header row within its first 10 rows;
title rows above it are ignored. Columns are found by their Chinese names, in any order; spaces
and a unit in brackets are ignored ("建筑面积（m²）" = "建筑面积"), and a money column headed in
万元 is converted to 元. Columns (the labels of `PROJECT_FIELDS`, plus two extras):

  required   项目编号, 项目名称, 县区 (城东区 城中区 城西区 城北区 湟中区 大通县 湟源县)
  place      小区名称, 街道, 社区, 地址, 纬度, 经度
  size       建成年代, 楼栋数, 户数, 建筑面积, 加装电梯
  plan       改造内容 (item ids or names from forms/renovation-items.toml, separated by 、，,；;
             or line breaks), 计划年度, 状态 (default 储备), 施工许可证号, 监督注册号,
             施工许可日期, 开工日期, 竣工日期, 合同价, 备注
  funding    中央及省级补助, 居民出资, 专营单位出资, 专项债券, 其他资金 (元), and 总投资,
             which is not stored but must equal the sum of the sources given

Every row is checked (required fields, known district, non-negative numbers, plausible years,
dates in order, the total). Good rows are imported in one transaction; a bad row is reported with
its sheet row number and reason and changes nothing. A row whose 项目编号 exists updates that
project; an empty cell leaves the stored value as it is. `tests/fixtures/reserve-sample.xlsx`
(made by `tests/fixtures/make_reserve_sample.py`) is a filled-in example."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from inspector.domain import Project
from inspector.domain.rules.fields import FIELDS_BY_NAME, PROJECT_FIELDS, validate_project
from inspector.domain.vocab import District
from inspector.services.changes import Cancelled, Changes, Progress
from inspector.services.errors import UserError
from inspector.services.projects import parse_fields
from inspector.store import Reader

log = logging.getLogger(__name__)

SHEET_NAME = "项目储备库"
HEADER_SEARCH_ROWS = 10
ITEMS_COLUMN = "改造内容"
TOTAL_COLUMN = "总投资"
FUNDS = ("fund_subsidy", "fund_resident", "fund_utility", "fund_bonds", "fund_other")

_ALIASES = {
    "项目代码": "code", "编号": "code", "所属县区": "district", "区县": "district", "县（区）": "district",
    "县(区)": "district", "小区": "community_name", "建成年份": "year_built", "建成时间": "year_built",
    "栋数": "buildings", "总户数": "households", "总建筑面积": "floor_area", "加装电梯台数": "elevators",
    "年度": "plan_year", "中央及省级补助资金": "fund_subsidy", "中央和省级补助": "fund_subsidy",
    "居民出资金额": "fund_resident", "专营单位投资": "fund_utility", "地方政府专项债券": "fund_bonds",
    "其他": "fund_other", "总投资额": TOTAL_COLUMN, "项目总投资": TOTAL_COLUMN,
}
_DISTRICT_ALIASES = {"大通回族土族自治县": "大通县", "湟中县": "湟中区"}
_SPLIT = re.compile(r"[、，,；;\n]+")
_BRACKETS = re.compile(r"[（(]([^)）]*)[)）]")


@dataclass
class ImportReport:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (sheet row number, reason)
    ignored_columns: list[str] = field(default_factory=list)
    sheet: str = ""
    changes: Changes = field(default_factory=Changes)


def renovation_catalogue() -> list[tuple[str, str, str]]:
    """(id, category, zh name) of every item in forms/renovation-items.toml; [] while it is absent
    or invalid (then `inspector forms check` says why)."""
    from inspector.checklists.renovation import load_renovation_file
    from inspector.paths import forms_dir

    path = forms_dir() / "renovation-items.toml"
    if not path.is_file():
        return []
    catalogue, problems = load_renovation_file(path)
    if catalogue is None:
        log.warning("renovation catalogue not usable: %s", "; ".join(map(str, problems[:3])))
        return []
    return [(i.id, i.category, i.zh) for i in catalogue.items]


def _normalise(header: Any) -> tuple[str, float]:
    """Header text without spaces and bracketed unit, and the unit's multiplier to 元."""
    text = re.sub(r"\s+", "", str(header or ""))
    unit = " ".join(_BRACKETS.findall(text))
    return _BRACKETS.sub("", text), 10000.0 if "万元" in unit else 1.0


def _column_map(headers: tuple[Any, ...]) -> tuple[dict[int, tuple[str, float]], list[str]]:
    by_label = {_normalise(f.label)[0]: f.name for f in PROJECT_FIELDS}
    by_label.update({ITEMS_COLUMN: ITEMS_COLUMN, TOTAL_COLUMN: TOTAL_COLUMN})
    columns: dict[int, tuple[str, float]] = {}
    ignored: list[str] = []
    for i, header in enumerate(headers):
        if header is None or str(header).strip() == "":
            continue
        text, factor = _normalise(header)
        name = by_label.get(text) or _ALIASES.get(text) or _ALIASES.get(str(header).strip())
        if name is None or name in {n for n, _ in columns.values()}:
            ignored.append(str(header).strip())
            continue
        columns[i] = (name, factor)
    return columns, ignored


def _read_sheet(path: Path) -> tuple[str, list[tuple[Any, ...]]]:
    if not path.is_file():
        raise UserError(f"文件不存在：{path}")
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError) as exc:
        log.info("not an xlsx workbook: %s (%s)", path, exc)
        raise UserError(f"无法读取“{path.name}”：不是有效的 .xlsx 工作簿。如为 .xls 或 .csv 文件，"
                        "请先在 Excel/WPS 中另存为 .xlsx。") from None
    except Exception as exc:  # openpyxl raises many kinds on malformed packages
        log.info("unreadable workbook %s: %r", path, exc)
        raise UserError(f"无法读取“{path.name}”：工作簿已损坏或格式不受支持。") from None
    try:
        ws = wb[SHEET_NAME] if SHEET_NAME in wb.sheetnames else wb.worksheets[0]
        # Some programs write a wrong <dimension>; read every row that is really there.
        ws.reset_dimensions()
        return ws.title, [tuple(r) for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()


def _find_header(rows: list[tuple[Any, ...]]) -> int:
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = {_normalise(c)[0] for c in row if c is not None}
        if {"项目编号", "项目名称"} <= names or {"项目编号", "小区名称"} <= names:
            return i
    raise UserError("未找到表头行：前 10 行中应有一行包含“项目编号”“项目名称”“县区”等列名。")


def _clean(name: str, value: Any, factor: float) -> Any:
    if isinstance(value, str):
        value = value.strip()
    spec = FIELDS_BY_NAME["project"].get(name)
    if spec is not None and spec.kind in ("text", "longtext", "choice") and isinstance(value, float) \
            and value.is_integer():
        value = int(value)  # a code typed as a number comes back as 2027001.0
    if spec is not None and spec.kind in ("text", "longtext", "choice") and isinstance(value, int | dt.date):
        value = str(value)
    if name == "district" and isinstance(value, str):
        value = value.removeprefix("西宁市").removeprefix("青海省西宁市")
        value = _DISTRICT_ALIASES.get(value, value)
        if value and value not in District.__members__.values():
            for suffix in ("区", "县"):
                if value + suffix in set(District):
                    value += suffix
    if factor != 1.0 and isinstance(value, int | float):
        value = round(value * factor, 2)
    return value


def _items(raw: Any, catalogue: list[tuple[str, str, str]]) -> tuple[list[str], str | None]:
    """Renovation item ids from a cell: ids or names (with or without their bracketed note), in any
    separator. Names may themselves contain "、", so whole names are taken out before splitting."""
    text = str(raw).replace("（", "(").replace("）", ")")
    if not catalogue:
        return sorted({t.strip() for t in _SPLIT.split(text) if t.strip()}), None  # nothing to check against
    names: dict[str, str] = {}
    for item_id, _cat, name in catalogue:
        for variant in (name, _BRACKETS.sub("", name)):
            if variant:
                names.setdefault(variant, item_id)
    found: set[str] = set()
    for name in sorted(names, key=len, reverse=True):
        if name in text:
            found.add(names[name])
            text = text.replace(name, "、")
    ids = {i for i, _c, _n in catalogue}
    unknown = []
    for token in (t.strip() for t in _SPLIT.split(text)):
        if token in ids:
            found.add(token)
        elif token:
            unknown.append(token)
    if unknown:
        return [], f"改造内容“{'、'.join(unknown)}”不在改造内容清单中"
    return sorted(found), None


def _parse_row(row: tuple[Any, ...], columns: dict[int, tuple[str, float]],
               catalogue: list[tuple[str, str, str]]) -> tuple[dict[str, Any], list[str] | None, list[str]]:
    """(field values given, renovation items or None, problems)."""
    raw: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for i, (name, factor) in columns.items():
        value = _clean(name, row[i] if i < len(row) else None, factor)
        if value is None or value == "":
            continue
        (extra if name in (ITEMS_COLUMN, TOTAL_COLUMN) else raw)[name] = value
    values, problems = parse_fields("project", raw)
    messages = list(problems.values())
    items = None
    if ITEMS_COLUMN in extra:
        items, problem = _items(extra[ITEMS_COLUMN], catalogue)
        if problem:
            messages.append(problem)
    if TOTAL_COLUMN in extra:
        try:
            total = float(str(extra[TOTAL_COLUMN]).replace(",", ""))
        except ValueError:
            messages.append("总投资应为数字")
        else:
            given = [values[f] for f in FUNDS if values.get(f) is not None]
            if given and abs(sum(given) - total) > 1:
                messages.append(f"总投资（{total:,.2f} 元）与各资金来源之和（{sum(given):,.2f} 元）不一致")
    return values, items, messages


def _current(p: Project) -> dict[str, Any]:
    return {f.name: getattr(p, f.name) for f in PROJECT_FIELDS}


def import_projects(store: Reader, *, path: Path | str, progress: Progress | None = None) -> ImportReport:
    """Import the reserve list in `path`. Runs off the GUI thread (through `run_op`); checks
    `progress.cancelled` and raises `Cancelled` with nothing saved. A file that cannot be read
    raises `UserError` and changes nothing."""
    progress = progress or Progress()
    path = Path(path)
    sheet, rows = _read_sheet(path)
    header_at = _find_header(rows)
    columns, ignored = _column_map(rows[header_at])
    missing = [label for label, name in (("项目编号", "code"), ("项目名称", "name"), ("县区", "district"))
               if name not in {n for n, _ in columns.values()}]
    if missing:
        raise UserError(f"表头缺少必需的列：{'、'.join(missing)}")
    catalogue = renovation_catalogue()
    report = ImportReport(ignored_columns=ignored, sheet=sheet)
    data = [(header_at + 2 + k, row) for k, row in enumerate(rows[header_at + 1:])
            if any(c is not None and str(c).strip() != "" for c in row)]
    total = len(data)
    parsed: list[tuple[int, dict[str, Any], list[str] | None]] = []
    first_row: dict[str, int] = {}
    for done, (number, row) in enumerate(data):
        if progress.cancelled:
            raise Cancelled()
        values, items, problems = _parse_row(row, columns, catalogue)
        code = values.get("code") or ""
        if not code:
            problems.insert(0, "项目编号不能为空")
        elif code in first_row:
            problems.append(f"项目编号“{code}”与第 {first_row[code]} 行重复")
        elif code:
            first_row[code] = number
        if problems:
            report.errors.append((number, "；".join(problems)))
        else:
            parsed.append((number, values, items))
        progress.report(done + 1, total * 2, "检查数据")
    ids: list[str] = []
    with store.write() as s:
        existing = {p.code: p for p in s.scalars(
            select(Project).where(Project.code.in_([v["code"] for _n, v, _i in parsed])))}
        for done, (number, values, items) in enumerate(parsed):
            if progress.cancelled:
                raise Cancelled()  # rolls the whole import back
            progress.report(total + done + 1, total * 2, "写入数据库")
            p = existing.get(values["code"])
            base = _current(p) if p is not None and not p.deleted else \
                {f.name: "" if f.kind in ("text", "longtext") else None for f in PROJECT_FIELDS} | {"status": "储备"}
            merged = base | values
            problems = validate_project(merged)
            if problems:
                report.errors.append((number, "；".join(problems.values())))
                continue
            new_items = items if items is not None else (list(p.renovation_items or []) if p else [])
            if p is None:
                p = Project(**{k: v for k, v in merged.items() if v is not None}, renovation_items=new_items)
                s.add(p)
                report.imported += 1
            elif not p.deleted and merged == base and new_items == list(p.renovation_items or []):
                report.unchanged += 1
                continue
            else:
                for k, v in merged.items():
                    if getattr(p, k) != v:
                        setattr(p, k, v)
                if list(p.renovation_items or []) != new_items:
                    p.renovation_items = new_items
                p.deleted = False
                report.updated += 1
            ids.append(p.id)
    report.errors.sort()
    report.changes = Changes.of("projects", ids=ids) if ids else Changes()
    log.info("imported %s: %d new, %d updated, %d unchanged, %d refused", path.name, report.imported,
             report.updated, report.unchanged, len(report.errors))
    return report
