"""RectificationReply becomes Lockable: the signed 整改回复单/复查记录 is a record of its own.

Plain ADD COLUMN (no batch table copy), so the triggers of 0002 stay in place. New lock triggers
for `rectification_replies`, and the `photo_links` triggers are rebuilt so a before/after photo
linked to a signed reply cannot be moved either.

Revision ID: 0004
Revises: 0003
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy import text

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

MESSAGE = "record is signed and locked: make a correcting revision instead"
LOCKABLE = ("inspections", "rectifications", "acceptances", "handovers", "rectification_replies")
TABLE = "rectification_replies"


def _columns(table: str) -> list[str]:
    return [r[1] for r in op.get_bind().execute(text(f"PRAGMA table_info({table})")).fetchall()]


def _same(table: str) -> str:
    return " AND ".join(f"NEW.{c} IS OLD.{c}" for c in _columns(table) if c != "base_rev")


def _photo_link_triggers(lockable: tuple[str, ...]) -> None:
    for when, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")):
        cond = " OR ".join(
            f"EXISTS (SELECT 1 FROM {t} WHERE id = {row}.target_id AND locked_at IS NOT NULL)"
            for t in lockable
        )
        if when == "UPDATE":
            cond = f"({cond}) AND NOT ({_same('photo_links')})"
        op.execute(f"DROP TRIGGER IF EXISTS trg_photo_links_locked_{when.lower()}")
        op.execute(f"""
            CREATE TRIGGER trg_photo_links_locked_{when.lower()} BEFORE {when} ON photo_links
            WHEN {cond}
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""")


def upgrade() -> None:
    op.add_column(TABLE, sa.Column("locked_at", sa.DateTime(), nullable=True))
    op.add_column(TABLE, sa.Column("amends_id", sa.String(length=64), nullable=True))
    op.add_column(TABLE, sa.Column("pdf_sha256", sa.String(length=64), nullable=True))
    op.add_column(TABLE, sa.Column("content_sha256", sa.String(length=64), nullable=True))
    op.add_column(TABLE, sa.Column("signer_fingerprint", sa.String(length=128), nullable=True))
    op.add_column(TABLE, sa.Column("signer_name", sa.String(length=200), nullable=True))
    op.execute(f"""
        CREATE TRIGGER trg_{TABLE}_locked_update BEFORE UPDATE ON {TABLE}
        WHEN OLD.locked_at IS NOT NULL AND NOT ({_same(TABLE)})
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""")
    op.execute(f"""
        CREATE TRIGGER trg_{TABLE}_locked_delete BEFORE DELETE ON {TABLE}
        WHEN OLD.locked_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""")
    _photo_link_triggers(LOCKABLE)


def downgrade() -> None:
    op.execute(f"DROP TRIGGER IF EXISTS trg_{TABLE}_locked_update")
    op.execute(f"DROP TRIGGER IF EXISTS trg_{TABLE}_locked_delete")
    _photo_link_triggers(LOCKABLE[:-1])
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        for col in ("signer_name", "signer_fingerprint", "content_sha256", "pdf_sha256", "amends_id",
                    "locked_at"):
            batch_op.drop_column(col)
