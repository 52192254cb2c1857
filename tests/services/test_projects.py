"""Project register service: search semantics shared by the CLI/office (SQL) and the register (memory)."""

from __future__ import annotations

import pytest

from inspector.services import projects as svc
from inspector.services.errors import ValidationError


@pytest.fixture
def three(store):
    out = {}
    for code, name, district, status, year, firm, person in [
        ("XN-A-1", "城东区民和巷小区改造", "城东区", "在建", 2026, "青海宏远建设工程有限公司", "马建国"),
        ("XN-A-2", "城中区南关街100%达标小区", "城中区", "计划", 2026, "西宁城建集团有限公司", "李海平"),
        ("XN-B-3", "城西区胜利路小区改造", "城西区", "已验收", 2025, "青海宏远建设工程有限公司", "王文斌"),
    ]:
        pid, _ = svc.create_project(store, fields={"code": code, "name": name, "district": district,
                                                   "status": status, "plan_year": str(year)})
        party, _ = svc.save_party(store, project_id=pid, fields={"role": "施工单位", "name": firm})
        svc.save_person(store, project_id=pid, party_id=party, fields={"role": "项目负责人", "name": person})
        out[code] = pid
    return out


@pytest.mark.parametrize("kwargs,codes", [
    ({"text": "宏远"}, ["XN-A-1", "XN-B-3"]),
    ({"text": "马建国"}, ["XN-A-1"]),
    ({"text": "xn-a"}, ["XN-A-1", "XN-A-2"]),
    ({"text": "宏远 胜利"}, ["XN-B-3"]),
    ({"text": "100%"}, ["XN-A-2"]),
    ({"text": "_"}, []),  # a literal underscore, not a LIKE wildcard
    ({"district": "城东区"}, ["XN-A-1"]),
    ({"status": "已验收"}, ["XN-B-3"]),
    ({"year": 2026, "text": "小区"}, ["XN-A-1", "XN-A-2"]),
])
def test_search_in_store_and_in_memory_agree(store, three, kwargs, codes):
    assert [r.code for r in svc.search_projects(store, **kwargs)] == codes
    rows = svc.list_projects(store)
    assert [r.code for r in rows if svc.matches(r, **kwargs)] == codes


def test_contractor_shown_and_deleted_party_not_searchable(store, three):
    row = svc.search_projects(store, text="马建国")[0]
    assert row.contractor == "青海宏远建设工程有限公司"
    detail = svc.get_project(store, three["XN-A-1"])
    svc.delete_record(store, kind="party", record_id=detail.parties[0]["id"])
    assert svc.search_projects(store, text="马建国") == []  # the party's people go with it


def test_duplicate_code_is_refused(store, three):
    with pytest.raises(ValidationError, match="已被其他项目使用"):
        svc.update_project(store, project_id=three["XN-A-2"], fields={"code": "XN-A-1"})
