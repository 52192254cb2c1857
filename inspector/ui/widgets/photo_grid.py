"""How the photo grid draws a photo: the thumbnail at its own aspect ratio, centred in its cell,
and the caption below it, wrapped over as many lines as it needs (up to `MAX_LINES`; the tooltip
holds everything). The cells share the grid's width: as many columns as fit, never fewer than one."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPixmap, QTextLayout, QTextOption
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

_Index = QModelIndex | QPersistentModelIndex

MIN_CELL = 112  # narrowest cell: a thumbnail a user can still recognise
SPACING = 6
PAD = 4
MAX_LINES = 3


def fit_rect(image: QSize, box: QRect) -> QRect:
    """The largest rectangle of the image's aspect ratio inside `box`, centred (never stretched)."""
    if image.isEmpty() or box.isEmpty():
        return QRect(box.topLeft(), QSize(0, 0))
    size = image.scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
    return QRect(box.x() + (box.width() - size.width()) // 2, box.y() + (box.height() - size.height()) // 2,
                 size.width(), size.height())


def caption_lines(text: str, font: QFont, width: int, max_lines: int = MAX_LINES) -> list[str]:
    """`text` broken into lines of at most `width` pixels (anywhere: Chinese has no spaces); the
    last allowed line is elided when the text is longer still."""
    metrics = QFontMetrics(font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout = QTextLayout(text, font)
    layout.setTextOption(option)
    layout.beginLayout()
    lines: list[str] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append(text[line.textStart(): line.textStart() + line.textLength()])
    layout.endLayout()
    if len(lines) > max_lines:
        rest = "".join(lines[max_lines - 1:])
        lines = lines[: max_lines - 1] + [metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)]
    return lines


class PhotoDelegate(QStyledItemDelegate):
    """Paints one photo cell. `cell` is set by the panel from the grid's width (set_width)."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view
        self.cell = QSize(MIN_CELL, MIN_CELL)

    def set_width(self, available: int) -> int:
        """Share `available` pixels among as many columns as fit; returns the column count."""
        columns = max(1, (available - SPACING) // (MIN_CELL + SPACING))
        width = max(MIN_CELL, (available - SPACING) // columns - SPACING)
        line = self.view.fontMetrics().lineSpacing()
        self.cell = QSize(width, self.box_height(width) + PAD * 3 + line * MAX_LINES)
        return columns

    @staticmethod
    def box_height(width: int) -> int:
        return (width - 2 * PAD) * 3 // 4  # a landscape photo fills it; a portrait one is centred

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        return QSize(self.cell)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        painter.save()
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        box = QRect(rect.x() + PAD, rect.y() + PAD, rect.width() - 2 * PAD, self.box_height(rect.width()))
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            target = fit_rect(pixmap.size(), box)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawPixmap(target, pixmap)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        metrics = QFontMetrics(option.font)
        top = box.bottom() + PAD
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        painter.setFont(option.font)
        for line in caption_lines(text, option.font, box.width()):
            painter.drawText(QRectF(box.x(), top, box.width(), metrics.lineSpacing()),
                             int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), line)
            top += metrics.lineSpacing()
        painter.restore()
