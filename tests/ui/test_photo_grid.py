"""The photo grid as an inspector sees it: a 3:2 photo stays 3:2, a long caption is shown whole
(wrapped), and a narrow panel still shows several photos side by side."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from inspector.services import photos as svc
from inspector.ui.context import AppContext, ChangeBus
from inspector.ui.ops import wait_idle
from inspector.ui.widgets.photo_grid import caption_lines
from inspector.ui.widgets.photo_panel import PhotoPanel
from tests.photos.conftest import make_inspection


def _jpegs(folder: Path, n: int, size=(300, 200)) -> list[Path]:
    """n photos of distinct solid colours (distinct files, so none is a duplicate)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        buf = io.BytesIO()
        Image.new("RGB", size, (200, (i * 37) % 256, (i * 91) % 256)).save(buf, "JPEG", quality=95)
        p = folder / f"p{i:02d}.jpg"
        p.write_bytes(buf.getvalue())
        out.append(p)
    return out


@pytest.fixture
def panel(qtbot, store):
    ctx = AppContext(store=store, bus=ChangeBus())
    p = PhotoPanel(ctx)
    qtbot.addWidget(p)
    p.set_target("inspection", make_inspection(store))
    yield p
    wait_idle()


def _load(qtbot, panel, files) -> None:
    with qtbot.waitSignal(panel.import_finished, timeout=60000):
        panel.import_paths(files)
    for i in range(panel.model.rowCount()):
        panel.model.data(panel.model.index(i), Qt.ItemDataRole.DecorationRole)
    qtbot.waitUntil(lambda: panel.model.thumbnails_pending() == 0, timeout=20000)
    panel.view.viewport().update()
    qtbot.wait(50)


def test_a_3_2_photo_is_drawn_3_2(qtbot, panel, tmp_path):
    panel.resize(500, 400)
    panel.show()
    qtbot.waitExposed(panel)
    _load(qtbot, panel, _jpegs(tmp_path / "one", 1, size=(600, 400)))
    image = panel.view.viewport().grab().toImage()
    rect = panel.view.visualRect(panel.model.index(0))
    xs, ys = [], []
    for y in range(rect.top(), rect.bottom()):
        for x in range(rect.left(), rect.right()):
            c = QColor(image.pixel(x, y))
            if c.red() > 150 and c.green() < 60 and c.blue() < 60:  # the photo's solid red
                xs.append(x)
                ys.append(y)
    width, height = max(xs) - min(xs) + 1, max(ys) - min(ys) + 1
    assert width > 80
    assert abs(width / height - 1.5) < 0.06, (width, height)


def test_narrow_panel_shows_several_columns_and_wide_more(qtbot, panel, tmp_path):
    panel.resize(300, 600)
    panel.show()
    qtbot.waitExposed(panel)
    _load(qtbot, panel, _jpegs(tmp_path / "card", 22))
    assert panel.model.rowCount() == 22

    def columns() -> int:
        return len({panel.view.visualRect(panel.model.index(i)).left() for i in range(22)})

    assert columns() >= 2
    assert panel.view.horizontalScrollBar().maximum() == 0
    panel.resize(1000, 600)
    qtbot.waitUntil(lambda: columns() >= 7, timeout=3000)


def test_captions_are_shown_whole_by_wrapping(qtbot, panel, tmp_path):
    panel.resize(300, 600)
    panel.show()
    qtbot.waitExposed(panel)
    _load(qtbot, panel, _jpegs(tmp_path / "cap", 1))
    caption = "3号楼东侧外墙保温层脱落，现场拍照留存"
    svc.set_caption(panel.ctx.store, photo_id=panel.model.row_at(0).id, caption=caption)
    panel.refresh()
    shown = panel.model.index(0).data(Qt.ItemDataRole.DisplayRole)
    assert shown == caption  # no "…" cut before the grid lays it out
    width = panel.view.visualRect(panel.model.index(0)).width() - 8
    lines = caption_lines(shown, panel.view.font(), width)
    assert "".join(lines) == caption and len(lines) > 1
