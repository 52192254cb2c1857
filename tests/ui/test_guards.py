"""The wheel scrolls a form instead of changing its boxes; windows and dialogs fit their screen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea, QSpinBox

from tests.ui.conftest import settle


def _wheel(widget, down: bool = True) -> None:  # type: ignore[no-untyped-def]
    pos = QPointF(widget.rect().center())
    delta = QPoint(0, -120 if down else 120)
    event = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(), delta, Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_scrolling_the_acceptance_form_changes_no_result(qtbot, demo_window):
    from inspector.services import acceptance as acc
    from inspector.services.projects import list_projects

    win = demo_window
    store = win.ctx.store
    view = win.show_view("acceptance")
    pid, aid = next((p.id, a.id) for p in list_projects(store) for a in acc.list_acceptances(store, project_id=p.id)
                    if not a.locked)
    view.picker.select(pid)
    qtbot.waitUntil(lambda: view.acc_model.rowCount() > 0, timeout=10000)
    view.page.load(aid)
    qtbot.waitUntil(lambda: view.page.detail is not None and view.page.detail.id == aid, timeout=10000)
    settle(qtbot)
    page = view.page
    combo = next(iter(page.functional.values()))
    spin = next(iter(page.counts.values()))
    before = (combo.currentIndex(), spin.value(), acc.get_acceptance(store, aid).checks)
    scroll = page.findChild(QScrollArea)
    bar = scroll.verticalScrollBar()
    bar.setValue(0)
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel does not take focus
    assert not combo.hasFocus() and not spin.hasFocus()
    for _ in range(3):
        _wheel(combo)
        _wheel(spin)
    settle(qtbot)
    assert (combo.currentIndex(), spin.value()) == before[:2]
    assert acc.get_acceptance(store, aid).checks == before[2]  # nothing autosaved
    assert bar.value() > 0  # the form scrolled instead

    # A box the user has clicked into does take the wheel (that is what they are editing).
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    _wheel(combo)
    assert combo.currentIndex() != before[0]


def test_a_focused_box_elsewhere_still_works(qtbot):
    box = QSpinBox()
    qtbot.addWidget(box)
    box.show()
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    _wheel(box, down=False)
    assert box.value() == 1


def test_dialogs_and_windows_fit_the_screen(qtbot, demo_window):
    from inspector.services import record_signing as recs
    from inspector.ui.views.pdf_preview import PdfPreviewDialog

    screen = QApplication.primaryScreen().availableGeometry()  # 800×800 offscreen
    view = demo_window.show_view("inspections")
    settle(qtbot)
    row = view.model.rows[0]
    dlg = PdfPreviewDialog(recs.preview(demo_window.ctx.store, kind="inspection", record_id=row.id), "x", view)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    assert screen.contains(dlg.frameGeometry()), (dlg.frameGeometry(), screen)
    assert dlg.print_button.isVisible() and dlg.height() < 1000
    dlg.close()
    combo = QComboBox()  # not a window: left as it is
    qtbot.addWidget(combo)
