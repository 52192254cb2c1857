"""The office database's own Alembic chain (`office/migrations/`), applied at start.

Two server processes may start at once on one database: the upgrade runs under a lock (a
PostgreSQL advisory lock, or a lock file beside the SQLite file), so one migrates and the other
then finds the database at head."""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from inspector.store.migrate import alembic_config, head_of

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "office_alembic_version"
_PG_LOCK = 0x1A5EC708  # any constant: the advisory lock of this application's migrations


def config(engine: Engine | None = None):  # type: ignore[no-untyped-def]
    return alembic_config(MIGRATIONS, engine)


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        return conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def head() -> str:
    """The newest revision id, so a start on a database already at head does not import Alembic."""
    return head_of(MIGRATIONS)


def alembic_heads() -> list[str]:
    from alembic.script import ScriptDirectory

    return list(ScriptDirectory.from_config(config()).get_heads())


@contextlib.contextmanager
def _migration_lock(engine: Engine, lock_file: Path | None) -> Iterator[None]:
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _PG_LOCK})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_LOCK})
                conn.commit()
        return
    if lock_file is None:
        yield
        return
    with open(lock_file, "a+b") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def upgrade(engine: Engine, *, lock_file: Path | None = None, revision: str = "head") -> None:
    if revision == "head" and current(engine) == head():
        return  # the common start: no Alembic import, no lock
    from alembic import command

    with _migration_lock(engine, lock_file):
        command.upgrade(config(engine), revision)
