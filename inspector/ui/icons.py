"""The app's own icons (hand-written SVG in resources/icons/), by name."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from inspector.paths import resources_dir

# app, new, search, photo, sign, pdf, sync, warning
NAMES = ("app", "new", "search", "photo", "sign", "pdf", "sync", "warning")


@cache
def icon(name: str) -> QIcon:
    """QIcon for resources/icons/NAME.svg (an empty icon, never an error, if the file is missing)."""
    return QIcon(str(resources_dir() / "icons" / f"{name}.svg"))
