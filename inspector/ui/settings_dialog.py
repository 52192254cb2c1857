"""设置: who the inspector is (printed on records, the signing certificate's name) and the
interface language (the one in use is shown; a change applies at the next start)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from inspector.ui.context import AppContext
from inspector.ui.i18n import LANGUAGES, current_language, set_language
from inspector.ui.identity_dialog import IdentityForm, read_identity, save_identity


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("设置"))
        store = ctx.store
        self.identity = IdentityForm(read_identity(store), self)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        # The language in use (a --lang given at start counts), not only the saved one.
        self._lang = ctx.settings.get("language") or current_language(store)
        self.language.setCurrentIndex(max(self.language.findData(self._lang), 0))
        self.identity.form_layout.addRow(self.tr("界面语言"), self.language)
        note = QLabel(self.tr("姓名、执法证号和监督机构打印在检查记录、整改通知书和验收记录上，"
                              "签名证书也以此姓名开具；姓名还记录在每次修改的审计日志中。"))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.identity)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def save(self) -> None:
        if not self.identity.check():
            return
        store = self.ctx.store
        save_identity(store, self.identity.values())
        lang = self.language.currentData()
        if lang != self._lang:
            set_language(store, lang)
            QMessageBox.information(self, self.tr("设置"), self.tr("界面语言将在重新启动后生效。"))
        self.accept()
