"""照片查看与标注: the photo upright, zoom, its EXIF facts, and a vector overlay (arrow, circle,
rectangle, text) with undo/redo, saved as JSON through the photo service. The original never changes.

Shapes live in normalised coordinates of the upright image (see inspector/photos/annotation.py) and
are drawn here with the same proportions Pillow uses for thumbnails and PDFs.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QBrush,
    QColor,
    QFont,
    QImage,
    QKeySequence,
    QPainter,
    QPen,
    QPixmap,
    QPolygonF,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.annotation import DEFAULT_COLOR, DEFAULT_WIDTH, arrow_head, arrow_segments
from inspector.services import photos as svc
from inspector.services.photos import PhotoRow
from inspector.ui.context import AppContext
from inspector.ui.models.photos import describe
from inspector.ui.ops import run_op

log = logging.getLogger(__name__)

VIEW_MAX_PX = 4096  # enough for a 4K screen at 100 %; a 48 MP original would be 190 MB as RGB
TOOLS = ("arrow", "circle", "rect", "text")
COLORS = (("红", "#E53935"), ("黄", "#FDD835"), ("蓝", "#1E88E5"), ("绿", "#43A047"), ("白", "#FFFFFF"))


def load_view_image(data: bytes) -> QImage:
    """Runs on a worker: the upright picture as a QImage (never a QPixmap off the GUI thread)."""
    im = svc.display_image(data, max_px=VIEW_MAX_PX)
    raw = im.tobytes("raw", "RGB")
    return QImage(raw, im.width, im.height, im.width * 3, QImage.Format.Format_RGB888).copy()


class _AddShape(QUndoCommand):
    def __init__(self, viewer: PhotoViewer, shape: dict) -> None:
        super().__init__(QCoreApplication.translate("PhotoViewer", "添加标注"))
        self.viewer, self.shape = viewer, shape

    def redo(self) -> None:
        self.viewer.shapes.append(self.shape)
        self.viewer.render_shapes()

    def undo(self) -> None:
        self.viewer.shapes.pop()
        self.viewer.render_shapes()


class _ClearShapes(QUndoCommand):
    def __init__(self, viewer: PhotoViewer) -> None:
        super().__init__(QCoreApplication.translate("PhotoViewer", "清除标注"))
        self.viewer, self.old = viewer, list(viewer.shapes)

    def redo(self) -> None:
        self.viewer.shapes.clear()
        self.viewer.render_shapes()

    def undo(self) -> None:
        self.viewer.shapes[:] = self.old
        self.viewer.render_shapes()


class PhotoCanvas(QGraphicsView):
    """The picture plus overlay; with a tool chosen, a drag draws a shape."""

    def __init__(self, viewer: PhotoViewer) -> None:
        super().__init__(viewer)
        self.viewer = viewer
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setBackgroundBrush(QColor("#303030"))
        self.pixmap_item = self.scene().addPixmap(QPixmap())
        self._start: QPointF | None = None
        self._preview: list[QGraphicsItem] = []

    def image_size(self) -> tuple[float, float]:
        r = self.pixmap_item.boundingRect()
        return r.width(), r.height()

    def zoom(self, factor: float) -> None:
        self.scale(factor, factor)

    def fit(self) -> None:
        if not self.pixmap_item.pixmap().isNull():
            self.fitInView(self.pixmap_item, Qt.AspectRatioMode.KeepAspectRatio)

    def wheelEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(1.25 ** steps)
        event.accept()

    def _normalised(self, pos) -> QPointF:  # type: ignore[no-untyped-def]
        w, h = self.image_size()
        p = self.mapToScene(pos)
        return QPointF(min(max(p.x() / w, 0.0), 1.0), min(max(p.y() / h, 0.0), 1.0))

    def mousePressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        tool = self.viewer.tool
        if tool is None or self.viewer.read_only or self.pixmap_item.pixmap().isNull() \
                or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        start = self._normalised(event.position().toPoint())
        if tool == "text":
            self.viewer.ask_text(start.x(), start.y())
        else:
            self._start = start
        event.accept()

    def mouseMoveEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if self._start is None:
            super().mouseMoveEvent(event)
            return
        end = self._normalised(event.position().toPoint())
        self._clear_preview()
        self._preview = self.viewer.draw_shape(self.viewer.make_shape(self._start, end), preview=True)
        event.accept()

    def mouseReleaseEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if self._start is None:
            super().mouseReleaseEvent(event)
            return
        end = self._normalised(event.position().toPoint())
        start, self._start = self._start, None
        self._clear_preview()
        # A click without a drag is not a shape (avoids invisible dots in the record).
        if abs(end.x() - start.x()) + abs(end.y() - start.y()) > 0.01:
            self.viewer.add_shape(self.viewer.make_shape(start, end))
        event.accept()

    def _clear_preview(self) -> None:
        for item in self._preview:
            self.scene().removeItem(item)
        self._preview = []


class PhotoViewer(QDialog):
    """Opened from a PhotoPanel (or any view) with a PhotoRow snapshot."""

    annotation_saved = Signal(str)  # photo id
    image_loaded = Signal()

    def __init__(self, ctx: AppContext, row: PhotoRow, parent: QWidget | None = None, *,
                 read_only: bool = False) -> None:
        super().__init__(parent)
        self.ctx, self.row, self.read_only = ctx, row, read_only
        self.shapes: list[dict] = [dict(s) for s in (row.annotation or [])]
        self.tool: str | None = None
        self.color = DEFAULT_COLOR
        self._overlay: list[QGraphicsItem] = []
        self._saving = False
        self.setWindowTitle(self.tr("照片 — {0}").format(row.original_name))
        self.resize(1100, 760)

        self.undo_stack = QUndoStack(self)
        self.canvas = PhotoCanvas(self)
        self.toolbar = QToolBar(self)
        self._build_actions()

        self.info = QLabel(describe(row), self)
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.caption = QLineEdit(row.caption, self)
        self.caption.setPlaceholderText(self.tr("照片说明（部位、问题）"))
        self.caption.setReadOnly(read_only)
        self.status = QLabel(self.tr("正在加载照片…"), self)

        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("照片信息"), self))
        side.addWidget(self.info)
        side.addWidget(QLabel(self.tr("说明"), self))
        side.addWidget(self.caption)
        side.addStretch(1)
        side.addWidget(self.status)
        body = QHBoxLayout()
        body.addWidget(self.canvas, 1)
        side_w = QWidget(self)
        side_w.setLayout(side)
        side_w.setFixedWidth(260)
        body.addWidget(side_w)
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addLayout(body, 1)

        store, photo_id = ctx.store, row.id
        run_op(lambda _p: load_view_image(store.blobs.read(photo_id)), on_success=self._on_image_loaded,
               on_failure=self._on_image_failed, parent=self)

    # -- actions ---------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        tb = self.toolbar
        self.tool_group = QActionGroup(self)
        self.tool_group.setExclusive(True)
        self.tool_actions: dict[str | None, QAction] = {}
        labels = {None: self.tr("浏览"), "arrow": self.tr("箭头"), "circle": self.tr("圆圈"),
                  "rect": self.tr("矩形"), "text": self.tr("文字")}
        for tool, label in labels.items():
            act = QAction(label, self)
            act.setCheckable(True)
            act.setEnabled(tool is None or not self.read_only)
            act.triggered.connect(lambda _checked=False, t=tool: self.set_tool(t))
            self.tool_group.addAction(act)
            tb.addAction(act)
            self.tool_actions[tool] = act
        self.tool_actions[None].setChecked(True)
        self.color_box = QComboBox(self)
        for name, value in COLORS:
            self.color_box.addItem(self.tr(name), value)
        self.color_box.currentIndexChanged.connect(self._on_color_changed)
        self.color_box.setEnabled(not self.read_only)
        tb.addWidget(self.color_box)
        tb.addSeparator()
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("撤销"))
        self.undo_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Z))
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("重做"))
        self.redo_action.setShortcuts([QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_Z),
                                       QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Y)])
        self.clear_action = QAction(self.tr("清除标注"), self)
        self.clear_action.triggered.connect(self.clear_shapes)
        self.clear_action.setEnabled(not self.read_only)
        for act in (self.undo_action, self.redo_action, self.clear_action):
            tb.addAction(act)
            self.addAction(act)
        tb.addSeparator()
        zoom_in = QAction(self.tr("放大"), self)
        zoom_in.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence(Qt.Key.Key_Plus),
                              QKeySequence(Qt.Key.Key_Equal)])
        zoom_in.triggered.connect(lambda: self.canvas.zoom(1.25))
        zoom_out = QAction(self.tr("缩小"), self)
        zoom_out.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomOut), QKeySequence(Qt.Key.Key_Minus)])
        zoom_out.triggered.connect(lambda: self.canvas.zoom(0.8))
        fit = QAction(self.tr("适应窗口"), self)
        fit.setShortcut(QKeySequence(Qt.Key.Key_0))
        fit.triggered.connect(self.canvas.fit)
        self.save_action = QAction(self.tr("保存标注"), self)
        self.save_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_action.triggered.connect(self.save)
        self.save_action.setEnabled(not self.read_only)
        for act in (zoom_in, zoom_out, fit, self.save_action):
            tb.addAction(act)
            self.addAction(act)

    def set_tool(self, tool: str | None) -> None:
        self.tool = tool if not self.read_only else None
        self.tool_actions[self.tool].setChecked(True)
        self.canvas.setDragMode(QGraphicsView.DragMode.ScrollHandDrag if self.tool is None
                                else QGraphicsView.DragMode.NoDrag)

    @Slot(int)
    def _on_color_changed(self, _index: int) -> None:
        self.color = self.color_box.currentData() or DEFAULT_COLOR

    # -- shapes ----------------------------------------------------------------------------------
    def make_shape(self, a: QPointF, b: QPointF) -> dict:
        return {"type": self.tool or "rect", "x1": round(a.x(), 5), "y1": round(a.y(), 5),
                "x2": round(b.x(), 5), "y2": round(b.y(), 5), "text": "", "color": self.color,
                "width": DEFAULT_WIDTH}

    def add_shape(self, shape: dict) -> None:
        if not self.read_only:
            self.undo_stack.push(_AddShape(self, shape))

    def ask_text(self, x: float, y: float) -> None:
        text, ok = QInputDialog.getText(self, self.tr("文字标注"), self.tr("标注文字："))
        if ok and text.strip():
            self.add_shape({"type": "text", "x1": round(x, 5), "y1": round(y, 5), "x2": round(x, 5),
                            "y2": round(y, 5), "text": text.strip()[:200], "color": self.color,
                            "width": DEFAULT_WIDTH})

    def clear_shapes(self) -> None:
        if self.shapes and not self.read_only:
            self.undo_stack.push(_ClearShapes(self))

    def render_shapes(self) -> None:
        scene = self.canvas.scene()
        for item in self._overlay:
            scene.removeItem(item)
        self._overlay = []
        for shape in self.shapes:
            self._overlay += self.draw_shape(shape)

    def draw_shape(self, shape: dict, *, preview: bool = False) -> list[QGraphicsItem]:
        """Scene items for one shape, in image pixels (same proportions as the Pillow renderer)."""
        w, h = self.canvas.image_size()
        if not w or not h:
            return []
        scene = self.canvas.scene()
        unit = max(w, h) / 1000.0
        width = float(shape.get("width", DEFAULT_WIDTH))
        stroke = max(1.0, round(width * unit))
        color = QColor(shape.get("color") or DEFAULT_COLOR)
        pen = QPen(color, stroke)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        if preview:
            pen.setStyle(Qt.PenStyle.DashLine)
        x1, y1 = shape["x1"] * w, shape["y1"] * h
        x2, y2 = shape.get("x2", shape["x1"]) * w, shape.get("y2", shape["y1"]) * h
        box = QRectF(QPointF(min(x1, x2), min(y1, y2)), QPointF(max(x1, x2), max(y1, y2)))
        items: list[QGraphicsItem] = []
        kind = shape["type"]
        if kind == "rect":
            items.append(scene.addRect(box, pen))
        elif kind == "circle":
            items.append(scene.addEllipse(box, pen))
        elif kind == "arrow":
            for (ax, ay), (bx, by) in arrow_segments(x1, y1, x2, y2, stroke):
                items.append(scene.addLine(ax, ay, bx, by, pen))
            head = QPolygonF([QPointF(px, py) for px, py in arrow_head(x1, y1, x2, y2, stroke)])
            items.append(scene.addPolygon(head, QPen(color, 1), QBrush(color)))
        elif kind == "text":
            font = QFont(self.font())
            font.setPixelSize(max(8, round(8 * width * unit)))
            item = scene.addSimpleText(shape.get("text", ""), font)
            item.setBrush(QBrush(color))
            item.setPen(QPen(QColor("#FFFFFF"), max(1.0, font.pixelSize() / 32)))
            item.setPos(x1, y1)
            items.append(item)
        for item in items:
            item.setZValue(1)
        return items

    # -- load and save ---------------------------------------------------------------------------
    def _on_image_loaded(self, image: QImage) -> None:
        self.canvas.pixmap_item.setPixmap(QPixmap.fromImage(image))
        self.canvas.scene().setSceneRect(self.canvas.pixmap_item.boundingRect())
        self.canvas.fit()
        self.render_shapes()
        self.status.setText(self.tr("只读：记录已签署锁定") if self.read_only else "")
        self.image_loaded.emit()

    def _on_image_failed(self, exc: BaseException) -> None:
        log.warning("cannot show photo %s: %s", self.row.id, exc)
        self.status.setText(self.tr("无法显示照片：原始文件缺失或损坏"))

    def is_dirty(self) -> bool:
        return not self.undo_stack.isClean() or self.caption.text().strip() != self.row.caption

    def _writer(self):  # type: ignore[no-untyped-def]
        store, photo_id = self.ctx.store, self.row.id
        shapes, caption = [dict(s) for s in self.shapes], self.caption.text()

        def write(_progress):  # type: ignore[no-untyped-def]
            return svc.set_annotation(store, photo_id=photo_id, shapes=shapes) | \
                svc.set_caption(store, photo_id=photo_id, caption=caption)

        return write

    def save(self) -> None:
        if self.read_only or self._saving:
            return
        self._saving = True
        self.status.setText(self.tr("正在保存…"))
        run_op(self._writer(), on_success=self._on_saved, on_failure=self._on_save_failed, write=True,
               parent=self)

    def _on_saved(self, changes) -> None:  # type: ignore[no-untyped-def]
        self._saving = False
        self.undo_stack.setClean()
        self.row = svc.photo(self.ctx.store, photo_id=self.row.id)
        self.info.setText(describe(self.row))
        self.status.setText(self.tr("标注已保存"))
        self.ctx.bus.announce(changes)
        self.annotation_saved.emit(self.row.id)

    def _on_save_failed(self, exc: BaseException) -> None:
        from inspector.ui.messages import show_exception

        self._saving = False
        self.status.setText(self.tr("保存失败"))
        show_exception(self, exc)

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        # Nothing drawn is lost: unsaved marks are saved on close (the overlay never alters the original).
        # The dialog may be deleted before the write finishes, so the callback must not touch it:
        # the bus tells the panel (and any other view) to refresh.
        if self.is_dirty() and not self.read_only and not self._saving:
            run_op(self._writer(), on_success=self.ctx.bus.announce, write=True)
        super().closeEvent(event)
