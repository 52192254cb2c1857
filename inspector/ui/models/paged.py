"""A table model over a query that the store answers one page at a time (the project register).

The model holds the pages it has been shown so far; the view asks for the next one when the user
scrolls near the end (`canFetchMore` / `fetchMore`). Filtering and sorting change the query and the
store answers it with an index: nothing sorts or filters rows in Python, so a list of 100 000
projects opens, sorts and filters at the cost of one page.

Every query runs off the GUI thread (`run_op`). Each new query gets a number; a page that arrives
for an older one (the inspector typed again meanwhile) is dropped, so the latest query wins."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from inspector.ui.models.table import Column, RowTableModel
from inspector.ui.ops import run_op

R = TypeVar("R")
_Index = QModelIndex | QPersistentModelIndex

PAGE = 200

# fetch(query, offset, limit) -> an object with .rows, .total and .offset (runs on a worker).
Fetch = Callable[[Any, int, int], Any]


class PagedRowModel(RowTableModel[R], Generic[R]):
    """`RowTableModel` whose rows come from `fetch`, a page at a time. `sort_keys[c]` names column
    c's sort order in the query (None: not sortable); the query is a frozen dataclass with `sort`
    and `descending` fields."""

    loaded = Signal(int)  # the first page of a new query arrived; the argument: how many match in all
    loading_changed = Signal(bool)

    def __init__(self, columns: Sequence[Column[R]], sort_keys: Sequence[str | None], fetch: Fetch,
                 parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(columns, parent)
        self.sort_keys = list(sort_keys)
        self.fetch = fetch
        self.query: Any = None
        self.total = 0
        self.capped = False  # `total` is a lower bound (the store stopped counting)
        self.answer: Any = None  # the query's first page as `fetch` returned it (it may say more)
        self.generation = 0
        self.pending = False  # a query or a page is on its way
        self._more = False  # a next page is on its way
        self._want = 0  # rows wanted before `_then` runs (navigation to a row far down)
        self._then: Callable[[], None] | None = None

    # -- queries ----------------------------------------------------------------------------------

    def set_query(self, query: Any, *, rows: int = PAGE, then: Callable[[], None] | None = None) -> None:
        """Ask for `query`'s first `rows` rows (at least a page); `then()` runs once they are in."""
        self.query = query
        self.generation += 1
        generation = self.generation
        self._set_pending(True)
        self._more = False
        self._want, self._then = 0, None
        fetch = self.fetch
        limit = max(PAGE, rows)
        run_op(lambda _p: fetch(query, 0, limit), parent=self,
               on_success=lambda found: self._on_first(generation, found, then))

    def refresh(self, *, rows: int | None = None, then: Callable[[], None] | None = None) -> None:
        """Ask again (the store changed), keeping as many rows as are shown now."""
        if self.query is not None:
            self.set_query(self.query, rows=max(len(self.rows), rows or 0), then=then)

    def fetch_until(self, count: int, then: Callable[[], None]) -> None:
        """Load rows until there are `count` (or all), then call `then`."""
        if len(self.rows) >= min(count, self.total):
            then()
            return
        self._want, self._then = count, then
        if not self._more:
            self._fetch_next(count - len(self.rows))

    def _on_first(self, generation: int, found: Any, then: Callable[[], None] | None) -> None:
        if generation != self.generation:
            return  # an older query: the inspector has moved on
        self.beginResetModel()
        self.rows = list(found.rows)
        self.total = found.total
        self.answer = found
        self.capped = bool(getattr(found, "capped", False))
        self.endResetModel()
        self._set_pending(False)
        self.loaded.emit(self.total)
        if then is not None:
            then()

    def _fetch_next(self, count: int = PAGE) -> None:
        generation, query, offset = self.generation, self.query, len(self.rows)
        fetch = self.fetch
        self._more = True
        self._set_pending(True)
        run_op(lambda _p: fetch(query, offset, max(PAGE, count)), parent=self,
               on_success=lambda found: self._on_more(generation, found))

    def _on_more(self, generation: int, found: Any) -> None:
        if generation != self.generation:
            return
        if found.offset != len(self.rows):  # asked before this query's first page replaced the rows
            self._more = False
            self._set_pending(False)
            return
        self._more = False
        self._set_pending(False)
        if found.rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(found.rows) - 1)
            self.rows.extend(found.rows)
            self.endInsertRows()
        if self.capped and len(self.rows) >= self.total and found.rows:
            self.total = len(self.rows) + 1  # counted only so far: there may be more
        elif self.capped and not found.rows:
            self.total, self.capped = len(self.rows), False
        if self._then is not None and (len(self.rows) >= min(self._want, self.total) or not found.rows):
            then, self._then = self._then, None
            then()
        elif self._then is not None:
            self._fetch_next(self._want - len(self.rows))

    def _set_pending(self, pending: bool) -> None:
        if pending != self.pending:
            self.pending = pending
            self.loading_changed.emit(pending)

    # -- Qt ---------------------------------------------------------------------------------------

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008, N802
        # Not while a page is on its way: until a new query's first page is in, the rows and the
        # total are the old query's (a page asked for then would land at the wrong offset).
        return not parent.isValid() and not self.pending and len(self.rows) < self.total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008, N802
        if self.canFetchMore(parent):
            self._fetch_next()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.sort_keys[column] if 0 <= column < len(self.sort_keys) else None
        if key is None or self.query is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (self.query.sort, self.query.descending) != (key, descending):
            self.set_query(dataclasses.replace(self.query, sort=key, descending=descending))
