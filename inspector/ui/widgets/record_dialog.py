"""A dialog that edits one record through a `FieldForm` and saves through a service call.

On a validation error the dialog stays open with each problem beside its field; nothing is saved."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from inspector.domain.rules.fields import Field
from inspector.services.errors import ValidationError
from inspector.ui.messages import describe
from inspector.ui.widgets.field_form import ERROR_STYLE, FieldForm


class RecordDialog(QDialog):
    def __init__(self, title: str, fields: Sequence[Field], values: dict[str, Any],
                 save: Callable[[dict[str, Any]], Any], parent: QWidget | None = None,
                 extra: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.save = save
        self.result_value: Any = None
        self.form = FieldForm(fields)
        self.form.set_values(values)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if extra is not None:
            layout.addWidget(extra)
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def try_save(self) -> bool:
        # A single-row write: quick enough to do here, and the dialog must know the outcome.
        try:
            self.result_value = self.save(self.form.raw_values())
        except ValidationError as exc:
            self.form.show_errors(exc.problems)
            self.form.focus_first_error(exc.problems)
            self.error.setText(self.tr("未保存：") + str(exc))
            return False
        except Exception as exc:  # noqa: BLE001 - shown to the user
            self.error.setText(describe(exc))
            return False
        self.accept()
        return True
