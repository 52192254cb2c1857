"""SQL triggers that refuse changes to signed rows, for migrations to (re)create.

A trigger lists the columns that must stay equal, so it has to be rebuilt whenever a lockable
table gains a column: every migration that adds one calls `rebuild_update_trigger`."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.engine import Connection

MESSAGE = "record is signed and locked: make a correcting revision instead"
# Sync bookkeeping that may change on any row, locked or not.
ALWAYS_EXEMPT = frozenset({"base_rev"})
# What a workflow-only update also touches (the flush hook stamps these on every change).
STAMP_COLUMNS = frozenset({"rev", "updated_at", "updated_by", "device_id"})


def columns(conn: Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(text(f"PRAGMA table_info({table})")).fetchall()]


def rebuild_update_trigger(conn: Connection, table: str, *, workflow: Iterable[str] = ()) -> None:
    """Refuse updates of a locked row, except to `workflow` columns (plus their stamps)."""
    workflow = frozenset(workflow)
    exempt = ALWAYS_EXEMPT | ((workflow | STAMP_COLUMNS) if workflow else frozenset())
    same = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in columns(conn, table) if c not in exempt)
    conn.execute(text(f"DROP TRIGGER IF EXISTS trg_{table}_locked_update"))
    conn.execute(text(f"""
        CREATE TRIGGER trg_{table}_locked_update BEFORE UPDATE ON {table}
        WHEN OLD.locked_at IS NOT NULL AND NOT ({same})
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"""))
