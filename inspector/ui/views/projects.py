"""项目库: the project register — search, filter, open, create, import the reserve list."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QIdentityProxyModel,
    QItemSelectionModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
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
from inspector.services.project_search import ProjectQuery, page_projects, plan_years, position_of
from inspector.ui.context import AppContext
from inspector.ui.models.paged import PagedRowModel
from inspector.ui.models.table import Column
from inspector.ui.ops import run_op

if TYPE_CHECKING:
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
    Column("状态", lambda r: QCoreApplication.translate("Choices", r.status), key=True),
    Column("计划年度", lambda r: r.plan_year, key=True),
    Column("户数", lambda r: r.households, align_right=True, key=True),
    Column("街道", lambda r: r.street),
    Column("施工单位", lambda r: r.contractor),
    Column("地址", lambda r: r.address),
]
# How the store sorts each column (services/project_search.SORTS): status in workflow order.
SORT_KEYS = ["code", "name", "district", "status", "plan_year", "households", "street", "contractor", "address"]

_NEW_FIELDS = [f for f in PROJECT_FIELDS if f.name in ("code", "name", "community_name", "district",
                                                        "street", "address", "plan_year", "status")]


def _import_project_page(_progress) -> None:  # type: ignore[no-untyped-def]
    import inspector.ui.views.project_page  # noqa: F401


class ProjectsView(QWidget):
    page_built = Signal()  # the project page beside the list exists (start-up's last step)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loading = False
        self._pending_open: str | None = None
        self._any = False  # the store has projects at all (for the empty-list text)

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

        store = ctx.store
        # The store filters, sorts and pages (an index each); the proxy only passes sort() through.
        self.model: PagedRowModel = PagedRowModel(
            COLUMNS, SORT_KEYS, lambda q, offset, limit: page_projects(store, q, offset=offset, limit=limit), self)
        self.model.loaded.connect(self._on_model_loaded)
        self.proxy = QIdentityProxyModel(self)
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
        fit_columns(self.table, once=True, precision=60)
        set_empty_text(self.table, lambda: self.tr("没有符合条件的项目。") if self._any else
                       self.tr("还没有项目：按 Ctrl+N 新建，或点“导入储备库…”导入项目储备库。"))
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)

        # The project page (the right side) is imported on a worker and built once the first rows
        # are shown, or on first use: at start-up the register's rows come first.
        self._page: ProjectPage | None = None
        self._page_slot = QWidget()
        self.model.loaded.connect(self._prepare_page)

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
        splitter.addWidget(self._page_slot)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 420])
        self.splitter = splitter
        QVBoxLayout(self).addWidget(splitter)

        # Typing asks the store after a short pause (one query for a burst of keys); the latest wins.
        self._debounce = QTimer(self, singleShot=True, interval=120)
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

    def _prepare_page(self, _total: int) -> None:
        self.model.loaded.disconnect(self._prepare_page)
        # Once the rows are painted: a worker running Python (an import) while the UI thread lays
        # out the list makes every call from Qt into the model wait for the interpreter's lock.
        QTimer.singleShot(50, self, lambda: self._page is None and run_op(
            _import_project_page, on_success=lambda _r: self.page, parent=self))

    @property
    def page_built_yet(self) -> bool:
        return self._page is not None

    @property
    def page(self) -> ProjectPage:
        if self._page is None:
            from inspector.ui.views.project_page import ProjectPage

            self._page = ProjectPage(self.ctx, self)
            self.splitter.replaceWidget(1, self._page)
            self._page_slot.deleteLater()
            QTimer.singleShot(0, self, self._fit_page_tabs)  # once it is laid out
            self.page_built.emit()
        return self._page

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
        """Ask the store again (off the GUI thread): the filter choices, then the rows shown now;
        the selection survives the reload."""
        self.loading = True
        store = self.ctx.store
        run_op(lambda _p: plan_years(store), on_success=self._on_years, parent=self)

    def _on_years(self, years: list[int]) -> None:
        current_year = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(self.tr("全部年度"), 0)
        for y in years:
            self.year.addItem(str(y), y)
        self.year.setCurrentIndex(max(self.year.findData(current_year), 0))
        self.year.blockSignals(False)
        query = self._query()
        if query == self.model.query:
            self.model.refresh(then=self._on_reloaded)
        else:
            self.model.set_query(query, then=self._on_reloaded)

    def _on_reloaded(self) -> None:
        self.loading = False
        keep = self._pending_open or (self._page.wanted_id if self._page is not None else None)
        if keep:
            self._pending_open = None
            self.open_record("project", keep)

    def _query(self) -> ProjectQuery:
        header = self.table.horizontalHeader()
        column = header.sortIndicatorSection()
        sort = SORT_KEYS[column] if 0 <= column < len(SORT_KEYS) else "code"
        return ProjectQuery(text=self.search.text(), district=self.district.currentData() or None,
                            status=self.status.currentData() or None, year=self.year.currentData() or None,
                            sort=sort, descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder)

    def apply_filter(self) -> None:
        """One query for what the filters say now (off the GUI thread)."""
        query = self._query()
        if query != self.model.query:
            self.model.set_query(query)

    def _on_model_loaded(self, total: int) -> None:
        q = self.model.query
        if q is not None and not (q.text.strip() or q.district or q.status or q.year):
            self._any = total > 0
        elif total:
            self._any = True
        self.count.setText(self.tr("共 {n} 个项目").format(n=f"{total}+" if self.model.capped else total))

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
        if self.loading:
            self._pending_open = record_id
            return True
        row = self.model.row_of_id(record_id)
        if row >= 0:
            self._select(row)
            return True
        # Not among the rows loaded so far: ask the store where it stands (clearing the filters if
        # they hide it), load the rows down to it, then select it.
        store, query = self.ctx.store, self.model.query or self._query()
        cleared = dataclasses.replace(query, text="", district=None, status=None, year=None)

        def locate(_p):  # type: ignore[no-untyped-def]
            with store.read() as s:
                at = position_of(s, query, record_id)
                if at < 0 and cleared != query:
                    return cleared, position_of(s, cleared, record_id)
                return query, at

        run_op(locate, on_success=lambda found: self._on_located(record_id, *found), parent=self)
        return True

    def _on_located(self, record_id: str, query: ProjectQuery, at: int) -> None:
        if at < 0:
            return  # deleted meanwhile
        if query != self.model.query:
            for w in (self.search, self.district, self.status, self.year):
                w.blockSignals(True)
            self.search.clear()
            for combo in (self.district, self.status, self.year):
                combo.setCurrentIndex(0)
            for w in (self.search, self.district, self.status, self.year):
                w.blockSignals(False)
            self.model.set_query(query, rows=at + 1, then=lambda: self._select(self.model.row_of_id(record_id)))
        else:
            self.model.fetch_until(at + 1, lambda: self._select(self.model.row_of_id(record_id)))

    def _select(self, row: int) -> None:
        if row < 0:
            return
        idx = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(idx)

    def _on_table_current_row_changed(self, current, _previous) -> None:  # type: ignore[no-untyped-def]
        if not current.isValid():
            return
        row = self.model.row_at(self.proxy.mapToSource(current).row())
        self.ctx.current_project_id = row.id  # where the user comes from when starting work elsewhere
        if row.id != self.page.wanted_id:
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
