"""Issuing a notice and closing it (销项) through the real dialogs: type and findings chosen (with
defaults), 受检单位 required, a preview before confirming; a 销项 without evidence asks for a reason
that is kept; with the evidence it closes at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from inspector.domain.clock import china_today
from inspector.domain.rules import rectification as rules
from inspector.services import findings as fsvc
from inspector.services import inspections as svc
from inspector.services import photos as psvc
from inspector.ui.context import AppContext, ChangeBus
from inspector.ui.ops import wait_idle
from inspector.ui.views.inspection_notice import NoticeDialog
from inspector.ui.views.inspections import InspectionsView
from tests.conftest import type_text, when_modal

from .conftest import answer_all


@pytest.fixture
def failed(store, registry, project):
    """An inspection of today with two failed items (FB-01 stops work) turned into findings."""
    iid, _ = svc.start_inspection(store, project_id=project["id"], kind="专项检查",
                                  checklists=[registry.checklists["illegal-contracting"]])
    answer_all(store, iid, fail={"FB-01", "FB-02"})
    d = svc.get_inspection(store, iid)
    vid = d.checklists[0].version_id
    svc.save_answers(store, inspection_id=iid, answers=[
        svc.AnswerInput(vid, "FB-02", d.answers[(vid, "FB-02")].value, "监督注册号未张贴，现场无法出示")])
    fsvc.findings_from_failed(store, inspection_id=iid)
    return iid


def test_findings_say_what_was_found(store, registry, failed):
    by_item = {f.checklist_item: f for f in fsvc.list_findings(store, inspection_id=failed)}
    assert by_item["FB-02"].description == "监督注册号未张贴，现场无法出示"  # the inspector's note
    requirement = registry.checklists["illegal-contracting"].item("FB-01").text_zh
    assert by_item["FB-01"].description == f"不符合要求：{requirement}"  # no note: not the bare requirement


def test_issue_notice_choose_preview_confirm(qtbot, store, registry, project, failed):
    view = InspectionsView(AppContext(store=store, bus=ChangeBus(), checklists=registry))
    qtbot.addWidget(view)
    view.show()
    view.open_inspection(failed)
    panel = view.editor.findings
    view.editor.tabs.setCurrentWidget(panel)
    seen: dict[str, object] = {}

    def choose(dlg) -> None:  # type: ignore[no-untyped-def]
        seen["action"] = dlg.action.currentData()  # FB-01 requires stopping work
        seen["chosen"] = len(dlg.chosen())
        assert dlg.deadline_date() >= rules.next_working_day(china_today())
        # Without 受检单位 it will not go on
        dlg.addressee.setCurrentIndex(0)
        assert not dlg.show_preview() and "受检单位" in dlg.errors.text()
        dlg.addressee.setCurrentIndex(dlg.addressee.findData(project["owner"]))
        # Only FB-02 on this notice: the type follows (限期整改)
        for i in range(dlg.list.count()):
            if dlg.list.item(i).data(Qt.ItemDataRole.UserRole + 41).checklist_item == "FB-01":
                dlg.list.item(i).setCheckState(Qt.CheckState.Unchecked)
        assert dlg.action.currentData() == "限期整改"
        type_text(qtbot, dlg.requirements, "限三日内补办并张贴监督注册信息")
        assert dlg.show_preview()
        preview = dlg.preview.toPlainText()
        seen["preview"] = preview
        dlg.confirm_btn.click()

    when_modal(choose)
    qtbot.mouseClick(panel.issue_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(panel, "notice_dialog", None) is not None, timeout=10000)
    assert seen["action"] == "停工整改" and seen["chosen"] == 2
    assert "责令整改通知书" in seen["preview"] and "城中区住房和城乡建设局" in seen["preview"]
    assert "监督注册号未张贴" in seen["preview"] and "限三日内补办" in seen["preview"]
    d = panel.notice_dialog.detail
    assert d.row.title == "责令整改通知书" and d.row.findings == 1 and d.addressee == "城中区住房和城乡建设局"  # FB-02 is the 建设单位's duty
    assert d.requirements == "限三日内补办并张贴监督注册信息"
    assert d.row.issued_on >= china_today()
    left = [f for f in fsvc.list_findings(store, inspection_id=failed) if f.status == "open"]
    assert [f.checklist_item for f in left] == ["FB-01"]  # still waiting for its own (stop-work) notice
    panel.notice_dialog.close()
    wait_idle()


def test_closing_needs_evidence_or_a_reason(qtbot, store, failed, project, photos_dir):
    rid, _ = fsvc.issue_notice(store, inspection_id=failed)
    fsvc.record_reply(store, rectification_id=rid, replied_on=china_today(), measures="已补办监督手续",
                      responsible_person="张工", supervisor_opinion="已整改，同意")  # signed off, no photo
    dlg = NoticeDialog(AppContext(store=store, bus=ChangeBus()), rid)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.verdict.setCurrentIndex(dlg.verdict.findData(fsvc.VERDICT_CLOSE))
    asked: list[str] = []

    def cancel(box) -> None:  # type: ignore[no-untyped-def]
        asked.append(box.findChild(type(box.reason_edit)).objectName())
        box.reject()

    when_modal(cancel)
    qtbot.mouseClick(dlg.check_btn, Qt.MouseButton.LeftButton)
    wait_idle()
    assert asked == ["override_reason"]
    assert fsvc.get_rectification(store, rid).row.status == "replied"  # not closed without a word

    # With a photo of the rectified work on the reply as well, it closes without asking.
    reply_id = fsvc.get_rectification(store, rid).replies[-1].id
    psvc.import_paths(store, paths=[photos_dir / "nikon_p6000_gps.jpg"], target_kind="reply", target_id=reply_id)
    assert fsvc.closing_problems(store, rectification_id=rid) == []
    qtbot.mouseClick(dlg.check_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.detail.row.status == "closed", timeout=10000)
    assert "理由" not in dlg.detail.replies[-1].verdict_note
