"""Ask for the passphrase of the inspector's signing certificate (twice when creating one)."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from inspector.services import keys
from inspector.services.errors import UserError

_STRENGTH_COLOURS = ("#b00020", "#b00020", "#8a6d00", "#1b5e20", "#1b5e20")


class PassphraseDialog(QDialog):
    """`create=True`: choose a new passphrase (and the certificate's name), asked twice.
    Otherwise: the passphrase that opens the existing certificate."""

    def __init__(self, parent: QWidget | None = None, *, create: bool = False, name: str = "",
                 prompt: str = "", title: str = "", ask_name: bool = True) -> None:
        super().__init__(parent)
        self._create = create
        self._ask_name = create and ask_name  # an imported certificate already names its signer
        self.setWindowTitle(title or (self.tr("创建签名证书") if create else self.tr("输入证书口令")))
        layout = QVBoxLayout(self)
        info = QLabel(prompt or (self.tr("首次签署需要创建监督员签名证书。请设置证书口令（至少 {n} 个字符，"
                                         "可以是一句只有您知道的话），并妥善保管：忘记口令将无法再用此证书签署。"
                                         "笔记本电脑丢失时，口令是保护签名证书的唯一屏障。")
                                 .format(n=keys.MIN_PASSPHRASE) if create
                                 else self.tr("请输入签名证书的口令。")))
        info.setWordWrap(True)
        layout.addWidget(info)
        form = QFormLayout()
        self.name_edit = QLineEdit(name)
        self.name_edit.setObjectName("signer_name")
        if self._ask_name:
            form.addRow(self.tr("签名人姓名："), self.name_edit)
        self.pass_edit = QLineEdit()
        self.pass_edit.setObjectName("passphrase")
        self.pass_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("口令："), self.pass_edit)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setObjectName("confirm")
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength_label = QLabel()
        self.strength_label.setObjectName("strength")
        self.strength_label.setWordWrap(True)
        if create:
            form.addRow("", self.strength_label)
            form.addRow(self.tr("再次输入："), self.confirm_edit)
            self.pass_edit.textChanged.connect(self._on_pass_edit_text_changed)
            self._on_pass_edit_text_changed("")
        layout.addLayout(form)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.name_edit if self._ask_name and not name else self.pass_edit).setFocus()

    def passphrase(self) -> str:
        return self.pass_edit.text()

    def name(self) -> str:
        return self.name_edit.text().strip()

    @Slot(str)
    def _on_pass_edit_text_changed(self, text: str) -> None:
        """A hint while typing (how guessable, what helps), not a list of rules to satisfy."""
        if not text:
            self.strength_label.setText(self.tr("口令强度：（请输入至少 {n} 个字符）").format(n=keys.MIN_PASSPHRASE))
            self.strength_label.setStyleSheet("color: #555;")
            return
        strength = keys.passphrase_strength(text, name=self.name())
        more = keys.MIN_PASSPHRASE - len(text)
        suffix = self.tr("（还差 {n} 个字符）").format(n=more) if more > 0 else ""
        labels = (self.tr("太弱"), self.tr("弱"), self.tr("一般"), self.tr("较强"), self.tr("强"))
        self.strength_label.setText(self.tr("口令强度：{label}{suffix} — {hint}").format(
            label=labels[strength.score], suffix=suffix, hint=strength.hint))
        self.strength_label.setStyleSheet(f"color: {_STRENGTH_COLOURS[strength.score]};")

    def _on_ok(self) -> None:
        problem = ""
        if self._ask_name and not self.name():
            problem = self.tr("请填写签名人姓名。")
        elif not self.passphrase():
            problem = self.tr("请输入口令。")
        elif self._create:
            try:
                keys.check_new_passphrase(self.passphrase(), self.confirm_edit.text(), name=self.name())
            except UserError as exc:
                problem = str(exc)
        if problem:
            self.error_label.setText(problem)
            return
        self.accept()


def ask_passphrase(parent: QWidget | None = None, *, create: bool = False, name: str = "") -> tuple[str, str] | None:
    """Show the dialog; (name, passphrase) when accepted, None when cancelled."""
    dlg = PassphraseDialog(parent, create=create, name=name)
    if dlg.exec() != QDialog.DialogCode.Accepted:
        return None
    return dlg.name(), dlg.passphrase()
