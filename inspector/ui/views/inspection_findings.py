"""The 问题与整改 tab of an inspection: findings raised from failed items or by hand (each addressed
to the party that owes the duty), the notices that group them — one per responsible party — and
the 案件线索移送函 of the findings referred to an enforcement authority."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.rules import rectification as rules
from inspector.domain.vocab import FINDING_STATUS_LABELS, RequiredAction, Severity
from inspector.services import findings as fsvc
from inspector.services.projects import get_project
from inspector.ui.context import AppContext
from inspector.ui.messages import show_exception
from inspector.ui.models.table import Column, FilterProxy, RowTableModel
from inspector.ui.ops import run_op

FINDING_COLUMNS: list[Column[fsvc.FindingSnap]] = [
    Column("检查项", lambda f: f.checklist_item),
    Column("问题描述", lambda f: f.description),
    Column("部位", lambda f: f.location),
    Column("严重程度", lambda f: f.severity, sort=lambda f: rules.SEVERITY_RANK.get(f.severity, 0),
           color=lambda f: "#c62828" if f.severity == "严重" else None),
    Column("处理措施", lambda f: f.action),
    Column("整改期限", lambda f: f.deadline.isoformat() if f.deadline else ""),
    Column("责任单位", lambda f: f.responsible_party),
    Column("移送", lambda f: f.refer_to),
    Column("状态", lambda f: FINDING_STATUS_LABELS.get(f.status, f.status)),
]


def qdate(d: dt.date | None) -> QDate:
    return QDate(d.year, d.month, d.day) if d else QDate.currentDate()


def pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class FindingDialog(QDialog):
    """Add or edit a finding. Deadline follows the severity until the user sets it."""

    def __init__(self, parties: list[dict[str, Any]], finding: fsvc.FindingSnap | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("编辑问题") if finding else self.tr("新增问题"))
        self.description = QPlainTextEdit(finding.description if finding else "")
        self.location = QLineEdit(finding.location if finding else "")
        self.severity = QComboBox()
        self.severity.addItems([s.value for s in Severity])
        self.action = QComboBox()
        self.action.addItems([a.value for a in RequiredAction])
        self.deadline = QDateEdit()
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.party = QComboBox()
        for p in parties:
            self.party.addItem(f"{p['role']}  {p['name']}", p["id"])
        if finding:
            self.severity.setCurrentText(finding.severity)
            self.action.setCurrentText(finding.action)
            self.deadline.setDate(qdate(finding.deadline))
            i = self.party.findData(finding.responsible_party_id)
            if i >= 0:
                self.party.setCurrentIndex(i)
        else:
            contractor = next((i for i, p in enumerate(parties) if p["role"] == "施工单位"), -1)
            if contractor >= 0:
                self.party.setCurrentIndex(contractor)
            self._on_severity_changed()
            self.severity.currentIndexChanged.connect(self._on_severity_changed)
        form = QFormLayout()
        form.addRow(self.tr("问题描述"), self.description)
        form.addRow(self.tr("部位（楼栋/单元/部位）"), self.location)
        form.addRow(self.tr("严重程度"), self.severity)
        form.addRow(self.tr("处理措施"), self.action)
        form.addRow(self.tr("整改期限"), self.deadline)
        form.addRow(self.tr("责任单位"), self.party)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _on_severity_changed(self, *_a: object) -> None:
        self.deadline.setDate(qdate(rules.default_deadline(self.severity.currentText(), dt.date.today())))

    def values(self) -> dict[str, Any]:
        return {"description": self.description.toPlainText().strip(), "location": self.location.text().strip(),
                "severity": self.severity.currentText(), "action": self.action.currentText(),
                "deadline": pydate(self.deadline.date()), "responsible_party_id": self.party.currentData()}


class FindingsPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: Any = None
        self.model: RowTableModel[fsvc.FindingSnap] = RowTableModel(FINDING_COLUMNS, self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("findingsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.from_failed_btn = QPushButton(self.tr("从不合格项生成问题"))
        self.from_failed_btn.setObjectName("fromFailedButton")
        self.add_btn = QPushButton(self.tr("新增问题"))
        self.delete_btn = QPushButton(self.tr("删除问题"))
        self.issue_btn = QPushButton(self.tr("下发整改通知"))
        self.issue_btn.setObjectName("issueNoticeButton")
        self.open_notice_btn = QPushButton(self.tr("打开通知书"))
        self.referral_btn = QPushButton(self.tr("移送函…"))
        self.referral_btn.setObjectName("openReferralButton")
        self.referral_btn.setToolTip(self.tr("查看、填写和签署本次检查的案件线索移送函"))
        self.referral_btn.clicked.connect(lambda: self.open_referral())
        self.from_failed_btn.clicked.connect(self.raise_from_failed)
        self.add_btn.clicked.connect(self.add_finding)
        self.delete_btn.clicked.connect(self.delete_selected)
        self.issue_btn.clicked.connect(lambda: self.issue_notice())
        self.open_notice_btn.clicked.connect(lambda: self.open_notice())
        buttons = QHBoxLayout()
        for b in (self.from_failed_btn, self.add_btn, self.delete_btn, self.issue_btn, self.open_notice_btn,
                  self.referral_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.note = QLabel()
        self.note.setObjectName("issueNote")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self.delete_selected)

    def set_inspection(self, detail: Any) -> None:
        self.detail = detail
        self.model.set_rows(fsvc.list_findings(self.ctx.store, inspection_id=detail.id))
        # A signed record's findings are part of it: nothing to add, change or remove (notices still go out).
        for b in (self.from_failed_btn, self.add_btn, self.delete_btn):
            b.setEnabled(not detail.locked)

    def selected(self) -> fsvc.FindingSnap | None:
        idx = self.table.currentIndex()
        if not idx.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(idx).row())

    def _done(self, result: Any) -> None:
        changes = result[1] if isinstance(result, tuple) else result
        self.ctx.bus.announce(changes)
        if self.detail is not None:
            self.set_inspection(self.detail)

    @Slot()
    def raise_from_failed(self) -> None:
        store, iid = self.ctx.store, self.detail.id
        run_op(lambda _p: fsvc.findings_from_failed(store, inspection_id=iid), on_success=self._done,
               write=True, parent=self)

    def _parties(self) -> list[dict[str, Any]]:
        return get_project(self.ctx.store, self.detail.project_id).parties

    @Slot()
    def add_finding(self) -> None:
        dlg = FindingDialog(self._parties(), parent=self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        v = dlg.values()
        store, d = self.ctx.store, self.detail
        run_op(lambda _p: fsvc.add_finding(store, project_id=d.project_id, inspection_id=d.id, **v),
               on_success=self._done, write=True, parent=self)

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, _index: QModelIndex) -> None:
        f = self.selected()
        if f is None:
            return
        if f.rectification_id:
            self.open_notice()
            return
        if self.detail is not None and self.detail.locked:
            QMessageBox.information(self, self.tr("问题"),
                                    self.tr("该检查记录已签署锁定，所列问题不能修改；如需更正，请创建更正版本。"))
            return
        dlg = FindingDialog(self._parties(), f, parent=self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            v = dlg.values()
            run_op(lambda _p: fsvc.update_finding(self.ctx.store, finding_id=f.id, values=v),
                   on_success=self._done, write=True, parent=self)

    @Slot()
    def delete_selected(self) -> None:
        f = self.selected()
        if f is None:
            return
        if QMessageBox.question(self, self.tr("删除问题"), self.tr("删除问题“{d}”？").format(d=f.description[:40])) \
                != QMessageBox.StandardButton.Yes:
            return
        run_op(lambda _p: fsvc.delete_finding(self.ctx.store, finding_id=f.id), on_success=self._done,
               write=True, parent=self)

    def issue_notice(self, requirements: str = "") -> None:
        """Issue what the open findings call for: a notice to each responsible party, and a 移送函 to
        each authority for the findings referred; then open the first notice (or the referral)."""
        store, iid = self.ctx.store, self.detail.id

        def done(result: Any) -> None:
            notices, referrals, changes = result
            self._done(changes)
            if notices:
                self.open_notice(notices[0])
            elif referrals:
                self.open_referral(referrals[0])
            # Said beside the buttons, not in a box: nothing here needs an answer.
            self.note.setText(self.tr("已下发整改通知书 {n} 份（按责任单位分别下发），生成案件线索移送函 {m} 份。")
                              .format(n=len(notices), m=len(referrals)))

        run_op(lambda _p: fsvc.issue_notices(store, inspection_id=iid, requirements=requirements),
               on_success=done, on_failure=lambda e: show_exception(self, e), write=True, parent=self)

    def open_referral(self, referral_id: str = "") -> None:
        if self.detail is None:
            return
        from inspector.ui.views.referral_dialog import ReferralDialog

        self.referral_dialog = ReferralDialog(self.ctx, self.detail.id, referral_id, self)
        self.referral_dialog.show()

    def open_notice(self, rectification_id: str = "") -> None:
        if not rectification_id:
            f = self.selected() or next((r for r in self.model.rows if r.rectification_id), None)
            rectification_id = f.rectification_id if f and f.rectification_id else ""
        if not rectification_id:
            return
        from inspector.ui.views.inspection_notice import NoticeDialog

        self.notice_dialog = NoticeDialog(self.ctx, rectification_id, self)
        self.notice_dialog.show()
