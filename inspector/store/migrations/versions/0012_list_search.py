"""Text indexes for the inspections list and 整改跟踪 (issue 13): an FTS5 trigram index per list,
kept by triggers, filled from the rows already in the store. What they are and why:
`inspector/store/list_search.py`.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

from alembic import op

from inspector.store import list_search

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    for statement in list_search.create_statements():
        conn.exec_driver_sql(statement)


def downgrade() -> None:
    conn = op.get_bind()
    for statement in list_search.drop_statements():
        conn.exec_driver_sql(statement)
