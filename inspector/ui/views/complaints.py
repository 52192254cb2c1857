"""投诉与公示: a project's complaints (phone masked everywhere but the edit dialog), the finding each
caused, and the posted complaint phones and boards as checked on site, with their photos.

The complaints are a `PagedRowModel`: the store filters, sorts and pages them
(`services/complaint_list`), off the GUI thread, the latest query winning. The postings (a few per
project, checked on site) stay a plain model."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
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

from inspector.domain.clock import CHINA_TZ, china_today
from inspector.domain.rules.fields import Field
from inspector.domain.vocab import Severity
from inspector.services import complaints as svc
from inspector.services import redflags as flags_svc
from inspector.services.changes import Changes
from inspector.services.complaint_list import ComplaintQuery, complaint_counts, page_complaints
from inspector.ui.context import AppContext
from inspector.ui.messages import show_exception
from inspector.ui.models.paged import PagedRowModel
from inspector.ui.models.table import Column, FilterProxy, RowTableModel
from inspector.ui.ops import run_op
from inspector.ui.texts import translate_sentence
from inspector.ui.views.materials import RED, make_table, release_dialog
from inspector.ui.widgets.empty_state import set_empty_text
from inspector.ui.widgets.paged_table import set_up_paged_table
from inspector.ui.widgets.photo_panel import PhotoPanel
from inspector.ui.widgets.project_picker import ProjectPicker
from inspector.ui.widgets.record_dialog import RecordDialog

_REFRESH_ON = ("complaints", "public_postings", "findings", *flags_svc.FLAG_SOURCES)
RESOLVE_FIELDS = (Field("resolution", "处理结果", "longtext", required=True), Field("resolved_on", "办结日期", "date"))
NEW_FINDING = "__new__"
# How the store sorts each complaint column (services/complaint_list.SORTS); the risk marker, the
# masked phone and the linked finding are not sort orders.
SORT_KEYS = [None, "received_at", "channel", "content", "location", "complainant", None, "deadline", "status", None]


def _d(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


class LinkFindingDialog(QDialog):
    """Pick the finding a complaint caused, create one from the complaint, or unlink."""

    def __init__(self, findings: list[tuple[str, str]], current: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("关联问题"))
        self.finding = QComboBox()
        self.finding.setObjectName("finding")
        self.finding.addItem(self.tr("（不关联）"), "")
        self.finding.addItem(self.tr("由该投诉新建问题…"), NEW_FINDING)
        for fid, label in findings:
            self.finding.addItem(label, fid)
        self.finding.setCurrentIndex(max(self.finding.findData(current or ""), 0))
        self.severity = QComboBox()
        self.severity.setObjectName("severity")
        self.severity.addItems([s.value for s in Severity])
        form = QFormLayout()
        form.addRow(self.tr("问题："), self.finding)
        form.addRow(self.tr("新建时的严重程度："), self.severity)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


class ComplaintsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._loading = False
        self.project_id = ""
        self.dialog: QDialog | None = None  # the open dialog (tests drive it)
        self._flags: dict[tuple[str, str], list[flags_svc.FlagRow]] = {}
        self._pending: tuple[str, str] | None = None
        self._active: QTableView | None = None

        self.project = ProjectPicker(ctx, self, follows=True)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("搜索：内容、部位、投诉人、处理结果（Ctrl+F）"))
        self.status = QComboBox()
        self.status.setObjectName("status")
        self.status.addItem(self.tr("全部投诉"), "")
        self.status.addItem(self.tr("未办结"), "unresolved")
        self.status.addItem(self.tr("已办结"), "resolved")

        store = ctx.store
        self.complaints: PagedRowModel[svc.ComplaintRow] = PagedRowModel(
            self._complaint_columns(), SORT_KEYS,
            lambda q, offset, limit: page_complaints(store, q, offset=offset, limit=limit), self)
        self.complaint_table = QTableView()
        self.complaint_table.setObjectName("complaints")
        set_up_paged_table(self.complaint_table, self.complaints, sort_column=1, order=Qt.SortOrder.DescendingOrder)
        self.complaint_table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.complaint_table.verticalHeader().hide()
        self._counts = (0, 0)
        self.complaints.loaded.connect(lambda _n: self._show_count())
        self.postings: RowTableModel = RowTableModel(self._posting_columns(), self)
        self.posting_proxy = FilterProxy(self)
        self.posting_table = make_table("postings", self.postings, self.posting_proxy)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.photos = PhotoPanel(ctx, self)
        set_empty_text(self.complaint_table, self._empty_text)
        set_empty_text(self.posting_table, lambda: "" if not self.project_id else
                       self.tr("还没有公示核查：到现场核对投诉电话和公示牌后按 Ctrl+Shift+N 登记。"))

        self.buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        self.count = QLabel()
        self.count.setWordWrap(True)  # the English counts are long: they wrap rather than widen the window
        actions.addWidget(self.count, 1)
        for key, text, keys, slot in (
            ("add", "新增投诉", ["Ctrl+N"], self.new_complaint),
            ("add_posting", "新增公示核查", ["Ctrl+Shift+N"], self.new_posting),
            ("edit", "编辑", [Qt.Key.Key_Return, Qt.Key.Key_Enter], self.edit_current),
            ("resolve", "办结…", ["Ctrl+D"], self.resolve_current),
            ("link", "关联问题…", ["Ctrl+L"], self.link_current),
            ("delete", "删除", [Qt.Key.Key_Delete], self.delete_current),
        ):
            btn = QPushButton(self.tr(text))
            btn.setToolTip(" / ".join(QKeySequence(k).toString() for k in keys))
            btn.clicked.connect(slot)
            actions.addWidget(btn)
            self.buttons[key] = btn
            self._add_action(text, keys, slot)
        self._add_action("搜索", ["Ctrl+F"], self.focus_default)
        # Erasing a complainant's contact belongs to the complaint shown on the right, and keeps the
        # action row narrow enough for a 1280 px screen in English.
        erase = QPushButton(self.tr("删除联系方式…"))
        erase.setToolTip(self.tr("办结后按个人信息保护要求删除投诉人的姓名和电话，记录保留。"))
        erase.clicked.connect(self.erase_contact)
        self.buttons["erase"] = erase
        erase.setVisible(False)  # only for a closed complaint that still holds a contact

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("项目：")))
        top.addWidget(self.project, 2)
        top.addWidget(self.status)
        top.addWidget(self.search, 2)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel(self.tr("投诉台账")))
        lv.addWidget(self.complaint_table, 3)
        lv.addWidget(QLabel(self.tr("公示核查（投诉电话、五牌一图、维权告示牌）")))
        lv.addWidget(self.posting_table, 2)
        lv.addLayout(actions)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.detail)
        erase_row = QHBoxLayout()
        erase_row.addStretch(1)
        erase_row.addWidget(erase)
        rv.addLayout(erase_row)
        rv.addWidget(self.photos, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        # Typing asks the store after a short pause (one query for a burst of keys); the latest wins.
        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.status.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.project.project_changed.connect(self.set_project)
        for table in (self.complaint_table, self.posting_table):
            table.selectionModel().currentRowChanged.connect(lambda _c, _p, t=table: self._on_current_changed(t))
            table.doubleClicked.connect(lambda _i: self.edit_current())
        ctx.bus.changed.connect(self._on_bus_changed)
        self.set_project(self.project.current_id())

    @property
    def loading(self) -> bool:
        """The project's records are on their way (the postings and flags, or the complaints' page)."""
        return self._loading or self.complaints.pending

    def _empty_text(self) -> str:
        if not self.project_id:
            return self.tr("请先在上方选择项目。")
        if self.search.text().strip() or self.status.currentData():
            return self.tr("没有符合筛选条件的投诉。")
        return self.tr("没有投诉记录。收到投诉时按 Ctrl+N 或点“新增投诉”登记。")

    def _add_action(self, text: str, keys: list, slot) -> None:  # type: ignore[no-untyped-def]
        act = QAction(self.tr(text), self)
        act.setShortcuts([QKeySequence(k) for k in keys])
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(slot)
        self.addAction(act)

    def _marker_column(self, kind: str) -> Column:
        def tip(r):  # type: ignore[no-untyped-def]
            found = self._flags.get((kind, r.id))
            return "\n".join(QCoreApplication.translate("FlagList", "{title}：{message}").format(
                title=translate_sentence(f.title), message=translate_sentence(f.message)) for f in found) if found else None
        return Column("风险", lambda r: f"⚠ {len(self._flags[(kind, r.id)])}" if (kind, r.id) in self._flags else "",
                      key=True,
                      color=lambda r: RED if (kind, r.id) in self._flags else None, tooltip=tip)

    def _complaint_columns(self) -> list[Column]:
        return [
            self._marker_column("complaint"),
            Column("受理时间", lambda r: r.received_local, sort=lambda r: r.received_at, key=True),
            Column("渠道", lambda r: QCoreApplication.translate("Choices", r.channel), key=True),
            Column("内容", lambda r: r.content, stretch=True),
            Column("部位", lambda r: r.location),
            Column("投诉人", lambda r: r.complainant_name, key=True),
            Column("电话", lambda r: r.phone_masked, key=True),  # masked: personal data
            Column("期限", lambda r: _d(r.deadline), key=True),
            Column("状态", lambda r: QCoreApplication.translate("Choices", r.status_label), key=True, color=lambda r: None if r.status == "resolved" else RED),
            # The result is in the detail beside the list: the complaint's content needs the width.
            Column("关联问题", lambda r: r.finding, max_width=160),
        ]

    def _posting_columns(self) -> list[Column]:
        return [
            self._marker_column("posting"),
            Column("类别", lambda r: QCoreApplication.translate("Choices", r.kind)), Column("公示电话", lambda r: r.phone),
            Column("公示日期", lambda r: _d(r.posted_on), key=True), Column("核查日期", lambda r: _d(r.checked_on), key=True),
            Column("试拨", lambda r: QCoreApplication.translate("Choices", r.call_label) if r.call_label else "", color=lambda r: RED if r.call_answered is False else None),
            Column("备注", lambda r: r.note, stretch=True),
        ]

    # -- data ----------------------------------------------------------------------------------

    @Slot(str)
    def set_project(self, project_id: str) -> None:
        self.project_id = project_id or ""
        self.photos.set_target("complaint", "")
        self.detail.setText(self.tr("选择投诉或公示记录查看照片"))
        self.reload()

    def reload(self) -> None:
        pid = self.project_id
        if not pid:
            self._on_loaded(("", (0, 0), [], []))
            return
        self._loading = True
        store = self.ctx.store
        run_op(lambda _p: (pid, complaint_counts(store, project_id=pid), svc.list_postings(store, project_id=pid),
                           flags_svc.flags_for_project(store, project_id=pid)), on_success=self._on_loaded, parent=self)

    def _on_loaded(self, result) -> None:  # type: ignore[no-untyped-def]
        pid, counts, postings, flags = result
        if pid != self.project_id:
            return
        posting = self._current(self.posting_table)
        self._flags = flags_svc.flags_by_subject(flags)
        self._counts = counts
        self.postings.set_rows(postings)
        if posting:
            self._select(self.posting_table, posting.id)
        self._query_complaints(then=self._on_complaints_loaded)

    def _on_complaints_loaded(self) -> None:
        self._loading = False
        self._show_count()
        if self._pending:
            kind, rid = self._pending
            self._pending = None
            self.open_record(kind, rid)

    def _query_complaints(self, then=None) -> None:  # type: ignore[no-untyped-def]
        """Ask the store for the complaints the filters say (off the GUI thread); the selected one
        stays selected when it comes back; `then()` runs once the rows are in."""
        header = self.complaint_table.horizontalHeader()
        column = header.sortIndicatorSection()
        query = ComplaintQuery(project_id=self.project_id, text=self.search.text(),
                               status=self.status.currentData() or None,
                               sort=SORT_KEYS[column] if 0 <= column < len(SORT_KEYS) and SORT_KEYS[column]
                               else "received_at",
                               descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder)
        current = self._current(self.complaint_table)

        def done() -> None:
            if current:
                self._select(self.complaint_table, current.id, clear=False)
            if then is not None:
                then()

        if query == self.complaints.query:
            self.complaints.refresh(then=done)
        else:
            self.complaints.set_query(query, then=done)

    def apply_filter(self) -> None:
        self._query_complaints()

    def _show_count(self) -> None:
        total = self.complaints.total
        shown = f"{total}+" if self.complaints.capped else str(total)
        self.count.setText(self.tr("共 {m} 条；投诉 {n} 件（未办结 {o} 件），公示 {p} 项").format(
            m=shown, n=self._counts[0], o=self._counts[1], p=self.postings.rowCount()))

    @Slot(object)
    def _on_bus_changed(self, changes: Changes) -> None:
        if self.project_id and changes.touches(*_REFRESH_ON):
            self.reload()

    # -- selection -----------------------------------------------------------------------------

    def _current(self, table: QTableView):  # type: ignore[no-untyped-def]
        idx = table.currentIndex()
        if not idx.isValid():
            return None
        if table is self.complaint_table:
            return self.complaints.row_at(idx.row()) if idx.row() < len(self.complaints.rows) else None
        proxy: FilterProxy = table.model()  # type: ignore[assignment]
        return proxy.sourceModel().row_at(proxy.mapToSource(idx).row())  # type: ignore[attr-defined]

    def _select(self, table: QTableView, record_id: str, *, clear: bool = True) -> bool:
        """Make `record_id` the current row; a complaint the filters hide clears them (`clear`) and is
        selected once the store answers."""
        if table is self.complaint_table:
            row = self.complaints.row_of_id(record_id)
            if row >= 0:
                idx = self.complaints.index(row, 0)
                table.setCurrentIndex(idx)
                table.scrollTo(idx)
                return True
            if clear and (self.search.text() or self.status.currentIndex()):
                for widget in (self.search, self.status):
                    widget.blockSignals(True)
                self.search.clear()
                self.status.setCurrentIndex(0)
                for widget in (self.search, self.status):
                    widget.blockSignals(False)
                self._query_complaints(then=lambda: self._select(table, record_id, clear=False))
                return True
            if len(self.complaints.rows) < self.complaints.total:  # further down: load the pages before it
                self.complaints.fetch_until(self.complaints.total, lambda: self._select(table, record_id, clear=False))
                return True
            return False
        proxy: FilterProxy = table.model()  # type: ignore[assignment]
        row = proxy.sourceModel().row_of_id(record_id)  # type: ignore[attr-defined]
        if row < 0:
            return False
        idx = proxy.mapFromSource(proxy.sourceModel().index(row, 0))
        if not idx.isValid():
            self.search.clear()
            self.status.setCurrentIndex(0)
            idx = proxy.mapFromSource(proxy.sourceModel().index(row, 0))
        table.setCurrentIndex(idx)
        table.scrollTo(idx)
        return True

    def _on_current_changed(self, table: QTableView) -> None:
        row = self._current(table)
        if row is None:
            return
        self._active = table
        if table is self.complaint_table:
            linked, result = self.tr("关联问题："), self.tr("处理结果：")
            finding = f"<br>{html.escape(linked)}{html.escape(row.finding)}" if row.finding else ""
            if row.resolution:
                finding += f"<br>{html.escape(result)}{html.escape(row.resolution)}"
            head = self.tr("投诉")
            channel = QCoreApplication.translate("Choices", row.channel)
            self.detail.setText(f"<b>{html.escape(head)}</b> {row.received_local} {html.escape(channel)}<br>"
                                f"{html.escape(row.content)}{finding}")
            self.photos.set_target("complaint", row.id)
            self.buttons["erase"].setVisible(row.status == "resolved" and bool(row.complainant_name or row.phone_masked))
        else:
            self.buttons["erase"].setVisible(False)
            kind = QCoreApplication.translate("Choices", row.kind)
            self.detail.setText(f"<b>{html.escape(kind)}</b> {html.escape(row.phone)}")
            self.photos.set_target("posting", row.id)

    def _active_table(self) -> QTableView:
        for t in (self.complaint_table, self.posting_table):
            if t.hasFocus():
                return t
        return self._active or self.complaint_table

    # -- dialogs -------------------------------------------------------------------------------

    def _run(self, dialog: RecordDialog, kind: str) -> None:
        self.dialog = dialog
        if dialog.exec():
            result = dialog.result_value
            record_id, changes = result if isinstance(result, tuple) else (None, result)
            if record_id:
                self._pending = (kind, record_id)
            self.ctx.bus.announce(changes)
        release_dialog(dialog)
        self.dialog = None

    def new_complaint(self) -> None:
        if not self.project_id:
            return
        store, pid = self.ctx.store, self.project_id
        now = dt.datetime.now(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
        self._run(RecordDialog(self.tr("新增投诉"), svc.COMPLAINT_FIELDS,
                               {"received_at": now, "status": "待处理", "channel": "电话"},
                               lambda raw: svc.save_complaint(store, project_id=pid, fields=raw), self), "complaint")

    def new_posting(self) -> None:
        if not self.project_id:
            return
        store, pid = self.ctx.store, self.project_id
        self._run(RecordDialog(self.tr("新增公示核查"), svc.POSTING_FIELDS,
                               {"kind": svc.POSTING_KINDS[0], "checked_on": china_today()},
                               lambda raw: svc.save_posting(store, project_id=pid, fields=raw), self), "posting")

    def edit_current(self) -> None:
        table = self._active_table()
        row = self._current(table)
        if row is None:
            return
        store, pid = self.ctx.store, self.project_id
        if table is self.complaint_table:
            # The only place the complainant's phone is shown in full.
            self._run(RecordDialog(self.tr("编辑投诉"), svc.COMPLAINT_FIELDS, svc.get_complaint(store, row.id),
                                   lambda raw: svc.save_complaint(store, project_id=pid, fields=raw,
                                                                  complaint_id=row.id), self), "complaint")
        else:
            self._run(RecordDialog(self.tr("编辑公示核查"), svc.POSTING_FIELDS, svc.get_posting(store, row.id),
                                   lambda raw: svc.save_posting(store, project_id=pid, fields=raw,
                                                                posting_id=row.id), self), "posting")

    def resolve_current(self) -> None:
        row = self._current(self.complaint_table)
        if row is None:
            return
        store, pid = self.ctx.store, self.project_id
        values = {"resolution": row.resolution, "resolved_on": row.resolved_on or china_today()}
        self._run(RecordDialog(self.tr("办结投诉"), RESOLVE_FIELDS, values,
                               lambda raw: svc.save_complaint(store, project_id=pid, complaint_id=row.id,
                                                              fields=raw | {"status": "已办结"}), self), "complaint")

    def link_current(self) -> None:
        row = self._current(self.complaint_table)
        if row is None:
            return
        store = self.ctx.store
        dlg = LinkFindingDialog(svc.project_findings(store, project_id=self.project_id), row.finding_id, self)
        self.dialog = dlg
        accepted = dlg.exec()
        self.dialog = None
        if not accepted:
            return
        choice, severity = dlg.finding.currentData(), dlg.severity.currentText()
        if choice == NEW_FINDING:
            fn = lambda _p: svc.create_finding_from_complaint(store, complaint_id=row.id, severity=severity)[1]  # noqa: E731
        else:
            fn = lambda _p: svc.link_finding(store, complaint_id=row.id, finding_id=choice or None)  # noqa: E731
        run_op(fn, on_success=self.ctx.bus.announce, on_failure=lambda e: show_exception(self, e),
               write=True, parent=self)

    def erase_contact(self) -> None:
        """After 办结 the complainant's name and phone need not be kept: erase them on request."""
        row = self._current(self.complaint_table)
        if row is None:
            return
        if QMessageBox.question(self, self.tr("删除联系方式"),
                                self.tr("删除该投诉人的姓名和电话？投诉内容和处理结果会保留，删除后不能恢复。")) \
                != QMessageBox.StandardButton.Yes:
            return
        store = self.ctx.store
        run_op(lambda _p: svc.erase_contact(store, complaint_id=row.id), on_success=self.ctx.bus.announce,
               on_failure=lambda e: show_exception(self, e), write=True, parent=self)

    def delete_current(self) -> None:
        table = self._active_table()
        row = self._current(table)
        if row is None:
            return
        is_complaint = table is self.complaint_table
        what = self.tr("该投诉记录") if is_complaint else self.tr("该公示记录")
        if QMessageBox.question(self, self.tr("删除"), self.tr("确定删除{what}吗？").format(what=what)) \
                != QMessageBox.StandardButton.Yes:
            return
        store = self.ctx.store
        fn = (lambda _p: svc.delete_complaint(store, complaint_id=row.id)) if is_complaint else \
            (lambda _p: svc.delete_posting(store, posting_id=row.id))
        run_op(fn, on_success=self.ctx.bus.announce, write=True, parent=self)

    # -- navigation ----------------------------------------------------------------------------

    def focus_default(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def open_record(self, kind: str, record_id: str) -> bool:
        if kind not in ("complaint", "posting"):
            return False
        pid = svc.project_of(self.ctx.store, kind=kind, record_id=record_id)
        if pid is None:
            return False
        if pid != self.project_id or self.loading:
            self._pending = (kind, record_id)
            if pid != self.project_id:
                self.project.select(pid)
            return True
        table = self.complaint_table if kind == "complaint" else self.posting_table
        ok = self._select(table, record_id)
        table.setFocus()
        return ok
