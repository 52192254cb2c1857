"""台账: the supervision ledger as an Excel workbook, one sheet per kind of record and a sheet of
totals by district. The office (its web pages) and the laptop (`inspector export ledger`) both
write it here from plain rows, so both files look the same; this module reads no database.

Written in openpyxl's write-only mode (rows streamed, never a whole sheet in memory), with what
makes a workbook open cleanly in Excel and WPS: Chinese headers, the header row frozen, column
widths set, dates stored as dates with a date format (not text), no formulas to recompute."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


@dataclass(frozen=True)
class Column:
    header: str
    width: float = 14.0


@dataclass
class Sheet:
    """One kind of record: `rows` are tuples in the order of `columns`; `district_column` names the
    column counted in the totals sheet (None: not counted)."""

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]
    district_column: int | None = None
    counted: dict[str, int] = field(default_factory=dict)


TOTALS_TITLE = "按县区汇总"


def _cell_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        # Excel has no time zones: China time, without tzinfo (openpyxl refuses aware datetimes).
        return value.astimezone(dt.timezone(dt.timedelta(hours=8))).replace(tzinfo=None)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, tuple, set)):
        return "、".join(str(v) for v in value)
    return value


def write_ledger(target: Path | IO[bytes], sheets: Sequence[Sheet]) -> dict[str, dict[str, int]]:
    """Write the workbook to `target` (a path, written whole, or a binary stream). Returns the
    counts per sheet and district that the totals sheet shows."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE6F0")
    totals: dict[str, dict[str, int]] = {}

    def header_row(ws: Any, headers: Sequence[str]) -> list[Any]:
        cells = []
        for h in headers:
            c = WriteOnlyCell(ws, value=h)
            c.font, c.fill, c.alignment = bold, fill, Alignment(horizontal="center", vertical="center")
            cells.append(c)
        return cells

    for sheet in sheets:
        ws = wb.create_sheet(sheet.title[:31])
        ws.freeze_panes = "A2"
        for i, col in enumerate(sheet.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = col.width
        ws.append(header_row(ws, [c.header for c in sheet.columns]))
        counts: dict[str, int] = {}
        for row in sheet.rows:
            cells = []
            for value in row:
                v = _cell_value(value)
                c = WriteOnlyCell(ws, value=v)
                if isinstance(v, dt.datetime):
                    c.number_format = DATETIME_FORMAT
                elif isinstance(v, dt.date):
                    c.number_format = DATE_FORMAT
                cells.append(c)
            ws.append(cells)
            if sheet.district_column is not None:
                d = str(row[sheet.district_column] or "（未填县区）")
                counts[d] = counts.get(d, 0) + 1
        totals[sheet.title] = counts

    ws = wb.create_sheet(TOTALS_TITLE)
    ws.freeze_panes = "B2"
    counted = [s.title for s in sheets if s.district_column is not None]
    ws.column_dimensions["A"].width = 14
    for i in range(len(counted)):
        ws.column_dimensions[get_column_letter(i + 2)].width = 12
    ws.append(header_row(ws, ["县区", *counted]))
    districts = sorted({d for t in counted for d in totals[t]})
    for d in districts:
        ws.append([d, *(totals[t].get(d, 0) for t in counted)])
    total_cells = [WriteOnlyCell(ws, value="合计")]
    total_cells[0].font = bold
    for t in counted:
        c = WriteOnlyCell(ws, value=sum(totals[t].values()))
        c.font = bold
        total_cells.append(c)
    ws.append(total_cells)

    if isinstance(target, Path):
        tmp = target.with_name(target.name + ".part")
        wb.save(tmp)
        tmp.replace(target)
    else:
        wb.save(target)
    return totals


# The columns of each kind, shared by the office and the laptop (same headers in both files).
PROJECT_COLUMNS = (Column("项目编号", 16), Column("项目名称", 30), Column("县区", 10), Column("街道", 12),
                   Column("社区", 12), Column("计划年度", 10), Column("状态", 8), Column("户数", 8),
                   Column("楼栋数", 8), Column("监督员", 10), Column("开工日期", 12), Column("竣工日期", 12))
INSPECTION_COLUMNS = (Column("记录编号", 22), Column("项目编号", 16), Column("项目名称", 30), Column("县区", 10),
                      Column("检查类型", 12), Column("监督人员", 10), Column("检查时间", 17), Column("状态", 8),
                      Column("问题数", 8))
RECTIFICATION_COLUMNS = (Column("通知书编号", 22), Column("项目编号", 16), Column("项目名称", 30),
                         Column("县区", 10), Column("处理方式", 10), Column("责任单位", 26), Column("下发日期", 12),
                         Column("整改期限", 12), Column("状态", 8), Column("是否逾期", 8), Column("销项日期", 12))
ACCEPTANCE_COLUMNS = (Column("记录编号", 22), Column("项目编号", 16), Column("项目名称", 30), Column("县区", 10),
                      Column("验收日期", 12), Column("组织单位", 24), Column("结论", 10), Column("状态", 8),
                      Column("签署时间", 17))
REDFLAG_COLUMNS = (Column("预警", 30), Column("说明", 60), Column("项目", 40), Column("县区", 14),
                   Column("处理", 10), Column("理由", 30))
