"""Indexed project search at the office (issue 13): what the laptop's 0008 gives the inspector.

PostgreSQL: `pg_trgm` and trigram GIN indexes on the project's own text and on the names of its
parties and people, so `services.project_search.office_search_projects` finds every word's
projects through indexes (no text rebuilt per project per query). SQLite (a small office): nothing
here; the same function reads the tables directly.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""
from __future__ import annotations

from alembic import op

from inspector.store.search_index import PG_SEARCH_INDEXES

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, expr in PG_SEARCH_INDEXES:
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (({expr}) gin_trgm_ops)")


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    for name, _table, _expr in PG_SEARCH_INDEXES:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
