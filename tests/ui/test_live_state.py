"""The screen shows what was saved: an answer appears in its cell at once, 待补项目 follows the
answers, banners say the record's real state, and a field's error goes when the field is fixed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from inspector.services import inspections as svc
from inspector.ui.models.checklist import COL_ANSWER, ITEM_ROLE
from tests.conftest import type_text
from tests.ui.conftest import settle


def _open(qtbot, window, *, status: str):  # type: ignore[no-untyped-def]
    view = window.show_view("inspections")
    settle(qtbot)
    row = next(r for r in view.model.rows if r.status == status and not r.locked)
    view.open_inspection(row.id)
    settle(qtbot)
    return view.editor


def test_answers_show_at_once_and_missing_items_follow(qtbot, demo_window):
    editor = _open(qtbot, demo_window, status="draft")
    editor.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: editor.problems.count() > 0, timeout=10000)
    before = editor.problems.count()
    assert editor.problems.horizontalScrollBar().maximum() == 0  # reasons wrap, no sideways scrolling
    tall = max(editor.problems.visualItemRect(editor.problems.item(i)).height() for i in range(before))
    assert tall > editor.problems.fontMetrics().lineSpacing() * 1.5  # a long reason takes two lines
    # The first missing yes/no item, reached from the list as a user would.
    target = next(editor.problems.item(i) for i in range(before)
                  if "未作答" in editor.problems.item(i).text()
                  and editor.form.model.index_of(*editor.problems.item(i).data(Qt.ItemDataRole.UserRole + 21))
                  .data(ITEM_ROLE).answer == "yes-no-na")
    key = target.data(Qt.ItemDataRole.UserRole + 21)
    qtbot.mouseClick(editor.problems.viewport(), Qt.MouseButton.LeftButton,
                     pos=editor.problems.visualItemRect(target).center())
    assert editor.form.current_key() == tuple(key)
    qtbot.keyClick(editor.form.view, Qt.Key.Key_Y)
    assert editor.form.model.index_of(*key, COL_ANSWER).data() == "是"  # at once, before any save
    editor.flush(wait=True)
    qtbot.waitUntil(lambda: editor.problems.count() == before - 1, timeout=10000)
    assert key[1] not in [editor.problems.item(i).data(Qt.ItemDataRole.UserRole + 21)[1]
                          for i in range(editor.problems.count())]
    stored = svc.get_inspection(demo_window.ctx.store, editor.inspection_id).answers[tuple(key)]
    assert stored.value == "yes"
    assert "草稿" in editor.signing.banner.text()


def test_banners_follow_the_records_real_state(qtbot, demo_window):
    editor = _open(qtbot, demo_window, status="completed")
    banner = editor.signing.banner.text()
    assert "已完成" in banner and "草稿" not in banner and "可编辑" not in banner
    rects = demo_window.show_view("rectifications")
    rects.set_quick_filter(0)
    qtbot.waitUntil(lambda: rects.model.query.quick == "all" and not rects.model.pending)  # off the UI thread
    issued = next(r for r in rects.model.rows if r.status == "issued")
    dialog = rects.open_notice(issued.id)
    qtbot.addWidget(dialog)
    notice_banner = dialog.notice_signing.banner.text()
    assert "已下发" in notice_banner and "草稿" not in notice_banner
    dialog.close()


def test_a_field_error_clears_when_the_field_is_fixed(qtbot, demo_window):
    from inspector.services import projects as psvc
    from inspector.ui.views.projects import _NEW_FIELDS
    from inspector.ui.widgets.record_dialog import RecordDialog

    store = demo_window.ctx.store
    dlg = RecordDialog("新建项目", _NEW_FIELDS, {"status": "储备"},
                       lambda raw: psvc.create_project(store, fields=raw), demo_window)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    errors = dlg.form.errors
    assert errors["code"].isVisible() and errors["name"].isVisible()
    type_text(qtbot, dlg.findChild(QLineEdit, "code"), "XN-2026-900")
    assert not errors["code"].isVisible()  # fixed: its error is gone before the next save
    assert errors["name"].isVisible()  # still empty: still says so
    plan = dlg.findChild(QLineEdit, "plan_year")
    type_text(qtbot, plan, "20x6")
    dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert errors["plan_year"].isVisible()
    plan.clear()
    type_text(qtbot, plan, "2026")
    assert not errors["plan_year"].isVisible()
