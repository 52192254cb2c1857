"""The one way to run work off the GUI thread (after Anki's QueryOp and Picard's run_task).

`run_op(fn, on_success=...)` runs `fn(progress)` on a worker; results, errors and progress come
back as signals delivered on the GUI thread. Writes go through a single-thread pool, because
SQLite has one writer; images, PDFs and HTTP use the general pool."""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from inspector.services.changes import Cancelled, Progress
from inspector.services.errors import UserError

log = logging.getLogger(__name__)

_write_pool: QThreadPool | None = None


def write_pool() -> QThreadPool:
    global _write_pool
    if _write_pool is None:
        _write_pool = QThreadPool()
        _write_pool.setMaxThreadCount(1)
    return _write_pool


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)
    finished = Signal()


class _QtProgress(Progress):
    def __init__(self, signals: _Signals, cancel: threading.Event) -> None:
        self._signals = signals
        self._cancel = cancel

    def report(self, done: int, total: int, text: str = "") -> None:
        try:
            self._signals.progressed.emit(done, total, text)
        except RuntimeError:  # the window that asked has closed: nobody waits for the result
            log.debug("progress dropped, work cancelled: its receiver is gone")
            self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class Op(QObject):
    """A handle on running work: connect to its signals, or call cancel()."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self.signals = _Signals()
        self.signals.succeeded.connect(self.succeeded)
        self.signals.failed.connect(self.failed)
        self.signals.progressed.connect(self.progressed)
        self.signals.finished.connect(self.finished)
        self.running = True
        self.finished.connect(self._on_finished)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    @Slot()
    def _on_finished(self) -> None:
        self.running = False
        _live.discard(self)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], op: Op) -> None:
        super().__init__()
        self.fn = fn
        self.op = op
        self.signals = op.signals  # keep the signals object alive with the runnable

    def run(self) -> None:
        try:
            result = self.fn(_QtProgress(self.signals, self.op._cancel))
        except (Cancelled, UserError) as exc:  # expected outcomes, not faults: no traceback
            log.info("background work refused: %s", exc)
            self._emit(self.signals.failed, exc)
        except BaseException as exc:  # noqa: BLE001 - everything is reported to the GUI
            log.error("background work failed:\n%s", traceback.format_exc())
            self._emit(self.signals.failed, exc)
        else:
            self._emit(self.signals.succeeded, result)
        finally:
            self._emit(self.signals.finished)

    @staticmethod
    def _emit(signal, *args) -> None:  # type: ignore[no-untyped-def]
        # The window that started the work may have closed meanwhile; its result has nowhere to go.
        try:
            signal.emit(*args)
        except RuntimeError:
            log.debug("result of background work dropped: its receiver is gone")


_live: set[Op] = set()  # ops stay alive until they finish, even if the caller drops its handle


def run_op(
    fn: Callable[[Progress], Any],
    *,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    write: bool = False,
    parent: QObject | None = None,
) -> Op:
    """Run `fn(progress)` off the GUI thread. `fn` must not touch widgets.

    on_failure defaults to showing the error once, in plain Chinese, via the app's error hook."""
    op = Op(parent)
    if on_success:
        op.succeeded.connect(on_success)
    op.failed.connect(on_failure or show_error)
    if on_progress:
        op.progressed.connect(on_progress)
    _live.add(op)
    (write_pool() if write else QThreadPool.globalInstance()).start(_Runnable(fn, op))
    return op


def show_error(exc: BaseException) -> None:
    from inspector.ui.messages import show_exception

    show_exception(None, exc)


def wait_idle(msecs: int = 30000) -> bool:
    """Wait for all background work (tests and shutdown)."""
    a = write_pool().waitForDone(msecs)
    b = QThreadPool.globalInstance().waitForDone(msecs)
    return a and b


class _WriterTask(QRunnable):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn, self.done, self.result, self.error = fn, threading.Event(), None, None

    def run(self) -> None:
        try:
            self.result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the waiting thread
            self.error = exc
        finally:
            self.done.set()


def run_in_writer(fn: Callable[[], Any]) -> Any:
    """Run `fn` on the single writer thread and wait for it; for long background work (a sync) whose
    writes must queue with the inspector's edits instead of holding the writer throughout. Call it
    from a worker, never from the GUI thread or from the writer itself."""
    task = _WriterTask(fn)
    task.setAutoDelete(False)
    write_pool().start(task)
    task.done.wait()
    if task.error is not None:
        raise task.error
    return task.result
