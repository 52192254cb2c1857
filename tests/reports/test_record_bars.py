"""What every record kind prints as a station would sign it (issue 10), read back from the real PDF
with pdftotext: the issuing station, the 文书字号, the legal citations in full, 落款 with a place for
the seal, and the 签收 block with the 拒签 note and a witness."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from inspector.services import records
from tests.reports import builders as b
from tests.reports.conftest import pdftext

STATION = "西宁市建设工程质量安全监督站"
RECEIPT = ("签收单位", "签收人（签名）", "职务", "签收日期", "拒签情况", "拒签事由", "见证人（签名）")


def _build(kind: str, store, project, photos_dir: Path) -> str:
    photos = [b.read_photo(photos_dir, "orient_6.jpg"), b.read_photo(photos_dir, "apple_iphone6_gps.jpg")]
    iid = b.make_inspection(store, project, photos if kind == "inspection" else [])
    if kind == "referral":
        return b.make_referral(store, project, iid)
    rid = b.make_rectification(store, project, iid)
    if kind == "inspection":
        return iid
    if kind == "rectification":
        return rid
    if kind == "reply":
        return b.make_reply(store, rid, photos)
    aid = b.make_acceptance(store, project, attendees=8)
    return aid if kind == "acceptance" else b.make_handover(store, project, aid)


# Per kind: citations printed in full, and what else the issue asks of that record.
EXPECTED = {
    "inspection": ["《建设工程施工现场消防安全技术规范》GB 50720-2011第6.3.1条", "检查依据", "检查情况", "抽查抽测",
                   "上次整改复查情况", "监督人员", "执法证号", "受检单位陪同人员"],
    # A stop-work order cites the power it rests on (安全条例43(四)) and the right to appeal.
    "rectification": ["《建设工程安全生产管理条例》第四十三条第（四）项", "暂时停止", "从危险区域内撤出作业人员",
                      "《中华人民共和国行政复议法》第二十条", "《中华人民共和国行政诉讼法》第四十六条",
                      "六十日内", "六个月内", "复工条件", "立即停止3号楼屋面动火作业"],
    "reply": ["《建设工程施工现场消防安全技术规范》GB 50720-2011第6.3.1条", "逐项整改情况", "整改前", "整改后",
              "复工意见"],
    "acceptance": ["《房屋建筑和市政基础设施工程竣工验收规定》（建质〔2013〕171号）第五条", "单位公章"],
    "handover": ["《建设工程质量管理条例》第四十条第（二）项", "设备清单", "梯11青A0001(26)", "青海通力电梯工程有限公司",
                 "移交专营单位的管线设施", "西宁市供排水集团有限公司", "分项保修期"],
    "referral": ["案件线索移送函", "《建设工程质量管理条例》第七十五条", "《建设工程安全生产管理条例》第六十八条",
                 "《建筑工程施工发包与承包违法行为认定查处管理办法》（建市规〔2019〕1号）第八条",
                 "西宁市城东区住房和城乡建设局执法大队", "请依法调查处理"],
}


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_every_record_prints_station_number_citations_and_receipt(kind, store, project, photos_dir, tmp_path):
    record_id = _build(kind, store, project, photos_dir)
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(records.render_record(store, kind=kind, record_id=record_id))
    text = _squash(pdftext(path))  # -raw: a cell wrapped over lines stays in one piece
    data = records.record_data(store, kind=kind, record_id=record_id).data
    first = _squash(pdftext(path, "-layout", "-f", "1", "-l", "1"))
    # The station and the 文书字号 under the title, on the first page.
    assert STATION in first and _squash(data["record_no"]) in first
    for expected in (*RECEIPT, "（监督机构印章）", *EXPECTED[kind]):
        assert _squash(expected) in text, (kind, expected)
    # 落款: the station and the record's date in words, after everything it signs off.
    assert re.search(r"2026年\d{1,2}月\d{1,2}日", text)
    # Short keys never reach paper (质量条例57 prints in full).
    assert not re.search(r"(质量条例|安全条例|发承包办法)\d", text)


def test_stop_work_measures_are_measures_not_the_deadline(store, project):
    """A notice whose 整改措施 only repeats the deadline prints the measures its findings call for."""
    from inspector.domain import Rectification

    iid = b.make_inspection(store, project)
    rid = b.make_rectification(store, project, iid)
    with store.write() as s:
        s.get(Rectification, rid).requirements = "请于 2026年05月15日 前完成整改，并将整改回复单报送监督站。"
    d = records.record_data(store, kind="rectification", record_id=rid).data
    assert "前完成整改" not in d["measures"]
    assert d["measures"].startswith("立即停止局部：3号楼屋面防水热熔作业的施工作业") and "XC-22" in d["measures"]
    assert "经同意后方可复工" in d["measures"] and d["deadline"] == "2026-05-15"


def test_handover_columns_in_reading_order(store, project, tmp_path):
    aid = b.make_acceptance(store, project, attendees=2)
    hid = b.make_handover(store, project, aid)
    path = tmp_path / "h.pdf"
    path.write_bytes(records.render_record(store, kind="handover", record_id=hid))
    lines = pdftext(path, "-layout").splitlines()
    header = next(line for line in lines if "名称" in line and "状况" in line)
    # 名称 / 位置 / 数量 / 状况 (the table printed 状况/位置/名称/备注/数量 before).
    positions = [header.index(word) for word in ("名称", "位置", "数量", "状况")]
    assert positions == sorted(positions), header


def test_escalated_reply_never_says_nothing_was_found(store, project, tmp_path):
    """A reply whose notice's list cannot be read (an old store) says so, never 未发现问题 above its
    未整改到位."""
    from inspector.domain import RectificationFinding, RectificationReply

    iid = b.make_inspection(store, project)
    rid = b.make_rectification(store, project, iid)
    reply_id = b.make_reply(store, rid)
    with store.write() as s:
        r = s.get(RectificationReply, reply_id)
        r.verdict, r.verdict_note = "未整改到位", "监护人仍未到岗"
        for link in s.query(RectificationFinding).filter_by(rectification_id=rid):
            link.deleted = True
    path = tmp_path / "reply.pdf"
    path.write_bytes(records.render_record(store, kind="reply", record_id=reply_id))
    text = _squash(pdftext(path))
    assert "未整改到位" in text and "未发现问题" not in text and "原通知书所列问题见原通知书" in text
