"""导入项目储备库: the reserve list of renovation projects the district offices send, from .xlsx.

The sheets are not clean tables, and the import reads them as a person would:

* title rows (merged across the sheet) and filler above the header are passed over; the header is
  the row among the first 15 that names the most known columns; a group header above it (资金来源
  （万元）over 中央补助 / 居民出资 …) lends its unit to the columns under it;
* columns are recognised by meaning: each field has a table of the ways offices write it (HEADERS),
  compared without spaces, line breaks, full-width forms or a unit in brackets; money headed in 万元
  is converted to 元; a required column that is missing is named, with the headers that were found;
* no 项目编号 column: a project is known by district + name — an existing one is updated, a new
  one gets a code made from them (the same sheet imported again updates the same projects);
* a cell merged over several rows (the district, typically) applies to each of them;
* numbers typed as text are read with their units, thousands separators and full-width digits
  (“1,200户”, “１２０”, “3.5万元”); a value that is not a number (“八十年代”) leaves the field empty
  with a warning for that row, and the rest of the row is imported;
* blank rows, totals rows (合计 / 小计 / 总计), the column-number row under a header and footnotes
  are skipped without a word; an exact duplicate row is imported once and reported once;
* formulas are read by the value the spreadsheet program saved with them.

`plan_import` reads and checks everything and says what would happen to each row (create, update,
unchanged, refused with reasons), writing nothing: the app shows it as a preview. `apply_plan`
then writes the rows in one transaction. `import_projects` does both (the CLI). Reading is capped
(see xlsx.py): a workbook bomb is refused in a second, not parsed for minutes.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from inspector.domain import Project
from inspector.domain.rules.fields import FIELDS_BY_NAME, PROJECT_FIELDS, validate_project
from inspector.domain.vocab import District
from inspector.services.changes import Cancelled, Changes, Progress
from inspector.services.import_values import (
    ITEMS_COLUMN,
    TOTAL_COLUMN,
    HeaderMap,
    RowValues,
    is_filler_row,
    parse_row,
    read_headers,
    renovation_items,
)
from inspector.services.xlsx import Sheet, read_sheet
from inspector.store import Reader, Unit, Workspace, use_case

log = logging.getLogger(__name__)

SHEET_NAME = "项目储备库"
FUNDS = ("fund_subsidy", "fund_resident", "fund_utility", "fund_bonds", "fund_other")
DISTRICT_CODES = {"城东区": "CD", "城中区": "CZ", "城西区": "CX", "城北区": "CB", "湟中区": "HZ", "大通县": "DT",
                  "湟源县": "HY"}
assert set(DISTRICT_CODES) == set(District)

CREATE, UPDATE, UNCHANGED, REFUSE, DUPLICATE = "create", "update", "unchanged", "refuse", "duplicate"
ACTION_LABELS = {CREATE: "新增", UPDATE: "更新", UNCHANGED: "不变", REFUSE: "不导入", DUPLICATE: "重复行"}


@dataclass
class PlannedRow:
    row: int  # sheet row number
    action: str  # CREATE, UPDATE, UNCHANGED, REFUSE, DUPLICATE
    code: str
    name: str
    district: str
    values: dict[str, Any] = field(default_factory=dict)
    items: list[str] | None = None
    reasons: list[str] = field(default_factory=list)  # why refused (or, for a duplicate, of which row)
    warnings: list[str] = field(default_factory=list)  # imported, but a value was left empty
    changes: list[str] = field(default_factory=list)  # labels of the fields an update changes
    generated_code: bool = False

    @property
    def note(self) -> str:
        """Everything the preview should say about the row, in one line."""
        parts = list(self.reasons)
        if self.changes:
            parts.append("更新：" + "、".join(self.changes))
        if self.generated_code and self.action == CREATE:
            parts.append(f"自动编号 {self.code}")
        parts += self.warnings
        return "；".join(parts)


@dataclass
class ImportPlan:
    path: Path
    sheet: str
    header_row: int
    columns: list[tuple[str, str]]  # (header as written, field label) in sheet order
    ignored_columns: list[str]
    has_code_column: bool
    rows: list[PlannedRow] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(r.action == action for r in self.rows)

    @property
    def writable(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.action in (CREATE, UPDATE)]


@dataclass
class ImportReport:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (sheet row number, reason)
    warnings: list[tuple[int, str]] = field(default_factory=list)  # imported, a value left empty
    duplicates: list[tuple[int, str]] = field(default_factory=list)  # exact repeats, imported once
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


def _items(raw: Any, catalogue: list[tuple[str, str, str]]) -> tuple[list[str], str | None]:
    return renovation_items(raw, catalogue)


def generated_code(district: str, name: str) -> str:
    """A stable code for a project the sheet gives no code: the district's letters and a digest of
    district + name, so the same sheet imported again finds the same project."""
    key = unicodedata.normalize("NFKC", f"{district}|{name}")
    key = re.sub(r"\s+", "", key)
    return f"{DISTRICT_CODES.get(district, 'XN')}-AUTO-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:8].upper()}"


def _current(p: Project) -> dict[str, Any]:
    return {f.name: getattr(p, f.name) for f in PROJECT_FIELDS}


def _blank() -> dict[str, Any]:
    return {f.name: "" if f.kind in ("text", "longtext") else None for f in PROJECT_FIELDS} | {"status": "储备"}


def _merge(p: Project | None, values: dict[str, Any], items: list[str] | None
           ) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """(stored values, values after the import, renovation items after it). Empty cells keep what
    is stored."""
    base = _current(p) if p is not None and not p.deleted else _blank()
    new_items = items if items is not None else (list(p.renovation_items or []) if p else [])
    return base, base | values, new_items


def plan_import(store: Reader, *, path: Path | str, progress: Progress | None = None) -> ImportPlan:
    """Read the reserve list in `path` and decide, row by row, what importing it would do. Writes
    nothing. Runs off the GUI thread. Raises UserError (plain Chinese) for a file that cannot be
    read or has no usable header, and Cancelled when `progress` is cancelled."""
    progress = progress or Progress()
    path = Path(path)
    sheet = read_sheet(path, prefer=SHEET_NAME)
    headers = read_headers(sheet)
    plan = ImportPlan(path=path, sheet=sheet.title, header_row=headers.row,
                      columns=[(text, FIELDS_BY_NAME["project"][n].label if n in FIELDS_BY_NAME["project"] else n)
                               for text, n in headers.described],
                      ignored_columns=headers.ignored, has_code_column=headers.has("code"))
    catalogue = renovation_catalogue()
    data = list(_data_rows(sheet, headers))
    total = len(data)
    seen_rows: dict[tuple, PlannedRow] = {}
    first_code: dict[str, int] = {}
    parsed: list[tuple[PlannedRow, RowValues]] = []
    for done, (number, row) in enumerate(data):
        if progress.cancelled:
            raise Cancelled()
        progress.report(done + 1, total * 2, "检查数据")
        key = tuple(_same(row[c] if c < len(row) else None) for c in headers.columns)
        if key in seen_rows:
            first = seen_rows[key]
            plan.rows.append(PlannedRow(number, DUPLICATE, first.code, first.name, first.district, reasons=[
                f"与第 {first.row} 行完全相同，只导入一次"]))
            continue
        rv = parse_row(sheet, number, row, headers, catalogue)
        values = rv.values
        name, district = values.get("name") or "", values.get("district") or ""
        planned = PlannedRow(number, CREATE, values.get("code") or "", name, district, values=values,
                             items=rv.items, reasons=list(rv.problems), warnings=list(rv.warnings))
        if not headers.has("code"):
            if name and district:
                planned.code, planned.generated_code = generated_code(district, name), True
            elif not rv.problems:
                planned.reasons += [f"{label}不能为空" for key, label in (("name", "项目名称"), ("district", "县区"))
                                    if not values.get(key)]
        elif not planned.code:
            planned.reasons.insert(0, "项目编号不能为空")
        elif planned.code in first_code:
            same = "（同一县区的同名项目）" if planned.generated_code else ""
            planned.reasons.append(f"项目编号“{planned.code}”与第 {first_code[planned.code]} 行重复{same}")
        elif planned.code:
            first_code[planned.code] = number
        seen_rows[key] = planned
        parsed.append((planned, rv))
    _compare_with_store(store, parsed, by_name=not headers.has("code"))
    for planned, _rv in parsed:
        plan.rows.append(planned)
    plan.rows.sort(key=lambda r: r.row)
    return plan


def _same(value: Any) -> Any:
    """A cell as compared for exact duplicates: text without surrounding space."""
    return value.strip() if isinstance(value, str) else value


def _data_rows(sheet: Sheet, headers: HeaderMap):
    """(sheet row number, cells) of the rows below the header that hold data: blank rows, totals
    rows, the column-number row and footnotes are left out silently."""
    for number in range(headers.row + 1, len(sheet.rows) + 1):
        row = sheet.rows[number - 1]
        if not is_filler_row(row, headers):
            yield number, row


def _compare_with_store(store: Reader, parsed: list[tuple[PlannedRow, RowValues]], *, by_name: bool) -> None:
    """Decide create / update / unchanged / refuse against what the store holds now."""
    with store.read() as s:
        codes = [p.code for p, _ in parsed if p.code]
        existing = {p.code: p for p in s.scalars(select(Project).where(Project.code.in_(codes)))} if codes else {}
        named: dict[tuple[str, str], list[Project]] = {}
        if by_name:
            names = {p.name for p, _ in parsed if p.name}
            for proj in s.scalars(select(Project).where(Project.name.in_(names), Project.deleted.is_(False))):
                named.setdefault((proj.district, proj.name), []).append(proj)
        for planned, _rv in parsed:
            if planned.reasons:
                planned.action = REFUSE
                continue
            proj = existing.get(planned.code)
            if by_name and proj is None:
                matches = named.get((planned.district, planned.name), [])
                if len(matches) > 1:
                    planned.action = REFUSE
                    planned.reasons.append(f"库中有 {len(matches)} 个{planned.district}的同名项目"
                                           f"（{'、'.join(m.code for m in matches)}），请在表中加“项目编号”列")
                    continue
                if matches:
                    proj = matches[0]
                    planned.code, planned.generated_code = proj.code, False
            planned.values = planned.values | {"code": planned.code}
            base, merged, new_items = _merge(proj, planned.values, planned.items)
            problems = validate_project(merged)
            if problems:
                planned.action = REFUSE
                planned.reasons.extend(problems.values())
                continue
            if proj is None:
                planned.action = CREATE
            elif not proj.deleted and merged == base and new_items == list(proj.renovation_items or []):
                planned.action = UNCHANGED
            else:
                planned.action = UPDATE
                labels = {f.name: f.label for f in PROJECT_FIELDS}
                planned.changes = [labels[k] for k, v in merged.items() if base.get(k) != v]
                if new_items != list(proj.renovation_items or []):
                    planned.changes.append("改造内容")
                if proj.deleted:
                    planned.changes.insert(0, "恢复已删除的项目")


@use_case
def apply_plan(uow: Unit, plan: ImportPlan, *, progress: Progress | None = None,
               done_before: int = 0, total: int | None = None) -> ImportReport:
    """Write the rows of `plan` that create or update a project, in one transaction, checking each
    again against the store as it is now (it may have changed since the preview). Runs off the GUI
    thread; a cancel rolls everything back."""
    progress = progress or Progress()
    report = ImportReport(ignored_columns=list(plan.ignored_columns), sheet=plan.sheet)
    for r in plan.rows:
        if r.action == REFUSE:
            report.errors.append((r.row, "；".join(r.reasons)))
        elif r.action == DUPLICATE:
            report.duplicates.append((r.row, "；".join(r.reasons)))
        report.warnings.extend((r.row, w) for w in r.warnings)
    todo = [r for r in plan.rows if r.action in (CREATE, UPDATE, UNCHANGED)]
    total = total or len(todo)
    ids: list[str] = []
    s = uow.session
    existing = {p.code: p for p in s.scalars(select(Project).where(Project.code.in_([r.code for r in todo])))}
    for done, planned in enumerate(todo):
        if progress.cancelled:
            raise Cancelled()  # rolls the whole import back
        progress.report(done_before + done + 1, done_before + total, "写入数据库")
        p = existing.get(planned.code)
        base, merged, new_items = _merge(p, planned.values, planned.items)
        problems = validate_project(merged)
        if problems:
            report.errors.append((planned.row, "；".join(problems.values())))
            continue
        if p is None:
            p = Project(**{k: v for k, v in merged.items() if v is not None}, renovation_items=new_items)
            s.add(p)
            existing[planned.code] = p
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
    log.info("imported %s: %d new, %d updated, %d unchanged, %d refused, %d duplicate rows", plan.path.name,
             report.imported, report.updated, report.unchanged, len(report.errors), len(report.duplicates))
    return report


def import_projects(store: Workspace, *, path: Path | str, progress: Progress | None = None) -> ImportReport:
    """Plan and apply in one go (the CLI). Runs off the GUI thread; checks `progress.cancelled` and
    raises `Cancelled` with nothing saved. A file that cannot be read raises `UserError` and
    changes nothing."""
    progress = progress or Progress()
    plan = plan_import(store, path=path, progress=progress)
    data_rows = len(plan.rows)
    return apply_plan(store, plan, progress=progress, done_before=data_rows, total=data_rows)


__all__ = ["ACTION_LABELS", "ITEMS_COLUMN", "TOTAL_COLUMN", "ImportPlan", "ImportReport", "PlannedRow",
           "apply_plan", "generated_code", "import_projects", "plan_import", "renovation_catalogue"]
