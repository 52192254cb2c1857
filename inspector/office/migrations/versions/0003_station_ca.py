"""The station's CA: the signing certificates it issued (`office_certificates`).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import inspector.domain.base

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _str(length: int) -> sa.types.TypeEngine:
    return sa.String(length).with_variant(sa.String(collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table(
        "office_certificates",
        sa.Column("serial", _str(40), nullable=False),
        sa.Column("login", _str(60), nullable=False),
        sa.Column("device_id", _str(64), nullable=False),
        sa.Column("fingerprint", _str(64), nullable=False),
        sa.Column("subject", _str(200), nullable=False),
        sa.Column("issued_at", inspector.domain.base.UTCDateTime(), nullable=False),
        sa.Column("not_after", inspector.domain.base.UTCDateTime(), nullable=False),
        sa.Column("pem", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("serial", name=op.f("pk_office_certificates")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_office_certificates_fingerprint")),
    )
    op.create_index(op.f("ix_office_certificates_login"), "office_certificates", ["login"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_office_certificates_login"), table_name="office_certificates")
    op.drop_table("office_certificates")
