"""Sync in the window: the controller that runs syncs (on demand and in the background), the status
bar's sync part, and the 同步 menu and toolbar button. `install(window, ctx)` is the one hook the
main window calls.

A sync runs on a worker (`run_op`, HTTP off the GUI thread); each of its writes is handed to the
single writer (`run_in_writer`), so it queues with the inspector's autosaves between batches rather
than holding the writer for the whole sync; an editor with unsaved typing ignores announcements of
pulled rows until it has saved. Background syncs start on a timer only while the writer is idle."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QProgressBar, QToolButton, QWidget

from inspector.domain.clock import fmt_china
from inspector.services import account
from inspector.services import sync as sync_svc
from inspector.services.changes import Cancelled, Changes
from inspector.ui.context import AppContext
from inspector.ui.ops import run_in_writer, run_op, write_pool

log = logging.getLogger(__name__)


BACKGROUND_INTERVAL_MS = 5 * 60 * 1000  # a background sync every five minutes while signed in
FIRST_BACKGROUND_MS = 20 * 1000  # and one soon after start
SYNC_KEYS = ("F5", "Ctrl+R")


def _bytes(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


class SyncController(QObject):
    """Runs syncs and keeps the status. Signals arrive on the GUI thread."""

    status_changed = Signal(object)  # SyncStatus
    started = Signal(bool)  # background?
    progressed = Signal(int, int, str)
    succeeded = Signal(object)  # SyncResult
    failed = Signal(str, bool)  # message, background?

    def __init__(self, ctx: AppContext, parent: QObject | None = None, *,
                 interval_ms: int = BACKGROUND_INTERVAL_MS, first_ms: int = FIRST_BACKGROUND_MS) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.op: Any = None
        self.status: sync_svc.SyncStatus | None = None
        self._background = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.timer.start()
        if first_ms >= 0:
            QTimer.singleShot(first_ms, self._on_timer_timeout)
        self._status_timer = QTimer(self, singleShot=True, interval=400)
        self._status_timer.timeout.connect(self.refresh_status)
        ctx.bus.changed.connect(self._on_bus_changed)
        self.refresh_status()

    @property
    def running(self) -> bool:
        return self.op is not None and self.op.running

    def signed_in(self) -> bool:
        return account.current(self.ctx.store).signed_in

    @Slot()
    def refresh_status(self) -> None:
        try:
            self.status = sync_svc.status(self.ctx.store)
        except Exception:  # noqa: BLE001 - the status bar must never take the window down
            log.exception("sync status unavailable")
            return
        self.status_changed.emit(self.status)

    def _on_bus_changed(self, _changes: Changes) -> None:
        self._status_timer.start()  # edits change the pending count

    @Slot()
    def _on_timer_timeout(self) -> None:
        self.start(background=True)

    def start(self, *, background: bool = False) -> bool:
        """Start a sync unless one is running (or, in the background: unless signed out or an edit
        is being written). Returns whether one started."""
        if self.running or not self.signed_in():
            return False
        if background and write_pool().activeThreadCount() > 0:
            return False  # the inspector's edit is being saved: the next tick will do
        store, self._background = self.ctx.store, background
        retries = 1 if background else 3

        def work(progress: Any) -> Any:
            return sync_svc.sync_now(store, progress, write=run_in_writer, retries=retries)

        self.op = run_op(work, on_success=self._on_op_succeeded, on_failure=self._on_op_failed,
                         on_progress=self.progressed.emit, parent=self)
        self.started.emit(background)
        return True

    def cancel(self) -> None:
        if self.running:
            self.op.cancel()

    def _on_op_succeeded(self, result: Any) -> None:
        self.op = None  # done (the op's own "finished" comes after this)
        self.ctx.bus.announce(result.changes)
        if result.changes.touches("checklist_versions"):
            self._reload_checklists()
        self.refresh_status()
        self.succeeded.emit(result)

    def _on_op_failed(self, exc: BaseException) -> None:
        self.op = None
        if isinstance(exc, Cancelled):
            message = QCoreApplication.translate("Sync", "同步已取消，下次同步将从中断处继续。")
        elif isinstance(exc, sync_svc.SyncFailed):
            message = str(exc)
        else:
            from inspector.ui.messages import describe

            message = describe(exc)
        self.refresh_status()
        self.failed.emit(message, self._background)

    def _reload_checklists(self) -> None:
        from inspector.services.checklist_versions import registry

        store, base = self.ctx.store, self.ctx.checklists

        def done(reg: Any) -> None:
            self.ctx.checklists = reg

        run_op(lambda _p: registry(store, base=base) if base is not None else registry(store),
               on_success=done, parent=self)


class SyncStatusWidget(QWidget):
    """The status bar's sync part: last sync, pending changes, conflicts, progress, the error."""

    conflicts_requested = Signal()
    login_requested = Signal()

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.state = QLabel()
        self.state.setObjectName("syncState")
        self.pending = QLabel()
        self.pending.setObjectName("syncPending")
        self.conflicts = QToolButton()
        self.conflicts.setObjectName("syncConflicts")
        self.conflicts.setAutoRaise(True)
        self.conflicts.setStyleSheet("color: #b35c00; font-weight: bold;")
        self.conflicts.clicked.connect(self.conflicts_requested)
        self.login = QToolButton()
        self.login.setObjectName("syncLogin")
        self.login.setAutoRaise(True)
        self.login.setText(QCoreApplication.translate("Sync", "登录监督站…"))
        self.login.clicked.connect(self.login_requested)
        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.progress_text = QLabel()
        self.progress_text.setObjectName("syncProgressText")
        self.error = QLabel()
        self.error.setObjectName("syncError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 4, 0)
        row.setSpacing(12)
        row.addWidget(self.error)
        row.addStretch(1)  # the rest sits at the right edge
        for w in (self.progress_text, self.progress, self.state, self.pending, self.conflicts, self.login):
            row.addWidget(w)
        controller.status_changed.connect(self._on_controller_status_changed)
        controller.started.connect(self._on_controller_started)
        controller.progressed.connect(self._on_controller_progressed)
        controller.succeeded.connect(self._on_controller_succeeded)
        controller.failed.connect(self._on_controller_failed)
        if controller.status is not None:
            self._on_controller_status_changed(controller.status)

    @Slot(object)
    def _on_controller_status_changed(self, st: Any) -> None:
        if self.controller.running:
            pass  # "正在同步…" stays until it ends
        elif not st.signed_in:
            self.state.setText(QCoreApplication.translate("Sync", "未登录监督站，仅保存在本机"))
        elif st.last_at is not None:
            self.state.setText(QCoreApplication.translate("Sync", "上次同步 {time}").format(time=fmt_china(st.last_at)))
        else:
            self.state.setText(QCoreApplication.translate("Sync", "尚未同步"))
        self.state.setToolTip(st.last_result or "")
        text = QCoreApplication.translate("Sync", "待上传 {n} 条更改").format(n=st.pending) if st.pending else QCoreApplication.translate("Sync", "本机更改已全部上传")
        if st.refused:
            text += QCoreApplication.translate("Sync", "（{n} 条被拒收）").format(n=st.refused)
        self.pending.setText(text)
        self.conflicts.setText(QCoreApplication.translate("Sync", "冲突 {n} 处").format(n=st.conflicts_open))
        self.conflicts.setToolTip(QCoreApplication.translate("Sync", "同一字段在两处被修改：点击比较两个版本并选择"))
        self.conflicts.setVisible(st.conflicts_open > 0)
        self.login.setVisible(not st.signed_in)
        if not self.controller.running:
            self._show_error(st.last_error if st.signed_in or st.last_error else "")

    def _show_error(self, text: str) -> None:
        self.error.setToolTip(text)
        short = text if len(text) <= 60 else text[:58] + "…"
        self.error.setText(short)
        self.error.setVisible(bool(text))

    @Slot(bool)
    def _on_controller_started(self, background: bool) -> None:
        self.state.setText(QCoreApplication.translate("Sync", "正在后台同步…") if background else QCoreApplication.translate("Sync", "正在同步…"))
        self.progress.setRange(0, 0)
        self.progress.show()
        self.progress_text.setText("")
        self._show_error("")

    @Slot(int, int, str)
    def _on_controller_progressed(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * min(done, total) / total))
        else:
            self.progress.setRange(0, 0)
        self.progress_text.setText(text)

    def _finish(self) -> None:
        self.progress.hide()
        self.progress_text.setText("")

    @Slot(object)
    def _on_controller_succeeded(self, result: Any) -> None:
        self._finish()
        if self.controller.status is not None:
            self._on_controller_status_changed(self.controller.status)
        moved = QCoreApplication.translate("Sync", "上传 {up} 条、接收 {down} 条").format(up=result.pushed, down=result.pulled)
        if result.bytes_up or result.bytes_down:
            moved += QCoreApplication.translate("Sync", "，照片和文件 {up} / {down}").format(up=_bytes(result.bytes_up), down=_bytes(result.bytes_down))
        self.state.setToolTip(moved)
        if result.refused:
            self._show_error(QCoreApplication.translate("Sync", "{n} 条更改被监督站拒收：{first}").format(n=len(result.refused),
                                                                 first=result.refused[0]))

    @Slot(str, bool)
    def _on_controller_failed(self, message: str, _background: bool) -> None:
        self._finish()
        if self.controller.status is not None:
            self._on_controller_status_changed(self.controller.status)
        self.state.setText(QCoreApplication.translate("Sync", "同步未完成"))
        self._show_error(message)


def install(window: QMainWindow, ctx: AppContext) -> SyncController:
    """Give the window its sync: controller, status bar part, 同步 menu, toolbar button (F5, Ctrl+R)."""
    controller = SyncController(ctx, window)
    widget = SyncStatusWidget(controller, window)
    window.statusBar().addPermanentWidget(widget, 1)

    def open_conflicts() -> None:
        show = getattr(window, "show_view", None)
        if show is not None:
            show("conflicts")

    def login() -> None:
        from inspector.ui.login_dialog import LoginDialog

        dialog = LoginDialog(ctx, window)
        if dialog.exec():
            controller.refresh_status()
            window.statusBar().showMessage(QCoreApplication.translate("Sync", "已登录监督站，正在同步…"), 5000)
            note = dialog.account.certificate_note if dialog.account is not None else ""
            if note:  # what became of the signing certificate: worth a moment of attention
                from PySide6.QtWidgets import QMessageBox

                from inspector.ui.texts import translate_sentence

                QMessageBox.information(window, QCoreApplication.translate("Sync", "签名证书"),
                                        translate_sentence(note))
            controller.start()

    def logout() -> None:
        store = ctx.store

        def done(note: str) -> None:
            controller.refresh_status()
            window.statusBar().showMessage(note or QCoreApplication.translate("Sync", "已退出登录，本设备令牌已注销。"), 8000)

        run_op(lambda _p: account.logout(store), on_success=done, parent=window)

    def sync_now() -> None:
        # F5 used to reload the current view: it still does (from this laptop's store), then syncs.
        current = getattr(window, "stack", None)
        view = current.currentWidget() if current is not None else None
        reload = getattr(view, "reload", None) or getattr(view, "refresh", None)
        if callable(reload):
            reload()
        if controller.running:
            return
        if not controller.signed_in():
            window.statusBar().showMessage(QCoreApplication.translate("Sync", "未登录监督站：已刷新本机数据。登录后即可同步（菜单“同步 → 登录监督站”）。"),
                                           8000)
            return
        controller.start()

    sync_act = QAction(QCoreApplication.translate("Sync", "同步"), window)
    sync_act.setObjectName("syncAction")
    sync_act.setShortcuts([QKeySequence(k) for k in SYNC_KEYS])
    sync_act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    sync_act.setToolTip(QCoreApplication.translate("Sync", "与监督站同步（F5 或 Ctrl+R）"))
    sync_act.triggered.connect(lambda _c=False: sync_now())
    toolbar = window.addToolBar(QCoreApplication.translate("Sync", "同步"))
    toolbar.setObjectName("syncToolbar")
    toolbar.setMovable(False)
    button_act = QAction(QCoreApplication.translate("Sync", "同步"), window)  # the button: signs in first when needed
    button_act.setObjectName("syncButton")
    button_act.setToolTip(QCoreApplication.translate("Sync", "与监督站同步（F5 或 Ctrl+R）"))
    button_act.triggered.connect(lambda _c=False: sync_now() if controller.signed_in() else login())
    toolbar.addAction(button_act)
    window.addAction(sync_act)
    controller.started.connect(lambda _b: button_act.setEnabled(False))
    controller.succeeded.connect(lambda _r: button_act.setEnabled(True))
    controller.failed.connect(lambda _m, _b: button_act.setEnabled(True))

    menu = window.menuBar().addMenu(QCoreApplication.translate("Sync", "同步(&S)"))
    menu.setObjectName("syncMenu")
    menu.addAction(sync_act)
    menu.addSeparator()
    menu.addAction(QCoreApplication.translate("Sync", "登录监督站…")).triggered.connect(login)
    menu.addAction(QCoreApplication.translate("Sync", "退出登录")).triggered.connect(logout)
    menu.addSeparator()
    menu.addAction(QCoreApplication.translate("Sync", "冲突…")).triggered.connect(open_conflicts)
    widget.conflicts_requested.connect(open_conflicts)
    widget.login_requested.connect(login)
    window._sync_widgets = (widget, sync_act, button_act, toolbar)  # kept alive with the window
    return controller
