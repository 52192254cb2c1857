"""Fast at any size (issue 13), the office pages: covering indexes for the cross-inspector red-flag
rules (`web/crossflags.py`: key persons of active projects, contractors of active projects, test
reports by number), and the background 台账 exports (`office_export_jobs`).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import inspector.domain.base
from inspector.office.web.crossflags import FLAG_INDEXES as INDEXES

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    op.create_table(
        "office_export_jobs",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("login", sa.String(60), nullable=False),
        sa.Column("query", sa.String(600), nullable=False),
        sa.Column("running_key", sa.String(700), nullable=True),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("stage", sa.String(40), nullable=False),
        sa.Column("done_rows", sa.Integer(), nullable=False),
        sa.Column("total_rows", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("started_at", inspector.domain.base.UTCDateTime(), nullable=False),
        sa.Column("heartbeat_at", inspector.domain.base.UTCDateTime(), nullable=False),
        sa.Column("finished_at", inspector.domain.base.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office_export_jobs")),
        sa.UniqueConstraint("running_key", name=op.f("uq_office_export_jobs_running_key")),
    )
    op.create_index(op.f("ix_office_export_jobs_login"), "office_export_jobs", ["login"])
    op.create_index(op.f("ix_office_export_jobs_finished_at"), "office_export_jobs", ["finished_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_office_export_jobs_finished_at"), table_name="office_export_jobs")
    op.drop_index(op.f("ix_office_export_jobs_login"), table_name="office_export_jobs")
    op.drop_table("office_export_jobs")
    for name, table, _columns in INDEXES:
        op.drop_index(name, table_name=table)
