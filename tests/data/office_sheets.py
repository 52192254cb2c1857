"""Reserve lists as district offices really send them, built with openpyxl: a merged title and a
填报单位 line above a two-row header (资金来源（万元）over its sources), the column-number row of
government forms, districts merged down, numbers typed as text with units, full-width digits and
thousands separators, 小计 / 合计 rows, a repeated row, footnotes, formulas. And workbook bombs."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook

TITLE = "西宁市2027年城镇老旧小区改造项目储备清单"
TOP = ["序号", "县区", "项目名称", "小区名称", "街道（乡镇）", "建成年代", "楼栋数\n（栋）", "户数\n（户）",
       "建筑面积\n（㎡）", "主要改造内容", "资金来源（万元）", None, None, None, "总投资（万元）", "备注"]
SUB = [None] * 10 + ["中央补助资金", "居民出资", "专营单位出资", "专项债券", None, None]

# Data rows from sheet row 6; column B (county) is merged down per district; O is a formula.
CHENGDONG = [
    (1, "互助路县粮站家属院老旧小区改造", "互助路县粮站家属院", "周家泉街道", "1986年", "4栋", "１５０户", "10,500",
     "屋面防水、外墙保温", "240", "11", "30", "0", ""),
    (2, "八一路铁路小区老旧小区改造", "八一路铁路小区", "八一路街道", 1990, 6, 240, "16,800.5",
     "楼道照明；雨污分流", "420", "18", "40", "0", "拟加装电梯"),
    (3, "东关大街清真寺家属院老旧小区改造", "东关大街清真寺家属院", "东关大街街道", "1995", "2", "64", "4480",
     "", "115", "6", "15", "0", ""),
]
CHENGZHONG = [
    (4, "南山路气象局家属院老旧小区改造", "南山路气象局家属院", "南川东路街道", 1992, 2, 72, 5040,
     "屋面防水", 115, 6, 15, 0, ""),
    (5, "人民街百货公司家属院老旧小区改造", "人民街百货公司家属院", "人民街街道", "八十年代", 3, "约96", 6700,
     "", 168, 12, 20, 0, "建成年代待核"),
]


def _row(values: tuple, number: int, district: str | None) -> list[Any]:
    seq, name, community, street, year, buildings, households, area, items, sub, res, util, bonds, note = values
    return [seq, district, name, community, street, year, buildings, households, area, items, sub, res, util, bonds,
            f"=SUM(K{number}:N{number})", note]


def office_sheet(path: Path) -> Path:
    """The reserve list the import must read as a person would (see the module docstring)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "2027年储备项目"
    ws.append([TITLE] + [None] * 15)
    ws.merge_cells("A1:P1")
    ws.append(["填报单位：西宁市住房和城乡建设局（盖章）        填报日期：2026年11月20日"] + [None] * 15)
    ws.merge_cells("A2:P2")
    ws.append(TOP)
    ws.append(SUB)
    for col in "ABCDEFGHIJOP":  # single headers span both header rows
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("K3:N3")
    ws.append(list(range(1, 17)))  # row 5: the column numbers of government forms
    number = 6
    for district, rows in (("城东区", CHENGDONG), ("城中区", CHENGZHONG)):
        first = number
        for values in rows:
            ws.append(_row(values, number, district if number == first else None))
            number += 1
        ws.merge_cells(f"B{first}:B{number - 1}")
        if district == "城东区":  # row 9
            ws.append([None, "小计", None, None, None, None, 12, 454, 31780.5, None, 775, 35, 85, 0,
                       f"=SUM(K{number}:N{number})", None])
            number += 1
    ws.append([None] * 16)  # row 12: blank
    ws.append(_row(CHENGZHONG[0], 13, "城中区"))  # row 13: row 10 again, word for word
    ws.append(["合计", None, None, None, None, None, 17, 622, 43520.5, None, 1058, 53, 120, 0, "=SUM(K14:N14)", None])
    ws.append(["注：资金单位为万元；建筑面积单位为平方米。"] + [None] * 15)
    ws.merge_cells("A15:P15")
    ws.append(["填表人：马文军", None, None, "审核人：韩志强", None, None, "联系电话：0971-8123456"])
    wb.save(path)
    return with_cached_formula_values(path)


def with_cached_formula_values(path: Path, *, skip: set[str] = frozenset()) -> Path:
    """openpyxl writes formulas without the value Excel/WPS would cache; put the computed sums in,
    as a file saved by a spreadsheet program has them (except for the cells in `skip`)."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.worksheets[0]
    values: dict[str, float] = {}
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value.startswith("=SUM(") and c.coordinate not in skip:
                first, last = c.value[5:-1].split(":")
                r = int(first[1:])
                total = 0.0
                for col in range(ord(first[0]), ord(last[0]) + 1):
                    v = ws[f"{chr(col)}{r}"].value
                    total += float(str(v).replace(",", "")) if v not in (None, "") else 0.0
                values[c.coordinate] = total
    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts[member].decode("utf-8")
    for ref, value in values.items():
        cell_start = xml.index(f'<c r="{ref}"')
        cell_end = xml.index("</c>", cell_start)
        cell = xml[cell_start:cell_end]
        cell = cell.replace("<v></v>", "").replace("<v />", "") + f"<v>{value:g}</v>"
        xml = xml[:cell_start] + cell + xml[cell_end:]
    parts[member] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def simple_sheet(path: Path, headers: list[str], rows: list[list[Any]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def bomb(path: Path, *, rows: int, cells_per_row: int = 1) -> Path:
    """A valid workbook whose one sheet holds `rows` rows of the same cells: the XML is streamed
    into the zip, so it compresses ~1 000:1 (300 MB of XML in a few hundred KB)."""
    simple_sheet(path, ["项目名称", "县区"], [["甲小区改造", "城东区"]])
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    head, _, _ = parts["xl/worksheets/sheet1.xml"].decode().partition("<sheetData>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in parts.items():
            if name != "xl/worksheets/sheet1.xml":
                z.writestr(name, data)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write((head + "<sheetData>").encode())
            cells = "".join('<c t="inlineStr"><is><t>x</t></is></c>' for _ in range(cells_per_row))
            chunk = "".join(f"<row>{cells}</row>" for _ in range(1000)).encode()
            for _ in range(rows // 1000):
                f.write(chunk)
            f.write(b"</sheetData></worksheet>")
    return path
