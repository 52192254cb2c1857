"""The inspection editor: header, checklist form, photos, findings, and completion.

Answers and header fields save as they are typed: edits collect in a pending set and are written
by a debounced background op (`run_op(write=True)`), flushed at once when the form loses focus,
when the editor is hidden or closed, and before completion; `flush(wait=True)` blocks until the
write pool is idle, so closing the app loses nothing."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, QTimer, QTimeZone, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.clock import CHINA_TZ
from inspector.domain.vocab import INSPECTION_STATUS_LABELS, InspectionKind
from inspector.services import inspections as svc
from inspector.services.changes import Changes
from inspector.ui.context import AppContext
from inspector.ui.messages import show_exception
from inspector.ui.ops import run_op, write_pool
from inspector.ui.shortcuts import add_action
from inspector.ui.texts import translate_sentence
from inspector.ui.widgets.checklist_form import ChecklistForm
from inspector.ui.widgets.photo_panel import PhotoPanel

log = logging.getLogger(__name__)

SAVE_DELAY_MS = 600
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 21
WEATHER = ("", "晴", "多云", "阴", "小雨", "雨", "雪", "大风", "沙尘")  # stored in Chinese, shown translated


def photo_panel(ctx: AppContext, parent: QWidget) -> PhotoPanel:
    return PhotoPanel(ctx, parent)


# Times are stored in UTC and shown in China time, whatever zone the laptop is set to, so the
# editor agrees with the list, the CLI and the printed record (inspector.domain.clock).
CHINA_QTZ = QTimeZone(int(CHINA_TZ.utcoffset(None).total_seconds()))


def _local(value: dt.datetime | None) -> QDateTime:
    """A stored (UTC) time as China wall-clock time for the editor; now when unset."""
    if value is None:
        value = dt.datetime.now(dt.UTC)
    elif value.tzinfo is None:  # the store hands back UTC
        value = value.replace(tzinfo=dt.UTC)
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp()), CHINA_QTZ)


def _utc(value: QDateTime) -> dt.datetime:
    return dt.datetime.fromtimestamp(value.toSecsSinceEpoch(), dt.UTC)


class InspectionEditor(QWidget):
    """Edits one inspection. `saved` fires after each background write that succeeded."""

    saved = Signal()
    completed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.inspection_id = ""
        self.detail: svc.InspectionDetail | None = None
        self._pending: dict[tuple[str, str], svc.AnswerInput] = {}
        self._header_dirty = False
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._build()
        ctx.bus.changed.connect(self._on_bus_changed)
        app = QCoreApplication.instance()
        if app is not None:
            # Child widgets get no closeEvent when the main window closes: save on quit instead.
            app.aboutToQuit.connect(self._on_app_about_to_quit)

    # ---- layout ----
    def _build(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("inspectionTitle")
        self.status = QLabel()
        self.status.setObjectName("inspectionStatus")
        self.complete_btn = QPushButton(self.tr("完成检查"))
        self.complete_btn.setObjectName("completeButton")
        self.complete_btn.setToolTip(self.tr("检查必填项、不适用说明和必附照片后完成（Ctrl+Enter）"))
        self.reopen_btn = QPushButton(self.tr("重新打开"))
        self.reopen_btn.setObjectName("reopenButton")
        self.complete_btn.clicked.connect(self.complete)
        self.reopen_btn.clicked.connect(self.reopen)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.status)
        top.addWidget(self.reopen_btn)
        top.addWidget(self.complete_btn)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_header(), self.tr("基本情况"))
        self.tabs.addTab(self._build_form(), self.tr("检查表"))
        self.inspection_photos = photo_panel(self.ctx, self)
        self.tabs.addTab(self.inspection_photos, self.tr("现场照片"))
        from inspector.ui.views.inspection_findings import FindingsPanel

        self.findings = FindingsPanel(self.ctx, self)
        self.tabs.addTab(self.findings, self.tr("问题与整改"))
        from inspector.ui.views.inspection_companions import CompanionsPanel

        self.companions = CompanionsPanel(self.ctx, self)
        self.tabs.addTab(self.companions, self.tr("陪同人员签字"))
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.tabs.setCurrentIndex(1)

        from inspector.ui.widgets.signing_bar import SigningBar

        # Not parented for shortcuts: Ctrl+S here means "save answers now", not "save PDF".
        self.signing = SigningBar(self.ctx, "inspection")
        self.signing.signed.connect(self.reload)
        self.signing.correction_created.connect(self._on_correction_created)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.signing)
        layout.addWidget(self.tabs, 1)
        add_action(self, self.tr("完成检查"), ["Ctrl+Return"], self.complete)
        add_action(self, self.tr("立即保存（平时自动保存）"), [QKeySequence.StandardKey.Save], self.flush)

    def _build_header(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        self.kind = QComboBox()
        for k in InspectionKind:  # shown translated, stored as the Chinese value (item data)
            self.kind.addItem(QCoreApplication.translate("Choices", k.value), k.value)
        self.started = QDateTimeEdit()
        self.started.setTimeZone(CHINA_QTZ)
        self.started.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.started.setCalendarPopup(True)
        self.inspector_name = QLineEdit()
        self.co_inspector = QLineEdit()
        self.inspector_badge = QLineEdit()  # 执法证号, printed beside each name
        self.co_inspector_badge = QLineEdit()
        self.weather = QComboBox()
        self.weather.setEditable(True)
        for word in WEATHER:  # editable: a typed text is stored as typed
            self.weather.addItem(QCoreApplication.translate("Choices", word), word)
        self.temperature = QDoubleSpinBox()
        self.temperature.setRange(-51, 50)
        self.temperature.setSpecialValueText(self.tr("未填"))
        self.temperature.setValue(-51)
        self.temperature.setSuffix(" ℃")
        self.wind = QSpinBox()
        self.wind.setRange(-1, 17)
        self.wind.setSpecialValueText(self.tr("未填"))
        self.wind.setValue(-1)
        self.wind.setSuffix(self.tr(" 级"))
        self.progress_note = QPlainTextEdit()
        self.progress_note.setMaximumHeight(70)
        self.attendance = QListWidget()
        self.attendance.setObjectName("attendance")
        self.attendance.setMaximumHeight(120)
        self.summary = QPlainTextEdit()
        self.summary.setMaximumHeight(90)
        form.addRow(self.tr("检查类型"), self.kind)
        form.addRow(self.tr("检查时间"), self.started)
        form.addRow(self.tr("检查人员"), self.inspector_name)
        form.addRow(self.tr("执法证号"), self.inspector_badge)
        form.addRow(self.tr("协同检查人员"), self.co_inspector)
        form.addRow(self.tr("协同检查人员执法证号"), self.co_inspector_badge)
        form.addRow(self.tr("天气"), self.weather)
        form.addRow(self.tr("气温"), self.temperature)
        form.addRow(self.tr("风力"), self.wind)
        form.addRow(self.tr("形象进度"), self.progress_note)
        form.addRow(self.tr("关键人员到岗"), self.attendance)
        form.addRow(self.tr("检查小结"), self.summary)
        for sig in (self.kind.currentIndexChanged, self.started.dateTimeChanged, self.inspector_name.textEdited,
                    self.co_inspector.textEdited, self.inspector_badge.textEdited, self.co_inspector_badge.textEdited,
                    self.weather.currentTextChanged, self.temperature.valueChanged,
                    self.wind.valueChanged, self.progress_note.textChanged, self.summary.textChanged,
                    self.attendance.itemChanged):
            sig.connect(self._on_header_edited)
        return w

    def _build_form(self) -> QWidget:
        self.form = ChecklistForm(self)
        self.form.answer_edited.connect(self._on_form_answer_edited)
        self.form.focus_left.connect(self.flush)
        self.form.current_item_changed.connect(self._on_form_current_item_changed)
        self.problems = QListWidget()
        self.problems.setObjectName("missingItems")
        # Each reason wraps inside the panel: no sideways scrolling to read why an item is missing.
        self.problems.setWordWrap(True)
        self.problems.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.problems.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problems.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.problems.setUniformItemSizes(False)
        self.problems.itemActivated.connect(self._on_problem_activated)
        self.problems.itemClicked.connect(self._on_problem_activated)
        self.problems_label = QLabel(self.tr("待补项目"))
        self.item_photos = photo_panel(self.ctx, self)
        self.item_label = QLabel(self.tr("当前检查项照片"))
        side = QWidget()
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(self.problems_label)
        sl.addWidget(self.problems, 1)
        sl.addWidget(self.item_label)
        sl.addWidget(self.item_photos, 2)
        split = QSplitter()
        split.addWidget(self.form)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        self._connect_photo_panel(self.item_photos)
        self._connect_photo_panel(self.inspection_photos if hasattr(self, "inspection_photos") else None)
        return split

    def _connect_photo_panel(self, panel: QWidget | None) -> None:
        signal = getattr(panel, "photos_changed", None)
        if signal is not None:
            signal.connect(self._on_photos_changed)

    # ---- loading ----
    def load(self, inspection_id: str) -> None:
        if inspection_id != self.inspection_id:
            self.flush(wait=True)
        self.inspection_id = inspection_id
        self.reload()

    def reload(self) -> None:
        if not self.inspection_id:
            return
        d = svc.get_inspection(self.ctx.store, self.inspection_id)
        self.detail = d
        self._loading = True
        try:
            self.title.setText(self.tr("{no}  {project}").format(no=d.record_no, project=d.project_name))
            label = QCoreApplication.translate("Choices", INSPECTION_STATUS_LABELS.get(d.status, d.status))
            if d.locked:
                label = self.tr("已签署锁定，只读")
            elif d.status == "completed":
                label = self.tr("已完成（只读，可重新打开）")
            self.status.setText(label)
            self._fill_header(d)
            values = {k: (a.value, a.note) for k, a in d.answers.items()}
            values.update({k: (p.value, p.note) for k, p in self._pending.items()})
            self.form.load([(c.version_id, svc.checklist_of(c)) for c in d.checklists], values, d.item_photos,
                           read_only=not d.editable,
                           verdicts={k: (a.value, a.failed) for k, a in d.answers.items()})
            self._set_editable(d.editable)
            self.complete_btn.setEnabled(d.editable)
            self.reopen_btn.setVisible(d.status == "completed" and not d.locked)
            inspection_panel = self.inspection_photos
            inspection_panel.set_target("inspection", d.id)
            inspection_panel.set_read_only(d.locked)
            self._on_form_current_item_changed(*self.form.current_key())
            self.findings.set_inspection(d)
            self.companions.set_inspection(d)
            self._show_sign_state(d)
        finally:
            self._loading = False
        self.refresh_problems()

    def refresh_problems(self) -> None:
        """待补项目 as it stands now (after each save): what still keeps the inspection from being
        completed. Read off the GUI thread; a later answer's refresh supersedes this one."""
        d = self.detail
        if d is None or not d.editable:
            self.show_problems([])
            return
        store, iid = self.ctx.store, d.id
        self._problems_ticket = getattr(self, "_problems_ticket", 0) + 1
        ticket = self._problems_ticket

        def shown(problems: list[svc.Problem]) -> None:
            if ticket == self._problems_ticket and iid == self.inspection_id:
                self.show_problems(problems)

        run_op(lambda _p: svc.completion_problems(store, inspection_id=iid), on_success=shown,
               on_failure=lambda exc: log.info("待补项目 not refreshed: %s", exc), parent=self)

    def _show_sign_state(self, d: svc.InspectionDetail) -> None:
        from inspector.services import records

        state = records.sign_state(self.ctx.store, kind="inspection", record_id=d.id)
        banner = "" if d.status == "draft" else \
            self.tr("监督检查记录已完成 · 只读，可以签署；如需修改请先“重新打开”")
        self.signing.set_record(d.id, record_no=d.record_no, locked=state.locked, signer=state.signer_name,
                                locked_at=state.locked_at, state=banner)

    def _on_correction_created(self, new_id: str) -> None:
        self.ctx.bus.announce(Changes.of("inspections", ids=[new_id]))
        self.load(new_id)

    def _fill_header(self, d: svc.InspectionDetail) -> None:
        h = d.header
        self.kind.setCurrentIndex(max(self.kind.findData(h["kind"]), 0))
        self.started.setDateTime(_local(h["started_at"]))
        self.inspector_name.setText(h["inspector_name"] or "")
        self.co_inspector.setText(h["co_inspector_name"] or "")
        self.inspector_badge.setText(h.get("inspector_badge") or "")
        self.co_inspector_badge.setText(h.get("co_inspector_badge") or "")
        i = self.weather.findData(h["weather"] or "")
        if i >= 0:
            self.weather.setCurrentIndex(i)
        else:
            self.weather.setCurrentText(h["weather"] or "")
        self.temperature.setValue(h["temperature_c"] if h["temperature_c"] is not None else -51)
        self.wind.setValue(h["wind_level"] if h["wind_level"] is not None else -1)
        if self.progress_note.toPlainText() != (h["progress_note"] or ""):
            self.progress_note.setPlainText(h["progress_note"] or "")
        if self.summary.toPlainText() != (h["summary"] or ""):
            self.summary.setPlainText(h["summary"] or "")
        self.attendance.clear()
        present = h["attendance"] or {}
        for p in d.persons:
            role = QCoreApplication.translate("Choices", p["role"])
            it = QListWidgetItem(self.tr("{role}  {name}（{party}）").format(role=role, name=p["name"], party=p["party"]))
            it.setData(Qt.ItemDataRole.UserRole, p["id"])
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Checked if present.get(p["id"]) else Qt.CheckState.Unchecked)
            self.attendance.addItem(it)

    def _set_editable(self, editable: bool) -> None:
        for w in (self.kind, self.started, self.inspector_name, self.co_inspector, self.inspector_badge,
                  self.co_inspector_badge, self.weather, self.temperature, self.wind, self.attendance):
            w.setEnabled(editable)
        self.progress_note.setReadOnly(not editable)
        self.summary.setReadOnly(not editable)

    def _weather(self) -> str:
        # A picked item stores its Chinese value; a typed text (or an item's text typed again) as is.
        text = self.weather.currentText().strip()
        i = self.weather.findText(text)
        return self.weather.itemData(i) if i >= 0 else text

    def header_values(self) -> dict[str, Any]:
        return {
            "kind": self.kind.currentData(),
            "started_at": _utc(self.started.dateTime()),
            "inspector_name": self.inspector_name.text().strip(),
            "co_inspector_name": self.co_inspector.text().strip(),
            "inspector_badge": self.inspector_badge.text().strip(),
            "co_inspector_badge": self.co_inspector_badge.text().strip(),
            "weather": self._weather(),
            "temperature_c": None if self.temperature.value() < -50 else self.temperature.value(),
            "wind_level": None if self.wind.value() < 0 else self.wind.value(),
            "progress_note": self.progress_note.toPlainText(),
            "summary": self.summary.toPlainText(),
            "attendance": {self.attendance.item(i).data(Qt.ItemDataRole.UserRole):
                           self.attendance.item(i).checkState() == Qt.CheckState.Checked
                           for i in range(self.attendance.count())},
        }

    # ---- autosave ----
    @Slot(str, str, object, str)
    def _on_form_answer_edited(self, version_id: str, item_id: str, value: object, note: str) -> None:
        self._pending[(version_id, item_id)] = svc.AnswerInput(version_id, item_id, value, note)  # type: ignore[arg-type]
        self._timer.start()

    def _on_header_edited(self, *_args: object) -> None:
        if self._loading or self.detail is None or not self.detail.editable:
            return
        self._header_dirty = True
        self._timer.start()

    def has_pending(self) -> bool:
        return bool(self._pending) or self._header_dirty

    @Slot()
    def flush(self, wait: bool = False) -> None:
        """Write what is pending now (in the background); with wait=True, block until written."""
        self._timer.stop()
        if self.inspection_id and (self._pending or self._header_dirty):
            self.form.commit_editor()
            answers = list(self._pending.values())
            header = self.header_values() if self._header_dirty else None
            self._pending.clear()
            self._header_dirty = False
            store, iid = self.ctx.store, self.inspection_id

            def work(_progress: object) -> Any:
                changes = None
                if header is not None:
                    changes = svc.update_header(store, inspection_id=iid, values=header)
                if answers:
                    _snaps, c = svc.save_answers(store, inspection_id=iid, answers=answers)
                    changes = c if changes is None else changes | c
                return changes

            run_op(work, on_success=self._on_saved, on_failure=self._on_save_failed, write=True, parent=self)
        if wait:
            write_pool().waitForDone(30000)

    def _on_saved(self, changes: Any) -> None:
        self.saved.emit()
        if changes is not None:
            self.ctx.bus.announce(changes)
        if not self.has_pending():
            self.refresh_problems()

    def _on_save_failed(self, exc: BaseException) -> None:
        show_exception(self, exc)
        self.reload()  # show what is really stored

    # ---- completion ----
    @Slot()
    def complete(self) -> None:
        if self.detail is None or not self.detail.editable:
            return
        self.flush()
        store, iid = self.ctx.store, self.inspection_id
        run_op(lambda _p: svc.complete_inspection(store, inspection_id=iid), on_success=self._on_completed,
               on_failure=self._on_complete_failed, write=True, parent=self)

    def _on_completed(self, changes: Any) -> None:
        self.show_problems([])
        self.ctx.bus.announce(changes)
        self.reload()
        self.completed.emit(self.inspection_id)

    def _on_complete_failed(self, exc: BaseException) -> None:
        if isinstance(exc, svc.IncompleteInspection):
            self.show_problems(exc.problems)
            self.tabs.setCurrentIndex(1)
            self.problems.setFocus()
            if self.problems.count():
                self.problems.setCurrentRow(0)
            return
        show_exception(self, exc)

    def _problem_text(self, p: svc.Problem) -> str:
        """The service's "{id} {item text}：{reason}" in the interface language."""
        from inspector.ui.i18n import ui_language
        from inspector.ui.models.checklist import ITEM_ROLE, item_text

        item = self.form.model.index_of(p.checklist_version_id, p.item_id).data(ITEM_ROLE)
        lang = ui_language()
        if item is None or lang == "zh":
            return p.message
        prefix = f"{item.id} {item.text_zh}："
        reason = p.message[len(prefix):] if p.message.startswith(prefix) else p.message
        return self.tr("{id} {text}：{reason}").format(id=item.id, text=item_text(item, lang),
                                                       reason=translate_sentence(reason))

    def show_problems(self, problems: list[svc.Problem]) -> None:
        self.problems.clear()
        for p in problems:
            it = QListWidgetItem(self._problem_text(p))
            it.setData(PROBLEM_ROLE, (p.checklist_version_id, p.item_id))
            self.problems.addItem(it)
        if problems:
            self.problems_label.setText(self.tr("待补项目（{n}）：点击一项即可跳到该检查项").format(n=len(problems)))
        elif self.detail is not None and self.detail.editable:
            self.problems_label.setText(self.tr("待补项目：无，可以完成检查（Ctrl+Enter）"))
        else:
            self.problems_label.setText(self.tr("待补项目"))

    @Slot(QListWidgetItem)
    def _on_problem_activated(self, item: QListWidgetItem) -> None:
        key = item.data(PROBLEM_ROLE)
        if key:
            self.tabs.setCurrentIndex(1)
            self.form.select_item(*key)

    @Slot()
    def reopen(self) -> None:
        store, iid = self.ctx.store, self.inspection_id
        run_op(lambda _p: svc.reopen_inspection(store, inspection_id=iid),
               on_success=lambda c: (self.ctx.bus.announce(c), self.reload()), write=True, parent=self)

    @Slot(int)
    def _on_tabs_current_changed(self, _index: int) -> None:
        # The findings tab says which failed items still wait for a finding: from the answers as
        # saved now, not as they were when the inspection was opened.
        if self.tabs.currentWidget() is self.findings and self.inspection_id:
            self.flush(wait=True)
            self.detail = svc.get_inspection(self.ctx.store, self.inspection_id)
            self.findings.set_inspection(self.detail)

    # ---- photos ----
    @Slot(str, str)
    def _on_form_current_item_changed(self, version_id: str, item_id: str) -> None:
        panel = self.item_photos
        self.item_label.setText(self.tr("检查项 {id} 的照片").format(id=item_id) if item_id
                                else self.tr("当前检查项照片"))
        if self.detail is not None:
            panel.set_target("answer", self.detail.id, item_id)
            panel.set_read_only(self.detail.locked or not item_id)

    def _on_photos_changed(self, *_args: object) -> None:
        if self.inspection_id:
            d = svc.get_inspection(self.ctx.store, self.inspection_id)
            self.form.set_photos(d.item_photos)
            self.refresh_problems()  # a required photo may just have arrived

    def _on_bus_changed(self, changes: Any) -> None:
        if not self.inspection_id or self.has_pending():
            return
        if changes.touches("photo_links"):
            self._on_photos_changed()
        if changes.touches("findings", "rectifications") and self.detail is not None:
            self.findings.set_inspection(self.detail)

    @Slot()
    def _on_app_about_to_quit(self) -> None:
        self.flush(wait=True)

    def hideEvent(self, event: Any) -> None:  # noqa: N802
        self.flush()
        super().hideEvent(event)

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.flush(wait=True)
        super().closeEvent(event)

