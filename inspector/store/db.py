"""The local store: one SQLite file (WAL, foreign keys) plus the blob folder, migrated at open."""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from inspector.domain.system import Setting
from inspector.paths import DB_NAME, create_private_file, private_dir, private_file
from inspector.store import flag_keys, hooks
from inspector.store.blobs import BlobStore
from inspector.store.unit import SYSTEM, Actor, Mode, Unit, Workspace, WriteInfo

log = logging.getLogger(__name__)

# Who the local inspector is (set at first run, changed in 设置); the signing actor is built from them.
INSPECTOR_NAME, BADGE_NO, STATION_NAME = "inspector_name", "badge_no", "station_name"
FALLBACK_ACTOR = "本机用户"
BUSY_TIMEOUT_MS = int(float(os.environ.get("INSPECTOR_BUSY_TIMEOUT", "10")) * 1000)


class StoreError(Exception):
    pass


class WriteSession(Session):
    """Sessions that write: BEGIN IMMEDIATE, the unit's hooks (revision, outbox, locks, audit)."""


hooks.install(WriteSession)


def make_engine(path: Path, *, readonly: bool = False) -> Engine:
    if readonly:  # a folder we may not write: no -wal/-shm files can be made, read the file as it is
        engine = create_engine(f"sqlite:///file:{path}?mode=ro&immutable=1&uri=true", future=True)
    else:
        engine = create_engine(f"sqlite:///{path}", future=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy, not the driver, decide when transactions begin (see _on_begin).
        dbapi_conn.isolation_level = None
        flag_keys.register(dbapi_conn)  # the red-flag keys' triggers call it on every write
        cur = dbapi_conn.cursor()
        if readonly:
            cur.execute("PRAGMA query_only=ON")
            cur.close()
            return
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        # FULL: a committed inspection answer survives a power cut, not just a killed process.
        cur.execute("PRAGMA synchronous=FULL")
        # Another writer (a second window, a command) is waited for this long before giving up.
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
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
    """Opens (creating and migrating as needed) the store in `data_dir`. Knows no actor: writes go
    through `unit(actor, mode)`, or a `Workspace` that carries one."""

    readonly = False

    def __init__(self, data_dir: Path | str, *, migrate: bool = True, role: str | None = None,
                 readonly: bool = False) -> None:
        self.data_dir = Path(data_dir)
        self.readonly = readonly
        self.path = self.data_dir / DB_NAME
        try:
            self._open(migrate, role)
        except StoreError:
            raise
        except Exception as exc:  # noqa: BLE001 - said in Chinese, with the cause kept for the log
            from inspector.store.errors import explain

            message = explain(exc)
            if message is None:
                raise
            raise StoreError(f"{message}（数据目录：{self.data_dir}）") from exc

    def _open(self, migrate: bool, role: str | None) -> None:
        if self.readonly:
            if not self.path.is_file():
                raise StoreError(f"数据目录中没有数据库：{self.data_dir}")
        else:
            self.data_dir = private_dir(self.data_dir)
            # Owner-only before SQLite opens it; SQLite gives its -wal and -shm files the db's mode.
            create_private_file(self.path)
            for suffix in ("-wal", "-shm"):
                private_file(f"{self.path}{suffix}")
        engine = make_engine(self.path, readonly=self.readonly)
        if self.readonly:
            from inspector.store.migrate import current, head

            if current(engine) != head():
                raise StoreError("数据库需要升级到新版本，但数据目录是只读的。请在可写的数据目录中打开一次。")
        elif migrate:
            from inspector.store.migrate import upgrade

            upgrade(engine)
        self._attach(self.data_dir, engine, path=self.path, role=role)
        if migrate and not self.readonly:
            from inspector.store.integrity import on_open

            on_open(self)

    def _attach(self, data_dir: Path, engine: Engine, *, path: Path | None, role: str | None,
                read_engine: Engine | None = None, write_engine: Engine | None = None) -> None:
        """Sessions, blobs and identity over a migrated database (`office/store.py` opens the
        office's database, SQLite or PostgreSQL, and attaches it the same way). Writers use
        `write_engine` (default: the engine with the `write` option its begin hook acts on)."""
        self.data_dir, self.path, self.engine = data_dir, path, engine
        self.blobs = BlobStore(self.data_dir / "blobs", readonly=self.readonly)
        self._read = sessionmaker(read_engine or engine, expire_on_commit=False)
        self._write = sessionmaker(write_engine or engine.execution_options(write=True), class_=WriteSession,
                                   expire_on_commit=False)
        self.device_id, self.role = "", "device"
        if self.readonly:
            self.device_id = self.get_setting("device_id")
            self.role = self.get_setting("sync_role", "device")
            return
        self.device_id = self._ensure_device_id()
        if role is not None and role != self.get_setting("sync_role", "device"):
            if role not in ("device", "office"):
                raise StoreError(f"unknown store role {role!r}")
            self.set_setting("sync_role", role)
        self.role = self.get_setting("sync_role", "device")

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session:
            yield session

    @contextmanager
    def unit(self, actor: Actor, mode: Mode = Mode.LOCAL) -> Iterator[Unit]:
        """One transaction: committed when the block ends, rolled back on any exception."""
        if self.readonly:
            raise StoreError("数据目录是只读的，不能修改数据。")
        with self._write() as session:
            session.info["unit"] = WriteInfo(actor, self.device_id, Mode(mode), self.role)
            with session.begin():
                yield Unit(self, session, actor, Mode(mode))

    def get_setting(self, key: str, default: str = "") -> str:
        with self.read() as s:
            value = s.scalar(select(Setting.value).where(Setting.key == key))
        return default if value is None else value

    def set_setting(self, key: str, value: str) -> None:
        """Settings are bookkeeping (not synced, not audited)."""
        with self.unit(SYSTEM) as uow:
            uow.set_setting(key, value)

    def local_actor(self) -> Actor:
        """The inspector at this laptop, as the settings name them."""
        return Actor(self.get_setting(INSPECTOR_NAME, "").strip() or FALLBACK_ACTOR,
                     login=self.get_setting("office_login", ""), badge_no=self.get_setting(BADGE_NO, ""))

    def _ensure_device_id(self) -> str:
        existing = self.get_setting("device_id")
        if existing:
            return existing
        device = str(uuid.uuid4())
        self.set_setting("device_id", device)
        return device

    def close(self) -> None:
        self.engine.dispose()


def open_workspace(data_dir: Path | str, actor: Actor | None = None, *, migrate: bool = True,
                   role: str | None = None, readonly: bool = False) -> Workspace:
    """The store in `data_dir`, as `actor` (default: the local inspector from the settings).
    role "office": the store the office server keeps (it numbers revisions for every device)."""
    store = Store(data_dir, migrate=migrate, role=role, readonly=readonly)
    return Workspace(store, actor or store.local_actor())
