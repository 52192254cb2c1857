"""In-app preview of a record's PDF (QtPdf): zoom, page navigation, 打印 and 另存为.

`PdfPreviewDialog(pdf_bytes, title, parent)` shows bytes already made; `preview_record(...)`
renders (or fetches the signed PDF) in a worker through `run_op`, then opens the dialog.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QPointF, QSize, Qt, Slot
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

ZOOM_STEP = 1.25


class PdfPreviewDialog(QDialog):
    def __init__(self, pdf_bytes: bytes, title: str, parent: QWidget | None = None, *,
                 file_name: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 1000)
        self._bytes = pdf_bytes
        self._file_name = file_name or f"{title}.pdf"
        # The document reads from this buffer for as long as it is open: keep both alive here.
        self._data = QByteArray(pdf_bytes)
        self._buffer = QBuffer(self._data, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        bar = QHBoxLayout()
        self.prev_button = QPushButton(self.tr("上一页"))
        self.next_button = QPushButton(self.tr("下一页"))
        self.page_spin = QSpinBox()
        self.page_spin.setRange(1, max(1, self.document.pageCount()))
        self.page_label = QLabel(self.tr("共 %n 页", "", self.document.pageCount()))
        self.zoom_out_button = QPushButton(self.tr("缩小"))
        self.zoom_in_button = QPushButton(self.tr("放大"))
        self.fit_button = QPushButton(self.tr("适合宽度"))
        self.print_button = QPushButton(self.tr("打印…"))
        self.save_button = QPushButton(self.tr("另存为…"))
        for w in (self.prev_button, self.page_spin, self.page_label, self.next_button, self.zoom_out_button,
                  self.zoom_in_button, self.fit_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self.prev_button.clicked.connect(lambda: self.go_to(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.current_page() + 1))
        self.page_spin.valueChanged.connect(lambda v: self.go_to(v - 1))
        self.zoom_in_button.clicked.connect(lambda: self.zoom(ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.zoom(1 / ZOOM_STEP))
        self.fit_button.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.print_button.clicked.connect(self._on_print_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.view.pageNavigator().currentPageChanged.connect(self._on_navigator_current_page_changed)
        QShortcut(QKeySequence(QKeySequence.StandardKey.ZoomIn), self, lambda: self.zoom(ZOOM_STEP))
        QShortcut(QKeySequence(QKeySequence.StandardKey.ZoomOut), self, lambda: self.zoom(1 / ZOOM_STEP))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self._on_print_clicked)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self._on_save_clicked)
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, lambda: self.go_to(self.current_page() + 1))
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, lambda: self.go_to(self.current_page() - 1))
        self._update_buttons()

    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        if 0 <= page < self.page_count() and page != self.current_page():
            self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())
        self._update_buttons()

    def zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(6.0, self.view.zoomFactor() * factor)))

    @Slot(int)
    def _on_navigator_current_page_changed(self, page: int) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        page = self.current_page()
        self.prev_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < self.page_count() - 1)
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)

    def save_to(self, path: str | os.PathLike[str]) -> None:
        """Write the exact bytes shown (a signed PDF stays verifiable)."""
        target = Path(path)
        tmp = target.with_name(target.name + ".part")
        tmp.write_bytes(self._bytes)
        os.replace(tmp, target)

    @Slot()
    def _on_save_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("另存为"), self._file_name, self.tr("PDF 文件 (*.pdf)"))
        if not path:
            return
        try:
            self.save_to(path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("无法保存"), self.tr("无法保存文件：%1").replace("%1", str(exc)))

    def print_to(self, printer) -> None:  # QPrinter
        """Render each page at the printer's resolution and paint it onto the page."""
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("打印机无法开始打印")
        try:
            dpi = printer.resolution()
            for page in range(self.page_count()):
                if page:
                    printer.newPage()
                size_pt = self.document.pagePointSize(page)
                px = QSize(int(size_pt.width() / 72 * dpi), int(size_pt.height() / 72 * dpi))
                image = self.document.render(page, px)
                target = painter.viewport()
                scaled = px.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
                painter.setWindow(image.rect())
                painter.drawImage(0, 0, image)
                painter.setViewport(target)
        finally:
            painter.end()

    @Slot()
    def _on_print_clicked(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.print_to(printer)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("无法打印"), str(exc))


def preview_record(store, *, kind: str, record_id: str, parent: QWidget | None = None,
                   on_open=None):  # -> Op
    """Render the record (or fetch its signed PDF) in a worker, then show the preview dialog."""
    from inspector.domain.kinds import KIND_LABELS
    from inspector.services import records
    from inspector.ui.ops import run_op

    def work(progress):  # runs off the GUI thread: no widgets here
        state = records.sign_state(store, kind=kind, record_id=record_id)
        if state.locked:
            return records.signed_pdf(store, kind=kind, record_id=record_id), True
        return records.render_record(store, kind=kind, record_id=record_id, progress=progress), False

    def done(result) -> None:
        pdf, signed = result
        label = QCoreApplication.translate("PdfPreviewDialog", KIND_LABELS.get(kind, kind))
        title = (QCoreApplication.translate("PdfPreviewDialog", "{label}（已签署）") if signed
                 else QCoreApplication.translate("PdfPreviewDialog", "{label}（预览，未签署）")).format(label=label)
        dlg = PdfPreviewDialog(pdf, title, parent)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_open is not None:
            on_open(dlg)
        dlg.show()

    return run_op(work, on_success=done, parent=parent)
