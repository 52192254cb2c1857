"""The cross-project red flags' identifiers, normalized and indexed (issue 13): opening a project no
longer reads every person, party and report of the store to check five rules. What and why:
`inspector/store/flag_keys.py`.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

from alembic import op

from inspector.store import flag_keys

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    for statement in flag_keys.create_statements():
        conn.exec_driver_sql(statement)


def downgrade() -> None:
    conn = op.get_bind()
    for statement in flag_keys.drop_statements():
        conn.exec_driver_sql(statement)
