"""The 整改回复单 item by item: for each finding the notice listed, the measures taken, the date it
was completed and the result, with its photos before and after (整改前 / 整改后) — what the record
prints per item. Part of the notice dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector.services import findings as fsvc
from inspector.services.errors import ValidationError
from inspector.ui.context import AppContext
from inspector.ui.ops import run_op

FINDING_ROLE = Qt.ItemDataRole.UserRole + 41
# (key in the reply's items, header, editable)
COLUMNS = (("item", "检查项", False), ("description", "原问题", False), ("measures", "整改措施", True),
           ("done_on", "完成日期", True), ("result", "整改结果", True))


class ReplyItemsPanel(QWidget):
    """Edits the latest reply's items of one notice; `set_read_only` once it is signed or checked."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reply_id = ""
        self.read_only = True
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels([self.tr("检查项"), self.tr("原问题"), self.tr("整改措施"),
                                              self.tr("完成日期"), self.tr("整改结果")])
        self.table = QTableView()
        self.table.setObjectName("replyItems")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.save_btn = QPushButton(self.tr("保存逐项整改情况"))
        self.save_btn.setObjectName("saveReplyItems")
        self.save_btn.clicked.connect(self.save)
        self.error = QLabel()
        self.error.setStyleSheet("color:#c62828;")
        self.error.setWordWrap(True)
        from inspector.ui.views.inspection_editor import photo_panel

        self.before = photo_panel(ctx, self)
        self.after = photo_panel(ctx, self)
        photos = QHBoxLayout()
        for label, panel in ((self.tr("整改前照片"), self.before), (self.tr("整改后照片"), self.after)):
            box = QGroupBox(label)
            QVBoxLayout(box).addWidget(panel)
            photos.addWidget(box)
        row = QHBoxLayout()
        row.addWidget(self.save_btn)
        row.addWidget(self.error, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addLayout(photos, 1)

    def set_reply(self, detail: fsvc.RectDetail | None, read_only: bool) -> None:
        reply = detail.replies[-1] if detail and detail.replies else None
        self.reply_id = reply.id if reply else ""
        self.read_only = read_only or reply is None
        given = {str(x.get("finding_id")): x for x in (reply.items if reply else ()) if isinstance(x, dict)}
        self.model.removeRows(0, self.model.rowCount())
        for f in (detail.findings if detail else ()):
            x = given.get(f.id, {})
            values = {"item": f.checklist_item, "description": f.description, **{k: x.get(k, "") for k in
                                                                                ("measures", "done_on", "result")}}
            cells = []
            for key, _h, editable in COLUMNS:
                cell = QStandardItem(str(values.get(key, "") or ""))
                cell.setEditable(editable and not self.read_only)
                cell.setData(f.id, FINDING_ROLE)
                cells.append(cell)
            self.model.appendRow(cells)
        self.save_btn.setEnabled(not self.read_only)
        self.error.clear()
        if self.model.rowCount():
            self.table.selectRow(0)
        self._show_photos(0 if self.model.rowCount() else -1)

    def items(self) -> list[dict[str, str]]:
        out = []
        for r in range(self.model.rowCount()):
            row = {key: self.model.item(r, c).text().strip() for c, (key, _h, _e) in enumerate(COLUMNS)}
            out.append({"finding_id": self.model.item(r, 0).data(FINDING_ROLE), "measures": row["measures"],
                        "done_on": row["done_on"], "result": row["result"]})
        return out

    @Slot()
    def save(self) -> None:
        if self.read_only or not self.reply_id:
            return
        store, rid, items = self.ctx.store, self.reply_id, self.items()

        def failed(exc: BaseException) -> None:
            self.error.setText(self.tr("未保存：") + ("；".join(exc.problems.values())
                                                     if isinstance(exc, ValidationError) else str(exc)))

        run_op(lambda _p: fsvc.update_reply_items(store, reply_id=rid, items=items),
               on_success=lambda ch: (self.error.clear(), self.ctx.bus.announce(ch)), on_failure=failed,
               write=True, parent=self)

    @Slot(QModelIndex, QModelIndex)
    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_photos(current.row())

    def _show_photos(self, row: int) -> None:
        finding = self.model.item(row, 0).data(FINDING_ROLE) if 0 <= row < self.model.rowCount() else ""
        for panel, role in ((self.before, "整改前"), (self.after, "整改后")):
            panel.set_target("reply", self.reply_id if finding else "", finding, role)
            panel.set_read_only(self.read_only)

    def current_finding(self) -> Any:
        row = self.table.currentIndex().row()
        return self.model.item(row, 0).data(FINDING_ROLE) if 0 <= row < self.model.rowCount() else None
