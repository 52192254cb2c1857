"""Thumbnail grid model: PhotoRow snapshots, thumbnails decoded on workers as QImage.

Workers return QImage (safe off the GUI thread); the QPixmap is made in data(), on the GUI thread,
and cached. A row's thumbnail is requested the first time the view asks for it, so a record with
hundreds of photos costs only what is on screen; the requests of one paint go to one worker task,
and come back as one change. An import adds its rows as each batch commits (`add_rows`), in the
record's order, without resetting the grid.
"""

from __future__ import annotations

import json
import logging
from bisect import bisect_right
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

from inspector.services import photos as svc
from inspector.services.photos import PhotoRow, row_order
from inspector.ui.ops import run_op

if TYPE_CHECKING:  # the store loads after the window is shown
    from inspector.store import Workspace

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 3
THUMB = QSize(160, 160)


def _key(row: PhotoRow) -> str:
    """Cache key: the photo and its overlay, so an edited annotation gets a fresh thumbnail."""
    return row.id + (json.dumps(row.annotation, sort_keys=True) if row.annotation else "")


def load_thumbnail_image(store: Workspace, row: PhotoRow) -> QImage:
    """Runs on a worker: the cached JPEG thumbnail with the overlay drawn, as a QImage."""
    im = svc.with_annotation(svc.thumbnail(store, photo_id=row.id), row.annotation)
    data = im.tobytes("raw", "RGB")
    return QImage(data, im.width, im.height, im.width * 3, QImage.Format.Format_RGB888).copy()


def load_thumbnail_images(store: Workspace, rows: dict[str, PhotoRow]) -> dict[str, QImage | BaseException]:
    """Runs on a worker: the thumbnails of several rows by cache key; a failure (a missing
    original) is returned in place of its image, so one bad photo does not lose the others."""
    out: dict[str, QImage | BaseException] = {}
    for key, row in rows.items():
        try:
            out[key] = load_thumbnail_image(store, row)
        except Exception as exc:  # noqa: BLE001 - shown grey, logged by the model
            out[key] = exc
    return out


class PhotoGridModel(QAbstractListModel):
    def __init__(self, store: Workspace, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.store = store
        self.rows: list[PhotoRow] = []
        self._images: dict[str, QImage] = {}
        self._pixmaps: dict[str, QPixmap] = {}
        self._loading: set[str] = set()
        self._wanted: dict[str, PhotoRow] = {}
        self._placeholder = self._make_placeholder()

    # -- data ------------------------------------------------------------------------------------
    def set_rows(self, rows: list[PhotoRow]) -> None:
        rows = list(rows)
        if rows and rows == self.rows:  # a refresh that finds what is shown: no reset, no relayout
            return  # (an empty grid is still reset: its empty-state text follows the target)
        self.beginResetModel()
        self.rows = rows
        live = {_key(r) for r in self.rows}
        for cache in (self._images, self._pixmaps):
            for k in [k for k in cache if k not in live]:
                del cache[k]
        self._wanted = {k: r for k, r in self._wanted.items() if k in live}
        self.endResetModel()

    def add_rows(self, rows: list[PhotoRow]) -> None:
        """Insert rows (an import's committed batch) where the record's order puts them; a row
        already shown (the same link) is left as it is."""
        shown = {r.link_id for r in self.rows}
        keys = [row_order(r) for r in self.rows]
        for row in sorted((r for r in rows if r.link_id not in shown), key=row_order):
            at = bisect_right(keys, row_order(row))
            self.beginInsertRows(QModelIndex(), at, at)
            self.rows.insert(at, row)
            keys.insert(at, row_order(row))
            self.endInsertRows()

    def row_at(self, row: int) -> PhotoRow:
        return self.rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return caption_line(row)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._pixmap(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return describe(row)
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- thumbnails ------------------------------------------------------------------------------
    def thumbnails_pending(self) -> int:
        return len(self._loading) + len(self._wanted)

    def _pixmap(self, row: PhotoRow) -> QPixmap:
        key = _key(row)
        pix = self._pixmaps.get(key)
        if pix is not None:
            return pix
        image = self._images.get(key)
        if image is not None:
            pix = QPixmap.fromImage(image)  # GUI thread only (we are inside data())
            self._pixmaps[key] = pix
            return pix
        if key not in self._loading and key not in self._wanted:
            if not self._wanted:  # the first of this paint's requests: load them all after it
                QTimer.singleShot(0, self, self._load_wanted)
            self._wanted[key] = row
        return self._placeholder

    def _load_wanted(self) -> None:
        wanted, self._wanted = self._wanted, {}
        if not wanted:
            return
        self._loading.update(wanted)
        store = self.store
        run_op(lambda _p: load_thumbnail_images(store, wanted),
               on_success=self._on_thumbnails_loaded,
               on_failure=lambda exc, keys=list(wanted): self._on_thumbnails_failed(keys, exc), parent=self)

    def _on_thumbnails_loaded(self, images: dict[str, QImage | BaseException]) -> None:
        for key, image in images.items():
            self._loading.discard(key)
            if isinstance(image, BaseException):
                # A missing or unreadable original must not pop up a dialog per thumbnail: log, show grey.
                log.warning("thumbnail failed: %s", image)
                image = self._placeholder.toImage()
            self._images[key] = image
        changed = [i for i, r in enumerate(self.rows) if _key(r) in images]
        if changed:
            self.dataChanged.emit(self.index(changed[0]), self.index(changed[-1]),
                                  [Qt.ItemDataRole.DecorationRole])

    def _on_thumbnails_failed(self, keys: list[str], exc: BaseException) -> None:
        log.warning("thumbnails failed: %s", exc)
        for key in keys:
            self._loading.discard(key)
            self._images[key] = self._placeholder.toImage()

    @staticmethod
    def _make_placeholder() -> QPixmap:
        pix = QPixmap(THUMB.width(), THUMB.height() * 3 // 4)
        pix.fill(QColor("#e0e0e0"))
        p = QPainter(pix)
        p.setPen(QColor("#9e9e9e"))
        p.drawRect(0, 0, pix.width() - 1, pix.height() - 1)
        p.end()
        return pix


def _tr(text: str) -> str:
    return QCoreApplication.translate("PhotoGrid", text)


def caption_line(row: PhotoRow) -> str:
    """The text under a thumbnail, whole: the grid wraps it (PhotoDelegate)."""
    if row.caption:
        return row.caption
    if row.taken_at_local:
        return row.taken_at_local[:16].replace(":", "-", 2)
    return row.original_name


def describe(row: PhotoRow) -> str:
    """Multi-line details for tooltips and the viewer's info pane."""
    lines = [row.original_name]
    if row.taken_at_local:
        lines.append(_tr("拍摄时间：{0}").format(row.taken_at_local.replace(":", "-", 2)))
    else:
        lines.append(_tr("拍摄时间：无（照片未记录）"))
    if row.lat is not None and row.lon is not None:
        lines.append(_tr("位置：{0}，{1}").format(format_coord(row.lat, "N", "S"), format_coord(row.lon, "E", "W")))
    else:
        lines.append(_tr("位置：无 GPS 信息"))
    if row.camera:
        lines.append(_tr("相机：{0}").format(row.camera))
    lines.append(_tr("尺寸：{0}×{1}（{2:.1f} MB）").format(row.width, row.height, row.byte_size / 1048576))
    if row.caption:
        lines.append(_tr("说明：{0}").format(row.caption))
    return "\n".join(lines)


def format_coord(value: float, pos: str, neg: str) -> str:
    return f"{abs(value):.6f}°{pos if value >= 0 else neg}"
