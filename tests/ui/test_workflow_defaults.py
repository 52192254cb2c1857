"""Work starts where the inspector is: a new inspection or acceptance starts on the project last
selected, and the joint acceptance's preconditions look at the project itself."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from inspector.services import acceptance as acc
from inspector.services.projects import list_projects
from tests.ui.conftest import settle


def _select_in_register(qtbot, window, code_part: str) -> str:  # type: ignore[no-untyped-def]
    view = window.show_view("projects")
    qtbot.waitUntil(lambda: view.model.rowCount() > 0 and not view.loading, timeout=10000)
    row = next(i for i in range(view.proxy.rowCount()) if code_part in view.proxy.index(i, 0).data())
    rect = view.table.visualRect(view.proxy.index(row, 1))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return view.model.row_at(view.proxy.mapToSource(view.proxy.index(row, 0)).row()).id


def test_new_inspection_and_acceptance_start_on_the_selected_project(qtbot, demo_window):
    win = demo_window
    pid = _select_in_register(qtbot, win, "DT-02")
    win.activateWindow()
    qtbot.keyClick(win, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    inspections = win.stack.currentWidget()
    seen: dict[str, str] = {}

    def look(_=None) -> None:
        dlg = QApplication.activeModalWidget()
        if dlg is None:
            QTimer.singleShot(20, look)
            return
        seen["project"] = dlg.picker.current_id()
        dlg.reject()

    QTimer.singleShot(0, look)
    inspections.new_btn.click()
    assert seen["project"] == pid

    acceptance = win.show_view("acceptance")
    settle(qtbot)
    assert acceptance.picker.current_id() == pid == acceptance.project_id
    materials = win.show_view("materials")
    assert materials.project.current_id() == pid


def test_acceptance_preconditions_check_the_project_itself(qtbot, demo_window):
    win = demo_window
    store = win.ctx.store
    reserve = next(p for p in list_projects(store) if p.status == "储备")
    blockers = acc.check_preconditions(store, project_id=reserve.id)
    texts = [b.text for b in blockers]
    assert any("项目状态为“储备”" in t for t in texts)
    assert any("施工许可" in t for t in texts)
    assert all("XM-" not in t and "YS-" not in t and "RF-" not in t for t in texts)

    pid = _select_in_register(qtbot, win, reserve.code[-5:])
    view = win.show_view("acceptance")
    settle(qtbot)
    assert view.project_id == pid
    view.new_acc_btn.click()
    qtbot.waitUntil(lambda: view.new_dialog is not None and view.new_dialog.isVisible(), timeout=10000)
    dlg = view.new_dialog
    model = dlg.table.model()
    status_row = next(r for r in range(model.rowCount()) if "项目状态" in model.index(r, 0).data())
    rect = dlg.table.visualRect(model.index(status_row, 0))
    qtbot.mouseClick(dlg.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dlg.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    settle(qtbot)
    assert win._keys[win.nav.currentRow()] == "projects"
    assert win.view("projects").page.project_id == pid  # the project page, to fix its status
    assert dlg.isVisible()
    dlg.close()
