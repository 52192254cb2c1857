"""A table view over a `PagedRowModel`: the store sorts (a click on a header asks it), the view
asks for the next page as the inspector scrolls, and the columns are measured on the first page
only (never on all rows)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

from inspector.ui.models.paged import PagedRowModel
from inspector.ui.widgets.table_fit import fit_columns


def set_up_paged_table(table: QTableView, model: PagedRowModel, *, sort_column: int,
                       order: Qt.SortOrder) -> None:
    """Show `model` in `table`, sorted by `sort_column` in `order`. A click on a column the store
    cannot sort by (a count made per shown row) leaves the sort as it was."""
    table.setModel(model)
    table.setSortingEnabled(True)
    table.sortByColumn(sort_column, order)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    fit_columns(table, once=True, precision=60)
    header = table.horizontalHeader()
    last = [sort_column, order]

    def on_sort_indicator_changed(column: int, new_order: Qt.SortOrder) -> None:
        if 0 <= column < len(model.sort_keys) and model.sort_keys[column] is not None:
            last[:] = [column, new_order]
        else:
            header.blockSignals(True)
            header.setSortIndicator(last[0], last[1])
            header.blockSignals(False)

    header.sortIndicatorChanged.connect(on_sort_indicator_changed)
