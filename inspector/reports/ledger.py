"""台账: the supervision ledger as an Excel workbook, one sheet per kind of record and a sheet of
totals by district. The office (its web pages) and the laptop (`inspector export ledger`) both
write it here from plain rows, so both files look the same; this module reads no database.

Written with XlsxWriter in constant-memory mode (rows streamed; about three times faster than
openpyxl's write-only mode for the whole 台账), with what makes a workbook open cleanly in Excel and
WPS: Chinese headers, the header row frozen, an autofilter, column widths set, dates stored as dates
with a date format (not text), no formulas to recompute. Read back with openpyxl in the tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
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


PROGRESS_EVERY = 2000  # rows between two `progress` calls


def write_ledger(target: Path | IO[bytes], sheets: Sequence[Sheet], *,
                 progress: Callable[[str, int], None] | None = None) -> dict[str, dict[str, int]]:
    """Write the workbook to `target` (a path, written whole, or a binary stream). Returns the
    counts per sheet and district that the totals sheet shows. `progress(sheet title, rows written
    in it)` is called every `PROGRESS_EVERY` rows and at the end of each sheet (it may raise to stop)."""
    import xlsxwriter

    tmp = target.with_name(target.name + ".part") if isinstance(target, Path) else None
    # constant_memory: each row goes to a temporary file as it is written (the whole 台账 of a
    # province is hundreds of thousands of cells).
    wb = xlsxwriter.Workbook(str(tmp) if tmp else target, {"constant_memory": True, "strings_to_numbers": False,
                                                          "strings_to_formulas": False, "strings_to_urls": False})
    head = wb.add_format({"bold": True, "bg_color": "#DDE6F0", "align": "center", "valign": "vcenter", "border": 1})
    bold = wb.add_format({"bold": True})
    date_fmt = wb.add_format({"num_format": DATE_FORMAT})
    time_fmt = wb.add_format({"num_format": DATETIME_FORMAT})
    totals: dict[str, dict[str, int]] = {}
    for sheet in sheets:
        ws = wb.add_worksheet(sheet.title[:31])
        ws.freeze_panes(1, 0)
        for i, col in enumerate(sheet.columns):
            ws.set_column(i, i, col.width)
        ws.write_row(0, 0, [c.header for c in sheet.columns], head)
        counts: dict[str, int] = {}
        r = 0
        for r, row in enumerate(sheet.rows, start=1):
            for c, value in enumerate(row):
                v = _cell_value(value)
                if v is None or v == "":
                    continue
                if isinstance(v, dt.datetime):
                    ws.write_datetime(r, c, v, time_fmt)
                elif isinstance(v, dt.date):
                    ws.write_datetime(r, c, dt.datetime.combine(v, dt.time()), date_fmt)
                elif isinstance(v, (int, float)):
                    ws.write_number(r, c, v)
                else:
                    ws.write_string(r, c, str(v))
            if sheet.district_column is not None:
                d = str(row[sheet.district_column] or "（未填县区）")
                counts[d] = counts.get(d, 0) + 1
            if progress is not None and r % PROGRESS_EVERY == 0:
                progress(sheet.title, r)
        if progress is not None:
            progress(sheet.title, r)
        if r:
            ws.autofilter(0, 0, r, len(sheet.columns) - 1)
        totals[sheet.title] = counts

    ws = wb.add_worksheet(TOTALS_TITLE)
    ws.freeze_panes(1, 1)
    counted = [s.title for s in sheets if s.district_column is not None]
    ws.set_column(0, 0, 14)
    ws.set_column(1, max(1, len(counted)), 12)
    ws.write_row(0, 0, ["县区", *counted], head)
    districts = sorted({d for t in counted for d in totals[t]})
    for i, d in enumerate(districts, start=1):
        ws.write_row(i, 0, [d, *(totals[t].get(d, 0) for t in counted)])
    ws.write_row(len(districts) + 1, 0, ["合计", *(sum(totals[t].values()) for t in counted)], bold)
    wb.close()
    if tmp is not None and isinstance(target, Path):
        tmp.replace(target)
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
