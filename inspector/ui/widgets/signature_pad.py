"""签名板: a party signs with mouse, pen (QTabletEvent) or finger (QTouchEvent).

Strokes are recorded as normalised [x, y, t] points inside a 3:1 signing box (the same box the
PNG is rendered in by `inspector.services.signatures`), t in ms from the first point."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QShortcut,
    QTabletEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from inspector.services.signatures import ASPECT

Strokes = list[list[list[float]]]


class SignaturePad(QWidget):
    """Emits `changed()` after each finished stroke and on clear."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signature_pad")
        self.setMinimumSize(480, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._strokes: Strokes = []
        self._current: list[list[float]] | None = None
        self._clock = QElapsedTimer()
        self._read_only = False

    # -- public -----------------------------------------------------------------------------------

    def strokes(self) -> Strokes:
        return [list(map(list, s)) for s in self._strokes]

    def set_strokes(self, strokes: Strokes | None) -> None:
        self._strokes = [[list(p) for p in s] for s in (strokes or [])]
        self._current = None
        self.update()

    def is_empty(self) -> bool:
        return not any(len(s) > 1 for s in self._strokes)

    def clear(self) -> None:
        self._strokes, self._current = [], None
        self._clock.invalidate()
        self.update()
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.setCursor(Qt.CursorShape.ArrowCursor if read_only else Qt.CursorShape.CrossCursor)

    def box(self) -> QRectF:
        """The largest 3:1 rectangle centred in the widget: where strokes live."""
        w, h = self.width() - 8, self.height() - 8
        if w / max(h, 1) > ASPECT:
            bw, bh = h * ASPECT, h
        else:
            bw, bh = w, w / ASPECT
        return QRectF((self.width() - bw) / 2, (self.height() - bh) / 2, bw, bh)

    # -- input --------------------------------------------------------------------------------------

    def _point(self, pos: QPointF) -> list[float]:
        b = self.box()
        if not self._clock.isValid():
            self._clock.start()
        x = min(max((pos.x() - b.left()) / b.width(), 0.0), 1.0)
        y = min(max((pos.y() - b.top()) / b.height(), 0.0), 1.0)
        return [round(x, 5), round(y, 5), int(self._clock.elapsed())]

    def _begin(self, pos: QPointF) -> None:
        if self._read_only:
            return
        self._current = [self._point(pos)]
        self._strokes.append(self._current)
        self.update()

    def _extend(self, pos: QPointF) -> None:
        if self._current is None:
            return
        p = self._point(pos)
        if p[:2] != self._current[-1][:2]:
            self._current.append(p)
            self.update()

    def _end(self, pos: QPointF | None = None) -> None:
        if self._current is None:
            return
        if pos is not None:
            self._extend(pos)
        self._current = None
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._end(event.position())
        event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802
        # Accepting the tablet event stops Qt from synthesising mouse events for the same pen.
        t = event.type()
        if t == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif t == QEvent.Type.TabletMove:
            self._extend(event.position())
        elif t == QEvent.Type.TabletRelease:
            self._end(event.position())
        event.accept()

    def event(self, event: QEvent) -> bool:
        t = event.type()
        if t in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            points = event.points()  # type: ignore[attr-defined]
            if points:
                pos = points[0].position()  # one finger signs; further fingers are ignored
                if t == QEvent.Type.TouchBegin:
                    self._begin(pos)
                elif t == QEvent.Type.TouchUpdate:
                    self._extend(pos)
                else:
                    self._end(pos)
            event.accept()
            return True
        return super().event(event)

    # -- drawing ------------------------------------------------------------------------------------

    def paintEvent(self, _event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#fafafa"))
        b = self.box()
        p.fillRect(b, QColor("white"))
        p.setPen(QPen(QColor("#bdbdbd"), 1, Qt.PenStyle.DashLine))
        p.drawRect(b)
        base = b.top() + b.height() * 0.78
        p.drawLine(QPointF(b.left() + 12, base), QPointF(b.right() - 12, base))
        if not self._strokes:
            p.setPen(QColor("#9e9e9e"))
            p.drawText(b, Qt.AlignmentFlag.AlignCenter, self.tr("请在此处签名"))
        pen = QPen(QColor(20, 30, 80), max(2.0, b.height() * 0.018), Qt.PenStyle.SolidLine,
                   Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        for stroke in self._strokes:
            pts = [QPointF(b.left() + x * b.width(), b.top() + y * b.height()) for x, y, *_t in stroke]
            if len(pts) == 1:
                p.drawPoint(pts[0])
                continue
            path = QPainterPath(pts[0])
            for q in pts[1:]:
                path.lineTo(q)
            p.drawPath(path)
        p.end()


class SignatureDialog(QDialog):
    """Sign (or re-sign) as one party: who and what they attest is shown above the pad."""

    def __init__(self, who: str, attests: str, strokes: Strokes | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("签名 — {who}").format(who=who))
        self.pad = SignaturePad(self)
        self.pad.set_strokes(strokes)
        head = QLabel(f"<b>{who}</b><br>{attests}")
        head.setWordWrap(True)
        self.clear_btn = QPushButton(self.tr("清除(&C)"))
        self.clear_btn.setObjectName("clear")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_btn = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_btn.setText(self.tr("确认签名"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.clear_btn.clicked.connect(self.pad.clear)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self, activated=self.pad.clear)
        self.pad.changed.connect(self._update_ok)
        row = QHBoxLayout()
        row.addWidget(self.clear_btn)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.pad, 1)
        layout.addLayout(row)
        self.resize(720, 380)
        self._update_ok()

    def _update_ok(self) -> None:
        self.ok_btn.setEnabled(not self.pad.is_empty())

    def strokes(self) -> Strokes:
        return self.pad.strokes()
