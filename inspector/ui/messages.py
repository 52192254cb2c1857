"""Telling the user about errors: once, in plain Chinese, never a traceback."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from inspector.domain.errors import RecordLockedError
from inspector.services.changes import Cancelled
from inspector.services.errors import UserError, explain

log = logging.getLogger(__name__)


def describe(exc: BaseException) -> str:
    if isinstance(exc, UserError | RecordLockedError):
        from inspector.ui.texts import translate_sentence

        # The services speak Chinese; a sentence the rules know is shown in the interface language.
        return "\n".join(translate_sentence(line) for line in str(exc).split("\n"))
    if isinstance(exc, Cancelled):
        return QCoreApplication.translate("Messages", "操作已取消。")
    known = explain(exc)
    if known:
        return known
    return QCoreApplication.translate("Messages", "操作失败：{0}: {1}\n详细信息已写入日志。").format(
        type(exc).__name__, exc)


def show_exception(parent: QWidget | None, exc: BaseException) -> None:
    if isinstance(exc, Cancelled):
        return
    QMessageBox.warning(parent, QCoreApplication.translate("Messages", "无法完成操作"), describe(exc))
