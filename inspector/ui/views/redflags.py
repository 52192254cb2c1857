"""风险提示: every project's red flags, filtered by project, rule and status; confirm or dismiss
with a reason; open the records a flag concerns.

The list pages the kept flags from the store (`services/redflag_results`): it opens at once on the
last result, whatever the store's size, and says when that was computed. When the records changed
since (or the day did), the flags are computed again in the background, with progress, and the list
follows. A chosen project's flags are computed first, read around the project (milliseconds)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from inspector.domain.clock import CHINA_TZ, fmt_china
from inspector.domain.rules.redflags import RULE_TITLES
from inspector.services import redflag_results as results
from inspector.services.changes import Cancelled, Changes
from inspector.services.errors import NotFound
from inspector.ui.context import AppContext
from inspector.ui.models.paged import PagedRowModel
from inspector.ui.ops import Op, run_in_writer, run_op, show_error
from inspector.ui.texts import translate_sentence
from inspector.ui.widgets.paged_table import ask_keeping_selection, select_id
from inspector.ui.widgets.project_picker import ProjectPicker
from inspector.ui.widgets.redflag_panel import FlagList, flag_columns, rule_tip

# Status filter: label -> statuses shown. The default leaves out what was dismissed.
STATUS_FILTERS = {
    "未排除": frozenset({"open", "confirmed"}),
    "待核实": frozenset({"open"}),
    "已确认": frozenset({"confirmed"}),
    "已排除": frozenset({"dismissed"}),
    "全部状态": frozenset({"open", "confirmed", "dismissed"}),
}
# The list's columns (`flag_columns(with_project=True)`) → the store's sort orders; the checklist
# items a flag routes to are not sorted by.
SORT_KEYS = ("status", "title", "project", None, "message")


def _until_midnight_ms() -> int:
    """Milliseconds to just after the next midnight in China (rules that count days move on)."""
    now = dt.datetime.now(CHINA_TZ)
    midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(0, 0, 5), CHINA_TZ)
    return int((midnight - now).total_seconds() * 1000)


class RedFlagsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = False  # hidden while the records changed: catch up when shown
        self._compute_wanted = False  # compute every project's flags if the page says they are stale
        self._again = False  # records changed while every project's flags were computed
        self._generation = 0
        self._pending = ""  # a flag to select when its project's flags are in
        self._percent: int | None = None  # how far every project's flags are computed (None: not running)
        self._run = 0  # the number of the latest computation of every project's flags
        self._project_op: Op | None = None
        self._op: Op | None = None
        self.project = ProjectPicker(ctx, self, allow_all=True)
        self.project.setObjectName("project")
        self.rule = QComboBox()
        self.rule.setObjectName("rule")
        self.rule.addItem(self.tr("全部规则"), "")
        for rule, title in RULE_TITLES.items():  # by what it is about; the code is the office's
            self.rule.addItem(translate_sentence(title), rule)
            self.rule.setItemData(self.rule.count() - 1, rule_tip(rule), Qt.ItemDataRole.ToolTipRole)
        self.status = QComboBox()
        self.status.setObjectName("status")
        for label in STATUS_FILTERS:
            self.status.addItem(self.tr(label), label)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("搜索：项目、说明、核查项（Ctrl+F）"))
        store = ctx.store
        self.model: PagedRowModel = PagedRowModel(
            flag_columns(True, ctx), SORT_KEYS,
            lambda q, offset, limit: results.page_flags(store, q, offset=offset, limit=limit), self)
        self.list = FlagList(ctx, self, with_project=True, paged=self.model)
        self.list.show_dismissed.hide()  # the status filter decides instead

        filters = QHBoxLayout()
        filters.addWidget(self.project, 2)
        filters.addWidget(self.rule, 1)
        filters.addWidget(self.status, 1)
        filters.addWidget(self.search, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.list, 1)

        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.apply_filter)
        self._midnight = QTimer(self, singleShot=True)
        self._midnight.timeout.connect(self._on_midnight)
        self._midnight.start(_until_midnight_ms())
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.project.project_changed.connect(lambda _id: self.reload())
        self.rule.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.status.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.model.loaded.connect(self._on_page)
        for text, keys, slot in (("搜索", [QKeySequence.StandardKey.Find, "Ctrl+F"], self.focus_default),):
            act = QAction(self.tr(text), self)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
        ctx.bus.changed.connect(self._on_bus_changed)
        self._stale = True  # asked for when first shown (a link elsewhere may create the view hidden)

    @property
    def loading(self) -> bool:
        """Something the list will show is on its way: a page, a project's flags, every project's."""
        running = any(op is not None and op.running for op in (self._op, self._project_op))
        return running or self.model.pending or self._again

    # -- what is asked ------------------------------------------------------------------------------

    def query(self) -> results.FlagQuery:
        sort = self.model.query.sort if self.model.query else "status"
        descending = self.model.query.descending if self.model.query else False
        return results.FlagQuery(project_id=self.project.current_id(), rule=self.rule.currentData() or "",
                                 statuses=STATUS_FILTERS[self.status.currentData() or "未排除"],
                                 text=self.search.text(), sort=sort, descending=descending)

    def apply_filter(self) -> None:
        """Ask the store for the flags the filters choose (the kept ones: nothing is computed)."""
        ask_keeping_selection(self.list.table, self.model, self.query())

    def reload(self) -> None:
        """Show the flags as the records are now. A chosen project's are computed first (quick at
        any size); under 全部项目 the kept flags are shown at once and, when the page says they are
        stale, every project's are computed again in the background."""
        self._stale = False
        self._generation += 1
        scope = self.project.current_id()
        if scope:
            if self._op is not None and self._op.running:
                self._op.cancel()  # every project's flags, no longer wanted: stop at the next step
            generation, store = self._generation, self.ctx.store
            self._project_op = run_op(
                lambda _p: results.refresh_project(store, project_id=scope, write=run_in_writer),
                on_success=lambda _r: generation == self._generation and self.apply_filter(),
                on_failure=lambda exc: self._on_failed(generation, None, exc), parent=self)
            self._show_progress()
            return
        self._compute_wanted = True
        self.apply_filter()

    def _compute(self) -> None:
        """Every project's flags, computed again and kept (seconds to a minute at a city's scale)."""
        if self._op is not None and self._op.running and not self._op.cancel_requested:
            self._again = True  # changed meanwhile: once more when this run ends, not once per change
            return
        self._again = False
        self._run += 1
        store, generation, run = self.ctx.store, self._generation, self._run
        self._percent = 0
        self._op = run_op(lambda p: results.refresh_apart(store, progress=p, write=run_in_writer),
                          on_success=lambda _s: self._on_computed(run),
                          on_failure=lambda exc: self._on_failed(generation, run, exc),
                          on_progress=lambda done, total, _t: self._on_progress(run, done, total), parent=self)
        self._show_progress()

    # -- what arrives -------------------------------------------------------------------------------

    def _on_progress(self, run: int, done: int, total: int) -> None:
        if run == self._run and total:
            self._percent = 100 * done // total
            self._show_progress()

    def _on_computed(self, run: int) -> None:
        if run != self._run:
            return
        self._percent, self._op = None, None  # finished (its `running` turns off only after this signal)
        if self._again and not self.project.current_id():
            self._compute()
            return
        self._again = False
        self.apply_filter()

    def _on_failed(self, generation: int, run: int | None, exc: BaseException) -> None:
        if run is not None and run == self._run:
            self._percent, self._again, self._op = None, False, None
        if isinstance(exc, NotFound):  # the chosen project was deleted meanwhile: the picker follows
            self.apply_filter()
        elif generation == self._generation and not isinstance(exc, Cancelled):
            show_error(exc)
        self._show_progress()

    def _on_page(self, _total: int) -> None:
        answer = self.model.answer
        if (self._compute_wanted and not self.project.current_id() and answer is not None
                and not answer.state.fresh):
            self._compute_wanted = False
            self._compute()
        elif answer is not None and answer.state.fresh:
            self._compute_wanted = False
        if self._pending and select_id(self.list.table, self.model, self._pending):
            self._pending = ""
        self._show_progress()
        if not self.loading:
            self.list.flags_loaded.emit()

    def _show_progress(self) -> None:
        """The count line (how many, when computed, how far a new computation is) and the empty
        list's text while nothing is kept yet."""
        computing = self._percent is not None or (self._project_op is not None and self._project_op.running)
        text = ""
        if self._percent is not None:
            text = self.tr("正在检查全部项目的风险（已完成 {percent}%）…").format(percent=self._percent)
        self.list.set_loading(computing, text)
        answer = self.model.answer
        if answer is None or (computing and not self.model.rows and answer.state.computed_at is None):
            self.list.count.setText("")  # nothing is known yet: not "0 shown"
            return
        count = self.tr("显示 {shown} 条，待核实 {open} 条").format(
            shown=f"{answer.total}+" if self.model.capped else answer.total, open=answer.open)
        if self._percent is not None:
            when = self.tr("正在重新检查（已完成 {percent}%）").format(percent=self._percent)
        elif answer.state.computed_at is not None and not self.project.current_id():
            when = self.tr("检查于 {time}").format(time=fmt_china(answer.state.computed_at))
        else:
            when = ""
        self.list.count.setText(f"{count} · {when}" if when else count)
        self.list.count.setToolTip(self.tr("风险提示在记录变化后于后台重新检查；列表先显示上次的结果。"))

    # -- the store and the clock --------------------------------------------------------------------

    @Slot(object)
    def _on_bus_changed(self, changes: Changes) -> None:
        # Hidden, the view only remembers that its flags are old: every autosave elsewhere would
        # otherwise compute the whole store's flags in the background.
        if changes.touches(*results.SOURCES):
            self._stale = True
            if self.isVisible():
                self.reload()
        elif changes.touches("red_flag_decisions") and self.isVisible():
            self.apply_filter()  # the kept flags follow decisions by themselves: only ask again

    def _on_midnight(self) -> None:
        self._midnight.start(_until_midnight_ms())
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale or not event.spontaneous():
            # Shown again: another process (a command, a second window) may have changed the
            # records without this one hearing of it. Asking costs a page; computing only if stale.
            self.reload()

    def focus_default(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def open_record(self, kind: str, record_id: str) -> bool:
        """Flags are computed, not records; 'redflag' ids are "project_id|key". The flag is shown
        among its project's, whatever their status."""
        if kind != "redflag":
            return False
        project_id = record_id.partition("|")[0]
        self._pending = record_id
        self.status.blockSignals(True)
        self.status.setCurrentIndex(self.status.findData("全部状态"))
        self.status.blockSignals(False)
        if self.project.current_id() == project_id:
            self.reload()
        elif not self.project.select(project_id):
            self._pending = ""
            self.apply_filter()
            return False
        return True
