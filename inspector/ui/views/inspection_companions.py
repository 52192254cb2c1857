"""The 施工/监理 representatives who accompanied an inspection and sign its record beside the
监督人员 (reference §3.3 (11)): the attendee table and signature pad, for record kind "inspection"."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from inspector.services import signatures
from inspector.ui.context import AppContext
from inspector.ui.views.acceptance_attendees import AttendeesPanel


class CompanionsPanel(QWidget):
    """Shows and edits the companions of one inspection; read-only once the record is signed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.inspection_id = ""
        self.locked = False
        self.attendees = AttendeesPanel(ctx, "inspection", self)
        self.attendees.table.setObjectName("inspection_companions")
        self.attendees.changed.connect(self.refresh)
        hint = QLabel(self.tr("受检单位陪同检查的施工、监理人员在此签字，与监督人员一起签署检查记录。"))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.attendees, 1)
        ctx.bus.changed.connect(self._on_bus_changed)

    def set_inspection(self, detail: Any) -> None:
        self.inspection_id = detail.id
        self.locked = bool(detail.locked)
        self.refresh()

    def refresh(self) -> None:
        if not self.inspection_id:
            return
        rows = signatures.list_signatories(self.ctx.store, record_kind="inspection", record_id=self.inspection_id)
        self.attendees.set_rows(self.inspection_id, rows)
        self.attendees.set_read_only(self.locked)

    def _on_bus_changed(self, changes: Any) -> None:
        if self.inspection_id and changes.touches("signatories") and self.inspection_id in changes.ids:
            self.refresh()
