"""Lists sort by one key per row in Python's sort, not by a Python comparison per pair (which froze
the window on tens of thousands of rows): a click on a header orders the rows as `sorted` would,
descending too, and the selected row stays selected."""

from __future__ import annotations

import random
from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

from inspector.ui.models.table import Column, FilterProxy, RowTableModel


@dataclass(frozen=True)
class Row:
    id: str
    name: str
    days: int | None


def test_a_header_click_sorts_by_one_key_per_row_and_the_selection_follows(qtbot, qtmodeltester):
    rnd = random.Random(5)
    rows = [Row(f"r{i}", rnd.choice(["南川东路", "民和巷", "七一路", "西关大街"]) + str(rnd.randrange(50)),
                rnd.choice([None, *range(40)])) for i in range(3000)]
    keyed: list[int] = []

    def days(r: Row) -> int:
        keyed.append(1)
        return -1 if r.days is None else r.days

    model = RowTableModel([Column("小区", lambda r: r.name), Column("超期天数", lambda r: r.days, sort=days)])
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    model.set_rows(rows)
    view.resize(600, 400)
    view.show()
    proxy.set_predicate(lambda r: not r.name.startswith("七一路"))  # a filter on top keeps the sorted order
    shown = [r for r in rows if not r.name.startswith("七一路")]

    def order() -> list[str]:
        return [proxy.index(i, 0).data(Qt.ItemDataRole.UserRole + 3) for i in range(proxy.rowCount())]

    by_id = {r.id: r for r in rows}

    def sorted_by_days(ids: list[str], descending: bool) -> bool:
        keys = [-1 if by_id[i].days is None else by_id[i].days for i in ids]
        return sorted(ids) == sorted(r.id for r in shown) and keys == sorted(keys, reverse=descending)

    header = view.horizontalHeader()
    keyed.clear()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(1) + 5, 5))
    ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert len(keyed) == len(rows)  # one key per row, whatever the number of comparisons
    assert sorted_by_days(order(), descending=not ascending)
    view.selectRow(17)
    picked = order()[17]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(1) + 5, 5))
    assert sorted_by_days(order(), descending=ascending)
    selected = view.selectionModel().selectedRows()
    assert [i.data(Qt.ItemDataRole.UserRole + 3) for i in selected] == [picked]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(0) + 5, 5))
    names = [proxy.index(i, 0).data() for i in range(proxy.rowCount())]
    assert names in (sorted(names), sorted(names, reverse=True))
    # New rows (a refresh) arrive in the chosen order.
    model.set_rows(list(reversed(rows)))
    assert [proxy.index(i, 0).data() for i in range(proxy.rowCount())] in (sorted(names), sorted(names, reverse=True))
    qtmodeltester.check(proxy)
