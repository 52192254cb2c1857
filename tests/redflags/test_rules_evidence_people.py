"""The red-flag rules issue 10 added, each on crafted data: it fires on the case it is for, reads
as a sentence, and stays silent on the clean data and on the near-miss beside it."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from inspector.domain.rules import redflags as rf

from .test_rules import P1, P2, TODAY, clean, report, rules_of, with_

D = dt.date
CONTRACTOR = rf.PartyIn("pc", "p1", "施工单位", "青海宏远建设工程有限公司", None, "91630100MA000001X1", "0971-5550001")
OWNER = rf.PartyIn("po", "p1", "建设单位", "城中区住房和城乡建设局", None, "11630103000000001X", "0971-5550002")
SUPERVISOR = rf.PartyIn("ps", "p1", "监理单位", "青海诚信监理有限公司", None, "91630100MA000003X3", "0971-5550003")


def only(data: rf.Inputs, rule: str) -> list[rf.RedFlag]:
    return [f for f in rf.compute(data, today=TODAY) if f.rule == rule]


def test_rf05_report_numbers_out_of_sequence():
    data = clean()
    ordered = with_(data, reports=[report("a", "b1", report_no="JC-2026-0100", report_date=D(2026, 5, 8)),
                                   report("b", "b2", "p2", report_no="JC-2026-0101", report_date=D(2026, 5, 10))])
    assert rules_of(ordered) == []
    swapped = with_(data, reports=[report("a", "b1", report_no="JC-2026-0100", report_date=D(2026, 5, 8)),
                                   report("b", "b2", "p2", report_no="JC-2026-0090", report_date=D(2026, 5, 10))])
    flags = only(swapped, "RF-05")  # one lead, shown in both projects it concerns
    assert [f.project_id for f in flags] == ["p1", "p2"] and len({f.key for f in flags}) == 1
    assert flags[0].message.startswith("青海建科检测有限公司 2026年的检测报告 JC-2026-0090 于 2026-05-10 签发，"
                                       "编号却小于 2026-05-08 已签发的 JC-2026-0100。")
    assert flags[0].route == ("TR-05",) and {s.id for s in flags[0].subjects} == {"a", "b"}
    other_lab = with_(swapped, reports=[swapped.reports[0], report("b", "b2", "p2", report_no="JC-2026-0090",
                                                                   report_date=D(2026, 5, 10), agency="另一检测公司")])
    assert only(other_lab, "RF-05") == []


def test_rf07_witness_not_on_the_roster():
    data = with_(clean(), persons=[*clean().persons, rf.PersonIn("w1", "p1", "张永平", "见证人员")],
                 reports=[report("r1", "b1", witness_name="张永平"), report("r2", "b2", "p2")])
    assert rules_of(data) == []
    stranger = with_(data, reports=[report("r1", "b1", witness_name="马占林"), data.reports[1]])
    (flag,) = only(stranger, "RF-07")
    assert flag.message == ("检测报告 BG-r1的见证人“马占林”不在本项目授权的见证人员名单中（本项目登记的见证人员为张永平）。"
                            "见证人员应由建设单位或监理单位书面授权，并告知检测机构和监督机构。")
    nobody = with_(clean(), reports=[report("r2", "b2", "p2", witness_name="李某")])
    assert "本项目未登记任何见证人员" in only(nobody, "RF-07")[0].message


def test_rf08_report_client_is_not_the_owner():
    data = with_(clean(), parties=[OWNER, CONTRACTOR],
                 reports=[report("r1", "b1", client="城中区住房和城乡建设局"), report("r2", "b2", "p2")])
    assert rules_of(data) == []
    by_contractor = with_(data, reports=[report("r1", "b1", client="青海宏远建设工程有限公司")])
    (flag,) = only(by_contractor, "RF-08")
    assert "委托单位是“青海宏远建设工程有限公司”，不是本项目的建设单位“城中区住房和城乡建设局”" in flag.message


def test_rf10_authenticity_not_checked_or_failed():
    data = clean()
    unchecked = with_(data, reports=[report("r1", "b1", anti_forgery_code="", verification=""), data.reports[1]])
    (flag,) = only(unchecked, "RF-10")
    assert flag.key == "RF-10/unchecked:r1" and "真伪未经核实" in flag.message
    said_unchecked = with_(data, reports=[report("r1", "b1", verification="未核验"), data.reports[1]])
    assert [f.key for f in only(said_unchecked, "RF-10")] == ["RF-10/unchecked:r1"]
    failed = with_(data, reports=[report("r1", "b1", verification="平台查无此报告"), data.reports[1]])
    (flag,) = only(failed, "RF-10")
    assert flag.key == "RF-10/failed:r1" and "报告真伪存疑" in flag.message


def test_rf19_chief_on_two_active_projects():
    chief = dict(role="总监理工程师", registration_no="63000871")
    one = with_(clean(), persons=[rf.PersonIn("c1", "p1", "周明", **chief)])
    assert rules_of(one) == []
    two = with_(clean(), persons=[rf.PersonIn("c1", "p1", "周明", **chief), rf.PersonIn("c2", "p2", "周明", **chief)])
    flags = only(two, "RF-19")
    assert [f.project_id for f in flags] == ["p1", "p2"] and len({f.key for f in flags}) == 1
    assert "同时在2个在建项目任职" in flags[0].message and "不得超过3项" in flags[0].message
    done = with_(two, projects=[P1, rf.ProjectIn("p2", "XN-002", "南关街小区", "已验收")])
    assert only(done, "RF-19") == []
    assert only(two, "RF-19") and not [f for f in rf.compute(two, today=TODAY, thresholds=rf.Thresholds(
        chief_max_projects=3)) if f.rule == "RF-19"]


def test_rf20_key_person_without_contract_or_insurance():
    pm = dict(party_id="pc", verified_on=D(2026, 5, 10))
    ok = with_(clean(), parties=[CONTRACTOR], persons=[rf.PersonIn(
        "m1", "p1", "马建国", "项目负责人", labour_contract_verified=True, social_insurance_verified=True, **pm)])
    assert rules_of(ok) == []
    unchecked = with_(ok, persons=[rf.PersonIn("m1", "p1", "马建国", "项目负责人", party_id="pc")])
    assert rules_of(unchecked) == []  # nothing checked yet: the rule waits for the evidence
    one = with_(ok, persons=[rf.PersonIn("m1", "p1", "马建国", "项目负责人", labour_contract_verified=True, **pm)])
    (flag,) = only(one, "RF-20")
    assert flag.message == ("青海宏远建设工程有限公司的项目负责人 马建国 经 2026-05-10 核查，没有施工单位缴纳的社会保险。"
                            "请施工单位说明原因并提供证明。")
    neither = with_(ok, persons=[rf.PersonIn("m1", "p1", "马建国", "项目负责人", **pm)])
    assert "推定为转包" in only(neither, "RF-20")[0].message


def test_rf21_key_person_absent_too_often():
    pm = rf.PersonIn("m1", "p1", "马建国", "项目负责人")
    visits = [rf.InspectionIn(f"i{n}", "p1", f"〔2026〕第000{n}号", D(2026, 5, n), attendance={"m1": present})
              for n, present in enumerate((True, False, False, True), 1)]
    data = with_(clean(), persons=[pm], inspections=visits)
    (flag,) = only(data, "RF-21")
    assert flag.message.startswith("项目负责人 马建国 在本项目4次检查中到岗2次，到岗率 50%，低于 80%。")
    few = with_(data, inspections=visits[:2])
    assert only(few, "RF-21") == []  # two recorded inspections are too few to judge
    present = with_(data, inspections=[rf.InspectionIn(v.id, "p1", v.record_no, v.day, attendance={"m1": True})
                                       for v in visits])
    assert only(present, "RF-21") == []


def test_rf25_one_phone_for_two_firms():
    data = with_(clean(), parties=[CONTRACTOR, SUPERVISOR])
    assert rules_of(data) == []
    shared = with_(clean(), parties=[CONTRACTOR, SUPERVISOR], persons=[
        rf.PersonIn("x1", "p1", "冶秀兰", "专业监理工程师", party_id="ps", phone="0971 555 0001")])
    (flag,) = only(shared, "RF-25")
    assert flag.message.startswith("电话 09715550001 同时是2家单位的联系方式：")
    same_firm = with_(clean(), parties=[CONTRACTOR, rf.PartyIn("pc2", "p2", "施工单位", "青海宏远建设工程有限公司",
                                                                None, "91630100MA000001X1", "0971-5550001")])
    assert only(same_firm, "RF-25") == []  # one firm on two projects is not two firms


def test_rf31_wet_work_in_rain_or_cold():
    th = rf.Thresholds()
    base = dict(project_id="p1", record_no="〔2026〕第0003号", day=D(2026, 5, 6))
    dry = rf.InspectionIn("i1", weather="晴", temperature_c=15, progress_note="外墙保温施工中", **base)
    assert rules_of(with_(clean(), inspections=[dry])) == []
    rain = rf.InspectionIn("i1", weather="小雨", temperature_c=12, progress_note="外墙保温施工中", **base)
    (flag,) = only(with_(clean(), inspections=[rain]), "RF-31")
    assert flag.message.startswith("检查记录 〔2026〕第0003号（2026-05-06）天气“小雨”，形象进度记有保温作业。")
    cold = rf.InspectionIn("i1", weather="晴", temperature_c=2, wet_items=("XC-29",), **base)
    assert "气温 2℃（低于 5℃）" in only(with_(clean(), inspections=[cold]), "RF-31")[0].message
    rain_no_work = rf.InspectionIn("i1", weather="小雨", temperature_c=2, progress_note="室内管线穿墙", **base)
    assert rules_of(with_(clean(), inspections=[rain_no_work])) == []
    assert th.wet_work_min_temp == 5.0


def test_rf37_acceptance_signer_is_not_the_registered_person():
    persons = [rf.PersonIn("m1", "p1", "马建国", "项目负责人", party_id="pc"),
               rf.PersonIn("c1", "p1", "周明", "总监理工程师", party_id="ps")]
    sign = lambda role, name: rf.SignatoryIn(f"s-{name}", "p1", "a1", "〔2026〕第9011号", role, "", name)  # noqa: E731
    data = with_(clean(), parties=[CONTRACTOR, SUPERVISOR], persons=persons,
                 signatories=[sign("施工单位", "马建国"), sign("监理单位", "周明"), sign("业主代表", "赵永平")])
    assert rules_of(data) == []
    stand_in = with_(data, signatories=[sign("施工单位", "祁文斌"), sign("监理单位", "周明")])
    (flag,) = only(stand_in, "RF-37")
    assert flag.message.startswith("竣工联合验收记录 〔2026〕第9011号 中施工单位的签字人是“祁文斌”，"
                                   "而本项目登记的施工单位的项目负责人是马建国。")
    assert flag.target == rf.Subject("acceptance", "a1", "竣工联合验收记录 〔2026〕第9011号")


def test_rf38_supervisor_said_done_but_station_found_not_done():
    reply = lambda opinion, verdict: rf.ReplyIn("y1", "p1", "n1", "〔2026〕第0005号", "〔2026〕第0005号-回1",  # noqa: E731
                                                opinion, verdict, D(2026, 5, 20))
    said_done = with_(clean(), replies=[reply("经复核，整改情况属实。", "未整改到位")])
    (flag,) = only(said_done, "RF-38")
    assert "监理单位的复查意见为“经复核，整改情况属实。”，而本站于 2026-05-20 复查结论为未整改到位" in flag.message
    assert only(with_(clean(), replies=[reply("经复核，整改情况属实。", "同意销项")]), "RF-38") == []
    assert only(with_(clean(), replies=[reply("部分未整改到位，已督促。", "未整改到位")]), "RF-38") == []


def test_every_new_rule_has_a_title():
    for rule in ("RF-05", "RF-07", "RF-08", "RF-10", "RF-19", "RF-20", "RF-21", "RF-25", "RF-31", "RF-37", "RF-38"):
        assert rf.RULE_TITLES[rule]
    assert P2.status == "在建"


def test_every_route_names_a_checklist_item_that_exists():
    """Routes point the inspector at checklist items: after the v2 splits (FB-08 → FB-08a…) none may
    name an item the forms no longer have."""
    import re
    from pathlib import Path

    from inspector.checklists.registry import load_registry

    items = {i.id for cl in load_registry().checklists.values() for i in cl.items}
    rules_dir = Path(rf.__file__).parent
    routed = set()
    for name in ("redflags.py", "redflags_evidence.py", "redflags_people.py"):
        routed |= set(re.findall(r'"((?:FB|CL|TR|XC|GS|YS|CX)-\d\d[a-f]?)"', (rules_dir / name).read_text(encoding="utf-8")))
    assert routed and routed - items == set()


def _out_of_order_by_definition(group):
    """RF-05 as it reads: each report against every report issued on an earlier day (the old code)."""
    group = sorted(group, key=lambda x: (x[1].report_date, x[0]))
    out = []
    for i, (num, later) in enumerate(group):
        earlier = [(n, r) for n, r in group[:i] if r.report_date < later.report_date and n > num]
        if earlier:
            out.append((later, max(earlier, key=lambda x: x[0])[1]))
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 30), st.integers(0, 12)), max_size=40))
def test_rf05_one_sweep_finds_what_comparing_every_pair_does(items):
    """Same numbers, same days, ties of both: the sweep names the same earlier report for each."""
    from inspector.domain.rules.redflags_evidence import issued_out_of_order

    group = [(num, report(f"r{i}", None, report_no=f"JC-2026-{num:04d}", report_date=D(2026, 1, 1)
                          + dt.timedelta(days=day)))
             for i, (num, day) in enumerate(items)]
    assert issued_out_of_order(list(group)) == _out_of_order_by_definition(group)


@given(st.text(alphabet=st.one_of(st.characters(max_codepoint=127), st.sampled_from("０１２ＡＢｃ　 ＪＣ－—号检")),
               max_size=30) | st.text(max_size=30))
def test_identifiers_compare_as_nfkc_without_spaces_in_any_case(text: str) -> None:
    """`norm`'s quick path for ASCII (most numbers) gives what the definition gives for any text."""
    import unicodedata

    assert rf.norm(text) == "".join(unicodedata.normalize("NFKC", text).split()).upper()
