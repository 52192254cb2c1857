"""Every keyboard shortcut of a window, where it applies, and which would collide.

`add_action(widget, text, keys, slot)` is how views declare a shortcut (a QAction active while the
focus is inside `widget`). `bindings(window)` lists every shortcut of a window's visible part —
actions, QShortcuts, button shortcuts and the menu bar — for the Help dialog and for the test that
no two share a key where both apply ("Ambiguous shortcut overload" makes Qt do nothing at all)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QMenu, QMenuBar, QWidget

_WINDOW_WIDE = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)

# Keys the checklist handles itself (not actions): listed in Help beside the actions.
CHECKLIST_KEYS: tuple[tuple[str, str], ...] = (
    ("Y", "答“是”"), ("N", "答“否”"), ("A", "答“不适用”（须在备注说明理由）"),
    ("Enter / ↓", "下一项；数值、文字、日期项按 Enter 或直接输入即开始填写"), ("F2", "编辑答复"),
    ("Ctrl+E", "编辑备注"), ("Delete", "清除答复"),
)


def add_action(widget: QWidget, text: str, keys: Iterable[QKeySequence | QKeySequence.StandardKey | str | int],
               slot: Callable[[], object], *,
               context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut) -> QAction:
    """A named shortcut active while the focus is inside `widget` (its view or dialog)."""
    act = QAction(text, widget)
    seqs: list[QKeySequence] = []
    for k in keys:
        if isinstance(k, QKeySequence.StandardKey):
            seqs += [s for s in QKeySequence.keyBindings(k) if s not in seqs]
        else:
            s = QKeySequence(k)
            if s not in seqs:
                seqs.append(s)
    act.setShortcuts(seqs)
    act.setShortcutContext(context)
    act.triggered.connect(lambda _checked=False: slot())
    widget.addAction(act)
    return act


@dataclass(frozen=True)
class Binding:
    key: str  # portable text, e.g. "Ctrl+N"
    text: str  # what it does
    context: Qt.ShortcutContext
    scope: QWidget  # the widget it belongs to (the whole window for window-wide ones)
    source: QObject

    def overlaps(self, other: Binding) -> bool:
        """Both could fire for one key press: window-wide, or one's widget inside the other's."""
        if self.source is other.source:
            return False
        a, b = self.scope, other.scope
        if self.context in _WINDOW_WIDE or other.context in _WINDOW_WIDE:
            return a.window() is b.window()
        if self.context == Qt.ShortcutContext.WidgetShortcut or other.context == Qt.ShortcutContext.WidgetShortcut:
            return a is b
        return a is b or a.isAncestorOf(b) or b.isAncestorOf(a)


def _text(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _menu_in_bar(menu: QMenu) -> bool:
    action = menu.menuAction()
    return any(isinstance(w, QMenuBar | QMenu) and (isinstance(w, QMenuBar) or _menu_in_bar(w))
               for w in action.associatedObjects() if isinstance(w, QWidget))


def bindings(window: QWidget, *, visible_only: bool = True) -> list[Binding]:
    """Every shortcut of `window` that can fire now (or, visible_only=False, ever)."""
    out: list[Binding] = []
    seen: set[int] = set()

    def live(w: QWidget) -> bool:
        return not visible_only or (w.isVisible() and w.isEnabled())

    for w in [window, *window.findChildren(QWidget)]:
        if isinstance(w, QMenu):
            if not _menu_in_bar(w):
                continue
            scope, menu_context = window, Qt.ShortcutContext.WindowShortcut
        else:
            if not live(w):
                continue
            scope, menu_context = w, None
        for act in w.actions():
            if id(act) in seen or act.menu() is not None or (visible_only and not act.isEnabled()):
                continue
            seen.add(id(act))
            context = menu_context or act.shortcutContext()
            for seq in act.shortcuts():
                out.append(Binding(seq.toString(QKeySequence.SequenceFormat.PortableText), _text(act.text()),
                                   context, scope, act))
    for sc in window.findChildren(QShortcut):
        parent = sc.parent()
        if not isinstance(parent, QWidget) or not live(parent) or not sc.isEnabled():
            continue
        for seq in sc.keys():
            out.append(Binding(seq.toString(QKeySequence.SequenceFormat.PortableText), sc.whatsThis(),
                               sc.context(), parent, sc))
    for button in window.findChildren(QAbstractButton):
        if not button.shortcut().isEmpty() and live(button):
            out.append(Binding(button.shortcut().toString(QKeySequence.SequenceFormat.PortableText),
                               _text(button.text()), Qt.ShortcutContext.WindowShortcut, button, button))
    return out


def conflicts(found: list[Binding]) -> list[tuple[Binding, Binding]]:
    """Pairs of bindings with the same key that could both fire."""
    by_key: dict[str, list[Binding]] = {}
    for b in found:
        by_key.setdefault(b.key, []).append(b)
    out = []
    for group in by_key.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.overlaps(b):
                    out.append((a, b))
    return out


def _keyboard_key(key: str) -> bool:
    """A key on an inspector's keyboard: not one of the multimedia keys (Close, Find, Refresh…)
    that platform bindings add to the standard shortcuts."""
    seq = QKeySequence(key, QKeySequence.SequenceFormat.PortableText)
    return seq.count() > 0 and seq[0].key().value < Qt.Key.Key_Back.value


def _enter(key: str) -> str:
    return "+".join("Enter" if part == "Return" else part for part in key.split("+"))


def describe(found: list[Binding]) -> list[tuple[str, str]]:
    """(key, what it does) pairs, once each, in key order, for the Help dialog."""
    # Return and Enter are one key to the inspector (the main and the keypad one): listed once.
    rows = {(_enter(b.key), b.text) for b in found if b.text and _keyboard_key(b.key)}
    return sorted(rows, key=lambda r: (len(r[0]), r[0], r[1]))


def tr(text: str) -> str:
    return QCoreApplication.translate("Shortcuts", text)
