"""A form built from field declarations (`inspector.domain.rules.fields.Field`).

Each editor reports a finished edit as `edited(name, raw_text_or_value)`; the owner decides what
to do (save at once, or collect for a dialog). Errors are shown beside the field.

Labels and choice values are declared in Chinese and translated only for display (contexts
"Fields" and "Choices", collected by scripts/i18n_tool.py): a combo box keeps the Chinese value as
item data, and `edited`, `raw_values()` and `set_value()` deal in that stored value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.rules.fields import Field, parse_value
from inspector.domain.rules.validation import check_credit_code

ERROR_STYLE = "color: #c62828;"


def format_value(field: Field, value: Any) -> str:
    if value is None:
        return ""
    if field.kind == "date" and isinstance(value, dt.date):
        return value.isoformat()
    if field.kind == "money" and isinstance(value, int | float):
        return f"{value:,.2f}"
    if field.kind == "float" and isinstance(value, float):
        return f"{value:g}"
    return str(value)


class _FocusOut(QObject):
    def __init__(self, callback, parent) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.callback = callback

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        # A dialog being torn down also sends FocusOut; touching the half-destroyed editor then
        # crashes PySide6, and nothing the user typed is pending at that point anyway.
        if (event.type() == QEvent.Type.FocusOut and shiboken6.isValid(obj)
                and isinstance(obj, QWidget) and obj.isVisible()):
            self.callback()
        return False


class FieldForm(QWidget):
    edited = Signal(str, object)  # field name, raw value (text, bool or choice)

    def __init__(self, fields: Sequence[Field], parent: QWidget | None = None, *, columns: int = 1) -> None:
        super().__init__(parent)
        self.fields = {f.name: f for f in fields}
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._shown: dict[str, str] = {}  # what the editor shows, to detect real edits
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        per_col = -(-len(fields) // columns)
        for c in range(columns):
            form = QFormLayout()
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
            # A long label (English) puts its field on the next line instead of squeezing it.
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for f in list(fields)[c * per_col:(c + 1) * per_col]:
                editor = self._make_editor(f)
                err = QLabel()
                err.setStyleSheet(ERROR_STYLE)
                err.setWordWrap(True)
                err.hide()
                box = QVBoxLayout()
                box.setSpacing(1)
                box.addWidget(editor)
                box.addWidget(err)
                label = QLabel(("* " if f.required else "") + QCoreApplication.translate("Fields", f.label))
                label.setBuddy(editor)
                form.addRow(label, box)
                self.editors[f.name] = editor
                self.errors[f.name] = err
            column = QVBoxLayout()
            column.addLayout(form)
            column.addStretch(1)
            outer.addLayout(column, 1)

    def _make_editor(self, f: Field) -> QWidget:
        if f.kind == "choice":
            combo = QComboBox()
            combo.setObjectName(f.name)
            if not f.required:
                combo.addItem("", "")
            for choice in f.choices:
                combo.addItem(QCoreApplication.translate("Choices", choice), choice)
            combo.activated.connect(lambda _i, n=f.name, c=combo: self._emit(n, c.currentData()))
            combo.activated.connect(lambda _i, n=f.name: self._recheck(n))
            return combo
        if f.kind == "bool":
            box = QCheckBox()
            box.setObjectName(f.name)
            box.toggled.connect(lambda v, n=f.name: self._emit(n, v))
            return box
        if f.kind == "longtext":
            edit = QPlainTextEdit()
            edit.setObjectName(f.name)
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(90)
            edit.installEventFilter(_FocusOut(lambda n=f.name, e=edit: self._emit(n, e.toPlainText()), edit))
            edit.textChanged.connect(lambda n=f.name: self._recheck(n))
            return edit
        line = QLineEdit()
        line.setObjectName(f.name)
        line.setClearButtonEnabled(True)
        # Room for a permit number or an amount (9,474,700.00) with the clear button: a long
        # label then puts the field on its own line (WrapLongRows) instead of squeezing it to a stub.
        line.setMinimumWidth(line.fontMetrics().horizontalAdvance("0" * 15) + 28)
        if f.kind == "date":
            line.setPlaceholderText("YYYY-MM-DD")
        line.editingFinished.connect(lambda n=f.name, e=line: self._emit(n, e.text()))
        line.textEdited.connect(lambda _t, n=f.name: self._recheck(n))
        return line

    def _emit(self, name: str, raw: Any) -> None:
        shown = raw if isinstance(raw, str) else str(raw)
        if self._shown.get(name) == shown:
            return
        self._shown[name] = shown
        self.edited.emit(name, raw)

    def set_values(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            if name in self.editors:
                self.set_value(name, value)

    def set_value(self, name: str, value: Any) -> None:
        f = self.fields[name]
        editor = self.editors[name]
        editor.blockSignals(True)
        if isinstance(editor, QComboBox):
            idx = editor.findData(value or "")
            editor.setCurrentIndex(max(idx, 0))
            shown = editor.currentData() or ""
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
            shown = str(bool(value))
        elif isinstance(editor, QPlainTextEdit):
            shown = format_value(f, value)
            editor.setPlainText(shown)
        else:
            shown = format_value(f, value)
            editor.setText(shown)  # type: ignore[attr-defined]
            editor.setCursorPosition(0)  # type: ignore[attr-defined]  # a long name shows its start, not its tail
        editor.blockSignals(False)
        self._shown[name] = shown

    def raw_values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QComboBox):
                out[name] = editor.currentData() or ""
            elif isinstance(editor, QCheckBox):
                out[name] = editor.isChecked()
            elif isinstance(editor, QPlainTextEdit):
                out[name] = editor.toPlainText()
            else:
                out[name] = editor.text()  # type: ignore[attr-defined]
        return out

    def field_problem(self, name: str) -> str | None:
        """What is wrong with the field's current input on its own (type, required, check digit);
        problems between fields are the service's to find."""
        f = self.fields[name]
        raw = self.raw_values()[name]
        try:
            value = parse_value(f, raw)
        except ValueError as exc:
            return str(exc)
        if f.required and value in ("", None):
            return f"{f.label}不能为空"
        if name == "credit_code" and value:
            return check_credit_code(value)
        return None

    def _recheck(self, name: str) -> None:
        # An error beside a field goes away as soon as the field is valid again, not at the next save.
        label = self.errors.get(name)
        if label is not None and label.isVisibleTo(self) and self.field_problem(name) is None:
            label.clear()
            label.hide()

    def show_errors(self, problems: dict[str, str]) -> None:
        for name, label in self.errors.items():
            msg = problems.get(name)
            label.setText(msg or "")
            label.setVisible(bool(msg))

    def clear_errors(self) -> None:
        self.show_errors({})

    def set_read_only(self, read_only: bool) -> None:
        for editor in self.editors.values():
            editor.setEnabled(not read_only)

    def focus_first_error(self, problems: dict[str, str]) -> None:
        for name in self.editors:
            if name in problems:
                self.editors[name].setFocus(Qt.FocusReason.OtherFocusReason)
                return
