"""One handover (移交) record: what was handed over (editable lists), warranty, maintenance, open
issues, the three sides' signatures, and signing. Edits are saved at once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.rules.acceptance import LIST_FIELDS, RECEIVER_KINDS
from inspector.domain.rules.fields import Field
from inspector.services import handover as svc
from inspector.services.errors import ValidationError
from inspector.ui.context import AppContext
from inspector.ui.ops import run_op
from inspector.ui.views.acceptance_attendees import AttendeesPanel
from inspector.ui.widgets.field_form import FieldForm
from inspector.ui.widgets.signing_bar import SigningBar
from inspector.ui.widgets.table_fit import fit_columns

_Index = QModelIndex | QPersistentModelIndex

FIELDS = (
    Field("handed_on", "移交日期", "date", required=True),
    Field("giver", "移交方(建设单位)", "text"),
    Field("receiver_kind", "接收方类型", "choice", required=True, choices=RECEIVER_KINDS),
    Field("receiver", "接收方", "text", required=True),
    Field("witness", "见证方", "text"),
    Field("maintenance", "后续管理安排", "longtext"),
    Field("open_issues", "遗留问题", "longtext"),
)
WARRANTY = (
    Field("unit", "保修单位", "text"), Field("from", "保修期起", "date"), Field("to", "保修期止", "date"),
    Field("contact", "联系人", "text"), Field("phone", "联系电话", "text"),
)
LIST_LABELS = {"facilities": "设施清单", "equipment": "设备清单", "utility_assets": "移交专营单位的管线",
               "warranty_items": "分项保修期", "documents": "资料清单", "keys": "钥匙/密码/账号"}
# The columns of each list (the service's ITEM_LISTS, with their headers); the others use LIST_FIELDS.
_HEADERS = {"item": "改造内容", "scope": "保修范围", "period": "最低保修期限", "from": "起", "to": "止", "basis": "依据",
            "name": "名称", "model": "型号", "serial": "编号", "location": "位置", "maintainer": "维保单位",
            "registration_no": "使用登记证号", "valid_to": "检验有效期至", "note": "备注", "quantity": "数量/规格",
            "receiver": "接收单位（专营单位）"}
LIST_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    name: tuple((k, _HEADERS[k]) for k in keys) for name, keys in svc.ITEM_LISTS.items()}


class ItemListModel(QAbstractTableModel):
    """An editable list of rows with the given fields (default {name, location, quantity, condition,
    note}); `edited(list)` after each change."""

    edited = Signal(list)

    def __init__(self, parent=None, fields: tuple[tuple[str, str], ...] = LIST_FIELDS) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.fields = fields
        self.items: list[dict[str, str]] = []
        self.read_only = False

    def set_items(self, items) -> None:  # type: ignore[no-untyped-def]
        self.beginResetModel()
        self.items = [dict(i) for i in items]
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.fields)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("Handover", self.fields[section][1])

        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        return self.items[index.row()].get(self.fields[index.column()][0], "")

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base if self.read_only or not index.isValid() else base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if self.read_only or not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        key = self.fields[index.column()][0]
        text = str(value or "").strip()
        if self.items[index.row()].get(key, "") == text:
            return False
        self.items[index.row()][key] = text
        self.dataChanged.emit(index, index, [role])
        self.edited.emit(self.items)
        return True

    def add_row(self) -> int:
        self.beginInsertRows(QModelIndex(), len(self.items), len(self.items))
        self.items.append({k: "" for k, _l in self.fields})
        self.endInsertRows()
        return len(self.items) - 1

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self.items):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.items[row]
            self.endRemoveRows()
            self.edited.emit(self.items)


class HandoverPage(QWidget):
    opened = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.handover_id: str | None = None
        self.detail: svc.HandoverDetail | None = None
        self.signing = SigningBar(ctx, "handover", self)
        self.signing.correction_created.connect(self.opened)
        self.title = QLabel()
        self.error = QLabel()
        self.error.setStyleSheet("color:#c62828;")
        self.error.setWordWrap(True)
        self.form = FieldForm(FIELDS)
        self.form.edited.connect(self._on_form_edited)
        self.warranty = FieldForm(WARRANTY)
        self.warranty.edited.connect(self._on_warranty_edited)
        self.lists: dict[str, tuple[ItemListModel, QTableView]] = {}
        tabs = QTabWidget()
        for name, label in LIST_LABELS.items():
            model = ItemListModel(self, LIST_COLUMNS.get(name, LIST_FIELDS))
            model.edited.connect(lambda items, n=name: self._save({n: [dict(i) for i in items]}))
            table = QTableView()
            table.setObjectName(name)
            table.setModel(model)
            fit_columns(table, stretch=model.columnCount() - 1)  # 备注 takes the spare width
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            add, remove = QPushButton(self.tr("添加行")), QPushButton(self.tr("删除行"))
            add.setObjectName(f"{name}_add")
            add.clicked.connect(lambda _c=False, m=model, t=table: self._add_row(m, t))
            remove.clicked.connect(lambda _c=False, m=model, t=table: m.remove_row(t.currentIndex().row()))
            page = QWidget()
            pv = QVBoxLayout(page)
            pv.addWidget(table)
            row = QHBoxLayout()
            row.addWidget(add)
            row.addWidget(remove)
            row.addStretch(1)
            pv.addLayout(row)
            tabs.addTab(page, QCoreApplication.translate("Handover", label))
            self.lists[name] = (model, table)
            self._list_buttons = getattr(self, "_list_buttons", []) + [add, remove]
        self.attendees = AttendeesPanel(ctx, "handover", self)

        body = QWidget()
        bv = QVBoxLayout(body)
        bv.addWidget(self.title)
        for label, w in ((self.tr("移交记录"), self.form), (self.tr("移交内容"), tabs), (self.tr("保修"), self.warranty),
                         (self.tr("移交方、接收方、见证方签字"), self.attendees)):
            box = QGroupBox(label)
            QVBoxLayout(box).addWidget(w)
            bv.addWidget(box)
        bv.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.signing)
        layout.addWidget(self.error)
        layout.addWidget(scroll, 1)
        ctx.bus.changed.connect(self._on_bus_changed)
        self.load(None)

    def load(self, handover_id: str | None) -> None:
        self.handover_id = handover_id
        if handover_id is None:
            self._show(None)
            return
        store = self.ctx.store
        run_op(lambda _p: svc.get_handover(store, handover_id), on_success=self._on_loaded,
               on_failure=lambda _e: self._on_loaded(None), parent=self)

    def _on_loaded(self, d: svc.HandoverDetail | None) -> None:
        if d is not None and d.id != self.handover_id:
            return
        self._show(d)

    def _show(self, d: svc.HandoverDetail | None) -> None:
        self.detail = d
        self.setEnabled(d is not None)
        self.error.clear()
        if d is None:
            self.title.setText(self.tr("请选择或新建移交记录（验收合格并签署后方可移交）"))
            self.signing.set_record(None)
            self.attendees.set_rows(None, [])
            for model, _t in self.lists.values():
                model.set_items([])
            return
        acc = f"{d.acceptance_no}（{d.acceptance_held_on.isoformat() if d.acceptance_held_on else ''}）"
        record, basis = self.tr("移交记录"), self.tr("依据竣工联合验收记录")
        self.title.setText(f"<b>{record} {d.record_no}</b>&nbsp;&nbsp;{basis} {acc}")

        self.signing.set_record(d.id, record_no=d.record_no, locked=d.locked, signer=d.signer_name,
                                locked_at=d.locked_at)
        self.form.set_values({"handed_on": d.handed_on, "giver": d.giver, "receiver_kind": d.receiver_kind,
                              "receiver": d.receiver, "witness": d.witness, "maintenance": d.maintenance,
                              "open_issues": d.open_issues})
        self.warranty.set_values({k: d.warranty.get(k, "") for k in svc.WARRANTY_KEYS})
        self.form.clear_errors()
        self.warranty.clear_errors()
        for name, (model, _t) in self.lists.items():
            model.set_items(getattr(d, name))
        self.attendees.set_rows(d.id, d.signatories)
        self.set_read_only(d.locked)

    def set_read_only(self, read_only: bool) -> None:
        self.form.set_read_only(read_only)
        self.warranty.set_read_only(read_only)
        for model, _t in self.lists.values():
            model.read_only = read_only
        for b in self._list_buttons:
            b.setEnabled(not read_only)
        self.attendees.set_read_only(read_only)

    def _on_bus_changed(self, changes) -> None:  # type: ignore[no-untyped-def]
        if self.handover_id and changes.touches("handovers", "signatories") and self.handover_id in changes.ids:
            self.load(self.handover_id)

    def _add_row(self, model: ItemListModel, table: QTableView) -> None:
        if model.read_only:
            return
        row = model.add_row()
        index = model.index(row, 0)
        table.setCurrentIndex(index)
        table.edit(index)

    def _save(self, values: dict[str, Any]) -> None:
        store, hid = self.ctx.store, self.handover_id
        if hid is None or (self.detail and self.detail.locked):
            return
        if any(name in values and values[name]
               and not all(r.get(LIST_COLUMNS.get(name, LIST_FIELDS)[0][0]) for r in values[name])
               for name in LIST_LABELS):
            return  # a fresh row without a name yet: saved once it has one

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationError):
                self.form.show_errors(exc.problems)
                self.warranty.show_errors({k.split(".", 1)[1]: v for k, v in exc.problems.items()
                                           if k.startswith("warranty.")})
            self.error.setText(self.tr("未保存：") + str(exc))

        run_op(lambda _p: svc.update_handover(store, handover_id=hid, values=values),
               on_success=lambda ch: (self.error.clear(), self.ctx.bus.announce(ch)), on_failure=failed,
               write=True, parent=self)

    def _on_form_edited(self, name: str, raw: Any) -> None:
        value: Any = raw
        if name == "handed_on":
            try:
                value = dt.date.fromisoformat(raw.strip()) if raw.strip() else None
            except ValueError:
                self.form.show_errors({"handed_on": self.tr("日期格式应为 YYYY-MM-DD")})
                return
        self.form.clear_errors()
        self._save({name: value})

    def _on_warranty_edited(self, _name: str, _raw: Any) -> None:
        self.warranty.clear_errors()
        self._save({"warranty": {k: str(v) for k, v in self.warranty.raw_values().items()}})
