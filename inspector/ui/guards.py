"""Two app-wide habits, installed once on the QApplication (`install(app)`):

* The mouse wheel never changes a combo box or spin box that does not have the keyboard focus:
  scrolling a long form (the acceptance record) must scroll it, not silently change 功能性试验
  results that are then autosaved. Such widgets take focus by click or Tab only, and an unfocused
  one passes the wheel on to the form around it.
* A window or dialog never opens larger than the screen it appears on (a 1000 px tall PDF preview
  on a 1000 px screen hides its own buttons): it is shrunk to the screen's free area and moved
  inside it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QWidget

# Room left for the window frame and title bar, which frameGeometry() does not know before the
# window manager has decorated the window.
FRAME_ALLOWANCE = (16, 40)


def _wheel_guarded(obj: QObject) -> bool:
    return isinstance(obj, QComboBox | QAbstractSpinBox)


def fit_to_screen(window: QWidget) -> None:
    """Shrink `window` to the free area of its screen and move it inside, if it does not fit."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        return
    free = screen.availableGeometry()
    max_w, max_h = free.width() - FRAME_ALLOWANCE[0], free.height() - FRAME_ALLOWANCE[1]
    size = window.size()
    if size.width() > max_w or size.height() > max_h:
        window.resize(min(size.width(), max_w), min(size.height(), max_h))
    frame = window.frameGeometry()
    x = min(max(frame.x(), free.x()), free.right() - frame.width() + 1)
    y = min(max(frame.y(), free.y()), free.bottom() - frame.height() + 1)
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, free.x()), max(y, free.y()))


class _Guards(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.Polish and _wheel_guarded(obj):
            if obj.focusPolicy() == Qt.FocusPolicy.WheelFocus:  # type: ignore[attr-defined]
                obj.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # type: ignore[attr-defined]
        elif kind == QEvent.Type.Wheel and _wheel_guarded(obj) and not obj.hasFocus():  # type: ignore[attr-defined]
            self._pass_on(obj, event)  # type: ignore[arg-type]
            return True
        elif kind == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow() \
                and obj.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog):
            fit_to_screen(obj)
        return False

    @staticmethod
    def _pass_on(widget: QWidget, event: QWheelEvent) -> None:
        """Deliver the wheel to the scroll area around the box, as if the box were not there. (Qt
        does not propagate a wheel event it did not get from the system, so it is sent there.)"""
        area = widget.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is None:
            return
        target = area.viewport()
        pos = QPointF(target.mapFromGlobal(event.globalPosition().toPoint()))
        forwarded = QWheelEvent(pos, event.globalPosition(), event.pixelDelta(), event.angleDelta(),
                                event.buttons(), event.modifiers(), event.phase(), event.inverted(),
                                event.source())
        QApplication.sendEvent(target, forwarded)


def install(app: QApplication) -> None:
    """Install the guards on `app` (once)."""
    if getattr(app, "_inspector_guards", None) is None:
        guards = _Guards(app)
        app.installEventFilter(guards)
        app._inspector_guards = guards  # type: ignore[attr-defined]
