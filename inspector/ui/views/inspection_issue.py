"""下发整改通知: choose the type (限期整改 / 停工整改) and the findings that go on the notice (both
defaulted from the findings' severity and required action), the 受检单位 (required), deadline,
requirements and stop scope; then a preview of the notice as it will be issued, then confirm.

The choices are checked by `domain.rules.rectification.notice_problems` before the preview and
again by the service when issuing."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.clock import china_time, china_today
from inspector.domain.rules import rectification as rules
from inspector.domain.vocab import RequiredAction
from inspector.ui.texts import translate_sentence
from inspector.ui.widgets.field_form import ERROR_STYLE

FINDING_ROLE = Qt.ItemDataRole.UserRole + 41


class IssueNoticeDialog(QDialog):
    """`values()` after exec() gives the arguments of `findings.issue_notice`."""

    def __init__(self, detail: Any, findings: list[Any], parties: list[dict[str, Any]],
                 project_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("下发整改通知"))
        self.detail = detail
        self.parties = parties
        self.project_name = project_name
        started = detail.header.get("started_at") if getattr(detail, "header", None) else None
        self.issued_on = rules.issue_date(china_today(), china_time(started).date() if started else None)
        self._deadline_touched = False

        self.action = QComboBox()
        self.action.setObjectName("action")
        for a in rules.NOTICE_ACTIONS:
            self.action.addItem(QCoreApplication.translate("Choices", rules.notice_title(a)), a)
        self.list = QListWidget()
        self.list.setObjectName("noticeFindings")
        self.list.setWordWrap(True)
        contractor = next((p["id"] for p in parties if p["role"] == "施工单位"), "")
        # A notice orders one party: the findings owed by the first party are ticked; the others
        # wait for their own notice.
        first_party = (findings[0].responsible_party_id or contractor) if findings else ""
        for f in findings:
            party = f.responsible_party or QCoreApplication.translate("Choices", "施工单位")
            it = QListWidgetItem(self.tr("〔{severity}·{action}〕{description}（{party}）").format(
                severity=QCoreApplication.translate("Choices", f.severity),
                action=QCoreApplication.translate("Choices", f.action), description=f.description, party=party))
            it.setData(FINDING_ROLE, f)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            mine = (f.responsible_party_id or contractor) == first_party
            it.setCheckState(Qt.CheckState.Checked if mine else Qt.CheckState.Unchecked)
            self.list.addItem(it)
        self.contractor = contractor
        self.addressee = QComboBox()
        self.addressee.setObjectName("addressee")
        self.addressee.addItem(self.tr("（请选择受检单位）"), "")
        for p in parties:
            role = QCoreApplication.translate("Choices", p["role"])
            self.addressee.addItem(f"{role}  {p['name']}", p["id"])
        self.addressee.setCurrentIndex(max(self.addressee.findData(first_party), 0))
        self.deadline = QDateEdit()
        self.deadline.setObjectName("deadline")
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.requirements = QPlainTextEdit()
        self.requirements.setObjectName("requirements")
        self.requirements.setTabChangesFocus(True)
        self.requirements.setMaximumHeight(70)
        self.requirements.setPlaceholderText(self.tr("如：按规范要求整改，整改完成后书面回复并附整改前后照片"))
        self.stop_scope = QPlainTextEdit()
        self.stop_scope.setObjectName("stop_scope")
        self.stop_scope.setTabChangesFocus(True)
        self.stop_scope.setMaximumHeight(50)
        self.stop_scope.setPlaceholderText(self.tr("如：3号楼屋面及外墙保温作业"))
        self.errors = QLabel()
        self.errors.setObjectName("errors")
        self.errors.setStyleSheet(ERROR_STYLE)
        self.errors.setWordWrap(True)

        choose = QWidget()
        form = QFormLayout(choose)
        form.addRow(self.tr("通知类型"), self.action)
        form.addRow(self.tr("列入的问题"), self.list)
        form.addRow(self.tr("* 受检单位"), self.addressee)
        form.addRow(self.tr("整改期限"), self.deadline)
        form.addRow(self.tr("整改要求"), self.requirements)
        self.stop_label = QLabel(self.tr("停工范围"))
        form.addRow(self.stop_label, self.stop_scope)
        form.addRow(self.errors)
        self.preview = QTextBrowser()
        self.preview.setObjectName("noticePreview")
        self.pages = QStackedWidget()
        self.pages.addWidget(choose)
        self.pages.addWidget(self.preview)

        self.back_btn = QPushButton(self.tr("返回修改"))
        self.next_btn = QPushButton(self.tr("预览…"))
        self.next_btn.setObjectName("previewButton")
        self.confirm_btn = QPushButton(self.tr("确认下发"))
        self.confirm_btn.setObjectName("confirmButton")
        buttons = QDialogButtonBox()
        buttons.addButton(self.back_btn, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.next_btn, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.confirm_btn, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))
        buttons.rejected.connect(self.reject)
        self.back_btn.clicked.connect(lambda: self._show_page(0))
        self.next_btn.clicked.connect(self.show_preview)
        self.confirm_btn.clicked.connect(self._on_confirm)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(buttons)

        self.list.itemChanged.connect(lambda _i: self._follow_findings())
        self.action.currentIndexChanged.connect(lambda _i: self._update_stop_scope())
        self.deadline.dateChanged.connect(lambda _d: setattr(self, "_deadline_touched", True))
        self._follow_findings()
        self._show_page(0)
        self.resize(720, 620)

    # -- choices ------------------------------------------------------------------------------------

    def chosen(self) -> list[Any]:
        return [self.list.item(i).data(FINDING_ROLE) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def _follow_findings(self) -> None:
        """Type and deadline follow the chosen findings until the user sets them."""
        chosen = self.chosen()
        self.action.blockSignals(True)
        self.action.setCurrentIndex(self.action.findData(rules.notice_action({f.action for f in chosen})))
        self.action.blockSignals(False)
        parties = {f.responsible_party_id or self.contractor for f in chosen}
        if len(parties) == 1:  # the 受检单位 is the party the chosen findings are owed by
            self.addressee.setCurrentIndex(max(self.addressee.findData(parties.pop()), 0))
        if not self._deadline_touched:
            earliest = min((f.deadline for f in chosen if f.deadline), default=None) or \
                rules.default_deadline("一般", self.issued_on)
            earliest = max(earliest, rules.next_working_day(self.issued_on))
            self.deadline.blockSignals(True)
            self.deadline.setDate(QDate(earliest.year, earliest.month, earliest.day))
            self.deadline.blockSignals(False)
        self._update_stop_scope()

    def _update_stop_scope(self) -> None:
        stop = self.action.currentData() == RequiredAction.STOP_WORK.value
        self.stop_label.setVisible(stop)
        self.stop_scope.setVisible(stop)

    def deadline_date(self) -> dt.date:
        q = self.deadline.date()
        return dt.date(q.year(), q.month(), q.day())

    def problems(self) -> dict[str, str]:
        return rules.notice_problems(action=self.action.currentData(),
                                     finding_actions=[f.action for f in self.chosen()],
                                     addressee_party_id=self.addressee.currentData() or None,
                                     deadline=self.deadline_date(), issued_on=self.issued_on,
                                     finding_parties=[f.responsible_party_id for f in self.chosen()])

    def values(self) -> dict[str, Any]:
        stop = self.action.currentData() == RequiredAction.STOP_WORK.value
        return {"finding_ids": [f.id for f in self.chosen()], "action": self.action.currentData(),
                "addressee_party_id": self.addressee.currentData(), "deadline": self.deadline_date(),
                "requirements": self.requirements.toPlainText().strip(),
                "stop_scope": self.stop_scope.toPlainText().strip() if stop else "", "issued_on": self.issued_on}

    # -- pages --------------------------------------------------------------------------------------

    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.back_btn.setVisible(page == 1)
        self.next_btn.setVisible(page == 0)
        self.confirm_btn.setVisible(page == 1)
        self.confirm_btn.setDefault(page == 1)
        self.next_btn.setDefault(page == 0)

    @Slot()
    def show_preview(self) -> bool:
        problems = self.problems()
        if problems:
            self.errors.setText("\n".join(translate_sentence(p) for p in problems.values()))
            return False
        self.errors.clear()
        self.preview.setHtml(self.preview_html())
        self._show_page(1)
        return True

    def preview_html(self) -> str:
        """The notice as it will be issued (the number is drawn when it is confirmed)."""
        v = self.values()
        esc = html.escape
        # Texts outside the f-strings, where lupdate finds them.
        number = self.tr("编号：下发时自动编号")
        issued = self.tr("下发日期：")
        found = self.tr("经检查，你单位在“{project}”工程中存在下列问题：").format(project=self.project_name)
        heads = [self.tr("序号"), self.tr("检查项"), self.tr("问题描述"), self.tr("部位"), self.tr("严重程度")]
        deadline = self.tr("整改期限：")
        required = self.tr("整改要求：")
        scope = self.tr("停工范围：")
        title = QCoreApplication.translate("Choices", rules.notice_title(v["action"]))
        rows = "".join(f"<tr><td>{i}</td><td>{esc(f.checklist_item)}</td><td>{esc(f.description)}</td>"
                       f"<td>{esc(f.location)}</td><td>{esc(severity)}</td></tr>"
                       for i, f, severity in ((i, f, QCoreApplication.translate("Choices", f.severity))
                                              for i, f in enumerate(self.chosen(), 1)))
        head = "".join(f"<th>{esc(h)}</th>" for h in heads)
        lines = [f"<h2 style='text-align:center'>{esc(title)}</h2>",
                 f"<p>{esc(number)}&nbsp;&nbsp;{esc(issued)}{self.issued_on.isoformat()}</p>",
                 f"<p><b>{esc(self._addressee_name())}</b>：</p>",
                 f"<p>{esc(found)}</p>",
                 f"<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>{head}</tr>{rows}</table>",
                 f"<p>{esc(deadline)}{v['deadline'].isoformat()}</p>"]
        if v["requirements"]:
            lines.append(f"<p>{esc(required)}{esc(v['requirements'])}</p>")
        if v["stop_scope"]:
            lines.append(f"<p>{esc(scope)}{esc(v['stop_scope'])}</p>")
        return "".join(lines)

    def _addressee_name(self) -> str:
        party = next((p for p in self.parties if p["id"] == self.addressee.currentData()), None)
        return party["name"] if party else ""

    def _on_confirm(self) -> None:
        if self.problems():
            self._show_page(0)
            self.show_preview()
            return
        self.accept()
