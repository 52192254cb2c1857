"""The English translation is complete for the code as it is now, and the English UI shows it.

test_translations.py checks the committed .ts; these re-extract the strings from the current code
(so a new self.tr("…") without a translation fails here), check that every tr() call can be
found by lupdate under the context it is looked up with at run time, and open views in English.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import REPO

TS = REPO / "resources" / "i18n" / "inspector_en.ts"
BIN = Path(sys.executable).parent
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# {name} / {0:.1f} placeholders, %n / %1 arguments: the translation must keep every one.
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%\d")


def _i18n_tool():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import i18n_tool
    finally:
        sys.path.remove(str(REPO / "scripts"))
    return i18n_tool


def _messages(ts: Path):  # type: ignore[no-untyped-def]
    for ctx in ET.parse(ts).getroot().iter("context"):
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            texts = [f.text or "" for f in tr.findall("numerusform")] or [tr.text or ""]
            yield ctx.findtext("name") or "", msg.findtext("source") or "", texts


def test_current_code_has_no_untranslated_strings(tmp_path: Path) -> None:
    """lupdate over today's code into a copy of the .ts: nothing new may be left unfinished."""
    tool = _i18n_tool()
    ts = tmp_path / "inspector_en.ts"
    shutil.copy(TS, ts)
    dynamic = tmp_path / "dynamic_strings.py"
    tool.write_dynamic(dynamic)
    files = [str(p) for p in tool.source_files()]
    subprocess.run([str(BIN / "pyside6-lupdate"), "-extensions", "py", "-locations", "none", "-no-obsolete",
                    "-source-language", "zh_CN", "-target-language", "en", *files, str(dynamic),
                    "-ts", str(ts)], check=True, capture_output=True)
    todo = tool.unfinished(ts)
    assert not todo, "untranslated; run scripts/update-translations and translate:\n" + "\n".join(
        f"{c}: {s}" for c, s in todo)


def test_every_tr_call_is_visible_under_its_runtime_context() -> None:
    """parent.tr("…") outside a class, a bare tr("…"), or tr(variable) whose texts cannot be
    traced back: lupdate files them under a context that is never looked up (or not at all)."""
    bad = _i18n_tool().nonliteral_tr_calls()
    assert not bad, "\n".join(bad)


def test_dynamic_texts_are_found() -> None:
    found = set(_i18n_tool().dynamic_strings())
    # One per mechanism: helper parameter, loop over a literal, loop over a module table,
    # subscript of a table, a module-level constant, a translate() wrapper, the registry table.
    for pair in [("ComplaintsView", "办结…"), ("MaterialsView", "新增进场批次"), ("RedFlagsView", "待核实"),
                 ("PhotoViewer", "红"), ("ChecklistModel", "检查内容"), ("FlagList", "打开记录"),
                 ("PhotoGrid", "相机：{0}"), ("MainWindow", "验收与移交"), ("AnswerDelegate", "不适用")]:
        assert pair in found, pair


def test_translations_keep_placeholders_and_are_english() -> None:
    wrong = []
    for ctx, src, texts in _messages(TS):
        for text in texts:
            if sorted(PLACEHOLDER.findall(src)) != sorted(PLACEHOLDER.findall(text)):
                wrong.append(f"{ctx}: {src!r} -> {text!r}: placeholders differ")
            if CJK.search(text):
                wrong.append(f"{ctx}: {src!r} -> {text!r}: Chinese left in the English")
            # A lone "&" is a mnemonic marker in menus: "A & B" would lose its "&".
            if re.search(r"&(?![\w&])", text):
                wrong.append(f"{ctx}: {src!r} -> {text!r}: '&' before a non-letter")
    assert not wrong, "\n".join(wrong)


@pytest.fixture
def english(qapp):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    from inspector.ui.i18n import load_translator

    tr = load_translator(qapp, "en")
    assert tr is not None
    yield tr
    # The translator is global to the application: later tests expect Chinese.
    QCoreApplication.removeTranslator(tr)


@pytest.fixture
def english_window(english, qtbot, store):  # type: ignore[no-untyped-def]
    from inspector.ui.context import AppContext, ChangeBus
    from inspector.ui.main_window import MainWindow

    window = MainWindow(None)
    qtbot.addWidget(window)
    window.attach(AppContext(store=store, bus=ChangeBus(), settings={"language": "en"}))
    return window


def _texts(widget) -> list[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit

    out = []
    for w in widget.findChildren(QAbstractButton):
        out.append(w.text())
    for w in widget.findChildren(QLabel):
        out.append(w.text())
    for w in widget.findChildren(QLineEdit):
        out.append(w.placeholderText())
    for w in widget.findChildren(QComboBox):
        out += [w.itemText(i) for i in range(w.count())]
    for a in widget.actions():
        out.append(a.text())
    return [t for t in out if t]


def test_english_main_window_navigation_and_views(english_window) -> None:
    win = english_window
    nav = [win.nav.item(i).text() for i in range(win.nav.count())]
    assert nav[:3] == ["Projects", "Inspections", "Rectifications"]
    assert not [t for t in nav if CJK.search(t)], nav
    menu = [a.text() for a in win.view_menu.actions()]
    assert "Acceptance and handover" in menu or len(menu) < 7, menu

    projects = win.show_view("projects")
    assert "New project" in _texts(projects)
    redflags = win.show_view("redflags")
    texts = _texts(redflags)
    assert "Awaiting review" in texts and "All rules" in texts
    complaints = win.show_view("complaints")
    texts = _texts(complaints)
    assert "Close…" in texts and "Link finding…" in texts
    materials = win.show_view("materials")
    assert "Search" in [a.text() for a in materials.actions()]  # (F5 is the window's 同步 now)


def test_english_messages_and_photo_texts(english) -> None:
    from inspector.services.changes import Cancelled
    from inspector.services.photos import DUPLICATE, IMPORTED, ImportResult
    from inspector.ui.messages import describe
    from inspector.ui.widgets.photo_panel import summarize

    assert describe(Cancelled()) == "The operation was cancelled."
    assert describe(RuntimeError("x")).startswith("The operation failed: RuntimeError: x")
    results = [ImportResult(file="a.jpg", status=IMPORTED), ImportResult(file="b.jpg", status=IMPORTED),
               ImportResult(file="c.jpg", status=DUPLICATE)]
    assert summarize(results) == "2 imported, 1 duplicates (linked, not stored twice)."


def _finished(ts: Path) -> set[tuple[str, str]]:
    return {(ctx, src) for ctx, src, texts in _messages(ts) if all(t.strip() for t in texts)}


def test_column_headers_field_labels_and_choices_are_translated() -> None:
    """Every Column("…") header, Field(name, "…") label and fixed choice value has an English
    translation in the committed .ts under the context it is looked up with at display time."""
    tool = _i18n_tool()
    declared, bad = tool.declared_strings()
    assert not bad, "\n".join(bad)
    contexts = {ctx for ctx, _ in declared}
    assert contexts == {"Columns", "Fields", "Choices"}, contexts
    for pair in [("Columns", "项目编号"), ("Columns", "整改期限"), ("Fields", "县区"), ("Fields", "进场数量"),
                 ("Choices", "城东区"), ("Choices", "已办结"), ("Choices", "见证方")]:
        assert pair in declared, pair
    assert ("Choices", "晴") in tool.dynamic_strings()  # the weather words, through _DYNAMIC_TABLES
    done = _finished(TS)
    missing = [f"{ctx}: {text}" for ctx, text in declared if (ctx, text) not in done]
    assert not missing, "untranslated; run scripts/update-translations and translate:\n" + "\n".join(missing)


def test_english_headers_labels_and_choices_store_chinese(english, qtbot, store) -> None:
    """The register's table header and the project form show English; picking a district in the
    English combo box still stores the Chinese value."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    from inspector.domain import Project
    from inspector.services import projects as svc
    from inspector.ui.context import AppContext, ChangeBus
    from inspector.ui.views.projects import ProjectsView

    pid, _ = svc.create_project(store, fields={"code": "XN-2026-301", "name": "城东区民和巷小区改造",
                                               "district": "城东区", "status": "在建"})
    ctx = AppContext(store=store, bus=ChangeBus())
    view = ProjectsView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and not view.loading)
    header = [view.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(view.proxy.columnCount())]
    assert header[:3] == ["Project no.", "Project name", "District"], header
    assert view.district.itemText(view.district.findData("城东区")) == "Chengdong District"

    assert view.open_record("project", pid)
    qtbot.waitUntil(lambda: view.page.project_id == pid)
    form = view.page.basic
    labels = [w.text() for w in form.findChildren(QLabel) if w.buddy() is not None]
    assert "* District" in labels and "* Project no." in labels, labels
    assert not [t for t in labels if CJK.search(t)], labels
    combo = form.editors["district"]
    assert combo.currentText() == "Chengdong District" and form.raw_values()["district"] == "城东区"
    items = [combo.itemText(i) for i in range(combo.count())]
    assert "Huangyuan County" in items and not [t for t in items if CJK.search(t)], items

    with qtbot.waitSignal(view.page.saved, timeout=5000):
        combo.setCurrentIndex(combo.findText("Chengbei District"))
        combo.activated.emit(combo.currentIndex())
    with store.read() as s:
        assert s.get(Project, pid).district == "城北区"
    assert form.raw_values()["district"] == "城北区"
    form.set_value("district", "湟中区")
    assert combo.currentText() == "Huangzhong District" and form.raw_values()["district"] == "湟中区"
