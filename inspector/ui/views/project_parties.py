"""The project page's 参建单位 and 关键人员 tabs: model/view tables with add, edit and remove."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.rules.fields import PARTY_FIELDS, PERSON_FIELDS
from inspector.services import projects as svc
from inspector.ui.context import AppContext
from inspector.ui.models.table import Column, FilterProxy, RowTableModel
from inspector.ui.shortcuts import add_action
from inspector.ui.widgets.record_dialog import RecordDialog
from inspector.ui.widgets.table_fit import fit_columns


@dataclass(frozen=True)
class PartyRow:
    id: str
    role: str
    name: str
    credit_code: str
    qualification: str
    qualification_expiry: str
    complaint_phone: str
    values: dict


@dataclass(frozen=True)
class PersonRow:
    id: str
    party_id: str
    party: str
    role: str
    name: str
    registration_no: str
    checks: str
    values: dict


def _yes(v: bool) -> str:
    return "✔" if v else "✘"


class _TableTab(QWidget):
    """Shared shape: a table, and 新增 / 编辑 / 删除 buttons."""

    kind = ""

    def __init__(self, ctx: AppContext, page, columns) -> None:  # type: ignore[no-untyped-def]
        super().__init__(page)
        self.ctx = ctx
        self.page = page
        self.project_id: str | None = None
        self.model: RowTableModel = RowTableModel(columns, self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        fit_columns(self.view)
        self.view.doubleClicked.connect(lambda _i: self.edit())
        self.add_btn = QPushButton(self.tr("新增"))
        self.edit_btn = QPushButton(self.tr("编辑"))
        self.del_btn = QPushButton(self.tr("删除"))
        self.add_btn.clicked.connect(self.add)
        self.edit_btn.clicked.connect(self.edit)
        self.del_btn.clicked.connect(self.remove)
        add_action(self.view, self.tr("删除所选"), [Qt.Key.Key_Delete], self.remove)
        buttons = QHBoxLayout()
        for b in (self.add_btn, self.edit_btn, self.del_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view)

    def selected(self):  # type: ignore[no-untyped-def]
        idx = self.view.currentIndex()
        if not idx.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(idx).row())

    def _after_save(self, changes) -> None:  # type: ignore[no-untyped-def]
        self.ctx.bus.announce(changes)
        self.page.load(self.project_id)

    def remove(self) -> None:
        row = self.selected()
        if row is None:
            return
        answer = QMessageBox.question(self, self.tr("确认删除"),
                                      self.tr("确定删除“{name}”吗？").format(name=row.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._after_save(svc.delete_record(self.ctx.store, kind=self.kind, record_id=row.id))


class PartiesTab(_TableTab):
    kind = "party"

    def __init__(self, ctx: AppContext, page) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, page, [
            Column("单位类型", lambda r: QCoreApplication.translate("Choices", r.role), key=True),
            Column("单位名称", lambda r: r.name, stretch=True),
            Column("统一社会信用代码", lambda r: r.credit_code),
            Column("资质", lambda r: r.qualification),
            Column("资质有效期至", lambda r: r.qualification_expiry),
            Column("投诉电话", lambda r: r.complaint_phone),
        ])

    def set_project(self, project_id: str, detail: svc.ProjectDetail) -> None:
        self.project_id = project_id
        self.model.set_rows([
            PartyRow(p["id"], p["role"], p["name"], p["credit_code"], p["qualification"],
                     p["qualification_expiry"].isoformat() if p["qualification_expiry"] else "",
                     p["complaint_phone"], p)
            for p in detail.parties
        ])

    def add(self) -> None:
        self._open(None, {})

    def edit(self) -> None:
        row = self.selected()
        if row is not None:
            self._open(row.id, row.values)

    def _open(self, party_id: str | None, values: dict) -> None:
        pid = self.project_id
        if not pid:
            return
        dlg = RecordDialog(self.tr("参建单位"), PARTY_FIELDS, values,
                           lambda raw: svc.save_party(self.ctx.store, project_id=pid, fields=raw,
                                                      party_id=party_id), self)
        if dlg.exec():
            self._after_save(dlg.result_value[1])


class PersonsTab(_TableTab):
    kind = "person"

    def __init__(self, ctx: AppContext, page) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, page, [
            Column("单位", lambda r: r.party),
            Column("岗位", lambda r: QCoreApplication.translate("Choices", r.role), key=True),
            Column("姓名", lambda r: r.name),
            Column("注册证书号", lambda r: r.registration_no),
            Column("劳动合同/社保/到岗", lambda r: r.checks, stretch=True),
        ])
        self.parties: list[dict] = []

    def set_project(self, project_id: str, detail: svc.ProjectDetail) -> None:
        self.project_id = project_id
        self.parties = detail.parties
        names = {p["id"]: p["name"] for p in detail.parties}
        self.model.set_rows([
            PersonRow(p["id"], p["party_id"], names.get(p["party_id"], ""), p["role"], p["name"],
                      p["registration_no"],
                      " ".join(_yes(p[k]) for k in ("labour_contract_verified", "social_insurance_verified",
                                                     "on_site_verified")), p)
            for p in detail.persons
        ])
        self.add_btn.setEnabled(bool(self.parties))
        self.add_btn.setToolTip("" if self.parties else self.tr("请先添加参建单位"))

    def add(self) -> None:
        self._open(None, {}, None)

    def edit(self) -> None:
        row = self.selected()
        if row is not None:
            self._open(row.id, row.values, row.party_id)

    def _open(self, person_id: str | None, values: dict, party_id: str | None) -> None:
        pid = self.project_id
        if not pid or not self.parties:
            return
        picker = QComboBox()
        picker.setObjectName("party")
        for p in self.parties:
            picker.addItem(f"{p['role']} · {p['name']}", p["id"])
        if party_id:
            picker.setCurrentIndex(max(picker.findData(party_id), 0))
        holder = QWidget()
        form = QFormLayout(holder)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("所属单位"), picker)
        dlg = RecordDialog(self.tr("关键人员"), PERSON_FIELDS, values,
                           lambda raw: svc.save_person(self.ctx.store, project_id=pid,
                                                       party_id=picker.currentData(), fields=raw,
                                                       person_id=person_id),
                           self, extra=holder)
        dlg.party_picker = picker  # for tests and keyboard users
        if dlg.exec():
            self._after_save(dlg.result_value[1])
