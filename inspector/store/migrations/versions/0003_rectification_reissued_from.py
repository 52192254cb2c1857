"""Rectification.reissued_from_id: a notice re-issued after 未整改到位 points at the one it replaces.

Plain ADD COLUMN (no batch table copy), so the lock triggers of 0002 stay in place; the update
trigger of `rectifications` is rebuilt so that it covers the new column too.

Revision ID: 0003
Revises: 0002
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy import text

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

MESSAGE = "record is signed and locked: make a correcting revision instead"


def _rebuild_update_trigger() -> None:
    cols = [r[1] for r in op.get_bind().execute(text("PRAGMA table_info(rectifications)")).fetchall()]
    same = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in cols if c != "base_rev")
    op.execute("DROP TRIGGER IF EXISTS trg_rectifications_locked_update")
    op.execute(f"""
        CREATE TRIGGER trg_rectifications_locked_update BEFORE UPDATE ON rectifications
        WHEN OLD.locked_at IS NOT NULL AND NOT ({same})
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""")


def upgrade() -> None:
    op.add_column('rectifications', sa.Column('reissued_from_id', sa.String(length=64), nullable=True))
    op.create_index('ix_rectifications_reissued_from_id', 'rectifications', ['reissued_from_id'])
    _rebuild_update_trigger()


def downgrade() -> None:
    op.drop_index('ix_rectifications_reissued_from_id', 'rectifications')
    with op.batch_alter_table('rectifications', schema=None) as batch_op:
        batch_op.drop_column('reissued_from_id')
    _rebuild_update_trigger()
