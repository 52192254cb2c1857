"""验收与移交: the project's joint acceptance records and handovers.

Starting an acceptance checks the preconditions first: with blockers the dialog lists them (each
opens its record) and refuses, unless the organiser's override reason (and who) is recorded."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.clock import china_today
from inspector.domain.rules.acceptance import Blocker
from inspector.services import acceptance as acc_svc
from inspector.services import handover as hand_svc
from inspector.services.changes import Changes
from inspector.ui.context import AppContext
from inspector.ui.messages import show_exception
from inspector.ui.models.table import Column, FilterProxy, RowTableModel
from inspector.ui.ops import run_op
from inspector.ui.shortcuts import add_action
from inspector.ui.views.acceptance_handover import HandoverPage
from inspector.ui.views.acceptance_page import AcceptancePage, blocker_at, make_blocker_table
from inspector.ui.widgets.project_picker import ProjectPicker
from inspector.ui.widgets.table_fit import fit_columns


def _tr(text: str) -> str:
    return QCoreApplication.translate("AcceptanceView", text)


def _state(r) -> str:  # type: ignore[no-untyped-def]
    # The services' state words ("已签署锁定"/"草稿"), spelled out here so they are translated.
    return _tr("已签署锁定") if r.locked else _tr("草稿")


ACC_COLUMNS = [
    Column("记录编号", lambda r: r.record_no, key=True),
    Column("验收日期", lambda r: r.held_on, sort=lambda r: r.held_on or dt.date.min, key=True),
    Column("结论", lambda r: QCoreApplication.translate("Choices", r.conclusion) if r.conclusion else ""),
    Column("状态", _state, color=lambda r: "#1b5e20" if r.locked else None),
    Column("前置条件", lambda r: (_tr("越过") if r.overridden else _tr("未满足")) if r.blockers else _tr("满足"),
           color=lambda r: "#c62828" if r.blockers else None),
    Column("更正", lambda r: r.amends_no, stretch=True),
]
HAND_COLUMNS = [
    Column("记录编号", lambda r: r.record_no, key=True),
    Column("移交日期", lambda r: r.handed_on, sort=lambda r: r.handed_on or dt.date.min, key=True),
    Column("接收方", lambda r: r.receiver, stretch=True),
    Column("状态", _state, color=lambda r: "#1b5e20" if r.locked else None),
]


def _table(name: str, model: RowTableModel, parent: QWidget) -> QTableView:
    proxy = FilterProxy(parent)
    proxy.setSourceModel(model)
    t = QTableView()
    t.setObjectName(name)
    t.setModel(proxy)
    t.setSortingEnabled(True)
    t.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.verticalHeader().hide()
    fit_columns(t)
    return t


class NewAcceptanceDialog(QDialog):
    """Date, place, organiser; with blockers, the list and the override reason (and who)."""

    def __init__(self, blockers: list[Blocker], organiser: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建联合验收"))
        self.held_on = QLineEdit(china_today().isoformat())
        self.held_on.setObjectName("held_on")
        self.location = QLineEdit()
        self.organiser = QLineEdit(organiser)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("override_reason")
        self.reason.setTabChangesFocus(True)
        self.by = QLineEdit()
        self.by.setObjectName("override_by")
        self.error = QLabel()
        self.error.setStyleSheet("color:#c62828;")
        self.table, model = make_blocker_table(self)
        model.set_rows(blockers)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.opened: tuple[str, str] | None = None
        form = QFormLayout()
        form.addRow(self.tr("验收日期"), self.held_on)
        form.addRow(self.tr("验收地点"), self.location)
        form.addRow(self.tr("组织单位"), self.organiser)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        if blockers:
            head = QLabel(self.tr("前置条件未满足（{n} 项），不能开始验收。请先处理（双击打开记录），"
                                  "或由组织方记录越过的理由：").format(n=len(blockers)))
            head.setWordWrap(True)
            head.setStyleSheet("color:#c62828;")
            layout.addWidget(head)
            layout.addWidget(self.table)
            over = QFormLayout()
            over.addRow(self.tr("越过理由"), self.reason)
            over.addRow(self.tr("决定人"), self.by)
            layout.addLayout(over)
            self.ok.setText(self.tr("越过并开始验收"))
            self.ok.setEnabled(False)
            self.reason.textChanged.connect(lambda: self.ok.setEnabled(bool(self.reason.toPlainText().strip())))
        else:
            layout.addWidget(QLabel(self.tr("前置条件已满足。")))
            self.ok.setText(self.tr("开始验收"))
            self.table.hide()
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        self.resize(640, 420 if blockers else 200)

    def _on_table_double_clicked(self, index) -> None:  # type: ignore[no-untyped-def]
        b = blocker_at(self.table, index)
        if b is not None:
            self.opened = (b.kind, b.record_id)
            self.reject()

    def _on_ok(self) -> None:
        try:
            self.date = dt.date.fromisoformat(self.held_on.text().strip())
        except ValueError:
            self.error.setText(self.tr("验收日期格式应为 YYYY-MM-DD"))
            return
        self.accept()


class AcceptanceView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.project_id = ""
        self._pending: tuple[str, str] | None = None
        self.picker = ProjectPicker(ctx, self)
        self.picker.setObjectName("project_picker")
        self.acc_model: RowTableModel = RowTableModel(ACC_COLUMNS, self)
        self.acc_table = _table("acceptances", self.acc_model, self)
        self.hand_model: RowTableModel = RowTableModel(HAND_COLUMNS, self)
        self.hand_table = _table("handovers", self.hand_model, self)
        self.page = AcceptancePage(ctx, self)
        self.hpage = HandoverPage(ctx, self)
        self.new_acc_btn = QPushButton(self.tr("新建验收"))
        self.new_acc_btn.setToolTip("Ctrl+N")
        self.new_hand_btn = QPushButton(self.tr("新建移交"))
        self.new_acc_btn.clicked.connect(self.new_acceptance)
        self.new_hand_btn.clicked.connect(self.new_handover)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._split(self.acc_table, self.new_acc_btn, self.page), self.tr("联合验收"))
        self.tabs.addTab(self._split(self.hand_table, self.new_hand_btn, self.hpage), self.tr("移交"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("项目")))
        top.addWidget(self.picker, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        self.picker.project_changed.connect(self._on_picker_project_changed)
        self.acc_table.selectionModel().currentRowChanged.connect(
            lambda cur, _p: self.page.load(self._id_at(self.acc_table, cur)))
        self.hand_table.selectionModel().currentRowChanged.connect(
            lambda cur, _p: self.hpage.load(self._id_at(self.hand_table, cur)))
        self.page.open_requested.connect(self._open_elsewhere)
        self.page.opened.connect(lambda rid: self.open_record("acceptance", rid))
        self.hpage.opened.connect(lambda rid: self.open_record("handover", rid))
        for text, key, slot in ((self.tr("新建验收"), "Ctrl+N", self.new_acceptance),
                                (self.tr("刷新"), "F5", self.reload), (self.tr("选择项目"), "Ctrl+F", self.focus_default)):
            add_action(self, text, [key], slot)
        ctx.bus.changed.connect(self._on_bus_changed)
        self._on_picker_project_changed(self.picker.current_id())

    def _split(self, table: QTableView, button: QPushButton, page: QWidget) -> QSplitter:
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(table, 1)
        lv.addWidget(button)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(page)
        split.setStretchFactor(1, 3)
        return split

    @staticmethod
    def _id_at(table: QTableView, index) -> str | None:  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        proxy = table.model()
        return proxy.sourceModel().row_at(proxy.mapToSource(index).row()).id

    # -- data ---------------------------------------------------------------------------------------

    @Slot(str)
    def _on_picker_project_changed(self, project_id: str) -> None:
        self.project_id = project_id
        self.page.load(None)
        self.hpage.load(None)
        self.reload()

    def reload(self) -> None:
        pid, store = self.project_id, self.ctx.store
        if not pid:
            self._on_loaded(("", [], []))
            return
        run_op(lambda _p: (pid, acc_svc.list_acceptances(store, project_id=pid),
                           hand_svc.list_handovers(store, project_id=pid)),
               on_success=self._on_loaded, parent=self)

    def _on_loaded(self, result) -> None:  # type: ignore[no-untyped-def]
        pid, accs, hands = result
        if pid != self.project_id:
            return
        self.acc_model.set_rows(accs)
        self.hand_model.set_rows(hands)
        self.new_acc_btn.setEnabled(bool(pid))
        self.new_hand_btn.setEnabled(bool(pid))
        pending, self._pending = self._pending, None
        if self.page.acceptance_id:
            self._select("acceptance", self.page.acceptance_id, switch_tab=False)
        if self.hpage.handover_id:
            self._select("handover", self.hpage.handover_id, switch_tab=False)
        if pending:
            self._select(*pending)

    def _on_bus_changed(self, changes: Changes) -> None:
        if changes.touches("acceptances", "handovers") or (changes.touches("projects") and not self.project_id):
            self.reload()

    def _select(self, kind: str, record_id: str, *, switch_tab: bool = True) -> bool:
        model, table, tab = ((self.acc_model, self.acc_table, 0) if kind == "acceptance"
                             else (self.hand_model, self.hand_table, 1))
        row = model.row_of_id(record_id)
        if row < 0:
            return False
        idx = table.model().mapFromSource(model.index(row, 0))
        table.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        if switch_tab:
            self.tabs.setCurrentIndex(tab)
        return True

    # -- navigation ---------------------------------------------------------------------------------

    def focus_default(self) -> None:
        self.picker.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_record(self, kind: str, record_id: str) -> bool:
        if kind not in ("acceptance", "handover"):
            return False
        getter = acc_svc.get_acceptance if kind == "acceptance" else hand_svc.get_handover
        try:
            d = getter(self.ctx.store, record_id)
        except Exception:  # noqa: BLE001 - not ours / gone
            return False
        pid = d.row.project_id if kind == "acceptance" else d.project_id
        if pid != self.project_id:
            self._pending = (kind, record_id)
            self.picker.select(pid)
        elif not self._select(kind, record_id):
            self._pending = (kind, record_id)
            self.reload()
        return True

    def _open_elsewhere(self, kind: str, record_id: str) -> None:
        """A blocker's record lives in another section: the main window finds it."""
        window = self.window()
        handler = getattr(window, "open_record", None)
        if handler is not None and window is not self:
            handler(kind, record_id)

    # -- new records --------------------------------------------------------------------------------

    def new_acceptance(self) -> None:
        if not self.project_id:
            return
        store, pid = self.ctx.store, self.project_id
        run_op(lambda _p: acc_svc.check_preconditions(store, project_id=pid),
               on_success=self._on_preconditions_checked, parent=self)

    def _on_preconditions_checked(self, blockers: list[Blocker]) -> None:
        dlg = NewAcceptanceDialog(blockers, "", self)
        self.new_dialog = dlg  # reachable while open (tests, shortcuts)
        accepted = dlg.exec()
        if not accepted:
            if dlg.opened:
                self._open_elsewhere(*dlg.opened)
            return
        store, pid = self.ctx.store, self.project_id
        values = dict(held_on=dlg.date, location=dlg.location.text(), organiser=dlg.organiser.text(),
                      override_reason=dlg.reason.toPlainText(), override_by=dlg.by.text())
        run_op(lambda _p: acc_svc.start_acceptance(store, project_id=pid, **values),
               on_success=lambda r: self._created("acceptance", r), write=True, parent=self)

    def new_handover(self) -> None:
        if not self.project_id:
            return
        store, pid = self.ctx.store, self.project_id
        run_op(lambda _p: hand_svc.start_handover(store, project_id=pid),
               on_success=lambda r: self._created("handover", r),
               on_failure=lambda e: show_exception(self, e), write=True, parent=self)

    def _created(self, kind: str, result) -> None:  # type: ignore[no-untyped-def]
        new_id, changes = result
        self._pending = (kind, new_id)
        self.ctx.bus.announce(changes)
