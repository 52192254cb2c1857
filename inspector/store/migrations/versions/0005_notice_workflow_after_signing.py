"""A signed rectification notice still moves through its workflow (replied → closed / escalated).

Its signed content stays immutable; only `status`, `closed_on` and `escalation_reason` (and the
rev/updated stamps that come with any change) may change on a locked notice. Mirrors
`Rectification.WORKFLOW_COLUMNS`, which the ORM flush hook enforces.

Revision ID: 0005
Revises: 0004
"""
from __future__ import annotations

from alembic import op

from inspector.store.locktriggers import rebuild_update_trigger

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    rebuild_update_trigger(op.get_bind(), "rectifications",
                           workflow=("status", "closed_on", "escalation_reason"))


def downgrade() -> None:
    rebuild_update_trigger(op.get_bind(), "rectifications")
