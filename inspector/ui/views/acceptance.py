"""验收与移交: the project's joint acceptance records and handovers.

Starting an acceptance checks the preconditions first: with blockers the dialog lists them (each
opens its record) and refuses, unless the organiser's override reason (and who) is recorded."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt, Signal, Slot
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
from inspector.ui.views.acceptance_page import AcceptancePage, blocker_at, make_blocker_table, roles_line
from inspector.ui.widgets.empty_state import set_empty_text
from inspector.ui.widgets.project_picker import ProjectPicker
from inspector.ui.widgets.table_fit import fit_columns, give_list_room


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
    """Date, place, organiser; the parties that must sign; with blockers, the list and the override
    reason (and who).

    Not modal: a double-click on a blocker opens its record in the main window (`open_requested`)
    and this dialog stays open with what was typed; 重新检查 (`recheck_requested`) checks again once
    the blocker is dealt with."""

    open_requested = Signal(str, str)
    recheck_requested = Signal()

    def __init__(self, blockers: list[Blocker], organiser: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建联合验收"))
        self.setModal(False)
        self.held_on = QLineEdit(china_today().isoformat())
        self.held_on.setObjectName("held_on")
        self.location = QLineEdit()
        self.organiser = QLineEdit(organiser)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("override_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(72)  # the blockers above need the room
        self.by = QLineEdit()
        self.by.setObjectName("override_by")
        self.error = QLabel()
        self.error.setStyleSheet("color:#c62828;")
        self.table, self.model = make_blocker_table(self)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.opened: tuple[str, str] | None = None
        form = QFormLayout()
        form.addRow(self.tr("验收日期"), self.held_on)
        form.addRow(self.tr("验收地点"), self.location)
        form.addRow(self.tr("组织单位"), self.organiser)
        roles = QLabel(roles_line(set()).replace("○ ", ""))
        roles.setObjectName("required_roles")
        roles.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(roles)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.head = QLabel()
        self.head.setWordWrap(True)
        self.recheck_btn = QPushButton(self.tr("重新检查"))
        self.recheck_btn.clicked.connect(self.recheck_requested)
        self.override = QWidget()
        over = QFormLayout(self.override)
        over.setContentsMargins(0, 0, 0, 0)
        over.addRow(self.tr("越过理由"), self.reason)
        over.addRow(self.tr("决定人"), self.by)
        layout.addWidget(self.head)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.recheck_btn, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.override)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reason.textChanged.connect(self._update_ok)
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        self.set_blockers(blockers)
        self.resize(680, 480 if blockers else 260)

    def set_blockers(self, blockers: list[Blocker]) -> None:
        """Show what still blocks (after a re-check too); the typed values are kept."""
        self.blockers = list(blockers)
        self.model.set_rows(self.blockers)
        if blockers:
            self.head.setText(self.tr("前置条件未满足（{n} 项），不能开始验收。请先处理（双击打开相关记录，"
                                      "本窗口保留已填内容），处理后点“重新检查”；或由组织方记录越过的理由：")
                              .format(n=len(blockers)))
            self.head.setStyleSheet("color:#c62828;")
            self.ok.setText(self.tr("越过并开始验收"))
        else:
            self.head.setText(self.tr("前置条件已满足。"))
            self.head.setStyleSheet("")
            self.ok.setText(self.tr("开始验收"))
        for w in (self.table, self.recheck_btn, self.override):
            w.setVisible(bool(blockers))
        self._update_ok()

    def _update_ok(self) -> None:
        self.ok.setEnabled(not self.blockers or bool(self.reason.toPlainText().strip()))

    def _on_table_double_clicked(self, index) -> None:  # type: ignore[no-untyped-def]
        b = blocker_at(self.table, index)
        if b is not None:
            self.opened = (b.kind, b.record_id)
            self.open_requested.emit(b.kind, b.record_id)

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
        self.new_dialog: NewAcceptanceDialog | None = None
        self.picker = ProjectPicker(ctx, self, follows=True)
        self.picker.setObjectName("project_picker")
        self.acc_model: RowTableModel = RowTableModel(ACC_COLUMNS, self)
        self.acc_table = _table("acceptances", self.acc_model, self)
        self.hand_model: RowTableModel = RowTableModel(HAND_COLUMNS, self)
        self.hand_table = _table("handovers", self.hand_model, self)
        self.page = AcceptancePage(ctx, self)
        self.hpage = HandoverPage(ctx, self)
        set_empty_text(self.acc_table, lambda: self.tr("请先在上方选择项目。") if not self.project_id else
                       self.tr("该项目还没有联合验收记录：按 Ctrl+N 或点“新建验收”，先检查前置条件。"))
        set_empty_text(self.hand_table, lambda: self.tr("请先在上方选择项目。") if not self.project_id else
                       self.tr("还没有移交记录：联合验收合格并签署后，点“新建移交”。"))
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
                                (self.tr("选择项目"), "Ctrl+F", self.focus_default)):
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
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        split.setSizes([380, 760])  # the list shows its number, date, conclusion and state
        give_list_room(split, table)  # ... and in English, whose headers are longer, still all of them
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
        dlg = self.new_dialog
        if dlg is not None and dlg.isVisible() and dlg.project_id == self.project_id:
            dlg.set_blockers(blockers)  # a re-check: same dialog, same typed values
            dlg.raise_()
            dlg.activateWindow()
            return
        dlg = NewAcceptanceDialog(blockers, "", self)
        dlg.project_id = self.project_id
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.new_dialog = dlg  # reachable while open (tests, shortcuts)
        dlg.open_requested.connect(self._open_elsewhere)
        dlg.recheck_requested.connect(self.new_acceptance_for(dlg))
        dlg.accepted.connect(lambda: self._start(dlg))
        dlg.destroyed.connect(lambda _o=None: setattr(self, "new_dialog", None))
        dlg.show()

    def new_acceptance_for(self, dlg: NewAcceptanceDialog):  # type: ignore[no-untyped-def]
        """Re-check the preconditions of the dialog's project (the view may show another by now)."""
        def recheck() -> None:
            store, pid = self.ctx.store, dlg.project_id
            run_op(lambda _p: acc_svc.check_preconditions(store, project_id=pid),
                   on_success=lambda blockers: dlg.set_blockers(blockers), parent=dlg)
        return recheck

    def _start(self, dlg: NewAcceptanceDialog) -> None:
        store, pid = self.ctx.store, dlg.project_id
        values = dict(held_on=dlg.date, location=dlg.location.text(), organiser=dlg.organiser.text(),
                      override_reason=dlg.reason.toPlainText(), override_by=dlg.by.text())
        if pid != self.project_id:
            self.picker.select(pid)  # back to the project the acceptance is for
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
