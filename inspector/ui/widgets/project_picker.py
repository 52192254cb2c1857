"""A searchable project selector shared by the work views (inspections, materials, acceptance…).

It never holds every project (a city has 100 000): the drop-down lists a first page in code order,
and typing asks the store (the register's indexed search, off the UI thread, after a short pause;
the latest text wins) and shows what it finds under the field. The current value is looked up by
its key, so the picker shows the project it is given at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QComboBox, QCompleter

from inspector.services.project_picking import Choice, choice_of, find_choices, first_choice, first_choices
from inspector.ui.context import AppContext
from inspector.ui.ops import run_op


def _label(choice: Choice) -> str:
    return f"{choice[1]}  {choice[2]}"


class _Choices(QAbstractListModel):
    """A page of projects as one list: (text, id) items."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.items: list[tuple[str, str]] = []

    def set_items(self, items: list[tuple[str, str]]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def add(self, item: tuple[str, str]) -> int:
        row = len(self.items)
        self.beginInsertRows(QModelIndex(), row, row)
        self.items.append(item)
        self.endInsertRows()
        return row

    def row_of(self, project_id: str) -> int:
        return next((i for i, (_t, pid) in enumerate(self.items) if pid == project_id), -1)

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
    choices_loaded = Signal()  # the drop-down's first page (tests wait for it)
    found = Signal(int)  # what the typed text found arrived (how many shown)

    def __init__(self, ctx: AppContext, parent=None, *, allow_all: bool = False,  # type: ignore[no-untyped-def]
                 follows: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.allow_all = allow_all
        self.follows = follows
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumWidth(320)
        self.lineEdit().setPlaceholderText(self.tr("输入编号或名称查找项目"))
        self._choices = _Choices(self)
        self.setModel(self._choices)
        # Typed text is looked up in the store, not matched against the drop-down's page: the
        # combo's own completer is replaced by one over the search's answer.
        self.setCompleter(None)
        self._found = _Choices(self)
        self.finder = QCompleter(self._found, self)
        self.finder.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.finder.setWidget(self.lineEdit())
        self.finder.activated[QModelIndex].connect(self._on_finder_activated)
        self._generation = 0
        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(self._find)
        self.lineEdit().textEdited.connect(lambda _t: self._debounce.start())
        self.lineEdit().editingFinished.connect(self._on_line_edit_editing_finished)

        # The value is there at once (one indexed row); the drop-down's page comes from a worker.
        items = [(self.tr("全部项目"), "")] if allow_all else []
        first = None if allow_all else first_choice(ctx.store)
        if first is not None:
            items.append((_label(first), first[0]))
        self._choices.set_items(items)
        self.setCurrentIndex(0 if items else -1)
        self.reload()
        self.currentIndexChanged.connect(self._on_current_index_changed)
        ctx.bus.changed.connect(self._on_bus_changed)

    # -- the drop-down's page ---------------------------------------------------------------------

    def reload(self) -> None:
        """Ask for the first page again (and whether the current project still exists)."""
        store, keep = self.ctx.store, self.current_id()
        run_op(lambda _p: first_choices(store, keep=keep), parent=self,
               on_success=lambda found: self._on_first_page(keep, *found))

    def _on_first_page(self, keep: str, page: list[Choice], kept: Choice | None) -> None:
        current, current_text = self.current_id(), self.chosen_text()
        edit = self.lineEdit()
        typed, cursor = edit.text(), edit.cursorPosition()  # the inspector may be typing meanwhile
        items = [(self.tr("全部项目"), "")] if self.allow_all else []
        items += [(_label(c), c[0]) for c in page]
        if current and current == keep and kept is not None and not any(c[0] == current for c in page):
            items.append((_label(kept), current))  # the current one, though beyond the first page
        self.blockSignals(True)
        self._choices.set_items(items)
        row = self._choices.row_of(current) if current else (0 if self.allow_all else -1)
        gone = current and current == keep and kept is None
        if row < 0 and current and not gone:
            row = self._choices.add((current_text, current))  # chosen meanwhile: keep it
        self.setCurrentIndex(row if row >= 0 else (0 if items else -1))
        self.blockSignals(False)
        if typed != current_text:
            edit.setText(typed)
            edit.setCursorPosition(cursor)
        if gone or (not current and self.current_id()):
            self._on_current_index_changed(self.currentIndex())  # the project went away: say so
        self.choices_loaded.emit()

    # -- typing -----------------------------------------------------------------------------------

    def _find(self) -> None:
        text = self.lineEdit().text().strip()
        self._generation += 1
        generation = self._generation
        if not text or text == self.chosen_text().strip():
            self.finder.popup().hide()
            return
        store = self.ctx.store
        run_op(lambda _p: find_choices(store, text), parent=self,
               on_success=lambda found: self._on_found(generation, found))

    def _on_found(self, generation: int, found: list[Choice]) -> None:
        if generation != self._generation:
            return  # typed again meanwhile: the latest text wins
        self._found.set_items([(_label(c), c[0]) for c in found])
        # Still typing here (the field keeps the focus within its window): show what was found.
        if found and QApplication.focusWidget() in (self, self.lineEdit()):
            # As wide as the names it lists (the field alone would cut them), at least the field.
            popup = self.finder.popup()
            rect = self.lineEdit().rect()
            rect.setWidth(max(rect.width(), popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width()
                              + 2 * popup.frameWidth()))
            self.finder.complete(rect)
        elif not found:
            self.finder.popup().hide()
        self.found.emit(len(found))

    @Slot(QModelIndex)
    def _on_finder_activated(self, index: QModelIndex) -> None:
        text, pid = self._found.items[index.row()]
        row = self._choices.row_of(pid)
        if row < 0:
            row = self._choices.add((text, pid))
        self.setCurrentIndex(row)
        self.lineEdit().setText(self.chosen_text())

    def _on_line_edit_editing_finished(self) -> None:
        # Text typed but nothing chosen: the field shows the value it still has.
        if not self.finder.popup().isVisible() and self.lineEdit().text() != self.chosen_text():
            self._generation += 1
            self.lineEdit().setText(self.chosen_text())

    # -- the value --------------------------------------------------------------------------------

    def current_id(self) -> str:
        return self.currentData() or ""

    def chosen_text(self) -> str:
        """The current project's label (`currentText()` is whatever is typed in the field)."""
        return self.itemText(self.currentIndex()) if self.currentIndex() >= 0 else ""

    def select(self, project_id: str) -> bool:
        """Make project `project_id` the value (at once); False when there is no such live project."""
        row = self._choices.row_of(project_id)
        if row < 0:
            choice = choice_of(self.ctx.store, project_id) if project_id else None
            if choice is None:
                return False
            row = self._choices.add((_label(choice), project_id))
        self.setCurrentIndex(row)
        return True

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
