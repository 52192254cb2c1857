"""A table model over a list of plain row snapshots (dataclasses), for every list in the app.

Columns are declared once: header, how to get the display value, optional sort key, alignment,
and optional foreground/background. Pair it with `FilterProxy` for search and sorting.

Headers are declared in Chinese and translated when shown (context "Columns"; scripts/i18n_tool.py
collects every `Column("…", …)` literal for lupdate), so no view has to wrap them itself."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

R = TypeVar("R")
_Index = QModelIndex | QPersistentModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row snapshot itself
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
ID_ROLE = Qt.ItemDataRole.UserRole + 3


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str
    value: Callable[[R], Any]
    sort: Callable[[R], Any] | None = None
    align_right: bool = False
    color: Callable[[R], str | None] | None = None  # foreground colour name, e.g. "#c62828"
    tooltip: Callable[[R], str | None] | None = None
    # How the view sizes it (inspector.ui.widgets.table_fit): a key column (record number, code)
    # always shows its whole value; the stretch column takes the spare width; any other column
    # fits its content and gives way (elided in the middle) when the window is narrow.
    key: bool = False
    stretch: bool = False
    max_width: int = 0  # pixels; 0: as wide as its content (up to table_fit.MAX_FIT)


class RowTableModel(QAbstractTableModel, Generic[R]):
    def __init__(self, columns: Sequence[Column[R]], parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[R] = []

    _order: tuple[int, Qt.SortOrder] | None = None  # the column the rows are sorted by, if any

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self.rows = self._sorted(list(rows))
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by one key per row (`Column.sort`, else its value), in Python's own sort:
        one call per row, not one Python comparison per pair, which froze the window on a list of
        tens of thousands. Selections follow their rows."""
        if not 0 <= column < len(self.columns):
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        old = [id(r) for r in self.rows]
        self.rows = self._sorted(self.rows)
        where = {id(r): i for i, r in enumerate(self.rows)}
        self.changePersistentIndexList(before, [self.index(where[old[i.row()]], i.column()) for i in before])
        self.layoutChanged.emit()

    def _sorted(self, rows: list[R]) -> list[R]:
        if self._order is None:
            return rows
        column, order = self._order
        col = self.columns[column]

        def key(r: R) -> Any:
            value = col.sort(r) if col.sort else col.value(r)
            return "" if value is None else value

        keys = [key(r) for r in rows]
        index = range(len(rows))
        try:
            ranked = sorted(index, key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        except TypeError:  # mixed kinds of value in one column: as text
            ranked = sorted(index, key=lambda i: str(keys[i]), reverse=order == Qt.SortOrder.DescendingOrder)
        return [rows[i] for i in ranked]

    def row_at(self, row: int) -> R:
        return self.rows[row]

    def row_of_id(self, record_id: str) -> int:
        for i, r in enumerate(self.rows):
            if getattr(r, "id", None) == record_id:
                return i
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("Columns", self.columns[section].header)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = col.value(row)
            return "" if value is None else str(value)
        if role == SORT_ROLE:
            key = col.sort(row) if col.sort else col.value(row)
            return "" if key is None else key
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return getattr(row, "id", None)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col.color:
            c = col.color(row)
            return QBrush(QColor(c)) if c else None
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip:
            return col.tooltip(row)
        return None


class FilterProxy(QSortFilterProxyModel):
    """Sorts by SORT_ROLE; filters rows by a predicate over the row snapshot (set_predicate)."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._predicate: Callable[[Any], bool] | None = None

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        self.beginFilterChange()
        self._predicate = predicate
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        if self._predicate is None:
            return True
        model = self.sourceModel()
        row = model.rows[source_row]  # type: ignore[attr-defined]
        return self._predicate(row)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted by the source (`RowTableModel.sort`, one key per row); the proxy keeps its order."""
        source = self.sourceModel()
        if isinstance(source, RowTableModel):
            source.sort(column, order)
        else:
            super().sort(column, order)
