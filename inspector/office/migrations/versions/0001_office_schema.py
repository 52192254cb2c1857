"""The office's schema.

Every shared domain table (as the laptop's chain leaves it at 0006) and the office's own tables
(`office/models.py`), on SQLite or PostgreSQL; then the office store's identity: its change
sequence, its device id (the office's own audit chain) and its role.

On PostgreSQL, text columns have no length limit (SQLite never enforced the models' lengths, so a
laptop may hold longer values, and the office must take what the laptops hold) and compare
byte-wise (collation "C", as SQLite does): pull pages are cut by comparing ids in SQL and in
Python, which must order them alike. Foreign keys are deferred to commit on both.

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""
from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

import inspector.domain.base

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


# Foreign keys are checked at commit, as on the laptop (PRAGMA defer_foreign_keys): a batch's rows
# and the ORM's inserts come in any order within one transaction.
_DEFERRED = {"deferrable": True, "initially": "DEFERRED"}


def _str(length: int) -> sa.types.TypeEngine:
    return sa.String(length).with_variant(sa.String(collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table('audit_anchors',
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('hash', _str(64), nullable=False),
    sa.Column('acked_at', inspector.domain.base.UTCDateTime(), nullable=True),
    sa.Column('problem', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('device_id', name=op.f('pk_audit_anchors'))
    )
    op.create_table('audit_events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('actor', _str(64), nullable=False),
    sa.Column('action', _str(10), nullable=False),
    sa.Column('entity', _str(40), nullable=False),
    sa.Column('entity_id', _str(64), nullable=False),
    sa.Column('before', inspector.domain.base.JSONText(), nullable=True),
    sa.Column('after', inspector.domain.base.JSONText(), nullable=True),
    sa.Column('prev_hash', _str(64), nullable=False),
    sa.Column('hash', _str(64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events')),
    sa.UniqueConstraint('device_id', 'seq', name=op.f('uq_audit_events_device_id'))
    )
    op.create_index(op.f('ix_audit_events_entity_id'), 'audit_events', ['entity_id'], unique=False)
    op.create_index(op.f('ix_audit_events_rev'), 'audit_events', ['rev'], unique=False)

    op.create_table('checklist_versions',
    sa.Column('checklist_id', _str(80), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('content_sha256', _str(64), nullable=False),
    sa.Column('title_zh', _str(200), nullable=False),
    sa.Column('content', inspector.domain.base.JSONText(), nullable=False),
    sa.Column('published_at', inspector.domain.base.UTCDateTime(), nullable=True),
    sa.Column('id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', _str(64), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checklist_versions')),
    sa.UniqueConstraint('checklist_id', 'version', 'content_sha256', name=op.f('uq_checklist_versions_checklist_id'))
    )
    op.create_index(op.f('ix_checklist_versions_checklist_id'), 'checklist_versions', ['checklist_id'], unique=False)
    op.create_index(op.f('ix_checklist_versions_rev'), 'checklist_versions', ['rev'], unique=False)

    op.create_table('counters',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('kind', _str(40), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_counters')),
    sa.UniqueConstraint('kind', 'year', name=op.f('uq_counters_kind'))
    )
    op.create_table('photos',
    sa.Column('original_name', _str(260), nullable=False),
    sa.Column('format', _str(10), nullable=False),
    sa.Column('byte_size', sa.Integer(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('orientation', sa.Integer(), nullable=True),
    sa.Column('taken_at', inspector.domain.base.UTCDateTime(), nullable=True),
    sa.Column('taken_at_local', _str(32), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('camera', _str(120), nullable=False),
    sa.Column('imported_at', inspector.domain.base.UTCDateTime(), nullable=True),
    sa.Column('imported_by', _str(60), nullable=False),
    sa.Column('caption', sa.Text(), nullable=False),
    sa.Column('annotation', inspector.domain.base.JSONText(), nullable=True),
    sa.Column('id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', _str(64), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_photos'))
    )
    op.create_index(op.f('ix_photos_rev'), 'photos', ['rev'], unique=False)

    op.create_table('projects',
    sa.Column('code', _str(40), nullable=False),
    sa.Column('name', _str(200), nullable=False),
    sa.Column('community_name', _str(200), nullable=False),
    sa.Column('district', _str(20), nullable=False),
    sa.Column('street', _str(100), nullable=False),
    sa.Column('community', _str(100), nullable=False),
    sa.Column('address', _str(300), nullable=False),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('year_built', sa.Integer(), nullable=True),
    sa.Column('buildings', sa.Integer(), nullable=True),
    sa.Column('households', sa.Integer(), nullable=True),
    sa.Column('floor_area', sa.Float(), nullable=True),
    sa.Column('renovation_items', inspector.domain.base.JSONText(), nullable=False),
    sa.Column('plan_year', sa.Integer(), nullable=True),
    sa.Column('status', _str(10), nullable=False),
    sa.Column('permit_no', _str(60), nullable=False),
    sa.Column('supervision_no', _str(60), nullable=False),
    sa.Column('permit_date', sa.Date(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('finish_date', sa.Date(), nullable=True),
    sa.Column('contract_price', sa.Numeric(precision=14, scale=2, asdecimal=False), nullable=True),
    sa.Column('fund_subsidy', sa.Numeric(precision=14, scale=2, asdecimal=False), nullable=True),
    sa.Column('fund_resident', sa.Numeric(precision=14, scale=2, asdecimal=False), nullable=True),
    sa.Column('fund_utility', sa.Numeric(precision=14, scale=2, asdecimal=False), nullable=True),
    sa.Column('fund_bonds', sa.Numeric(precision=14, scale=2, asdecimal=False), nullable=True),
    sa.Column('fund_other', sa.Numeric(precision=14, scale=2, asdecimal=False), nullable=True),
    sa.Column('elevators', sa.Integer(), nullable=True),
    sa.Column('building_height_m', sa.Float(), nullable=True),
    sa.Column('inspector_id', _str(64), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', _str(64), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects'))
    )
    op.create_index(op.f('ix_projects_code'), 'projects', ['code'], unique=True)
    op.create_index(op.f('ix_projects_district'), 'projects', ['district'], unique=False)
    op.create_index(op.f('ix_projects_plan_year'), 'projects', ['plan_year'], unique=False)
    op.create_index(op.f('ix_projects_rev'), 'projects', ['rev'], unique=False)
    op.create_index(op.f('ix_projects_status'), 'projects', ['status'], unique=False)

    op.create_table('settings',
    sa.Column('key', _str(80), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('signatories',
    sa.Column('record_kind', _str(20), nullable=False),
    sa.Column('record_id', _str(64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('role', _str(30), nullable=False),
    sa.Column('organisation', _str(200), nullable=False),
    sa.Column('person_name', _str(60), nullable=False),
    sa.Column('title', _str(60), nullable=False),
    sa.Column('phone', _str(30), nullable=False),
    sa.Column('opinion', _str(10), nullable=False),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('strokes', inspector.domain.base.JSONText(), nullable=True),
    sa.Column('signature_sha256', _str(64), nullable=True),
    sa.Column('signed_at', inspector.domain.base.UTCDateTime(), nullable=True),
    sa.Column('id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', _str(64), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signatories'))
    )
    op.create_index(op.f('ix_signatories_record_id'), 'signatories', ['record_id'], unique=False)
    op.create_index(op.f('ix_signatories_rev'), 'signatories', ['rev'], unique=False)

    op.create_table('store_seq',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_store_seq'))
    )
    op.create_table('sync_conflicts',
    sa.Column('project_id', _str(64), nullable=True),
    sa.Column('tbl', _str(40), nullable=False),
    sa.Column('row_id', _str(64), nullable=False),
    sa.Column('field', _str(60), nullable=False),
    sa.Column('kind', _str(10), nullable=False),
    sa.Column('kept_value', inspector.domain.base.JSONText(), nullable=True),
    sa.Column('other_value', inspector.domain.base.JSONText(), nullable=True),
    sa.Column('other_by', _str(64), nullable=False),
    sa.Column('other_device', _str(64), nullable=False),
    sa.Column('other_at', inspector.domain.base.UTCDateTime(), nullable=True),
    sa.Column('resolved', sa.Boolean(), nullable=False),
    sa.Column('resolution', _str(10), nullable=False),
    sa.Column('resolved_by', _str(64), nullable=False),
    sa.Column('id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', _str(64), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_conflicts'))
    )
    op.create_index(op.f('ix_sync_conflicts_project_id'), 'sync_conflicts', ['project_id'], unique=False)
    op.create_index(op.f('ix_sync_conflicts_resolved'), 'sync_conflicts', ['resolved'], unique=False)
    op.create_index(op.f('ix_sync_conflicts_rev'), 'sync_conflicts', ['rev'], unique=False)
    op.create_index(op.f('ix_sync_conflicts_row_id'), 'sync_conflicts', ['row_id'], unique=False)

    op.create_table('sync_field_revs',
    sa.Column('tbl', _str(40), nullable=False),
    sa.Column('row_id', _str(64), nullable=False),
    sa.Column('revs', inspector.domain.base.JSONText(), nullable=False),
    sa.Column('echo_device', _str(64), nullable=True),
    sa.PrimaryKeyConstraint('tbl', 'row_id', name=op.f('pk_sync_field_revs'))
    )
    op.create_table('sync_outbox',
    sa.Column('tbl', _str(40), nullable=False),
    sa.Column('row_id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('fields', inspector.domain.base.JSONText(), nullable=False),
    sa.Column('error', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('tbl', 'row_id', name=op.f('pk_sync_outbox'))
    )
    op.create_table('sync_parked',
    sa.Column('tbl', _str(40), nullable=False),
    sa.Column('row_id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('data', inspector.domain.base.JSONText(), nullable=False),
    sa.PrimaryKeyConstraint('tbl', 'row_id', name=op.f('pk_sync_parked'))
    )
    op.create_table('users',
    sa.Column('login', _str(60), nullable=False),
    sa.Column('name', _str(60), nullable=False),
    sa.Column('badge_no', _str(40), nullable=False),
    sa.Column('district', _str(20), nullable=False),
    sa.Column('cert_fingerprint', _str(128), nullable=False),
    sa.Column('id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', _str(64), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('login', name=op.f('uq_users_login'))
    )
    op.create_index(op.f('ix_users_rev'), 'users', ['rev'], unique=False)

    op.create_table('acceptances',
    sa.Column('project_id', _str(64), nullable=False),
    sa.Column('record_no', _str(40), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=True),
    sa.Column('location', _str(200), nullable=False),
    sa.Column('organiser', _str(200), nullable=False),
    sa.Column('blockers', inspector.domain.base.JSONText(), nullable=False),
    sa.Column('override_reason', sa.Text(), nullable=False),
    sa.Column('override_by', _str(60), nullable=False),
    sa.Column('checks', inspector.domain.base.JSONText(), nullable=False),
    sa.Column('problems', sa.Text(), nullable=False),
    sa.Column('resident_opinion', sa.Text(), nullable=False),
    sa.Column('conclusion', _str(10), nullable=False),
    sa.Column('station_opinion', sa.Text(), nullable=False),
    sa.Column('status', _str(12), nullable=False),
    sa.Column('id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', _str(64), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('locked_at', inspector.domain.base.UTCDateTime(), nullable=True),
    sa.Column('amends_id', _str(64), nullable=True),
    sa.Column('pdf_sha256', _str(64), nullable=True),
    sa.Column('content_sha256', _str(64), nullable=True),
    sa.Column('signer_fingerprint', _str(128), nullable=True),
    sa.Column('signer_name', _str(200), nullable=True),
    sa.Column('seal_sha256', _str(64), nullable=True),
    sa.Column('signed_content', inspector.domain.base.JSONText(), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_acceptances_project_id_projects'), **_DEFERRED),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_acceptances'))
    )
    op.create_index(op.f('ix_acceptances_project_id'), 'acceptances', ['project_id'], unique=False)
    op.create_index(op.f('ix_acceptances_record_no'), 'acceptances', ['record_no'], unique=False)
    op.create_index(op.f('ix_acceptances_rev'), 'acceptances', ['rev'], unique=False)
    op.create_index(op.f('ix_acceptances_status'), 'acceptances', ['status'], unique=False)

    op.create_table('inspections',
    sa.Column('project_id', _str(64), nullable=False),
    sa.Column('record_no', _str(40), nullable=False),
    sa.Column('kind', _str(20), nullable=False),
    sa.Column('inspector_name', _str(60), nullable=False),
    sa.Column('co_inspector_name', _str(60), nullable=False),
    sa.Column('started_at', inspector.domain.base.UTCDateTime(), nullable=True),
    sa.Column('finished_at', inspector.domain.base.UTCDateTime(), nullable=True),
    sa.Column('weather', _str(40), nullable=False),
    sa.Column('temperature_c', sa.Float(), nullable=True),
    sa.Column('wind_level', sa.Integer(), nullable=True),
    sa.Column('progress_note', sa.Text(), nullable=False),
    sa.Column('attendance', inspector.domain.base.JSONText(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('status', _str(12), nullable=False),
    sa.Column('id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', _str(64), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('locked_at', inspector.domain.base.UTCDateTime(), nullable=True),
    sa.Column('amends_id', _str(64), nullable=True),
    sa.Column('pdf_sha256', _str(64), nullable=True),
    sa.Column('content_sha256', _str(64), nullable=True),
    sa.Column('signer_fingerprint', _str(128), nullable=True),
    sa.Column('signer_name', _str(200), nullable=True),
    sa.Column('seal_sha256', _str(64), nullable=True),
    sa.Column('signed_content', inspector.domain.base.JSONText(), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_inspections_project_id_projects'), **_DEFERRED),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspections'))
    )
    op.create_index(op.f('ix_inspections_project_id'), 'inspections', ['project_id'], unique=False)
    op.create_index(op.f('ix_inspections_record_no'), 'inspections', ['record_no'], unique=False)
    op.create_index(op.f('ix_inspections_rev'), 'inspections', ['rev'], unique=False)
    op.create_index(op.f('ix_inspections_started_at'), 'inspections', ['started_at'], unique=False)
    op.create_index(op.f('ix_inspections_status'), 'inspections', ['status'], unique=False)

    op.create_table('material_batches',
    sa.Column('project_id', _str(64), nullable=False),
    sa.Column('material', _str(100), nullable=False),
    sa.Column('spec', _str(200), nullable=False),
    sa.Column('manufacturer', _str(200), nullable=False),
    sa.Column('batch_no', _str(80), nullable=False),
    sa.Column('quantity', sa.Float(), nullable=True),
    sa.Column('unit', _str(20), nullable=False),
    sa.Column('entry_date', sa.Date(), nullable=True),
    sa.Column('certificate_no', _str(80), nullable=False),
    sa.Column('certificate_quantity', sa.Float(), nullable=True),
    sa.Column('retest_required', sa.Boolean(), nullable=False),
    sa.Column('witness_name', _str(60), nullable=False),
    sa.Column('sampled_on', sa.Date(), nullable=True),
    sa.Column('used', sa.Boolean(), nullable=False),
    sa.Column('used_on', sa.Date(), nullable=True),
    sa.Column('location', _str(200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', _str(64), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_material_batches_project_id_projects'), **_DEFERRED),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_material_batches'))
    )
    op.create_index(op.f('ix_material_batches_project_id'), 'material_batches', ['project_id'], unique=False)
    op.create_index(op.f('ix_material_batches_rev'), 'material_batches', ['rev'], unique=False)

    op.create_table('parties',
    sa.Column('project_id', _str(64), nullable=False),
    sa.Column('role', _str(20), nullable=False),
    sa.Column('name', _str(200), nullable=False),
    sa.Column('credit_code', _str(18), nullable=False),
    sa.Column('qualification', _str(200), nullable=False),
    sa.Column('qualification_no', _str(60), nullable=False),
    sa.Column('qualification_expiry', sa.Date(), nullable=True),
    sa.Column('safety_licence_no', _str(60), nullable=False),
    sa.Column('contact_person', _str(60), nullable=False),
    sa.Column('contact_phone', _str(30), nullable=False),
    sa.Column('complaint_phone', _str(30), nullable=False),
    sa.Column('id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', _str(64), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_parties_project_id_projects'), **_DEFERRED),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parties'))
    )
    op.create_index(op.f('ix_parties_project_id'), 'parties', ['project_id'], unique=False)
    op.create_index(op.f('ix_parties_rev'), 'parties', ['rev'], unique=False)

    op.create_table('photo_links',
    sa.Column('photo_id', _str(64), nullable=False),
    sa.Column('target_kind', _str(20), nullable=False),
    sa.Column('target_id', _str(64), nullable=False),
    sa.Column('item_id', _str(40), nullable=False),
    sa.Column('role', _str(20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', _str(64), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['photo_id'], ['photos.id'], name=op.f('fk_photo_links_photo_id_photos'), **_DEFERRED),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_photo_links')),
    sa.UniqueConstraint('photo_id', 'target_kind', 'target_id', 'item_id', name=op.f('uq_photo_links_photo_id'))
    )
    op.create_index(op.f('ix_photo_links_photo_id'), 'photo_links', ['photo_id'], unique=False)
    op.create_index(op.f('ix_photo_links_rev'), 'photo_links', ['rev'], unique=False)
    op.create_index(op.f('ix_photo_links_target_id'), 'photo_links', ['target_id'], unique=False)

    op.create_table('public_postings',
    sa.Column('project_id', _str(64), nullable=False),
    sa.Column('kind', _str(40), nullable=False),
    sa.Column('phone', _str(30), nullable=False),
    sa.Column('posted_on', sa.Date(), nullable=True),
    sa.Column('checked_on', sa.Date(), nullable=True),
    sa.Column('call_answered', sa.Boolean(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', _str(64), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_public_postings_project_id_projects'), **_DEFERRED),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_public_postings'))
    )
    op.create_index(op.f('ix_public_postings_project_id'), 'public_postings', ['project_id'], unique=False)
    op.create_index(op.f('ix_public_postings_rev'), 'public_postings', ['rev'], unique=False)

    op.create_table('red_flag_decisions',
    sa.Column('project_id', _str(64), nullable=False),
    sa.Column('flag_key', _str(200), nullable=False),
    sa.Column('decision', _str(12), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', _str(64), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_red_flag_decisions_project_id_projects'), **_DEFERRED),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_red_flag_decisions'))
    )
    op.create_index(op.f('ix_red_flag_decisions_flag_key'), 'red_flag_decisions', ['flag_key'], unique=False)
    op.create_index(op.f('ix_red_flag_decisions_project_id'), 'red_flag_decisions', ['project_id'], unique=False)
    op.create_index(op.f('ix_red_flag_decisions_rev'), 'red_flag_decisions', ['rev'], unique=False)

    op.create_table('answers',
    sa.Column('inspection_id', _str(64), nullable=False),
    sa.Column('checklist_version_id', _str(64), nullable=False),
    sa.Column('item_id', _str(40), nullable=False),
    sa.Column('value', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('failed', sa.Boolean(), nullable=False),
    sa.Column('id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', _str(64), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['checklist_version_id'], ['checklist_versions.id'], name=op.f('fk_answers_checklist_version_id_checklist_versions'), **_DEFERRED),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], name=op.f('fk_answers_inspection_id_inspections'), **_DEFERRED),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answers')),
    sa.UniqueConstraint('inspection_id', 'checklist_version_id', 'item_id', name=op.f('uq_answers_inspection_id'))
    )
    op.create_index(op.f('ix_answers_inspection_id'), 'answers', ['inspection_id'], unique=False)
    op.create_index(op.f('ix_answers_rev'), 'answers', ['rev'], unique=False)

    op.create_table('handovers',
    sa.Column('project_id', _str(64), nullable=False),
    sa.Column('acceptance_id', _str(64), nullable=True),
    sa.Column('record_no', _str(40), nullable=False),
    sa.Column('handed_on', sa.Date(), nullable=True),
    sa.Column('giver', _str(200), nullable=False),
    sa.Column('receiver_kind', _str(40), nullable=False),
    sa.Column('receiver', _str(200), nullable=False),
    sa.Column('witness', _str(200), nullable=False),
    sa.Column('facilities', inspector.domain.base.JSONText(), nullable=False),
    sa.Column('documents', inspector.domain.base.JSONText(), nullable=False),
    sa.Column('keys', inspector.domain.base.JSONText(), nullable=False),
    sa.Column('warranty', inspector.domain.base.JSONText(), nullable=False),
    sa.Column('maintenance', sa.Text(), nullable=False),
    sa.Column('open_issues', sa.Text(), nullable=False),
    sa.Column('status', _str(12), nullable=False),
    sa.Column('id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', _str(64), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('locked_at', inspector.domain.base.UTCDateTime(), nullable=True),
    sa.Column('amends_id', _str(64), nullable=True),
    sa.Column('pdf_sha256', _str(64), nullable=True),
    sa.Column('content_sha256', _str(64), nullable=True),
    sa.Column('signer_fingerprint', _str(128), nullable=True),
    sa.Column('signer_name', _str(200), nullable=True),
    sa.Column('seal_sha256', _str(64), nullable=True),
    sa.Column('signed_content', inspector.domain.base.JSONText(), nullable=True),
    sa.ForeignKeyConstraint(['acceptance_id'], ['acceptances.id'], name=op.f('fk_handovers_acceptance_id_acceptances'), **_DEFERRED),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_handovers_project_id_projects'), **_DEFERRED),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handovers'))
    )
    op.create_index(op.f('ix_handovers_project_id'), 'handovers', ['project_id'], unique=False)
    op.create_index(op.f('ix_handovers_record_no'), 'handovers', ['record_no'], unique=False)
    op.create_index(op.f('ix_handovers_rev'), 'handovers', ['rev'], unique=False)
    op.create_index(op.f('ix_handovers_status'), 'handovers', ['status'], unique=False)

    op.create_table('inspection_checklists',
    sa.Column('inspection_id', _str(64), nullable=False),
    sa.Column('checklist_version_id', _str(64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', _str(64), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['checklist_version_id'], ['checklist_versions.id'], name=op.f('fk_inspection_checklists_checklist_version_id_checklist_versions'), **_DEFERRED),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], name=op.f('fk_inspection_checklists_inspection_id_inspections'), **_DEFERRED),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_checklists')),
    sa.UniqueConstraint('inspection_id', 'checklist_version_id', name=op.f('uq_inspection_checklists_inspection_id'))
    )
    op.create_index(op.f('ix_inspection_checklists_inspection_id'), 'inspection_checklists', ['inspection_id'], unique=False)
    op.create_index(op.f('ix_inspection_checklists_rev'), 'inspection_checklists', ['rev'], unique=False)

    op.create_table('persons',
    sa.Column('party_id', _str(64), nullable=False),
    sa.Column('project_id', _str(64), nullable=False),
    sa.Column('name', _str(60), nullable=False),
    sa.Column('role', _str(20), nullable=False),
    sa.Column('registration_no', _str(60), nullable=False),
    sa.Column('safety_cert_no', _str(60), nullable=False),
    sa.Column('phone', _str(30), nullable=False),
    sa.Column('labour_contract_verified', sa.Boolean(), nullable=False),
    sa.Column('social_insurance_verified', sa.Boolean(), nullable=False),
    sa.Column('on_site_verified', sa.Boolean(), nullable=False),
    sa.Column('verified_on', sa.Date(), nullable=True),
    sa.Column('active_from', sa.Date(), nullable=True),
    sa.Column('active_to', sa.Date(), nullable=True),
    sa.Column('id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', _str(64), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['party_id'], ['parties.id'], name=op.f('fk_persons_party_id_parties'), **_DEFERRED),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_persons_project_id_projects'), **_DEFERRED),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_persons'))
    )
    op.create_index(op.f('ix_persons_party_id'), 'persons', ['party_id'], unique=False)
    op.create_index(op.f('ix_persons_project_id'), 'persons', ['project_id'], unique=False)
    op.create_index(op.f('ix_persons_registration_no'), 'persons', ['registration_no'], unique=False)
    op.create_index(op.f('ix_persons_rev'), 'persons', ['rev'], unique=False)

    op.create_table('rectifications',
    sa.Column('project_id', _str(64), nullable=False),
    sa.Column('inspection_id', _str(64), nullable=True),
    sa.Column('notice_no', _str(40), nullable=False),
    sa.Column('action', _str(10), nullable=False),
    sa.Column('addressee_party_id', _str(64), nullable=True),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('requirements', sa.Text(), nullable=False),
    sa.Column('stop_scope', sa.Text(), nullable=False),
    sa.Column('status', _str(12), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('escalation_reason', sa.Text(), nullable=False),
    sa.Column('reissued_from_id', _str(64), nullable=True),
    sa.Column('id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', _str(64), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('locked_at', inspector.domain.base.UTCDateTime(), nullable=True),
    sa.Column('amends_id', _str(64), nullable=True),
    sa.Column('pdf_sha256', _str(64), nullable=True),
    sa.Column('content_sha256', _str(64), nullable=True),
    sa.Column('signer_fingerprint', _str(128), nullable=True),
    sa.Column('signer_name', _str(200), nullable=True),
    sa.Column('seal_sha256', _str(64), nullable=True),
    sa.Column('signed_content', inspector.domain.base.JSONText(), nullable=True),
    sa.ForeignKeyConstraint(['addressee_party_id'], ['parties.id'], name=op.f('fk_rectifications_addressee_party_id_parties'), **_DEFERRED),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], name=op.f('fk_rectifications_inspection_id_inspections'), **_DEFERRED),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_rectifications_project_id_projects'), **_DEFERRED),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rectifications'))
    )
    op.create_index(op.f('ix_rectifications_deadline'), 'rectifications', ['deadline'], unique=False)
    op.create_index(op.f('ix_rectifications_inspection_id'), 'rectifications', ['inspection_id'], unique=False)
    op.create_index(op.f('ix_rectifications_notice_no'), 'rectifications', ['notice_no'], unique=False)
    op.create_index(op.f('ix_rectifications_project_id'), 'rectifications', ['project_id'], unique=False)
    op.create_index(op.f('ix_rectifications_reissued_from_id'), 'rectifications', ['reissued_from_id'], unique=False)
    op.create_index(op.f('ix_rectifications_rev'), 'rectifications', ['rev'], unique=False)
    op.create_index(op.f('ix_rectifications_status'), 'rectifications', ['status'], unique=False)

    op.create_table('test_reports',
    sa.Column('project_id', _str(64), nullable=False),
    sa.Column('batch_id', _str(64), nullable=True),
    sa.Column('agency', _str(200), nullable=False),
    sa.Column('agency_qualification_no', _str(80), nullable=False),
    sa.Column('agency_qualification_expiry', sa.Date(), nullable=True),
    sa.Column('report_no', _str(80), nullable=False),
    sa.Column('sample', _str(200), nullable=False),
    sa.Column('sampled_on', sa.Date(), nullable=True),
    sa.Column('tested_on', sa.Date(), nullable=True),
    sa.Column('report_date', sa.Date(), nullable=True),
    sa.Column('conclusion', _str(10), nullable=False),
    sa.Column('anti_forgery_code', _str(80), nullable=False),
    sa.Column('verification', _str(200), nullable=False),
    sa.Column('client', _str(200), nullable=False),
    sa.Column('witness_name', _str(60), nullable=False),
    sa.Column('id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', _str(64), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['material_batches.id'], name=op.f('fk_test_reports_batch_id_material_batches'), **_DEFERRED),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_test_reports_project_id_projects'), **_DEFERRED),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_test_reports'))
    )
    op.create_index(op.f('ix_test_reports_batch_id'), 'test_reports', ['batch_id'], unique=False)
    op.create_index(op.f('ix_test_reports_project_id'), 'test_reports', ['project_id'], unique=False)
    op.create_index(op.f('ix_test_reports_report_no'), 'test_reports', ['report_no'], unique=False)
    op.create_index(op.f('ix_test_reports_rev'), 'test_reports', ['rev'], unique=False)

    op.create_table('findings',
    sa.Column('project_id', _str(64), nullable=False),
    sa.Column('inspection_id', _str(64), nullable=True),
    sa.Column('answer_id', _str(64), nullable=True),
    sa.Column('rectification_id', _str(64), nullable=True),
    sa.Column('checklist_item', _str(40), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('location', _str(200), nullable=False),
    sa.Column('severity', _str(4), nullable=False),
    sa.Column('action', _str(10), nullable=False),
    sa.Column('basis', _str(300), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('responsible_party_id', _str(64), nullable=True),
    sa.Column('status', _str(12), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', _str(64), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['answer_id'], ['answers.id'], name=op.f('fk_findings_answer_id_answers'), **_DEFERRED),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], name=op.f('fk_findings_inspection_id_inspections'), **_DEFERRED),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_findings_project_id_projects'), **_DEFERRED),
    sa.ForeignKeyConstraint(['rectification_id'], ['rectifications.id'], name=op.f('fk_findings_rectification_id_rectifications'), **_DEFERRED),
    sa.ForeignKeyConstraint(['responsible_party_id'], ['parties.id'], name=op.f('fk_findings_responsible_party_id_parties'), **_DEFERRED),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_findings'))
    )
    op.create_index(op.f('ix_findings_deadline'), 'findings', ['deadline'], unique=False)
    op.create_index(op.f('ix_findings_inspection_id'), 'findings', ['inspection_id'], unique=False)
    op.create_index(op.f('ix_findings_project_id'), 'findings', ['project_id'], unique=False)
    op.create_index(op.f('ix_findings_rectification_id'), 'findings', ['rectification_id'], unique=False)
    op.create_index(op.f('ix_findings_rev'), 'findings', ['rev'], unique=False)
    op.create_index(op.f('ix_findings_status'), 'findings', ['status'], unique=False)

    op.create_table('rectification_replies',
    sa.Column('rectification_id', _str(64), nullable=False),
    sa.Column('reply_no', _str(40), nullable=False),
    sa.Column('replied_on', sa.Date(), nullable=False),
    sa.Column('measures', sa.Text(), nullable=False),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('responsible_person', _str(60), nullable=False),
    sa.Column('supervisor_opinion', sa.Text(), nullable=False),
    sa.Column('reinspected_on', sa.Date(), nullable=True),
    sa.Column('reinspector_name', _str(60), nullable=False),
    sa.Column('verdict', _str(20), nullable=False),
    sa.Column('verdict_note', sa.Text(), nullable=False),
    sa.Column('id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', _str(64), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('locked_at', inspector.domain.base.UTCDateTime(), nullable=True),
    sa.Column('amends_id', _str(64), nullable=True),
    sa.Column('pdf_sha256', _str(64), nullable=True),
    sa.Column('content_sha256', _str(64), nullable=True),
    sa.Column('signer_fingerprint', _str(128), nullable=True),
    sa.Column('signer_name', _str(200), nullable=True),
    sa.Column('seal_sha256', _str(64), nullable=True),
    sa.Column('signed_content', inspector.domain.base.JSONText(), nullable=True),
    sa.ForeignKeyConstraint(['rectification_id'], ['rectifications.id'], name=op.f('fk_rectification_replies_rectification_id_rectifications'), **_DEFERRED),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rectification_replies'))
    )
    op.create_index(op.f('ix_rectification_replies_rectification_id'), 'rectification_replies', ['rectification_id'], unique=False)
    op.create_index(op.f('ix_rectification_replies_rev'), 'rectification_replies', ['rev'], unique=False)

    op.create_table('complaints',
    sa.Column('project_id', _str(64), nullable=False),
    sa.Column('received_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('channel', _str(20), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('location', _str(200), nullable=False),
    sa.Column('complainant_name', _str(60), nullable=False),
    sa.Column('complainant_phone', _str(30), nullable=False),
    sa.Column('finding_id', _str(64), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('status', _str(12), nullable=False),
    sa.Column('resolution', sa.Text(), nullable=False),
    sa.Column('resolved_on', sa.Date(), nullable=True),
    sa.Column('id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', _str(64), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['finding_id'], ['findings.id'], name=op.f('fk_complaints_finding_id_findings'), **_DEFERRED),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_complaints_project_id_projects'), **_DEFERRED),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaints'))
    )
    op.create_index(op.f('ix_complaints_project_id'), 'complaints', ['project_id'], unique=False)
    op.create_index(op.f('ix_complaints_rev'), 'complaints', ['rev'], unique=False)
    op.create_index(op.f('ix_complaints_status'), 'complaints', ['status'], unique=False)

    op.create_table('rectification_findings',
    sa.Column('rectification_id', _str(64), nullable=False),
    sa.Column('finding_id', _str(64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', _str(64), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', _str(64), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['finding_id'], ['findings.id'], name=op.f('fk_rectification_findings_finding_id_findings'), **_DEFERRED),
    sa.ForeignKeyConstraint(['rectification_id'], ['rectifications.id'], name=op.f('fk_rectification_findings_rectification_id_rectifications'), **_DEFERRED),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rectification_findings')),
    sa.UniqueConstraint('rectification_id', 'finding_id', name=op.f('uq_rectification_findings_rectification_id'))
    )
    op.create_index(op.f('ix_rectification_findings_finding_id'), 'rectification_findings', ['finding_id'], unique=False)
    op.create_index(op.f('ix_rectification_findings_rectification_id'), 'rectification_findings', ['rectification_id'], unique=False)
    op.create_index(op.f('ix_rectification_findings_rev'), 'rectification_findings', ['rev'], unique=False)

    op.create_table('office_accounts',
    sa.Column('login', _str(60), nullable=False),
    sa.Column('user_id', _str(64), nullable=False),
    sa.Column('name', _str(60), nullable=False),
    sa.Column('district', _str(20), nullable=False),
    sa.Column('badge_no', _str(40), nullable=False),
    sa.Column('admin', sa.Boolean(), nullable=False),
    sa.Column('password_hash', _str(200), nullable=False),
    sa.Column('created_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('revoked_at', inspector.domain.base.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('login', name=op.f('pk_office_accounts')),
    sa.UniqueConstraint('user_id', name=op.f('uq_office_accounts_user_id'))
    )
    op.create_table('office_chain_problems',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('login', _str(60), nullable=False),
    sa.Column('found_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('problem', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office_chain_problems'))
    )
    op.create_index(op.f('ix_office_chain_problems_device_id'), 'office_chain_problems', ['device_id'], unique=False)

    op.create_table('office_devices',
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('code', _str(8), nullable=False),
    sa.Column('name', _str(100), nullable=False),
    sa.Column('login', _str(60), nullable=False),
    sa.Column('first_seen', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('last_seen', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('chain_problem', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('device_id', name=op.f('pk_office_devices')),
    sa.UniqueConstraint('code', name=op.f('uq_office_devices_code'))
    )
    op.create_table('office_login_failures',
    sa.Column('key', _str(120), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('first_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('last_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('blocked_until', inspector.domain.base.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_office_login_failures'))
    )
    op.create_table('office_tokens',
    sa.Column('token_sha256', _str(64), nullable=False),
    sa.Column('login', _str(60), nullable=False),
    sa.Column('device_id', _str(64), nullable=False),
    sa.Column('created_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('expires_at', inspector.domain.base.UTCDateTime(), nullable=False),
    sa.Column('revoked_at', inspector.domain.base.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['device_id'], ['office_devices.device_id'], name=op.f('fk_office_tokens_device_id_office_devices'), **_DEFERRED),
    sa.ForeignKeyConstraint(['login'], ['office_accounts.login'], name=op.f('fk_office_tokens_login_office_accounts'), **_DEFERRED),
    sa.PrimaryKeyConstraint('token_sha256', name=op.f('pk_office_tokens'))
    )
    op.create_index(op.f('ix_office_tokens_device_id'), 'office_tokens', ['device_id'], unique=False)
    op.create_index(op.f('ix_office_tokens_login'), 'office_tokens', ['login'], unique=False)
    store_seq = sa.table("store_seq", sa.column("id", sa.Integer), sa.column("seq", sa.Integer))
    op.bulk_insert(store_seq, [{"id": 1, "seq": 1}])
    settings = sa.table("settings", sa.column("key", sa.String), sa.column("value", sa.Text))
    op.bulk_insert(settings, [{"key": "device_id", "value": str(uuid.uuid4())},
                              {"key": "sync_role", "value": "office"}])
    if op.get_bind().dialect.name == "sqlite":  # the store creates its lock triggers when it opens
        op.bulk_insert(settings, [{"key": "lock_triggers_pending", "value": "1"}])


def downgrade() -> None:
    op.drop_index(op.f('ix_office_tokens_login'), table_name='office_tokens')
    op.drop_index(op.f('ix_office_tokens_device_id'), table_name='office_tokens')
    op.drop_table('office_tokens')
    op.drop_table('office_login_failures')
    op.drop_table('office_devices')
    op.drop_index(op.f('ix_office_chain_problems_device_id'), table_name='office_chain_problems')
    op.drop_table('office_chain_problems')
    op.drop_table('office_accounts')
    op.drop_index(op.f('ix_rectification_findings_rev'), table_name='rectification_findings')
    op.drop_index(op.f('ix_rectification_findings_rectification_id'), table_name='rectification_findings')
    op.drop_index(op.f('ix_rectification_findings_finding_id'), table_name='rectification_findings')
    op.drop_table('rectification_findings')
    op.drop_index(op.f('ix_complaints_status'), table_name='complaints')
    op.drop_index(op.f('ix_complaints_rev'), table_name='complaints')
    op.drop_index(op.f('ix_complaints_project_id'), table_name='complaints')
    op.drop_table('complaints')
    op.drop_index(op.f('ix_rectification_replies_rev'), table_name='rectification_replies')
    op.drop_index(op.f('ix_rectification_replies_rectification_id'), table_name='rectification_replies')
    op.drop_table('rectification_replies')
    op.drop_index(op.f('ix_findings_status'), table_name='findings')
    op.drop_index(op.f('ix_findings_rev'), table_name='findings')
    op.drop_index(op.f('ix_findings_rectification_id'), table_name='findings')
    op.drop_index(op.f('ix_findings_project_id'), table_name='findings')
    op.drop_index(op.f('ix_findings_inspection_id'), table_name='findings')
    op.drop_index(op.f('ix_findings_deadline'), table_name='findings')
    op.drop_table('findings')
    op.drop_index(op.f('ix_test_reports_rev'), table_name='test_reports')
    op.drop_index(op.f('ix_test_reports_report_no'), table_name='test_reports')
    op.drop_index(op.f('ix_test_reports_project_id'), table_name='test_reports')
    op.drop_index(op.f('ix_test_reports_batch_id'), table_name='test_reports')
    op.drop_table('test_reports')
    op.drop_index(op.f('ix_rectifications_status'), table_name='rectifications')
    op.drop_index(op.f('ix_rectifications_rev'), table_name='rectifications')
    op.drop_index(op.f('ix_rectifications_reissued_from_id'), table_name='rectifications')
    op.drop_index(op.f('ix_rectifications_project_id'), table_name='rectifications')
    op.drop_index(op.f('ix_rectifications_notice_no'), table_name='rectifications')
    op.drop_index(op.f('ix_rectifications_inspection_id'), table_name='rectifications')
    op.drop_index(op.f('ix_rectifications_deadline'), table_name='rectifications')
    op.drop_table('rectifications')
    op.drop_index(op.f('ix_persons_rev'), table_name='persons')
    op.drop_index(op.f('ix_persons_registration_no'), table_name='persons')
    op.drop_index(op.f('ix_persons_project_id'), table_name='persons')
    op.drop_index(op.f('ix_persons_party_id'), table_name='persons')
    op.drop_table('persons')
    op.drop_index(op.f('ix_inspection_checklists_rev'), table_name='inspection_checklists')
    op.drop_index(op.f('ix_inspection_checklists_inspection_id'), table_name='inspection_checklists')
    op.drop_table('inspection_checklists')
    op.drop_index(op.f('ix_handovers_status'), table_name='handovers')
    op.drop_index(op.f('ix_handovers_rev'), table_name='handovers')
    op.drop_index(op.f('ix_handovers_record_no'), table_name='handovers')
    op.drop_index(op.f('ix_handovers_project_id'), table_name='handovers')
    op.drop_table('handovers')
    op.drop_index(op.f('ix_answers_rev'), table_name='answers')
    op.drop_index(op.f('ix_answers_inspection_id'), table_name='answers')
    op.drop_table('answers')
    op.drop_index(op.f('ix_red_flag_decisions_rev'), table_name='red_flag_decisions')
    op.drop_index(op.f('ix_red_flag_decisions_project_id'), table_name='red_flag_decisions')
    op.drop_index(op.f('ix_red_flag_decisions_flag_key'), table_name='red_flag_decisions')
    op.drop_table('red_flag_decisions')
    op.drop_index(op.f('ix_public_postings_rev'), table_name='public_postings')
    op.drop_index(op.f('ix_public_postings_project_id'), table_name='public_postings')
    op.drop_table('public_postings')
    op.drop_index(op.f('ix_photo_links_target_id'), table_name='photo_links')
    op.drop_index(op.f('ix_photo_links_rev'), table_name='photo_links')
    op.drop_index(op.f('ix_photo_links_photo_id'), table_name='photo_links')
    op.drop_table('photo_links')
    op.drop_index(op.f('ix_parties_rev'), table_name='parties')
    op.drop_index(op.f('ix_parties_project_id'), table_name='parties')
    op.drop_table('parties')
    op.drop_index(op.f('ix_material_batches_rev'), table_name='material_batches')
    op.drop_index(op.f('ix_material_batches_project_id'), table_name='material_batches')
    op.drop_table('material_batches')
    op.drop_index(op.f('ix_inspections_status'), table_name='inspections')
    op.drop_index(op.f('ix_inspections_started_at'), table_name='inspections')
    op.drop_index(op.f('ix_inspections_rev'), table_name='inspections')
    op.drop_index(op.f('ix_inspections_record_no'), table_name='inspections')
    op.drop_index(op.f('ix_inspections_project_id'), table_name='inspections')
    op.drop_table('inspections')
    op.drop_index(op.f('ix_acceptances_status'), table_name='acceptances')
    op.drop_index(op.f('ix_acceptances_rev'), table_name='acceptances')
    op.drop_index(op.f('ix_acceptances_record_no'), table_name='acceptances')
    op.drop_index(op.f('ix_acceptances_project_id'), table_name='acceptances')
    op.drop_table('acceptances')
    op.drop_index(op.f('ix_users_rev'), table_name='users')
    op.drop_table('users')
    op.drop_table('sync_parked')
    op.drop_table('sync_outbox')
    op.drop_table('sync_field_revs')
    op.drop_index(op.f('ix_sync_conflicts_row_id'), table_name='sync_conflicts')
    op.drop_index(op.f('ix_sync_conflicts_rev'), table_name='sync_conflicts')
    op.drop_index(op.f('ix_sync_conflicts_resolved'), table_name='sync_conflicts')
    op.drop_index(op.f('ix_sync_conflicts_project_id'), table_name='sync_conflicts')
    op.drop_table('sync_conflicts')
    op.drop_table('store_seq')
    op.drop_index(op.f('ix_signatories_rev'), table_name='signatories')
    op.drop_index(op.f('ix_signatories_record_id'), table_name='signatories')
    op.drop_table('signatories')
    op.drop_table('settings')
    op.drop_index(op.f('ix_projects_status'), table_name='projects')
    op.drop_index(op.f('ix_projects_rev'), table_name='projects')
    op.drop_index(op.f('ix_projects_plan_year'), table_name='projects')
    op.drop_index(op.f('ix_projects_district'), table_name='projects')
    op.drop_index(op.f('ix_projects_code'), table_name='projects')
    op.drop_table('projects')
    op.drop_index(op.f('ix_photos_rev'), table_name='photos')
    op.drop_table('photos')
    op.drop_table('counters')
    op.drop_index(op.f('ix_checklist_versions_rev'), table_name='checklist_versions')
    op.drop_index(op.f('ix_checklist_versions_checklist_id'), table_name='checklist_versions')
    op.drop_table('checklist_versions')
    op.drop_index(op.f('ix_audit_events_rev'), table_name='audit_events')
    op.drop_index(op.f('ix_audit_events_entity_id'), table_name='audit_events')
    op.drop_table('audit_events')
    op.drop_table('audit_anchors')
