"""案件线索移送函: the findings the station refers to the authority that can punish them (住建执法,
市场监管, 人社, 园林绿化), the receiving office, the facts and the evidence sent with it, and signing.
Opened from an inspection's 问题与整改 tab. Esc closes it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector.services import referrals as svc
from inspector.ui.context import AppContext
from inspector.ui.messages import show_exception
from inspector.ui.ops import run_op


class ReferralDialog(QDialog):
    """The referrals of one inspection, one at a time (picked in the combo)."""

    changed = Signal()

    def __init__(self, ctx: AppContext, inspection_id: str, referral_id: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.inspection_id = inspection_id
        self.rows: list[svc.ReferralRow] = []
        self.setWindowTitle(svc.LABEL)
        self.resize(820, 620)
        self.pick = QComboBox()
        self.pick.setObjectName("referralPick")
        self.pick.currentIndexChanged.connect(self._on_pick_current_index_changed)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.findings = QListWidget()
        self.findings.setObjectName("referralFindings")
        self.authority_name = QLineEdit()
        self.authority_name.setObjectName("referralAuthority")
        self.facts = QPlainTextEdit()
        self.facts.setObjectName("referralFacts")
        self.facts.setMaximumHeight(110)
        self.evidence = QPlainTextEdit()
        self.evidence.setMaximumHeight(70)
        self.save_btn = QPushButton(self.tr("保存"))
        self.save_btn.setObjectName("saveReferral")
        self.save_btn.clicked.connect(self.save)
        self.error = QLabel()
        self.error.setStyleSheet("color:#c62828;")
        self.error.setWordWrap(True)
        from inspector.ui.widgets.signing_bar import SigningBar

        self.signing = SigningBar(ctx, "referral", self)
        self.signing.signed.connect(self.reload)
        self.signing.correction_created.connect(lambda _id: self.reload())
        form = QFormLayout()
        form.addRow(self.tr("接收移送的部门"), self.authority_name)
        form.addRow(self.tr("其他违法事实"), self.facts)
        form.addRow(self.tr("随函移送的证据材料"), self.evidence)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_btn)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pick)
        layout.addWidget(self.signing)
        layout.addWidget(self.header)
        layout.addWidget(QLabel(self.tr("移送的问题")))
        layout.addWidget(self.findings, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.reload(referral_id)

    def current(self) -> svc.ReferralRow | None:
        i = self.pick.currentIndex()
        return self.rows[i] if 0 <= i < len(self.rows) else None

    def reload(self, select: str = "") -> None:
        keep = select or (self.current().id if self.current() else "")
        self.rows = svc.list_referrals(self.ctx.store, inspection_id=self.inspection_id)
        self.pick.blockSignals(True)
        self.pick.clear()
        for r in self.rows:
            self.pick.addItem(f"{r.referral_no}　{r.authority_name}", r.id)
        index = max(self.pick.findData(keep), 0) if keep else 0
        self.pick.setCurrentIndex(index if self.rows else -1)
        self.pick.blockSignals(False)
        self._show(self.current())

    @Slot(int)
    def _on_pick_current_index_changed(self, _index: int) -> None:
        self._show(self.current())

    def _show(self, r: svc.ReferralRow | None) -> None:
        self.error.clear()
        self.findings.clear()
        if r is None:
            self.header.setText(self.tr("本次检查没有移送的问题。"))
            self.signing.set_record(None)
            for w in (self.authority_name, self.facts, self.evidence, self.save_btn):
                w.setEnabled(False)
            return
        self.header.setText(self.tr("{label} {no}　移送：{who}　日期：{day}").format(
            label=svc.LABEL, no=r.referral_no, who=r.authority, day=r.issued_on.isoformat()))
        self.findings.addItems(list(r.findings))
        self.authority_name.setText(r.authority_name)
        self.facts.setPlainText(r.facts)
        self.evidence.setPlainText(r.evidence)
        self.signing.set_record(r.id, record_no=r.referral_no, locked=r.locked, signer=r.signer_name,
                                locked_at=r.locked_at)
        for w in (self.authority_name, self.save_btn):
            w.setEnabled(not r.locked)
        for w in (self.facts, self.evidence):
            w.setEnabled(True)
            w.setReadOnly(r.locked)

    @Slot()
    def save(self) -> None:
        r = self.current()
        if r is None or r.locked:
            return
        values = {"authority_name": self.authority_name.text(), "facts": self.facts.toPlainText(),
                  "evidence": self.evidence.toPlainText()}
        store = self.ctx.store

        def done(changes: Any) -> None:
            self.ctx.bus.announce(changes)
            self.changed.emit()
            self.reload(r.id)

        run_op(lambda _p: svc.update_referral(store, referral_id=r.id, values=values), on_success=done,
               on_failure=lambda e: (self.error.setText(str(e)), show_exception(self, e)), write=True, parent=self)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)
