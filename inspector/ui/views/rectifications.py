"""整改跟踪: every rectification notice across projects — what is open, due this week, overdue.
Overdue rows are red; double-click (or Enter) opens the notice editor."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.rules import rectification as rules
from inspector.domain.vocab import RECTIFICATION_STATUS_LABELS
from inspector.services import findings as fsvc
from inspector.ui.context import AppContext
from inspector.ui.models.table import Column, FilterProxy, RowTableModel
from inspector.ui.shortcuts import add_action
from inspector.ui.widgets.empty_state import set_empty_text
from inspector.ui.widgets.project_picker import ProjectPicker
from inspector.ui.widgets.table_fit import fit_columns

OVERDUE_COLOR = "#c62828"


def _red(r: fsvc.RectRow) -> str | None:
    return OVERDUE_COLOR if r.overdue else None


COLUMNS: list[Column[fsvc.RectRow]] = [
    Column("项目", lambda r: f"{r.project_code} {r.project_name}", color=_red, stretch=True),
    Column("通知书编号", lambda r: r.notice_no, color=_red, key=True),
    Column("类型", lambda r: QCoreApplication.translate("Choices", r.title), color=_red, key=True),
    Column("问题数", lambda r: r.findings, align_right=True, color=_red, key=True),
    Column("严重程度", lambda r: QCoreApplication.translate("Choices", r.severity), sort=lambda r: rules.SEVERITY_RANK.get(r.severity, 0), color=_red,
           key=True),
    Column("整改期限", lambda r: r.deadline.isoformat() if r.deadline else "",
           sort=lambda r: r.deadline or dt.date.max, color=_red, key=True),
    Column("逾期天数", lambda r: r.days_overdue or "", sort=lambda r: r.days_overdue, align_right=True, color=_red,
           key=True),
    Column("状态", lambda r: QCoreApplication.translate("Choices", RECTIFICATION_STATUS_LABELS.get(r.status, r.status)),
           color=_red, key=True),
]

# Quick filters: (label, predicate)
FILTERS: list[tuple[str, Any]] = [
    ("全部", lambda r: True),
    ("未销项", lambda r: r.open),
    ("本周到期", lambda r: r.due_soon),
    ("已逾期", lambda r: r.overdue),
]


class RectificationsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today: dt.date | None = None  # None: the real today; tests pin a date
        self.picker = ProjectPicker(ctx, self, allow_all=True)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索项目、编号、要求…（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.quick = QButtonGroup(self)
        bar = QHBoxLayout()
        for i, (label, _p) in enumerate(FILTERS):
            b = QRadioButton(self.tr(label))
            b.setObjectName(f"quickFilter{i}")
            self.quick.addButton(b, i)
            bar.addWidget(b)
        self.quick.button(1).setChecked(True)
        bar.addWidget(self.picker)
        bar.addWidget(self.search, 1)
        self.summary = QLabel()
        self.summary.setObjectName("rectSummary")

        self.model: RowTableModel[fsvc.RectRow] = RowTableModel(COLUMNS, self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("rectificationsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(5, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        fit_columns(self.table)
        set_empty_text(self.table, self.tr("没有符合条件的整改通知。整改通知在监督检查的“问题与整改”页下发。"))
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.activated.connect(self._on_table_double_clicked)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        add_action(self, self.tr("搜索"), [QKeySequence.StandardKey.Find], self._focus_search)
        self.quick.idClicked.connect(self._apply_filter)
        self.search.textChanged.connect(self._apply_filter)
        self.picker.project_changed.connect(self._apply_filter)
        ctx.bus.changed.connect(self._on_bus_changed)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        rows = fsvc.list_rectifications(self.ctx.store, today=self.today)
        self.model.set_rows(rows)
        overdue = sum(r.overdue for r in rows)
        due = sum(r.due_soon for r in rows)
        open_ = sum(r.open for r in rows)
        self.summary.setText(self.tr("未销项 {o} 份，本周到期 {d} 份，已逾期 {x} 份").format(o=open_, d=due, x=overdue))
        self._apply_filter()

    def set_quick_filter(self, index: int) -> None:
        self.quick.button(index).setChecked(True)
        self._apply_filter()

    def _apply_filter(self, *_args: object) -> None:
        quick = FILTERS[max(self.quick.checkedId(), 0)][1]
        project = self.picker.current_id()
        words = self.search.text().lower().split()

        def keep(r: fsvc.RectRow) -> bool:
            return (quick(r) and (not project or r.project_id == project)
                    and all(w in r.haystack for w in words))

        self.proxy.set_predicate(keep)

    def _on_bus_changed(self, changes: Any) -> None:
        if changes.touches("rectifications", "findings", "rectification_replies", "projects"):
            self.refresh()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_notice(self.model.row_at(self.proxy.mapToSource(index).row()).id)

    def open_notice(self, rectification_id: str) -> Any:
        from inspector.ui.views.inspection_notice import NoticeDialog

        self.notice_dialog = NoticeDialog(self.ctx, rectification_id, self)
        self.notice_dialog.show()
        return self.notice_dialog

    def open_record(self, kind: str, record_id: str) -> bool:
        if kind not in ("rectification", "notice"):
            return False
        row = self.model.row_of_id(record_id)
        if row < 0:
            return False
        self.set_quick_filter(0)
        self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
        self.open_notice(record_id)
        return True

    def focus_default(self) -> None:
        self.table.setFocus()
