"""PySide6 6.12.0 on Python 3.11 releases a reference to None for every void Qt call and one to a
bool for every signal emit; without the guard a session aborts after some thousands of UI updates."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel

import inspector.ui  # noqa: F401 - the guard runs on import
from inspector.ui import refcounts


class _Emitter(QObject):
    said = Signal(int)


def test_a_long_session_of_qt_calls_leaves_none_and_the_bools_alive(qapp):
    label, emitter = QLabel(), _Emitter()
    emitter.said.connect(lambda _n: None)
    counts = [sys.getrefcount(x) for x in (None, True, False)]
    for _ in range(20_000):  # more than a bare interpreter's None has references (about 4 500)
        label.setText("x")
        label.update()
        emitter.said.emit(1)
        QApplication.processEvents()
    after = [sys.getrefcount(x) for x in (None, True, False)]
    if refcounts.affected():  # the build leaks: the guard gave the headroom the leak eats into
        assert all(c > refcounts.HEADROOM // 2 for c in after)
    else:
        assert all(abs(a - c) < 1000 for a, c in zip(after, counts, strict=True)), (counts, after)
    assert None is not True and bool(1) is True  # the interpreter is still here to say so
