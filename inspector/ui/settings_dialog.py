"""设置: who the inspector is (recorded on every change and printed on records) and the language."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from inspector.ui.context import AppContext
from inspector.ui.i18n import LANGUAGES, current_language, set_language


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("设置"))
        store = ctx.store
        self.name = QLineEdit(store.get_setting("inspector_name"))
        self.name.setObjectName("inspector_name")
        self.badge = QLineEdit(store.get_setting("badge_no"))
        self.badge.setObjectName("inspector_badge")
        self.unit = QLineEdit(store.get_setting("station_name", "西宁市建设工程质量安全监督站"))
        self.unit.setObjectName("station_name")
        self.language = QComboBox()
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        self._lang = current_language(store)
        self.language.setCurrentIndex(self.language.findData(self._lang))
        form = QFormLayout()
        form.addRow(self.tr("监督员姓名"), self.name)
        form.addRow(self.tr("执法证号"), self.badge)
        form.addRow(self.tr("监督机构"), self.unit)
        form.addRow(self.tr("界面语言"), self.language)
        note = QLabel(self.tr("姓名会记录在每次修改的审计日志中，并打印在检查记录上。"))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def save(self) -> None:
        name = self.name.text().strip()
        if not name:
            QMessageBox.warning(self, self.tr("设置"), self.tr("请填写监督员姓名。"))
            return
        store = self.ctx.store
        store.set_setting("inspector_name", name)
        store.set_setting("badge_no", self.badge.text().strip())
        store.set_setting("station_name", self.unit.text().strip())
        store.actor = store.store.local_actor()  # the next writes are signed and audited as them
        lang = self.language.currentData()
        if lang != self._lang:
            set_language(store, lang)
            QMessageBox.information(self, self.tr("设置"), self.tr("界面语言将在重新启动后生效。"))
        self.accept()
