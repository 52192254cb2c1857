"""Red flags in a list with their explanation, links to the records they concern, and the
inspector's confirm / dismiss (with a reason) or reopen.

`FlagList` is the shared list: over flags held in memory (`RedFlagPanel`, one project's, embedded
in the project page) or over a model that pages the kept flags from the store (the 风险提示 section,
`inspector.ui.views.redflags`, every project's)."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector.services import redflags as svc
from inspector.services.changes import Changes
from inspector.ui.context import AppContext
from inspector.ui.models.paged import PagedRowModel
from inspector.ui.models.table import ROW_ROLE, Column, FilterProxy, RowTableModel
from inspector.ui.ops import run_op
from inspector.ui.texts import translate_sentence
from inspector.ui.widgets.empty_state import set_empty_text
from inspector.ui.widgets.paged_table import set_up_paged_table
from inspector.ui.widgets.table_fit import fit_columns

log = logging.getLogger(__name__)

_STATUS_COLOR = {"open": "#c62828", "confirmed": "#e65100", "dismissed": "#757575"}
_STATUS_ORDER = {"open": 0, "confirmed": 1, "dismissed": 2}


def rule_tip(rule: str) -> str:
    """The rule's code: for the office, in a tooltip — the inspector reads the plain title."""
    return QCoreApplication.translate("FlagList", "规则：{rule}").format(rule=rule)


def route_text(ctx: AppContext, route: tuple[str, ...]) -> str:
    """The checklist items a flag sends the inspector to, by what they check (ids are in the tooltip)."""
    from inspector.ui.i18n import ui_language
    from inspector.ui.models.checklist import item_text

    registry, lang, out = ctx.checklists, ui_language(), []
    for item_id in route:
        found = registry.find_item(item_id) if registry is not None and hasattr(registry, "find_item") else None
        out.append(item_text(found[1], lang) if found else item_id)
    return QCoreApplication.translate("FlagList", "；").join(out)


def flag_columns(with_project: bool, ctx: AppContext | None = None) -> list[Column]:
    cols: list[Column] = [
        Column("状态", lambda r: QCoreApplication.translate("Choices", r.status_label),
               sort=lambda r: _STATUS_ORDER.get(r.status, 9), color=lambda r: _STATUS_COLOR.get(r.status), key=True),
        Column("风险提示", lambda r: translate_sentence(r.title), tooltip=lambda r: rule_tip(r.rule)),
    ]
    if with_project:
        cols.append(Column("项目", lambda r: f"{r.project_code} {r.project_name}", sort=lambda r: r.project_code))
    cols += [Column("核查项", lambda r: route_text(ctx, r.route) if ctx else "、".join(r.route),
                    tooltip=lambda r: ", ".join(r.route), max_width=220),
             Column("说明", lambda r: translate_sentence(r.message), stretch=True)]
    return cols


class DecisionDialog(QDialog):
    """Asks for the reason of a confirm/dismiss; OK stays disabled-in-effect until a reason is given."""

    def __init__(self, title: str, flag: svc.FlagRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        about = QLabel(f"<b>{html.escape(translate_sentence(flag.title))}</b><br>"
                       f"{html.escape(translate_sentence(flag.message))}")
        about.setToolTip(rule_tip(flag.rule))
        about.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("理由（必填，将记入审计日志）"))
        self.reason.setTabChangesFocus(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(QLabel(self.tr("理由：")))
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(480, 300)

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def _on_accepted(self) -> None:
        if len(self.text()) < 2:
            self.error.setText(self.tr("请填写理由"))
            self.reason.setFocus()
            return
        self.accept()


class FlagList(QWidget):
    """A table of `FlagRow`s, the selected flag's explanation with links, and the decision buttons.
    Emits `open_requested(kind, id)`; by default it also asks the main window to open the record.

    With `paged`, the rows are that model's (the store sorts and filters them, a page at a time; the
    owner sets the query and the count line); without, the list holds its rows and filters them."""

    open_requested = Signal(str, str)
    flags_loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, with_project: bool = False,
                 paged: PagedRowModel | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loading = False
        self.loading_text = ""  # how far the computation is, when its owner knows
        self.table = QTableView()
        self.table.setObjectName("flags")
        self.proxy: FilterProxy | None = None
        self.model: RowTableModel
        if paged is not None:
            self.model = paged
            set_up_paged_table(self.table, paged, sort_column=0)
        else:
            self.model = RowTableModel(flag_columns(with_project, ctx), self)
            self.proxy = FilterProxy(self)
            self.proxy.setSourceModel(self.model)
            self.table.setModel(self.proxy)
            self.table.setSortingEnabled(True)
            self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
            self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            fit_columns(self.table, once=True)  # a sort or a filter of thousands of flags measures only the key column again
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        set_empty_text(self.table, self._empty_text)
        self.detail = QLabel()
        self.detail.setObjectName("detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.show_dismissed = QCheckBox(self.tr("显示已排除"))
        self.count = QLabel()
        self.confirm_btn = QPushButton(self.tr("确认…"))
        self.confirm_btn.setToolTip(self.tr("确认该风险属实（Ctrl+Enter）"))
        self.dismiss_btn = QPushButton(self.tr("排除…"))
        self.dismiss_btn.setToolTip(self.tr("排除误报（Ctrl+D）"))
        self.reopen_btn = QPushButton(self.tr("重新打开"))
        self.open_btn = QPushButton(self.tr("打开记录"))
        self.open_btn.setToolTip(self.tr("打开相关记录（Enter / 双击）"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.show_dismissed)
        for b in (self.open_btn, self.confirm_btn, self.dismiss_btn, self.reopen_btn):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.detail, 1)
        layout.addLayout(buttons)

        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.table.doubleClicked.connect(lambda _i: self.open_current())
        self.detail.linkActivated.connect(self._on_detail_link_activated)
        self.show_dismissed.toggled.connect(lambda _v: self.apply_filter())
        self.confirm_btn.clicked.connect(lambda: self.decide_current("confirmed"))
        self.dismiss_btn.clicked.connect(lambda: self.decide_current("dismissed"))
        self.reopen_btn.clicked.connect(lambda: self.decide_current("open"))
        self.open_btn.clicked.connect(self.open_current)
        self._action("打开记录", [Qt.Key.Key_Return, Qt.Key.Key_Enter], self.open_current, self.table)
        self._action("确认", ["Ctrl+Return"], lambda: self.decide_current("confirmed"))
        self._action("排除", ["Ctrl+D"], lambda: self.decide_current("dismissed"))
        self._update_buttons()

    def _action(self, text: str, keys: list, slot, widget: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        act = QAction(self.tr(text), widget or self)
        act.setShortcuts([QKeySequence(k) for k in keys])
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(slot)
        (widget or self).addAction(act)

    def _empty_text(self) -> str:
        if self.loading:
            return self.loading_text or self.tr("正在检查风险…")
        if self.model.rowCount():
            return self.tr("没有符合筛选条件的风险提示。")
        return self.tr("没有风险提示：材料、检测报告、关键人员、公示、投诉和整改期限均未发现异常。")

    def set_loading(self, loading: bool, text: str = "") -> None:
        """Computing (`text`: how far, when the owner knows) or done: what the empty list says."""
        self.loading, self.loading_text = loading, text
        set_empty_text(self.table, self._empty_text)
        if not self.model.rows:
            self.apply_filter()  # the count line says nothing while the first flags are computed

    # -- rows ----------------------------------------------------------------------------------

    def set_rows(self, rows: list[svc.FlagRow]) -> None:
        keep = self.current_flag()
        self.model.set_rows(rows)
        self.apply_filter()
        if keep:
            self.select(keep.id)
        self._show_detail(self.current_flag())

    def apply_filter(self) -> None:
        if self.proxy is None:  # paged: the owner's query filters, and it sets the count line
            self._update_buttons()
            return
        show_dismissed = self.show_dismissed.isChecked()
        self.proxy.set_predicate(None if show_dismissed else lambda r: r.status != "dismissed")
        shown = self.proxy.rowCount()
        open_n = sum(1 for r in self.model.rows if r.status == "open")
        # While the first flags are computed there is nothing to count yet (not "0 shown").
        self.count.setText("" if self.loading and not self.model.rows
                           else self.tr("显示 {shown} 条，待核实 {open} 条").format(shown=shown, open=open_n))
        self._update_buttons()

    def visible_rows(self) -> list[svc.FlagRow]:
        shown = self.proxy or self.model
        return [shown.index(i, 0).data(ROW_ROLE) for i in range(shown.rowCount())]

    def current_flag(self) -> svc.FlagRow | None:
        idx = self.table.currentIndex()
        if not idx.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(idx).row() if self.proxy else idx.row())

    def select(self, row_id: str) -> bool:
        row = self.model.row_of_id(row_id)
        idx = None if row < 0 else (self.proxy.mapFromSource(self.model.index(row, 0)) if self.proxy
                                    else self.model.index(row, 0))
        if idx is None or not idx.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(idx)
        return True

    def _on_table_current_row_changed(self, _current, _previous) -> None:  # type: ignore[no-untyped-def]
        self._show_detail(self.current_flag())
        self._update_buttons()

    def _show_detail(self, flag: svc.FlagRow | None) -> None:
        if flag is None:
            self.detail.setText("")
            return
        esc = html.escape
        links = "&nbsp;&nbsp;".join(f'<a href="{s.kind}:{s.id}">{esc(translate_sentence(s.label))}</a>' for s in flag.subjects)
        decided = ""
        if flag.status != "open":
            when = f"{flag.decided_at:%Y-%m-%d}" if flag.decided_at else ""
            status = QCoreApplication.translate("Choices", flag.status_label)
            decided = f"<br><b>{esc(status)}</b>（{esc(flag.decided_by)} {when}）：{esc(flag.reason)}"
        check, related = self.tr("核查项："), self.tr("相关记录：")
        self.detail.setText(f"<b>{esc(translate_sentence(flag.title))}</b>&nbsp;&nbsp;{esc(check)}"
                            f"{esc(route_text(self.ctx, flag.route))}<br>{esc(translate_sentence(flag.message))}<br>"
                            f"{esc(related)}{links}{decided}")
        self.detail.setToolTip(rule_tip(flag.rule))

    def _update_buttons(self) -> None:
        flag = self.current_flag()
        self.open_btn.setEnabled(flag is not None and flag.target is not None)
        self.confirm_btn.setEnabled(flag is not None and flag.status != "confirmed")
        self.dismiss_btn.setEnabled(flag is not None and flag.status != "dismissed")
        self.reopen_btn.setEnabled(flag is not None and flag.status != "open")

    # -- actions -------------------------------------------------------------------------------

    def open_current(self) -> None:
        flag = self.current_flag()
        if flag and flag.target:
            self.open_subject(flag, flag.target.kind, flag.target.id)

    def open_subject(self, flag: svc.FlagRow, kind: str, record_id: str) -> None:
        if kind == "person":  # people are shown on their project's page
            kind, record_id = "project", flag.project_id
        self.open_requested.emit(kind, record_id)
        window = self.window()
        opener = getattr(window, "open_record", None)
        if window is not self and callable(opener):
            opener(kind, record_id)

    @Slot(str)
    def _on_detail_link_activated(self, link: str) -> None:
        flag = self.current_flag()
        kind, _, record_id = link.partition(":")
        if flag:
            self.open_subject(flag, kind, record_id)

    def decide_current(self, decision: str) -> None:
        flag = self.current_flag()
        if flag is None or flag.status == decision:
            return
        reason = ""
        if decision != "open":
            title = self.tr("确认风险提示") if decision == "confirmed" else self.tr("排除风险提示")
            dlg = DecisionDialog(title, flag, self)
            if not dlg.exec():
                return
            reason = dlg.text()
        store = self.ctx.store
        run_op(lambda _p: svc.decide(store, project_id=flag.project_id, flag_key=flag.key, decision=decision,
                                     reason=reason),
               on_success=self._on_decided, write=True, parent=self)

    def _on_decided(self, changes: Changes) -> None:
        self.ctx.bus.announce(changes)


class RedFlagPanel(FlagList):
    """One project's red flags; follows the store's changes. `set_project("")` clears it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, with_project=False)
        self.project_id = ""
        ctx.bus.changed.connect(self._on_bus_changed)

    def set_project(self, project_id: str | None) -> None:
        self.project_id = project_id or ""
        self.reload()

    def reload(self) -> None:
        if not self.project_id:
            self.set_rows([])
            return
        self.loading = True
        store, pid = self.ctx.store, self.project_id
        run_op(lambda _p: (pid, svc.flags_for_project(store, project_id=pid)), on_success=self._on_loaded,
               on_failure=self._on_load_failed, parent=self)

    def _on_loaded(self, result: tuple[str, list[svc.FlagRow]]) -> None:
        pid, rows = result
        if pid != self.project_id:  # an older load finished after the project changed
            return
        self.loading = False
        self.set_rows(rows)
        self.flags_loaded.emit()

    def _on_load_failed(self, exc: BaseException) -> None:
        # The project may have been deleted meanwhile: an empty panel says it without a dialog.
        log.info("red flags not loaded: %s", exc)
        self.set_rows([])
        self.loading = False
        self.flags_loaded.emit()

    def _on_bus_changed(self, changes: Changes) -> None:
        if self.project_id and changes.touches(*svc.FLAG_SOURCES):
            self.reload()
