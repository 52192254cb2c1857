"""Indexes for the lists that page from the store (issue 13): one per sort order of the
inspections list (and the lists after it), over live rows. What they are and why:
`inspector/store/list_indexes.py`.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

from alembic import op

from inspector.store import list_indexes

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    for statement in list_indexes.create_statements():
        conn.exec_driver_sql(statement)


def downgrade() -> None:
    conn = op.get_bind()
    for statement in list_indexes.drop_statements():
        conn.exec_driver_sql(statement)
