"""预览 / 签署 / 保存PDF / 打印 / 创建更正版本 for any signable record (inspection, notice, reply,
acceptance, handover), and the "已签署锁定" banner. All record-service work goes through
`inspector.services.record_signing` on workers; the key set-up choice is asked here."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.clock import CHINA_TZ
from inspector.domain.kinds import KIND_LABELS
from inspector.domain.rules.identity import NAME_KEY, STATION_KEY, signer_problem
from inspector.services import keys
from inspector.services import record_signing as recs
from inspector.ui.context import AppContext
from inspector.ui.identity_dialog import ensure_identity, read_identity
from inspector.ui.messages import show_exception
from inspector.ui.ops import run_op
from inspector.ui.shortcuts import add_action
from inspector.ui.widgets.passphrase_dialog import PassphraseDialog

log = logging.getLogger(__name__)

BANNER_LOCKED = "background:#e8f5e9; color:#1b5e20; padding:6px; font-weight:bold;"
BANNER_DRAFT = "background:#fff8e1; color:#6d4c00; padding:6px;"
BANNER_STATE = "background:#e3f2fd; color:#0d47a1; padding:6px;"  # unsigned, but no longer a draft


class SigningBar(QWidget):
    """Emits `correction_created(new_id)` after 创建更正版本, and `signed()` after signing."""

    correction_created = Signal(str)
    signed = Signal()

    def __init__(self, ctx: AppContext, kind: str, parent: QWidget | None = None, *,
                 shortcuts: bool = True) -> None:
        """`shortcuts=False` for a second bar on the same page (a notice's reply record): its keys
        would collide with the first bar's."""
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.record_id: str | None = None
        self.record_no = ""
        self.locked = False
        self.busy = False
        self.banner = QLabel()
        self.banner.setObjectName("lock_banner")
        self.banner.setWordWrap(True)
        self.preview_btn = QPushButton(self.tr("预览"))
        self.sign_btn = QPushButton(self.tr("签署…"))
        self.sign_btn.setObjectName("sign_record")
        self.save_btn = QPushButton(self.tr("保存PDF…"))
        self.print_btn = QPushButton(self.tr("打印…"))
        self.correct_btn = QPushButton(self.tr("创建更正版本"))
        self.correct_btn.setObjectName("create_correction")
        self.status = QLabel()
        # 保存PDF is Ctrl+Shift+E (export): Ctrl+S is the editor's own "save now".
        for btn, slot, key in ((self.preview_btn, self.preview, "Ctrl+Shift+P"),
                               (self.sign_btn, self.sign, "Ctrl+Shift+Return"),
                               (self.save_btn, self.save_pdf, "Ctrl+Shift+E"),
                               (self.print_btn, self.print_pdf, "Ctrl+P"),
                               (self.correct_btn, self.create_correction, "")):
            btn.clicked.connect(lambda _c=False, s=slot: s())
            if key and shortcuts:
                btn.setToolTip(key)
                # The page's shortcut, wherever its focus is.
                add_action(parent or self, btn.text().rstrip("…"), [key], slot)
        row = QHBoxLayout()
        for b in (self.preview_btn, self.sign_btn, self.save_btn, self.print_btn, self.correct_btn):
            row.addWidget(b)
        row.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addLayout(row)
        self.set_record(None)

    def set_record(self, record_id: str | None, *, record_no: str = "", locked: bool = False, signer: str = "",
                   locked_at=None, amends_no: str = "", corrected_by: tuple[str, ...] = (),  # type: ignore[no-untyped-def]
                   state: str = "") -> None:
        """`state`: the record's real state while unsigned (已完成 · 只读, 已下发 · 等待回复…); without it
        the banner says the record is a draft that can still be edited."""
        self.record_id, self.record_no, self.locked = record_id, record_no, locked
        label = QCoreApplication.translate("PdfPreviewDialog", KIND_LABELS.get(self.kind, ""))
        if record_id is None:
            self.banner.setText("")
            self.banner.setStyleSheet("")
        elif locked:
            when = locked_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M") if locked_at else ""
            text = self.tr("已签署锁定 · 签署人：{who} · 时间：{when}").format(who=signer, when=when)
            if corrected_by:
                text += self.tr(" · 更正版本：{nos}").format(nos="、".join(corrected_by))
            self.banner.setText(text)
            self.banner.setStyleSheet(BANNER_LOCKED)
        else:
            text = state or self.tr("{label}草稿 · 可编辑，签署后锁定").format(label=label)
            if amends_no:
                text += self.tr(" · 更正 {no}").format(no=amends_no)
            self.banner.setText(text)
            self.banner.setStyleSheet(BANNER_STATE if state else BANNER_DRAFT)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.record_id is not None and not self.busy
        self.preview_btn.setEnabled(has)
        self.sign_btn.setEnabled(has and not self.locked)
        self.save_btn.setEnabled(has and self.locked)
        self.print_btn.setEnabled(has)
        self.correct_btn.setEnabled(has and self.locked)

    def _start(self, text: str) -> None:
        self.busy = True
        self.status.setText(text)
        self._update_buttons()

    def _done(self, *_args) -> None:  # type: ignore[no-untyped-def]
        self.busy = False
        self.status.setText("")
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self._done()
        show_exception(self, exc)

    # -- preview / print / save ---------------------------------------------------------------------

    def _render(self, then) -> None:  # type: ignore[no-untyped-def]
        store, kind, rid = self.ctx.store, self.kind, self.record_id
        self._start(self.tr("正在生成 PDF…"))
        run_op(lambda p: recs.preview(store, kind=kind, record_id=rid, progress=p),
               on_success=lambda data: (self._done(), then(data)), on_failure=self._failed, parent=self)

    def preview(self) -> None:
        if self.record_id is None or self.busy:
            return
        self._render(self._show_preview)

    def _show_preview(self, data: bytes) -> None:
        from inspector.ui.views.pdf_preview import PdfPreviewDialog  # QtPdf: loaded when first used

        self.preview_dialog = PdfPreviewDialog(data, title=f"{KIND_LABELS[self.kind]} {self.record_no}",
                                               parent=self)
        self.preview_dialog.show()

    def print_pdf(self) -> None:
        if self.record_id is None or self.busy:
            return
        self._render(self._print)

    def _print(self, data: bytes) -> None:
        from PySide6.QtGui import QPainter
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        doc = QPdfDocument(self)
        buf = QBuffer(self)
        buf.setData(QByteArray(data))
        buf.open(QIODevice.OpenModeFlag.ReadOnly)
        doc.load(buf)
        painter = QPainter(printer)
        rect = painter.viewport()
        for i in range(doc.pageCount()):
            if i:
                printer.newPage()
            size = doc.pagePointSize(i).toSize() * (printer.resolution() / 72)
            size = size.scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(0, 0, doc.render(i, size))
        painter.end()

    def save_pdf(self, path: str | None = None) -> None:
        if self.record_id is None or not self.locked or self.busy:
            return
        if not path:
            path, _f = QFileDialog.getSaveFileName(self, self.tr("保存已签署的 PDF"),
                                                   f"{KIND_LABELS[self.kind]}{self.record_no}.pdf", "PDF (*.pdf)")
            if not path:
                return
        store, kind, rid = self.ctx.store, self.kind, self.record_id
        run_op(lambda _p: recs.save_pdf(store, kind=kind, record_id=rid, path=path),
               on_success=lambda p: self.status.setText(self.tr("已保存：{p}").format(p=p)),
               on_failure=self._failed, parent=self)

    # -- signing ------------------------------------------------------------------------------------

    def sign(self) -> None:
        if self.record_id is None or self.locked or self.busy:
            return
        store, kind, rid = self.ctx.store, self.kind, self.record_id
        problems = recs.problems_before_signing(store, kind=kind, record_id=rid)
        if problems:
            QMessageBox.warning(self, self.tr("尚不能签署"), "\n".join(f"· {p}" for p in problems))
            return
        # A record is attributed to a named inspector, never to the store's placeholder 本机用户.
        if not ensure_identity(self.ctx, self):
            return
        if keys.has_key(store):
            info = keys.key_info(store)
            problem = signer_problem(info.name if info else None)
            if problem and not self._set_up_key(replace=True, reason=problem):
                return
        elif not self._set_up_key():
            return
        dlg = PassphraseDialog(self, title=self.tr("签署{label}").format(label=KIND_LABELS[kind]),
                               prompt=self.tr("签署后记录及其 PDF 将锁定，不能再修改。请输入签名口令："))
        if not dlg.exec():
            return
        passphrase = dlg.passphrase()
        self._start(self.tr("正在签署…"))
        run_op(lambda p: recs.sign(store, kind=kind, record_id=rid, passphrase=passphrase, progress=p),
               on_success=self._on_signed, on_failure=self._failed,
               on_progress=lambda _d, _t, text: self.status.setText(text), write=True, parent=self)

    def _on_signed(self, changes) -> None:  # type: ignore[no-untyped-def]
        self._done()
        self.ctx.bus.announce(changes)
        self.signed.emit()

    def _set_up_key(self, *, replace: bool = False, reason: str = "") -> bool:
        """First use: create the inspector's self-signed key (passphrase twice) or import a PKCS#12.
        `replace`: the existing certificate cannot be used (`reason`) and is replaced."""
        question = self.tr("尚未设置监督员签名证书。创建本机自签名证书，或导入监督站签发的证书（PKCS#12）？")
        if reason:
            question = QCoreApplication.translate("Identity", reason) + "\n\n" + question
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("签名证书"), question, parent=self)
        create = box.addButton(self.tr("创建证书"), QMessageBox.ButtonRole.AcceptRole)
        imp = box.addButton(self.tr("导入证书…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        store = self.ctx.store
        try:
            if box.clickedButton() is create:
                identity = read_identity(store)
                dlg = PassphraseDialog(self, create=True, name=identity[NAME_KEY])
                if not dlg.exec():
                    return False
                keys.create_key(store, name=dlg.name(), passphrase=dlg.passphrase(), confirm=dlg.passphrase(),
                                organisation=identity[STATION_KEY], replace=replace)
                return True
            if box.clickedButton() is imp:
                path, _f = QFileDialog.getOpenFileName(self, self.tr("导入签名证书"), "", "PKCS#12 (*.p12 *.pfx)")
                if not path:
                    return False
                dlg = PassphraseDialog(self, title=self.tr("导入签名证书"), prompt=self.tr("请输入证书口令："))
                if not dlg.exec():
                    return False
                data = Path(path).read_bytes()
                try:
                    keys.import_key(store, data=data, passphrase=dlg.passphrase(), replace=replace)
                except keys.NewPassphraseNeeded as exc:
                    # The office's file had a short passphrase: keep the key here under a new one.
                    new = PassphraseDialog(self, create=True, ask_name=False, title=self.tr("为本机设置新口令"),
                                           prompt=str(exc))
                    if not new.exec():
                        return False
                    keys.import_key(store, data=data, passphrase=dlg.passphrase(), new_passphrase=new.passphrase(),
                                    replace=replace)
                return True
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_exception(self, exc)
        return False

    def create_correction(self) -> None:
        if self.record_id is None or not self.locked or self.busy:
            return
        answer = QMessageBox.question(self, self.tr("创建更正版本"),
                                      self.tr("原记录保持不变；将创建一份引用原记录的更正版本（草稿），各方需重新签字。继续？"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        store, kind, rid = self.ctx.store, self.kind, self.record_id
        run_op(lambda _p: recs.create_correction(store, kind=kind, record_id=rid),
               on_success=self._on_corrected, on_failure=self._failed, write=True, parent=self)

    def _on_corrected(self, result) -> None:  # type: ignore[no-untyped-def]
        new_id, changes = result
        self.ctx.bus.announce(changes)
        self.correction_created.emit(new_id)
