"""One project: basic data, funding and dates, parties, key personnel, renovation items.

Every edit is saved at once (off the GUI thread) and can be undone (Ctrl+Z) and redone."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.rules.fields import PROJECT_FIELDS
from inspector.services import projects as svc
from inspector.services.errors import ValidationError
from inspector.ui.context import AppContext
from inspector.ui.i18n import ui_language
from inspector.ui.messages import describe
from inspector.ui.ops import run_op
from inspector.ui.views.project_parties import PartiesTab, PersonsTab
from inspector.ui.widgets.field_form import FieldForm, format_value
from inspector.ui.widgets.redflag_panel import RedFlagPanel

log = logging.getLogger(__name__)

_FUNDING = {"contract_price", "fund_subsidy", "fund_resident", "fund_utility", "fund_bonds", "fund_other",
            "permit_no", "supervision_no", "permit_date", "start_date", "finish_date"}
BASIC_FIELDS = [f for f in PROJECT_FIELDS if f.name not in _FUNDING]
FUNDING_FIELDS = [f for f in PROJECT_FIELDS if f.name in _FUNDING]
_BY_NAME = {f.name: f for f in PROJECT_FIELDS}


class _FieldEdit(QUndoCommand):
    """An already-saved field edit; undo/redo save the old/new value again."""

    def __init__(self, page: ProjectPage, name: str, old: str, new: str) -> None:
        label = QCoreApplication.translate("Fields", _BY_NAME[name].label) if name in _BY_NAME else ""
        super().__init__(QCoreApplication.translate("ProjectPage", "修改{field}").format(field=label))
        self.page, self.name, self.old, self.new = page, name, old, new
        self._done = True

    def redo(self) -> None:
        if self._done:  # the first redo is the save that already happened
            self._done = False
            return
        self.page.save_field(self.name, self.new, record_undo=False)

    def undo(self) -> None:
        self.page.save_field(self.name, self.old, record_undo=False)


class _ItemsEdit(QUndoCommand):
    def __init__(self, page: ProjectPage, old: list[str], new: list[str]) -> None:
        super().__init__("修改改造内容")
        self.page, self.old, self.new = page, old, new
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.page.save_items(self.new, record_undo=False)

    def undo(self) -> None:
        self.page.save_items(self.old, record_undo=False)


class ProjectPage(QWidget):
    saved = Signal(str)  # field name, once saved and the page shows what the store holds now
    refused = Signal(str, str)  # field name, message

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.project_id: str | None = None  # the project shown (edits go to it)
        self.wanted_id: str | None = None  # the project asked for last (shown once the store answers)
        self.detail: svc.ProjectDetail | None = None
        self.loading = False  # a project is on its way from the store
        self._generation = 0  # of the last load asked for: an older answer is dropped
        self._flags_for: str | None = None  # the project whose red flags the panel holds
        self._then: list[Callable[[], None]] = []  # to run once the last load asked for has landed
        self.undo_stack = QUndoStack(self)
        self.pending = 0

        self.title = QLabel()
        self.title.setWordWrap(True)  # a long name or the hint must not widen the whole window
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.message = QLabel()
        self.message.setWordWrap(True)
        undo_btn, redo_btn = QToolButton(), QToolButton()
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("撤销"))
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("重做"))
        self.redo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")])
        for a in (self.undo_action, self.redo_action):
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(a)
        undo_btn.setDefaultAction(self.undo_action)
        redo_btn.setDefaultAction(self.redo_action)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(undo_btn)
        head.addWidget(redo_btn)

        self.basic = FieldForm(BASIC_FIELDS, columns=2)
        self.funding = FieldForm(FUNDING_FIELDS, columns=2)
        for form in (self.basic, self.funding):
            form.edited.connect(self.save_field)
        self.items = QTreeWidget()
        self.items.setHeaderLabels([self.tr("改造内容"), self.tr("类别")])
        self.items.itemChanged.connect(self._on_items_item_changed)
        self.parties = PartiesTab(ctx, self)
        self.persons = PersonsTab(ctx, self)

        self.tabs = QTabWidget()
        self.tabs.addTab(_scroll(self.basic), self.tr("基本信息"))
        self.tabs.addTab(_scroll(self.funding), self.tr("许可、日期与资金"))
        self.tabs.addTab(self.parties, self.tr("参建单位"))
        self.tabs.addTab(self.persons, self.tr("关键人员"))
        self.tabs.addTab(self.items, self.tr("改造内容"))
        self.redflags = RedFlagPanel(ctx, self)
        self.tabs.addTab(self.redflags, self.tr("风险提示"))
        self.tabs.currentChanged.connect(lambda _i: self._load_flags_if_shown())

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self.load(None)  # says what to do until a project is chosen

    # -- loading -----------------------------------------------------------------------------

    def load(self, project_id: str | None, *, then: Callable[[], None] | None = None) -> None:
        """Show project `project_id` (None: what to do until one is chosen). The store is read off the
        GUI thread; the page goes on showing the project it shows (and edits go to that one) until
        the new one arrives, and of quick successive loads only the last one asked for is shown.
        `then()` runs once it is shown (or a later load has landed instead)."""
        self.wanted_id = project_id
        self._generation += 1
        if then is not None:
            self._then.append(then)
        if not project_id:
            self.loading = False
            self._show(None)
            self._landed()
            return
        self.loading = True
        generation, store = self._generation, self.ctx.store
        run_op(lambda _p: svc.get_project(store, project_id), parent=self,
               on_success=lambda detail: self._on_loaded(generation, detail),
               on_failure=lambda exc: self._on_load_failed(generation, exc))

    def _on_loaded(self, generation: int, detail: svc.ProjectDetail) -> None:
        if generation != self._generation:
            return  # another project was asked for meanwhile (or this one again, after a save)
        self.loading = False
        self._show(detail)
        self._landed()

    def _on_load_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self._show(None)  # deleted meanwhile (by a sync, on another screen): nothing to edit
        self.message.setText(describe(exc))
        self.message.setStyleSheet("color: #c62828;")
        self._landed()

    def _landed(self) -> None:
        then, self._then = self._then, []
        for fn in then:
            fn()

    def _show(self, detail: svc.ProjectDetail | None) -> None:
        project_id = detail.id if detail is not None else None
        if project_id != self.project_id:
            self.undo_stack.clear()
        self.project_id = project_id
        self.detail = detail
        self.setEnabled(detail is not None)
        if detail is None:
            self.title.setText(self.tr("请在左侧列表中选择一个项目（或按 Ctrl+N 新建项目）"))
            return
        v = detail.values
        self.title.setText(f"{v['code']}  {v['name']}")
        self.basic.set_values(v)
        self.funding.set_values(v)
        self.basic.clear_errors()
        self.funding.clear_errors()
        self.parties.set_project(detail.id, detail)
        self.persons.set_project(detail.id, detail)
        self._fill_items()
        self._flags_for = None  # the project changed, or it was saved: its flags are asked again
        self._load_flags_if_shown()

    def _load_flags_if_shown(self) -> None:
        """The red flags are checked against the whole store (every project's parties and people): a
        worker's long job, asked for only when the 风险提示 tab is shown, not for every project the
        inspector passes over in the list (each job would hold a pool thread that project reads wait for)."""
        if self.tabs.currentWidget() is self.redflags and self.project_id and self._flags_for != self.project_id:
            self._flags_for = self.project_id
            self.redflags.set_project(self.project_id)

    def _fill_items(self) -> None:
        reg = self.ctx.checklists
        chosen = set(self.detail.renovation_items if self.detail else [])
        self.items.blockSignals(True)
        self.items.clear()
        catalogue = getattr(reg, "renovation_items", None) or []
        groups: dict[str, QTreeWidgetItem] = {}
        english = ui_language() == "en"  # the catalogue carries both names
        for item in catalogue:
            category = QCoreApplication.translate("Choices", item.category)
            parent = groups.get(item.category)
            if parent is None:
                parent = QTreeWidgetItem(self.items, [category, ""])
                parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[item.category] = parent
            child = QTreeWidgetItem(parent, [(item.en if english and item.en else item.zh), category])
            child.setData(0, Qt.ItemDataRole.UserRole, item.id)
            child.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            child.setCheckState(0, Qt.CheckState.Checked if item.id in chosen else Qt.CheckState.Unchecked)
        self.items.expandAll()
        self.items.resizeColumnToContents(0)
        self.items.blockSignals(False)

    # -- saving ------------------------------------------------------------------------------

    def save_field(self, name: str, raw: Any, *, record_undo: bool = True) -> None:
        if not self.project_id or self.detail is None:
            return
        old = format_value(_BY_NAME[name], self.detail.values.get(name))
        store, pid = self.ctx.store, self.project_id
        self.pending += 1

        def work(_progress):  # type: ignore[no-untyped-def]
            return svc.update_project(store, project_id=pid, fields={name: raw})

        def done(changes) -> None:  # type: ignore[no-untyped-def]
            self.pending -= 1
            self._form_of(name).show_errors({})
            if record_undo:
                self.undo_stack.push(_FieldEdit(self, name, old, raw if isinstance(raw, str) else str(raw)))
            label = QCoreApplication.translate("Fields", _BY_NAME[name].label)
            self.message.setText(self.tr("已保存：{field}").format(field=label))
            self.message.setStyleSheet("color: #2e7d32;")
            self.ctx.bus.announce(changes)
            if pid == self.project_id:
                self.load(pid, then=lambda: self.saved.emit(name))
            else:
                self.saved.emit(name)

        def failed(exc: BaseException) -> None:
            self.pending -= 1
            msg = describe(exc)
            problems = exc.problems if isinstance(exc, ValidationError) else {name: msg}
            form = self._form_of(name)
            if pid == self.project_id and self.detail is not None:
                form.set_value(name, self.detail.values.get(name))  # nothing was saved: show what is stored
            form.show_errors({k: f"{v}（未保存）" for k, v in problems.items()})
            self.message.setText(self.tr("未保存：{msg}").format(msg=msg))
            self.message.setStyleSheet("color: #c62828;")
            self.refused.emit(name, msg)

        run_op(work, on_success=done, on_failure=failed, write=True, parent=self)

    def _form_of(self, name: str) -> FieldForm:
        return self.funding if name in _FUNDING else self.basic

    def checked_items(self) -> list[str]:
        out = []
        for i in range(self.items.topLevelItemCount()):
            group = self.items.topLevelItem(i)
            for j in range(group.childCount()):
                child = group.child(j)
                if child.checkState(0) == Qt.CheckState.Checked:
                    out.append(child.data(0, Qt.ItemDataRole.UserRole))
        return sorted(out)

    def _on_items_item_changed(self, _item: QTreeWidgetItem, _col: int) -> None:
        self.save_items(self.checked_items())

    def save_items(self, item_ids: list[str], *, record_undo: bool = True) -> None:
        if not self.project_id or self.detail is None:
            return
        old = sorted(self.detail.renovation_items)
        store, pid = self.ctx.store, self.project_id
        self.pending += 1

        def done(changes) -> None:  # type: ignore[no-untyped-def]
            self.pending -= 1
            if record_undo:
                self.undo_stack.push(_ItemsEdit(self, old, sorted(item_ids)))
            self.ctx.bus.announce(changes)
            if pid == self.project_id:
                self.load(pid, then=lambda: self.saved.emit("renovation_items"))
            else:
                self.saved.emit("renovation_items")

        def failed(exc: BaseException) -> None:
            self.pending -= 1
            self.message.setText(describe(exc))

        run_op(lambda _p: svc.set_renovation_items(store, project_id=pid, item_ids=item_ids),
               on_success=done, on_failure=failed, write=True, parent=self)


def _scroll(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area
