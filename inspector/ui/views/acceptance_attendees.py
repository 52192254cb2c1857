"""The signatories of an acceptance (attendees by role, with opinions), a handover (移交方, 接收方,
见证方) or an inspection record (the 施工/监理 representatives who accompanied it): a table,
add/edit/remove, and signing on the signature pad."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.clock import CHINA_TZ
from inspector.domain.rules.acceptance import HANDOVER_SIDES, SIGNING_ROLES
from inspector.domain.rules.fields import Field
from inspector.domain.vocab import COMPANION_ROLES, Opinion
from inspector.services import signatures as svc
from inspector.services.signatures import SignatorySnap
from inspector.ui.context import AppContext
from inspector.ui.models.table import Column, FilterProxy, RowTableModel
from inspector.ui.ops import run_op
from inspector.ui.shortcuts import add_action
from inspector.ui.widgets.record_dialog import RecordDialog
from inspector.ui.widgets.signature_pad import SignatureDialog
from inspector.ui.widgets.table_fit import fit_columns


def _signed(r: SignatorySnap) -> str:
    if r.signed and r.signed_at:
        return QCoreApplication.translate("AttendeesPanel", "已签 {when}").format(
            when=f"{r.signed_at.astimezone(CHINA_TZ):%m-%d %H:%M}")
    return QCoreApplication.translate("AttendeesPanel", "未签")


COLUMNS = [
    Column("序号", lambda r: r.position, align_right=True),
    Column("角色", lambda r: QCoreApplication.translate("Choices", r.role)),
    Column("单位", lambda r: r.organisation),
    Column("姓名", lambda r: r.person_name),
    Column("职务", lambda r: r.title),
    Column("电话", lambda r: r.phone),
    Column("意见", lambda r: QCoreApplication.translate("Choices", r.opinion) + (f"：{r.reasons}" if r.reasons else ""),
           stretch=True, color=lambda r: "#c62828" if r.opinion == Opinion.FAIL.value else None),
    Column("签名", _signed, color=lambda r: None if r.signed else "#c62828"),
]


def _fields(kind: str) -> list[Field]:
    # The roles a signatory may take: an acceptance's parties, a handover's sides, an inspection's
    # accompanying units.
    out = [Field("role", "角色", "choice", required=True,
                 choices=SIGNING_ROLES if kind == "acceptance" else COMPANION_ROLES if kind == "inspection"
                 else HANDOVER_SIDES),
           Field("organisation", "单位", "text"), Field("person_name", "姓名", "text", required=True),
           Field("title", "职务", "text"), Field("phone", "电话", "text")]
    if kind == "acceptance":
        out += [Field("opinion", "验收意见", "choice", choices=tuple(o.value for o in Opinion)),
                Field("reasons", "不合格理由", "longtext")]
    return out


class AttendeesPanel(QWidget):
    """Edits go to the store at once (each through its service); `changed` after each."""

    changed = Signal()

    def __init__(self, ctx: AppContext, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.record_id: str | None = None
        self.read_only = False
        # A handover has no opinions: there the organisation's name takes the spare width.
        columns = COLUMNS if kind == "acceptance" else [
            replace(c, stretch=c.header == "单位") for c in COLUMNS if c.header != "意见"]
        self.model: RowTableModel = RowTableModel(columns, self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName(f"{kind}_attendees")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        fit_columns(self.table)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.add_btn = QPushButton(self.tr("添加") if kind == "acceptance" else self.tr("添加签字方"))
        self.edit_btn = QPushButton(self.tr("编辑"))
        self.remove_btn = QPushButton(self.tr("删除"))
        self.sign_btn = QPushButton(self.tr("签字…"))
        self.sign_btn.setObjectName("sign_attendee")
        self.clear_btn = QPushButton(self.tr("清除签名"))
        for b, tip in ((self.add_btn, "Insert"), (self.edit_btn, "F2"), (self.remove_btn, "Delete"),
                       (self.sign_btn, "Ctrl+Shift+S")):
            b.setToolTip(tip)
        self.add_btn.clicked.connect(self.add)
        self.edit_btn.clicked.connect(self.edit_selected)
        self.remove_btn.clicked.connect(self.remove_selected)
        self.sign_btn.clicked.connect(self.sign_selected)
        self.clear_btn.clicked.connect(self.clear_selected)
        for text, key, slot in ((self.tr("添加参加人员"), "Insert", self.add),
                                (self.tr("编辑参加人员"), "F2", self.edit_selected),
                                (self.tr("删除参加人员"), "Delete", self.remove_selected),
                                (self.tr("当面签字"), "Ctrl+Shift+S", self.sign_selected)):
            add_action(self, text, [key], slot)
        buttons = QHBoxLayout()
        for b in (self.add_btn, self.edit_btn, self.remove_btn, self.sign_btn, self.clear_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.note)

    def set_rows(self, record_id: str | None, rows: tuple[SignatorySnap, ...] | list[SignatorySnap]) -> None:
        keep = self.selected()
        self.record_id = record_id
        self.model.set_rows(list(rows))
        if keep:
            self.select(keep.id)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for b in (self.add_btn, self.edit_btn, self.remove_btn, self.sign_btn, self.clear_btn):
            b.setEnabled(not read_only)

    def selected(self) -> SignatorySnap | None:
        idx = self.table.currentIndex()
        if not idx.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(idx).row())

    def select(self, signatory_id: str) -> None:
        row = self.model.row_of_id(signatory_id)
        if row >= 0:
            self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))

    # -- actions ------------------------------------------------------------------------------------

    def _announce(self, changes) -> None:  # type: ignore[no-untyped-def]
        self.ctx.bus.announce(changes)
        self.changed.emit()

    def add(self) -> None:
        if self.read_only or not self.record_id:
            return
        rid, kind = self.record_id, self.kind

        def save(raw):  # type: ignore[no-untyped-def]
            return svc.add_signatory(self.ctx.store, record_kind=kind, record_id=rid, **raw)

        dlg = RecordDialog(self.tr("添加签字人"), _fields(kind), {}, save, self)
        if dlg.exec():
            new_id, changes = dlg.result_value
            self._announce(changes)
            self.select(new_id)

    def edit_selected(self) -> None:
        row = self.selected()
        if self.read_only or row is None:
            return
        fields = _fields(self.kind)
        values = {f.name: getattr(row, f.name) for f in fields}

        def save(raw):  # type: ignore[no-untyped-def]
            changed = {k: v for k, v in raw.items() if (v or "") != (values.get(k) or "")}
            return svc.update_signatory(self.ctx.store, signatory_id=row.id, values=changed)

        dlg = RecordDialog(self.tr("编辑签字人"), fields, values, save, self)
        if dlg.exec():
            changes = dlg.result_value
            if changes.extra.get("signature_cleared"):
                self.note.setText(self.tr("{who} 的身份或意见已修改，原签名已清除，请重新签字。")
                                  .format(who=row.person_name))
            self._announce(changes)

    def remove_selected(self) -> None:
        row = self.selected()
        if self.read_only or row is None:
            return
        answer = QMessageBox.question(self, self.tr("删除签字人"),
                                      self.tr("删除 {role} {name}？").format(role=row.role, name=row.person_name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        store = self.ctx.store
        run_op(lambda _p: svc.remove_signatory(store, signatory_id=row.id), on_success=self._announce,
               write=True, parent=self)

    def sign_selected(self) -> None:
        row = self.selected()
        if self.read_only or row is None:
            return
        if self.kind == "acceptance":
            attests = self.tr("验收意见：{o}").format(o=row.opinion + (f"（{row.reasons}）" if row.reasons else ""))
        elif self.kind == "inspection":
            attests = self.tr("作为{role}陪同人员签字确认检查情况").format(role=row.role)
        else:
            attests = self.tr("作为{role}签字确认移交内容").format(role=row.role)
        strokes = svc.get_strokes(self.ctx.store, signatory_id=row.id)
        dlg = SignatureDialog(f"{row.role} {row.organisation} {row.person_name}".strip(), attests, strokes, self)
        if not dlg.exec():
            return
        drawn = dlg.strokes()
        store = self.ctx.store
        run_op(lambda _p: svc.sign(store, signatory_id=row.id, strokes=drawn), on_success=self._announce,
               write=True, parent=self)

    @Slot()
    def clear_selected(self) -> None:
        row = self.selected()
        if self.read_only or row is None or not row.signed:
            return
        store = self.ctx.store
        run_op(lambda _p: svc.clear_signature(store, signatory_id=row.id), on_success=self._announce,
               write=True, parent=self)
