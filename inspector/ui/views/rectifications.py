"""整改跟踪: every rectification notice across projects — what is open, due this week, overdue.
Overdue rows are red; double-click (or Enter) opens the notice editor."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.clock import china_today
from inspector.domain.vocab import RECTIFICATION_STATUS_LABELS
from inspector.services import findings as fsvc
from inspector.services.errors import NotFound
from inspector.services.rectification_list import RectificationQuery, notice_counts, page_rectifications
from inspector.ui.context import AppContext
from inspector.ui.models.paged import PagedRowModel
from inspector.ui.models.table import Column
from inspector.ui.ops import run_op
from inspector.ui.shortcuts import add_action
from inspector.ui.widgets.empty_state import set_empty_text
from inspector.ui.widgets.paged_table import (
    ask_keeping_selection,
    count_text,
    select_id,
    set_up_paged_table,
)
from inspector.ui.widgets.project_picker import ProjectPicker

OVERDUE_COLOR = "#c62828"


def _red(r: fsvc.RectRow) -> str | None:
    return OVERDUE_COLOR if r.overdue else None


COLUMNS: list[Column[fsvc.RectRow]] = [
    Column("项目", lambda r: f"{r.project_code} {r.project_name}", color=_red, stretch=True),
    Column("通知书编号", lambda r: r.notice_no, color=_red, key=True),
    Column("类型", lambda r: QCoreApplication.translate("Choices", r.title), color=_red, key=True),
    Column("问题数", lambda r: r.findings, align_right=True, color=_red, key=True),
    Column("严重程度", lambda r: QCoreApplication.translate("Choices", r.severity), color=_red, key=True),
    Column("整改期限", lambda r: r.deadline.isoformat() if r.deadline else "", color=_red, key=True),
    Column("逾期天数", lambda r: r.days_overdue or "", align_right=True, color=_red, key=True),
    Column("状态", lambda r: QCoreApplication.translate("Choices", RECTIFICATION_STATUS_LABELS.get(r.status, r.status)),
           color=_red, key=True),
]

# How the store sorts each column (services/rectification_list.SORTS); 问题数 and 严重程度 come from
# the notice's findings, counted per shown row, so they are not sort orders.
SORT_KEYS = ["project", "notice_no", "action", None, None, "deadline", "days_overdue", "status"]

# Quick filters: (label, the query's filter)
FILTERS: list[tuple[str, str]] = [
    ("全部", "all"),
    ("未销项", "open"),
    ("本周到期", "due"),
    ("已逾期", "overdue"),
]


class RectificationsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today: dt.date | None = None  # None: the real today; tests pin a date
        self._counts_asked = 0  # the latest summary asked for (see refresh)
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

        self.count = QLabel()
        self.count.setObjectName("rectCount")

        store = ctx.store
        # The store filters, sorts and pages; the view shows what it answers.
        self.model: PagedRowModel[fsvc.RectRow] = PagedRowModel(
            COLUMNS, SORT_KEYS, lambda q, offset, limit: page_rectifications(store, q, offset=offset, limit=limit),
            self)
        self.model.loaded.connect(self._on_model_loaded)
        self.proxy = self.model  # the table's model; kept under the old name for callers and tests
        self.table = QTableView()
        self.table.setObjectName("rectificationsTable")
        set_up_paged_table(self.table, self.model, sort_column=5, order=Qt.SortOrder.AscendingOrder)
        set_empty_text(self.table, self.tr("没有符合条件的整改通知。整改通知在监督检查的“问题与整改”页下发。"))
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.activated.connect(self._on_table_double_clicked)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        add_action(self, self.tr("搜索"), [QKeySequence.StandardKey.Find], self._focus_search)
        self.quick.idClicked.connect(self._apply_filter)
        # Typing asks the store after a short pause (one query for a burst of keys); the latest wins.
        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.picker.project_changed.connect(self._apply_filter)
        ctx.bus.changed.connect(self._on_bus_changed)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Ask the store again (off the GUI thread): the summary's counts and the rows shown now."""
        store, today = self.ctx.store, self.today
        # Counts asked earlier may arrive after these (the pool runs them side by side): the latest wins.
        self._counts_asked = asked = self._counts_asked + 1
        run_op(lambda _p: notice_counts(store, today=today), on_success=lambda c: self._on_counts(asked, c),
               parent=self)
        self._apply_filter(again=True)

    def _on_counts(self, asked: int, c: Any) -> None:
        if asked != self._counts_asked:
            return
        self.summary.setText(self.tr("未销项 {o} 份，本周到期 {d} 份，已逾期 {x} 份").format(
            o=c.open, d=c.due, x=c.overdue))

    def set_quick_filter(self, index: int) -> None:
        self.quick.button(index).setChecked(True)
        self._apply_filter()

    def _query(self) -> RectificationQuery:
        header = self.table.horizontalHeader()
        column = header.sortIndicatorSection()
        sort = SORT_KEYS[column] if 0 <= column < len(SORT_KEYS) and SORT_KEYS[column] else "deadline"
        return RectificationQuery(text=self.search.text(), project_id=self.picker.current_id() or None,
                                  quick=FILTERS[max(self.quick.checkedId(), 0)][1],
                                  today=self.today or china_today(), sort=sort,
                                  descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder)

    def _apply_filter(self, *_args: object, again: bool = False) -> None:
        """One query for what the filters say now (off the GUI thread); the selected notice stays
        selected when it comes back."""
        query = self._query()
        if query == self.model.query and not again:
            return
        ask_keeping_selection(self.table, self.model, query)

    def _on_model_loaded(self, total: int) -> None:
        self.count.setText(count_text(self.model, total))

    def _select(self, rectification_id: str) -> bool:
        return select_id(self.table, self.model, rectification_id)

    def _on_bus_changed(self, changes: Any) -> None:
        if changes.touches("rectifications", "findings", "rectification_replies", "projects"):
            self.refresh()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_notice(self.model.row_at(index.row()).id)

    def open_notice(self, rectification_id: str) -> Any:
        from inspector.ui.views.inspection_notice import NoticeDialog

        self.notice_dialog = NoticeDialog(self.ctx, rectification_id, self)
        self.notice_dialog.show()
        return self.notice_dialog

    def open_record(self, kind: str, record_id: str) -> bool:
        if kind not in ("rectification", "notice"):
            return False
        try:
            fsvc.get_rectification(self.ctx.store, record_id)  # one notice by its key
        except NotFound:
            return False
        # Shown among all notices of every project, when its page is in; opened at once.
        for w in (self.search, self.picker):
            w.blockSignals(True)
        self.search.clear()
        if self.picker.current_id():
            self.picker.setCurrentIndex(0)
        for w in (self.search, self.picker):
            w.blockSignals(False)
        self.quick.button(0).setChecked(True)
        self.model.set_query(self._query(), then=lambda: self._select(record_id))
        self.open_notice(record_id)
        return True

    def focus_default(self) -> None:
        self.table.setFocus()
