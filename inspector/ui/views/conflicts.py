"""冲突: fields changed on two sides, each with both versions kept. The list on the left; on the right
the two versions side by side with who wrote each, and the choice: keep one, take the other, or
write the value to keep. A choice is a local edit that syncs; Ctrl+Z takes the last one back.

The list is a `PagedRowModel`: years of syncing leave tens of thousands of resolved conflicts, so the
store filters and orders them and answers a page at a time (`services/conflicts.find_conflicts`), off
the GUI thread, the latest query winning."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QFont, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.clock import fmt_china
from inspector.services import conflicts as svc
from inspector.services.changes import Changes
from inspector.ui.context import AppContext
from inspector.ui.messages import show_exception
from inspector.ui.models.paged import PagedRowModel
from inspector.ui.models.table import ROW_ROLE, Column
from inspector.ui.ops import run_op
from inspector.ui.widgets.paged_table import count_text, select_id, set_up_paged_table

COLUMNS: list[Column[svc.ConflictRow]] = [
    Column("记录", lambda r: r.record_label, stretch=True),
    Column("字段", lambda r: r.field_label),
    Column("情形", lambda r: r.kind_label, key=True),
    Column("另一版本修改人", lambda r: r.other_by or "—"),
    Column("修改时间", lambda r: fmt_china(r.other_at) if r.other_at else "—", key=True),
    Column("处理", lambda r: {"kept": "保留本版本", "other": "采用另一版本", "edited": "编辑后采用"}.get(
        r.resolution, "待处理"), key=True),
]


class _Resolution(QUndoCommand):
    """One resolution; undo reopens the conflict with the field as it was."""

    def __init__(self, view: ConflictsView, row: svc.ConflictRow, choice: str, value: Any, text: str) -> None:
        super().__init__(text)
        self.view, self.row, self.choice, self.value = view, row, choice, value
        self.previous: Any = None
        self.first = True

    def redo(self) -> None:
        store, cid, choice, value = self.view.ctx.store, self.row.id, self.choice, self.value

        def done(changes: Changes) -> None:
            self.previous = changes.extra.get("previous")
            self.view._on_written(changes)

        self.view._write(lambda _p: svc.resolve(store, cid, choice, value), done)

    def undo(self) -> None:
        store, cid, previous = self.view.ctx.store, self.row.id, self.previous
        self.view._write(lambda _p: svc.unresolve(store, cid, previous), self.view._on_written)


class ConflictsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: svc.ConflictRow | None = None
        self.undo = QUndoStack(self)
        store = ctx.store
        # One order (the last changed first): the store pages it; the headers do not sort.
        self.model: PagedRowModel[svc.ConflictRow] = PagedRowModel(
            COLUMNS, [None] * len(COLUMNS),
            lambda q, offset, limit: svc.page_conflicts(store, q, offset=offset, limit=limit), self)
        self.model.loaded.connect(self._on_model_loaded)
        self.table = QTableView()
        self.table.setObjectName("conflictTable")
        set_up_paged_table(self.table, self.model, sort_column=None)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self._open_when_loaded = ""  # a conflict asked for by open_record, shown once its page is in
        self.show_resolved = QCheckBox(self.tr("显示已处理的冲突"))
        self.show_resolved.toggled.connect(lambda _on: self.reload())
        self.count = QLabel()
        self.count.setObjectName("conflictCount")
        self.total = QLabel()
        self.total.setObjectName("conflictTotal")
        self.empty = QLabel(self.tr("没有待处理的冲突。同一字段在本机和其他设备（或监督站）都被修改时，两个版本都会保留在这里，由您比较后选择。"))
        self.empty.setWordWrap(True)
        self.empty.setObjectName("conflictEmpty")
        self.empty.hide()  # until the store has answered

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.count, 1)
        top.addWidget(self.show_resolved)
        lv.addLayout(top)
        lv.addWidget(self.table, 1)
        lv.addWidget(self.total)
        lv.addWidget(self.empty)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self._build_compare())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([520, 780])
        QVBoxLayout(self).addWidget(splitter)

        undo = QAction(self.tr("撤销"), self)
        undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        undo.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.triggered.connect(self.undo.undo)
        self.addAction(undo)
        ctx.bus.changed.connect(self._on_bus_changed)
        self.reload()

    def _build_compare(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("conflictTitle")
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.explain.setObjectName("conflictExplain")
        grid = QGridLayout()
        self.kept_box, self.kept_text, self.kept_who, self.keep_btn = self._side(
            self.tr("本机现有版本"), self.tr("保留此版本"), "keepButton")
        self.other_box, self.other_text, self.other_who, self.take_btn = self._side(
            self.tr("另一版本"), self.tr("采用此版本"), "takeButton")
        grid.addWidget(self.kept_box, 0, 0)
        grid.addWidget(self.other_box, 0, 1)
        self.keep_btn.clicked.connect(lambda: self.choose("kept"))
        self.take_btn.clicked.connect(lambda: self.choose("other"))
        self.edit_box = QGroupBox(self.tr("或者，编辑后采用"))
        ev = QVBoxLayout(self.edit_box)
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("conflictEdit")
        self.edit.setMaximumHeight(90)
        self.edit_btn = QPushButton(self.tr("使用编辑后的内容"))
        self.edit_btn.setObjectName("editButton")
        self.edit_btn.clicked.connect(lambda: self.choose("edited"))
        ev.addWidget(self.edit)
        ev.addWidget(self.edit_btn, 0, Qt.AlignmentFlag.AlignRight)
        self.error = QLabel()
        self.error.setObjectName("conflictError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        v.addWidget(self.title)
        v.addWidget(self.explain)
        v.addLayout(grid, 1)
        v.addWidget(self.edit_box)
        v.addWidget(self.error)
        return box

    def _side(self, title: str, button: str, name: str) -> tuple[QGroupBox, QPlainTextEdit, QLabel, QPushButton]:
        box = QGroupBox(title)
        text = QPlainTextEdit()
        text.setReadOnly(True)
        text.setMaximumHeight(220)
        who = QLabel()
        who.setWordWrap(True)
        btn = QPushButton(button)
        btn.setObjectName(name)
        lay = QVBoxLayout(box)
        lay.addWidget(text)
        lay.addWidget(who)
        lay.addWidget(btn, 0, Qt.AlignmentFlag.AlignRight)
        lay.addStretch(1)
        return box, text, who, btn

    # ---- data ----
    @Slot()
    def reload(self) -> None:
        """Ask the store for the list as the filter says now (off the GUI thread); the conflict shown
        stays shown, with what the store holds now, when it is among the rows that come back."""
        keep = self.current.id if self.current else ""
        query = svc.ConflictQuery(include_resolved=self.show_resolved.isChecked())
        then = lambda: self._on_reloaded(keep)  # noqa: E731
        if query == self.model.query:
            self.model.refresh(then=then)
        else:
            self.model.set_query(query, then=then)

    def _on_model_loaded(self, total: int) -> None:
        answer = self.model.answer
        open_ = answer.open if answer is not None else 0
        self.count.setText(self.tr("待处理冲突 {n} 处").format(n=open_))
        self.total.setText(count_text(self.model, total))
        self.empty.setVisible(total == 0)

    def _on_reloaded(self, keep: str) -> None:
        wanted, self._open_when_loaded = self._open_when_loaded, ""
        keep = wanted or keep
        row = self.model.row_of_id(keep) if keep else -1
        if row < 0 and keep and (wanted or self.model.query.include_resolved):
            # Still in the list (all conflicts are), further down than the rows loaded: it stays
            # shown beside the list, as the store holds it now.
            self._show_by_id(keep)
            return
        self._show_row(row if row >= 0 else 0)

    def _show_row(self, row: int) -> None:
        """Select row `row` and show its conflict (nothing when the list is empty)."""
        if row >= len(self.model.rows):
            self.show_conflict(None)
            return
        select_id(self.table, self.model, self.model.row_at(row).id)
        self.table.scrollTo(self.model.index(row, 0))
        self.show_conflict(self.model.row_at(row))

    def _show_by_id(self, conflict_id: str) -> None:
        store, generation, before = self.ctx.store, self.model.generation, self.current

        def moved_on() -> bool:  # the list asked again, or the inspector picked a row, meanwhile
            return self.model.generation != generation or self.current is not before

        def shown(row: svc.ConflictRow) -> None:
            if not moved_on():
                self.table.clearSelection()
                self.show_conflict(row)

        def gone(_exc: BaseException) -> None:  # deleted by a sync: the list's first, as after a refresh
            if not moved_on():
                self._show_row(0)

        run_op(lambda _p: svc.get_conflict(store, conflict_id), on_success=shown, on_failure=gone, parent=self)

    def focus_default(self) -> None:
        self.table.setFocus()

    def _on_bus_changed(self, changes: Changes) -> None:
        if changes.touches("sync_conflicts") or (self.current is not None and changes.touches(self.current.table)):
            self.reload()

    @Slot()
    def _on_table_current_row_changed(self, current: Any, _previous: Any) -> None:
        row = current.data(ROW_ROLE) if current.isValid() else None
        if row is not None and (self.current is None or row.id != self.current.id):
            self.show_conflict(row)

    def show_conflict(self, row: svc.ConflictRow | None) -> None:
        self.current = row
        self.error.clear()
        widgets = (self.kept_box, self.other_box, self.edit_box)
        for w in widgets:
            w.setVisible(row is not None)
        if row is None:
            self.title.setText("")
            self.explain.setText("")
            return
        self.title.setText(self.tr("{record} — {field}").format(record=row.record_label, field=row.field_label))
        if row.kind == "locked":
            explain = self.tr("该记录已签署锁定，另一版本是签署后对它的修改，任何人都不能采用。确认后保留已签署的版本；"
                              "如内容确有错误，请出具更正记录。")
        elif row.kind == "unique":
            explain = self.tr("两条记录使用了同一个编号。本机的记录已临时改为左侧的编号；请保留它，或改成另一个不重复的编号。")
        else:
            explain = self.tr("同一字段在两处被修改。请比较两个版本，保留其一，或编辑后采用。您的选择会同步到监督站和其他设备。")
        if row.resolved:
            explain = self.tr("已处理（{how}，{who}）。按 Ctrl+Z 可撤销本次会话中的处理。").format(
                how=COLUMNS[5].value(row), who=row.resolved_by)
        self.explain.setText(explain)
        self.kept_text.setPlainText(row.kept_text)
        self.other_text.setPlainText(row.other_text)
        self.kept_who.setText(self.tr("修改人：{who}（设备 {device}）{at}").format(
            who=row.kept_by or "—", device=row.kept_device[:8] or "—",
            at=f"，{fmt_china(row.kept_at)}" if row.kept_at else ""))
        device = row.other_device[:8] if row.other_device else "—"
        self.other_who.setText(self.tr("修改人：{who}（设备 {device}）{at}").format(
            who=row.other_by or "—", device=device, at=f"，{fmt_china(row.other_at)}" if row.other_at else ""))
        self.edit.setPlainText(svc.edit_text(row.kept_value))
        open_ = not row.resolved
        self.keep_btn.setEnabled(open_)
        self.take_btn.setEnabled(open_ and row.editable)
        self.edit_box.setEnabled(open_ and row.editable)

    # ---- choices ----
    def choose(self, choice: str) -> None:
        row = self.current
        if row is None or row.resolved:
            return
        value = self.edit.toPlainText() if choice == "edited" else None
        text = {"kept": self.tr("保留本机版本"), "other": self.tr("采用另一版本"),
                "edited": self.tr("编辑后采用")}[choice]
        self.undo.push(_Resolution(self, row, choice, value, f"{text}：{row.record_label} {row.field_label}"))

    def _write(self, fn: Any, done: Any) -> None:
        self.error.clear()
        run_op(fn, on_success=done, on_failure=self._on_write_failed, write=True, parent=self)

    def _on_written(self, changes: Changes) -> None:
        self.ctx.bus.announce(changes)
        if self.focusWidget() is None or not self.focusWidget().isEnabled() or not self.focusWidget().isVisible():
            self.table.setFocus()  # the button pressed may be gone: keep the focus here (Ctrl+Z works)

    def _on_write_failed(self, exc: BaseException) -> None:
        from inspector.services.errors import UserError

        if isinstance(exc, UserError):
            self.error.setText(str(exc))
            self.reload()
            return
        show_exception(self, exc)

    def open_record(self, kind: str, record_id: str) -> bool:
        if kind != "conflict":
            return False
        self._open_when_loaded = record_id
        if self.show_resolved.isChecked():
            self.reload()
        else:
            self.show_resolved.setChecked(True)  # asks the store again
        return True
