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
    from inspector.services.keys import DEMO_PASSPHRASE
    from inspector.ui.widgets.passphrase_dialog import PassphraseDialog

    dlg = PassphraseDialog(None, create=True, name="王建国")
    qtbot.addWidget(dlg)
    dlg.pass_edit.setText("青海湖边的白帐篷-1")
    dlg.confirm_edit.setText("青海湖边的白帐篷-2")
    dlg._on_ok()
    assert dlg.result() != QDialog.DialogCode.Accepted and "不一致" in dlg.error_label.text()
    for short in ("123", "secret-12"):  # nine characters are not enough any more
        dlg.pass_edit.setText(short)
        dlg.confirm_edit.setText(short)
        dlg._on_ok()
        assert "至少需要 10 个字符" in dlg.error_label.text() and dlg.result() != QDialog.DialogCode.Accepted
    assert "还差 1 个字符" in dlg.strength_label.text()
    for refused, why in ((DEMO_PASSPHRASE, "演示数据"), ("1111111111", "很容易被猜中"), ("1234567890", "很容易被猜中")):
        dlg.pass_edit.setText(refused)
        dlg.confirm_edit.setText(refused)
        dlg._on_ok()
        assert why in dlg.error_label.text() and dlg.result() != QDialog.DialogCode.Accepted
    # A hint, not rules: a long lower-case sentence is fine; the name in it is pointed out.
    dlg.pass_edit.setText("xiningcity1")
    assert dlg.strength_label.text().startswith("口令强度：弱")
    dlg.pass_edit.setText("王建国的口令123456")
    assert "姓名" in dlg.strength_label.text()
    dlg.pass_edit.setText("the yak crossed seven bridges")
    assert dlg.strength_label.text().startswith("口令强度：强")
    dlg.confirm_edit.setText("the yak crossed seven bridges")
    dlg._on_ok()
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert (dlg.name(), dlg.passphrase()) == ("王建国", "the yak crossed seven bridges")
