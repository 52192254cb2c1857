"""What the GUI benchmarks share: a watch on the UI thread and a wait that keeps its event loop
turning (bench/register_gui.py, bench/lists_gui.py)."""

from __future__ import annotations

import time
from collections.abc import Callable


class StallWatch:
    """The longest the UI thread went without serving its event loop since `reset()`: a timer every
    5 ms notes when it last ran, and a gap between two runs is a frozen window."""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QTimer

        self.app = app
        self.worst = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer(interval=5)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self._last)
        self._last = now

    def reset(self) -> None:
        self.worst, self._last = 0.0, time.perf_counter()

    def wait(self, cond: Callable[[], bool], limit: float = 120.0, what: str = "the view") -> None:
        """Turn the event loop until `cond()` holds (TimeoutError after `limit` seconds)."""
        from PySide6.QtCore import QEventLoop

        end = time.perf_counter() + limit
        while not cond():
            if time.perf_counter() > end:
                raise TimeoutError(f"{what} did not answer")
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            time.sleep(0.001)
