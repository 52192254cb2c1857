"""A signed rectification notice still moves through its workflow (replied → closed / escalated).

Its signed content stays immutable; only `status`, `closed_on` and `escalation_reason` (and the
rev/updated stamps that come with any change) may change on a locked notice. Mirrors
`Rectification.WORKFLOW_COLUMNS`, which the ORM flush hook enforces.

Revision ID: 0005
Revises: 0004
"""
from __future__ import annotations

from collections.abc import Iterable

from alembic import op
from sqlalchemy import text
from sqlalchemy.engine import Connection

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


MESSAGE = "record is signed and locked: make a correcting revision instead"


def rebuild_update_trigger(conn: Connection, table: str, *, workflow: Iterable[str] = ()) -> None:
    """Refuse updates of a locked row, except to `workflow` columns (and their stamps). Frozen here
    as it was at this revision; 0006 replaces every trigger with those of `store/locks.py`."""
    workflow = frozenset(workflow)
    exempt = {"base_rev"} | ((workflow | {"rev", "updated_at", "updated_by", "device_id"}) if workflow else set())
    cols = [r[1] for r in conn.execute(text(f"PRAGMA table_info({table})")).fetchall()]
    same = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in cols if c not in exempt)
    conn.execute(text(f"DROP TRIGGER IF EXISTS trg_{table}_locked_update"))
    conn.execute(text(f"""
        CREATE TRIGGER trg_{table}_locked_update BEFORE UPDATE ON {table}
        WHEN OLD.locked_at IS NOT NULL AND NOT ({same})
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"""))


def upgrade() -> None:
    rebuild_update_trigger(op.get_bind(), "rectifications",
                           workflow=("status", "closed_on", "escalation_reason"))


def downgrade() -> None:
    rebuild_update_trigger(op.get_bind(), "rectifications")
