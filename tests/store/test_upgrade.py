"""A store made by the previous head (0005) with the demo and real photos, opened by this version:
fact ids rewritten with every reference, notices' lists of findings recorded, the audit log
re-chained per device (the old chain's head kept), every row waiting to be pushed, and every
signed PDF still verifying against the store."""

from __future__ import annotations

import hashlib
import sqlite3
import tarfile
from pathlib import Path

import pytest
from sqlalchemy import select

from inspector.domain import (
    Acceptance,
    Answer,
    AuditEvent,
    ChecklistVersion,
    Finding,
    Inspection,
    InspectionChecklist,
    Outbox,
    PhotoLink,
    RectificationFinding,
    fact_id,
)
from inspector.domain.kinds import RECORD_KINDS
from inspector.services import records
from inspector.services.integrity import check_store
from inspector.store import Actor, open_workspace
from inspector.store.migrate import current, head

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "store-0005-demo.tar.xz"
TABLES = ("projects", "parties", "persons", "inspections", "answers", "inspection_checklists", "checklist_versions",
          "findings", "rectifications", "rectification_replies", "photos", "photo_links", "signatories",
          "acceptances", "handovers", "material_batches", "test_reports", "complaints", "users")


@pytest.fixture
def old_store(tmp_path, photos_dir) -> Path:
    data = tmp_path / "data"
    with tarfile.open(FIXTURE) as tar:
        tar.extractall(data, filter="data")
    # The fixture leaves out the photos that are in ../shared: put them back where the store keeps them.
    for photo in photos_dir.glob("*.jpg"):
        sha = hashlib.sha256(photo.read_bytes()).hexdigest()
        dest = data / "blobs" / sha[:2] / sha
        if not dest.exists() and (data / "blobs" / sha[:2]).is_dir():
            dest.write_bytes(photo.read_bytes())
    return data


def test_a_0005_store_upgrades_without_loss(old_store, tmp_path):
    with sqlite3.connect(old_store / "inspector.sqlite3") as c:
        assert c.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0005"
        counts = {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        old_events = c.execute("SELECT count(*) FROM audit_events").fetchone()[0]
        old_head = c.execute("SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1").fetchone()[0]
        signed = c.execute("SELECT id, pdf_sha256 FROM inspections WHERE locked_at IS NOT NULL").fetchall()
        phones = [r[0] for r in c.execute("SELECT complainant_phone FROM complaints WHERE complainant_phone != ''")]
        assert phones and any(p in (r[0] or "") for r in c.execute("SELECT after FROM audit_events") for p in phones)
    ws = open_workspace(old_store, Actor("升级后"))
    try:
        assert current(ws.engine) == head()
        with sqlite3.connect(old_store / "inspector.sqlite3") as c:
            assert c.execute("PRAGMA foreign_key_check").fetchall() == []
            assert {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES} == counts
            # 0008: the search index is built from the projects already there, their parties and people.
            code, firm, person = c.execute(
                "SELECT p.code, pa.name, pe.name FROM projects p JOIN parties pa ON pa.project_id = p.id"
                " JOIN persons pe ON pe.party_id = pa.id WHERE p.deleted = 0 AND pa.deleted = 0"
                " AND pe.deleted = 0 ORDER BY p.code LIMIT 1").fetchone()
            live = c.execute("SELECT count(*) FROM projects WHERE deleted = 0").fetchone()[0]
            assert c.execute("SELECT count(*) FROM project_search").fetchone()[0] == live
        from inspector.services.projects import search_projects

        assert code in [r.code for r in search_projects(ws, text=f"{firm} {person}")]
        assert [r.code for r in search_projects(ws, text=code)] == [code]
        with ws.read() as s:
            for cv in s.scalars(select(ChecklistVersion)):
                assert cv.id == fact_id("checklist_versions", [cv.checklist_id, cv.version, cv.content_sha256])
            for ic in s.scalars(select(InspectionChecklist)):
                assert ic.id == fact_id("inspection_checklists", [ic.inspection_id, ic.checklist_version_id])
                assert ic.checklist_version is not None
            for a in s.scalars(select(Answer)):
                assert a.id == fact_id("answers", [a.inspection_id, a.checklist_version_id, a.item_id])
            for link in s.scalars(select(PhotoLink)):
                assert link.id == fact_id("photo_links", [link.photo_id, link.target_kind, link.target_id,
                                                          link.item_id])
            for f in s.scalars(select(Finding).where(Finding.answer_id.is_not(None))):
                assert s.get(Answer, f.answer_id) is not None  # references followed the new ids
            # Each notice lists the findings it was issued with, a re-issued one included.
            on_notice = s.scalars(select(Finding).where(Finding.rectification_id.is_not(None))).all()
            listed = {(x.rectification_id, x.finding_id) for x in s.scalars(select(RectificationFinding))}
            assert all((f.rectification_id, f.id) in listed for f in on_notice)
            # Nothing was ever pushed: all of it waits in the outbox.
            from inspector.sync.tables import synced_models

            assert s.query(Outbox).count() == sum(s.query(m).count() for m in synced_models())
            # The old chain was verified and its head is kept at the end of the new one.
            [mig] = s.scalars(select(AuditEvent).where(AuditEvent.action == "system",
                                                       AuditEvent.entity == "store")).all()[:1]
            assert mig.after["old_chain_ok"] is True and mig.after["old_chain_head"] == old_head
            assert mig.after["old_chain_events"] == old_events
            assert {i.id for i in s.scalars(select(Inspection).where(Inspection.locked_at.is_not(None)))} == \
                {row[0] for row in signed}
            assert s.query(Acceptance).filter(Acceptance.locked_at.is_not(None)).count() >= 2
        with sqlite3.connect(old_store / "inspector.sqlite3") as c:  # the old log's copies of phones are masked
            log = " ".join(a or "" for row in c.execute("SELECT before, after FROM audit_events") for a in row)
        assert not any(p in log for p in phones)
        report = check_store(ws)  # chains verify, seals were taken for the records signed before
        assert report.ok and report.records_checked >= 15, report
        for k in RECORD_KINDS.values():  # every signed PDF is still the one the store vouches for
            with ws.read() as s:
                rows = s.scalars(select(k.model).where(k.model.locked_at.is_not(None))).all()
            for row in rows:
                path = tmp_path / f"{row.id}.pdf"
                path.write_bytes(records.signed_pdf(ws, kind=k.key, record_id=row.id))
                result = records.verify_pdf(ws, path)
                assert result.intact and result.matches_store, (k.key, row.id, result)
                # What it printed then still renders with today's layouts (fields added since are absent).
                assert records.render_record(ws, kind=k.key, record_id=row.id).startswith(b"%PDF")
        with sqlite3.connect(old_store / "inspector.sqlite3") as c:  # 0007: the 移送 record, locked like the rest
            triggers = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
            assert {"lock_referrals_update", "lock_referral_findings_insert"} <= triggers
            assert c.execute("SELECT count(*) FROM referrals").fetchone()[0] == 0
    finally:
        ws.close()
