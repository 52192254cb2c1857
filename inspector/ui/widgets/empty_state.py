"""What an empty list says: not a blank white box, but what to do next ("no project selected:
choose one above", "no red flags", "press Ctrl+N to start an inspection").

`set_empty_text(view, text)` puts the text in the middle of the view's viewport while the view's
model has no rows; it follows the model (reset, rows added or removed, filter changes)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel


class _EmptyText(QObject):
    def __init__(self, view: QAbstractItemView, text: str | Callable[[], str]) -> None:
        super().__init__(view)
        self.view = view
        self.text = text
        self.label = QLabel(view.viewport())
        self.label.setObjectName("emptyText")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setStyleSheet("color:#607d8b; padding:12px;")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.update)
        view.viewport().installEventFilter(self)
        self.update()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.label.setGeometry(self.view.viewport().rect().adjusted(20, 20, -20, -20))
        return False

    def update(self, *_args: object) -> None:
        empty = self.view.model().rowCount() == 0
        if empty:
            self.label.setText(self.text() if callable(self.text) else self.text)
            self.label.setGeometry(self.view.viewport().rect().adjusted(20, 20, -20, -20))
        self.label.setVisible(empty)


def set_empty_text(view: QAbstractItemView, text: str | Callable[[], str]) -> QLabel:
    """Show `text` (or what `text()` returns at that moment) while `view` has no rows."""
    helper = getattr(view, "_empty_text", None)
    if helper is None:
        helper = _EmptyText(view, text)
        view._empty_text = helper  # type: ignore[attr-defined]
    else:
        helper.text = text
        helper.update()
    return helper.label
