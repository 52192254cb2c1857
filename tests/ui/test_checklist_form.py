"""The checklists as a new inspector meets them: the ones that fit the kind of inspection are
ticked, named by their title; a numeric item says its unit and hint, opens on Enter or a digit,
says why Y/N does not apply, and shows its unit (% too) on screen and in the PDF."""

from __future__ import annotations

import subprocess

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from inspector.services import inspections as svc
from inspector.services import records
from inspector.services.projects import list_projects
from inspector.ui.models.checklist import COL_ANSWER, COL_TEXT, ITEM_ROLE
from tests.ui.conftest import settle


def test_checklists_ticked_by_kind_and_named_by_title(qtbot, demo_window, registry):
    from inspector.ui.views.inspection_new import NewInspectionDialog

    pid = next(p.id for p in list_projects(demo_window.ctx.store) if p.status == "在建")
    dlg = NewInspectionDialog(demo_window.ctx, pid)
    qtbot.addWidget(dlg)
    assert dlg.kind.currentData() == "日常巡查"
    assert "site-patrol" in dlg.checked_ids()
    assert "completion-acceptance" not in dlg.checked_ids()  # not for a routine patrol
    names = [dlg.list.item(i).text() for i in range(dlg.list.count())]
    assert set(names) == {c.title_zh for c in registry.checklists.values()}  # titles, no id or 第N版
    dlg.kind.setCurrentIndex(dlg.kind.findData("验收前检查"))
    assert "completion-acceptance" in dlg.checked_ids() and "site-patrol" not in dlg.checked_ids()
    assert dlg.values()["kind"] == "验收前检查"


def _number_item(form, unit: str | None = None, fail_when: str | None = None):  # type: ignore[no-untyped-def]
    for key in form.model.item_keys():
        item = form.model.index_of(*key).data(ITEM_ROLE)
        if item.answer == "number" and not item.derive and (unit is None or item.unit == unit) \
                and (fail_when is None or item.fail_when == fail_when):
            return key, item
    raise AssertionError("no numeric item")


def test_a_numeric_item_is_answered_as_a_number(qtbot, demo_window):
    view = demo_window.show_view("inspections")
    settle(qtbot)
    view.open_inspection(next(r.id for r in view.model.rows if r.status == "draft"))
    editor = view.editor
    editor.tabs.setCurrentIndex(1)
    form = editor.form
    key, item = _number_item(form)
    form.select_item(*key)
    hint = form.hint.text()
    assert item.unit in hint and "Enter" in hint  # its unit and how to answer it
    tip = form.model.index_of(*key, COL_TEXT).data(Qt.ItemDataRole.ToolTipRole)
    assert item.unit in tip and item.text_en not in tip  # Chinese only: no English line

    qtbot.keyClick(form.view, Qt.Key.Key_N)  # Y/N cannot answer a number: it says why
    assert "Y / N" in form.hint.text() and form.model.value(*key)[0] is None

    qtbot.keyClick(form.view, Qt.Key.Key_4)  # a digit opens the editor with it
    editor_widget = form.view.indexWidget(form.model.index_of(*key, COL_ANSWER))
    assert isinstance(editor_widget, QLineEdit) and editor_widget.text() == "4"
    qtbot.keyClick(editor_widget, Qt.Key.Key_Return)
    assert form.model.index_of(*key, COL_ANSWER).data() == f"4 {item.unit}"
    qtbot.waitUntil(lambda: form.current_key() != key)  # Enter moved on to the next item
    editor.flush(wait=True)
    assert svc.get_inspection(demo_window.ctx.store, editor.inspection_id).answers[key].value == "4"

    form.select_item(*key)
    qtbot.keyClick(form.view, Qt.Key.Key_Return)  # Enter opens it again, to change it
    assert isinstance(form.view.indexWidget(form.model.index_of(*key, COL_ANSWER)), QLineEdit)


def test_percent_shows_on_screen_and_in_the_pdf(qtbot, demo_window, registry, tmp_path):
    store = demo_window.ctx.store
    pid = next(p.id for p in list_projects(store) if p.status == "在建")
    iid, _ = svc.start_inspection(store, project_id=pid, kind="专项检查",
                                  checklists=[registry.checklists["materials-sampling"]])
    view = demo_window.show_view("inspections")
    view.refresh()
    view.open_inspection(iid)
    form = view.editor.form
    key, item = _number_item(form, "%", "< 100")  # so 65 fails, and the record prints it
    form.select_item(*key)
    for ch in "65":
        qtbot.keyClick(form.view if ch == "6" else form.view.indexWidget(form.model.index_of(*key, COL_ANSWER)),
                       getattr(Qt.Key, f"Key_{ch}"))
    qtbot.keyClick(form.view.indexWidget(form.model.index_of(*key, COL_ANSWER)), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.current_key() != key)
    assert form.model.index_of(*key, COL_ANSWER).data() == "65%"
    view.editor.flush(wait=True)
    pdf = tmp_path / "record.pdf"
    pdf.write_bytes(records.render_record(store, kind="inspection", record_id=iid))
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "65%" in text  # a failed 65% is printed with its unit
