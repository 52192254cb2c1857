"""Interface language: the setting, and loading the compiled English translation.

Chinese is the source language (strings in the code are Chinese, wrapped in `self.tr()`); English
comes from `resources/i18n/inspector_en.qm`, made by `scripts/update-translations`. Widgets build
their text once, so a change of language takes effect at the next start: the settings menu calls
`set_language()` and tells the user to restart.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from inspector.paths import resources_dir

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from inspector.store import Workspace

log = logging.getLogger(__name__)

SETTING_KEY = "language"
DEFAULT_LANGUAGE = "zh"
# Code → the language's own name, as shown in a language menu (not translated on purpose).
LANGUAGES: dict[str, str] = {"zh": "中文", "en": "English"}


def ui_language() -> str:
    """The language the interface is shown in now ("zh" unless a translation is loaded). The
    English .qm translates this marker to "en"."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Language", "zh")


def qm_path(lang: str) -> Path:
    """The compiled translation for `lang` (there is none for the source language, zh)."""
    return resources_dir() / "i18n" / f"inspector_{lang}.qm"


def current_language(store: Workspace) -> str:
    """The saved language, or Chinese when unset or unknown."""
    lang = store.get_setting(SETTING_KEY, DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def set_language(store: Workspace, lang: str) -> None:
    """Save the interface language for the next start. Unknown codes change nothing."""
    from inspector.services.errors import ValidationError

    if lang not in LANGUAGES:
        raise ValidationError({"language": f"不支持的界面语言：{lang}（可选：{'、'.join(LANGUAGES)}）"})
    store.set_setting(SETTING_KEY, lang)


def load_qt_translator(app: QCoreApplication, lang: str) -> QTranslator | None:
    """Qt's own translation of its standard texts (OK/Cancel/Save, the file dialog's 查找范围 and
    文件名), shipped with PySide6. Qt's source language is English: only Chinese needs one."""
    if lang != "zh":
        return None
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    tr = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not tr.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder):
        log.warning("Qt's Chinese translations not found in %s: standard buttons stay English", folder)
        return None
    app.installTranslator(tr)
    # The texts Qt's own Chinese lacks (the file dialog's 查找范围, 文件类型): searched first.
    extra = QTranslator(tr)
    if extra.load(str(resources_dir() / "i18n" / "qt_extra_zh.qm")):
        app.installTranslator(extra)
    return tr


def remove_qt_translator(app: QCoreApplication, tr: QTranslator) -> None:
    """Undo `load_qt_translator` (tests switch languages in one process)."""
    from PySide6.QtCore import QTranslator

    for extra in tr.findChildren(QTranslator):
        app.removeTranslator(extra)
    app.removeTranslator(tr)


def load_translator(app: QCoreApplication, lang: str) -> QTranslator | None:
    """Install the translator for `lang` on `app`; None for Chinese or when the .qm is missing."""
    if lang == DEFAULT_LANGUAGE:
        return None
    from PySide6.QtCore import QTranslator

    tr = QTranslator(app)  # parented to the app, so it lives as long as the app
    if not tr.load(str(qm_path(lang))):
        log.warning("translation %s not found; staying in Chinese", qm_path(lang))
        return None
    app.installTranslator(tr)
    return tr
