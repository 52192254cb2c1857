"""The desktop UI (PySide6). Importing it guards the interpreter against PySide6 6.12.0's
reference-count bug on Python 3.11 (`refcounts.py`)."""

from inspector.ui.refcounts import guard as _guard

_guard()
