"""What a write changed, so the UI can refresh only the views that show it (Anki's OpChanges idea)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Changes:
    """Entity kinds (table names) and record ids a service call changed."""

    kinds: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @staticmethod
    def of(*kinds: str, ids: tuple[str, ...] | list[str] = ()) -> Changes:
        return Changes(frozenset(kinds), frozenset(ids))

    def touches(self, *kinds: str) -> bool:
        return bool(self.kinds.intersection(kinds))

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds, self.ids | other.ids, {**self.extra, **other.extra})


class Progress:
    """Handed to long service calls: report progress, and check whether the user cancelled.
    The default does nothing, so the same service runs headless (CLI, tests) unchanged."""

    def report(self, done: int, total: int, text: str = "") -> None:  # noqa: D401 - hook
        pass

    @property
    def cancelled(self) -> bool:
        return False


# Runs one write (a unit of work) and returns its result. The desktop app passes one that queues it on
# its single writer thread (`ui.ops.run_in_writer`), so long background work does not hold the writer
# throughout; headless callers write directly.
Writer = Callable[[Callable[[], Any]], Any]


def write_directly(fn: Callable[[], Any]) -> Any:
    return fn()


class Cancelled(Exception):
    """Raised by a service that stopped because its Progress said cancelled."""
