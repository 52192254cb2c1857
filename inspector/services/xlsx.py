"""Read one sheet of an .xlsx workbook as a grid of values, safely and as an office user means it.

Safely: an .xlsx is a zip of XML, and a few MB of zip can expand to gigabytes (a sheet of a
million rows of the same cell compresses 1 000:1). Before anything is parsed, the declared sizes of
the zip members are capped (zipfile never inflates a member past its declared size: a lie there
fails the CRC check), then the sheet's XML is streamed once to count its rows, stopping at the cap,
and only then is it read into cells.

As meant: merged cells carry their value into every cell they cover (a district merged down over
six rows applies to each), formulas are read by the value the spreadsheet program cached when it
saved, and a formula without a cached value is reported rather than read as an empty cell.

No Qt, no database: runs on any thread.
"""

from __future__ import annotations

import logging
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inspector.services.errors import UserError

log = logging.getLogger(__name__)

# A reserve list of 1 000 projects is about 1 MB of XML; these leave room for a hundred times that.
MAX_UNCOMPRESSED = 40 * 1024 * 1024  # all XML parts together (pictures are not parsed)
MAX_SHARED_STRINGS = 10 * 1024 * 1024  # loaded whole by openpyxl, so capped on its own
MAX_MEMBERS = 2000
MAX_ROWS = 10_000
MAX_CELLS = 400_000
MAX_COLUMNS = 80  # columns read; a reserve list has about 30

_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


@dataclass
class Sheet:
    title: str
    rows: list[list[Any]]  # rows[0] is sheet row 1; every row MAX_COLUMNS wide at most
    uncached_formulas: set[tuple[int, int]] = field(default_factory=set)  # (row, col), 1-based

    def cell(self, row: int, col: int) -> Any:
        """1-based, like the sheet."""
        r = self.rows[row - 1] if 0 < row <= len(self.rows) else []
        return r[col - 1] if 0 < col <= len(r) else None


def _unreadable(path: Path) -> UserError:
    return UserError(f"无法读取“{path.name}”：不是有效的 .xlsx 工作簿。如为 .xls 或 .csv 文件，"
                     "请先在 Excel/WPS 中另存为 .xlsx。")


def _check_package(path: Path) -> None:
    """Refuse a workbook whose parts would expand past the caps, before any XML is parsed."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _unreadable(path) from None
    if len(infos) > MAX_MEMBERS:
        raise UserError(f"无法导入“{path.name}”：工作簿内部文件过多（{len(infos)} 个），不像是项目储备库。")
    xml = [i for i in infos if i.filename.lower().endswith((".xml", ".rels"))]
    total = sum(i.file_size for i in xml)
    strings = sum(i.file_size for i in xml if i.filename.lower().endswith("sharedstrings.xml"))
    if total > MAX_UNCOMPRESSED or strings > MAX_SHARED_STRINGS:
        raise UserError(f"无法导入“{path.name}”：工作簿解压后约 {total / 1048576:,.0f} MB，超过 "
                        f"{MAX_UNCOMPRESSED // 1048576} MB 的上限（项目储备库通常不到 5 MB）。"
                        "请只保留项目储备库这一张表、删去多余的行列后再导入。")


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _ref(ref: str) -> tuple[int, int] | None:
    m = _CELL_REF.match(ref.replace("$", "").upper())
    return (int(m.group(2)), _col_number(m.group(1))) if m else None


def _scan_sheet_xml(path: Path, member: str) -> tuple[int, list[tuple[int, int, int, int]], set[tuple[int, int]]]:
    """One streaming pass over the sheet's XML: its row count (refusing past MAX_ROWS at once), its
    merged ranges (min_row, min_col, max_row, max_col) and the cells holding a formula but no cached
    value. Memory stays flat: each element is dropped when read."""
    import xml.etree.ElementTree as ET

    rows = cells = 0
    merges: list[tuple[int, int, int, int]] = []
    uncached: set[tuple[int, int]] = set()
    with zipfile.ZipFile(path) as z, z.open(member) as f:
        for _event, elem in ET.iterparse(f, events=("end",)):
            tag = elem.tag.rsplit("}", 1)[-1]
            if tag == "row":
                rows += 1
                if rows > MAX_ROWS:
                    raise UserError(f"无法导入“{path.name}”：工作表超过 {MAX_ROWS:,} 行（多为大量空行或格式）。"
                                    "请删去多余的行后再导入。")
                elem.clear()
            elif tag == "c":
                cells += 1
                if cells > MAX_CELLS:
                    raise UserError(f"无法导入“{path.name}”：工作表的单元格超过 {MAX_CELLS:,} 个"
                                    "（多为整行整列设置了格式）。请删去多余的行列后再导入。")
                children = {child.tag.rsplit("}", 1)[-1]: child for child in elem}
                if "f" in children and (children.get("v") is None or not (children["v"].text or "")):
                    at = _ref(elem.get("r", ""))
                    if at:
                        uncached.add(at)
                elem.clear()
            elif tag == "mergeCell":
                first, _, last = elem.get("ref", "").partition(":")
                a, b = _ref(first), _ref(last or first)
                if a and b:
                    merges.append((min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])))
    return rows, merges, uncached


def read_sheet(path: Path | str, *, prefer: str = "") -> Sheet:
    """The sheet named `prefer` (else the first) as a grid, merged cells filled in. Raises
    UserError in plain Chinese for anything that is not a readable, reasonably sized workbook."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"文件不存在：{path}")
    _check_package(path)
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError) as exc:
        log.info("not an xlsx workbook: %s (%s)", path, exc)
        raise _unreadable(path) from None
    except Exception as exc:  # openpyxl raises many kinds on malformed packages
        log.info("unreadable workbook %s: %r", path, exc)
        raise UserError(f"无法读取“{path.name}”：工作簿已损坏或格式不受支持。") from None
    try:
        ws = wb[prefer] if prefer and prefer in wb.sheetnames else wb.worksheets[0]
        member = getattr(ws, "_worksheet_path", "")
        try:
            _rows, merges, uncached = _scan_sheet_xml(path, member.lstrip("/")) if member else (0, [], set())
        except UserError:
            raise
        except Exception as exc:  # noqa: BLE001 - malformed XML, a missing part
            log.info("cannot scan %s of %s: %r", member, path, exc)
            raise UserError(f"无法读取“{path.name}”：工作表内容已损坏。") from None
        # Some programs write a wrong <dimension>; read every row that is really there.
        ws.reset_dimensions()
        try:
            grid = [list(r) for r in ws.iter_rows(values_only=True, max_col=MAX_COLUMNS)]
        except Exception as exc:  # noqa: BLE001 - a cell openpyxl cannot make sense of
            log.info("cannot read cells of %s: %r", path, exc)
            raise UserError(f"无法读取“{path.name}”：工作表内容已损坏。") from None
        title = ws.title
    finally:
        wb.close()
    _fill_merged(grid, merges)
    return Sheet(title, grid, uncached)


def _fill_merged(grid: list[list[Any]], merges: list[tuple[int, int, int, int]]) -> None:
    for r0, c0, r1, c1 in merges:
        if r0 > len(grid) or c0 > MAX_COLUMNS:
            continue
        row0 = grid[r0 - 1]
        value = row0[c0 - 1] if c0 <= len(row0) else None
        for r in range(r0, min(r1, len(grid)) + 1):
            row = grid[r - 1]
            last = min(c1, MAX_COLUMNS)
            if len(row) < last:
                row.extend([None] * (last - len(row)))
            for c in range(c0, last + 1):
                row[c - 1] = value
