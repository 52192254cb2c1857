"""xlsx reserve-list import: good and bad rows, re-import, refused files, cancel."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from inspector.domain import AuditEvent, Project
from inspector.services.changes import Cancelled, Progress
from inspector.services.errors import UserError
from inspector.services.project_import import import_projects
from tests.conftest import REPO, run_cli
from tests.fixtures.make_reserve_sample import BAD, GOOD, HEADERS, write_reserve

SAMPLE = REPO / "tests" / "fixtures" / "reserve-sample.xlsx"


def _projects(store) -> dict[str, Project]:
    with store.read() as s:
        return {p.code: p for p in s.scalars(select(Project))}


def _events(store) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent))


def test_sample_imports_good_rows_and_reports_bad_ones_by_sheet_row(store):
    report = import_projects(store, path=SAMPLE)
    assert (report.imported, report.updated, report.unchanged) == (len(GOOD), 0, 0)
    # Title row 1, header row 2, good rows 3–10, bad rows 11–16.
    rows = dict(report.errors)
    assert sorted(rows) == [11, 12, 13, 14, 15, 16]
    assert "项目编号不能为空" in rows[11]
    assert "乐都区" in rows[12]
    assert "户数不能为负数" in rows[13]
    assert "建成年代" in rows[14]
    assert "开工日期" in rows[15] and "施工许可日期" in rows[15]
    assert "游泳池" in rows[16]
    projects = _projects(store)
    assert set(projects) == {row[0] for row in GOOD}
    p = projects["CX-2027-001"]
    assert (p.name, p.district, p.street, p.year_built, p.households, p.elevators) == (
        "五四西路地质队家属院老旧小区改造", "城西区", "兴海路街道", 1990, 200, 2)
    assert p.floor_area == 14000 and p.status == "计划"
    assert p.permit_date == dt.date(2027, 4, 1) and p.start_date == dt.date(2027, 4, 15)
    # Headed in 万元, stored in 元.
    assert (p.fund_subsidy, p.fund_resident, p.fund_utility, p.fund_bonds) == (3860000, 440000, 700000, 2000000)
    assert projects["CB-2027-001"].status == "储备"
    # 改造内容 by name (with or without the bracketed note) or by id, stored as catalogue ids.
    assert projects["CB-2027-002"].renovation_items == ["elevator", "roof-waterproofing", "unit-access-control"]
    assert projects["CD-2027-001"].renovation_items == ["one-meter-per-household", "wall-insulation",
                                                        "water-supply"]
    assert projects["CZ-2027-001"].renovation_items == ["gas", "roof-waterproofing", "stairwell-lighting"]
    assert report.changes.touches("projects") and len(report.changes.ids) == len(GOOD)


def test_reimport_updates_by_code_and_does_not_duplicate(store, tmp_path):
    import_projects(store, path=SAMPLE)
    before = _projects(store)
    again = import_projects(store, path=SAMPLE)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, len(GOOD))
    assert again.changes.ids == frozenset()
    rows = [list(r) for r in GOOD]
    rows[0][9] = 252  # households of CB-2027-001 corrected
    rows[1][4] = ""  # an empty cell keeps what is stored
    edited = write_reserve(tmp_path / "edited.xlsx", [tuple(r) for r in rows])
    report = import_projects(store, path=edited)
    assert (report.imported, report.updated, report.unchanged, report.errors) == (0, 1, len(GOOD) - 1, [])
    after = _projects(store)
    assert len(after) == len(GOOD)
    assert after["CB-2027-001"].households == 252 and after["CB-2027-001"].id == before["CB-2027-001"].id
    assert after["CB-2027-001"].rev == before["CB-2027-001"].rev + 1
    assert after["CB-2027-002"].street == "小桥大街街道"


def test_update_keeps_fields_the_app_changed_that_the_sheet_does_not_have(store, tmp_path):
    import_projects(store, path=SAMPLE)
    with store.write() as s:
        p = s.scalars(select(Project).where(Project.code == "HZ-2027-001")).one()
        p.status, p.permit_no = "在建", "630106202704150101"
    headers = ("项目编号", "项目名称", "县区", "户数")
    path = write_reserve(tmp_path / "short.xlsx", [("HZ-2027-001", "多巴镇通海路供销社小区老旧小区改造", "湟中区", 110)],
                         headers=headers, title=None)
    report = import_projects(store, path=path)
    assert report.updated == 1
    p = _projects(store)["HZ-2027-001"]
    assert (p.households, p.status, p.permit_no, p.year_built) == (110, "在建", "630106202704150101", 1998)


def test_columns_in_any_order_with_aliases_units_and_duplicates(store, tmp_path):
    headers = ("所属县区", "项目 名称", "项目编号", "建筑面积(m²)", "总投资（元）", "中央及省级补助（元）",
               "居民出资（元）", "无关列")
    rows = [
        ("城东", "甲小区改造", 2027101, 5000, 600000, 550000, 50000, "x"),
        ("西宁市城中区", "乙小区改造", "B-1", 3000, 999999, 550000, 50000, ""),
        ("城北区", "丙小区改造", "2027101", 1000, None, None, None, ""),
    ]
    path = write_reserve(tmp_path / "aliases.xlsx", rows, headers=headers)
    report = import_projects(store, path=path)
    assert report.imported == 1
    assert report.ignored_columns == ["无关列"]
    errors = dict(report.errors)
    assert "总投资" in errors[4] and "不一致" in errors[4]
    assert "与第 3 行重复" in errors[5]
    p = _projects(store)["2027101"]  # a code typed as a number stays the same text
    assert (p.district, p.floor_area, p.fund_subsidy) == ("城东区", 5000, 550000)


def test_not_an_xlsx_is_refused_and_nothing_changes(store, tmp_path):
    import_projects(store, path=SAMPLE)
    counts = (_events(store), len(_projects(store)))
    fake = tmp_path / "reserve.xlsx"
    fake.write_text("项目编号,项目名称\nA,B\n", encoding="utf-8")
    for path in (fake, REPO / "pyproject.toml", tmp_path / "missing.xlsx"):
        with pytest.raises(UserError) as err:
            import_projects(store, path=path)
        assert "xlsx" in str(err.value) or "不存在" in str(err.value)
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(SAMPLE.read_bytes()[:3000])
    with pytest.raises(UserError):
        import_projects(store, path=truncated)
    assert (_events(store), len(_projects(store))) == counts


def test_sheet_without_the_required_columns_is_refused(store, tmp_path):
    path = write_reserve(tmp_path / "wrong.xlsx", [("甲", 1)], headers=("名称", "户数"))
    with pytest.raises(UserError, match="表头"):
        import_projects(store, path=path)
    path = write_reserve(tmp_path / "nodistrict.xlsx", [("A-1", "甲")], headers=("项目编号", "项目名称"))
    with pytest.raises(UserError, match="县区"):
        import_projects(store, path=path)
    assert _projects(store) == {}


class _CancelAfter(Progress):
    def __init__(self, n: int) -> None:
        self.calls = 0
        self.n = n

    def report(self, done: int, total: int, text: str = "") -> None:
        self.calls += 1

    @property
    def cancelled(self) -> bool:
        return self.calls >= self.n


def test_cancel_while_writing_saves_nothing(store):
    with pytest.raises(Cancelled):
        import_projects(store, path=SAMPLE, progress=_CancelAfter(len(GOOD) + len(BAD) + 3))
    assert _projects(store) == {}
    assert _events(store) == 0


def test_renovation_items_checked_against_the_catalogue():
    from inspector.services.project_import import _items

    catalogue = [("B01", "基础类", "屋面防水"), ("B02", "基础类", "外墙保温(建筑节能改造)"),
                 ("U01", "完善类", "智能快件箱、智能信包箱")]
    assert _items("屋面防水；智能快件箱、智能信包箱", catalogue) == (["B01", "U01"], None)
    assert _items("外墙保温（建筑节能改造）,B01", catalogue) == (["B01", "B02"], None)
    items, problem = _items("屋面防水,游泳池", catalogue)
    assert items == [] and "游泳池" in problem


def test_cli_import_prints_the_report(data_dir, tmp_path):
    sample = shutil.copy(SAMPLE, tmp_path / "储备库.xlsx")
    proc = run_cli("import-projects", str(sample), data_dir=data_dir)
    assert proc.returncode == 1, proc.stderr
    assert f"新增 {len(GOOD)} 个项目" in proc.stdout and "第 13 行：户数不能为负数" in proc.stdout
    proc = run_cli("import-projects", str(REPO / "pyproject.toml"), data_dir=data_dir)
    assert proc.returncode == 2 and "不是有效的 .xlsx" in proc.stderr


def test_committed_sample_matches_its_generator(tmp_path):
    from openpyxl import load_workbook

    fresh = write_reserve(tmp_path / "fresh.xlsx", GOOD + BAD, notes=True)
    a, b = load_workbook(SAMPLE), load_workbook(fresh)
    assert a.sheetnames == b.sheetnames == ["项目储备库", "填表说明"]
    for name in a.sheetnames:
        assert [list(r) for r in a[name].iter_rows(values_only=True)] == \
            [list(r) for r in b[name].iter_rows(values_only=True)]
    assert list(a["项目储备库"].iter_rows(min_row=2, max_row=2, values_only=True))[0] == HEADERS


def test_path_may_be_a_string(store):
    assert import_projects(store, path=str(SAMPLE)).imported == len(GOOD)
    assert isinstance(SAMPLE, Path)
