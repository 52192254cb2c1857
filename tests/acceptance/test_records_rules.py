"""Joint acceptance and handover as the station signs them (issue 10): the 县区 organiser, a 相关部门
and the 设计单位 among the required roles; residents counted in 户; the functional tests the
project's renovation items call for (an elevator project cannot pass with 电梯监督检验: 不涉及);
监督人员 with their 执法证号; the handover's warranty per item from the passed acceptance, its
equipment (an elevator with its 使用登记证号), the utility networks to their 专营单位, and no
placeholders where a party or a person belongs."""

from __future__ import annotations

import datetime as dt

import pytest

from inspector.domain import Acceptance, Person, Project
from inspector.domain.rules import handover as handover_rules
from inspector.domain.rules.acceptance_tests import required_tests
from inspector.services import acceptance as acc
from inspector.services import handover as hand
from inspector.services import records
from inspector.services.errors import ValidationError

from .helpers import DAY, add_attendees, make_project


def _lock(store, aid: str) -> None:
    from inspector.domain.base import utcnow

    with store.write() as s:
        s.get(Acceptance, aid).locked_at = utcnow()


def _project_with(store, items: list[str], *, elevators: int = 0, households: int = 96) -> str:
    pid = make_project(store)
    with store.write() as s:
        p = s.get(Project, pid)
        p.renovation_items, p.elevators, p.households = items, elevators, households
    return pid


def test_required_tests_follow_the_renovation_items() -> None:
    need = required_tests(["roof-waterproofing", "heating", "drainage", "wall-insulation"])
    assert set(need) == {"屋面淋水/蓄水试验", "防雷接地电阻测试", "供热管道试压及系统调试", "排水管道闭水试验",
                         "排水通水通球试验", "外墙保温钻芯检验", "保温锚栓拉拔试验"}
    assert "电梯监督检验" not in need
    assert required_tests([], elevators=2) == {"电梯监督检验": ["电梯2台"]}


def test_an_elevator_project_cannot_pass_with_the_elevator_not_applicable(store) -> None:
    pid = _project_with(store, ["elevator"], elevators=1)
    aid, _ = acc.start_acceptance(store, project_id=pid, held_on=DAY)
    add_attendees(store, aid)
    tests = {"电梯监督检验": "不涉及", "防雷接地电阻测试": "合格"}
    acc.update_acceptance(store, acceptance_id=aid, values={"conclusion": "合格", "checks": {"functional": tests}})
    problems = acc.signing_problems(store, acceptance_id=aid)
    assert len(problems) == 1 and "电梯监督检验不能填“不涉及”" in problems[0] and "加装电梯" in problems[0]
    tests["电梯监督检验"] = "合格"
    acc.update_acceptance(store, acceptance_id=aid, values={"checks": {"functional": tests}})
    assert acc.signing_problems(store, acceptance_id=aid) == []


def test_residents_counted_in_households_and_supervisors_printed(store) -> None:
    pid = _project_with(store, [], households=96)
    with store.write() as s:
        from inspector.domain import Setting

        s.merge(Setting(key="inspector_name", value="王建国"))
        s.merge(Setting(key="badge_no", value="青建监执字第0107号"))
    aid, _ = acc.start_acceptance(store, project_id=pid, held_on=DAY)
    assert acc.get_acceptance(store, aid).supervisors == ({"name": "王建国", "badge": "青建监执字第0107号"},)
    with pytest.raises(ValidationError, match="不能多于本项目的户数"):
        acc.update_acceptance(store, acceptance_id=aid, values={"checks": {"residents": {"surveyed": 120}}})
    acc.update_acceptance(store, acceptance_id=aid, values={
        "checks": {"residents": {"surveyed": 90, "satisfied": 84}},
        "supervisors": acc.parse_staff("王建国 青建监执字第0107号、李淑芬 青建监执字第0112号")})
    d = records.record_data(store, kind="acceptance", record_id=aid).data
    assert [x["badge"] for x in d["supervisors"]] == ["青建监执字第0107号", "青建监执字第0112号"]
    from inspector.domain.rules.acceptance import check_rows

    residents = dict(check_rows(d["checks"], []))["居民(业主)意见"]
    assert residents == "征求90户，满意84户，满意率93.3%"


def test_warranty_per_item_from_the_passed_acceptance() -> None:
    rows = handover_rules.warranty_items(["roof-waterproofing", "heating", "water-supply", "greening"],
                                         dt.date(2026, 10, 8), {"greening": "绿化整治"})
    by = {r["item"]: r for r in rows}
    assert (by["roof-waterproofing"]["period"], by["roof-waterproofing"]["to"]) == ("5年", "2031-10-07")
    assert (by["water-supply"]["period"], by["water-supply"]["to"]) == ("2年", "2028-10-07")
    assert by["heating"]["period"] == "2个采暖期" and by["heating"]["to"] == "第2个采暖期结束"
    assert by["绿化整治"]["period"] == "由发包方与承包方约定" and by["绿化整治"]["to"] == ""
    assert {r["from"] for r in rows} == {"2026-10-08"}


def test_handover_from_the_project_without_placeholders(store) -> None:
    pid = _project_with(store, ["roof-waterproofing", "gas", "elevator"], elevators=1)
    with store.write() as s:
        contractor = next(p for p in s.get(Project, pid).parties if p.role == "施工单位")
        pm = next(x for x in s.query(Person).filter_by(party_id=contractor.id) if x.role == "项目负责人")
        pm.phone = "13997001234"
    # The material test reports are not this test's subject: the organiser records why it goes ahead.
    aid, _ = acc.start_acceptance(store, project_id=pid, held_on=DAY, override_reason="复试报告在监理处核验",
                                  override_by="组织方")
    add_attendees(store, aid)
    acc.update_acceptance(store, acceptance_id=aid, values={"conclusion": "合格", "checks": {"functional": {
        t: "合格" for t in acc.required_tests(store, project_id=pid)}}})
    _lock(store, aid)
    hid, _ = hand.start_handover(store, project_id=pid, handed_on=DAY + dt.timedelta(days=5),
                                 receiver="南关街社区居委会", witness="南关街街道办事处")
    d = hand.get_handover(store, hid)
    # The real contractor and its 项目负责人, never 施工单位 / 项目经理.
    assert d.warranty == {"from": DAY.isoformat(), "unit": "青海安居建设有限公司", "contact": "张项目",
                          "phone": "13997001234"}
    assert [f["name"] for f in d.facilities] == ["屋面防水", "加装电梯"]  # the gas network goes to its company
    assert [(u["name"], u["receiver"], u["note"]) for u in d.utility_assets] == [("燃气管线改造", "", "燃气单位（待登记）")]
    assert [e["name"] for e in d.equipment] == ["电梯"]
    assert {w["item"]: w["period"] for w in d.warranty_items} == {"屋面防水": "5年", "燃气管线改造": "2年",
                                                                  "加装电梯": "2年"}
    with pytest.raises(ValidationError, match="保修单位应填写单位全称"):
        hand.update_handover(store, handover_id=hid, values={"warranty": {"unit": "施工单位"}})
    with pytest.raises(ValidationError, match="联系人应填写姓名"):
        hand.update_handover(store, handover_id=hid, values={"warranty": {"contact": "项目经理"}})
    problems = hand.signing_problems(store, handover_id=hid)
    assert "电梯：请填写特种设备使用登记证号（未办理使用登记的电梯不得移交使用）" in problems
    lift = {**d.equipment[0], "registration_no": "梯11青A0001(26)", "maintainer": "青海通力电梯工程有限公司"}
    hand.update_handover(store, handover_id=hid, values={"equipment": [lift]})
    assert not any("电梯" in p for p in hand.signing_problems(store, handover_id=hid))
