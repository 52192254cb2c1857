"""The office as one object: its settings, its store (synced data, blobs) and sessions for its own
tables (accounts, devices, tokens, counters). Built by the server at start-up and by each CLI
command; nothing in it is state another server process would need."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session, sessionmaker

from inspector.office.config import OfficeSettings
from inspector.office.store import OFFICE_ACTOR, OfficeStore, secure_dir
from inspector.store import Actor, Workspace


class OfficeError(Exception):
    """A request or command the office refuses: an HTTP status, a stable code, a Chinese message
    that says what to do, and headers to send (Retry-After, Upload-Offset)."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers or {}


class Office:
    def __init__(self, settings: OfficeSettings) -> None:
        self.settings = settings
        self.store = OfficeStore(settings.data_dir, settings.db_url)
        for d in (self.store.blobs.root, self.store.blobs.root / "tmp"):
            secure_dir(d)
        engine = self.store.engine
        # Office tables are bookkeeping, written outside units (no revision, no audit). On SQLite a
        # writer takes the lock up front; on PostgreSQL they need no store-wide lock.
        self._sessions = sessionmaker(engine.execution_options(write=True) if self.store.dialect == "sqlite"
                                      else engine, expire_on_commit=False)
        # Reads (every request's token check) take no write lock: on SQLite they never wait for a push.
        self._reads = sessionmaker(engine, expire_on_commit=False)

    @property
    def workspace(self) -> Workspace:
        return Workspace(self.store, OFFICE_ACTOR)

    def as_actor(self, actor: Actor) -> Workspace:
        return Workspace(self.store, actor)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction over the office's own tables: committed at the end, rolled back on error."""
        with self._sessions() as s, s.begin():
            yield s

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only look at the office's own tables."""
        with self._reads() as s, s.begin():
            yield s

    def close(self) -> None:
        self.store.close()
