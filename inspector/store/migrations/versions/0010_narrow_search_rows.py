"""Search counts and orders its matches in a narrow row per live project (issue 13).

`project_search_rows` gains the code, the name and the register's filter columns (district,
status, plan year) and now holds live projects only, so a search filters, counts and sorts the projects a word
matches without reading their wide rows, and the register's unfiltered count reads it alone.
What the index is and why: `inspector/store/search_index.py`; this rebuilds it whole (0008 builds
whatever that module declares, so a store made after this change passes through here unchanged in
shape).

The plain indexes on `projects.district`, `status` and `plan_year` go: the register's partial
indexes (`ix_register_*`, live projects only) answer every query they did, and while both existed
the planner chose the plain ones and then read each project row to test `deleted` — 18 ms instead
of 1 ms to count a status's projects at 100 000. The models still declare them for the office's
chain (as 0009 did for the others).

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

from alembic import op

from inspector.store import search_index

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

DROPPED = {
    "ix_projects_district": ("projects", ["district"]),
    "ix_projects_status": ("projects", ["status"]),
    "ix_projects_plan_year": ("projects", ["plan_year"]),
}


def upgrade() -> None:
    conn = op.get_bind()
    for name in DROPPED:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
    for statement in (*search_index.drop_statements(), *search_index.create_statements()):
        conn.exec_driver_sql(statement)
    for table in ("projects", "project_search_rows"):  # not the whole store: answers take long
        conn.exec_driver_sql(f"ANALYZE {table}")


def downgrade() -> None:
    # The narrow rows stay as they are (0008's downgrade drops them); the plain indexes come back.
    for name, (table, columns) in DROPPED.items():
        op.create_index(name, table, columns)
