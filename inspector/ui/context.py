"""What every window and view is given: the store, the change bus, the loaded checklists."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from inspector.services.changes import Changes

if TYPE_CHECKING:  # the store (SQLAlchemy) loads after the window is shown
    from inspector.store import Workspace


class ChangeBus(QObject):
    """Announces what each write changed; views refresh only when it concerns them."""

    changed = Signal(object)  # Changes

    def announce(self, changes: Changes | None) -> None:
        if changes is not None and (changes.kinds or changes.ids):
            self.changed.emit(changes)


@dataclass
class AppContext:
    store: Workspace  # the store, as the inspector at this laptop acts on it
    bus: ChangeBus
    checklists: Any = None  # inspector.checklists registry, loaded at start
    settings: dict[str, Any] = field(default_factory=dict)
    # The project the inspector last chose anywhere (项目库 row, a section's picker): a new
    # inspection or acceptance starts on it, and single-project sections open on it.
    current_project_id: str = ""
