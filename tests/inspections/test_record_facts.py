"""Items judged against record facts, through the real services and store: YS-10 and YS-18 against
the joint acceptance's date (working days on the holiday calendar), TR-09 against the recorded test
report's date chain, XC-22 against the inspection's recorded wind, FB-14 computed from the recorded
attendance. Before issue 10 none of these could fail: the context never carried the facts."""

from __future__ import annotations

import datetime as dt

from inspector.services import inspections as svc
from inspector.services.acceptance import start_acceptance
from inspector.services.materials import save_batch, save_report

TODAY = dt.date(2026, 11, 20)


def _start(store, registry, project, cid: str) -> tuple[str, str]:
    iid, _ = svc.start_inspection(store, project_id=project["id"], kind="验收前检查",
                                  checklists=[registry.checklists[cid]])
    return iid, svc.get_inspection(store, iid).checklists[0].version_id


def _failed(store, iid: str, vid: str, item: str) -> bool:
    return svc.get_inspection(store, iid).answers[(vid, item)].failed


def test_ys10_and_ys18_are_judged_against_the_acceptance_date(store, registry, project) -> None:
    # Acceptance on Friday 2025-10-10, right after the 国庆/中秋 holiday (10-01…10-08, Sunday 09-28
    # worked): the 7th working day before it is 2025-09-24.
    start_acceptance(store, project_id=project["id"], held_on=dt.date(2025, 10, 10), override_reason="测试：先开验收记录")
    iid, vid = _start(store, registry, project, "completion-acceptance")
    svc.save_answers(store, inspection_id=iid, answers=[svc.AnswerInput(vid, "YS-10", "2025-09-30"),
                                                        svc.AnswerInput(vid, "YS-18", "2025-10-26")])
    assert _failed(store, iid, vid, "YS-10")  # Mon–Fri counting would have let this pass
    assert _failed(store, iid, vid, "YS-18")  # 备案 16 days after acceptance
    svc.save_answers(store, inspection_id=iid, answers=[svc.AnswerInput(vid, "YS-10", "2025-09-24"),
                                                        svc.AnswerInput(vid, "YS-18", "2025-10-25")])
    assert not _failed(store, iid, vid, "YS-10") and not _failed(store, iid, vid, "YS-18")


def test_tr09_checks_the_chain_of_the_report_issued_that_day(store, registry, project) -> None:
    bid, _ = save_batch(store, project_id=project["id"], today=TODAY, fields={
        "material": "挤塑聚苯板", "quantity": 1200, "unit": "m²", "entry_date": dt.date(2026, 6, 10)})
    save_report(store, project_id=project["id"], batch_id=bid, today=TODAY, fields={
        "agency": "西宁某检测公司", "report_no": "JC-2026-0417", "sampled_on": dt.date(2026, 6, 5),
        "tested_on": dt.date(2026, 6, 12), "report_date": dt.date(2026, 6, 15), "conclusion": "合格"})
    iid, vid = _start(store, registry, project, "test-report-authenticity")
    svc.save_answers(store, inspection_id=iid, answers=[svc.AnswerInput(vid, "TR-09", "2026-06-15")])
    assert _failed(store, iid, vid, "TR-09")  # sampled 06-05, before the material arrived on 06-10
    svc.save_answers(store, inspection_id=iid, answers=[svc.AnswerInput(vid, "TR-09", "2026-06-20")])
    assert not _failed(store, iid, vid, "TR-09")  # no report of that day: nothing to contradict


def test_xc22_follows_the_recorded_wind(store, registry, project) -> None:
    iid, vid = _start(store, registry, project, "site-patrol")
    svc.save_answers(store, inspection_id=iid, answers=[svc.AnswerInput(vid, "XC-22", "yes")])
    assert not _failed(store, iid, vid, "XC-22")
    problems = [p.message for p in svc.completion_problems(store, inspection_id=iid) if p.item_id == "XC-22"]
    assert problems == ["XC-22 检查时现场有室外动火作业(热熔、焊接、切割)：须先在检查记录中填写风力等级，才能判定本项"]
    svc.update_header(store, inspection_id=iid, values={"wind_level": 6})
    assert _failed(store, iid, vid, "XC-22")  # re-judged when the wind was recorded
    svc.update_header(store, inspection_id=iid, values={"wind_level": 3})
    assert not _failed(store, iid, vid, "XC-22")


def test_fb14_is_computed_from_the_recorded_attendance(store, registry, project) -> None:
    pm = project["pm"]
    for present in (True, False, True, False):  # earlier inspections: present twice out of four
        iid, _ = _start(store, registry, project, "site-patrol")
        svc.update_header(store, inspection_id=iid, values={"attendance": {pm: present}})
    iid, vid = _start(store, registry, project, "illegal-contracting")
    svc.save_answers(store, inspection_id=iid, answers=[svc.AnswerInput(vid, "FB-14", "100")])  # typed: ignored
    assert (vid, "FB-14") not in svc.get_inspection(store, iid).answers or \
        svc.get_inspection(store, iid).answers[(vid, "FB-14")].value == "50"
    svc.update_header(store, inspection_id=iid, values={"attendance": {pm: True}})
    a = svc.get_inspection(store, iid).answers[(vid, "FB-14")]
    assert (a.value, a.failed, a.note) == ("60", True, "按到岗记录计算：5次检查中到岗3次")
