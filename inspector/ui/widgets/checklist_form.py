"""The checklist form: a tree (checklist → section → item) whose answer column is edited by a
delegate that knows the item's answer type, answered quickly by keyboard.

Keys on an item row: Y / N / A answer 是 / 否 / 不适用 (yes-no-na items); on a number, text, date or
choice item Enter (or, for a number, typing a digit) opens its editor, and Enter there moves on;
elsewhere Enter or ↓ moves to the next item. F2 edits the answer, Ctrl+E the note, Delete clears
the answer. The line under the tree says what the selected item wants and why Y/N cannot answer it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QDoubleValidator, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from inspector.ui.i18n import ui_language
from inspector.ui.models.checklist import (
    COL_ANSWER,
    COL_ID,
    COL_NOTE,
    COL_PHOTOS,
    COL_TEXT,
    ITEM_ROLE,
    KEY_ROLE,
    VALUE_ROLE,
    YN_LABELS,
    ChecklistModel,
)
from inspector.ui.texts import without_codes
from inspector.ui.widgets.table_fit import fit_columns

_Index = QModelIndex | QPersistentModelIndex
_KEY_VALUES = {Qt.Key.Key_Y: "yes", Qt.Key.Key_N: "no", Qt.Key.Key_A: "na"}
_TYPED = ("number", "text", "date", "choice")  # answers typed or picked in an editor, not by Y/N


class AnswerDelegate(QStyledItemDelegate):
    """Edits an answer by the item's type: a combo for yes/no/na and choices, a date editor for
    dates, a number-checked line for numbers, a line for text. Text commits as it is typed."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        # QTreeView asks for row heights without the column width, so wrapped item texts would
        # get one line; measure the text column at its real width instead.
        view = self.parent()
        if index.column() == COL_TEXT and isinstance(view, QTreeView):
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            width = max(40, view.header().sectionSize(COL_TEXT) - 12)
            rect = opt.fontMetrics.boundingRect(QRect(0, 0, width, 10000),
                                                int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft),
                                                opt.text)
            return QSize(width, rect.height() + 6)
        return super().sizeHint(option, index)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:  # noqa: N802
        if index.column() == COL_NOTE:
            return self._line(parent)
        item = index.data(ITEM_ROLE)
        kind = getattr(item, "answer", "text")
        if kind == "yes-no-na":
            combo = QComboBox(parent)
            combo.addItem("", "")
            for value, label in YN_LABELS.items():
                combo.addItem(self.tr(label), value)
            combo.activated.connect(lambda _i, e=combo: self.commitData.emit(e))
            return combo
        if kind == "choice":
            combo = QComboBox(parent)
            combo.addItem("", "")
            for choice in getattr(item, "choices", ()) or ():
                combo.addItem(str(choice), str(choice))
            combo.addItem(self.tr("不适用"), "na")
            combo.activated.connect(lambda _i, e=combo: self.commitData.emit(e))
            return combo
        if kind == "date":
            edit = QDateEdit(parent)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            return edit
        line = self._line(parent)
        if kind == "number":
            validator = QDoubleValidator(line)
            validator.setNotation(QDoubleValidator.Notation.StandardNotation)
            line.setValidator(validator)
        return line

    def _line(self, parent: QWidget) -> QLineEdit:
        line = QLineEdit(parent)
        # Save as typed: each keystroke reaches the model (the editor debounces the writes).
        line.textEdited.connect(lambda _t, e=line: self.commitData.emit(e))
        return line

    def setEditorData(self, editor: QWidget, index: _Index) -> None:  # noqa: N802
        value = index.data(VALUE_ROLE) if index.column() == COL_ANSWER else index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            i = editor.findData(value or "")
            editor.setCurrentIndex(max(i, 0))
        elif isinstance(editor, QDateEdit):
            d = QDate.fromString(value or "", "yyyy-MM-dd")
            editor.setDate(d if d.isValid() else QDate.currentDate())
        elif isinstance(editor, QLineEdit):
            if editor.text() != (value or ""):
                editor.setText(value or "")

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData() or None, Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QDateEdit):
            model.setData(index, editor.date().toString("yyyy-MM-dd"), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            text = editor.text()
            if index.column() == COL_ANSWER and editor.validator() is not None:
                text = text.strip()
                if text and not editor.hasAcceptableInput():
                    return  # a half-typed number ("1e", "-") waits for the next keystroke
            model.setData(index, text, Qt.ItemDataRole.EditRole)


class ChecklistForm(QWidget):
    """Shows and edits the answers of an inspection's checklists. Emits `answer_edited` for every
    change and `current_item_changed` when the selected item changes (for the item photo panel)."""

    answer_edited = Signal(str, str, object, str)
    current_item_changed = Signal(str, str)  # version id, item id ("", "" when none)
    focus_left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ChecklistModel(self)
        self.view = QTreeView(self)
        self.view.setObjectName("checklistTree")
        self.view.setModel(self.model)
        self.view.setItemDelegate(AnswerDelegate(self.view))
        # Item texts wrap rather than being cut at 1280 px: a checklist has at most a few hundred
        # items, so rows of their own height cost nothing noticeable.
        self.view.setWordWrap(True)
        self.view.setUniformRowHeights(False)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        # The answer column leaves room for its editor (a combo box); notes give way to the item text.
        fit_columns(self.view, keys={COL_ID, COL_ANSWER, COL_PHOTOS}, stretch=COL_TEXT,
                    limits={COL_ANSWER: (96, 0), COL_NOTE: (80, 180)})
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Wrapped rows take their height from the text column's width: lay out again when it changes.
        self._relayout = QTimer(self, singleShot=True, interval=0)
        self._relayout.timeout.connect(self.view.doItemsLayout)
        self.view.header().sectionResized.connect(lambda *_a: self._relayout.start())
        self.view.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        # What the selected item wants and which keys answer it (a new inspector reads it here).
        self.hint = QLabel()
        self.hint.setObjectName("itemHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.hint)
        self.view.itemDelegate().closeEditor.connect(self._on_delegate_close_editor)
        self._show_hint(None)
        self.model.answer_edited.connect(self.answer_edited)
        self.view.selectionModel().currentRowChanged.connect(self._on_view_current_row_changed)

    # ---- API ----
    def load(self, checklists: list[tuple[str, Any]], values: dict[tuple[str, str], tuple[str | None, str]],
             photos: dict[str, int], *, read_only: bool,
             verdicts: dict[tuple[str, str], tuple[str | None, bool]] | None = None) -> None:
        current = self.current_key()
        self.model.read_only = read_only
        self.model.load(checklists, values, photos, verdicts)
        self._span_titles()
        self.view.expandAll()
        if current and current != ("", ""):
            self.select_item(*current)

    def _span_titles(self) -> None:
        """Checklist and section titles use the whole row (they are headings, not item ids)."""
        for r in range(self.model.rowCount()):
            top = self.model.index(r, 0)
            self.view.setFirstColumnSpanned(r, QModelIndex(), True)
            for sr in range(self.model.rowCount(top)):
                self.view.setFirstColumnSpanned(sr, top, True)

    def set_read_only(self, read_only: bool) -> None:
        self.model.read_only = read_only

    def set_photos(self, photos: dict[str, int]) -> None:
        self.model.set_photos(photos)

    def current_key(self) -> tuple[str, str]:
        key = self.view.currentIndex().data(KEY_ROLE)
        return tuple(key) if key else ("", "")  # type: ignore[return-value]

    def select_item(self, version_id: str, item_id: str) -> bool:
        """Select, scroll to and focus an item (e.g. from the list of missing items)."""
        idx = self.model.index_of(version_id, item_id, COL_ANSWER)
        if not idx.isValid():
            return False
        self.view.setCurrentIndex(idx)
        self.view.scrollTo(idx, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def first_item(self) -> None:
        keys = self.model.item_keys()
        if keys:
            self.select_item(*keys[0])

    def commit_editor(self) -> None:
        """Push an open editor's text into the model (before a save or completion)."""
        editor = self.view.indexWidget(self.view.currentIndex())
        if editor is None:
            focus = self.focusWidget()
            if focus is not None and focus.parent() is self.view.viewport():
                editor = focus
        if editor is not None:
            self.view.itemDelegate().commitData.emit(editor)

    # ---- keyboard ----
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.view:
            if event.type() == QEvent.Type.FocusOut:
                self.focus_left.emit()
            elif event.type() == QEvent.Type.KeyPress and self._on_key(event):  # type: ignore[arg-type]
                return True
        return super().eventFilter(obj, event)

    def _on_key(self, event: QKeyEvent) -> bool:
        if self.view.state() == QAbstractItemView.State.EditingState:
            return False
        idx = self.view.currentIndex()
        key = idx.data(KEY_ROLE)
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        item = idx.data(ITEM_ROLE) if key is not None else None
        kind = getattr(item, "answer", "")
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # A computed item (FB-14, from the recorded attendance) is not typed: Enter moves on.
            if kind in _TYPED and not self.model.read_only and not getattr(item, "derive", ""):
                self.edit_answer()  # a number, text or date is typed in; Enter there moves on
            else:
                self._move(1)
            return True
        if key is None:
            return False
        text = event.text()
        if (kind == "number" and mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
                and text and text in "0123456789.-" and not self.model.read_only and not getattr(item, "derive", "")):
            self.edit_answer(text)  # typing a digit starts the answer with it
            return True
        if mods == Qt.KeyboardModifier.NoModifier and event.key() in _KEY_VALUES:
            value = _KEY_VALUES[event.key()]
            if kind == "yes-no-na" or value == "na":
                self.model.set_answer(*key, value=value)
                return True
            self._show_hint(item, refused=True)  # say why Y/N does not answer this item
            return True
        if event.key() == Qt.Key.Key_Delete and mods == Qt.KeyboardModifier.NoModifier:
            self.model.set_answer(*key, value=None)
            return True
        if event.key() == Qt.Key.Key_E and mods == Qt.KeyboardModifier.ControlModifier:
            note = self.model.index_of(*key, COL_NOTE)
            self.view.setCurrentIndex(note)
            self.view.edit(note)
            return True
        return False

    def edit_answer(self, typed: str = "") -> QWidget | None:
        """Open the selected item's answer editor (with `typed` as its first character)."""
        key = self.current_key()
        if key == ("", ""):
            return None
        idx = self.model.index_of(*key, COL_ANSWER)
        self.view.setCurrentIndex(idx)
        self.view.edit(idx)
        editor = self.view.indexWidget(idx)
        if typed and isinstance(editor, QLineEdit):
            editor.setText(typed)
            editor.textEdited.emit(typed)  # saved as typed, like any keystroke
        return editor

    @Slot(QWidget, QAbstractItemDelegate.EndEditHint)
    def _on_delegate_close_editor(self, _editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        # Enter in an answer's editor commits it and goes on to the next item.
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache and self.view.currentIndex().column() == COL_ANSWER:
            self._move(1)
            self.view.setFocus()

    def _show_hint(self, item: Any, *, refused: bool = False) -> None:
        keys = QCoreApplication.translate("ChecklistForm", "按键：Y 是 · N 否 · A 不适用（须在备注说明） · Enter 下一项 · Ctrl+E 备注 · F2 修改")
        kind = getattr(item, "answer", "")
        if item is None:
            self.hint.setText(keys)
            self.hint.setStyleSheet("")
            return
        if kind == "yes-no-na":
            text = keys
        elif kind == "number":
            unit = QCoreApplication.translate("Choices", str(getattr(item, "unit", "") or ""))
            text = (QCoreApplication.translate("ChecklistForm", "此项填数值（单位：{unit}）").format(unit=unit) if unit
                    else QCoreApplication.translate("ChecklistForm", "此项填数值"))
            hint = str(getattr(item, "hint", "") or "")
            if hint and ui_language() != "en":
                text += "：" + without_codes(hint)
            text += QCoreApplication.translate("ChecklistForm", "。按 Enter 或直接输入数字开始填写；A 表示不适用。")
        elif kind == "date":
            text = QCoreApplication.translate("ChecklistForm", "此项填日期：按 Enter 选择日期；A 表示不适用。")
        elif kind == "choice":
            text = QCoreApplication.translate("ChecklistForm", "此项从选项中选择：按 Enter 打开选项；A 表示不适用。")
        else:
            text = QCoreApplication.translate("ChecklistForm", "此项填文字：按 Enter 开始填写；A 表示不适用。")
        if refused and kind != "yes-no-na":
            text = QCoreApplication.translate("ChecklistForm", "Y / N 只用于“是 / 否”项，不能回答此项。") + text
        self.hint.setText(text)
        self.hint.setStyleSheet("color:#c62828;" if refused else "color:#455a64;")

    def _move(self, step: int) -> None:
        keys = self.model.item_keys()
        if not keys:
            return
        current = self.current_key()
        i = keys.index(current) + step if current in keys else 0
        self.select_item(*keys[max(0, min(i, len(keys) - 1))])

    @Slot(QModelIndex, QModelIndex)
    def _on_view_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = current.data(KEY_ROLE)
        self._show_hint(current.data(ITEM_ROLE) if key else None)
        self.current_item_changed.emit(*(key or ("", "")))
