"""帮助 → 快捷键: the keyboard shortcuts of each section, read off the real actions of the views
(`inspector.ui.shortcuts.bindings`), plus the keys the checklist answers with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from inspector.ui.shortcuts import CHECKLIST_KEYS, bindings, describe
from inspector.ui.views.registry import VIEWS

if TYPE_CHECKING:
    from inspector.ui.main_window import MainWindow


def shortcut_table(window: MainWindow) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section, [(key, what it does)]) for the whole window and each section's view."""
    everywhere = [b for b in bindings(window, visible_only=False) if b.scope is window]  # menus, quit
    out = [(QCoreApplication.translate("ShortcutsDialog", "全局"), describe(everywhere))]
    for key, label, _target in VIEWS:
        view = window.view(key)
        # The section's own keys (not those of a dialog it has open: those apply in the dialog).
        found = [b for b in bindings(view, visible_only=False) if b.scope.window() is window]
        if key == "inspections":  # the editor's checklist answers by plain keys
            found_rows = describe(found) + [(k, QCoreApplication.translate("Shortcuts", t)) for k, t in CHECKLIST_KEYS]
        else:
            found_rows = describe(found)
        out.append((QCoreApplication.translate("MainWindow", label), found_rows))
    return out


class ShortcutsDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("快捷键"))
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcuts")
        self.tree.setHeaderLabels([self.tr("按键"), self.tr("作用")])
        self.tree.setRootIsDecorated(False)
        for section, rows in shortcut_table(window):
            top = QTreeWidgetItem(self.tree, [section])
            top.setFirstColumnSpanned(True)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for key, text in rows:
                QTreeWidgetItem(top, [key, text])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        hint = QLabel(self.tr("在列表中按 Enter 打开所选记录；Esc 关闭对话框。"))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(560, 640)
