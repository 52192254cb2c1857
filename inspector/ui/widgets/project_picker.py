"""A searchable project selector shared by the work views (inspections, materials, acceptance…)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QCompleter

from inspector.services.projects import list_projects
from inspector.ui.context import AppContext


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
        completer = self.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.reload()
        self.currentIndexChanged.connect(self._on_current_index_changed)
        ctx.bus.changed.connect(self._on_bus_changed)

    def reload(self) -> None:
        current = self.current_id()
        self.blockSignals(True)
        self.clear()
        if self.allow_all:
            self.addItem(self.tr("全部项目"), "")
        for row in list_projects(self.ctx.store):
            self.addItem(f"{row.code}  {row.name}", row.id)
        self.blockSignals(False)
        if current:
            self.select(current)

    def current_id(self) -> str:
        return self.currentData() or ""

    def select(self, project_id: str) -> bool:
        idx = self.findData(project_id)
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
