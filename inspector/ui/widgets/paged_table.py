"""A table view over a `PagedRowModel`: the store sorts (a click on a header asks it), the view
asks for the next page as the inspector scrolls, and the columns are measured on the first page
only (never on all rows)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

from inspector.ui.models.paged import PagedRowModel
from inspector.ui.widgets.table_fit import fit_columns


def set_up_paged_table(table: QTableView, model: PagedRowModel, *, sort_column: int | None,
                       order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
    """Show `model` in `table`, sorted by `sort_column` in `order`. A click on a column the store
    cannot sort by (a count made per shown row) leaves the sort as it was. `sort_column` None: the
    list has one order, its query's, and the headers do not sort."""
    table.setModel(model)
    if sort_column is not None:
        table.setSortingEnabled(True)
        table.sortByColumn(sort_column, order)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    fit_columns(table, once=True, precision=60)
    if sort_column is None:
        return
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


def current_id(table: QTableView, model: PagedRowModel) -> str:
    """The id of the row under the table's cursor, or ""."""
    idx = table.currentIndex()
    return model.row_at(idx.row()).id if idx.isValid() and idx.row() < len(model.rows) else ""


def select_id(table: QTableView, model: PagedRowModel, record_id: str) -> bool:
    """Put the cursor on the loaded row `record_id`; False when it is not among the rows loaded."""
    row = model.row_of_id(record_id)
    if row < 0:
        return False
    table.selectionModel().setCurrentIndex(
        model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    return True


def ask_keeping_selection(table: QTableView, model: PagedRowModel, query: object) -> None:
    """Ask the store for `query` (again, when it is the one shown: the store changed); the selected
    row stays selected when it comes back."""
    current = current_id(table, model)
    then = (lambda: select_id(table, model, current) and None) if current else None
    if query == model.query:
        model.refresh(then=then)
    else:
        model.set_query(query, then=then)


def count_text(model: PagedRowModel, total: int) -> str:
    """共 N 条, or 共 N+ 条 when the store stopped counting."""
    return QCoreApplication.translate("PagedTable", "共 {n} 条").format(n=f"{total}+" if model.capped else total)
