"""Every project's red flags as last computed, kept (issue 13): 风险提示 under 全部项目 opens on them
and pages them from the store instead of computing the whole store's flags in the window. What and
why: `inspector/store/flag_results.py`. Empty until first computed.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

from alembic import op

from inspector.store import flag_results

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    for statement in flag_results.create_statements():
        conn.exec_driver_sql(statement)


def downgrade() -> None:
    conn = op.get_bind()
    for statement in flag_results.drop_statements():
        conn.exec_driver_sql(statement)
    conn.exec_driver_sql("DELETE FROM settings WHERE key = 'redflag_results.state'")
