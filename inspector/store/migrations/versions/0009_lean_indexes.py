"""A leaner store (issue 13): drop the indexes no query needs.

Each index below is the leading column of a unique index on the same table, which answers every
query the smaller one would (SQLite uses a unique index's prefix like an index of its own): an
inspection's answers, its checklists, a photo's links, a notice's or a referral's findings, a
checklist's versions. `ix_audit_events_entity_id` serves no query at all: the log is read per device
in chain order (`device_id, seq`) and pulled by `rev`. Together they were a fifth of the bytes an
answer costs through autosave (bench/store.py).

`sync_outbox` becomes a WITHOUT ROWID table: its key (table, row id) is the only way it is read, and
a rowid table kept that key twice (the table and its primary-key index), once per row waiting to be
pushed — on a laptop offline for weeks, one per answer typed.

The models still declare these indexes: the office builds its schema from its own migration chain,
which keeps them until it drops them too. Events already written keep their format: an event's hash
is over its parsed content, so the compact audit copies written from now on (no row id, no default
values, no spaces) and the older full copies verify alike.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# index -> (table, columns), to put them back on downgrade
DROPPED = {
    "ix_answers_inspection_id": ("answers", ["inspection_id"]),
    "ix_inspection_checklists_inspection_id": ("inspection_checklists", ["inspection_id"]),
    "ix_photo_links_photo_id": ("photo_links", ["photo_id"]),
    "ix_rectification_findings_rectification_id": ("rectification_findings", ["rectification_id"]),
    "ix_referral_findings_referral_id": ("referral_findings", ["referral_id"]),
    "ix_checklist_versions_checklist_id": ("checklist_versions", ["checklist_id"]),
    "ix_audit_events_entity_id": ("audit_events", ["entity_id"]),
}


_OUTBOX = """CREATE TABLE {name} (
    tbl VARCHAR(40) NOT NULL,
    row_id VARCHAR(64) NOT NULL,
    rev INTEGER NOT NULL,
    fields TEXT NOT NULL,
    error TEXT DEFAULT '' NOT NULL,
    CONSTRAINT pk_sync_outbox PRIMARY KEY (tbl, row_id)
){options}"""


def _rebuild_outbox(options: str) -> None:
    op.execute(_OUTBOX.format(name="sync_outbox_new", options=options))
    op.execute("INSERT INTO sync_outbox_new (tbl, row_id, rev, fields, error) "
               "SELECT tbl, row_id, rev, fields, error FROM sync_outbox")
    op.execute("DROP TABLE sync_outbox")
    op.execute("ALTER TABLE sync_outbox_new RENAME TO sync_outbox")


def upgrade() -> None:
    for name in DROPPED:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    _rebuild_outbox(" WITHOUT ROWID")


def downgrade() -> None:
    _rebuild_outbox("")
    for name, (table, columns) in DROPPED.items():
        op.create_index(name, table, columns)
