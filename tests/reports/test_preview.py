"""The preview dialog shows the record's pages, navigates, zooms, prints each page and saves the
exact bytes; the passphrase dialog checks what it is given."""

from __future__ import annotations

import re
import subprocess

from PySide6.QtWidgets import QDialog

from inspector.services import records
from tests.reports import builders as b


def test_preview_navigates_prints_and_saves(qtbot, store, project, tmp_path):
    aid = b.make_acceptance(store, project, attendees=30)
    pdf = records.render_record(store, kind="acceptance", record_id=aid)
    from inspector.ui.views.pdf_preview import PdfPreviewDialog

    dlg = PdfPreviewDialog(pdf, "联合验收记录", None)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.page_count() >= 2
    assert not dlg.prev_button.isEnabled()
    dlg.next_button.click()
    qtbot.waitUntil(lambda: dlg.current_page() == 1)
    assert dlg.page_spin.value() == 2 and dlg.prev_button.isEnabled()
    before = dlg.view.zoomFactor()
    dlg.zoom_in_button.click()
    assert dlg.view.zoomFactor() > before

    out = tmp_path / "saved.pdf"
    dlg.save_to(out)
    assert out.read_bytes() == pdf

    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    dlg.print_to(printer)
    info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) == dlg.page_count()


def test_preview_record_renders_in_worker(qtbot, store, project):
    from inspector.ui.ops import wait_idle
    from inspector.ui.views.pdf_preview import preview_record

    aid = b.make_acceptance(store, project, attendees=2)
    opened = []
    op = preview_record(store, kind="acceptance", record_id=aid, on_open=opened.append)
    with qtbot.waitSignal(op.finished, timeout=30000):
        pass
    qtbot.waitUntil(lambda: bool(opened))
    dlg = opened[0]
    qtbot.addWidget(dlg)
    assert dlg.page_count() >= 1 and "未签署" in dlg.windowTitle()
    wait_idle()


def test_passphrase_dialog_create_mode_checks_both_entries(qtbot):
    from inspector.ui.widgets.passphrase_dialog import PassphraseDialog

    dlg = PassphraseDialog(None, create=True, name="王建国")
    qtbot.addWidget(dlg)
    dlg.pass_edit.setText("secret-1")
    dlg.confirm_edit.setText("secret-2")
    dlg._on_ok()
    assert dlg.result() != QDialog.DialogCode.Accepted and "不一致" in dlg.error_label.text()
    dlg.pass_edit.setText("123")
    dlg.confirm_edit.setText("123")
    dlg._on_ok()
    assert "至少" in dlg.error_label.text()
    dlg.pass_edit.setText("secret-1")
    dlg.confirm_edit.setText("secret-1")
    dlg._on_ok()
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert (dlg.name(), dlg.passphrase()) == ("王建国", "secret-1")
