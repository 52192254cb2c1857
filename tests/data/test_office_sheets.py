"""The reserve lists offices really send (built with openpyxl, see office_sheets.py) import as a
person reads them; bad headers say what was found; workbook bombs are refused in seconds."""

from __future__ import annotations

import re
import time

import pytest
from sqlalchemy import select

from inspector.domain import Project
from inspector.services.errors import UserError
from inspector.services.import_values import parse_number
from inspector.services.project_import import import_projects, plan_import
from tests.conftest import run_cli
from tests.data import office_sheets as sheets


def _projects(store) -> dict[str, Project]:
    with store.read() as s:
        return {p.name: p for p in s.scalars(select(Project))}


def test_office_sheet_imports_as_a_person_reads_it(store, tmp_path):
    path = sheets.office_sheet(tmp_path / "城东城中储备清单.xlsx")
    plan = plan_import(store, path=path)
    assert plan.header_row == 4 and not plan.has_code_column and plan.ignored_columns == []
    by_row = {r.row: r for r in plan.rows}
    # Rows 5 (column numbers), 9 (小计), 12 (blank), 14 (合计), 15-16 (footnotes) are not projects.
    assert sorted(by_row) == [6, 7, 8, 10, 11, 13]
    assert [by_row[n].action for n in (6, 7, 8, 10, 11)] == ["create"] * 5
    assert by_row[13].action == "duplicate" and by_row[13].reasons == ["与第 10 行完全相同，只导入一次"]
    assert by_row[11].warnings == ["建成年代“八十年代”不是年份（如 1985），已留空"]
    report = import_projects(store, path=path)
    assert (report.imported, report.updated, report.unchanged, report.errors) == (5, 0, 0, [])
    assert report.duplicates == [(13, "与第 10 行完全相同，只导入一次")]
    got = _projects(store)
    assert len(got) == 5
    a = got["互助路县粮站家属院老旧小区改造"]
    # District merged down over rows 6-8; text numbers with units, full-width digits, separators.
    assert {got[n].district for n in ("八一路铁路小区老旧小区改造", "东关大街清真寺家属院老旧小区改造")} == {"城东区"}
    assert (a.district, a.year_built, a.buildings, a.households, a.floor_area) == ("城东区", 1986, 4, 150, 10500)
    assert got["八一路铁路小区老旧小区改造"].floor_area == 16800.5
    # 资金来源（万元）above the sources: converted to 元; the total (a formula) read by its cached value.
    assert (a.fund_subsidy, a.fund_resident, a.fund_utility, a.fund_bonds) == (2_400_000, 110_000, 300_000, 0)
    assert a.renovation_items == ["roof-waterproofing", "wall-insulation"]
    b = got["人民街百货公司家属院老旧小区改造"]
    assert (b.district, b.year_built, b.households, b.notes) == ("城中区", None, 96, "建成年代待核")
    assert re.fullmatch(r"CD-AUTO-[0-9A-F]{8}", a.code) and re.fullmatch(r"CZ-AUTO-[0-9A-F]{8}", b.code)

    # The same sheet again: the same projects, nothing changes; an edited value updates that project.
    again = import_projects(store, path=path)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 5)
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb.worksheets[0]["H6"] = "152户"
    wb.save(tmp_path / "edited.xlsx")
    edited = sheets.with_cached_formula_values(tmp_path / "edited.xlsx")
    plan = plan_import(store, path=edited)
    assert {r.row: (r.action, r.changes) for r in plan.rows if r.action == "update"} == {6: ("update", ["户数"])}
    import_projects(store, path=edited)
    after = _projects(store)
    assert after[a.name].households == 152 and after[a.name].id == a.id and len(after) == 5


def test_a_project_already_in_the_register_is_found_by_district_and_name(store, tmp_path):
    """A sheet without codes updates the project imported earlier with its office code."""
    sheets.simple_sheet(tmp_path / "with-code.xlsx", ["项目编号", "项目名称", "县区", "户数"],
                        [["CX-2027-001", "五四西路地质队家属院老旧小区改造", "城西区", 200]])
    import_projects(store, path=tmp_path / "with-code.xlsx")
    sheets.simple_sheet(tmp_path / "no-code.xlsx", ["所属区县", "改造项目名称", "总户数（户）"],
                        [["城西", "五四西路地质队家属院老旧小区改造", "210"]])
    report = import_projects(store, path=tmp_path / "no-code.xlsx")
    assert (report.imported, report.updated) == (0, 1)
    [p] = _projects(store).values()
    assert (p.code, p.households) == ("CX-2027-001", 210)


@pytest.mark.parametrize("headers", [
    ["项目名称", "县区", "户数", "建筑面积（m²）", "总投资（万元）", "中央及省级补助（万元）"],
    ["改造项目名称", "所属县区", "总户数(户)", "建筑面积(平方米)", "项目总投资（万元）", "中央和省级补助资金（万元）"],
    ["工程名称 ", "区县", "居民户数", "总建筑面积", "估算总投资【万元】", "中央补助资金(万元)"],
    ["项目名称*", "县（区）", "户数\n(户)", "建筑面积", "投资估算（万元）", "上级补助资金（万元）"],
])
def test_headers_recognised_by_meaning_with_and_without_units(store, tmp_path, headers):
    path = sheets.simple_sheet(tmp_path / "h.xlsx", headers, [["甲小区改造", "城北区", "1,200", 8000, 100, 100]])
    report = import_projects(store, path=path)
    assert report.errors == [] and report.imported == 1, report
    p = _projects(store)["甲小区改造"]
    assert (p.district, p.households, p.floor_area, p.fund_subsidy) == ("城北区", 1200, 8000, 1_000_000)


def test_missing_required_header_lists_the_headers_found(store, tmp_path):
    path = sheets.simple_sheet(tmp_path / "m.xlsx", ["序号", "项目名称", "小区", "户数", "建筑面积（㎡）"],
                               [[1, "甲小区改造", "甲小区", 100, 5000]])
    with pytest.raises(UserError) as err:
        plan_import(store, path=path)
    text = str(err.value)
    assert "表头缺少必需的列：县区" in text and "找到的列：序号、项目名称、小区、户数、建筑面积（㎡）" in text
    assert "所属县区" in text  # how else it may be headed
    path = sheets.simple_sheet(tmp_path / "none.xlsx", ["姓名", "电话"], [["张三", "123"]])
    with pytest.raises(UserError, match="未找到表头行.*第 1 行是：姓名、电话"):
        plan_import(store, path=path)
    assert _projects(store) == {}


@pytest.mark.parametrize(("text", "expected"), [
    ("1,200", (1200, "")), ("１２０户", (120, "户")), ("16,800.5㎡", (16800.5, "m2")), ("3.5万元", (3.5, "万元")),
    ("约96", (96, "")), ("1988年", (1988, "年")), (" 42 ", (42, "")), ("1 200", (1200, "")),
    ("八十年代", (None, "")), ("1980年代", (None, "")), ("两百", (None, "")), ("12-3", (None, "")),
])
def test_numbers_typed_as_text(text, expected):
    assert parse_number(text) == expected


def test_values_that_are_not_numbers_are_left_empty_with_a_warning(store, tmp_path):
    path = sheets.simple_sheet(tmp_path / "n.xlsx", ["项目名称", "县区", "建成年代", "户数", "开工日期", "居民出资（元）"],
                               [["甲小区改造", "城东区", "八十年代", "两百户", "明年春天", "5万元"],
                                ["乙小区改造", "城东区", "1990", "200", "2027年4月15日", "50,000"]])
    plan = plan_import(store, path=path)
    first, second = plan.rows
    assert first.action == "create" and first.warnings == [
        "建成年代“八十年代”不是年份（如 1985），已留空", "户数“两百户”不是数字，已留空",
        "开工日期“明年春天”不是日期（如 2027-04-01），已留空"]
    assert first.values["fund_resident"] == 50_000  # the cell's own unit (万元) wins over the header's
    assert second.warnings == [] and str(second.values["start_date"]) == "2027-04-15"
    proc = run_cli("import-projects", str(path), "--dry-run", data_dir=store.data_dir)
    assert proc.returncode == 0 and "第 2 行：新增" in proc.stdout and "未写入数据库" in proc.stdout
    assert _projects(store) == {}  # a dry run writes nothing
    proc = run_cli("import-projects", str(path), data_dir=store.data_dir)
    assert proc.returncode == 0 and "第 2 行：提示 — 建成年代“八十年代”不是年份" in proc.stdout
    assert _projects(store)["甲小区改造"].year_built is None


def test_formula_without_a_cached_value_is_reported(store, tmp_path):
    path = sheets.simple_sheet(tmp_path / "f.xlsx", ["项目名称", "县区", "户数", "总投资（万元）", "中央补助（万元）"],
                               [["甲小区改造", "城东区", "=20*6", "=E2", 100], ["乙小区改造", "城东区", 50, "=E3", 80]])
    sheets.with_cached_formula_values(path, skip={"C2", "D2", "D3"})
    plan = plan_import(store, path=path)
    a, b = plan.rows
    assert "户数是公式，但文件中没有保存计算结果" in a.note and a.values.get("households") is None
    assert b.action == "create"


def test_workbook_bomb_is_refused_quickly(store, tmp_path):
    big = sheets.bomb(tmp_path / "bomb.xlsx", rows=1_200_000, cells_per_row=2)  # ~90 MB of XML
    assert big.stat().st_size < 5_000_000
    t0 = time.monotonic()
    with pytest.raises(UserError, match=r"解压后约 [\d,]+ MB，超过 40 MB 的上限"):
        plan_import(store, path=big)
    assert time.monotonic() - t0 < 5
    many = sheets.bomb(tmp_path / "rows.xlsx", rows=200_000)  # small enough, far too many rows
    t0 = time.monotonic()
    with pytest.raises(UserError, match="超过 10,000 行"):
        plan_import(store, path=many)
    assert time.monotonic() - t0 < 10
    wide = sheets.bomb(tmp_path / "wide.xlsx", rows=1000, cells_per_row=500)
    with pytest.raises(UserError, match="单元格超过 400,000 个"):
        plan_import(store, path=wide)
    proc = run_cli("import-projects", str(big), data_dir=store.data_dir)
    assert proc.returncode == 2 and "超过 40 MB" in proc.stderr
    assert _projects(store) == {}
