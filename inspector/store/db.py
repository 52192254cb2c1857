"""The local store: one SQLite file (WAL, foreign keys) plus the blob folder, migrated at open."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from inspector.domain.system import Setting
from inspector.paths import DB_NAME, create_private_file, private_dir, private_file
from inspector.store import hooks
from inspector.store.blobs import BlobStore

log = logging.getLogger(__name__)



class StoreError(Exception):
    pass


class WriteSession(Session):
    """Sessions that write: BEGIN IMMEDIATE, audit and lock hooks."""


hooks.install(WriteSession)


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy, not the driver, decide when transactions begin (see _on_begin).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        # FULL: a committed inspection answer survives a power cut, not just a killed process.
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        # Writers take the lock up front so two writers queue instead of failing with SQLITE_BUSY.
        if conn.get_execution_options().get("write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            # Foreign keys are checked at commit: the ORM inserts unrelated mappers in any order,
            # and a transaction that would leave a dangling reference still fails as a whole.
            conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


class Store:
    """Opens (creating and migrating as needed) the store in `data_dir`."""

    def __init__(self, data_dir: Path | str, *, actor: str = "", migrate: bool = True) -> None:
        self.data_dir = private_dir(data_dir)
        self.path = self.data_dir / DB_NAME
        # Owner-only before SQLite opens it; SQLite gives its -wal and -shm files the db's mode.
        create_private_file(self.path)
        for suffix in ("-wal", "-shm"):
            private_file(f"{self.path}{suffix}")
        self.engine = make_engine(self.path)
        if migrate:
            from inspector.store.migrate import upgrade

            upgrade(self.engine)
        self.blobs = BlobStore(self.data_dir / "blobs")
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(self.engine.execution_options(write=True), class_=WriteSession,
                                   expire_on_commit=False)
        self.actor = actor or "本机用户"
        self.device_id = ""
        self.device_id = self._ensure_device_id()
        if not actor:
            self.actor = self.get_setting("inspector_name", "") or self.actor

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any exception."""
        with self._write() as session:
            session.info.update(actor=self.actor, device_id=self.device_id)
            with session.begin():
                yield session

    def get_setting(self, key: str, default: str = "") -> str:
        with self.read() as s:
            value = s.scalar(select(Setting.value).where(Setting.key == key))
        return default if value is None else value

    def set_setting(self, key: str, value: str) -> None:
        with self.write() as s:
            s.merge(Setting(key=key, value=value))

    def _ensure_device_id(self) -> str:
        existing = self.get_setting("device_id")
        if existing:
            return existing
        device = str(uuid.uuid4())
        self.set_setting("device_id", device)
        return device

    def close(self) -> None:
        self.engine.dispose()
