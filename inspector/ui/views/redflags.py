"""风险提示: every project's red flags, filtered by project, rule and status; confirm or dismiss
with a reason; open the records a flag concerns."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from inspector.domain.rules.redflags import RULE_TITLES
from inspector.services import redflags as svc
from inspector.services.changes import Changes
from inspector.services.errors import NotFound
from inspector.ui.context import AppContext
from inspector.ui.ops import Op, run_op, show_error
from inspector.ui.texts import translate_sentence
from inspector.ui.widgets.project_picker import ProjectPicker
from inspector.ui.widgets.redflag_panel import FlagList, rule_tip

# Status filter: label -> statuses shown. The default leaves out what was dismissed.
STATUS_FILTERS = {
    "未排除": {"open", "confirmed"},
    "待核实": {"open"},
    "已确认": {"confirmed"},
    "已排除": {"dismissed"},
    "全部状态": {"open", "confirmed", "dismissed"},
}


class RedFlagsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loading = False
        self._stale = self._again = False
        self._generation, self._scope, self._pending = 0, "", ""
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
        self.list = FlagList(ctx, self, with_project=True)
        self.list.show_dismissed.setChecked(True)  # the status filter decides instead
        self.list.show_dismissed.hide()

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
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.project.project_changed.connect(lambda _id: (self.apply_filter(), self.reload()))
        self.rule.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.status.currentIndexChanged.connect(lambda _i: self.apply_filter())
        for text, keys, slot in (("搜索", [QKeySequence.StandardKey.Find, "Ctrl+F"], self.focus_default),):
            act = QAction(self.tr(text), self)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
        ctx.bus.changed.connect(self._on_bus_changed)
        self.apply_filter()
        self.reload()

    def reload(self) -> None:
        """Recompute the flags off the GUI thread: the chosen project's (read around it, quick at any
        size), or every project's (seconds at a city's scale). While a run for the same choice is
        under way, further changes queue one more run, not one each; a new choice starts at once
        and the older run's answer is dropped."""
        self._stale = False
        scope = self.project.current_id()
        if self.loading and scope == self._scope:
            self._again = True
            return
        if self._op is not None and self._op.running:
            self._op.cancel()  # every project's flags, no longer wanted: stop at the next step
        self._generation += 1
        generation, store = self._generation, self.ctx.store
        self.loading, self._again, self._scope = True, False, scope
        self.list.set_loading(True)  # the empty list says it is computing, not that nothing is wrong

        def compute(progress):  # type: ignore[no-untyped-def]
            rows = (svc.flags_for_project(store, project_id=scope) if scope
                    else svc.all_flags(store, progress=progress))
            return generation, rows

        self._op = run_op(compute, on_success=self._on_loaded,
                          on_failure=lambda exc: self._on_failed(generation, exc),
                          on_progress=lambda done, total, _t: self._on_progress(generation, done, total), parent=self)

    def _on_progress(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation and total:
            self.list.set_loading(True, self.tr("正在检查全部项目的风险（已完成 {percent}%）…").format(
                percent=100 * done // total))

    def _on_loaded(self, result: tuple[int, list[svc.FlagRow]]) -> None:
        generation, rows = result
        if generation != self._generation:  # the choice changed meanwhile
            return
        self.list.set_loading(False)
        self.list.set_rows(rows)
        if self._pending:
            self.list.select(self._pending)
            self._pending = ""
        self._settle()

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.list.set_loading(False)
        if not isinstance(exc, NotFound):  # the chosen project was deleted meanwhile: the picker follows
            show_error(exc)
        self._settle()

    def _settle(self) -> None:
        self.loading = False
        if self._again:
            self.reload()
        else:
            self.list.flags_loaded.emit()

    def apply_filter(self) -> None:
        project = self.project.current_id()
        rule = self.rule.currentData() or ""
        statuses = STATUS_FILTERS[self.status.currentData() or "未排除"]
        words = self.search.text().lower().split()
        self.list.extra_filter = lambda r: ((not project or r.project_id == project) and (not rule or r.rule == rule)
                                            and r.status in statuses and all(w in r.haystack for w in words))
        self.list.apply_filter()

    @Slot(object)
    def _on_bus_changed(self, changes: Changes) -> None:
        # Hidden, the view only remembers that its flags are old: every autosave elsewhere would
        # otherwise recompute the whole store's flags in the background.
        if changes.touches(*svc.FLAG_SOURCES):
            self._stale = True
            if self.isVisible():
                self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def focus_default(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def open_record(self, kind: str, record_id: str) -> bool:
        """Flags are computed, not records; 'redflag' ids are "project_id|key"."""
        if kind != "redflag":
            return False
        self.status.setCurrentIndex(self.status.findData("全部状态"))
        self.project.setCurrentIndex(0)  # every project's flags: computed again if one was chosen
        if self.loading:
            self._pending = record_id  # selected when they arrive
            return True
        return self.list.select(record_id)
