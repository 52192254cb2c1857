"""投诉与公示 through its real widgets: the complainant's phone is masked in the table and full only
in the edit dialog; a posted phone that did not answer is flagged; a complaint becomes a finding."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit, QPlainTextEdit

from inspector.domain.clock import china_today
from inspector.services import complaints as cs
from inspector.services import projects as ps
from inspector.ui.context import AppContext, ChangeBus
from inspector.ui.ops import wait_idle
from tests.conftest import type_text


@pytest.fixture
def ctx(store):
    return AppContext(store=store, bus=ChangeBus())


@pytest.fixture
def pid(store):
    project_id, _ = ps.create_project(store, fields={"code": "XN-2026-001", "name": "民和巷小区改造",
                                                     "district": "城东区", "status": "在建"})
    return project_id


def fill(qtbot, dialog, values: dict[str, str], seen: dict) -> None:
    for name, text in values.items():
        editor = dialog.form.editors[name]
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findText(text))
        elif isinstance(editor, QLineEdit | QPlainTextEdit):
            editor.clear()
            type_text(qtbot, editor, text)
    seen["phone_shown"] = dialog.form.editors["complainant_phone"].text() \
        if "complainant_phone" in dialog.form.editors else None
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    if dialog.isVisible():
        seen["error"] = dialog.error.text()
        dialog.reject()


def test_complaint_masked_posting_flagged_finding_created(qtbot, qtmodeltester, ctx, pid, store):
    from inspector.ui.views.complaints import ComplaintsView

    view = ComplaintsView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.project_id == pid and not view.loading)
    seen: dict = {}
    yesterday = (china_today() - dt.timedelta(days=1)).isoformat()
    QTimer.singleShot(0, lambda: fill(qtbot, view.dialog, {
        "received_at": f"{yesterday} 09:30", "channel": "12345热线", "content": "3号楼屋面施工后漏水",
        "location": "3号楼2单元", "complainant_name": "刘女士", "complainant_phone": "13812345678"}, seen))
    view.buttons["add"].click()
    assert "error" not in seen
    qtbot.waitUntil(lambda: view.complaints.rowCount() == 1 and not view.loading)
    qtmodeltester.check(view.complaints)
    texts = [view.complaints.index(0, c).data() for c in range(view.complaints.columnCount())]
    assert "138****5678" in texts and not any("13812345678" in t for t in texts)
    assert view.complaints.rows[0].phone_masked == "138****5678"

    # The edit dialog (and only it) shows the full number.
    view.complaint_table.setFocus()
    assert view._select(view.complaint_table, view.complaints.rows[0].id)
    QTimer.singleShot(0, lambda: fill(qtbot, view.dialog, {"deadline": yesterday}, seen))
    view.buttons["edit"].click()
    assert seen["phone_shown"] == "13812345678" and "error" not in seen
    wait_idle()

    # A posted supervision phone that did not answer the test call is flagged on its row.
    def posting(dialog) -> None:
        dialog.form.editors["kind"].setCurrentIndex(dialog.form.editors["kind"].findText("监理单位投诉电话"))
        dialog.form.editors["call_answered"].setCurrentIndex(dialog.form.editors["call_answered"].findText("未接通"))
        fill(qtbot, dialog, {"phone": "0971-6123456", "posted_on": yesterday}, seen)

    QTimer.singleShot(0, lambda: posting(view.dialog))
    view.buttons["add_posting"].click()
    assert "error" not in seen
    qtbot.waitUntil(lambda: view.postings.rowCount() == 1 and not view.loading)
    qtbot.waitUntil(lambda: view.postings.index(0, 0).data() == "⚠ 1")
    assert "试拨时无人接听" in view.postings.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)

    # Create a finding from the complaint, then resolve the complaint.
    assert view._select(view.complaint_table, view.complaints.rows[0].id)

    def choose_new() -> None:
        dlg = view.dialog
        dlg.finding.setCurrentIndex(dlg.finding.findData("__new__"))
        dlg.severity.setCurrentIndex(dlg.severity.findText("较重"))
        dlg.accept()

    QTimer.singleShot(0, choose_new)
    view.buttons["link"].click()
    wait_idle()
    qtbot.waitUntil(lambda: bool(view.complaints.rows[0].finding_id) and not view.loading)
    assert "漏水" in view.complaints.rows[0].finding and view.complaints.rows[0].status_label == "处理中"
    assert view._select(view.complaint_table, view.complaints.rows[0].id)
    QTimer.singleShot(0, lambda: fill(qtbot, view.dialog, {"resolution": "已重做防水层，淋水试验合格"}, seen))
    view.buttons["resolve"].click()
    assert "error" not in seen
    qtbot.waitUntil(lambda: view.complaints.rows[0].status == "resolved" and not view.loading)
    (row,) = cs.list_complaints(store, project_id=pid)
    assert row.resolution == "已重做防水层，淋水试验合格" and row.resolved_on == china_today()


def test_erasing_a_closed_complaints_contact_from_the_view(qtbot, ctx, pid, store, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from inspector.ui.views.complaints import ComplaintsView

    cid, _ = cs.save_complaint(store, project_id=pid, fields={
        "received_at": "2026-05-20 09:30", "channel": "12345热线", "content": "楼道灯不亮", "location": "1号楼",
        "complainant_name": "王先生", "complainant_phone": "13700001111", "status": "待处理"})
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a, **k: shown.append(text)))
    view = ComplaintsView(ctx)
    qtbot.addWidget(view)
    view.set_project(pid)
    qtbot.waitUntil(lambda: not view.loading and bool(view.complaints.rows))
    view.complaint_table.selectRow(0)
    assert view.buttons["erase"].isHidden()  # an open complaint keeps its contact: no button offered
    view.erase_contact()  # and asked anyway (the slot directly) it is refused with the reason
    qtbot.waitUntil(lambda: bool(shown))
    assert "办结后" in shown[0] and cs.get_complaint(store, cid)["complainant_phone"] == "13700001111"
    ctx.bus.announce(cs.resolve_complaint(store, complaint_id=cid, resolution="已更换灯具"))
    qtbot.waitUntil(lambda: not view.loading and view.complaints.rows[0].status == "resolved")
    view.complaint_table.selectRow(0)
    assert not view.buttons["erase"].isHidden()
    view.buttons["erase"].click()
    wait_idle()
    qtbot.waitUntil(lambda: cs.get_complaint(store, cid)["complainant_phone"] == "")
    assert cs.get_complaint(store, cid)["content"] == "楼道灯不亮"
