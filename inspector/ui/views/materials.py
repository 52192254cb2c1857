"""材料与检测: a project's material batches and the test reports on them, with red-flag markers on
the rows they concern and the photos of the selected record."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector.services import materials as svc
from inspector.services import redflags as flags_svc
from inspector.services.changes import Changes
from inspector.ui.context import AppContext
from inspector.ui.models.table import Column, FilterProxy, RowTableModel
from inspector.ui.ops import run_op
from inspector.ui.texts import translate_sentence
from inspector.ui.widgets.empty_state import set_empty_text
from inspector.ui.widgets.photo_panel import PhotoPanel
from inspector.ui.widgets.project_picker import ProjectPicker
from inspector.ui.widgets.record_dialog import RecordDialog
from inspector.ui.widgets.table_fit import fit_columns

RED = "#c62828"
_REFRESH_ON = ("material_batches", "test_reports", *flags_svc.FLAG_SOURCES)


def _d(day) -> str:  # type: ignore[no-untyped-def]
    return day.isoformat() if day else ""


def _qty(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def release_dialog(dialog: QWidget) -> None:
    """Take the focus out of a finished dialog while its widgets are all alive. FieldForm's
    focus-out hook on multi-line editors otherwise runs while the dialog is being destroyed,
    raises inside Qt and takes the process down (seen with PySide6 6.12)."""
    focus = QApplication.focusWidget()
    if focus is not None and (focus is dialog or dialog.isAncestorOf(focus)):
        focus.clearFocus()


def make_table(name: str, model: RowTableModel, proxy: FilterProxy) -> QTableView:
    proxy.setSourceModel(model)
    table = QTableView()
    table.setObjectName(name)
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    fit_columns(table)
    return table


class MaterialsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loading = False
        self.project_id = ""
        self.dialog: RecordDialog | None = None  # the open add/edit dialog (tests drive it)
        self._flags: dict[tuple[str, str], list[flags_svc.FlagRow]] = {}
        self._pending: tuple[str, str] | None = None

        self.project = ProjectPicker(ctx, self, follows=True)
        self.project.setObjectName("project")
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("搜索：材料、厂家、批号、报告编号、机构（Ctrl+F）"))

        self.batches: RowTableModel = RowTableModel(self._batch_columns(), self)
        self.batch_proxy = FilterProxy(self)
        self.batch_table = make_table("batches", self.batches, self.batch_proxy)
        self.reports: RowTableModel = RowTableModel(self._report_columns(), self)
        self.report_proxy = FilterProxy(self)
        self.report_table = make_table("reports", self.reports, self.report_proxy)
        self.photos = PhotoPanel(ctx, self)
        self.photo_title = QLabel()
        set_empty_text(self.batch_table, lambda: self.tr("请先在上方选择项目。") if not self.project_id else
                       self.tr("该项目还没有材料进场批次：按 Ctrl+N 或点“新增进场批次”登记。"))
        set_empty_text(self.report_table, lambda: "" if not self.project_id else
                       self.tr("还没有检测报告：选中批次后按 Ctrl+Shift+N 或点“新增检测报告”登记。"))

        self.add_batch_btn = QPushButton(self.tr("新增进场批次"))
        self.add_batch_btn.setToolTip("Ctrl+N")
        self.add_report_btn = QPushButton(self.tr("新增检测报告"))
        self.add_report_btn.setToolTip("Ctrl+Shift+N")
        self.edit_btn = QPushButton(self.tr("编辑"))
        self.edit_btn.setToolTip(self.tr("Enter / 双击"))
        self.delete_btn = QPushButton(self.tr("删除"))
        self.delete_btn.setToolTip("Delete")
        self.count = QLabel()
        self.count.setWordWrap(True)  # the English counts are long: they wrap rather than widen the window

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("项目：")))
        top.addWidget(self.project, 2)
        top.addWidget(self.search, 2)
        actions = QHBoxLayout()
        actions.addWidget(self.count, 1)
        for b in (self.add_batch_btn, self.add_report_btn, self.edit_btn, self.delete_btn):
            actions.addWidget(b)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel(self.tr("材料进场批次")))
        lv.addWidget(self.batch_table, 3)
        lv.addWidget(QLabel(self.tr("检测报告")))
        lv.addWidget(self.report_table, 2)
        lv.addLayout(actions)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.photo_title)
        rv.addWidget(self.photos, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1000, 260])  # the photo grid fits several columns of thumbnails in 260 px
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.project.project_changed.connect(self.set_project)
        for table in (self.batch_table, self.report_table):
            table.selectionModel().currentRowChanged.connect(
                lambda _c, _p, t=table: self._on_table_current_row_changed(t))
            table.doubleClicked.connect(lambda _i: self.edit_current())
        self.add_batch_btn.clicked.connect(self.new_batch)
        self.add_report_btn.clicked.connect(self.new_report)
        self.edit_btn.clicked.connect(self.edit_current)
        self.delete_btn.clicked.connect(self.delete_current)
        self._add_action("新增进场批次", ["Ctrl+N"], self.new_batch)
        self._add_action("新增检测报告", ["Ctrl+Shift+N"], self.new_report)
        self._add_action("搜索", ["Ctrl+F"], self.focus_default)
        self._add_action("编辑", [Qt.Key.Key_Return, Qt.Key.Key_Enter], self.edit_current)
        self._add_action("删除", [Qt.Key.Key_Delete], self.delete_current)
        ctx.bus.changed.connect(self._on_bus_changed)
        self.set_project(self.project.current_id())

    def _add_action(self, text: str, keys: list, slot) -> None:  # type: ignore[no-untyped-def]
        act = QAction(self.tr(text), self)
        act.setShortcuts([QKeySequence(k) for k in keys])
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(slot)
        self.addAction(act)

    # -- columns with red-flag markers -------------------------------------------------------

    def _marker(self, kind: str, record_id: str) -> str:
        found = self._flags.get((kind, record_id))
        return f"⚠ {len(found)}" if found else ""

    def _marker_tip(self, kind: str, record_id: str) -> str | None:
        found = self._flags.get((kind, record_id))
        return "\n".join(QCoreApplication.translate("FlagList", "{title}：{message}").format(
                title=translate_sentence(f.title), message=translate_sentence(f.message)) for f in found) if found else None

    def _marker_column(self, kind: str) -> Column:
        return Column("风险", lambda r: self._marker(kind, r.id), sort=lambda r: len(self._flags.get((kind, r.id), ())),
                      key=True,
                      color=lambda r: RED if (kind, r.id) in self._flags else None,
                      tooltip=lambda r: self._marker_tip(kind, r.id))

    def _batch_columns(self) -> list[Column]:
        return [
            self._marker_column("material"),
            # Material and specification share a column, quantity carries its unit: at 1280 px
            # beside the photos, twelve columns would cut every one of them.
            Column("材料/规格", lambda r: " ".join(x for x in (r.material, r.spec) if x)),
            Column("厂家", lambda r: r.manufacturer), Column("批号", lambda r: r.batch_no, key=True),
            Column("数量", lambda r: f"{_qty(r.quantity)} {r.unit}".strip(), sort=lambda r: r.quantity or 0,
                   align_right=True, key=True),
            Column("进场日期", lambda r: _d(r.entry_date), key=True),
            Column("证明编号", lambda r: r.certificate_no),
            Column("复验", lambda r: QCoreApplication.translate("Choices", r.retest), key=True,
                   color=lambda r: RED if r.retest in ("不合格", "未复验") else None),
            Column("已使用", lambda r: _d(r.used_on) or QCoreApplication.translate("Choices", "是") if r.used else "",
                   key=True),
            Column("使用部位", lambda r: r.location, stretch=True),
        ]

    def _report_columns(self) -> list[Column]:
        return [
            self._marker_column("test-report"),
            Column("报告编号", lambda r: r.report_no, key=True), Column("检测机构", lambda r: r.agency),
            Column("批次", lambda r: translate_sentence(r.batch_label)), Column("样品", lambda r: r.sample),
            Column("取样", lambda r: _d(r.sampled_on), key=True), Column("检测", lambda r: _d(r.tested_on), key=True),
            Column("报告日期", lambda r: _d(r.report_date), key=True),
            Column("结论", lambda r: QCoreApplication.translate("Choices", r.conclusion), key=True,
                   color=lambda r: RED if r.conclusion == "不合格" else None),
            Column("真伪核查", lambda r: r.verification, stretch=True),
        ]

    # -- data ----------------------------------------------------------------------------------

    @Slot(str)
    def set_project(self, project_id: str) -> None:
        self.project_id = project_id or ""
        self.photos.set_target("material", "")
        self.photo_title.setText(self.tr("照片：请选择批次或报告"))
        self.reload()

    def reload(self) -> None:
        pid = self.project_id
        for b in (self.add_batch_btn, self.add_report_btn):
            b.setEnabled(bool(pid))
        if not pid:
            self._on_loaded(("", [], [], []))
            return
        self.loading = True
        store = self.ctx.store
        run_op(lambda _p: (pid, svc.list_batches(store, project_id=pid), svc.list_reports(store, project_id=pid),
                           flags_svc.flags_for_project(store, project_id=pid)),
               on_success=self._on_loaded, parent=self)

    def _on_loaded(self, result) -> None:  # type: ignore[no-untyped-def]
        pid, batches, reports, flags = result
        if pid != self.project_id:
            return
        keep = [(t, self._current_id(t)) for t in (self.batch_table, self.report_table)]
        self._flags = flags_svc.flags_by_subject(flags)
        self.batches.set_rows(batches)
        self.reports.set_rows(reports)
        for table, rid in keep:
            if rid:
                self._select(table, rid)
        self.apply_filter()
        self.loading = False
        if self._pending:
            kind, rid = self._pending
            self._pending = None
            self.open_record(kind, rid)

    def apply_filter(self) -> None:
        words = self.search.text().lower().split()
        pred = (lambda r: all(w in r.haystack for w in words)) if words else None
        self.batch_proxy.set_predicate(pred)
        self.report_proxy.set_predicate(pred)
        n_flags = len({f.id for found in self._flags.values() for f in found})
        self.count.setText(self.tr("批次 {b} 个，报告 {r} 份，风险提示 {f} 条").format(
            b=self.batches.rowCount(), r=self.reports.rowCount(), f=n_flags))

    @Slot(object)
    def _on_bus_changed(self, changes: Changes) -> None:
        if self.project_id and changes.touches(*_REFRESH_ON):
            self.reload()

    # -- selection -----------------------------------------------------------------------------

    def _current_id(self, table: QTableView) -> str:
        idx = table.currentIndex()
        if not idx.isValid():
            return ""
        proxy: FilterProxy = table.model()  # type: ignore[assignment]
        return proxy.sourceModel().row_at(proxy.mapToSource(idx).row()).id  # type: ignore[attr-defined]

    def _select(self, table: QTableView, record_id: str) -> bool:
        proxy: FilterProxy = table.model()  # type: ignore[assignment]
        row = proxy.sourceModel().row_of_id(record_id)  # type: ignore[attr-defined]
        if row < 0:
            return False
        idx = proxy.mapFromSource(proxy.sourceModel().index(row, 0))
        if not idx.isValid():
            self.search.clear()
            self.apply_filter()
            idx = proxy.mapFromSource(proxy.sourceModel().index(row, 0))
        table.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        table.scrollTo(idx)
        table.setFocus()
        return True

    def _on_table_current_row_changed(self, table: QTableView) -> None:
        rid = self._current_id(table)
        if not rid:
            return
        kind = "material" if table is self.batch_table else "test-report"
        self._active = table
        row = (self.batches if kind == "material" else self.reports).rows[
            (self.batches if kind == "material" else self.reports).row_of_id(rid)]
        label = row.material if kind == "material" else row.report_no
        self.photo_title.setText(self.tr("照片：{label}").format(label=label))
        self.photos.set_target(kind, rid)

    def _active_table(self) -> QTableView:
        if self.report_table.hasFocus():
            return self.report_table
        if self.batch_table.hasFocus():
            return self.batch_table
        return getattr(self, "_active", self.batch_table)

    # -- dialogs -------------------------------------------------------------------------------

    def new_batch(self) -> None:
        if self.project_id:
            self._batch_dialog(None)

    def new_report(self) -> None:
        if self.project_id:
            self._report_dialog(None, batch_id=self._current_id(self.batch_table) or None)

    def edit_current(self) -> None:
        table = self._active_table()
        rid = self._current_id(table)
        if not rid:
            return
        if table is self.batch_table:
            self._batch_dialog(rid)
        else:
            self._report_dialog(rid)

    def _batch_dialog(self, batch_id: str | None) -> None:
        store, pid = self.ctx.store, self.project_id
        values = svc.get_batch(store, batch_id) if batch_id else {"retest_required": True}
        title = self.tr("编辑进场批次") if batch_id else self.tr("新增进场批次")
        self.dialog = RecordDialog(title, svc.BATCH_FIELDS, values,
                                   lambda raw: svc.save_batch(store, project_id=pid, fields=raw, batch_id=batch_id),
                                   self)
        self._run_dialog("material")

    def _report_dialog(self, report_id: str | None, batch_id: str | None = None) -> None:
        store, pid = self.ctx.store, self.project_id
        values = svc.get_report(store, report_id) if report_id else {"conclusion": "合格"}
        batch = QComboBox()
        batch.setObjectName("batch_id")
        batch.addItem(self.tr("（不关联批次）"), "")
        for b in self.batches.rows:
            batch.addItem(f"{b.label}  {_d(b.entry_date)}", b.id)
        batch.setCurrentIndex(max(batch.findData(values.get("batch_id") or batch_id or ""), 0))
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("材料批次："))
        label.setBuddy(batch)
        row.addWidget(label)
        row.addWidget(batch, 1)
        title = self.tr("编辑检测报告") if report_id else self.tr("新增检测报告")
        self.dialog = RecordDialog(
            title, svc.REPORT_FIELDS, values,
            lambda raw: svc.save_report(store, project_id=pid, fields=raw, batch_id=batch.currentData() or None,
                                        report_id=report_id), self, extra=box)
        self._run_dialog("test-report")

    def _run_dialog(self, kind: str) -> None:
        dlg = self.dialog
        assert dlg is not None
        if dlg.exec():
            record_id, changes = dlg.result_value
            self._pending = (kind, record_id)
            self.ctx.bus.announce(changes)
        release_dialog(dlg)
        self.dialog = None

    def delete_current(self) -> None:
        table = self._active_table()
        rid = self._current_id(table)
        if not rid:
            return
        is_batch = table is self.batch_table
        what = self.tr("该进场批次") if is_batch else self.tr("该检测报告")
        answer = QMessageBox.question(self, self.tr("删除"), self.tr("确定删除{what}吗？").format(what=what))
        if answer != QMessageBox.StandardButton.Yes:
            return
        store = self.ctx.store
        fn = (lambda _p: svc.delete_batch(store, batch_id=rid)) if is_batch else \
            (lambda _p: svc.delete_report(store, report_id=rid))
        run_op(fn, on_success=self.ctx.bus.announce, write=True, parent=self)

    # -- navigation ----------------------------------------------------------------------------

    def focus_default(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def open_record(self, kind: str, record_id: str) -> bool:
        if kind == "project-materials":  # a project's materials as a whole (a missing re-test)
            self.project.select(record_id)
            self.batch_table.setFocus()
            return True
        if kind not in ("material", "test-report"):
            return False
        pid = svc.project_of(self.ctx.store, kind=kind, record_id=record_id)
        if pid is None:
            return False
        if pid != self.project_id or self.loading:
            self._pending = (kind, record_id)
            if pid != self.project_id:
                self.project.select(pid)  # reloads; the pending record is selected when loaded
            return True
        return self._select(self.batch_table if kind == "material" else self.report_table, record_id)
