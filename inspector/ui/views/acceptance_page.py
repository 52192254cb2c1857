"""One joint acceptance record: lock banner and actions, precondition panel (blockers open their
record on double-click; override with reason), record fields, 核查 rows, attendees and signatures,
photos. Every edit is saved at once; a signed record shows everything disabled."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.rules.acceptance import (
    COUNT_ROWS,
    FUNCTIONAL_RESULTS,
    FUNCTIONAL_TESTS,
    REQUIRED_ROLES,
    Blocker,
)
from inspector.domain.rules.fields import Field
from inspector.domain.vocab import AcceptanceConclusion
from inspector.services import acceptance as svc
from inspector.services.errors import ValidationError
from inspector.ui.context import AppContext
from inspector.ui.models.table import Column, FilterProxy, RowTableModel
from inspector.ui.ops import run_op
from inspector.ui.views.acceptance_attendees import AttendeesPanel
from inspector.ui.widgets.field_form import FieldForm
from inspector.ui.widgets.photo_panel import PhotoPanel
from inspector.ui.widgets.signing_bar import SigningBar
from inspector.ui.widgets.table_fit import fit_columns


def _blocker_text(b: Blocker) -> str:
    return blocker_sentence(b)


# A plain sentence for the inspector; the rule's code is in the tooltip, for the office.
BLOCKER_COLUMNS = [Column("未满足的前置条件（双击打开相关记录）", _blocker_text, stretch=True,
                          tooltip=lambda b: QCoreApplication.translate("AcceptancePage", "依据：{code}").format(
                              code=b.code))]


def blocker_sentence(b: Blocker) -> str:
    """The blocker as shown: its sentence (translated where the interface is not Chinese)."""
    from inspector.ui.texts import translate_sentence

    return translate_sentence(b.text)


def roles_line(signed_roles: set[str]) -> str:
    """必须到场并签字的验收方, each marked ✓ once one of its people has signed."""
    parts = []
    for alts in REQUIRED_ROLES:
        names = QCoreApplication.translate("AcceptancePage", "或").join(
            QCoreApplication.translate("Choices", r) for r in alts)
        parts.append(("✓ " if signed_roles.intersection(alts) else "○ ") + names)
    return QCoreApplication.translate("AcceptancePage", "必须签字的验收方：") + "   ".join(parts)

FIELDS = (
    Field("held_on", "验收日期", "date", required=True),
    Field("location", "验收地点", "text"),
    Field("organiser", "组织单位", "text"),
    Field("conclusion", "综合验收结论", "choice", choices=tuple(c.value for c in AcceptanceConclusion)),
    Field("problems", "存在问题及整改要求", "longtext"),
    Field("resident_opinion", "居民(业主)意见", "longtext"),
    Field("station_opinion", "监督意见", "longtext"),
    Field("supervisors", "监督人员（姓名 执法证号，多人用顿号分隔）", "text"),
)


def make_blocker_table(parent: QWidget) -> tuple[QTableView, RowTableModel]:
    model: RowTableModel = RowTableModel(BLOCKER_COLUMNS, parent)
    proxy = FilterProxy(parent)
    proxy.setSourceModel(model)
    table = QTableView(parent)
    table.setObjectName("blockers")
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    fit_columns(table)
    # A blocker is a sentence: it wraps, every row as tall as its text.
    table.setWordWrap(True)
    table.setTextElideMode(Qt.TextElideMode.ElideNone)
    rows = QTimer(table, singleShot=True, interval=0)
    rows.timeout.connect(table.resizeRowsToContents)
    model.modelReset.connect(rows.start)
    table.horizontalHeader().sectionResized.connect(lambda *_a: rows.start())
    return table, model


def blocker_at(table: QTableView, index) -> Blocker | None:  # type: ignore[no-untyped-def]
    if not index.isValid():
        return None
    proxy = table.model()
    return proxy.sourceModel().row_at(proxy.mapToSource(index).row())


class AcceptancePage(QWidget):
    open_requested = Signal(str, str)  # kind, id: a blocker's record
    opened = Signal(str)  # a record (e.g. a new correction) to show instead

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.acceptance_id: str | None = None
        self.detail: svc.AcceptanceDetail | None = None
        self.loading = False
        self.signing = SigningBar(ctx, "acceptance", self)
        self.signing.correction_created.connect(self.opened)
        self.title = QLabel()
        self.title.setObjectName("acceptance_title")

        # preconditions
        self.blockers, self.blocker_model = make_blocker_table(self)
        self.blockers.setMaximumHeight(150)
        self.blockers.doubleClicked.connect(self._on_blockers_double_clicked)
        self.pre_summary = QLabel()
        self.pre_summary.setWordWrap(True)
        self.recheck_btn = QPushButton(self.tr("重新检查"))
        self.override_btn = QPushButton(self.tr("记录越过理由…"))
        self.recheck_btn.clicked.connect(self.recheck)
        self.override_btn.clicked.connect(self.record_override)
        pre = QGroupBox(self.tr("前置条件"))
        pv = QVBoxLayout(pre)
        pv.addWidget(self.pre_summary)
        pv.addWidget(self.blockers)
        prow = QHBoxLayout()
        prow.addWidget(self.recheck_btn)
        prow.addWidget(self.override_btn)
        prow.addStretch(1)
        pv.addLayout(prow)

        # fields and 核查 rows
        self.form = FieldForm(FIELDS, columns=1)
        self.form.edited.connect(self._on_form_edited)
        self.counts: dict[tuple[str, str], QSpinBox] = {}
        self.functional: dict[str, QComboBox] = {}
        self.functional_labels: dict[str, QLabel] = {}
        checks = QGroupBox(self.tr("核查情况"))
        grid = QGridLayout(checks)
        # Each row's name on a line of its own, its counts below: the form stays as narrow as the
        # page (in English too) instead of widening the window.
        for r, (key, label, fields) in enumerate(COUNT_ROWS):
            grid.addWidget(QLabel("<b>" + QCoreApplication.translate("Acceptance", label) + "</b>"), 2 * r, 0, 1, 5)
            for c, (field, flabel) in enumerate(fields):
                flabel = QCoreApplication.translate("Acceptance", flabel)
                spin = QSpinBox()
                spin.setObjectName(f"{key}.{field}")
                spin.setRange(-1, 100000)
                spin.setSpecialValueText("—")  # -1 shows as blank: not counted yet
                spin.editingFinished.connect(lambda k=key, f=field, s=spin: self._on_count_edited(k, f, s))
                self.counts[(key, field)] = spin
                # The count's name above its box, wrapping: long English names keep the form narrow.
                name = QLabel(flabel)
                name.setWordWrap(True)
                name.setBuddy(spin)
                cell = QVBoxLayout()
                cell.setSpacing(1)
                cell.addWidget(name)
                cell.addWidget(spin)
                grid.addLayout(cell, 2 * r + 1, c)
        func = QFormLayout()
        for test in FUNCTIONAL_TESTS:
            combo = QComboBox()
            combo.setObjectName(f"functional.{test}")
            combo.addItems([QCoreApplication.translate("Acceptance", x or "未做") for x in FUNCTIONAL_RESULTS])
            combo.activated.connect(lambda _i, t=test, cb=combo: self._save_check("functional", t,
                                                                                    FUNCTIONAL_RESULTS[cb.currentIndex()]))
            self.functional[test] = combo
            label = QLabel(QCoreApplication.translate("Acceptance", test))
            self.functional_labels[test] = label
            func.addRow(label, combo)
        functional = self.tr("功能性试验")
        grid.addWidget(QLabel(f"<b>{functional}</b>"), 2 * len(COUNT_ROWS), 0, 1, 5)
        grid.addLayout(func, 2 * len(COUNT_ROWS) + 1, 0, 1, 5)

        self.error = QLabel()
        self.error.setStyleSheet("color:#c62828;")
        self.error.setWordWrap(True)

        self.attendees = AttendeesPanel(ctx, "acceptance", self)
        people = QGroupBox(self.tr("参加验收人员、意见和签字"))
        # Which parties must sign is said from the start, not discovered when signing is refused.
        self.roles = QLabel()
        self.roles.setObjectName("required_roles")
        self.roles.setWordWrap(True)
        station = QLabel(self.tr("监督机构列席监督，不作为验收方签字。"))
        station.setWordWrap(True)
        pl = QVBoxLayout(people)
        pl.addWidget(self.roles)
        pl.addWidget(station)
        pl.addWidget(self.attendees)
        self.photos = PhotoPanel(ctx, self)

        body = QWidget()
        bv = QVBoxLayout(body)
        bv.addWidget(self.title)
        bv.addWidget(pre)
        record = QGroupBox(self.tr("验收记录"))
        QVBoxLayout(record).addWidget(self.form)
        bv.addWidget(record)
        bv.addWidget(checks)
        bv.addWidget(people)
        box = QGroupBox(self.tr("照片"))
        QVBoxLayout(box).addWidget(self.photos)
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

    # -- data ---------------------------------------------------------------------------------------

    def load(self, acceptance_id: str | None) -> None:
        self.acceptance_id = acceptance_id
        if acceptance_id is None:
            self.detail = None
            self._show(None)
            return
        self.loading = True
        store = self.ctx.store
        run_op(lambda _p: svc.get_acceptance(store, acceptance_id), on_success=self._on_loaded,
               on_failure=lambda _e: self._on_loaded(None), parent=self)

    def _on_loaded(self, detail: svc.AcceptanceDetail | None) -> None:
        self.loading = False
        if detail is not None and detail.id != self.acceptance_id:
            return  # a newer load is on its way
        self.detail = detail
        self._show(detail)

    def _show(self, d: svc.AcceptanceDetail | None) -> None:
        self.setEnabled(d is not None)
        self.error.clear()
        if d is None:
            self.title.setText(self.tr("请选择或新建竣工联合验收记录（Ctrl+N）"))
            self.signing.set_record(None)
            self.blocker_model.set_rows([])
            self.attendees.set_rows(None, [])
            self.roles.setText(roles_line(set()))
            self.photos.set_target("acceptance", "")
            return
        record = self.tr("竣工联合验收记录")
        self.title.setText(f"<b>{record} {d.row.record_no}</b>&nbsp;&nbsp;{d.project_code} {d.project_name}")

        self.signing.set_record(d.id, record_no=d.row.record_no, locked=d.locked, signer=d.row.signer_name,
                                locked_at=d.row.locked_at, amends_no=d.row.amends_no, corrected_by=d.corrected_by)
        self.blocker_model.set_rows(list(d.blockers))
        if not d.blockers:
            self.pre_summary.setText(self.tr("前置条件已满足：整改全部销项，检测报告齐全合格，无待核实的风险提示。"))
        elif d.override_reason:
            self.pre_summary.setText(self.tr("前置条件未满足（{n} 项），组织方已决定越过：{reason}（{by}）")
                                     .format(n=len(d.blockers), reason=d.override_reason, by=d.override_by))
        else:
            self.pre_summary.setText(self.tr("前置条件未满足（{n} 项）：请处理后重新检查，或记录组织方越过的理由。")
                                     .format(n=len(d.blockers)))
        self.pre_summary.setStyleSheet("" if not d.blockers else "color:#c62828;")
        self.form.set_values({"held_on": d.row.held_on, "location": d.location, "organiser": d.organiser,
                              "conclusion": d.row.conclusion, "problems": d.problems,
                              "resident_opinion": d.resident_opinion, "station_opinion": d.station_opinion,
                              "supervisors": svc.format_staff(d.supervisors)})
        self.form.clear_errors()
        for (key, field), spin in self.counts.items():
            value = (d.checks.get(key) or {}).get(field)
            spin.blockSignals(True)
            spin.setValue(-1 if value is None else int(value))
            spin.blockSignals(False)
        for test, label in self.functional_labels.items():
            # The tests this project's renovation items call for are marked; the others may stay 不涉及.
            needed = d.required_tests.get(test)
            name = QCoreApplication.translate("Acceptance", test)
            label.setText(self.tr("{test}（本项目须做）").format(test=name) if needed else name)
            label.setStyleSheet("font-weight:bold;" if needed else "")
            label.setToolTip("、".join(needed or []))
        for test, combo in self.functional.items():
            result = (d.checks.get("functional") or {}).get(test, "")
            combo.setCurrentIndex(FUNCTIONAL_RESULTS.index(result) if result in FUNCTIONAL_RESULTS else 0)
        self.attendees.set_rows(d.id, d.signatories)
        self.roles.setText(roles_line({s.role for s in d.signatories if s.signed}))
        self.photos.set_target("acceptance", d.id)
        self.set_read_only(d.locked)

    def set_read_only(self, read_only: bool) -> None:
        """A signed record: every edit control is disabled; preview, save and correction stay."""
        self.form.set_read_only(read_only)
        for w in [*self.counts.values(), *self.functional.values(), self.recheck_btn, self.override_btn]:
            w.setEnabled(not read_only)
        self.attendees.set_read_only(read_only)
        self.photos.set_read_only(read_only)

    def _on_bus_changed(self, changes) -> None:  # type: ignore[no-untyped-def]
        if self.acceptance_id and changes.touches("acceptances", "signatories", "projects") \
                and (self.acceptance_id in changes.ids or not changes.ids):
            self.load(self.acceptance_id)

    # -- edits --------------------------------------------------------------------------------------

    def _write(self, fn, *, problem_key: str = "") -> None:  # type: ignore[no-untyped-def]
        store, aid = self.ctx.store, self.acceptance_id
        if aid is None or (self.detail and self.detail.locked):
            return

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationError):
                self.form.show_errors(exc.problems)
            self.error.setText(self.tr("未保存：") + str(exc))
            self.load(aid)  # show what is stored

        run_op(lambda _p: fn(store, aid), on_success=self._on_written, on_failure=failed, write=True, parent=self)

    def _on_written(self, result: Any) -> None:
        changes = result[1] if isinstance(result, tuple) else result
        self.error.clear()
        self.ctx.bus.announce(changes)

    def _on_form_edited(self, name: str, raw: Any) -> None:
        value: Any = raw
        if name == "held_on":
            try:
                value = dt.date.fromisoformat(raw.strip()) if raw.strip() else None
            except ValueError:
                self.form.show_errors({"held_on": self.tr("日期格式应为 YYYY-MM-DD")})
                return
        elif name == "supervisors":
            value = svc.parse_staff(raw)
        self.form.clear_errors()
        self._write(lambda st, aid: svc.update_acceptance(st, acceptance_id=aid, values={name: value}))

    def _on_count_edited(self, key: str, field: str, spin: QSpinBox) -> None:
        value = None if spin.value() < 0 else spin.value()
        current = ((self.detail.checks.get(key) or {}).get(field)) if self.detail else None
        if value != current:
            self._save_check(key, field, value)

    def _save_check(self, key: str, field: str, value: Any) -> None:
        self._write(lambda st, aid: svc.set_check(st, acceptance_id=aid, row=key, field_name=field, value=value))

    def recheck(self) -> None:
        self._write(lambda st, aid: svc.recheck(st, acceptance_id=aid))

    def record_override(self) -> None:
        if self.detail is None or self.detail.locked:
            return
        reason, ok = QInputDialog.getMultiLineText(self, self.tr("越过前置条件"),
                                                   self.tr("组织方决定在前置条件未满足时继续验收的理由（将记入验收记录）："),
                                                   self.detail.override_reason)
        if ok:
            self.override_with(reason)

    def override_with(self, reason: str, by: str = "") -> None:
        self._write(lambda st, aid: svc.record_override(st, acceptance_id=aid, reason=reason, by=by))

    def _on_blockers_double_clicked(self, index) -> None:  # type: ignore[no-untyped-def]
        b = blocker_at(self.blockers, index)
        if b is not None:
            self.open_requested.emit(b.kind, b.record_id)
