"""Records as a supervision station signs them (issue 10).

* `referrals` and `referral_findings`: the 案件线索移送函 (record kind "referral", series 送) and the
  findings it lists.
* `findings.refer_to`: the authority a finding is referred to (住建执法 / 市场监管 / 人社 / 园林绿化).
* `inspections.inspector_badge`, `co_inspector_badge`: the 执法证号 of the two 监督人员.
* `rectification_replies.items`: per-item measures, completion date and result.
* `acceptances.supervisors`: the station's attending 监督人员 with their 执法证号.
* `handovers.warranty_items`, `equipment`, `utility_assets`: per-item warranty periods, the
  equipment list, the utility assets handed to the 专营单位.

Every new column of a locked table holds its empty default on existing rows and is left out of the
seal while empty (`store/seal.ADDED_LATER`), so records signed before keep their seals. The lock
triggers are regenerated from the new tables when the store next opens (`lock_triggers_pending`).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _synced_columns() -> list[sa.Column]:
    return [sa.Column("id", sa.String(64), nullable=False), sa.Column("rev", sa.Integer(), nullable=False),
            sa.Column("base_rev", sa.Integer(), nullable=False), sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.Column("updated_by", sa.String(64), nullable=False),
            sa.Column("device_id", sa.String(64), nullable=False), sa.Column("deleted", sa.Boolean(), nullable=False)]


def _lockable_columns() -> list[sa.Column]:
    return [sa.Column("locked_at", sa.DateTime(), nullable=True), sa.Column("amends_id", sa.String(64), nullable=True),
            sa.Column("pdf_sha256", sa.String(64), nullable=True),
            sa.Column("content_sha256", sa.String(64), nullable=True),
            sa.Column("signer_fingerprint", sa.String(128), nullable=True),
            sa.Column("signer_name", sa.String(200), nullable=True),
            sa.Column("seal_sha256", sa.String(64), nullable=True), sa.Column("signed_content", sa.Text(), nullable=True)]


def upgrade() -> None:
    op.create_table(
        "referrals", *_synced_columns(), *_lockable_columns(),
        sa.Column("project_id", sa.String(64), sa.ForeignKey("projects.id", name="fk_referrals_project_id_projects"),
                  nullable=False),
        sa.Column("inspection_id", sa.String(64),
                  sa.ForeignKey("inspections.id", name="fk_referrals_inspection_id_inspections"), nullable=True),
        sa.Column("referral_no", sa.String(40), nullable=False),
        sa.Column("authority", sa.String(20), nullable=False),
        sa.Column("authority_name", sa.String(200), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("facts", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_referrals"))
    for col in ("project_id", "inspection_id", "referral_no", "status", "rev"):
        op.create_index(f"ix_referrals_{col}", "referrals", [col])
    op.create_table(
        "referral_findings", *_synced_columns(),
        sa.Column("referral_id", sa.String(64),
                  sa.ForeignKey("referrals.id", name="fk_referral_findings_referral_id_referrals"), nullable=False),
        sa.Column("finding_id", sa.String(64),
                  sa.ForeignKey("findings.id", name="fk_referral_findings_finding_id_findings"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_referral_findings"),
        sa.UniqueConstraint("referral_id", "finding_id", name="uq_referral_findings_referral_id"))
    for col in ("referral_id", "finding_id", "rev"):
        op.create_index(f"ix_referral_findings_{col}", "referral_findings", [col])

    op.add_column("findings", sa.Column("refer_to", sa.String(20), nullable=False, server_default=""))
    op.add_column("inspections", sa.Column("inspector_badge", sa.String(40), nullable=False, server_default=""))
    op.add_column("inspections", sa.Column("co_inspector_badge", sa.String(40), nullable=False, server_default=""))
    op.add_column("rectification_replies", sa.Column("items", sa.Text(), nullable=False, server_default="[]"))
    op.add_column("acceptances", sa.Column("supervisors", sa.Text(), nullable=False, server_default="[]"))
    for column in ("warranty_items", "equipment", "utility_assets"):
        op.add_column("handovers", sa.Column(column, sa.Text(), nullable=False, server_default="[]"))

    # The lock triggers compare every column of a locked row: generated again for the new columns.
    op.get_bind().exec_driver_sql("INSERT OR REPLACE INTO settings (key, value) VALUES ('lock_triggers_pending', '1')")


def downgrade() -> None:
    for table, column in (("findings", "refer_to"), ("inspections", "inspector_badge"),
                          ("inspections", "co_inspector_badge"), ("rectification_replies", "items"),
                          ("acceptances", "supervisors"), ("handovers", "warranty_items"),
                          ("handovers", "equipment"), ("handovers", "utility_assets")):
        op.drop_column(table, column)
    op.drop_table("referral_findings")
    op.drop_table("referrals")
