"""PhotoPanel and PhotoViewer as real widgets (offscreen): import, cancel, drop, view, annotate."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDragEnterEvent, QDropEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from inspector.domain import Photo  # noqa: E402
from inspector.services import photos as svc  # noqa: E402
from inspector.services.changes import Progress  # noqa: E402
from inspector.ui.context import AppContext, ChangeBus  # noqa: E402
from inspector.ui.ops import wait_idle  # noqa: E402
from inspector.ui.widgets.photo_panel import PhotoPanel  # noqa: E402
from tests.photos.conftest import BROKEN, jpeg_variants, make_inspection  # noqa: E402


@pytest.fixture
def ctx(store):
    yield AppContext(store=store, bus=ChangeBus())
    wait_idle()


@pytest.fixture
def panel(qtbot, ctx, inspection_id):
    p = PhotoPanel(ctx)
    qtbot.addWidget(p)
    p.resize(900, 600)
    p.show()
    p.set_target("inspection", inspection_id)
    return p


def _photo_count(store) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(Photo))


def test_import_through_panel_with_broken_files(qtbot, qtmodeltester, panel, store, all_photo_files):
    with qtbot.waitSignal(panel.import_finished, timeout=60000) as blocker:
        assert panel.import_paths(all_photo_files) is not None
        assert panel.progress.isVisible() and panel.cancel_button.isVisible()
        assert not panel.add_button.isEnabled()  # one import at a time
    results = blocker.args[0]
    good = len(all_photo_files) - len(BROKEN)
    assert sum(r.status == "imported" for r in results) == good
    assert panel.model.rowCount() == good == _photo_count(store)
    assert not panel.progress.isVisible()
    text = panel.result_label.text()
    for name in BROKEN:  # every rejection is shown with its reason
        assert name in text
    assert "截断" in text and "不是图片" in text
    qtmodeltester.check(panel.model)
    # Thumbnails arrive from workers; the grid then shows real pixmaps.
    for i in range(panel.model.rowCount()):
        panel.model.data(panel.model.index(i), Qt.ItemDataRole.DecorationRole)
    qtbot.waitUntil(lambda: panel.model.thumbnails_pending() == 0, timeout=20000)
    pix = panel.model.data(panel.model.index(0), Qt.ItemDataRole.DecorationRole)
    assert not pix.isNull() and max(pix.width(), pix.height()) == 256


def test_the_grid_fills_batch_by_batch_during_an_import(qtbot, qtmodeltester, panel, store, photos_dir, tmp_path):
    """Each committed batch's photos appear while the import goes on, inserted in the record's order
    (no reset, no reload on the GUI thread); at the end the grid is what the store holds."""
    files = jpeg_variants(photos_dir / "kodak_cx7530_gps.jpg", 2 * svc.BATCH_FILES + 5, tmp_path / "card")
    events: list[str] = []
    panel.model.rowsInserted.connect(lambda *_: events.append("inserted"))
    panel.model.modelReset.connect(lambda: events.append("reset"))
    panel.import_finished.connect(lambda _r: events.append("finished"))
    with qtbot.waitSignal(panel.import_finished, timeout=60000):
        panel.import_paths(files)
    assert "reset" not in events
    assert events.index("finished") > events.index("inserted")
    assert panel.model.rowCount() == len(files) == _photo_count(store)
    assert panel.count_label.text() == f"{len(files)} 张照片"
    stored = svc.photos_for(store, target_kind="inspection", target_id=panel.target[1])
    assert panel.model.rows == stored  # the same rows, in the same order, as a reload would give
    qtmodeltester.check(panel.model)
    panel.refresh()
    assert "reset" not in events  # a reload that finds the same rows changes nothing on screen


def test_rows_of_an_import_stay_off_a_record_opened_meanwhile(qtbot, panel, store, photos_dir, tmp_path):
    first = panel.target[1]
    files = jpeg_variants(photos_dir / "kodak_cx7530_gps.jpg", svc.BATCH_FILES + 3, tmp_path / "card")
    other = make_inspection(store)
    with qtbot.waitSignal(panel.import_finished, timeout=60000):
        panel.import_paths(files)
        panel.set_target("inspection", other)  # the inspector opens another record meanwhile
    assert panel.model.rowCount() == 0 and panel.count_label.text() == "0 张照片"
    assert len(svc.photos_for(store, target_kind="inspection", target_id=first)) == len(files)
    panel.set_target("inspection", first)
    assert panel.model.rowCount() == len(files)


def test_progress_reaches_the_bar_at_most_ten_times_a_second():
    from inspector.ui.widgets.photo_panel import _Throttled

    class Seen(Progress):
        def __init__(self) -> None:
            self.reports: list[int] = []

        def report(self, done: int, total: int, text: str = "") -> None:
            self.reports.append(done)

    seen = Seen()
    throttled = _Throttled(seen)
    for done in range(1, 1001):
        throttled.report(done, 1000, "x")
    assert seen.reports[0] == 1 and seen.reports[-1] == 1000  # the first and the last always
    assert len(seen.reports) < 20


def test_cancel_import(qtbot, panel, store, photos_dir, tmp_path):
    files = jpeg_variants(photos_dir / "olympus_ep3_12mp.jpg", 40, tmp_path / "card")
    op = panel.import_paths(files)
    op.progressed.connect(lambda done, total, name: done >= 2 and panel.cancel_button.click())
    with qtbot.waitSignal(panel.import_finished, timeout=60000) as blocker:
        pass
    results = blocker.args[0]
    statuses = [r.status for r in results]
    assert statuses.count("cancelled") > 0 and statuses[:2] == ["imported", "imported"]
    assert statuses.count("imported") == _photo_count(store) == panel.model.rowCount()
    assert "已取消" in panel.result_label.text()
    assert panel.add_button.isEnabled()


def test_drop_files_and_folders(qtbot, panel, store, photos_dir, tmp_path):
    folder = jpeg_variants(photos_dir / "kodak_cx7530_gps.jpg", 3, tmp_path / "dropped")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "dropped")), QUrl.fromLocalFile(str(photos_dir / "fake.jpg"))])
    viewport = panel.view.viewport()
    # As a real drag does: enter (which must be accepted), then drop.
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(panel.import_finished, timeout=30000) as blocker:
        QApplication.sendEvent(viewport, event)
    assert sorted(r.status for r in blocker.args[0]) == ["imported"] * len(folder) + ["rejected"]
    assert panel.model.rowCount() == 3


def test_read_only_panel_refuses_imports(qtbot, ctx, store, photos_dir):
    locked = make_inspection(store)
    svc.import_photos(store, files=[photos_dir / "orient_1.jpg"], target_kind="inspection", target_id=locked)
    p = PhotoPanel(ctx)
    qtbot.addWidget(p)
    p.show()
    p.set_target("inspection", locked)
    p.set_read_only(True)
    assert p.model.rowCount() == 1  # still viewable
    assert not p.add_button.isVisible() and not p.folder_button.isVisible()
    assert p.import_paths([photos_dir / "orient_2.jpg"]) is None
    viewer = p.open_viewer(p.model.row_at(0))
    assert not viewer.tool_actions["rect"].isEnabled() and not viewer.save_action.isEnabled()


def _drag(canvas, a: QPoint, b: QPoint) -> None:
    vp = canvas.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    QTest.mouseMove(vp, (a + b) / 2)
    QTest.mouseMove(vp, b)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)


def test_view_annotate_undo_redo_and_save(qtbot, panel, store, photos_dir, inspection_id):
    svc.import_photos(store, files=[photos_dir / "canon_sx60_orient6.jpg"], target_kind="inspection",
                      target_id=inspection_id)
    panel.refresh()
    index = panel.model.index(0)
    qtbot.waitUntil(lambda: panel.view.visualRect(index).isValid())  # the view lays out lazily
    rect = panel.view.visualRect(index)
    changed = []
    panel.photos_changed.connect(lambda: changed.append(1))
    # Item views emit doubleClicked for a press that follows a click on the same item.
    QTest.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     rect.center())
    QTest.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                      rect.center())
    viewer = panel._viewer
    assert viewer is not None
    qtbot.waitUntil(lambda: not viewer.canvas.pixmap_item.pixmap().isNull(), timeout=20000)
    assert viewer.canvas.image_size() == (1536, 2048)  # upright (orientation 6 is a portrait)
    assert "Canon PowerShot SX60 HS" in viewer.info.text() and "2015-02-09" in viewer.info.text()
    viewer.activateWindow()
    qtbot.waitExposed(viewer)

    viewer.tool_actions["rect"].trigger()
    canvas = viewer.canvas
    vp_rect = canvas.viewport().rect()
    a, b = vp_rect.center() - QPoint(60, 60), vp_rect.center() + QPoint(60, 60)
    _drag(canvas, a, b)
    viewer.tool_actions["arrow"].trigger()
    _drag(canvas, vp_rect.center() + QPoint(100, 100), vp_rect.center())
    assert [s["type"] for s in viewer.shapes] == ["rect", "arrow"]
    x1, y1, x2, y2 = (viewer.shapes[0][k] for k in ("x1", "y1", "x2", "y2"))
    assert 0 < x1 < 0.5 < x2 < 1 and 0 < y1 < 0.5 < y2 < 1  # normalised, around the centre
    assert len(viewer._overlay) >= 3  # rect + arrow shaft + head drawn over the picture

    QTest.keyClick(viewer, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [s["type"] for s in viewer.shapes] == ["rect"]
    QTest.keyClick(viewer, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert viewer.shapes == []
    QTest.keyClick(viewer, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [s["type"] for s in viewer.shapes] == ["rect"]
    assert viewer.is_dirty()

    viewer.caption.setText("3号楼东侧外墙裂缝")
    with qtbot.waitSignal(viewer.annotation_saved, timeout=10000):
        viewer.save_action.trigger()
    assert not viewer.is_dirty()
    [row] = svc.photos_for(store, target_kind="inspection", target_id=inspection_id)
    assert [s["type"] for s in row.annotation] == ["rect"] and row.caption == "3号楼东侧外墙裂缝"
    assert store.blobs.read(row.id) == (photos_dir / "canon_sx60_orient6.jpg").read_bytes()
    assert changed and panel.model.row_at(0).annotation == row.annotation

    before = viewer.canvas.transform().m11()
    QTest.keyClick(viewer, Qt.Key.Key_Plus)
    assert viewer.canvas.transform().m11() > before
