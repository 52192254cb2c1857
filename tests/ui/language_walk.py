"""Walk every visible text of a window — labels, buttons, tabs, group boxes, combo items,
placeholders, tooltips, headers and cell values of item views — for the language tests."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextBrowser,
    QWidget,
)

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
TAG = re.compile(r"<[^>]+>")


def _plain(text: str) -> str:
    return TAG.sub(" ", text or "").replace("&nbsp;", " ").replace("&amp;", "&")


def _model_texts(view: QAbstractItemView, rows: int = 40) -> Iterable[str]:
    model = view.model()
    if model is None:
        return
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list model
        columns = 1
    for c in range(columns):
        yield str(model.headerData(c, Qt.Orientation.Horizontal) or "")

    def walk(parent: QModelIndex, depth: int) -> Iterable[str]:
        for r in range(min(model.rowCount(parent), rows)):
            for c in range(columns if not parent.isValid() else model.columnCount(parent)):
                idx = model.index(r, c, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = idx.data(role)
                    if isinstance(value, str):
                        yield value
            if depth < 3:
                yield from walk(model.index(r, 0, parent), depth + 1)

    yield from walk(QModelIndex(), 0)


def texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every visible text under `root` (itself included)."""
    out: list[tuple[str, str]] = []

    def add(w: QWidget, text: str | None) -> None:
        if text and text.strip():
            out.append((f"{type(w).__name__}:{w.objectName()}", _plain(text)))

    add(root, root.windowTitle())
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) and w is not root:
            continue
        add(w, w.toolTip())
        if isinstance(w, QLabel):
            add(w, w.text())
        elif isinstance(w, QAbstractButton):
            add(w, w.text())
        elif isinstance(w, QGroupBox):
            add(w, w.title())
        elif isinstance(w, QLineEdit):
            add(w, w.placeholderText())
        elif isinstance(w, QPlainTextEdit):
            add(w, w.placeholderText())
        elif isinstance(w, QTextBrowser):
            add(w, w.toPlainText())
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                add(w, w.tabText(i))
        if isinstance(w, QComboBox) and not w.isEditable():
            for i in range(w.count()):
                add(w, w.itemText(i))
        if isinstance(w, QAbstractItemView) and w.isVisibleTo(root):
            for t in _model_texts(w):
                add(w, t)
        for a in w.actions():
            add(w, a.text())
    return out


def chinese_left(found: list[tuple[str, str]], allowed: Iterable[str]) -> list[tuple[str, str]]:
    """Texts that still hold Chinese once the allowed data values (names, numbers) are taken out."""
    allow = sorted({a for a in allowed if a}, key=len, reverse=True)
    bad = []
    for where, text in found:
        rest = text
        for a in allow:
            rest = rest.replace(a, "")
        if CJK.search(rest):
            bad.append((where, text))
    return bad


WORD = re.compile(r"[A-Za-z][A-Za-z]{2,}")


def english_left(found: list[tuple[str, str]], allowed_words: Iterable[str],
                 allowed: Iterable[str] = ()) -> list[tuple[str, str]]:
    """Texts with English words (3+ letters) that are not key names, units or data."""
    words = set(allowed_words)
    allow = sorted({a for a in allowed if a}, key=len, reverse=True)
    bad = []
    for where, text in found:
        rest = text
        for a in allow:
            rest = rest.replace(a, "")
        if any(w not in words for w in WORD.findall(rest)):
            bad.append((where, text))
    return bad
