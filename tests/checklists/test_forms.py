"""The shipped forms/: every file valid, every item of the reference present with its text."""

from __future__ import annotations

import re

import pytest

from inspector.checklists.loader import check_paths
from inspector.checklists.registry import load_registry
from inspector.paths import forms_dir
from tests.conftest import SHARED

REFERENCE = SHARED / "reference" / "checklists-and-records.md"

EXPECTED = {  # checklist id -> (prefix, number of items) from reference §2.a–2.f
    "illegal-contracting": ("FB", 28),
    "materials-sampling": ("CL", 18),
    "test-report-authenticity": ("TR", 17),
    "site-patrol": ("XC", 48),
    "public-notice-complaints": ("GS", 11),
    "completion-acceptance": ("YS", 20),
}


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def test_every_shipped_form_loads_without_problems(registry) -> None:
    assert registry.problems == []
    assert set(registry.checklists) == set(EXPECTED)
    checklists, problems = check_paths([forms_dir()])
    assert problems == [] and len(checklists) == 6


@pytest.mark.parametrize("cid", sorted(EXPECTED))
def test_item_ids_are_the_reference_ids(registry, cid: str) -> None:
    prefix, n = EXPECTED[cid]
    assert [i.id for i in registry.get(cid).items] == [f"{prefix}-{k:02d}" for k in range(1, n + 1)]


def _reference_rows() -> dict[str, list[str]]:
    if not REFERENCE.exists():
        pytest.skip("reference/checklists-and-records.md is not beside the repository")
    rows = {}
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        if re.match(r"\| (?:FB|CL|TR|XC|GS|YS)-\d\d \|", line):
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            rows[cells[0]] = cells
    return rows


def test_text_severity_action_and_basis_match_the_reference(registry) -> None:
    rows = _reference_rows()
    items = {i.id: i for cl in registry.checklists.values() for i in cl.items}
    assert set(items) == set(rows)
    act = {"R": "rectify", "S": "stop-work", "L": "refer", "R+L": "rectify+refer", "S+L": "stop-work+refer",
           "S(局部)": "partial-stop", "S(局部)+R": "partial-stop+rectify", "—": "none"}
    answer = {"YN": "yes-no-na", "YN+P": "yes-no-na", "P": "yes-no-na", "YN+TXT": "yes-no-na",
              "NUM": "number", "TXT": "text", "DATE": "date"}
    photo = {"YN+P": "required-on-fail", "P": "required"}
    for iid, (_id, zh, en, typ, sev, basis, action) in rows.items():
        item = items[iid]
        assert (item.text_zh, item.text_en, item.severity) == (zh, en, sev), iid
        assert item.answer == answer[typ] and item.photo == photo.get(typ, "none"), iid
        assert item.on_fail == act.get(action, act.get(action.split(" ")[0])), iid
        assert "[" not in item.basis, iid
        assert item.basis == re.sub(r"\s*\[(?:V|R|B|I)(?: [^\]]*)?\]", "", basis).strip(), iid
        assert item.note_required_on_fail == (typ == "YN+TXT"), iid
        # Every answer that can be judged has a rule; text is judged by the inspector.
        if answer[typ] == "yes-no-na" and action != "—":
            assert item.fail_when == "no", iid
        if answer[typ] in ("number", "text"):
            assert (item.fail_when is None) == (answer[typ] == "text"), iid


def test_numbers_and_dates_fail_as_the_reference_says(registry) -> None:
    item = registry.find_item
    assert item("CL-11")[1].is_failed("29") and not item("CL-11")[1].is_failed("30")
    assert item("XC-22")[1].is_failed("5") and not item("XC-22")[1].is_failed("4")
    assert item("XC-26")[1].is_failed("4") and not item("XC-26")[1].is_failed("15")
    assert item("TR-10")[1].is_failed("20") and not item("TR-10")[1].is_failed("28")
    assert item("FB-14")[1].is_failed("50") and not item("FB-14")[1].is_failed("80")
    assert item("CL-04")[1].is_failed("101") and not item("CL-04")[1].is_failed("100")
    gs03 = item("GS-03")[1]
    assert gs03.is_failed("2025-03-10", {"permit_date": "2025-03-01"})
    assert not gs03.is_failed("2025-03-04", {"permit_date": "2025-03-01"})
    ys10 = item("YS-10")[1]  # acceptance Friday 2025-06-20: 7 working days before is Wednesday 06-11
    assert not ys10.is_failed("2025-06-11", {"acceptance_date": "2025-06-20"})
    assert ys10.is_failed("2025-06-12", {"acceptance_date": "2025-06-20"})
    ys18 = item("YS-18")[1]
    assert ys18.is_failed("2025-07-06", {"acceptance_date": "2025-06-20"})
    assert not ys18.is_failed("2025-07-05", {"acceptance_date": "2025-06-20"})
    tr09 = item("TR-09")[1]
    assert tr09.is_failed("2025-05-01", {"date_chain": ["2025-04-01", "2025-04-03", "2025-05-02"]})
    assert not tr09.is_failed("2025-05-03", {"date_chain": ["2025-04-01", "2025-04-03", "2025-05-02"]})


def test_renovation_catalogue(registry) -> None:
    groups = registry.by_category()
    assert list(groups) == ["基础类", "完善类", "提升类", "引导类"]
    assert all(groups.values())
    by_zh = {r.zh: r for r in registry.renovation_items}
    assert by_zh["屋面防水"].checklist_items == tuple(f"XC-{n}" for n in range(17, 24))
    assert by_zh["加装电梯"].category == "完善类"
    assert by_zh["加装电梯"].checklist_items == tuple(f"XC-{n}" for n in range(35, 41))
    assert by_zh["雨污分流"].checklist_items == ("XC-42", "XC-43")
    assert {r.zh for r in groups["引导类"]} == {"户内供水管道改造", "户内排水管道改造", "户内燃气管道改造"}
    applicable = registry.applicable_items(["roof-waterproofing"])
    assert {"XC-01", "XC-07", "XC-17", "XC-23", "FB-01", "YS-20"} <= applicable
    assert "XC-35" not in applicable and "XC-24" not in applicable
