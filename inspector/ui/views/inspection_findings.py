"""The 问题与整改 tab of an inspection: findings raised from failed items or by hand (each addressed
to the party that owes the duty), the notices that group them — one per responsible party — and
the 案件线索移送函 of the findings referred to an enforcement authority."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, Qt, Slot
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

from inspector.domain.clock import china_today
from inspector.domain.rules import rectification as rules
from inspector.domain.vocab import FINDING_STATUS_LABELS, RequiredAction, Severity
from inspector.services import findings as fsvc
from inspector.services import referrals as rsvc
from inspector.services.projects import get_project
from inspector.ui.context import AppContext
from inspector.ui.messages import show_exception
from inspector.ui.models.table import Column, FilterProxy, RowTableModel
from inspector.ui.ops import run_op
from inspector.ui.shortcuts import add_action
from inspector.ui.widgets.empty_state import set_empty_text
from inspector.ui.widgets.table_fit import fit_columns

FINDING_COLUMNS: list[Column[fsvc.FindingSnap]] = [
    Column("检查项", lambda f: f.checklist_item, key=True),
    Column("问题描述", lambda f: f.description, stretch=True),
    Column("部位", lambda f: f.location),
    Column("严重程度", lambda f: QCoreApplication.translate("Choices", f.severity), sort=lambda f: rules.SEVERITY_RANK.get(f.severity, 0),
           color=lambda f: "#c62828" if f.severity == "严重" else None, key=True),
    Column("处理措施", lambda f: QCoreApplication.translate("Choices", f.action), key=True),
    Column("整改期限", lambda f: f.deadline.isoformat() if f.deadline else "", key=True),
    Column("责任单位", lambda f: f.responsible_party),
    Column("移送", lambda f: QCoreApplication.translate("Choices", f.refer_to) if f.refer_to else "", key=True),
    Column("状态", lambda f: QCoreApplication.translate("Choices", FINDING_STATUS_LABELS.get(f.status, f.status)),
           key=True),
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
        self.deadline.setDate(qdate(rules.default_deadline(self.severity.currentText(), china_today())))

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
        fit_columns(self.table)
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
        self.waiting: list[str] = []
        self.next_step = QLabel()
        self.next_step.setObjectName("nextStep")
        self.next_step.setWordWrap(True)
        self.next_step.setStyleSheet("color:#e65100;")
        self.next_step.hide()
        set_empty_text(self.table, self._empty_text)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.next_step)
        layout.addWidget(self.table, 1)
        add_action(self.table, self.tr("删除问题"), [Qt.Key.Key_Delete], self.delete_selected)

    def set_inspection(self, detail: Any) -> None:
        self.detail = detail
        rows = fsvc.list_findings(self.ctx.store, inspection_id=detail.id)
        # Failed items with no finding yet: the next step is 从不合格项生成问题.
        failed = {a.item_id for a in detail.answers.values() if a.failed}
        self.waiting = sorted(failed - {f.checklist_item for f in rows})
        self.model.set_rows(rows)
        # A signed record's findings are part of it: nothing to add, change or remove (notices still go out).
        for b in (self.from_failed_btn, self.add_btn, self.delete_btn):
            b.setEnabled(not detail.locked)
        self._show_next_step()

    def _show_next_step(self) -> None:
        if self.waiting:
            self.next_step.setText(self.tr("有 {n} 个不合格项（{items}）还没有生成问题：点“从不合格项生成问题”。")
                                   .format(n=len(self.waiting), items="、".join(self.waiting[:6])))
        else:
            steps = []
            waiting = [f for f in self.model.rows if f.status == "open" and f.action != RequiredAction.REFER.value]
            if waiting:
                parties = {f.responsible_party_id for f in waiting}
                steps.append(self.tr("有待通知的问题：点“下发整改通知”，选择通知类型、问题和受检单位。") if len(parties) < 2 else
                             self.tr("有待通知的问题，分属 {n} 个责任单位：点“下发整改通知”，每个单位下发一份通知书。")
                             .format(n=len(parties)))
            referable = sum(f.awaits_referral for f in self.model.rows)
            if referable:
                steps.append(self.tr("有 {n} 个问题须移送有关部门：点“移送函…”生成案件线索移送函。").format(n=referable))
            self.next_step.setText("\n".join(steps))
        self.next_step.setVisible(bool(self.next_step.text()))
        self.from_failed_btn.setDefault(bool(self.waiting))

    def _empty_text(self) -> str:
        if getattr(self, "waiting", None):
            return self.tr("有不合格项等待生成问题：点上方“从不合格项生成问题”。")
        return self.tr("没有问题。检查中发现的问题可点“新增问题”记录；不合格项可点“从不合格项生成问题”。")

    def select(self, finding_id: str) -> bool:
        row = self.model.row_of_id(finding_id)
        if row < 0:
            return False
        self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
        self.table.setFocus()
        return True

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

    def make_issue_dialog(self) -> Any:
        """The 下发整改通知 dialog over this inspection's findings still waiting for a notice (those
        only for referral go on a 移送函, not a notice)."""
        from inspector.ui.views.inspection_issue import IssueNoticeDialog

        waiting = [f for f in self.model.rows if f.status == "open" and f.action != RequiredAction.REFER.value]
        if not waiting:
            return None
        return IssueNoticeDialog(self.detail, waiting, self._parties(), self.detail.project_name, self)

    def issue_notice(self) -> None:
        """Choose type, findings and 受检单位 (one party per notice), preview, confirm: then the
        notice is issued and opened."""
        dlg = self.make_issue_dialog()
        if dlg is None:
            QMessageBox.information(self, self.tr("下发整改通知"),
                                    self.tr("没有待通知的问题。先用“从不合格项生成问题”或“新增问题”记录发现的问题。"))
            return
        self.issue_dialog = dlg  # reachable while open (tests)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        store, iid, values = self.ctx.store, self.detail.id, dlg.values()

        def done(result: Any) -> None:
            rid, changes = result
            self._done(changes)
            self.open_notice(rid)

        run_op(lambda _p: fsvc.issue_notice(store, inspection_id=iid, **values),
               on_success=done, on_failure=lambda e: show_exception(self, e), write=True, parent=self)

    def open_referral(self, referral_id: str = "") -> None:
        """The 移送函 of this inspection; the findings marked for referral that none lists yet are
        put on one (per authority) first."""
        if self.detail is None:
            return
        pending = [f.id for f in self.model.rows if f.awaits_referral]
        if pending and not referral_id:
            store, iid = self.ctx.store, self.detail.id
            run_op(lambda _p: rsvc.refer_findings(store, inspection_id=iid, finding_ids=pending),
                   on_success=lambda r: (self._done(r[1]), self._show_referral(r[0][0])),
                   on_failure=lambda e: show_exception(self, e), write=True, parent=self)
            return
        if not referral_id and not any(f.referral_id for f in self.model.rows):
            QMessageBox.information(self, self.tr("移送函"), self.tr(
                "本次检查没有需要移送的问题。检查项标明移送部门的不合格项，生成问题后在这里生成案件线索移送函。"))
            return
        self._show_referral(referral_id)

    def _show_referral(self, referral_id: str) -> None:
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
