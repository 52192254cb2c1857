"""新建检查: project, kind and checklists, with the checklists that fit the kind of inspection and
the project's renovation items ticked in advance."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.rules import checklist_choice as choice
from inspector.domain.vocab import InspectionKind
from inspector.services.projects import get_project
from inspector.ui.context import AppContext
from inspector.ui.widgets.project_picker import ProjectPicker

ID_ROLE = Qt.ItemDataRole.UserRole + 31


def checklist_title(checklist: Any) -> str:
    """The checklist's title in the interface language (its id and version are for the office)."""
    from inspector.ui.i18n import ui_language

    if ui_language() == "en" and getattr(checklist, "title_en", ""):
        return checklist.title_en
    return getattr(checklist, "title_zh", "") or checklist.id


def suggested_checklists(registry: Any, renovation_items: list[str], kind: str) -> set[str]:
    """The checklists made for this kind of inspection that hold an item applicable to the
    project's renovation items (domain/rules/checklist_choice)."""
    applicable = getattr(registry, "applicable_items", None)
    if applicable is None:
        return set()
    items = {cid: [i.id for i in cl.items] for cid, cl in (registry.checklists or {}).items()}
    return choice.suggested_checklists(kind, items, applicable(renovation_items))


class NewInspectionDialog(QDialog):
    def __init__(self, ctx: AppContext, project_id: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("新建检查"))
        self.resize(560, 520)
        self.picker = ProjectPicker(ctx, self)
        if project_id:
            self.picker.select(project_id)
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for k in InspectionKind:  # shown translated, the Chinese value is what is stored
            self.kind.addItem(QCoreApplication.translate("Choices", k.value), k.value)
        self.list = QListWidget()
        self.list.setObjectName("checklistChoices")
        checklists = getattr(ctx.checklists, "checklists", {}) or {}
        for cid, checklist in checklists.items():
            it = QListWidgetItem(checklist_title(checklist))
            it.setToolTip(self.tr("{title}，第 {version} 版").format(title=checklist_title(checklist),
                                                                   version=checklist.version))
            it.setData(ID_ROLE, cid)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(it)
        self.hint = QLabel()
        self.hint.setStyleSheet("color:#c62828")
        form = QFormLayout()
        form.addRow(self.tr("项目"), self.picker)
        form.addRow(self.tr("检查类型"), self.kind)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("检查表（空格勾选；按检查类型和项目改造内容预选）")))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.picker.project_changed.connect(self._on_picker_project_changed)
        self.kind.currentIndexChanged.connect(lambda _i: self.pretick())
        self._on_picker_project_changed(self.picker.current_id())

    @Slot(str)
    def _on_picker_project_changed(self, project_id: str) -> None:
        self.pretick()

    def pretick(self) -> None:
        """Tick what fits the kind and the project; a change of either ticks again."""
        project_id = self.picker.current_id()
        if not project_id:
            return
        items = get_project(self.ctx.store, project_id).renovation_items
        wanted = suggested_checklists(self.ctx.checklists, items, self.kind.currentData())
        for i in range(self.list.count()):
            it = self.list.item(i)
            it.setCheckState(Qt.CheckState.Checked if it.data(ID_ROLE) in wanted else Qt.CheckState.Unchecked)

    def set_checked(self, checklist_ids: list[str]) -> None:
        for i in range(self.list.count()):
            it = self.list.item(i)
            it.setCheckState(Qt.CheckState.Checked if it.data(ID_ROLE) in checklist_ids else Qt.CheckState.Unchecked)

    def checked_ids(self) -> list[str]:
        return [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def values(self) -> dict[str, Any]:
        return {"project_id": self.picker.current_id(), "kind": self.kind.currentData(),
                "checklist_ids": self.checked_ids()}

    @Slot()
    def _on_buttons_accepted(self) -> None:
        if not self.picker.current_id():
            self.hint.setText(self.tr("请选择项目"))
            return
        if not self.checked_ids():
            self.hint.setText(self.tr("请至少勾选一张检查表"))
            return
        self.accept()
