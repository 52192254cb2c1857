"""Telling the user about errors: once, in plain Chinese, never a traceback."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from inspector.services.changes import Cancelled
from inspector.services.errors import UserError

log = logging.getLogger(__name__)


def describe(exc: BaseException) -> str:
    from inspector.store.hooks import RecordLockedError

    if isinstance(exc, UserError | RecordLockedError):
        return str(exc)
    if isinstance(exc, Cancelled):
        return "操作已取消。"
    return f"操作失败：{type(exc).__name__}: {exc}\n详细信息已写入日志。"


def show_exception(parent: QWidget | None, exc: BaseException) -> None:
    if isinstance(exc, Cancelled):
        return
    QMessageBox.warning(parent, "无法完成操作", describe(exc))
