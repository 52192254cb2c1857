"""What the inspection record and the notices say (issue 10): 检查依据 by full title, 抽查抽测 from
the numeric items, the previous notice's 复查 for this project, the new inspection kinds; the legal
basis of the order itself, a stop-work notice's measures, the 复议/诉讼 notice."""

from __future__ import annotations

import datetime as dt

import pytest

from inspector.domain.rules import notice_text
from inspector.services import findings as fsvc
from inspector.services import inspections as svc
from inspector.services import records
from inspector.services.citations import full_basis

from .conftest import answer_all

TODAY = dt.date(2026, 5, 11)


def test_order_basis_verified_articles() -> None:
    assert notice_text.order_basis("停工整改", ["JGJ 130", "安全条例28"]) == "安全条例43(四)"
    assert notice_text.order_basis("停工整改", ["建筑法7; 质量条例57"]) == "安全条例43(四); 质量条例48(三)"
    assert notice_text.order_basis("限期整改", ["质量条例29"]) == "质量条例48(三)"
    assert notice_text.order_basis("限期整改", ["GB 50720 6.3.1", "质量条例29"]) == "质量条例48(三); 安全条例43(三)(四)"
    assert full_basis("安全条例43(四)") == "《建设工程安全生产管理条例》第四十三条第（四）项"
    assert full_basis(notice_text.APPEAL_BASIS) == "《中华人民共和国行政复议法》第二十条；《中华人民共和国行政诉讼法》第四十六条"
    assert "六十日内" in notice_text.APPEAL_NOTICE and "六个月内" in notice_text.APPEAL_NOTICE


@pytest.mark.parametrize(("text", "measures"), [
    ("", False), ("请于 2026年05月15日 前完成整改，并将整改回复单报送监督站。", False),
    ("限期整改。", False), ("增设监护人2名，配置灭火器8具。", True),
    ("立即停止动火作业；请于5月15日前完成整改。", True),
])
def test_measures_are_not_the_deadline(text: str, measures: bool) -> None:
    assert notice_text.states_measures(text) is measures


def test_inspection_record_basis_spot_tests_and_previous_review(store, registry, project) -> None:
    first, _ = svc.start_inspection(store, project_id=project["id"], kind="日常巡查",
                                    checklists=[registry.checklists["illegal-contracting"]],
                                    started_at=dt.datetime(2026, 5, 1, 2, 0, tzinfo=dt.UTC))
    answer_all(store, first, fail={"FB-08a"})
    fsvc.findings_from_failed(store, inspection_id=first, today=dt.date(2026, 5, 1))
    rid, _ = fsvc.issue_notice(store, inspection_id=first, issued_on=dt.date(2026, 5, 1))
    fsvc.record_reply(store, rectification_id=rid, replied_on=dt.date(2026, 5, 3), measures="更换项目负责人")
    fsvc.reinspect(store, rectification_id=rid, verdict="未整改到位", reinspected_on=dt.date(2026, 5, 5),
                   note="仍非投标文件所载人员")

    second, _ = svc.start_inspection(store, project_id=project["id"], kind="双随机抽查",
                                     checklists=[registry.checklists["site-patrol"]],
                                     started_at=dt.datetime(2026, 5, 11, 2, 0, tzinfo=dt.UTC))
    answer_all(store, second, fail={"XC-26a"})
    d = records.record_data(store, kind="inspection", record_id=second).data
    assert d["kind_label"] == "双随机抽查"
    # 检查依据: the laws and standards by their full titles, once each.
    assert "《建设工程安全生产管理条例》" in d["basis_sources"]
    assert "《施工现场临时用电安全技术规范》JGJ 46-2005" in d["basis_sources"]
    assert len(d["basis_sources"]) == len(set(d["basis_sources"]))
    # 抽查抽测: the numeric items with their value, requirement and result.
    spot = {m["item"]: m for m in d["measured"]}
    assert spot["XC-26a"]["limit"] == "≥15 mm" and spot["XC-26a"]["result"] == "不符合"
    assert spot["XC-26b"]["result"] == "符合" and spot["XC-26b"]["value"].endswith(" mm")
    # The previous notice's 复查 for this project.
    [prev] = d["previous"]
    assert prev["title"] == "责令整改通知书" and prev["verdict"] == "未整改到位" and prev["note"] == "仍非投标文件所载人员"
    assert prev["reinspected_on"] == "2026-05-05"


@pytest.mark.parametrize("kind", ["双随机抽查", "节点验收监督", "竣工验收监督"])
def test_new_inspection_kinds(store, registry, project, kind) -> None:
    iid, _ = svc.start_inspection(store, project_id=project["id"], kind=kind,
                                  checklists=[registry.checklists["completion-acceptance"]])
    assert svc.get_inspection(store, iid).kind == kind
