"""The project picker over a store of hundreds of projects: its value at once, a first page in the
drop-down, and typing that asks the store (off the UI thread, the latest text wins)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from inspector.services.project_picking import FIRST_PAGE
from inspector.ui.context import AppContext, ChangeBus
from inspector.ui.widgets.project_picker import ProjectPicker
from tests.bulk_projects import bulk_projects
from tests.conftest import type_text

N = 300


@pytest.fixture
def ctx(store):
    bulk_projects(store, N)
    return AppContext(store=store, bus=ChangeBus())


def found(p: ProjectPicker) -> list[str]:
    model = p.finder.completionModel()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_the_value_is_shown_at_once_and_the_drop_down_holds_a_first_page(qtbot, ctx):
    ctx.current_project_id = "XN-p250"
    p = ProjectPicker(ctx, follows=True)
    qtbot.addWidget(p)
    assert (p.current_id(), p.currentText()) == ("XN-p0", "XN-00000  小区0")  # before any page
    p.show()  # a picker that follows switches to the current project, at once too
    assert (p.current_id(), p.currentText()) == ("XN-p250", "XN-00250  小区250")
    qtbot.waitUntil(lambda: p.count() == FIRST_PAGE + 1)  # the first page, and the current one after it
    assert p.itemText(0) == "XN-00000  小区0" and p.itemText(FIRST_PAGE) == "XN-00250  小区250"
    assert p.current_id() == "XN-p250" and not p.select("no-such-project") and p.current_id() == "XN-p250"


def test_typing_narrows_in_the_store_and_a_choice_selects(qtbot, ctx):
    p = ProjectPicker(ctx, allow_all=True)
    qtbot.addWidget(p)
    p.show()
    qtbot.waitUntil(lambda: p.count() == FIRST_PAGE + 1)
    assert p.current_id() == "" and p.currentText() == "全部项目"
    changed: list[str] = []
    p.project_changed.connect(changed.append)
    p.lineEdit().setFocus()
    p.lineEdit().selectAll()
    with qtbot.waitSignal(p.found, timeout=5000):
        type_text(qtbot, p.lineEdit(), "小区29")  # one query after the burst of keys
    assert found(p) == ["XN-00029  小区29"] + [f"XN-{i:05d}  小区{i}" for i in range(290, 300)]
    assert p.finder.popup().isVisible() and changed == []  # typing alone chooses nothing
    popup = p.finder.popup()
    popup.setCurrentIndex(p.finder.completionModel().index(2, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert changed == ["XN-p291"] and p.current_id() == "XN-p291" and p.currentText() == "XN-00291  小区291"
    assert ctx.current_project_id == "XN-p291"


def test_an_older_answer_arriving_last_is_dropped(qtbot, ctx):
    p = ProjectPicker(ctx, allow_all=True)
    qtbot.addWidget(p)
    p.show()
    p.lineEdit().setFocus()
    with qtbot.waitSignal(p.found, timeout=5000):
        p.lineEdit().textEdited.emit("x")
        p.lineEdit().setText("小区7")
        p.lineEdit().textEdited.emit("小区7")
    shown = found(p)
    assert shown and all("小区7" in t for t in shown)
    p._on_found(p._generation - 1, [("XN-p1", "XN-00001", "小区1")])  # the first text's late answer
    assert found(p) == shown


@pytest.mark.parametrize("text", ['"', "*", "'", "%", "_", "\\", '"小区" *', "a' OR '1'='1", "NEAR(小区"])
def test_special_characters_find_nothing_and_break_nothing(qtbot, ctx, text):
    p = ProjectPicker(ctx)
    qtbot.addWidget(p)
    p.show()
    p.lineEdit().setFocus()
    with qtbot.waitSignal(p.found, timeout=5000) as answer:
        p.lineEdit().setText(text)
        p.lineEdit().textEdited.emit(text)
    assert answer.args == [0] and p.current_id() == "XN-p0"
    p.lineEdit().editingFinished.emit()  # leaving the field: it shows the value it still has
    assert p.lineEdit().text() == "XN-00000  小区0"
