"""登录监督站: server address, user, password (and, for an office with its own certificate, its CA
file). Where this laptop's signing certificate is still self-signed, the key's passphrase may be
given too: the station then issues the certificate (only a request signed by the key is sent).
Sign-in runs in the background; a refusal is shown in the dialog, which stays open."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector.services import account, keys
from inspector.ui.context import AppContext
from inspector.ui.ops import run_op


class LoginDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.account: account.Account | None = None
        self.setWindowTitle(self.tr("登录监督站"))
        self.setMinimumWidth(540)
        current = account.current(ctx.store)
        self.server = QLineEdit(current.server)
        self.server.setObjectName("loginServer")
        self.server.setPlaceholderText(self.tr("例如 https://jdz.example.cn"))
        self.user = QLineEdit(current.login)
        self.user.setObjectName("loginUser")
        self.password = QLineEdit()
        self.password.setObjectName("loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.ca_file = QLineEdit(ctx.store.get_setting(account.CA_FILE))
        self.ca_file.setObjectName("loginCaFile")
        self.ca_file.setPlaceholderText(self.tr("可选：监督站使用自签证书时，由管理员提供"))
        browse = QPushButton(self.tr("选择…"))
        browse.clicked.connect(self._browse)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("服务器地址"), self.server)
        form.addRow(self.tr("用户名"), self.user)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("证书文件"), ca_row)
        self.key_passphrase = QLineEdit()
        self.key_passphrase.setObjectName("loginKeyPassphrase")
        self.key_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_passphrase.setPlaceholderText(self.tr("可选：填写后由监督站签发您的签名证书"))
        info = keys.key_info(ctx.store.store)
        if info is not None and info.self_signed:  # nothing to ask where the station already issued it
            form.addRow(self.tr("签名证书口令"), self.key_passphrase)
        else:
            self.key_passphrase.hide()
        note = QLabel(self.tr("本设备只保存监督站发给它的令牌（系统钥匙串，或仅本用户可读的文件），不保存密码。"))
        note.setWordWrap(True)
        note.setObjectName("loginNote")
        self.error = QLabel()
        self.error.setObjectName("loginError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("登录"))
        self.ok.setObjectName("loginButton")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        (self.password if current.server and current.login else self.server).setFocus()

    @Slot()
    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择证书文件"), "",
                                              self.tr("证书 (*.pem *.crt *.cer);;所有文件 (*)"))
        if path:
            self.ca_file.setText(path)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _busy(self, busy: bool) -> None:
        for w in (self.server, self.user, self.password, self.ca_file, self.key_passphrase, self.ok):
            w.setEnabled(not busy)
        self.ok.setText(self.tr("正在登录…") if busy else self.tr("登录"))

    @Slot()
    def submit(self) -> None:
        server, user, password = self.server.text().strip(), self.user.text().strip(), self.password.text()
        if not server:
            self.show_error(self.tr("请填写监督站服务器地址。"))
            self.server.setFocus()
            return
        if not user or not password:
            self.show_error(self.tr("请填写用户名和密码。"))
            (self.user if not user else self.password).setFocus()
            return
        self.error.hide()
        self._busy(True)
        store, ca, kp = self.ctx.store, self.ca_file.text().strip(), self.key_passphrase.text()
        run_op(lambda _p: account.login(store, server, user, password, ca_file=ca, key_passphrase=kp),
               on_success=self._on_login_succeeded, on_failure=self._on_login_failed, parent=self)

    def _on_login_succeeded(self, acct: Any) -> None:
        self._busy(False)
        self.password.clear()
        self.key_passphrase.clear()
        self.account = acct
        self.accept()

    def _on_login_failed(self, exc: BaseException) -> None:
        self._busy(False)
        from inspector.ui.messages import describe

        self.show_error(describe(exc))
        self.password.setFocus()
        self.password.selectAll()
