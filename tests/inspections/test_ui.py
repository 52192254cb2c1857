"""What the inspector does, through the real widgets: create an inspection, answer by keyboard and
mouse, get completion refused for a missing photo, attach one, complete, raise a finding, issue
the notice, record the reply, close it; the overdue view; rendering from the stored snapshot."""

from __future__ import annotations

import datetime as dt
import shutil

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox

from inspector.checklists.registry import load_registry
from inspector.domain.clock import china_today
from inspector.domain.rules import rectification as rules
from inspector.paths import forms_dir
from inspector.services import findings as fsvc
from inspector.services import inspections as svc
from inspector.ui.context import AppContext, ChangeBus
from inspector.ui.models.checklist import COL_ANSWER, COL_NOTE, COL_TEXT, FAILED_COLOR
from inspector.ui.ops import wait_idle
from inspector.ui.views.inspection_new import NewInspectionDialog
from inspector.ui.views.inspections import InspectionsView
from inspector.ui.views.rectifications import RectificationsView

from .conftest import answer_all, passing


def make_ctx(store, registry) -> AppContext:
    ctx = AppContext(store=store, bus=ChangeBus())
    ctx.checklists = registry
    return ctx


def type_text(widget, text: str) -> None:
    """Type text as key events; QTest.keyClicks aborts on non-Latin-1 characters, so each
    character goes as a key event carrying its text, as an input method delivers Chinese."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def open_editor(tree):
    """The editor the tree has open on its current cell."""
    widget = tree.indexWidget(tree.currentIndex()) or QApplication.focusWidget()
    assert widget is not None and widget is not tree
    return widget


def stored(store, iid, item_id):
    d = svc.get_inspection(store, iid)
    return next((a for (v, i), a in d.answers.items() if i == item_id), None)


def test_new_inspection_dialog_preticks_and_refuses_empty(qtbot, store, registry, project) -> None:
    ctx = make_ctx(store, registry)
    dlg = NewInspectionDialog(ctx, project["id"])
    qtbot.addWidget(dlg)
    # a 日常巡查 starts with the patrol checklists, not the 竣工联合验收 one (see tests/ui/test_checklist_form.py)
    assert "site-patrol" in dlg.checked_ids() and "completion-acceptance" not in dlg.checked_ids()
    dlg.set_checked([])
    dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    assert dlg.result() == 0 and "至少" in dlg.hint.text()
    dlg.set_checked(["illegal-contracting"])
    dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    assert dlg.result() == 1
    assert dlg.values() == {"project_id": project["id"], "kind": "日常巡查", "checklist_ids": ["illegal-contracting"]}


def test_inspection_to_closed_notice(qtbot, store, registry, project, photos_dir) -> None:
    ctx = make_ctx(store, registry)
    view = InspectionsView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.create(project_id=project["id"], kind="日常巡查", checklist_ids=["illegal-contracting"])
    qtbot.waitUntil(lambda: view.stack.currentIndex() == 1, timeout=10000)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and not view.model.pending)  # the list asks off the UI thread
    editor = view.editor
    iid = editor.inspection_id
    form = editor.form
    tree = form.view
    cl = registry.checklists["illegal-contracting"]

    # keyboard: Y / N answer the current item, Enter moves on; a text or number item opens its
    # editor on Enter, and Enter in the editor saves it and moves on
    form.first_item()
    for item in cl.items:
        assert form.current_key()[1] == item.id
        if item.id == "FB-02":
            continue_with_mouse = item
            qtbot.keyClick(tree, Qt.Key.Key_Return)
            continue
        if item.derive:  # FB-14 is computed from the recorded attendance: F2 opens no editor
            qtbot.keyClick(tree, Qt.Key.Key_F2)
            assert tree.state() != tree.State.EditingState
            qtbot.keyClick(tree, Qt.Key.Key_Return)
            continue
        if item.answer == "yes-no-na":
            qtbot.keyClick(tree, Qt.Key.Key_N if item.id == "FB-09" else Qt.Key.Key_Y)
            qtbot.keyClick(tree, Qt.Key.Key_Return)
        else:
            qtbot.keyClick(tree, Qt.Key.Key_Return)
            type_text(open_editor(tree), passing(item))
            qtbot.keyClick(open_editor(tree), Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: tree.state() != tree.State.EditingState)  # the view closes it queued
            qtbot.waitUntil(lambda i=item: form.current_key()[1] != i.id or i is cl.items[-1])
    assert form.model.is_failed(form.current_key()[0], "FB-09")
    vid = form.current_key()[0]
    fb09 = form.model.index_of(vid, "FB-09", COL_ANSWER)
    assert fb09.data(Qt.ItemDataRole.ForegroundRole).color().name() == FAILED_COLOR

    # mouse: double-click FB-02's answer cell, pick 是 in the combo; then type a note, saved as typed
    idx = form.model.index_of(vid, continue_with_mouse.id, COL_ANSWER)
    tree.scrollTo(idx)
    rect = tree.visualRect(idx)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    combo = open_editor(tree)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("yes"))
    combo.activated.emit(combo.currentIndex())
    note = form.model.index_of(vid, "FB-09", COL_NOTE)
    tree.setCurrentIndex(note)
    tree.edit(note)
    type_text(open_editor(tree), "劳动合同为劳务公司")
    qtbot.waitUntil(lambda: (a := stored(store, iid, "FB-09")) is not None and a.note == "劳动合同为劳务公司",
                    timeout=5000)  # autosaved while the editor is still open
    qtbot.keyClick(open_editor(tree), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tree.state() != tree.State.EditingState)
    editor.flush(wait=True)
    assert stored(store, iid, "FB-02").value == "yes"
    assert stored(store, iid, "FB-09").value == "no" and stored(store, iid, "FB-09").failed

    # completion refused: the missing photo is listed and one click away
    qtbot.mouseClick(editor.complete_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.problems.count() > 0, timeout=5000)
    assert editor.problems.count() == 1 and "FB-09" in editor.problems.item(0).text()
    assert svc.get_inspection(store, iid).status == "draft"
    form.first_item()
    item_rect = editor.problems.visualItemRect(editor.problems.item(0))
    qtbot.mouseClick(editor.problems.viewport(), Qt.MouseButton.LeftButton, pos=item_rect.center())
    assert form.current_key() == (vid, "FB-09")

    # attach a real photo to the selected item through the photo panel
    panel = editor.item_photos
    assert panel.target == ("answer", iid, "FB-09")
    with qtbot.waitSignal(panel.import_finished, timeout=20000):
        panel.import_paths([photos_dir / "nikon_p6000_gps.jpg"])
    qtbot.waitUntil(lambda: form.model.index_of(vid, "FB-09", 4).data().startswith("1"), timeout=5000)

    qtbot.mouseClick(editor.complete_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: svc.get_inspection(store, iid).status == "completed", timeout=5000)
    qtbot.waitUntil(lambda: form.model.read_only, timeout=5000)
    assert editor.reopen_btn.isVisible() and not editor.complete_btn.isEnabled()
    form.select_item(vid, "FB-02")
    qtbot.keyClick(tree, Qt.Key.Key_N)  # read-only: nothing changes
    assert form.model.value(vid, "FB-02")[0] == "yes"

    # finding from the failed item, the notice, the reply, the close-out
    editor.tabs.setCurrentWidget(editor.findings)
    panel = editor.findings
    qtbot.mouseClick(panel.from_failed_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)
    f = panel.model.row_at(0)
    assert f.checklist_item == "FB-09" and f.severity == "严重"
    assert f.deadline == rules.default_deadline("严重", china_today())  # at least the next working day

    def confirm_notice() -> None:  # type, findings, 受检单位 defaulted; preview, then confirm
        dlg = QApplication.activeModalWidget()
        if dlg is None:
            QTimer.singleShot(20, confirm_notice)
            return
        assert dlg.show_preview() and "FB-09" in dlg.preview.toPlainText()
        dlg.confirm_btn.click()

    QTimer.singleShot(0, confirm_notice)
    qtbot.mouseClick(panel.issue_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(panel, "notice_dialog", None) is not None, timeout=5000)
    dlg = panel.notice_dialog
    qtbot.addWidget(dlg)
    assert "整改通知书" in dlg.windowTitle() and dlg.reply_box.isEnabled() and not dlg.check_box.isEnabled()
    type_text(dlg.measures, "已与项目负责人重新签订劳动合同")
    type_text(dlg.person, "张工")
    qtbot.mouseClick(dlg.reply_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.check_box.isEnabled(), timeout=5000)
    assert dlg.detail.row.status == "replied" and dlg.replies.rowCount() == 1
    dlg.verdict.setCurrentIndex(dlg.verdict.findData("同意销项"))

    def override() -> None:  # no photo of the rectified work: a reason is asked for, and kept
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, override)
            return
        type_text(box.reason_edit, "已当场查看重新签订的劳动合同原件")
        box.ok.click()

    QTimer.singleShot(0, override)
    qtbot.mouseClick(dlg.check_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.detail.row.status == "closed", timeout=5000)
    assert {x.status for x in fsvc.list_findings(store, inspection_id=iid)} == {"closed"}
    assert "劳动合同原件" in dlg.detail.replies[-1].verdict_note
    wait_idle()


def test_header_autosaves_and_flushes_on_hide(qtbot, store, registry, project) -> None:
    ctx = make_ctx(store, registry)
    iid, _ = svc.start_inspection(store, project_id=project["id"], kind="日常巡查",
                                  checklists=[registry.checklists["site-patrol"]])
    view = InspectionsView(ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.open_record("inspection", iid)
    editor = view.editor
    editor.tabs.setCurrentIndex(0)
    assert editor.attendance.count() == 1  # the project's 项目负责人
    type_text(editor.co_inspector, "王监督")
    editor.wind.setValue(5)
    editor.attendance.item(0).setCheckState(Qt.CheckState.Checked)
    view.show_list()  # leaving the editor saves at once
    wait_idle()
    h = svc.get_inspection(store, iid).header
    assert h["co_inspector_name"] == "王监督" and h["wind_level"] == 5
    assert h["attendance"] == {project["pm"]: True}


def test_checklist_model_and_fifty_items(qtbot, qtmodeltester, store, registry, project) -> None:
    iid, _ = svc.start_inspection(store, project_id=project["id"], kind="专项检查",
                                  checklists=[registry.checklists["site-patrol"],
                                              registry.checklists["materials-sampling"]])
    answer_all(store, iid, fail={"XC-01"})
    ctx = make_ctx(store, registry)
    view = InspectionsView(ctx)
    qtbot.addWidget(view)
    view.open_inspection(iid)
    model = view.editor.form.model
    assert len(model.item_keys()) == 66 + 19  # site-patrol 66, materials-sampling 19
    qtmodeltester.check(model)
    top = model.index(0, 0)
    assert "施工现场质量安全巡查" in top.data() and model.index(0, 0, top).data() == "安全管理"


def test_old_inspection_renders_old_text_after_forms_change(qtbot, store, project, tmp_path) -> None:
    forms = tmp_path / "forms"
    shutil.copytree(forms_dir(), forms)
    reg1 = load_registry(forms)
    old_text = reg1.checklists["site-patrol"].item("XC-01").text_zh
    iid, _ = svc.start_inspection(store, project_id=project["id"], kind="日常巡查",
                                  checklists=[reg1.checklists["site-patrol"]])
    path = forms / "site-patrol.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(old_text, "施工组织设计（改后文字）"), encoding="utf-8")
    ctx = make_ctx(store, load_registry(forms))
    assert ctx.checklists.checklists["site-patrol"].item("XC-01").text_zh == "施工组织设计（改后文字）"
    view = InspectionsView(ctx)
    qtbot.addWidget(view)
    view.open_inspection(iid)
    form = view.editor.form
    vid = form.model.item_keys()[0][0]
    assert form.model.index_of(vid, "XC-01", COL_TEXT).data() == old_text


def test_rectifications_view_overdue_red_and_filters(qtbot, qtmodeltester, store, registry, project) -> None:
    today = dt.date(2026, 6, 1)
    iid, _ = svc.start_inspection(store, project_id=project["id"], kind="日常巡查",
                                  checklists=[registry.checklists["illegal-contracting"]])
    answer_all(store, iid, fail={"FB-02"})
    fsvc.add_finding(store, project_id=project["id"], inspection_id=iid, description="楼道照明线路未穿管",
                     severity="一般", today=today - dt.timedelta(days=20))
    late, _ = fsvc.issue_notice(store, inspection_id=iid, issued_on=today - dt.timedelta(days=20))
    fsvc.findings_from_failed(store, inspection_id=iid, today=today)
    soon, _ = fsvc.issue_notice(store, inspection_id=iid, issued_on=today)
    ctx = make_ctx(store, registry)
    view = RectificationsView(ctx)
    qtbot.addWidget(view)
    view.today = today
    view.refresh()

    def shown() -> bool:  # the list's query runs off the UI thread
        return view.model.query is not None and view.model.query.today == today and not view.model.pending \
            and not view._debounce.isActive()

    qtbot.waitUntil(shown)
    qtmodeltester.check(view.model)
    assert view.proxy.rowCount() == 2  # 未销项 is the default
    # The summary's counts come in their own query: the latest asked (for the pinned today) wins.
    qtbot.waitUntil(lambda: view.summary.text() == "未销项 2 份，本周到期 1 份，已逾期 1 份")
    assert view.count.text() == "共 2 条"
    rows = {view.proxy.index(r, 1).data(): r for r in range(view.proxy.rowCount())}
    late_no = fsvc.get_rectification(store, late).row.notice_no
    r = rows[late_no]
    assert view.proxy.index(r, 6).data() == "13"  # deadline was 7 days after issue
    assert view.proxy.index(r, 0).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"
    other = 1 - r
    assert view.proxy.index(other, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    view.quick.button(3).click()
    qtbot.waitUntil(lambda: shown() and view.model.query.quick == "overdue")
    assert view.proxy.rowCount() == 1 and view.proxy.index(0, 1).data() == late_no
    view.quick.button(2).click()
    qtbot.waitUntil(lambda: shown() and view.model.query.quick == "due")
    assert view.proxy.rowCount() == 1 and view.proxy.index(0, 1).data() != late_no
    view.quick.button(0).click()
    type_text(view.search, late_no)
    qtbot.waitUntil(lambda: shown() and view.model.query.text == late_no)
    assert view.proxy.rowCount() == 1
    view.search.clear()
    view.picker.select(project["id"])
    qtbot.waitUntil(lambda: shown() and view.model.query.project_id == project["id"] and not view.model.query.text)
    assert view.proxy.rowCount() == 2
    view.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: shown() and view.model.query.sort == "days_overdue")
    assert view.proxy.index(0, 1).data() == late_no
    idx = view.proxy.index(0, 1)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=view.table.visualRect(idx).center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=view.table.visualRect(idx).center())
    qtbot.waitUntil(lambda: getattr(view, "notice_dialog", None) is not None, timeout=3000)
    dlg = view.notice_dialog
    qtbot.addWidget(dlg)
    assert dlg.rectification_id == late and dlg.escalate_btn.isEnabled()
    assert view.open_record("rectification", soon)
