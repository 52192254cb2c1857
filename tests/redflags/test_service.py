"""Red flags computed from the real store; decisions persist, are audit-logged, and label the flag."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from inspector.domain import AuditEvent, RedFlagDecision
from inspector.services import complaints as cs
from inspector.services import materials as ms
from inspector.services import projects as ps
from inspector.services import redflags as rs
from inspector.services.errors import UserError, ValidationError

TODAY = dt.date(2026, 6, 1)


def project(store, code: str, status: str = "在建") -> str:
    pid, _ = ps.create_project(store, fields={"code": code, "name": f"{code}小区改造", "district": "城东区",
                                              "status": status, "start_date": "2026-03-01"})
    return pid


def batch(store, pid: str, **kw) -> str:
    fields = {"material": "SBS改性沥青防水卷材", "spec": "4mm", "quantity": "800", "unit": "m²",
              "entry_date": "2026-05-01", "certificate_no": "", "retest_required": True} | kw
    return ms.save_batch(store, project_id=pid, fields=fields, today=TODAY)[0]


def report(store, pid: str, bid: str | None, **kw) -> str:
    fields = {"agency": "青海建科检测有限公司", "report_no": "BG-1", "agency_qualification_expiry": "2028-01-01",
              "sampled_on": "2026-05-02", "tested_on": "2026-05-04", "report_date": "2026-05-06",
              "conclusion": "合格", "verification": "扫码核对，与监管平台一致"} | kw
    return ms.save_report(store, project_id=pid, batch_id=bid, fields=fields, today=TODAY)[0]


@pytest.fixture
def clean(store):
    a, b = project(store, "XN-001"), project(store, "XN-002")
    for pid, n in ((a, 1), (b, 2)):
        bid = batch(store, pid, batch_no=f"B{n}")
        report(store, pid, bid, report_no=f"BG-{n}")
        party, _ = ps.save_party(store, project_id=pid, fields={"role": "施工单位", "name": f"施工{n}"})
        ps.save_person(store, project_id=pid, party_id=party,
                       fields={"role": "项目负责人", "name": f"负责人{n}", "registration_no": f"青16320{n}"})
        cs.save_complaint(store, project_id=pid, today=TODAY,
                          fields={"received_at": "2026-05-30 10:00", "channel": "电话", "content": "噪音",
                                  "location": "1号楼", "deadline": "2026-06-05", "status": "待处理"})
    return a, b


def test_clean_store_raises_no_flags(store, clean):
    assert rs.all_flags(store, today=TODAY) == []
    assert rs.flags_for_project(store, project_id=clean[0], today=TODAY) == []


def test_crafted_store_raises_each_flag(store, clean):
    a, b = clean
    dup1 = batch(store, a, batch_no="D1", used=True, used_on="2026-05-20")
    report(store, a, dup1, report_no="BG-2026-0815", conclusion="不合格", report_date="2026-05-01",
           sampled_on="2026-05-03", tested_on="2026-05-04", agency_qualification_expiry="2026-04-30")
    dup2 = batch(store, b, batch_no="D2")
    report(store, b, dup2, report_no="BG-2026-0815")
    batch(store, a, batch_no="N1", entry_date="2026-03-20")  # no report, 70 days
    batch(store, a, batch_no="C1", certificate_no="HG-9", certificate_quantity="1000", quantity="600")
    c2 = batch(store, a, batch_no="C2", certificate_no="HG-9", certificate_quantity="1000", quantity="600")
    report(store, a, c2, report_no="BG-C2")
    party, _ = ps.save_party(store, project_id=b, fields={"role": "施工单位", "name": "挂靠公司"})
    ps.save_person(store, project_id=b, party_id=party,
                   fields={"role": "项目负责人", "name": "负责人1", "registration_no": "青163201"})
    cs.save_complaint(store, project_id=a, today=TODAY,
                      fields={"received_at": "2026-05-10 10:00", "channel": "电话", "content": "漏水",
                              "location": "1号楼", "deadline": "2026-05-15", "status": "处理中"})
    rules_a = sorted(f.rule for f in rs.flags_for_project(store, project_id=a, today=TODAY))
    # RF-11 twice: N1 and C1 have no report and entered more than 30 days ago.
    assert rules_a == ["RF-01", "RF-02", "RF-04", "RF-11", "RF-11", "RF-12", "RF-13", "RF-18", "RF-27", "RF-27"]
    rules_b = sorted(f.rule for f in rs.flags_for_project(store, project_id=b, today=TODAY))
    assert rules_b == ["RF-01", "RF-18"]
    every = rs.all_flags(store, today=TODAY)
    assert sorted(f.rule for f in every) == sorted(rules_a + rules_b)
    assert all(f.project_code in ("XN-001", "XN-002") and f.status == "open" for f in every)


def test_decision_persists_labels_and_is_audited(store, clean, data_dir):
    a, _ = clean
    bid = batch(store, a, batch_no="N1", entry_date="2026-03-20")
    (flag,) = rs.flags_for_project(store, project_id=a, today=TODAY)
    assert flag.rule == "RF-11" and flag.target.kind == "material" and flag.target.id == bid
    with pytest.raises(ValidationError, match="须填写理由"):
        rs.decide(store, project_id=a, flag_key=flag.key, decision="dismissed", reason=" ", today=TODAY)
    with pytest.raises(ValidationError, match="未知的处理结果"):
        rs.decide(store, project_id=a, flag_key=flag.key, decision="ignore", reason="理由充分", today=TODAY)
    with pytest.raises(UserError, match="已不存在"):
        rs.decide(store, project_id=a, flag_key="RF-99:x", decision="dismissed", reason="理由充分", today=TODAY)
    with store.read() as s:
        assert s.scalars(select(RedFlagDecision)).all() == []
    changes = rs.decide(store, project_id=a, flag_key=flag.key, decision="dismissed",
                        reason="设计变更，该批卷材用于非承重部位，已取消复验要求", today=TODAY)
    assert changes.touches("red_flag_decisions")
    # A fresh store on the same data: the decision stuck.
    from inspector.store import Actor, open_workspace

    again = open_workspace(data_dir, Actor("另一位监督员"))
    try:
        (flag2,) = rs.flags_for_project(again, project_id=a, today=TODAY)
        assert (flag2.status, flag2.status_label, flag2.decided_by) == ("dismissed", "已排除", "测试监督员")
        assert "设计变更" in flag2.reason
        rs.decide(again, project_id=a, flag_key=flag.key, decision="confirmed", reason="现场核实确未复验",
                  today=TODAY)
    finally:
        again.close()
    (flag3,) = rs.flags_for_project(store, project_id=a, today=TODAY)
    assert (flag3.status, flag3.reason) == ("confirmed", "现场核实确未复验")
    with store.read() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.entity == "red_flag_decisions")
                           .order_by(AuditEvent.seq)).all()
    assert [e.action for e in events] == ["create", "update"]
    assert events[1].actor == "另一位监督员" and events[1].after["decision"] == "confirmed"
    rs.decide(store, project_id=a, flag_key=flag.key, decision="open", reason="", today=TODAY)
    assert rs.flags_for_project(store, project_id=a, today=TODAY)[0].status == "open"
    # Once the data is corrected the flag goes away, and its decision with it.
    report(store, a, bid, report_no="BG-N1")
    assert rs.flags_for_project(store, project_id=a, today=TODAY) == []


def test_thresholds_come_from_settings(store, clean):
    a, _ = clean
    batch(store, a, batch_no="N1", entry_date="2026-03-20")
    store.set_setting("redflag.retest_grace_days", "120")
    assert rs.flags_for_project(store, project_id=a, today=TODAY) == []
    store.set_setting("redflag.retest_grace_days", "不是数字")
    assert len(rs.flags_for_project(store, project_id=a, today=TODAY)) == 1
