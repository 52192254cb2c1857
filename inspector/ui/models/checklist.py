"""A tree model of the checklists of one inspection: checklist → section → item, with the answer,
the note and the photo count of each item.

The model is the form's working copy: an edit updates it at once and is announced through
`answer_edited`, so the editor can save it in the background (debounced)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from inspector.services.citations import full_basis as expand_basis

_Index = QModelIndex | QPersistentModelIndex

COL_ID, COL_TEXT, COL_ANSWER, COL_NOTE, COL_PHOTOS = range(5)
HEADERS = ("编号", "检查内容", "答复", "备注", "照片")

YN_LABELS = {"yes": "是", "no": "否", "na": "不适用"}
ITEM_ROLE = Qt.ItemDataRole.UserRole + 11  # the checklist Item of an item row
KEY_ROLE = Qt.ItemDataRole.UserRole + 12   # (checklist_version_id, item_id) of an item row
VALUE_ROLE = Qt.ItemDataRole.UserRole + 13  # the stored answer value (not its label)

FAILED_COLOR = "#c62828"
MISSING_COLOR = "#ef6c00"


@dataclass(eq=False)
class _Node:
    kind: str  # checklist / section / item
    label: str
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)
    version_id: str = ""
    item: Any = None

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0


def answer_label(item: Any, value: str | None) -> str:
    if value is None:
        return ""
    # The labels are translated under the answer delegate's context, where they are collected.
    if getattr(item, "answer", "") == "yes-no-na":
        return QCoreApplication.translate("AnswerDelegate", YN_LABELS.get(value, value))
    if value == "na":
        return QCoreApplication.translate("AnswerDelegate", "不适用")
    return with_unit(item, value)


def with_unit(item: Any, value: str) -> str:
    """A number with its item's unit, as printed: 85%, 15 mm, 5 级."""
    unit = str(getattr(item, "unit", "") or "")
    if getattr(item, "answer", "") != "number" or not unit:
        return value
    unit = QCoreApplication.translate("Choices", unit)  # 级 (wind force) has a word in English
    return f"{value}{unit}" if unit == "%" else f"{value} {unit}"


def item_text(item: Any, lang: str) -> str:
    """The item's text in the interface language (the forms carry both)."""
    return (getattr(item, "text_en", "") if lang == "en" else "") or item.text_zh


def item_tooltip(item: Any, lang: str) -> str:
    """What the item asks, on what basis, what failing it means and how to answer a number: in
    the interface language only (no English line under the Chinese)."""
    lines = [item_text(item, lang)]
    if getattr(item, "answer", "") == "number":
        unit = QCoreApplication.translate("Choices", str(getattr(item, "unit", "") or ""))
        lines.append(QCoreApplication.translate("ChecklistModel", "数值项（单位：{unit}）：按 Enter 或直接输入数字填写").format(unit=unit or "—")
                     if unit else QCoreApplication.translate("ChecklistModel", "数值项：按 Enter 或直接输入数字填写"))
        hint = str(getattr(item, "hint", "") or "")
        if hint and lang != "en":  # the forms' hints are written in Chinese only
            from inspector.ui.texts import without_codes

            lines.append(without_codes(hint))
    basis = expand_basis(str(getattr(item, "basis", "") or ""))  # in full: 《…条例》第…条
    if basis:
        lines.append(QCoreApplication.translate("ChecklistModel", "依据：{basis}").format(basis=basis))
    severity = str(getattr(item, "severity", "") or "")
    if severity:
        lines.append(QCoreApplication.translate("ChecklistModel", "不合格时：{severity}").format(severity=QCoreApplication.translate("Choices", severity)))
    return "\n".join(lines)


class ChecklistModel(QAbstractItemModel):
    answer_edited = Signal(str, str, object, str)  # version id, item id, value (None: cleared), note

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._root = _Node("root", "")
        self._values: dict[tuple[str, str], tuple[str | None, str]] = {}
        self._photos: dict[str, int] = {}
        self._items: dict[tuple[str, str], _Node] = {}
        self._stored: dict[tuple[str, str], tuple[str | None, bool]] = {}  # saved value and verdict
        self.read_only = False
        self.lang = "zh"  # set at load: the interface language

    # ---- loading ----
    def load(self, checklists: list[tuple[str, Any]], values: dict[tuple[str, str], tuple[str | None, str]],
             photos: dict[str, int], verdicts: dict[tuple[str, str], tuple[str | None, bool]] | None = None) -> None:
        """`checklists`: (version id, Checklist) in form order; `values`: (version, item) -> (value, note);
        `verdicts`: (version, item) -> (saved value, failed) as the service judged it against the
        record's facts (the acceptance date, the recorded wind), which the form cannot see."""
        from inspector.ui.i18n import ui_language

        self.beginResetModel()
        self.lang = ui_language()
        self._root = _Node("root", "")
        self._items = {}
        for version_id, checklist in checklists:
            title = (getattr(checklist, "title_en", "") if self.lang == "en" else "") or \
                getattr(checklist, "title_zh", "") or checklist.id
            top = _Node("checklist", title, self._root, version_id=version_id, item=checklist)
            self._root.children.append(top)
            sections: dict[str, _Node] = {}
            for item in checklist.items:
                sec_name = str(getattr(item, "section", "") or "")
                sec = sections.get(sec_name)
                if sec is None:
                    sec = _Node("section", self._section_label(checklist, sec_name, self.lang), top,
                                version_id=version_id)
                    sections[sec_name] = sec
                    top.children.append(sec)
                node = _Node("item", item_text(item, self.lang), sec, version_id=version_id, item=item)
                sec.children.append(node)
                self._items[(version_id, item.id)] = node
        self._values = dict(values)
        self._photos = dict(photos)
        self._stored = dict(verdicts or {})
        self.endResetModel()

    @staticmethod
    def _section_label(checklist: Any, name: str, lang: str) -> str:
        title = getattr(checklist, "section_title", None)
        return (title(name, lang) if title else name) or QCoreApplication.translate("ChecklistModel", "检查项")

    def set_photos(self, photos: dict[str, int]) -> None:
        self._photos = dict(photos)
        if self._items:
            for node in self._items.values():
                idx = self.createIndex(node.row(), COL_PHOTOS, node)
                self.dataChanged.emit(idx, idx)

    # ---- lookups ----
    def value(self, version_id: str, item_id: str) -> tuple[str | None, str]:
        return self._values.get((version_id, item_id), (None, ""))

    def index_of(self, version_id: str, item_id: str, column: int = COL_ANSWER) -> QModelIndex:
        node = self._items.get((version_id, item_id))
        return self.createIndex(node.row(), column, node) if node else QModelIndex()

    def item_keys(self) -> list[tuple[str, str]]:
        return list(self._items)

    def node(self, index: _Index) -> _Node:
        return index.internalPointer() if index.isValid() else self._root  # type: ignore[return-value]

    def is_failed(self, version_id: str, item_id: str) -> bool:
        value = self.value(version_id, item_id)[0]
        node = self._items.get((version_id, item_id))
        if value is None or node is None:
            return False
        item = node.item
        if getattr(item, "when", "") or getattr(item, "derive", "") or getattr(item, "answer", "") == "date":
            saved = self._stored.get((version_id, item_id))
            if saved is not None and saved[0] == value:
                return saved[1]  # judged by the service against the record's facts
        try:
            return bool(node.item.is_failed(value))
        except Exception:  # noqa: BLE001 - a value the item cannot judge is not a failure here
            return False

    # ---- edits ----
    def set_answer(self, version_id: str, item_id: str, value: str | None = ..., note: str | None = None) -> bool:  # type: ignore[assignment]
        """Change the working copy and announce it; the editor saves it. False when read-only."""
        if self.read_only or (version_id, item_id) not in self._items:
            return False
        old_value, old_note = self.value(version_id, item_id)
        new_value = old_value if value is ... else (value or None)
        new_note = old_note if note is None else note
        if (new_value, new_note) == (old_value, old_note):
            return True
        self._values[(version_id, item_id)] = (new_value, new_note)
        node = self._items[(version_id, item_id)]
        self.dataChanged.emit(self.createIndex(node.row(), 0, node), self.createIndex(node.row(), COL_PHOTOS, node))
        self.answer_edited.emit(version_id, item_id, new_value, new_note)
        return True

    # ---- Qt model ----
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self.node(parent).children[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node: _Node = index.internalPointer()  # type: ignore[assignment]
        p = node.parent
        if p is None or p is self._root:
            return QModelIndex()
        return self.createIndex(p.row(), 0, p)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[section])
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        node = self.node(index)
        if node.kind == "item" and not self.read_only and index.column() in (COL_ANSWER, COL_NOTE):
            # A computed answer (FB-14, from the recorded attendance) is not typed.
            if not (index.column() == COL_ANSWER and getattr(node.item, "derive", "")):
                f |= Qt.ItemFlag.ItemIsEditable
        return f

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        col = index.column()
        if node.kind != "item":
            if role == Qt.ItemDataRole.DisplayRole and col == 0:
                return node.label
            if role == Qt.ItemDataRole.ToolTipRole and node.kind == "checklist" and node.item is not None:
                # Which file and version the inspection was answered against: for the office.
                return self.tr("{title}，第 {version} 版").format(title=node.label, version=node.item.version)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        item = node.item
        key = (node.version_id, item.id)
        value, note = self._values.get(key, (None, ""))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == COL_ID:
                return item.id + (" *" if getattr(item, "required", False) else "")
            if col == COL_TEXT:
                return node.label
            if col == COL_ANSWER:
                return answer_label(item, value) if role == Qt.ItemDataRole.DisplayRole else (value or "")
            if col == COL_NOTE:
                return note
            if col == COL_PHOTOS:
                n = self._photos.get(item.id, 0)
                need = str(getattr(item, "photo", "") or "")
                if need == "required":
                    return self.tr("{n}（必附）").format(n=n)
                if need == "required-on-fail":
                    return self.tr("{n}（不合格必附）").format(n=n)
                return f"{n}"
        if role == VALUE_ROLE:
            return value
        if role == ITEM_ROLE:
            return item
        if role == KEY_ROLE:
            return key
        if role == Qt.ItemDataRole.ForegroundRole and col in (COL_ANSWER, COL_ID):
            if self.is_failed(*key):
                return QBrush(QColor(FAILED_COLOR))
        if role == Qt.ItemDataRole.ToolTipRole:
            return item_tooltip(item, self.lang)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        node = self.node(index)
        if node.kind != "item":
            return False
        if index.column() == COL_ANSWER:
            return self.set_answer(node.version_id, node.item.id, value=(str(value) if value not in (None, "") else None))
        if index.column() == COL_NOTE:
            return self.set_answer(node.version_id, node.item.id, note=str(value or ""))
        return False
