"""What the GUI benchmarks share: a watch on the UI thread and a wait that keeps its event loop
turning (bench/register_gui.py, bench/lists_gui.py)."""

from __future__ import annotations

import time
from collections.abc import Callable

from inspector.app import GapWatch


class StallWatch(GapWatch):
    """The app's watch on the UI thread (a gap between two runs of a 5 ms timer is a frozen window),
    reset before each step, with a wait that keeps the event loop turning."""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.app = app

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

    def step(self, action: Callable[[], object], done: Callable[[], bool], what: str = "the view") -> list[float]:
        """[seconds until `done()` holds and the rows are painted, worst UI-thread stall] for one
        user action."""
        self.app.processEvents()
        self.reset()
        start = time.perf_counter()
        action()
        self.wait(done, what=what)
        self.app.processEvents()
        return [time.perf_counter() - start, self.worst]
