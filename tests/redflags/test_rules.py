"""Each pure red-flag rule fires on crafted data and stays silent on clean data."""

from __future__ import annotations

import datetime as dt

from inspector.domain.rules import redflags as rf

D = dt.date
TODAY = D(2026, 6, 1)
P1 = rf.ProjectIn("p1", "XN-001", "民和巷小区", "在建", D(2026, 3, 1), D(2026, 3, 10), D(2026, 10, 30))
P2 = rf.ProjectIn("p2", "XN-002", "南关街小区", "在建", D(2026, 2, 1), D(2026, 2, 15), D(2026, 9, 30))


def batch(id_: str, project: str = "p1", **kw) -> rf.BatchIn:
    base = dict(material="挤塑聚苯板", spec="XPS 50mm", batch_no=id_, quantity=100.0, unit="m²",
                entry_date=D(2026, 5, 1), certificate_no=f"CERT-{id_}", certificate_quantity=500.0,
                retest_required=True, used=False, used_on=None)
    return rf.BatchIn(id_, project, **(base | kw))


def report(id_: str, batch_id: str | None, project: str = "p1", **kw) -> rf.ReportIn:
    base = dict(agency="青海建科检测有限公司", report_no=f"BG-{id_}", qualification_expiry=D(2028, 1, 1),
                sampled_on=D(2026, 5, 2), tested_on=D(2026, 5, 5), report_date=D(2026, 5, 8), conclusion="合格",
                anti_forgery_code="0001", verification="扫码核对，与监管平台一致")
    return rf.ReportIn(id_, project, batch_id, **(base | kw))


def clean() -> rf.Inputs:
    return rf.Inputs(
        projects=[P1, P2],
        batches=[batch("b1"), batch("b2", "p2")],
        reports=[report("r1", "b1"), report("r2", "b2", "p2")],
        persons=[rf.PersonIn("m1", "p1", "马建国", "项目负责人", "青1632020201"),
                 rf.PersonIn("m2", "p2", "李海平", "项目负责人", "青1632020202")],
        complaints=[rf.ComplaintIn("c1", "p1", D(2026, 5, 20), "3号楼2单元", "open", D(2026, 6, 5), "屋面漏水")],
        notices=[rf.NoticeIn("n1", "p1", "〔2026〕第0001号", "issued", D(2026, 6, 3))],
        findings=[rf.FindingIn("f1", "p1", "临边防护缺失", "closed", D(2026, 5, 1))],
        postings=[rf.PostingIn("g1", "p1", "质量监督投诉电话", D(2026, 3, 2), D(2026, 5, 1), True, "0971-1234567"),
                  rf.PostingIn("g2", "p1", "监理单位投诉电话", D(2026, 3, 3), D(2026, 5, 1), True, "0971-7654321"),
                  rf.PostingIn("g3", "p2", "质量监督投诉电话", D(2026, 2, 2), None, None, "0971-1234567"),
                  rf.PostingIn("g4", "p2", "监理单位投诉电话", D(2026, 2, 3), None, None, "0971-2222222")],
    )


def rules_of(data: rf.Inputs, **kw) -> list[str]:
    return sorted(f.rule for f in rf.compute(data, today=TODAY, **kw))


def with_(data: rf.Inputs, **kw) -> rf.Inputs:
    return rf.Inputs(**({k: getattr(data, k) for k in rf.Inputs.__dataclass_fields__} | kw))


def test_clean_data_raises_nothing():
    assert rf.compute(clean(), today=TODAY) == []


def test_rf01_same_report_number_on_two_batches_and_projects():
    data = clean()
    dup = with_(data, reports=[report("r1", "b1", report_no="BG-2026-0815"),
                               report("r2", "b2", "p2", report_no="bg-2026-0815 ")])
    flags = [f for f in rf.compute(dup, today=TODAY) if f.rule == "RF-01"]
    assert {f.project_id for f in flags} == {"p1", "p2"}
    assert len({f.key for f in flags}) == 1  # one finding of fact, a decision per project
    f1 = next(f for f in flags if f.project_id == "p1")
    assert f1.target == rf.Subject("test-report", "r1", "检测报告 BG-2026-0815")
    assert ("material", "b2") in {(s.kind, s.id) for s in f1.subjects}
    assert "2 份报告" in f1.message and f1.route == ("TR-05", "TR-11")
    # Two reports of one batch with one number (the same report entered twice) is not the pattern.
    same_batch = with_(data, reports=[report("r1", "b1", report_no="X1"), report("r3", "b1", report_no="X1")])
    assert "RF-01" not in rules_of(same_batch)


def test_rf02_report_before_sampling_and_test_before_sampling():
    data = clean()
    bad = with_(data, reports=[report("r1", "b1", sampled_on=D(2026, 5, 10), tested_on=D(2026, 5, 9),
                                      report_date=D(2026, 5, 8)), data.reports[1]])
    (flag,) = [f for f in rf.compute(bad, today=TODAY) if f.rule == "RF-02"]
    assert "报告日期（2026-05-08）早于取样日期（2026-05-10）" in flag.message
    assert "检测日期（2026-05-09）早于取样日期" in flag.message
    assert flag.key == "RF-02:r1" and flag.route == ("TR-09",)
    before_entry = with_(data, reports=[report("r1", "b1", sampled_on=D(2026, 4, 20), tested_on=D(2026, 4, 22),
                                               report_date=D(2026, 4, 25)), data.reports[1]])
    assert "早于材料进场日期" in next(f for f in rf.compute(before_entry, today=TODAY) if f.rule == "RF-02").message


def test_rf04_agency_qualification_expired_on_report_date():
    data = clean()
    bad = with_(data, reports=[report("r1", "b1", qualification_expiry=D(2026, 5, 7)), data.reports[1]])
    assert rules_of(bad) == ["RF-04"]
    on_the_day = with_(data, reports=[report("r1", "b1", qualification_expiry=D(2026, 5, 8)), data.reports[1]])
    assert rules_of(on_the_day) == []


def test_rf12_failed_report_on_used_batch_unless_retested():
    data = clean()
    failed = [report("r1", "b1", conclusion="不合格"), data.reports[1]]
    assert rules_of(with_(data, reports=failed)) == []  # failed but not used: nothing yet
    used = with_(data, batches=[batch("b1", used=True, used_on=D(2026, 5, 20)), data.batches[1]], reports=failed)
    (flag,) = [f for f in rf.compute(used, today=TODAY) if f.rule == "RF-12"]
    assert flag.key == "RF-12:b1+r1" and "不合格" in flag.message and "CL-13" in flag.route
    retested = with_(used, reports=[*failed, report("r9", "b1", report_no="BG-r9", report_date=D(2026, 5, 18))])
    assert "RF-12" not in rules_of(retested)


def test_unretested_batch_fires_when_used_or_waiting_too_long():
    data = clean()
    fresh = with_(data, batches=[*data.batches, batch("b3", entry_date=D(2026, 5, 25))])
    assert rules_of(fresh) == []  # within the grace period
    old = with_(data, batches=[*data.batches, batch("b3", entry_date=D(2026, 4, 1))])
    (flag,) = rf.compute(old, today=TODAY)
    assert (flag.rule, flag.title, flag.route) == ("RF-11", "批次未复验", ("CL-05", "CL-13"))
    used = with_(data, batches=[*data.batches, batch("b3", entry_date=D(2026, 5, 25), used=True)])
    assert rules_of(used) == ["RF-11"]
    exempt = with_(data, batches=[*data.batches, batch("b3", entry_date=D(2026, 4, 1), retest_required=False)])
    assert rules_of(exempt) == []
    assert rules_of(old, thresholds=rf.Thresholds(retest_grace_days=90)) == []


def test_rf13_cumulative_delivery_over_certificate():
    data = clean()
    cert = dict(certificate_no="HG-77", certificate_quantity=250.0)
    over = with_(data, batches=[batch("b1", **cert), batch("b3", **cert), batch("b4", "p2", **cert)],
                 reports=[report("r1", "b1"), report("r3", "b3"), report("r4", "b4", "p2")])
    flags = [f for f in rf.compute(over, today=TODAY) if f.rule == "RF-13"]
    assert {f.project_id for f in flags} == {"p1", "p2"}
    assert "累计进场 300m²" in flags[0].message and "超出 50m²" in flags[0].message
    within = with_(over, batches=over.batches[:2])
    assert "RF-13" not in rules_of(within)
    assert "RF-13" not in rules_of(over, thresholds=rf.Thresholds(quantity_tolerance=0.25))


def test_rf15_used_before_entry():
    data = clean()
    bad = with_(data, batches=[batch("b1", used=True, used_on=D(2026, 4, 20)), data.batches[1]])
    assert rules_of(bad) == ["RF-15"]


def test_rf18_key_person_on_two_active_projects():
    data = clean()
    same_reg = with_(data, persons=[rf.PersonIn("m1", "p1", "马建国", "项目负责人", "青1632020201"),
                                    rf.PersonIn("m2", "p2", "马建国", "项目负责人", "青 1632020201")])
    flags = [f for f in rf.compute(same_reg, today=TODAY) if f.rule == "RF-18"]
    assert {f.project_id for f in flags} == {"p1", "p2"}
    f1 = next(f for f in flags if f.project_id == "p1")
    assert f1.target == rf.Subject("project", "p2", "XN-002 南关街小区") and "注册号" in f1.message
    # No number: same name and role match; a different role does not.
    by_name = with_(data, persons=[rf.PersonIn("m1", "p1", "王文斌", "技术负责人"),
                                   rf.PersonIn("m2", "p2", "王文斌", "技术负责人")])
    assert rules_of(by_name) == ["RF-18", "RF-18"]
    other_role = with_(data, persons=[rf.PersonIn("m1", "p1", "王文斌", "技术负责人"),
                                      rf.PersonIn("m2", "p2", "王文斌", "质量负责人")])
    assert rules_of(other_role) == []
    # Dates that do not overlap, or a project already accepted, are fine.
    apart = with_(data, persons=[rf.PersonIn("m1", "p1", "马建国", "项目负责人", "R1", D(2026, 3, 1), D(2026, 4, 1)),
                                 rf.PersonIn("m2", "p2", "马建国", "项目负责人", "R1", D(2026, 4, 2), None)])
    assert rules_of(apart) == []
    done = rf.ProjectIn("p2", "XN-002", "南关街小区", "已验收", None, D(2025, 1, 1), D(2025, 9, 1))
    assert rules_of(with_(same_reg, projects=[P1, done], postings=data.postings[:2])) == []


def test_rf27_overdue_and_repeated_complaints():
    data = clean()
    overdue = with_(data, complaints=[rf.ComplaintIn("c1", "p1", D(2026, 5, 20), "3号楼", "in_progress",
                                                     D(2026, 5, 25), "漏水")])
    (flag,) = rf.compute(overdue, today=TODAY)
    assert flag.key == "RF-27/overdue:c1" and "逾期 7 天" in flag.message
    resolved = with_(data, complaints=[rf.ComplaintIn("c1", "p1", D(2026, 5, 20), "3号楼", "resolved",
                                                      D(2026, 5, 25), "漏水")])
    assert rules_of(resolved) == []
    repeat = with_(data, complaints=[
        rf.ComplaintIn("c1", "p1", D(2026, 5, 20), "3号楼2单元", "resolved", None, "漏水"),
        rf.ComplaintIn("c2", "p1", D(2026, 5, 28), " 3号楼２单元", "open", None, "又漏水"),
        rf.ComplaintIn("c3", "p1", D(2026, 5, 28), "5号楼", "open", None, "噪音")])
    (flag,) = rf.compute(repeat, today=TODAY)
    assert flag.key == "RF-27/repeat:c1+c2" and "2 次投诉" in flag.message and "GS-09" in flag.route


def test_rf30_overdue_notice_and_loose_finding():
    data = clean()
    late = with_(data, notices=[rf.NoticeIn("n1", "p1", "〔2026〕第0001号", "issued", D(2026, 5, 20))],
                 findings=[rf.FindingIn("f1", "p1", "临边防护缺失", "open", D(2026, 5, 30))])
    assert {f.key for f in rf.compute(late, today=TODAY)} == {"RF-30:n1", "RF-30:f1"}
    replied = with_(late, notices=[rf.NoticeIn("n1", "p1", "〔2026〕第0001号", "replied", D(2026, 5, 20))],
                    findings=[])
    assert rules_of(replied) == []


def test_rf26_postings_late_missing_or_unanswered():
    data = clean()
    late = with_(data, postings=[rf.PostingIn("g1", "p1", "质量监督投诉电话", D(2026, 3, 20)), *data.postings[1:]])
    (flag,) = rf.compute(late, today=TODAY)
    assert flag.rule == "RF-26" and "晚了 16 天" in flag.message and flag.target.id == "g1"
    missing = with_(data, postings=data.postings[2:])
    assert [f.target.kind for f in rf.compute(missing, today=TODAY)] == ["project", "project"]
    dead = with_(data, postings=[*data.postings[:3],
                                 rf.PostingIn("g4", "p2", "监理单位投诉电话", D(2026, 2, 3), D(2026, 5, 1), False, "1")])
    assert [f.key for f in rf.compute(dead, today=TODAY)] == ["RF-26/no-answer:g4"]


def test_keys_are_stable_and_bounded():
    ids = [f"{i:08d}-aaaa-bbbb-cccc-000000000000" for i in range(10)]
    key = rf.flag_key("RF-13", ids)
    assert key == rf.flag_key("RF-13", list(reversed(ids))) and len(key) <= 200
    assert rf.flag_key("RF-02", ["x"]) == "RF-02:x"


def test_rf13_same_number_from_another_maker_is_not_summed():
    data = clean()
    a = batch("b1", certificate_no="HG-77", certificate_quantity=150.0, manufacturer="甲厂")
    b = batch("b3", certificate_no="HG-77", certificate_quantity=150.0, manufacturer="乙厂")
    reports = [report("r1", "b1"), report("r3", "b3")]
    assert "RF-13" not in rules_of(with_(data, batches=[a, b], reports=reports))
    c = batch("b3", certificate_no="HG-77", certificate_quantity=150.0, manufacturer="甲厂 ")
    assert "RF-13" in rules_of(with_(data, batches=[a, c], reports=reports))


def test_rf24_party_qualification_expired_on_active_project():
    data = clean()
    lapsed = rf.PartyIn("x1", "p1", "施工单位", "青海鼎盛建筑安装工程有限公司", D(2026, 4, 1))
    (flag,) = rf.compute(with_(data, parties=[lapsed]), today=TODAY)
    assert (flag.rule, flag.route, flag.target.kind) == ("RF-24", ("FB-03", "FB-19"), "project")
    assert "已过期 61 天" in flag.message
    valid = rf.PartyIn("x1", "p1", "施工单位", "青海宏远", D(2027, 4, 1))
    designer = rf.PartyIn("x2", "p1", "设计单位", "设计院", D(2020, 1, 1))
    assert rules_of(with_(data, parties=[valid, designer])) == []
