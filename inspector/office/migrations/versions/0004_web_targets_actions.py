"""The office's web pages: annual targets per district and year, 约谈 / 通报 on record, and the
browser sessions signed out (office-only tables, never synced).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import inspector.domain.base

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "office_district_targets",
        sa.Column("district", sa.String(20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("communities", sa.Integer(), nullable=False),
        sa.Column("households", sa.Integer(), nullable=False),
        sa.Column("updated_at", inspector.domain.base.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(60), nullable=False),
        sa.PrimaryKeyConstraint("district", "year", name=op.f("pk_office_district_targets")),
    )
    op.create_table(
        "office_supervision_actions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(4), nullable=False),
        sa.Column("target_kind", sa.String(8), nullable=False),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("follow_up", sa.Text(), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("recorded_at", inspector.domain.base.UTCDateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(60), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office_supervision_actions")),
    )
    op.create_index(op.f("ix_office_supervision_actions_target"), "office_supervision_actions", ["target"])
    op.create_table(
        "office_web_signouts",
        sa.Column("sid", sa.String(40), nullable=False),
        sa.Column("at", inspector.domain.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sid", name=op.f("pk_office_web_signouts")),
    )
    op.create_index(op.f("ix_office_web_signouts_at"), "office_web_signouts", ["at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_office_web_signouts_at"), table_name="office_web_signouts")
    op.drop_table("office_web_signouts")
    op.drop_index(op.f("ix_office_supervision_actions_target"), table_name="office_supervision_actions")
    op.drop_table("office_supervision_actions")
    op.drop_table("office_district_targets")
