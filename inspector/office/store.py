"""The office's store: the same `Store` (units of work, hooks, blobs) over the office's database,
an SQLite file in the data directory by default or PostgreSQL for a real office (a URL picks it),
migrated by the office's own Alembic chain when opened.

Writers are serialised on both: SQLite takes its write lock up front (BEGIN IMMEDIATE, as on the
laptop); on PostgreSQL a writing unit first locks the `store_seq` row, which every synced write
steps anyway, so a push reads what it merges against only once every earlier writer has committed
(two server processes on one database behave as one). Readers on PostgreSQL see one snapshot per
transaction (REPEATABLE READ), so a pull page is consistent, as SQLite's WAL readers are.

The lock triggers of signed records are SQLite's (`store/locks.py`): on PostgreSQL the office
relies on the flush hook (local edits), `apply_remote`'s own checks (pushes) and the seals that
`inspector verify`-style checks recompute."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from inspector.domain.system import Setting
from inspector.office import migrate
from inspector.store import Actor, Workspace
from inspector.store.db import Store, make_engine

OFFICE_DB = "office.sqlite3"
OFFICE_ACTOR = Actor("监督站")


class OfficeStoreError(Exception):
    """The office database cannot be opened (message in Chinese: what to do)."""


def secure_dir(path: Path) -> Path:
    """The data directory, readable by the server's user only (0700)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if stat.S_IMODE(path.stat().st_mode) != 0o700:
        os.chmod(path, 0o700)
    return path


def _create_private(path: Path) -> None:
    """Create the SQLite file 0600 before SQLite opens it (its -wal and -shm files take the same
    permissions). Only before this process connects: closing any descriptor of the file would drop
    the POSIX locks its SQLite connections hold on it."""
    if not path.exists():
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    _private(path)


def _private(*paths: Path) -> None:
    for p in paths:
        if p.exists() and stat.S_IMODE(p.stat().st_mode) != 0o600:
            os.chmod(p, 0o600)


def _pg_engine(url: str) -> Engine:
    engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        if conn.get_execution_options().get("write"):
            conn.exec_driver_sql("SELECT seq FROM store_seq WHERE id = 1 FOR UPDATE")

    return engine


def database_url(data_dir: Path, url: str | None) -> str:
    return url or f"sqlite:///{data_dir / OFFICE_DB}"


class OfficeStore(Store):
    """The office's store in `data_dir` (blobs there too), on the database `url` (default: an
    SQLite file in `data_dir`). role "office": every local write records per-field revisions."""

    def __init__(self, data_dir: Path | str, url: str | None = None) -> None:
        data_dir = secure_dir(Path(data_dir))
        url = database_url(data_dir, url)
        try:
            parsed = make_url(url)
        except Exception as exc:  # noqa: BLE001 - any parse failure is a bad --db
            raise OfficeStoreError(f"数据库地址无效：{url!r}。请用 sqlite:///文件路径 或 "
                                   "postgresql+psycopg://用户@主机:端口/库名") from exc
        self.dialect = parsed.get_backend_name()
        if self.dialect == "sqlite":
            path = Path(parsed.database or "")
            if not parsed.database or parsed.database == ":memory:":
                raise OfficeStoreError("监督站的 SQLite 数据库必须是文件：sqlite:///路径")
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            _create_private(path)
            engine = make_engine(path)
            lock_file: Path | None = path.with_name(path.name + ".migrate-lock")
            read_engine = None
        elif self.dialect == "postgresql":
            engine, path, lock_file = _pg_engine(url), None, None
            read_engine = engine.execution_options(isolation_level="REPEATABLE READ")
        else:
            raise OfficeStoreError(f"不支持的数据库：{self.dialect}。请用 SQLite 或 PostgreSQL")
        try:
            migrate.upgrade(engine, lock_file=lock_file)
        except Exception as exc:
            engine.dispose()
            if isinstance(exc, OfficeStoreError):
                raise
            from sqlalchemy.exc import OperationalError

            if isinstance(exc, OperationalError):
                raise OfficeStoreError(f"无法连接监督站数据库（{parsed.render_as_string(hide_password=True)}）："
                                       f"{str(exc.orig).strip().splitlines()[0] if exc.orig else exc}。"
                                       "请检查数据库是否已启动、地址和权限是否正确") from exc
            raise
        if lock_file is not None:
            _private(lock_file)
        self._attach(data_dir, engine, path=path, role="office", read_engine=read_engine)
        if self.dialect == "sqlite":
            from inspector.store.integrity import on_open

            on_open(self)
            _private(*(path.with_name(path.name + suffix) for suffix in ("", "-wal", "-shm")))  # type: ignore[union-attr]

    def _ensure_device_id(self) -> str:
        # The migration gave the office its device id: never make one here, where two processes
        # starting at once would each make their own.
        with self.read() as s:
            value = s.get(Setting, "device_id")
        if value is None or not value.value:
            raise OfficeStoreError("监督站数据库缺少设备标识：数据库未完成初始化，请重新启动服务")
        return value.value


def open_office(data_dir: Path | str, url: str | None = None, actor: Actor = OFFICE_ACTOR) -> Workspace:
    """The office's store as `actor` (default: the office itself)."""
    return Workspace(OfficeStore(data_dir, url), actor)
