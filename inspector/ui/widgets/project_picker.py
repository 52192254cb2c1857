"""A searchable project selector shared by the work views (inspections, materials, acceptance…)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QCompleter

from inspector.services.project_search import project_choices
from inspector.ui.context import AppContext


class _Choices(QAbstractListModel):
    """The picker's items as one list (a reset per reload, not an item per project: a city's
    100 000 projects fill it at once)."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.items: list[tuple[str, str]] = []  # (text, id)

    def set_items(self, items: list[tuple[str, str]]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text, pid = self.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return text
        if role == Qt.ItemDataRole.UserRole:
            return pid
        return None


class ProjectPicker(QComboBox):
    """Emits `project_changed(id)` ("" for 全部项目 when `allow_all`). Follows the store's changes.

    A chosen project becomes the app's current project (`ctx.current_project_id`); a picker that
    `follows` (a section about one project) switches to the current project when it is shown."""

    project_changed = Signal(str)

    def __init__(self, ctx: AppContext, parent=None, *, allow_all: bool = False,  # type: ignore[no-untyped-def]
                 follows: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.allow_all = allow_all
        self.follows = follows
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumWidth(320)
        self._choices = _Choices(self)
        self.setModel(self._choices)
        completer = self.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.reload()
        self.currentIndexChanged.connect(self._on_current_index_changed)
        ctx.bus.changed.connect(self._on_bus_changed)

    def reload(self) -> None:
        current = self.current_id()
        self.blockSignals(True)
        items = [(self.tr("全部项目"), "")] if self.allow_all else []
        items += [(f"{code}  {name}", pid) for pid, code, name in project_choices(self.ctx.store)]
        self._choices.set_items(items)
        self.setCurrentIndex(0 if items else -1)
        self.blockSignals(False)
        if current:
            self.select(current)

    def current_id(self) -> str:
        return self.currentData() or ""

    def select(self, project_id: str) -> bool:
        idx = next((i for i, (_t, pid) in enumerate(self._choices.items) if pid == project_id), -1)
        if idx >= 0:
            self.setCurrentIndex(idx)
            return True
        return False

    @Slot(int)
    def _on_current_index_changed(self, _index: int) -> None:
        if self.current_id():
            self.ctx.current_project_id = self.current_id()
        self.project_changed.emit(self.current_id())

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        current = self.ctx.current_project_id
        if self.follows and current and current != self.current_id():
            self.select(current)
        super().showEvent(event)

    def _on_bus_changed(self, changes) -> None:  # type: ignore[no-untyped-def]
        if changes.touches("projects"):
            self.reload()
