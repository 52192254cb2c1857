"""Headless: inspection lifecycle, snapshots, completion rules, findings and the rectification loop."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from sqlalchemy import func, select

from inspector.checklists.registry import load_registry
from inspector.domain import ChecklistVersion, Rectification
from inspector.paths import forms_dir
from inspector.services import findings as fsvc
from inspector.services import inspections as svc
from inspector.services.errors import UserError, ValidationError
from inspector.services.photos import import_photos
from inspector.store.hooks import RecordLockedError

from .conftest import answer_all

TODAY = dt.date(2026, 5, 11)


def start(store, registry, project, ids=("illegal-contracting",), started_at=None) -> str:
    iid, changes = svc.start_inspection(store, project_id=project["id"], kind="日常巡查",
                                        checklists=[registry.checklists[c] for c in ids], started_at=started_at)
    assert changes.touches("inspections")
    return iid


def test_start_snapshots_checklists_once(store, registry, project) -> None:
    a = start(store, registry, project, ("illegal-contracting", "site-patrol"))
    b = start(store, registry, project, ("illegal-contracting",))
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(ChecklistVersion)) == 2  # deduplicated
    d = svc.get_inspection(store, a)
    assert [c.checklist_id for c in d.checklists] == ["illegal-contracting", "site-patrol"]
    assert d.checklists[0].content_sha256 == registry.checklists["illegal-contracting"].content_sha256
    assert d.record_no.startswith("宁建质监检字〔") and d.record_no != svc.get_inspection(store, b).record_no
    assert d.status == "draft" and d.editable


def test_bad_inputs_change_nothing(store, registry, project) -> None:
    with pytest.raises(ValidationError):
        svc.start_inspection(store, project_id=project["id"], kind="随便看看",
                             checklists=[registry.checklists["site-patrol"]])
    with pytest.raises(ValidationError):
        svc.start_inspection(store, project_id=project["id"], kind="日常巡查", checklists=[])
    assert svc.list_inspections(store) == []
    iid = start(store, registry, project)
    vid = svc.get_inspection(store, iid).checklists[0].version_id
    with pytest.raises(ValidationError) as e:
        svc.save_answers(store, inspection_id=iid, answers=[
            svc.AnswerInput(vid, "FB-01", "yes"), svc.AnswerInput(vid, "FB-02", "maybe")])
    assert "是 / 否 / 不适用" in str(e.value)
    assert svc.get_inspection(store, iid).answers == {}  # the good answer of the batch was not kept
    with pytest.raises(ValidationError):
        svc.update_header(store, inspection_id=iid, values={"wind_level": 30})


def test_answers_fail_and_complete_rules(store, registry, project, photos_dir) -> None:
    iid = start(store, registry, project)
    vid = svc.get_inspection(store, iid).checklists[0].version_id
    answer_all(store, iid, skip={"FB-02"}, fail={"FB-08a"})
    svc.save_answers(store, inspection_id=iid, answers=[svc.AnswerInput(vid, "FB-04", "na")])
    d = svc.get_inspection(store, iid)
    assert d.answers[(vid, "FB-08a")].failed and not d.answers[(vid, "FB-01")].failed
    problems = {p.item_id: p.message for p in svc.completion_problems(store, inspection_id=iid)}
    assert set(problems) == {"FB-02", "FB-04", "FB-08a"}
    assert "必填" in problems["FB-02"] and "不适用" in problems["FB-04"] and "照片" in problems["FB-08a"]
    with pytest.raises(svc.IncompleteInspection) as e:
        svc.complete_inspection(store, inspection_id=iid)
    assert [p.item_id for p in e.value.problems] == ["FB-02", "FB-04", "FB-08a"]  # form order
    assert svc.get_inspection(store, iid).status == "draft"

    svc.save_answers(store, inspection_id=iid, answers=[
        svc.AnswerInput(vid, "FB-02", "yes"), svc.AnswerInput(vid, "FB-04", "na", "本工程为政府直接委托")])
    results = import_photos(store, files=[photos_dir / "nikon_p6000_gps.jpg"], target_kind="answer",
                            target_id=iid, item_id="FB-08a")
    assert results[0].ok
    assert svc.completion_problems(store, inspection_id=iid) == []
    svc.complete_inspection(store, inspection_id=iid)
    d = svc.get_inspection(store, iid)
    assert d.status == "completed" and not d.editable and d.header["finished_at"] is not None
    with pytest.raises(UserError, match="重新打开"):
        svc.save_answers(store, inspection_id=iid, answers=[svc.AnswerInput(vid, "FB-02", "no")])
    svc.reopen_inspection(store, inspection_id=iid)
    assert svc.get_inspection(store, iid).editable


def test_signed_inspection_refuses_everything(store, registry, project) -> None:
    iid = start(store, registry, project)
    vid = svc.get_inspection(store, iid).checklists[0].version_id
    answer_all(store, iid)
    svc.complete_inspection(store, inspection_id=iid)
    with store.write() as s:
        from inspector.domain import Inspection
        s.get(Inspection, iid).locked_at = dt.datetime.now(dt.UTC)
    with pytest.raises(UserError, match="签署"):
        svc.reopen_inspection(store, inspection_id=iid)
    with pytest.raises((UserError, RecordLockedError)):
        svc.save_answers(store, inspection_id=iid, answers=[svc.AnswerInput(vid, "FB-02", "no")])
    assert svc.get_inspection(store, iid).locked


def test_old_inspection_renders_from_its_snapshot(store, project, tmp_path) -> None:
    forms = tmp_path / "forms"
    shutil.copytree(forms_dir(), forms)
    reg1 = load_registry(forms)
    old_text = reg1.checklists["illegal-contracting"].item("FB-02").text_zh
    old = svc.start_inspection(store, project_id=project["id"], kind="专项检查",
                               checklists=[reg1.checklists["illegal-contracting"]])[0]
    path = forms / "illegal-contracting.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(old_text, "已办理监督注册（新版措辞）"), encoding="utf-8")
    reg2 = load_registry(forms)
    assert reg2.checklists["illegal-contracting"].item("FB-02").text_zh == "已办理监督注册（新版措辞）"
    new = svc.start_inspection(store, project_id=project["id"], kind="专项检查",
                               checklists=[reg2.checklists["illegal-contracting"]])[0]
    old_cl = svc.checklist_of(svc.get_inspection(store, old).checklists[0])
    new_cl = svc.checklist_of(svc.get_inspection(store, new).checklists[0])
    assert old_cl.item("FB-02").text_zh == old_text
    assert new_cl.item("FB-02").text_zh == "已办理监督注册（新版措辞）"


def failed_inspection(store, registry, project, fail=("FB-08a", "FB-09")) -> str:
    # Inspected on TODAY (China time): its notices are dated from that day on.
    iid = start(store, registry, project, started_at=dt.datetime(2026, 5, 11, 2, 0, tzinfo=dt.UTC))

    answer_all(store, iid, fail=set(fail))
    return iid


def test_findings_from_failed_items(store, registry, project) -> None:
    iid = failed_inspection(store, registry, project)
    ids, _ = fsvc.findings_from_failed(store, inspection_id=iid, today=TODAY)
    assert len(ids) == 2
    assert fsvc.findings_from_failed(store, inspection_id=iid, today=TODAY)[0] == []  # idempotent
    by_item = {f.checklist_item: f for f in fsvc.list_findings(store, inspection_id=iid)}
    fb08, fb09 = by_item["FB-08a"], by_item["FB-09"]
    assert (fb08.severity, fb08.action, fb08.deadline) == ("较重", "限期整改", TODAY + dt.timedelta(days=3))
    assert (fb09.severity, fb09.deadline) == ("严重", TODAY + dt.timedelta(days=1))  # the next working day
    # A finding says what was found, not the requirement copied from the item.
    fb08_item = registry.checklists["illegal-contracting"].item("FB-08a")
    assert fb08.description != fb08_item.text_zh and fb08.description.startswith("不符合要求：")
    assert fb08.responsible_party_id == project["contractor"] and fb08.responsible_party == "青海某建设工程有限公司"
    assert fb08.basis and fb08.status == "open"
    # FB-09 is also referred (移送) to the construction authority’s enforcement.
    assert fb09.refer_to == "住建执法" and fb08.refer_to == ""



def test_manual_finding_defaults_and_validation(store, project) -> None:
    fid, _ = fsvc.add_finding(store, project_id=project["id"], description="3号楼屋面防水卷材搭接不足",
                              location="3号楼屋面", today=TODAY)
    f = fsvc.list_findings(store)[0]
    assert f.id == fid and f.deadline == TODAY + dt.timedelta(days=7) and f.responsible_party_id == project["contractor"]
    with pytest.raises(ValidationError):
        fsvc.add_finding(store, project_id=project["id"], description=" ", today=TODAY)
    with pytest.raises(ValidationError):
        fsvc.add_finding(store, project_id=project["id"], description="x", severity="特别严重")
    assert len(fsvc.list_findings(store)) == 1


def test_notice_reply_close(store, registry, project) -> None:
    iid = failed_inspection(store, registry, project, fail=("FB-08b", "FB-08a"))
    fsvc.findings_from_failed(store, inspection_id=iid, today=TODAY)
    rid, _ = fsvc.issue_notice(store, inspection_id=iid, issued_on=TODAY, requirements="按规范整改")
    d = fsvc.get_rectification(store, rid, today=TODAY)
    assert d.row.title == "责令整改通知书" and d.row.notice_no.startswith("宁建质监整字〔2026〕第")
    assert d.row.deadline == TODAY + dt.timedelta(days=3)  # the earliest finding deadline
    assert d.addressee == "青海某建设工程有限公司" and d.row.findings == 2
    assert {f.status for f in d.findings} == {"notified"}
    with pytest.raises(UserError, match="没有可列入"):
        fsvc.issue_notice(store, inspection_id=iid, issued_on=TODAY)
    with pytest.raises(UserError, match="尚未收到整改回复"):
        fsvc.reinspect(store, rectification_id=rid, verdict="同意销项", reinspected_on=TODAY)
    with pytest.raises(ValidationError):
        fsvc.record_reply(store, rectification_id=rid, replied_on=TODAY - dt.timedelta(days=1), measures="已整改")
    fsvc.record_reply(store, rectification_id=rid, replied_on=TODAY + dt.timedelta(days=2), measures="补办监督手续",
                      result="已完成", responsible_person="张工", supervisor_opinion="同意")
    with pytest.raises(UserError, match="不能从"):
        fsvc.record_reply(store, rectification_id=rid, replied_on=TODAY + dt.timedelta(days=2), measures="再回复")
    # 销项 needs evidence: no photo of the rectified work yet, so it is refused without an override
    with pytest.raises(ValidationError, match="照片"):
        fsvc.reinspect(store, rectification_id=rid, verdict="同意销项", reinspected_on=TODAY + dt.timedelta(days=3),
                       reinspector_name="李监督")
    assert fsvc.get_rectification(store, rid).row.status == "replied"
    fsvc.reinspect(store, rectification_id=rid, verdict="同意销项", reinspected_on=TODAY + dt.timedelta(days=3),
                   reinspector_name="李监督", override_reason="监督手续原件已当场核验")
    d = fsvc.get_rectification(store, rid)
    assert "监督手续原件已当场核验" in d.replies[0].verdict_note  # kept, and printed on the 复查记录
    assert d.row.status == "closed" and d.closed_on == TODAY + dt.timedelta(days=3)
    assert {f.status for f in d.findings} == {"closed"}
    assert d.replies[0].verdict == "同意销项" and d.replies[0].reinspector_name == "李监督"


def test_stop_work_escalate_reissue(store, registry, project) -> None:
    iid = failed_inspection(store, registry, project, fail=("FB-01", "FB-02"))  # FB-01: stop-work
    fsvc.findings_from_failed(store, inspection_id=iid, today=TODAY)
    rid, _ = fsvc.issue_notice(store, inspection_id=iid, issued_on=TODAY, stop_scope="全部")
    row = fsvc.get_rectification(store, rid).row
    assert row.title == "停工整改通知书" and row.action == "停工整改"
    fsvc.record_reply(store, rectification_id=rid, replied_on=TODAY, measures="已补办施工许可")
    with pytest.raises(ValidationError, match="理由"):
        fsvc.reinspect(store, rectification_id=rid, verdict="未整改到位", reinspected_on=TODAY)
    fsvc.reinspect(store, rectification_id=rid, verdict="未整改到位", reinspected_on=TODAY, note="许可证单位不一致")
    d = fsvc.get_rectification(store, rid)
    assert d.row.status == "escalated" and d.escalation_reason == "许可证单位不一致"
    assert {f.status for f in d.findings} == {"escalated"}
    new, _ = fsvc.reissue_notice(store, rectification_id=rid, deadline=TODAY + dt.timedelta(days=5), issued_on=TODAY)
    nd = fsvc.get_rectification(store, new)
    assert nd.reissued_from_no == d.row.notice_no and nd.row.status == "issued" and nd.row.findings == 2
    assert fsvc.get_rectification(store, rid).reissued_as_no == nd.row.notice_no
    with pytest.raises(UserError):
        fsvc.reissue_notice(store, rectification_id=rid, deadline=TODAY, issued_on=TODAY)


def test_overdue_listing(store, registry, project) -> None:
    iid = failed_inspection(store, registry, project, fail=("FB-08a",))
    fsvc.findings_from_failed(store, inspection_id=iid, today=TODAY)
    rid, _ = fsvc.issue_notice(store, inspection_id=iid, issued_on=TODAY)
    deadline = TODAY + dt.timedelta(days=3)
    assert fsvc.overdue_rectifications(store, today=deadline) == []
    late = fsvc.overdue_rectifications(store, today=deadline + dt.timedelta(days=4))
    assert [r.id for r in late] == [rid] and late[0].days_overdue == 4
    assert fsvc.list_rectifications(store, today=TODAY)[0].due_soon
    fsvc.escalate(store, rectification_id=rid, reason="逾期未回复", today=deadline + dt.timedelta(days=4))
    assert fsvc.overdue_rectifications(store, today=deadline + dt.timedelta(days=4)) == []
    with pytest.raises(UserError):
        fsvc.escalate(store, rectification_id=rid, reason="再升级")
    with store.read() as s:
        assert s.get(Rectification, rid).status == "escalated"
