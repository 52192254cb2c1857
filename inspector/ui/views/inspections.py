"""监督检查: the list of inspections (by project and status) and the inspection editor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.clock import fmt_china
from inspector.domain.vocab import INSPECTION_STATUS_LABELS
from inspector.services import inspections as svc
from inspector.services.errors import NotFound
from inspector.services.inspection_list import InspectionQuery, page_inspections
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

if TYPE_CHECKING:
    from inspector.ui.views.inspection_editor import InspectionEditor


def _status(r: svc.InspectionRow) -> str:
    if r.locked:
        return QCoreApplication.translate("InspectionsView", "已签署")
    # The labels are collected for this context by scripts/i18n_tool.py (INSPECTION_STATUS_LABELS).
    return QCoreApplication.translate("InspectionsView", INSPECTION_STATUS_LABELS.get(r.status, r.status))


COLUMNS: list[Column[svc.InspectionRow]] = [
    Column("记录编号", lambda r: r.record_no, key=True),
    Column("项目", lambda r: f"{r.project_code} {r.project_name}", stretch=True),
    Column("检查类型", lambda r: QCoreApplication.translate("Choices", r.kind), key=True),
    Column("检查时间", lambda r: fmt_china(r.started_at), key=True),
    Column("检查人员", lambda r: r.inspector_name),
    Column("问题数", lambda r: r.findings, align_right=True, key=True),
    Column("状态", _status, key=True),
]
# How the store sorts each column (services/inspection_list.SORTS); 问题数 is counted per shown row,
# so it is not a sort order.
SORT_KEYS = ["record_no", "project", "kind", "started_at", "inspector", None, "status"]


class InspectionsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.picker = ProjectPicker(ctx, self, allow_all=True)
        self.status = QComboBox()
        self.status.addItem(self.tr("全部状态"), "")
        for code, label in INSPECTION_STATUS_LABELS.items():
            self.status.addItem(self.tr(label), code)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索编号、项目、人员…（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.new_btn = QPushButton(self.tr("新建检查"))
        self.new_btn.setObjectName("newInspectionButton")
        self.new_btn.setToolTip("Ctrl+N")
        self.new_btn.clicked.connect(self.new_inspection)
        bar = QHBoxLayout()
        bar.addWidget(self.picker)
        bar.addWidget(self.status)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.new_btn)
        self.count = QLabel()
        self.count.setObjectName("inspectionsCount")

        store = ctx.store
        # The store filters, sorts and pages (an index per sort order); the view shows what it answers.
        self.model: PagedRowModel[svc.InspectionRow] = PagedRowModel(
            COLUMNS, SORT_KEYS, lambda q, offset, limit: page_inspections(store, q, offset=offset, limit=limit),
            self)
        self.model.loaded.connect(self._on_model_loaded)
        self.proxy = self.model  # the table's model; kept under the old name for the tests and callers
        self.table = QTableView()
        self.table.setObjectName("inspectionsTable")
        set_up_paged_table(self.table, self.model, sort_column=3, order=Qt.SortOrder.DescendingOrder)
        set_empty_text(self.table, self._empty_text)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.activated.connect(self._on_table_double_clicked)
        list_page = QWidget()
        ll = QVBoxLayout(list_page)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(bar)
        ll.addWidget(self.table, 1)
        ll.addWidget(self.count)

        self._editor: InspectionEditor | None = None  # built when an inspection is first opened
        back = QPushButton(self.tr("← 返回列表"))
        back.setToolTip("Alt+Left")
        back.clicked.connect(self.show_list)
        editor_page = QWidget()
        el = QVBoxLayout(editor_page)
        el.setContentsMargins(0, 0, 0, 0)
        el.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)
        self._editor_layout = el

        self.stack = QStackedWidget()
        self.stack.addWidget(list_page)
        self.stack.addWidget(editor_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

        add_action(self, self.tr("新建检查"), [QKeySequence.StandardKey.New], self.new_inspection)
        add_action(self, self.tr("搜索"), [QKeySequence.StandardKey.Find], self._focus_search)
        add_action(self, self.tr("返回列表"), ["Alt+Left"], self.show_list)
        self.picker.project_changed.connect(self.refresh)
        self.status.currentIndexChanged.connect(self.refresh)
        # Typing asks the store after a short pause (one query for a burst of keys); the latest wins.
        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        ctx.bus.changed.connect(self._on_bus_changed)
        self.refresh()

    @property
    def editor(self) -> InspectionEditor:
        """The inspection editor, made the first time it is needed: opening the list costs only the
        list (the editor and its modules are a good part of a 100 ms budget)."""
        if self._editor is None:
            from inspector.ui.views.inspection_editor import InspectionEditor

            self._editor = InspectionEditor(self.ctx, self)
            self._editor_layout.addWidget(self._editor, 1)
        return self._editor

    def _empty_text(self) -> str:
        q = self.model.query
        if q is not None and (q.text.strip() or q.project_id or q.status):
            return self.tr("没有符合筛选条件的检查记录。")
        return self.tr("还没有监督检查记录。按 Ctrl+N 或点“新建检查”开始一次检查。")

    # ---- list ----
    def _query(self) -> InspectionQuery:
        header = self.table.horizontalHeader()
        column = header.sortIndicatorSection()
        sort = SORT_KEYS[column] if 0 <= column < len(SORT_KEYS) and SORT_KEYS[column] else "started_at"
        return InspectionQuery(text=self.search.text(), project_id=self.picker.current_id() or None,
                               status=self.status.currentData() or None, sort=sort,
                               descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder)

    @Slot()
    def refresh(self, *_args: object) -> None:
        """Ask the store for what the filters say now (off the GUI thread); the selected inspection
        stays selected when it is among the rows that come back."""
        ask_keeping_selection(self.table, self.model, self._query())

    def _on_model_loaded(self, total: int) -> None:
        self.count.setText(count_text(self.model, total))

    def _select(self, inspection_id: str) -> bool:
        return select_id(self.table, self.model, inspection_id)

    def _on_bus_changed(self, changes: Any) -> None:
        if changes.touches("inspections", "findings", "projects"):
            self.refresh()

    def _focus_search(self) -> None:
        self.show_list()
        self.search.setFocus()
        self.search.selectAll()

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_inspection(self.model.row_at(index.row()).id)

    # ---- navigation ----
    def open_inspection(self, inspection_id: str) -> None:
        self.editor.load(inspection_id)
        self.stack.setCurrentIndex(1)
        self.editor.form.setFocus()
        if not self.editor.form.current_key()[1]:
            self.editor.form.first_item()

    @Slot()
    def show_list(self) -> None:
        if self._editor is not None:
            self._editor.flush()
        self.stack.setCurrentIndex(0)
        self.table.setFocus()

    def open_record(self, kind: str, record_id: str) -> bool:
        if kind == "finding":  # a finding opens on its inspection's 问题与整改 tab
            from inspector.services import findings as fsvc

            try:
                inspection_id = fsvc.inspection_of_finding(self.ctx.store, finding_id=record_id)
            except NotFound:
                return False
            if not inspection_id:
                return False
            self.open_inspection(inspection_id)
            self.editor.tabs.setCurrentWidget(self.editor.findings)
            self.editor.findings.select(record_id)
            return True
        if kind != "inspection":
            return False
        try:
            self.open_inspection(record_id)
        except NotFound:
            return False
        return True

    def focus_default(self) -> None:
        (self.table if self.stack.currentIndex() == 0 else self.editor.form).setFocus()

    # ---- new ----
    @Slot()
    def new_inspection(self) -> None:
        from inspector.ui.views.inspection_new import NewInspectionDialog

        # The project filtered here, else the one last chosen anywhere (e.g. selected in 项目库).
        dlg = NewInspectionDialog(self.ctx, self.picker.current_id() or self.ctx.current_project_id, self)
        self.new_dialog = dlg
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        self.create(**dlg.values())

    def create(self, *, project_id: str, kind: str, checklist_ids: list[str]) -> None:
        registry = self.ctx.checklists
        checklists = [registry.checklists[c] for c in checklist_ids]
        store = self.ctx.store

        def done(result: Any) -> None:
            iid, changes = result
            self.ctx.bus.announce(changes)
            self.refresh()
            self.open_inspection(iid)

        run_op(lambda _p: svc.start_inspection(store, project_id=project_id, kind=kind, checklists=checklists),
               on_success=done, write=True, parent=self)

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        if self._editor is not None:
            self._editor.flush(wait=True)
        super().closeEvent(event)
