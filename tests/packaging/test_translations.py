"""The English translation: compiled, complete, loaded by the app, and the language setting."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import REPO

TS = REPO / "resources" / "i18n" / "inspector_en.ts"
QM = REPO / "resources" / "i18n" / "inspector_en.qm"
LRELEASE = Path(sys.executable).parent / "pyside6-lrelease"


def test_qm_translates_known_strings(qapp) -> None:
    from PySide6.QtCore import QTranslator

    tr = QTranslator()
    assert tr.load(str(QM)), QM
    assert tr.translate("MainWindow", "退出") == "Quit"
    assert tr.translate("MainWindow", "项目库") == "Projects"  # a section name, translated via a variable
    assert tr.translate("MainWindow", "没有这句话") == ""  # unknown text: no translation
    assert tr.translate("PdfPreviewDialog", "共 %n 页", None, 3) == "%n pages"  # plural forms


def test_committed_qm_is_compiled_from_committed_ts(tmp_path: Path) -> None:
    out = tmp_path / "x.qm"
    subprocess.run([str(LRELEASE), "-silent", str(TS), "-qm", str(out)], check=True)
    assert out.read_bytes() == QM.read_bytes(), "run scripts/update-translations and commit the .qm"


def test_every_message_is_translated() -> None:
    missing = []
    for ctx in ET.parse(TS).getroot().iter("context"):
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            texts = [f.text for f in tr.findall("numerusform")] or [tr.text] if tr is not None else [None]
            if tr is None or tr.get("type") == "unfinished" or not all((t or "").strip() for t in texts):
                missing.append(f"{ctx.findtext('name')}: {msg.findtext('source')}")
    assert not missing, "untranslated (see scripts/update-translations):\n" + "\n".join(missing)


@pytest.fixture
def english_window(qtbot, data_dir: Path):
    from PySide6.QtWidgets import QApplication

    from inspector.app import build

    app, window = build(data_dir, lang="en")
    qtbot.addWidget(window)
    yield window
    # The translator is global to the application: remove it so later tests see Chinese again.
    translator = getattr(app, "_inspector_translator", None)
    if translator is not None:
        QApplication.removeTranslator(translator)
        del app._inspector_translator
    window.ctx.store.close()


def test_main_window_in_english(english_window) -> None:
    win = english_window
    assert win.nav.item(0).text() == "Projects"
    menus = [a.text() for a in win.menuBar().actions()]
    assert "&File" in menus and "&View" in menus
    assert win.statusBar().currentMessage().startswith("Data folder:")


def test_main_window_in_chinese_by_default(qtbot, data_dir: Path) -> None:
    from inspector.app import build

    _app, win = build(data_dir)
    qtbot.addWidget(win)
    try:
        assert win.nav.item(0).text() == "项目库"
    finally:
        win.ctx.store.close()


def test_language_setting(store) -> None:
    from inspector.services.errors import ValidationError
    from inspector.ui.i18n import LANGUAGES, current_language, qm_path, set_language

    assert current_language(store) == "zh"
    set_language(store, "en")
    assert current_language(store) == "en"
    with pytest.raises(ValidationError, match="不支持的界面语言"):
        set_language(store, "fr")
    assert current_language(store) == "en"  # refused input changed nothing
    assert set(LANGUAGES) == {"zh", "en"}
    assert qm_path("en") == QM


def test_load_translator(qapp) -> None:
    from PySide6.QtCore import QCoreApplication

    from inspector.ui.i18n import load_translator

    assert load_translator(qapp, "zh") is None  # Chinese is the source language
    tr = load_translator(qapp, "en")
    assert tr is not None
    try:
        assert QCoreApplication.translate("MainWindow", "退出") == "Quit"
    finally:
        QCoreApplication.removeTranslator(tr)
    assert QCoreApplication.translate("MainWindow", "退出") == "退出"
