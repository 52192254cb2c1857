"""Signed records cannot change: triggers refuse updates and deletes of locked rows and of their parts.

The triggers are the last line of defence below the ORM hook: any path that writes SQL to the store
(an old app version, a script, a sync bug) hits them too. Only `base_rev`, the sync bookkeeping the
server acknowledges, may still change on a locked row.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

LOCKABLE = ("inspections", "rectifications", "acceptances", "handovers")
MESSAGE = "record is signed and locked: make a correcting revision instead"


def _columns(table: str) -> list[str]:
    rows = op.get_bind().execute(text(f"PRAGMA table_info({table})")).fetchall()
    return [r[1] for r in rows]


def _parent_locked(ref: str) -> str:
    return " OR ".join(
        f"EXISTS (SELECT 1 FROM {t} WHERE id = {ref} AND locked_at IS NOT NULL)" for t in LOCKABLE
    )


def upgrade() -> None:
    for table in LOCKABLE:
        same = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in _columns(table) if c != "base_rev")
        op.execute(f"""
            CREATE TRIGGER trg_{table}_locked_update BEFORE UPDATE ON {table}
            WHEN OLD.locked_at IS NOT NULL AND NOT ({same})
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""")
        op.execute(f"""
            CREATE TRIGGER trg_{table}_locked_delete BEFORE DELETE ON {table}
            WHEN OLD.locked_at IS NOT NULL
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""")
    # Parts of a signed record: its answers, checklists, signatories and photo links.
    parts = {
        "answers": "inspection_id",
        "inspection_checklists": "inspection_id",
        "signatories": "record_id",
        "photo_links": "target_id",
    }
    for table, ref in parts.items():
        for when, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")):
            cond = _parent_locked(f"{row}.{ref}")
            if when == "UPDATE":
                same = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in _columns(table) if c != "base_rev")
                cond = f"({cond}) AND NOT ({same})"
            op.execute(f"""
                CREATE TRIGGER trg_{table}_locked_{when.lower()} BEFORE {when} ON {table}
                WHEN {cond}
                BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""")


def downgrade() -> None:
    for table in LOCKABLE:
        op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_locked_update")
        op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_locked_delete")
    for table in ("answers", "inspection_checklists", "signatories", "photo_links"):
        for when in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_locked_{when}")
