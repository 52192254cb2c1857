"""The notice editor: a 责令整改通知书 / 停工整改通知书 with its findings, the contractor's 整改回复,
the station's 复查 (同意销项 / 未整改到位), escalation and re-issue. Esc closes it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.clock import china_today
from inspector.domain.vocab import RECTIFICATION_STATUS_LABELS
from inspector.services import findings as fsvc
from inspector.ui.context import AppContext
from inspector.ui.messages import show_exception
from inspector.ui.models.table import Column, RowTableModel
from inspector.ui.ops import run_op
from inspector.ui.texts import translate_sentence
from inspector.ui.views.inspection_editor import photo_panel
from inspector.ui.views.inspection_findings import FINDING_COLUMNS, pydate, qdate
from inspector.ui.widgets.table_fit import fit_columns

REPLY_COLUMNS: list[Column[fsvc.ReplySnap]] = [
    Column("回复日期", lambda r: r.replied_on.isoformat(), key=True),
    Column("整改措施", lambda r: r.measures, stretch=True),
    Column("整改结果", lambda r: r.result),
    Column("责任人", lambda r: r.responsible_person),
    Column("监理意见", lambda r: r.supervisor_opinion),
    Column("复查日期", lambda r: r.reinspected_on.isoformat() if r.reinspected_on else "", key=True),
    Column("复查结论", lambda r: QCoreApplication.translate("Choices", r.verdict) if r.verdict else "", key=True),
    Column("说明", lambda r: r.verdict_note),
]


def _date_edit() -> QDateEdit:
    e = QDateEdit(qdate(china_today()))
    e.setCalendarPopup(True)
    e.setDisplayFormat("yyyy-MM-dd")
    return e


class CloseOverrideDialog(QDialog):
    """销项 without full evidence: says what is missing and takes the inspector's reason."""

    def __init__(self, missing: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("销项证据不足"))
        text = QLabel(self.tr("同意销项前应有整改证据，目前缺少：") + "\n"
                      + "\n".join(f"· {translate_sentence(m)}" for m in missing)
                      + "\n\n" + self.tr("请先补充；如确需销项，请写明理由（记入复查说明并打印在复查记录上）："))
        text.setWordWrap(True)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("override_reason")
        self.reason_edit.setTabChangesFocus(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("写明理由并销项"))
        self.ok.setEnabled(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("先去补充"))
        self.reason_edit.textChanged.connect(lambda: self.ok.setEnabled(len(self.reason()) >= 2))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.reason_edit)
        layout.addWidget(buttons)
        self.resize(520, 320)

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()


class NoticeDialog(QDialog):
    changed = Signal()

    def __init__(self, ctx: AppContext, rectification_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rectification_id = rectification_id
        self.detail: fsvc.RectDetail | None = None
        self.resize(980, 720)
        self.header = QLabel()
        self.header.setObjectName("noticeHeader")
        self.header.setWordWrap(True)
        self.findings = RowTableModel(FINDING_COLUMNS, self)
        ft = QTableView()
        ft.setModel(self.findings)
        fit_columns(ft)
        self.replies = RowTableModel(REPLY_COLUMNS, self)
        rt = QTableView()
        rt.setModel(self.replies)
        fit_columns(rt)

        self.reply_box = QGroupBox(self.tr("整改回复"))
        self.replied_on = _date_edit()
        self.measures = QPlainTextEdit()
        self.measures.setObjectName("replyMeasures")
        self.measures.setMaximumHeight(70)
        self.result = QLineEdit()
        self.person = QLineEdit()
        self.opinion = QLineEdit()
        self.reply_btn = QPushButton(self.tr("记录回复"))
        self.reply_btn.setObjectName("recordReplyButton")
        self.reply_btn.clicked.connect(self.record_reply)
        rf = QFormLayout(self.reply_box)
        rf.addRow(self.tr("回复日期"), self.replied_on)
        rf.addRow(self.tr("整改措施"), self.measures)
        rf.addRow(self.tr("整改结果"), self.result)
        rf.addRow(self.tr("整改责任人"), self.person)
        rf.addRow(self.tr("监理单位意见"), self.opinion)
        evidence = QLabel(self.tr("销项证据：整改责任人签认、监理单位意见，以及右侧的整改后照片。"))
        evidence.setObjectName("closingEvidence")
        evidence.setWordWrap(True)
        evidence.setStyleSheet("color:#455a64;")
        rf.addRow(evidence)
        rf.addRow(self.reply_btn)

        self.check_box = QGroupBox(self.tr("复查"))
        self.reinspected_on = _date_edit()
        self.verdict = QComboBox()
        self.verdict.setObjectName("verdict")
        for verdict in (fsvc.VERDICT_CLOSE, fsvc.VERDICT_ESCALATE):  # shown translated, stored in Chinese
            self.verdict.addItem(QCoreApplication.translate("Choices", verdict), verdict)
        self.verdict_note = QLineEdit()
        self.verdict_note.setPlaceholderText(self.tr("未整改到位须说明理由"))
        self.check_btn = QPushButton(self.tr("提交复查结论"))
        self.check_btn.setObjectName("reinspectButton")
        self.check_btn.clicked.connect(self.reinspect)
        cf = QFormLayout(self.check_box)
        cf.addRow(self.tr("复查日期"), self.reinspected_on)
        cf.addRow(self.tr("结论"), self.verdict)
        cf.addRow(self.tr("说明"), self.verdict_note)
        cf.addRow(self.check_btn)

        self.escalate_btn = QPushButton(self.tr("逾期升级…"))
        self.escalate_btn.clicked.connect(self.escalate)
        self.reissue_btn = QPushButton(self.tr("重新下发…"))
        self.reissue_btn.clicked.connect(self.reissue)
        close_btn = QPushButton(self.tr("关闭"))
        close_btn.clicked.connect(self.close)
        actions = QHBoxLayout()
        actions.addWidget(self.escalate_btn)
        actions.addWidget(self.reissue_btn)
        actions.addStretch(1)
        actions.addWidget(close_btn)

        self.reply_photos = photo_panel(ctx, self)
        photos = QWidget()
        pv = QVBoxLayout(photos)
        pv.setContentsMargins(0, 0, 0, 0)
        # Wrapped: unwrapped, the long English title made the photos take the reply form's width.
        photos_title = QLabel(self.tr("整改后照片（整改回复和复查时拍摄，销项证据）"))
        photos_title.setWordWrap(True)
        pv.addWidget(photos_title)
        pv.addWidget(self.reply_photos, 1)
        forms = QHBoxLayout()
        forms.addWidget(self.reply_box, 2)
        forms.addWidget(self.check_box, 2)
        forms.addWidget(photos, 1)
        from inspector.ui.widgets.signing_bar import SigningBar

        # The notice is signed when issued; its reply/复查记录 is signed after the re-inspection.
        self.notice_signing = SigningBar(ctx, "rectification", self)
        self.reply_signing = SigningBar(ctx, "reply", shortcuts=False)
        for bar in (self.notice_signing, self.reply_signing):
            bar.signed.connect(self.reload)
            bar.correction_created.connect(lambda _id: self.reload())
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.notice_signing)
        layout.addWidget(QLabel(self.tr("所列问题")))
        layout.addWidget(ft, 2)
        layout.addWidget(QLabel(self.tr("回复与复查")))
        layout.addWidget(rt, 1)
        layout.addWidget(self.reply_signing)
        layout.addLayout(forms)
        from inspector.ui.views.reply_items import ReplyItemsPanel

        # The reply item by item, with each item's photos before and after.
        self.reply_items = ReplyItemsPanel(ctx, self)
        self.reply_items_box = QGroupBox(self.tr("逐项整改情况（整改措施、完成日期、整改前后照片）"))
        QVBoxLayout(self.reply_items_box).addWidget(self.reply_items)
        layout.addWidget(self.reply_items_box, 2)
        layout.addLayout(actions)
        self.reload()

    def reload(self) -> None:
        d = fsvc.get_rectification(self.ctx.store, self.rectification_id)
        self.detail = d
        r = d.row
        title = QCoreApplication.translate("Choices", r.title)
        self.setWindowTitle(f"{title} {r.notice_no}")
        lines = [f"<b>{title}</b>&nbsp;&nbsp;{r.notice_no}&nbsp;&nbsp;{r.project_code} {r.project_name}",
                 self.tr("受检单位：{a}　下发日期：{i}　整改期限：{d}　状态：{s}").format(
                     a=d.addressee or "—", i=r.issued_on.isoformat(),
                     d=r.deadline.isoformat() if r.deadline else self.tr("立即"),
                     s=QCoreApplication.translate("Choices", RECTIFICATION_STATUS_LABELS.get(r.status, r.status)))]
        if r.overdue:
            overdue = self.tr("已逾期 {n} 天").format(n=r.days_overdue)
            lines.append(f"<span style='color:#c62828'>{overdue}</span>")
        if d.requirements:
            lines.append(self.tr("整改要求：") + d.requirements)
        if d.stop_scope:
            lines.append(self.tr("停工范围：") + d.stop_scope)
        if d.escalation_reason:
            lines.append(self.tr("升级理由：") + d.escalation_reason)
        if d.reissued_from_no:
            lines.append(self.tr("重新下发自：") + d.reissued_from_no)
        if d.reissued_as_no:
            lines.append(self.tr("已重新下发为：") + d.reissued_as_no)
        self.header.setText("<br>".join(lines))
        self.findings.set_rows(d.findings)
        self.replies.set_rows(d.replies)
        # A signed notice keeps its content, but its workflow goes on (replies, 复查, escalation).
        self.reply_box.setEnabled(r.status == "issued")
        self.check_box.setEnabled(r.status == "replied")
        self.escalate_btn.setEnabled(r.status == "issued")
        self._show_sign_state(d)
        self.reissue_btn.setEnabled(r.status == "escalated" and not d.reissued_as_no)
        self.reply_items_box.setVisible(bool(d.replies))
        self.reply_items.set_reply(d, read_only=self.reply_signing.locked or r.status not in ("replied",))
        panel = self.reply_photos
        if d.replies:
            panel.set_target("reply", d.replies[-1].id)
            panel.set_read_only(self.reply_signing.locked or r.status not in ("issued", "replied"))
        else:
            panel.set_target("rectification", d.row.id)
            panel.set_read_only(d.locked)

    def _show_sign_state(self, d: fsvc.RectDetail) -> None:
        from inspector.services import records

        st = records.sign_state(self.ctx.store, kind="rectification", record_id=d.row.id)
        # An issued notice is no draft: its banner says where its workflow stands.
        status = QCoreApplication.translate("Choices", RECTIFICATION_STATUS_LABELS.get(d.row.status, d.row.status))
        self.notice_signing.set_record(d.row.id, record_no=d.row.notice_no, locked=st.locked,
                                       signer=st.signer_name, locked_at=st.locked_at,
                                       state=self.tr("{title}{status} · 尚未签署（签署后内容锁定，回复和复查照常进行）")
                                       .format(title=QCoreApplication.translate("Choices", d.row.title), status=status))
        if d.replies:
            reply = d.replies[-1]
            rs = records.sign_state(self.ctx.store, kind="reply", record_id=reply.id)
            state = (self.tr("整改回复单已复查（{verdict}）· 可以签署").format(
                verdict=QCoreApplication.translate("Choices", reply.verdict)) if reply.verdict
                else self.tr("整改回复单已收到 · 待复查，复查后签署"))
            self.reply_signing.set_record(reply.id, record_no=getattr(reply, "reply_no", "") or d.row.notice_no,
                                          locked=rs.locked, signer=rs.signer_name, locked_at=rs.locked_at,
                                          state=state)
        else:
            self.reply_signing.set_record(None)
        self.reply_signing.setVisible(bool(d.replies))

    def _after(self, result: Any) -> None:
        changes = result[1] if isinstance(result, tuple) else result
        self.ctx.bus.announce(changes)
        self.reload()
        self.changed.emit()

    def _run(self, fn: Any) -> None:
        run_op(lambda _p: fn(), on_success=self._after, on_failure=lambda e: show_exception(self, e),
               write=True, parent=self)

    @Slot()
    def record_reply(self) -> None:
        store, rid = self.ctx.store, self.rectification_id
        v = dict(replied_on=pydate(self.replied_on.date()), measures=self.measures.toPlainText(),
                 result=self.result.text(), responsible_person=self.person.text(),
                 supervisor_opinion=self.opinion.text())
        self._run(lambda: fsvc.record_reply(store, rectification_id=rid, **v))

    @Slot()
    def reinspect(self) -> None:
        store, rid = self.ctx.store, self.rectification_id
        v = dict(verdict=self.verdict.currentData(), reinspected_on=pydate(self.reinspected_on.date()),
                 note=self.verdict_note.text())
        if v["verdict"] == fsvc.VERDICT_CLOSE:
            # 销项 needs evidence; without it the inspector may still close, with a reason that is
            # kept in the 复查 说明 and printed on the 复查记录.
            missing = fsvc.closing_problems(store, rectification_id=rid)
            if missing:
                dlg = CloseOverrideDialog(missing, self)
                self.override_dialog = dlg  # reachable while open (tests)
                if dlg.exec() != QDialog.DialogCode.Accepted:
                    return
                v["override_reason"] = dlg.reason()
        self._run(lambda: fsvc.reinspect(store, rectification_id=rid, **v))

    @Slot()
    def escalate(self) -> None:
        reason, ok = QInputDialog.getText(self, self.tr("升级"), self.tr("升级理由："))
        if ok:
            store, rid = self.ctx.store, self.rectification_id
            self._run(lambda: fsvc.escalate(store, rectification_id=rid, reason=reason))

    @Slot()
    def reissue(self) -> None:
        days, ok = QInputDialog.getInt(self, self.tr("重新下发"), self.tr("新的整改期限（天）："), 3, 0, 90)
        if ok:
            store, rid = self.ctx.store, self.rectification_id
            deadline = china_today() + dt.timedelta(days=days)
            self._run(lambda: fsvc.reissue_notice(store, rectification_id=rid, deadline=deadline))
