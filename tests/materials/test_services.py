"""Materials, reports, complaints and postings services on the real store: they refuse bad input
with a clear Chinese message and change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from inspector.domain import AuditEvent, Complaint, Finding, MaterialBatch, TestReport
from inspector.services import complaints as cs
from inspector.services import materials as ms
from inspector.services import projects as ps
from inspector.services.errors import UserError, ValidationError

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def pid(store):
    project_id, _ = ps.create_project(store, fields={"code": "XN-2026-001", "name": "民和巷小区改造",
                                                     "district": "城东区", "status": "在建"})
    return project_id


def count(store, model) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def audit_count(store) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent))


BATCH = {"material": "挤塑聚苯板", "spec": "XPS 50mm", "manufacturer": "青海保温材料厂", "batch_no": "20260501",
         "quantity": "1200", "unit": "m²", "entry_date": "2026-05-01", "certificate_no": "HG-77",
         "certificate_quantity": "2000", "witness_name": "张敏", "sampled_on": "2026-05-02"}
REPORT = {"agency": "青海建科检测有限公司", "agency_qualification_no": "QJ-001",
          "agency_qualification_expiry": "2028-01-01", "report_no": "BG-2026-0815", "sample": "XPS板",
          "sampled_on": "2026-05-02", "tested_on": "2026-05-05", "report_date": "2026-05-08", "conclusion": "合格",
          "verification": "扫码核验一致"}


def test_batch_and_report_round_trip(store, pid):
    bid, changes = ms.save_batch(store, project_id=pid, fields=BATCH, today=TODAY)
    assert changes.touches("material_batches")
    (row,) = ms.list_batches(store, project_id=pid)
    assert (row.quantity, row.entry_date, row.retest_required, row.retest) == (1200.0, dt.date(2026, 5, 1), True, "未复验")
    rid, changes = ms.save_report(store, project_id=pid, fields=REPORT, batch_id=bid, today=TODAY)
    assert changes.touches("test_reports")
    (rep,) = ms.list_reports(store, project_id=pid)
    assert (rep.batch_id, rep.conclusion, rep.batch_label) == (bid, "合格", "挤塑聚苯板 XPS 50mm 批号20260501")
    assert ms.list_batches(store, project_id=pid)[0].retest == "合格"
    # A use date marks the batch used; an edit keeps the other fields.
    ms.save_batch(store, project_id=pid, batch_id=bid, fields={"used_on": "2026-05-20", "location": "3号楼外墙"},
                  today=TODAY)
    got = ms.get_batch(store, bid)
    assert got["used"] is True and got["material"] == "挤塑聚苯板" and got["location"] == "3号楼外墙"
    with pytest.raises(UserError, match="已有1份检测报告"):
        ms.delete_batch(store, batch_id=bid)
    ms.delete_report(store, report_id=rid)
    ms.delete_batch(store, batch_id=bid)
    assert ms.list_batches(store, project_id=pid) == [] and count(store, MaterialBatch) == 1  # tombstoned


@pytest.mark.parametrize("change, field, message", [
    ({"material": " "}, "material", "材料名称不能为空"),
    ({"quantity": "-5"}, "quantity", "进场数量不能为负数"),
    ({"quantity": "很多"}, "quantity", "进场数量应为数字"),
    ({"certificate_quantity": "-1"}, "certificate_quantity", "不能为负数"),
    ({"entry_date": "2026-13-01"}, "entry_date", "进场日期应为日期"),
    ({"entry_date": "2026-07-01"}, "entry_date", "晚于今天"),
    ({"entry_date": ""}, "entry_date", "进场日期不能为空"),
    ({"certificate_no": ""}, "certificate_no", "证明文件编号"),
])
def test_bad_batch_is_refused_and_nothing_changes(store, pid, change, field, message):
    before = (count(store, MaterialBatch), audit_count(store))
    with pytest.raises(ValidationError) as exc:
        ms.save_batch(store, project_id=pid, fields=BATCH | change, today=TODAY)
    assert message in exc.value.problems[field]
    assert (count(store, MaterialBatch), audit_count(store)) == before


def test_bad_report_is_refused_and_nothing_changes(store, pid):
    bid, _ = ms.save_batch(store, project_id=pid, fields=BATCH, today=TODAY)
    other, _ = ps.create_project(store, fields={"code": "XN-2026-002", "name": "南关街", "district": "城中区",
                                                "status": "在建"})
    before = (count(store, TestReport), audit_count(store))
    for change, field, message in [({"report_no": ""}, "report_no", "报告编号不能为空"),
                                   ({"conclusion": "基本合格"}, "conclusion", "不在可选范围内"),
                                   ({"report_date": "2026-06-02"}, "report_date", "晚于今天")]:
        with pytest.raises(ValidationError) as exc:
            ms.save_report(store, project_id=pid, fields=REPORT | change, batch_id=bid, today=TODAY)
        assert message in exc.value.problems[field]
    with pytest.raises(ValidationError, match="不属于本项目"):
        ms.save_report(store, project_id=other, fields=REPORT, batch_id=bid, today=TODAY)
    assert (count(store, TestReport), audit_count(store)) == before
    # Suspicious but possible facts are recorded as given: the red flags are there to catch them.
    ms.save_report(store, project_id=pid, batch_id=bid, today=TODAY,
                   fields=REPORT | {"report_date": "2026-05-01", "sampled_on": "2026-05-02"})


COMPLAINT = {"received_at": "2026-05-20 09:30", "channel": "12345热线", "content": "3号楼屋面施工后漏水",
             "location": "3号楼2单元", "complainant_name": "刘女士", "complainant_phone": "13812345678",
             "deadline": "2026-05-27", "status": "待处理"}


def test_complaint_phone_is_masked_in_lists_and_full_in_the_record(store, pid):
    cid, _ = cs.save_complaint(store, project_id=pid, fields=COMPLAINT, today=TODAY)
    (row,) = cs.list_complaints(store, project_id=pid)
    assert row.phone_masked == "138****5678"
    assert "13812345678" not in repr(row)
    assert row.received_local == "2026-05-20 09:30" and row.status_label == "待处理"
    got = cs.get_complaint(store, cid)
    assert got["complainant_phone"] == "13812345678" and got["received_at"] == "2026-05-20 09:30"
    with store.read() as s:  # stored in UTC
        assert s.get(Complaint, cid).received_at == dt.datetime(2026, 5, 20, 1, 30, tzinfo=dt.UTC)


def test_bad_complaint_is_refused_and_nothing_changes(store, pid):
    before = (count(store, Complaint), audit_count(store))
    for change, field, message in [({"content": ""}, "content", "投诉内容不能为空"),
                                   ({"received_at": "昨天"}, "received_at", "应为日期时间"),
                                   ({"complainant_phone": "12ab"}, "complainant_phone", "格式不正确"),
                                   ({"deadline": "2026-05-19"}, "deadline", "不能早于受理日期"),
                                   ({"status": "已办结"}, "resolution", "办结须填写处理结果"),
                                   ({"channel": "微信"}, "channel", "不在可选范围内")]:
        with pytest.raises(ValidationError) as exc:
            cs.save_complaint(store, project_id=pid, fields=COMPLAINT | change, today=TODAY)
        assert message in exc.value.problems[field], (change, exc.value.problems)
    assert (count(store, Complaint), audit_count(store)) == before


def test_complaint_resolution_and_finding_link(store, pid):
    cid, _ = cs.save_complaint(store, project_id=pid, fields=COMPLAINT, today=TODAY)
    fid, changes = cs.create_finding_from_complaint(store, complaint_id=cid, severity="较重")
    assert changes.touches("findings", "complaints")
    with store.read() as s:
        f = s.get(Finding, fid)
        assert (f.checklist_item, f.location, f.severity) == ("GS-08", "3号楼2单元", "较重")
        assert "漏水" in f.description
    (row,) = cs.list_complaints(store, project_id=pid)
    assert row.finding_id == fid and row.status == "in_progress" and "待通知" in row.finding
    with pytest.raises(UserError, match="已关联问题"):
        cs.create_finding_from_complaint(store, complaint_id=cid)
    cs.resolve_complaint(store, complaint_id=cid, resolution="已重做防水层，淋水试验合格", today=TODAY)
    (row,) = cs.list_complaints(store, project_id=pid)
    assert (row.status, row.resolved_on) == ("resolved", TODAY)
    with pytest.raises(ValidationError, match="处理结果"):
        cs.resolve_complaint(store, complaint_id=cid, resolution=" ", today=TODAY)
    cs.link_finding(store, complaint_id=cid, finding_id=None)
    assert cs.list_complaints(store, project_id=pid)[0].finding_id is None
    assert cs.project_findings(store, project_id=pid)[0][0] == fid


def test_postings(store, pid):
    gid, _ = cs.save_posting(store, project_id=pid, today=TODAY,
                             fields={"kind": "质量监督投诉电话", "phone": "0971-6123456", "posted_on": "2026-03-02",
                                     "checked_on": "2026-05-01", "call_answered": "未接通"})
    (row,) = cs.list_postings(store, project_id=pid)
    assert (row.phone, row.call_answered, row.call_label) == ("0971-6123456", False, "未接通")
    assert cs.get_posting(store, gid)["call_answered"] == "未接通"
    for change, field, message in [({"phone": ""}, "phone", "须填写公示的电话号码"),
                                   ({"checked_on": "2026-03-01"}, "checked_on", "不能早于公示日期"),
                                   ({"kind": "广告牌"}, "kind", "不在可选范围内")]:
        with pytest.raises(ValidationError) as exc:
            cs.save_posting(store, project_id=pid, posting_id=gid, fields=change, today=TODAY)
        assert message in exc.value.problems[field]
    assert cs.list_postings(store, project_id=pid) == [row]


def test_residents_contacts_stay_out_of_the_audit_log_and_can_be_erased_after_closing(store, pid):
    import sqlite3

    from inspector.services.errors import UserError
    from inspector.services.integrity import check_store

    cid, _ = cs.save_complaint(store, project_id=pid, fields=COMPLAINT, today=TODAY)
    cs.save_complaint(store, project_id=pid, complaint_id=cid, today=TODAY,
                      fields={"complainant_phone": "13987654321"})
    with pytest.raises(UserError, match="办结后"):
        cs.erase_contact(store, complaint_id=cid)
    cs.resolve_complaint(store, complaint_id=cid, resolution="已修复屋面防水", resolved_on=dt.date(2026, 5, 25),
                         today=TODAY)
    cs.erase_contact(store, complaint_id=cid)
    got = cs.get_complaint(store, cid)
    assert got["complainant_phone"] == "" and got["complainant_name"] == "" and got["content"] == COMPLAINT["content"]
    with sqlite3.connect(store.path) as c:
        log = " ".join(a or "" for row in c.execute("SELECT before, after FROM audit_events") for a in row)
    for secret in ("13812345678", "13987654321", "刘女士"):
        assert secret not in log
    assert "138****5678" in log and "刘**" in log  # the log still shows that they changed
    assert check_store(store).ok  # erasing broke no chain
