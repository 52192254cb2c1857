"""项目库: the project register — search, filter, open, create, import the reserve list."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.rules.fields import PROJECT_FIELDS
from inspector.domain.vocab import District, ProjectStatus
from inspector.services import projects as svc
from inspector.services.changes import Changes
from inspector.ui.context import AppContext
from inspector.ui.models.table import Column, FilterProxy, RowTableModel
from inspector.ui.ops import run_op
from inspector.ui.views.project_page import ProjectPage
from inspector.ui.widgets.empty_state import set_empty_text
from inspector.ui.widgets.record_dialog import RecordDialog
from inspector.ui.widgets.table_fit import fit_columns

# What tells projects apart comes first; the rest (street, contractor, address) trails and may
# scroll at 1280 px while the project page takes the right side.
COLUMNS = [
    Column("项目编号", lambda r: r.code, key=True),
    Column("项目名称", lambda r: r.name, stretch=True),
    Column("县区", lambda r: QCoreApplication.translate("Choices", r.district), key=True),
    Column("状态", lambda r: QCoreApplication.translate("Choices", r.status), key=True,
           sort=lambda r: list(ProjectStatus).index(r.status) if r.status in list(ProjectStatus) else 99),
    Column("计划年度", lambda r: r.plan_year, sort=lambda r: r.plan_year or 0, key=True),
    Column("户数", lambda r: r.households, sort=lambda r: r.households or 0, align_right=True, key=True),
    Column("街道", lambda r: r.street),
    Column("施工单位", lambda r: r.contractor),
    Column("地址", lambda r: r.address),
]

_NEW_FIELDS = [f for f in PROJECT_FIELDS if f.name in ("code", "name", "community_name", "district",
                                                        "street", "address", "plan_year", "status")]


class ProjectsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loading = False
        self._pending_open: str | None = None

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("搜索：名称、编号、地址、单位、人员（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.district = QComboBox()
        self.district.setObjectName("district")
        self.district.addItem(self.tr("全部县区"), "")
        for d in District:
            self.district.addItem(QCoreApplication.translate("Choices", d.value), d.value)
        self.status = QComboBox()
        self.status.setObjectName("status")
        self.status.addItem(self.tr("全部状态"), "")
        for st in ProjectStatus:
            self.status.addItem(QCoreApplication.translate("Choices", st.value), st.value)
        self.year = QComboBox()
        self.year.setObjectName("year")
        self.year.addItem(self.tr("全部年度"), 0)
        self.count = QLabel()
        self.new_btn = QPushButton(self.tr("新建项目"))
        self.new_btn.setToolTip("Ctrl+N")
        self.import_btn = QPushButton(self.tr("导入储备库…"))

        self.model: RowTableModel = RowTableModel(COLUMNS, self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("projects")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().hide()
        fit_columns(self.table)
        set_empty_text(self.table, lambda: self.tr("没有符合条件的项目。") if self.model.rowCount() else
                       self.tr("还没有项目：按 Ctrl+N 新建，或点“导入储备库…”导入项目储备库。"))
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)

        self.page = ProjectPage(ctx, self)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for w in (self.district, self.status, self.year):
            filters.addWidget(w, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.count, 1)
        actions.addWidget(self.new_btn)
        actions.addWidget(self.import_btn)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(filters)
        lv.addWidget(self.table, 1)
        lv.addLayout(actions)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.page)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 420])
        self.splitter = splitter
        self._sized = False
        QVBoxLayout(self).addWidget(splitter)

        # Typing filters after a short pause, so 100 000 rows never stall a keystroke.
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.district, self.status, self.year):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.new_btn.clicked.connect(self.new_project)
        self.import_btn.clicked.connect(self.import_reserve)
        self._add_action("新建项目", QKeySequence.StandardKey.New, self.new_project, "Ctrl+N")
        self._add_action("搜索", QKeySequence.StandardKey.Find, self.focus_default, "Ctrl+F")
        self._add_action("关闭项目", QKeySequence.StandardKey.Close, self.close_project, "Ctrl+W")
        ctx.bus.changed.connect(self._on_bus_changed)
        self.reload()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            QTimer.singleShot(0, self._fit_page_tabs)

    def _fit_page_tabs(self) -> None:
        """Give the project page room for all its tabs (风险提示 last), in either language, so none
        hides behind the tab bar's scroll arrows; the list keeps at least 45% (its key columns)."""
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if total <= 0:
            return
        bar = self.page.tabs.tabBar()
        want = bar.sizeHint().width() + (self.page.width() - bar.width()) + 8
        page = min(max(sizes[1], want), int(total * 0.55))
        self.splitter.setSizes([total - page, page])

    def _add_action(self, text: str, key, slot, *extra: str) -> None:  # type: ignore[no-untyped-def]
        act = QAction(self.tr(text), self)
        # All the platform's bindings (Close is Ctrl+F4 *and* Ctrl+W), plus explicit ones.
        keys = list(QKeySequence.keyBindings(key))
        keys += [QKeySequence(k) for k in extra if QKeySequence(k) not in keys]
        act.setShortcuts(keys)
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(slot)
        self.addAction(act)

    # -- data ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Load the register off the GUI thread; the selection survives the reload."""
        self.loading = True
        store = self.ctx.store
        run_op(lambda _p: svc.list_projects(store), on_success=self._on_loaded, parent=self)

    def _on_loaded(self, rows: list[svc.ProjectRow]) -> None:
        keep = self._pending_open or self.page.project_id
        self.model.set_rows(rows)
        years = sorted({r.plan_year for r in rows if r.plan_year}, reverse=True)
        current_year = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(self.tr("全部年度"), 0)
        for y in years:
            self.year.addItem(str(y), y)
        self.year.setCurrentIndex(max(self.year.findData(current_year), 0))
        self.year.blockSignals(False)
        self.apply_filter()
        self.loading = False
        if keep:
            self._pending_open = None
            self.open_record("project", keep)

    def apply_filter(self) -> None:
        text = self.search.text()
        district = self.district.currentData() or None
        status = self.status.currentData() or None
        year = self.year.currentData() or None
        self.proxy.set_predicate(
            lambda r: svc.matches(r, text=text, district=district, status=status, year=year))
        self.count.setText(self.tr("共 {n} 个项目").format(n=self.proxy.rowCount()))

    @Slot(object)
    def _on_bus_changed(self, changes: Changes) -> None:
        if changes.touches("projects", "parties", "persons"):
            self.reload()

    # -- actions ------------------------------------------------------------------------------

    def focus_default(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def open_record(self, kind: str, record_id: str) -> bool:
        if kind != "project":
            return False
        row = self.model.row_of_id(record_id)
        if row < 0:
            if self.loading:
                self._pending_open = record_id
            return self.loading
        idx = self.proxy.mapFromSource(self.model.index(row, 0))
        if not idx.isValid():  # filtered out: clear the filters so it can be shown
            self.search.clear()
            for combo in (self.district, self.status, self.year):
                combo.setCurrentIndex(0)
            self.apply_filter()
            idx = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(idx)
        return True

    def _on_table_current_row_changed(self, current, _previous) -> None:  # type: ignore[no-untyped-def]
        if not current.isValid():
            return
        row = self.model.row_at(self.proxy.mapToSource(current).row())
        self.ctx.current_project_id = row.id  # where the user comes from when starting work elsewhere
        if row.id != self.page.project_id:
            self.page.load(row.id)

    def close_project(self) -> None:
        self.table.clearSelection()
        self.table.selectionModel().clearCurrentIndex()
        self.page.load(None)
        self.focus_default()

    def new_project(self) -> None:
        dlg = RecordDialog(self.tr("新建项目"), _NEW_FIELDS, {"status": "储备"},
                           lambda raw: svc.create_project(self.ctx.store, fields=raw), self)
        if dlg.exec():
            project_id, changes = dlg.result_value
            self._pending_open = project_id
            self.ctx.bus.announce(changes)

    def import_reserve(self) -> None:
        from inspector.ui.views.project_import_dialog import run_import

        run_import(self.ctx, self)
