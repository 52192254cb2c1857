"""The main window: section navigation on the left, the current section's view on the right."""

from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from inspector import APP_TITLE_ZH
from inspector.ui.context import AppContext
from inspector.ui.views.registry import VIEWS

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext | None) -> None:
        """With ctx=None the window shows at once and says it is opening the store; `attach(ctx)`
        then builds the views (start-up shows the window before SQLAlchemy is even imported)."""
        super().__init__()
        from PySide6.QtWidgets import QApplication

        from inspector.ui import guards

        guards.install(QApplication.instance())  # wheel never edits an unfocused box; windows fit
        self.ctx = ctx
        self.setWindowTitle(self.tr("{title} — Inspector").format(
            title=QCoreApplication.translate("MainWindow", APP_TITLE_ZH)))
        self.resize(1280, 800)

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        # Sized below to its longest entry (English names are longer): every pixel it does not
        # need goes to the lists, which are tight at 1280 px.
        self.stack = QStackedWidget()
        self._views: dict[str, QWidget] = {}
        self._keys: list[str] = []
        for key, label, _target in VIEWS:
            QListWidgetItem(self.tr(label), self.nav)
            self._keys.append(key)
            self.stack.addWidget(QLabel(""))  # placeholder until first shown
        widest = max(self.nav.fontMetrics().horizontalAdvance(self.nav.item(i).text())
                     for i in range(self.nav.count()))
        self.nav.setFixedWidth(max(100, widest + 28))
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(4, 4, 4, 4)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._on_nav_current_row_changed)
        self._build_actions()
        if ctx is None:
            self.statusBar().showMessage(self.tr("正在打开数据库…"))
        else:
            self.attach(ctx)

    def attach(self, ctx: AppContext, *, sync: bool = True) -> None:
        """Give the window its store. `sync=False`: the sync controls come later (`install_sync`),
        so that start-up shows the register first."""
        self.ctx = ctx
        self.statusBar().showMessage(self.tr("数据目录：{path}").format(path=ctx.store.data_dir))
        if sync:
            self.install_sync()
        self.nav.setCurrentRow(0)
        self._on_nav_current_row_changed(self.nav.currentRow())

    def install_sync(self) -> None:
        from inspector.ui.sync_ui import install

        self.sync = install(self, self.ctx)  # 同步: toolbar button, F5/Ctrl+R, status bar, background syncs

    def _build_actions(self) -> None:
        # Ctrl+1…7 live on the 视图 menu's actions only: a second action with the same key makes
        # Qt report an ambiguous shortcut and do nothing.
        quit_act = QAction(self.tr("退出"), self)
        quit_act.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_act.triggered.connect(self.close)
        self.addAction(quit_act)
        self._build_menus(quit_act)

    def _build_menus(self, quit_act: QAction) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        settings = file_menu.addAction(self.tr("设置…"))
        settings.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
        settings.triggered.connect(self.open_settings)
        self.ledger_act = file_menu.addAction(self.tr("导出台账（Excel）…"))
        self.ledger_act.triggered.connect(self.export_ledger)
        file_menu.addSeparator()
        file_menu.addAction(quit_act)
        self.view_menu = self.menuBar().addMenu(self.tr("视图(&V)"))
        for i, (key, label, _t) in enumerate(VIEWS):
            act = self.view_menu.addAction(self.tr(label))
            if i < 9:
                act.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            act.triggered.connect(lambda _=False, k=key: self.show_view(k))
        self.help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        keys = self.help_menu.addAction(self.tr("快捷键…"))
        keys.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        keys.triggered.connect(lambda: self.shortcuts_dialog().exec())
        about = self.help_menu.addAction(self.tr("关于"))
        about.triggered.connect(self.show_about)

    def ensure_identity(self) -> bool:
        """First run: ask who the inspector is (records and signatures carry it). Start-up calls it."""
        if self.ctx is None:
            return False
        from inspector.ui.identity_dialog import ensure_identity

        return ensure_identity(self.ctx, self, first_run=True)

    def open_settings(self) -> None:
        if self.ctx is None:
            return
        from inspector.ui.settings_dialog import SettingsDialog

        SettingsDialog(self.ctx, self).exec()

    def export_ledger(self) -> None:
        """文件 → 导出台账: ask where, then write the workbook in the background."""
        if self.ctx is None:
            return
        from PySide6.QtWidgets import QFileDialog

        from inspector.domain.clock import china_today

        path, _f = QFileDialog.getSaveFileName(self, self.tr("导出台账"), f"监督台账-{china_today():%Y%m%d}.xlsx",
                                               self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.export_ledger_to(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export_ledger_to(self, path: str):  # type: ignore[no-untyped-def]
        """Write the 台账 to `path` off the GUI thread; the status bar says when it is done."""
        from pathlib import Path

        from inspector.services.ledger import export_ledger
        from inspector.ui.ops import run_op

        store = self.ctx.store
        self.statusBar().showMessage(self.tr("正在导出台账…"))

        def done(_totals: object) -> None:
            self.statusBar().showMessage(self.tr("已导出台账：{path}").format(path=path), 10000)

        return run_op(lambda _progress: export_ledger(store, Path(path)), on_success=done, parent=self)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from inspector import __version__

        QMessageBox.about(self, self.tr("关于"), self.tr(
            "{title}\n版本 {version}\n\n离线现场监督检查、照片取证、整改闭环、联合验收与签名记录。\n"
            "数据目录：{path}").format(title=APP_TITLE_ZH, version=__version__,
                                  path=self.ctx.store.data_dir if self.ctx else ""))

    def shortcuts_dialog(self):  # type: ignore[no-untyped-def]
        """帮助 → 快捷键: every section's shortcuts, read off the real actions (nothing to keep in sync)."""
        from inspector.ui.shortcuts_dialog import ShortcutsDialog

        return ShortcutsDialog(self)

    def view(self, key: str) -> QWidget:
        """The view for a section, created on first use."""
        if self.ctx is None:
            return self.stack.widget(self._keys.index(key))
        if key not in self._views:
            idx = self._keys.index(key)
            target = VIEWS[idx][2]
            module, cls = target.split(":")
            view = getattr(importlib.import_module(module), cls)(self.ctx, self)
            old = self.stack.widget(idx)
            self.stack.insertWidget(idx, view)
            self.stack.removeWidget(old)
            old.deleteLater()
            self._views[key] = view
        return self._views[key]

    def show_view(self, key: str) -> QWidget:
        view = self.view(key)
        self.nav.setCurrentRow(self._keys.index(key))
        return view

    def open_record(self, kind: str, record_id: str) -> None:
        """Navigate to a record from anywhere (a red flag, a blocker, an overdue list)."""
        for key in self._keys:
            view = self.view(key)
            handler = getattr(view, "open_record", None)
            if handler and handler(kind, record_id):
                self.nav.setCurrentRow(self._keys.index(key))
                return

    @Slot(int)
    def _on_nav_current_row_changed(self, row: int) -> None:
        if row < 0 or self.ctx is None:
            return
        view = self.view(self._keys[row])
        self.stack.setCurrentWidget(view)
        focus = getattr(view, "focus_default", None)
        if focus:
            focus()
        self.stack.setCurrentIndex(row)
