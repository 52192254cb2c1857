"""Where resources/, forms/ and user data live, from a source checkout and when frozen."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_ENV_HOME = "INSPECTOR_HOME"
DB_NAME = "inspector.sqlite3"  # the store's SQLite file inside the data folder


def bundle_root() -> Path:
    """Root that holds resources/ and forms/: the repository, or PyInstaller's unpack folder."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return bundle_root() / "resources"


def forms_dir() -> Path:
    """The checklists: `$INSPECTOR_FORMS` (an office's own set, or a test's), else the shipped ones."""
    override = os.environ.get("INSPECTOR_FORMS")
    return Path(override) if override else bundle_root() / "forms"


def font_path() -> Path:
    """The CJK TrueType font embedded in PDFs and loaded into Qt (WenQuanYi Micro Hei)."""
    return resources_dir() / "fonts" / "wqy-microhei.ttf"


def fallback_font_path() -> Path:
    """The records' fallback for symbols the CJK font draws as nothing, such as ℃ (DejaVu Sans)."""
    return resources_dir() / "fonts" / "dejavu-sans.ttf"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The user's data folder: --data-dir, else $INSPECTOR_HOME, else the platform's data dir."""
    if override:
        path = Path(override)
    elif os.environ.get(_ENV_HOME):
        path = Path(os.environ[_ENV_HOME])
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir("inspector", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path
