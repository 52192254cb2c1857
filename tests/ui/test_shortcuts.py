"""Keyboard shortcuts: Ctrl+1…7 switch sections, no two actions share a key where both apply (the
test lists them all), and 帮助 → 快捷键 shows them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from inspector.ui.shortcuts import bindings, conflicts
from inspector.ui.views.registry import VIEWS
from tests.ui.conftest import settle


def _report(found) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(f"{b.key:22} {b.text:20} {b.context.name:28} {type(b.scope).__name__}" for b in found)


def test_ctrl_digit_switches_sections(qtbot, demo_window):
    win = demo_window
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    for i, (key, _label, _t) in enumerate(VIEWS):
        qtbot.keyClick(win, getattr(Qt.Key, f"Key_{i + 1}"), Qt.KeyboardModifier.ControlModifier)
        assert win.nav.currentRow() == i, key
        assert win.stack.currentWidget() is win.view(key)


def test_no_two_shortcuts_collide_anywhere(qtbot, demo_window):
    """Every section, the inspection editor and the notice dialog: list every shortcut that can
    fire and check that no key has two of them."""
    win = demo_window
    everything = []
    for key, _label, _t in VIEWS:
        win.show_view(key)
        settle(qtbot, 60)
        found = bindings(win)
        everything += found
        assert not conflicts(found), f"{key}:\n" + _report([b for pair in conflicts(found) for b in pair])
    inspections = win.show_view("inspections")
    inspections.open_inspection(inspections.model.rows[0].id)
    for tab in range(inspections.editor.tabs.count()):
        inspections.editor.tabs.setCurrentIndex(tab)
        found = bindings(win)
        everything += found
        assert not conflicts(found), "editor:\n" + _report([b for pair in conflicts(found) for b in pair])
    rects = win.show_view("rectifications")
    rects.set_quick_filter(0)
    dialog = rects.open_notice(next(r.id for r in rects.model.rows if r.status == "replied"))
    qtbot.addWidget(dialog)
    found = bindings(dialog)
    assert not conflicts(found), "notice:\n" + _report([b for pair in conflicts(found) for b in pair])
    dialog.close()
    keys = {b.key for b in everything}
    # The list really holds the app's shortcuts (a collector that finds nothing proves nothing).
    assert {"Ctrl+1", "Ctrl+7", "Ctrl+N", "Ctrl+F", "F5", "Ctrl+Return", "Ctrl+Shift+P"} <= keys, sorted(keys)
    print(_report(sorted(everything, key=lambda b: b.key)))


def test_help_lists_the_shortcuts(qtbot, demo_window):
    dlg = demo_window.shortcuts_dialog()
    qtbot.addWidget(dlg)
    texts = []
    tree = dlg.tree
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        texts += [(top.child(j).text(0), top.child(j).text(1)) for j in range(top.childCount())]
    assert ("Ctrl+2", "监督检查") in texts
    assert ("Y", "答“是”") in texts
    assert any(k == "Ctrl+N" and t == "新建检查" for k, t in texts)
    # Return and Enter are one key on the keyboard: each section lists it once, as Enter.
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        rows = [(top.child(j).text(0), top.child(j).text(1)) for j in range(top.childCount())]
        assert not [k for k, _t in rows if "Return" in k], top.text(0)
        assert len(rows) == len(set(rows)), top.text(0)
