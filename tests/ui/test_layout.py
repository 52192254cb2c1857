"""Lists size their columns to the content at 1280×800: key columns (record numbers, project codes,
dates, statuses) are never cut, one long-text column takes the spare width (never 状态), and a
value that has to shorten is elided in the middle with the whole text as its tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableView,
    QToolButton,
    QToolTip,
)

from inspector.ui.widgets.table_fit import ElideTipDelegate
from tests.ui.conftest import settle
from tests.ui.test_languages import english  # noqa: F401  # fixture, used by name


def _project(win, code_part: str) -> str:  # type: ignore[no-untyped-def]
    from inspector.services.projects import list_projects

    return next(r.id for r in list_projects(win.ctx.store) if code_part in r.code)


def _columns(table: QTableView):  # type: ignore[no-untyped-def]
    proxy = table.model()
    return getattr(proxy, "sourceModel", lambda: proxy)().columns


def _cut_cells(table: QTableView, column: int) -> list[str]:
    delegate = table.itemDelegate()
    assert isinstance(delegate, ElideTipDelegate)
    model = table.model()
    return [model.index(r, column).data() for r in range(model.rowCount())
            if delegate.is_elided(table, model.index(r, column))]


def _check_table(table: QTableView) -> None:
    header = table.horizontalHeader()
    columns = _columns(table)
    stretch = [i for i, c in enumerate(columns) if c.stretch]
    assert len(stretch) == 1, f"{table.objectName()}: one long-text column takes the spare width"
    assert header.sectionResizeMode(stretch[0]) == QHeaderView.ResizeMode.Stretch
    for i, c in enumerate(columns):
        if c.key:
            assert not _cut_cells(table, i), f"{table.objectName()}: {c.header} is cut"
        if c.header == "状态":
            assert header.sectionResizeMode(i) != QHeaderView.ResizeMode.Stretch
            assert header.sectionSize(i) <= max(header.sectionSizeHint(i), table.sizeHintForColumn(i)) + 2


def _check_even(table: QTableView) -> None:
    header = table.horizontalHeader()
    columns = _columns(table)
    cut = [i for i, c in enumerate(columns) if not c.key and not c.stretch and _cut_cells(table, i)]
    assert cut, "at this width some ordinary column must give way"
    widths = [header.sectionSize(i) for i in cut]
    assert max(widths) - min(widths) <= 2, {columns[i].header: header.sectionSize(i) for i in cut}


def test_key_columns_are_whole_and_status_never_stretches_at_1280(qtbot, demo_window):
    win = demo_window
    inspections = win.show_view("inspections")
    settle(qtbot)
    _check_table(inspections.table)
    header = inspections.table.horizontalHeader()
    # 〔2026〕第0018号 and XN-DEMO-… both whole; 项目 takes what is left.
    assert _columns(inspections.table)[1].stretch and header.sectionSize(1) > header.sectionSize(0)

    rects = win.show_view("rectifications")
    rects.set_quick_filter(0)
    settle(qtbot)
    _check_table(rects.table)

    flags = win.show_view("redflags")
    qtbot.waitUntil(lambda: flags.list.model.rowCount() > 0 and not flags.loading, timeout=20000)
    settle(qtbot)
    _check_table(flags.list.table)

    materials = win.show_view("materials")
    materials.project.select(_project(win, "CZ-01"))
    qtbot.waitUntil(lambda: materials.batches.rowCount() > 0 and not materials.loading, timeout=10000)
    settle(qtbot)
    _check_table(materials.batch_table)
    _check_table(materials.report_table)
    # The report's 批次, 样品 and 检测机构 all have to give way: they give way evenly, so none is
    # cut to a stub while another cut one stays wide.
    _check_even(materials.report_table)
    # One-line rows do not wrap: wrapped Chinese was elided twice ("西宁市众联…工程质量…").
    assert not materials.report_table.wordWrap()
    # Nothing scrolls sideways at 1280×800: what cannot fit is elided, not pushed off screen.
    for table in (materials.batch_table, materials.report_table, inspections.table):
        assert table.horizontalScrollBar().maximum() == 0, table.objectName()


def test_a_cut_value_shows_whole_in_its_tooltip(qtbot, demo_window):
    win = demo_window
    win.resize(1000, 700)  # narrower still: long names must give way
    materials = win.show_view("materials")
    materials.project.select(_project(win, "CZ-01"))
    qtbot.waitUntil(lambda: materials.batches.rowCount() > 0 and not materials.loading, timeout=10000)
    settle(qtbot)
    table = materials.report_table
    cut = [(c, r) for c in range(table.model().columnCount()) for r in range(table.model().rowCount())
           if table.itemDelegate().is_elided(table, table.model().index(r, c))]
    assert cut, "at 1000 px some report column must give way"
    col, row = cut[0]
    index = table.model().index(row, col)
    assert not _columns(table)[col].key
    assert table.textElideMode() == Qt.TextElideMode.ElideMiddle
    center = table.visualRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, center, table.viewport().mapToGlobal(center))
    QApplication.sendEvent(table.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    assert QToolTip.text() == index.data()
    QToolTip.hideText()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_project_page_shows_all_tabs_and_whole_values_at_1280(qtbot, request, lang):
    """At 1280×800 the project page used to hide 风险提示 behind the tab arrows, and in English the
    long funding labels squeezed the amounts to ",015,000.00"."""
    if lang == "en":
        request.getfixturevalue("english")
    win = request.getfixturevalue("demo_window")
    view = win.show_view("projects")
    settle(qtbot)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.table.visualRect(view.table.model().index(0, 0)).center())
    page = view.page
    qtbot.waitUntil(lambda: page.project_id is not None and page.detail is not None, timeout=10000)
    page.tabs.setCurrentWidget(page.tabs.widget(1))  # 许可、日期与资金
    settle(qtbot)
    bar = page.tabs.tabBar()
    assert bar.width() >= bar.sizeHint().width(), "every tab is in view, none behind the arrows"
    assert not [b for b in bar.findChildren(QToolButton) if b.isVisible()], "no tab scroll arrows"
    # The list still keeps its key columns in view.
    assert view.table.width() >= page.width() * 0.8
    name = page.basic.editors["name"]
    assert name.cursorPosition() == 0, "a long project name shows its start"
    for edit in page.funding.findChildren(QLineEdit):
        if edit.text():
            room = edit.width() - 28  # frame, margins and the clear button
            assert edit.fontMetrics().horizontalAdvance(edit.text()) <= room, (edit.objectName(), edit.text())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_notice_dialog_forms_are_whole_at_1280(qtbot, request, lang):
    """The long English title of the photo panel used to take the reply form's width, so the
    closing-evidence note was cut at top and bottom."""
    if lang == "en":
        request.getfixturevalue("english")
    win = request.getfixturevalue("demo_window")
    rects = win.show_view("rectifications")
    rects.set_quick_filter(0)
    settle(qtbot)
    dialog = rects.open_notice(next(r.id for r in rects.model.rows if r.status == "replied"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle(qtbot)
    note = dialog.findChild(QLabel, "closingEvidence")
    assert note.height() >= note.heightForWidth(note.width()), "the note shows all its lines"
    assert dialog.reply_box.width() >= dialog.reply_photos.width() * 0.8
    assert dialog.frameGeometry().width() <= 1280


@pytest.mark.parametrize("width", [1600, 1280])
def test_acceptance_list_gets_room_for_its_columns_but_not_the_forms(qtbot, request, width):
    """In English the acceptance list's headers are longer: at 1600 px its columns all fit (they used
    to scroll sideways, 前置条件 cut); at 1280 px the list takes what the form beside it can spare."""
    request.getfixturevalue("english")
    win = request.getfixturevalue("demo_window")
    win.resize(width, 1000 if width == 1600 else 800)
    view = win.show_view("acceptance")
    view.picker.select(_project(win, "CD-02"))
    qtbot.waitUntil(lambda: view.acc_table.model().rowCount() > 0, timeout=10000)
    settle(qtbot, 300)
    page_areas = [a for a in view.page.findChildren(QScrollArea) if a.isVisible()]
    assert page_areas and all(a.horizontalScrollBar().maximum() == 0 for a in page_areas), "the form never scrolls sideways"
    if width == 1600:
        assert view.acc_table.horizontalScrollBar().maximum() == 0, "every column of the list is in view"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_view_makes_the_window_wider_than_1280_with_the_demo_data(qtbot, request, lang):
    """With real rows the English complaints view wanted 1341 px (its count line "1 complaints (0 open),
    2 notice checks" beside six buttons), pushing the window past a 1280 px screen."""
    from inspector.ui.views.registry import VIEWS

    if lang == "en":
        request.getfixturevalue("english")
    win = request.getfixturevalue("demo_window")
    for key, _label, _target in VIEWS:
        win.show_view(key)
        settle(qtbot, 200)
        assert win.minimumSizeHint().width() <= 1280, (key, win.minimumSizeHint().width())
