"""Empty lists say what to do next: no project yet, no red flags, failed items waiting for
从不合格项生成问题, no photos."""

from __future__ import annotations

from PySide6.QtCore import Qt

from inspector.services import inspections as svc
from inspector.services.projects import create_project
from inspector.ui.context import AppContext, ChangeBus
from inspector.ui.ops import wait_idle
from tests.ui.conftest import settle


def _empty_text(view) -> str:  # type: ignore[no-untyped-def]
    label = view._empty_text.label
    return label.text() if label.isVisible() else ""


def test_an_empty_store_says_what_to_do(qtbot, store, registry):
    from inspector.ui.main_window import MainWindow

    win = MainWindow(None)
    qtbot.addWidget(win)
    win.attach(AppContext(store=store, bus=ChangeBus(), checklists=registry))
    win.resize(1280, 800)
    win.show()
    projects = win.show_view("projects")
    qtbot.waitUntil(lambda: not projects.loading, timeout=10000)
    assert "Ctrl+N" in _empty_text(projects.table)
    assert "选择一个项目" in projects.page.title.text()
    inspections = win.show_view("inspections")
    assert "新建检查" in _empty_text(inspections.table)
    materials = win.show_view("materials")
    assert "选择项目" in _empty_text(materials.batch_table)
    acceptance = win.show_view("acceptance")
    assert "选择项目" in _empty_text(acceptance.acc_table)
    flags = win.show_view("redflags")
    qtbot.waitUntil(lambda: not flags.loading, timeout=10000)
    settle(qtbot)
    assert "没有风险提示" in _empty_text(flags.list.table)


def test_failed_items_wait_for_findings(qtbot, store, registry):
    from inspector.ui.views.inspections import InspectionsView

    pid, _ = create_project(store, fields={"code": "XN-2026-E01", "name": "空状态测试", "district": "城中区",
                                           "status": "在建"})
    iid, _ = svc.start_inspection(store, project_id=pid, kind="日常巡查",
                                  checklists=[registry.checklists["illegal-contracting"]])
    view = InspectionsView(AppContext(store=store, bus=ChangeBus(), checklists=registry))
    qtbot.addWidget(view)
    view.show()
    view.open_inspection(iid)
    form = view.editor.form
    form.select_item(*next(k for k in form.model.item_keys() if k[1] == "FB-02"))
    qtbot.keyClick(form.view, Qt.Key.Key_N)  # FB-02 fails
    view.editor.tabs.setCurrentWidget(view.editor.findings)  # saves, then looks at the answers
    panel = view.editor.findings
    assert panel.next_step.isVisible() and "FB-02" in panel.next_step.text()
    assert "从不合格项生成问题" in _empty_text(panel.table)
    qtbot.mouseClick(panel.from_failed_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10000)
    assert "下发整改通知" in panel.next_step.text()  # the next step after that
    assert _empty_text(panel.table) == ""
    photos = view.editor.inspection_photos
    view.editor.tabs.setCurrentWidget(photos)
    assert "添加照片" in _empty_text(photos.view)
    wait_idle()
