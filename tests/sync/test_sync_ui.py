"""Sync in the window, against the real office server: signing in (errors in the dialog), the status bar
(last sync, pending changes, progress, errors in Chinese), F5 and Ctrl+R, background syncs, and the
冲突 view (compare, choose, Ctrl+Z, and the choice reaching the other laptop)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from inspector.domain import Project
from inspector.services import account
from inspector.services import sync as sync_svc
from inspector.services.changes import Changes
from inspector.ui.context import AppContext, ChangeBus
from inspector.ui.ops import run_op, wait_idle
from tests.conftest import type_text


@pytest.fixture(autouse=True)
def cjk_font(qapp):
    """The shipped CJK font, loaded before any widget as the app does (screenshots read as Chinese)."""
    from inspector.app import _load_font

    _load_font(qapp)


def shot(widget, name: str, tmp_path: Path) -> Path:
    """Grab a widget as a PNG (in $INSPECTOR_SCREENSHOTS when set, to look at; else the test's dir)."""
    folder = Path(os.environ.get("INSPECTOR_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    QApplication.processEvents()
    assert widget.grab().save(str(path))
    return path


@pytest.fixture
def window(qtbot, make_laptop):
    from inspector.ui.main_window import MainWindow

    made = []

    def make(ws):
        w = MainWindow(AppContext(store=ws, bus=ChangeBus()))
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()  # window shortcuts (F5) reach only the active window
        qtbot.waitUntil(w.isActiveWindow, timeout=5000)
        made.append(w)
        return w

    yield make
    wait_idle(20000)


def test_sign_in_dialog_shows_a_refusal_in_place_then_signs_in(qtbot, shared_office, make_laptop, tmp_path):
    from inspector.ui.login_dialog import LoginDialog

    ws = make_laptop("a")
    dialog = LoginDialog(AppContext(store=ws, bus=ChangeBus()))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.server.setText(shared_office.url)
    type_text(qtbot, dialog.user, "li")
    type_text(qtbot, dialog.password, "wrong-password")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible() and dialog.ok.isEnabled(), timeout=10000)
    assert "用户名或密码错误" in dialog.error.text() and dialog.isVisible()
    assert dialog.password.hasFocus() or dialog.password.selectedText() == "wrong-password"
    shot(dialog, "login-dialog-error", tmp_path)
    dialog.password.clear()
    type_text(qtbot, dialog.password, "secret-1")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.account.signed_in and shared_office.token_valid(account.token(ws))
    assert dialog.password.text() == ""


def test_status_bar_shows_pending_changes_and_f5_or_ctrl_r_syncs(qtbot, shared_office, make_laptop, window,
                                                                 tmp_path):
    hub = shared_office.hub
    ws = make_laptop("a")
    w = window(ws)
    bar = w._sync_widgets[0]
    assert "未登录监督站" in bar.state.text() and bar.login.isVisible()
    account.login(ws, shared_office.url, "li", "secret-1")
    w.sync.refresh_status()
    assert not bar.login.isVisible() and "尚未同步" in bar.state.text()
    with ws.write() as s:
        s.add(Project(id="bar-p1", code="XN-B1", name="南关小区", district="城中区"))
    w.ctx.bus.announce(Changes.of("projects", ids=["bar-p1"]))
    qtbot.waitUntil(lambda: "待上传 1 条更改" in bar.pending.text(), timeout=5000)
    shot(w.statusBar(), "status-bar-pending", tmp_path)
    with qtbot.waitSignal(w.sync.succeeded, timeout=30000):
        qtbot.keyClick(w, Qt.Key.Key_F5)
    assert "上次同步" in bar.state.text() and "已全部上传" in bar.pending.text() and not bar.error.isVisible()
    with hub.read() as s:
        assert s.get(Project, "bar-p1").name == "南关小区"
    shot(w.statusBar(), "status-bar-synced", tmp_path)
    with qtbot.waitSignal(w.sync.succeeded, timeout=30000):
        qtbot.keyClick(w, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)


def test_progress_in_bytes_and_an_error_in_chinese_in_the_status_bar(qtbot, fresh_office, make_laptop, window,
                                                                     tmp_path):
    import random

    from tests.sync.helpers import photo_on_inspection

    ws = make_laptop("a")
    account.login(ws, fresh_office.url, "li", "secret-1")
    photo_on_inspection(ws, random.Random(5).randbytes(2_500_000), project_id="progress", name="a.jpg")
    w = window(ws)
    bar = w._sync_widgets[0]
    seen: list[str] = []

    def on_progress(_d: int, _t: int, text: str) -> None:
        if "正在上传照片和文件" in text and not any("正在上传照片和文件" in t for t in seen):
            shot(w.statusBar(), "status-bar-progress", tmp_path)
        seen.append(text)

    w.sync.progressed.connect(on_progress)
    with qtbot.waitSignal(w.sync.succeeded, timeout=30000):
        w.sync.start()
    assert any("正在上传照片和文件" in t and "MB" in t for t in seen), seen
    assert "MB" in bar.state.toolTip()
    fresh_office.server.stop()
    with ws.write() as s:
        s.add(Project(id="p2", code="XN-2", name="海湖小区", district="城西区"))
    with qtbot.waitSignal(w.sync.failed, timeout=30000):
        qtbot.keyClick(w, Qt.Key.Key_F5)
    assert bar.error.isVisible() and "无法连接监督站服务器" in bar.error.toolTip() and "检查网络" in bar.error.toolTip()
    assert "同步未完成" in bar.state.text() and "待上传 1 条更改" in bar.pending.text()
    shot(w.statusBar(), "status-bar-error", tmp_path)


def test_background_sync_runs_on_its_timer_but_not_while_an_edit_is_written(qtbot, shared_office, make_laptop):
    import threading

    from inspector.ui.sync_ui import SyncController

    hub = shared_office.hub
    ws = make_laptop("a")
    account.login(ws, shared_office.url, "li", "secret-1")
    with ws.write() as s:
        s.add(Project(id="p3", code="XN-3", name="背景", district="城中区"))
    ctx = AppContext(store=ws, bus=ChangeBus())
    release = threading.Event()
    run_op(lambda _p: release.wait(10), write=True)  # an autosave in progress
    controller = SyncController(ctx, interval_ms=60_000, first_ms=-1)
    qtbot.waitUntil(lambda: not controller.start(background=True) and not controller.running, timeout=2000)
    release.set()
    wait_idle(10000)
    controller.timer.setInterval(50)
    with qtbot.waitSignal(controller.succeeded, timeout=30000):
        pass
    controller.timer.stop()
    with hub.read() as s:
        assert s.get(Project, "p3") is not None


def make_conflict(a, b, office):
    for ws in (a, b):
        account.login(ws, office.url, "li", "secret-1")
    with a.write() as s:
        s.add(Project(id="p1", code="XN-1", name="南关小区", district="城中区", notes="原"))
    sync_svc.sync_now(a)
    sync_svc.sync_now(b)
    with b.write() as s:
        s.get(Project, "p1").notes = "二号机：东侧围挡缺失"
    sync_svc.sync_now(b)
    with a.write() as s:
        s.get(Project, "p1").notes = "一号机：围挡已整改"


def test_a_conflict_is_compared_and_resolved_in_the_window_and_the_choice_syncs(
        qtbot, qtmodeltester, shared_office, make_laptop, window, tmp_path):
    hub = shared_office.hub
    a, b = make_laptop("a"), make_laptop("b")
    make_conflict(a, b, shared_office)
    w = window(a)
    bar = w._sync_widgets[0]
    with qtbot.waitSignal(w.sync.succeeded, timeout=30000):
        qtbot.keyClick(w, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: bar.conflicts.isVisible(), timeout=5000)
    assert bar.conflicts.text() == "冲突 1 处"
    qtbot.mouseClick(bar.conflicts, Qt.MouseButton.LeftButton)
    view = w.view("conflicts")
    assert w.stack.currentWidget() is view
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and view.current is not None, timeout=5000)
    qtmodeltester.check(view.model)
    assert view.count.text() == "待处理冲突 1 处" and view.total.text() == "共 1 条"
    assert view.title.text() == "项目 XN-1 南关小区 — 备注"
    assert view.kept_text.toPlainText() == "二号机：东侧围挡缺失"
    assert view.other_text.toPlainText() == "一号机：围挡已整改"
    assert a.device_id[:8] in view.other_who.text() and b.device_id[:8] in view.kept_who.text()
    shot(w, "conflicts-view", tmp_path)
    qtbot.mouseClick(view.take_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=10000)
    with a.read() as s:
        assert s.get(Project, "p1").notes == "一号机：围挡已整改"
    qtbot.waitUntil(lambda: not bar.conflicts.isVisible(), timeout=5000)
    # Ctrl+Z takes the choice back: the conflict is open again and the field as it was.
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10000)
    with a.read() as s:
        assert s.get(Project, "p1").notes == "二号机：东侧围挡缺失"
    # Edit and use: the value written is the inspector's own.
    view.edit.setPlainText("围挡东侧已补齐，复查合格")
    qtbot.mouseClick(view.edit_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=10000)
    with qtbot.waitSignal(w.sync.succeeded, timeout=30000):
        qtbot.keyClick(w, Qt.Key.Key_F5)
    sync_svc.sync_now(b)
    for ws in (a, b, hub):
        with ws.read() as s:
            assert s.get(Project, "p1").notes == "围挡东侧已补齐，复查合格"
    assert sync_svc.status(b).conflicts_open == 0
    view.show_resolved.setChecked(True)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and "已处理" in view.explain.text(), timeout=5000)
    assert view.count.text() == "待处理冲突 0 处" and view.total.text() == "共 1 条"


def test_f5_and_ctrl_r_belong_to_sync_alone(qtbot, make_laptop, window):
    from PySide6.QtGui import QAction, QKeySequence, QShortcut

    from inspector.ui.views.registry import VIEWS

    w = window(make_laptop("a"))
    for key, _label, _target in VIEWS:
        w.view(key)
    owners = {}
    for obj in [*w.findChildren(QAction), *w.findChildren(QShortcut)]:
        keys = obj.shortcuts() if isinstance(obj, QAction) else [obj.key()]
        for seq in keys:
            text = seq.toString(QKeySequence.SequenceFormat.PortableText)
            if text in ("F5", "Ctrl+R"):
                owners.setdefault(text, []).append(obj.objectName() or obj.text())
    assert owners == {"F5": ["syncAction"], "Ctrl+R": ["syncAction"]}
