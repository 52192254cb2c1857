"""Indexed project search and register sort orders (issue 13).

The FTS5 index `project_search` (trigram tokenizer) with the triggers that keep it current on every
write to `projects`, `parties` and `persons`, and one index per register sort order; filled from the
projects already in the store. What they are and why: `inspector/store/search_index.py`.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

from inspector.store import search_index

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    for statement in search_index.create_statements():
        conn.exec_driver_sql(statement)
    conn.exec_driver_sql("ANALYZE")  # the planner's statistics for the new indexes (see search_index)


def downgrade() -> None:
    conn = op.get_bind()
    for statement in search_index.drop_statements():
        conn.exec_driver_sql(statement)
