"""The shipped forms/: every file valid; every reference item present, or split, merged or reworded
as issue 10 decided (one fact per item, no double negatives, corrected citations); the rules that
could never fire get their record facts; the holiday calendar drives working-day rules."""

from __future__ import annotations

import re

import pytest

from inspector.checklists.citations import default_table, expand_basis, parse_basis
from inspector.checklists.loader import check_paths
from inspector.checklists.registry import load_registry
from inspector.domain.rules.workdays import WEEKDAYS_ONLY
from inspector.paths import forms_dir
from tests.conftest import SHARED

REFERENCE = SHARED / "reference" / "checklists-and-records.md"

EXPECTED = {  # checklist id -> (prefix, number of items in reference §2.a–2.f)
    "illegal-contracting": ("FB", 28),
    "materials-sampling": ("CL", 18),
    "test-report-authenticity": ("TR", 17),
    "site-patrol": ("XC", 48),
    "public-notice-complaints": ("GS", 11),
    "completion-acceptance": ("YS", 20),
}
# Multi-fact reference items, now one item per fact (issue 10). FB-10 is merged into FB-09:
# 发承包办法8(三) presumes 转包 only when the labour contract AND the wage/pension relation are missing.
SPLIT = {
    "FB-08": "abc", "FB-13": "ab", "FB-27": "abc", "FB-28": "abc", "CL-11": "ab", "TR-15": "abcde",
    "XC-11": "abcd", "XC-12": "abcdef", "XC-23": "abcd", "XC-26": "ab", "XC-34": "abc", "XC-46": "abcd",
}
MERGED = {"FB-10"}
ADDED = {"site-patrol": {"XC-40": ["XC-49"]}, "completion-acceptance": {"YS-20": ["YS-21"]}}
# Same id, new wording or answer: double negatives made positive, a text item made failable, a
# typed number computed, a wind level judged against the record, the conjunctive test of 8(三).
REWORDED = {"FB-09", "FB-11", "FB-12", "FB-14", "FB-20", "XC-22", "XC-24", "XC-25", "XC-36", "XC-39",
            "YS-16", "YS-17"}


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def _ids(prefix: str, n: int, cid: str) -> list[str]:
    out = []
    for k in range(1, n + 1):
        iid = f"{prefix}-{k:02d}"
        if iid in MERGED:
            continue
        out += [iid + x for x in SPLIT[iid]] if iid in SPLIT else [iid]
        out += ADDED.get(cid, {}).get(iid, [])
    return out


def test_every_shipped_form_loads_without_problems(registry) -> None:
    assert registry.problems == []
    assert set(registry.checklists) == {*EXPECTED, "renovation-procedure"}
    checklists, problems = check_paths([forms_dir()])
    assert problems == [] and len(checklists) == 7


@pytest.mark.parametrize("cid", sorted(EXPECTED))
def test_item_ids_are_the_reference_ids_split_one_fact_each(registry, cid: str) -> None:
    ids = [i.id for i in registry.get(cid).items]
    if cid == "site-patrol":  # XC-49 (使用登记) sits with the elevator items, XC-48 stays last
        assert ids.index("XC-49") == ids.index("XC-40") + 1
    assert sorted(ids) == sorted(_ids(*EXPECTED[cid], cid))


def _reference_rows() -> dict[str, list[str]]:
    if not REFERENCE.exists():
        pytest.skip("reference/checklists-and-records.md is not beside the repository")
    rows = {}
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        if re.match(r"\| (?:FB|CL|TR|XC|GS|YS)-\d\d \|", line):
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            rows[cells[0]] = cells
    return rows


def test_unchanged_items_keep_the_reference_text_severity_and_action(registry) -> None:
    rows = _reference_rows()
    items = {i.id: i for cl in registry.checklists.values() for i in cl.items}
    act = {"R": "rectify", "S": "stop-work", "L": "refer", "R+L": "rectify+refer", "S+L": "stop-work+refer",
           "S(局部)": "partial-stop", "S(局部)+R": "partial-stop+rectify", "—": "none"}
    answer = {"YN": "yes-no-na", "YN+P": "yes-no-na", "P": "yes-no-na", "YN+TXT": "yes-no-na",
              "NUM": "number", "TXT": "text", "DATE": "date"}
    photo = {"YN+P": "required-on-fail", "P": "required"}
    checked = 0
    for iid, (_id, zh, en, typ, sev, _basis, action) in rows.items():
        if iid in SPLIT or iid in MERGED or iid in REWORDED:
            continue
        item = items[iid]
        assert (item.text_zh, item.text_en, item.severity) == (zh, en, sev), iid
        assert item.answer == answer[typ] and item.photo == photo.get(typ, "none"), iid
        assert item.on_fail == act.get(action, act.get(action.split(" ")[0])), iid
        if answer[typ] == "yes-no-na" and action != "—":
            assert item.fail_when == "no", iid
        checked += 1
    assert checked > 100
    # Every item that can be judged has a rule; text items are judged by the inspector. The only
    # text item left is YS-14 (the residents' opinions, recorded as written).
    assert [i.id for i in items.values() if i.answer == "text"] == ["YS-14"]
    assert all(i.fail_when for i in items.values() if i.answer != "text" and i.on_fail != "none")


def test_no_double_negatives(registry) -> None:
    texts = {i.id: i.text_zh for cl in registry.checklists.values() for i in cl.items}
    assert texts["XC-39"] == "电梯经特种设备检验机构监督检验合格后方交付使用"
    assert texts["YS-17"] == "工程经竣工验收合格后方交付使用"
    assert "未予验收" not in texts["YS-16"].split("(")[0]
    assert not [iid for iid, t in texts.items() if re.search(r"未[^，；(]*前未|未[^，；(]*未[^，；(]*[的]$", t)]


def test_every_basis_is_in_the_citation_table_and_the_doubtful_ones_are_corrected(registry) -> None:
    table = default_table()
    items = {i.id: i for cl in registry.checklists.values() for i in cl.items}
    for iid, item in items.items():
        assert parse_basis(item.basis, table)[1] == [], iid
        assert "条款" not in item.basis and "[" not in item.basis, iid
    assert "质量条例67" not in " ".join(items[f"TR-15{x}"].basis for x in "abcde")  # 67 is about 监理
    assert {items[i].basis for i in ("XC-24", "XC-25", "XC-26a", "XC-26b")} == {"GB 55037"}
    assert items["XC-36"].basis == "特设法22、23"
    assert {items[i].basis for i in ("GS-06", "GS-09", "GS-11")} == {"本站规定"}
    assert items["GS-03"].basis == "西宁方案 三(六); 本站规定"  # the 3 days are the station's rule
    assert items["FB-09"].basis == "发承包办法8(三)" and "FB-10" not in items
    assert items["CL-11b"].fail_when == "< 100"  # energy-saving re-tests are all witnessed
    assert expand_basis(items["FB-01"].basis) == "《中华人民共和国建筑法》第七条；《建设工程质量管理条例》第五十七条"


def test_working_day_rules_use_the_holiday_calendar(registry) -> None:
    ys10 = registry.find_item("YS-10")[1]
    # Acceptance Friday 2025-10-10 after the 国庆/中秋 holiday (10-01…10-08; 09-28 Sunday is a
    # working day): the 7th working day before it is 2025-09-24, not 10-01 as Mon–Fri would say.
    ctx = {"acceptance_date": "2025-10-10"}
    assert not ys10.is_failed("2025-09-24", ctx)
    assert ys10.is_failed("2025-09-25", ctx) and ys10.is_failed("2025-09-30", ctx)
    assert not ys10.is_failed("2025-09-30", {**ctx, "calendar": WEEKDAYS_ONLY})  # what it said before
    # An ordinary week: Friday 2025-06-20, 7 working days before is Wednesday 06-11.
    assert not ys10.is_failed("2025-06-11", {"acceptance_date": "2025-06-20"})
    assert ys10.is_failed("2025-06-12", {"acceptance_date": "2025-06-20"})
    assert not ys10.is_failed("2025-06-12")  # no acceptance date: cannot be judged


def test_numbers_dates_and_record_facts_fail_as_they_should(registry) -> None:
    item = lambda iid: registry.find_item(iid)[1]  # noqa: E731
    assert item("CL-11a").is_failed("29") and not item("CL-11a").is_failed("30")
    assert item("CL-11b").is_failed("90") and not item("CL-11b").is_failed("100")
    assert item("TR-10").is_failed("20") and not item("TR-10").is_failed("28")
    assert item("CL-04").is_failed("101") and not item("CL-04").is_failed("100")
    # XC-26: the 首层 ≥15 mm rule and an upper limit for typing errors.
    assert item("XC-26a").is_failed("12") and not item("XC-26a").is_failed("15")
    assert item("XC-26b").is_failed("4") and not item("XC-26b").is_failed("5")
    assert item("XC-26a").check_value("150") == "数值不能大于 60mm"
    # XC-22: outdoor hot work is judged against the wind the inspection recorded.
    xc22 = item("XC-22")
    assert xc22.is_failed("yes", {"wind_level": 5}) and not xc22.is_failed("yes", {"wind_level": 4})
    assert not xc22.is_failed("no", {"wind_level": 7})
    assert xc22.context_problem("yes", {"wind_level": None}) == "须先在检查记录中填写风力等级，才能判定本项"
    # FB-20 can fail now; FB-14 is computed, not typed.
    assert item("FB-20").is_failed("no") and item("FB-20").note_required_on_fail
    assert item("FB-14").derive == "pm_attendance_rate" and item("FB-14").is_failed("75")
    gs03 = item("GS-03")
    assert gs03.is_failed("2025-03-10", {"permit_date": "2025-03-01"})
    assert not gs03.is_failed("2025-03-04", {"permit_date": "2025-03-01"})
    ys18 = item("YS-18")
    assert ys18.is_failed("2025-07-06", {"acceptance_date": "2025-06-20"})
    assert not ys18.is_failed("2025-07-05", {"acceptance_date": "2025-06-20"})
    tr09 = item("TR-09")  # the chain of the report issued on the answered day
    chains = {"2025-05-01": [["2025-04-01", "2025-04-03", "2025-05-02"]],
              "2025-05-03": [["2025-04-01", "2025-04-03", "2025-05-02"]]}
    assert tr09.is_failed("2025-05-01", {"date_chains": chains})
    assert not tr09.is_failed("2025-05-03", {"date_chains": chains})
    assert not tr09.is_failed("2025-05-09", {"date_chains": chains})  # no report issued that day


def test_renovation_catalogue(registry) -> None:
    groups = registry.by_category()
    assert list(groups) == ["基础类", "完善类", "提升类", "引导类"]
    assert all(groups.values())
    by_zh = {r.zh: r for r in registry.renovation_items}
    assert by_zh["屋面防水"].checklist_items == ("XC-17", "XC-18", "XC-19", "XC-20", "XC-21", "XC-22",
                                                "XC-23a", "XC-23b", "XC-23c", "XC-23d")
    assert by_zh["加装电梯"].category == "完善类"
    assert {"XC-35", "XC-39", "XC-40", "XC-49", "CX-03"} <= set(by_zh["加装电梯"].checklist_items)
    assert by_zh["消防设施"].checklist_items  # was mapped to nothing
    assert {"CX-10", "CX-11"} <= set(by_zh["消防设施"].checklist_items)
    assert {"CX-12", "CX-13"} <= set(by_zh["架空线缆规整(入地)"].checklist_items)
    assert {"CX-09", "CX-10"} <= set(by_zh["幼儿园等教育设施"].checklist_items)
    assert by_zh["户内燃气管道改造"].checklist_items == ("CX-02",)
    assert {r.zh for r in groups["引导类"]} == {"户内供水管道改造", "户内排水管道改造", "户内燃气管道改造"}
    applicable = registry.applicable_items(["roof-waterproofing"])
    assert {"XC-01", "XC-07", "XC-17", "XC-23a", "FB-01", "YS-20", "CX-01", "CX-04", "CX-15"} <= applicable
    assert "XC-35" not in applicable and "XC-24" not in applicable and "CX-02" not in applicable
