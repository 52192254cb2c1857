"""A guard against PySide6 6.12.0's reference-count bug on Python 3.11.

In PySide6/shiboken6 6.12.0 every call of a Qt method that returns nothing (`setText`, `update`,
`processEvents`…) releases one reference to `None` it never took, and every signal `emit` one to
`True` or `False`. From Python 3.12 these objects are immortal and the bug is harmless; on 3.11 their
counts fall by one per call, and when one reaches zero the interpreter aborts ("Fatal Python error:
none_dealloc"): a bare script dies after about 4 500 calls, the app after some tens of thousands of
UI updates — an afternoon in the field. 6.11.3 is free of it, but PySide6-Pdf (the record preview)
exists only as 6.12.0 in our package index, and it requires Essentials 6.12.0.

So on an affected build (Python before 3.12, PySide6 6.12) the counts of `None`, `True` and `False`
are raised by 2**48 once, before the window exists: what Python 3.12 does for them (immortal objects),
with no memory cost. `tests/ui/test_refcounts.py` makes the calls and checks the counts hold; drop
this module when the lock moves to a fixed PySide6."""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 2**48  # about 3e14 leaked calls: far beyond any session


def affected() -> bool:
    import PySide6

    return sys.version_info < (3, 12) and tuple(PySide6.__version_info__[:2]) == (6, 12)


def guard() -> bool:
    """Raise the counts once per process on an affected build; True when it did."""
    if getattr(sys, "_inspector_refcount_guard", False) or not affected():
        return False
    for obj in (None, True, False):
        # ob_refcnt is a PyObject's first field (a Py_ssize_t) in every release build of CPython.
        ctypes.c_ssize_t.from_address(id(obj)).value += HEADROOM
    sys._inspector_refcount_guard = True  # type: ignore[attr-defined]
    return True
