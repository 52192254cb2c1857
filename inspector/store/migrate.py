"""Alembic, driven from code: the store upgrades itself to head when it is opened.

Revision ids are zero-padded sequence numbers ("0001", "0002", …), each revising the one before,
so the head is the largest id in `migrations/versions/` (a test checks this against Alembic's own
view). That lets the common start-up case — a store already at head — skip importing Alembic."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, text

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_REVISION = re.compile(r'^revision\s*=\s*["\'](\d+)["\']', re.MULTILINE)


def alembic_config(location: Path, engine: Engine | None = None):  # type: ignore[no-untyped-def]
    """Alembic's configuration for the chain in `location` (this store's, or the office's)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(location))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def config(engine: Engine | None = None):  # type: ignore[no-untyped-def]
    return alembic_config(MIGRATIONS, engine)


@cache
def head_of(location: Path) -> str:
    """The newest revision id of the chain in `location`, read from its files without importing
    Alembic (ids are "0001", "0002", … each revising the one before)."""
    ids = [m.group(1) for path in (location / "versions").glob("*.py")
           if (m := _REVISION.search(path.read_text(encoding="utf-8")))]
    return max(ids, default="")


def head() -> str:
    """The newest revision id of the store's chain."""
    return head_of(MIGRATIONS)


def alembic_heads() -> list[str]:
    from alembic.script import ScriptDirectory

    return list(ScriptDirectory.from_config(config()).get_heads())


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        has_table = conn.execute(text(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")).first()
        if not has_table:
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    if revision == "head" and current(engine) == head():
        return  # the common case: no Alembic import, no environment set-up at start-up
    from alembic import command

    command.upgrade(config(engine), revision)
