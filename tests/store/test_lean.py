"""The lean store (issue 13): compact audit events that still chain and still catch tampering, no
index that another index already serves, and a store written by the previous version (0007) that
upgrades to it with its old events verifying as they were written."""

from __future__ import annotations

import sqlite3

from sqlalchemy import create_engine, select

from inspector.domain import Answer, AuditEvent, Inspection, Project
from inspector.store import Actor, audit, open_workspace
from inspector.store.db import DB_NAME
from inspector.store.migrate import current, head, upgrade
from inspector.sync.state import changes_since
from tests.store.test_upgrade import old_store  # noqa: F401 - the 0005 store, as a fixture

DROPPED = ("ix_answers_inspection_id", "ix_inspection_checklists_inspection_id", "ix_photo_links_photo_id",
           "ix_rectification_findings_rectification_id", "ix_referral_findings_referral_id",
           "ix_checklist_versions_checklist_id", "ix_audit_events_entity_id")


def _indexes(db) -> dict[str, list[tuple[str, bool, list[str]]]]:
    """Each table's full indexes: (name, unique, columns). A partial index (the register's, over
    live rows) serves only queries that imply its condition, so it makes no full index redundant."""
    with sqlite3.connect(db) as c:
        out = {}
        for (table,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            out[table] = [(name, bool(unique), [r[2] for r in c.execute(f"PRAGMA index_info('{name}')")])
                          for _seq, name, unique, _origin, partial in c.execute(f"PRAGMA index_list('{table}')")
                          if not partial]
        return out


def _tamper(db, sql: str) -> None:
    with sqlite3.connect(db) as c:
        c.execute("DROP TRIGGER IF EXISTS lock_audit_events_update")
        c.execute(sql)


def test_no_index_is_the_leading_part_of_another(store):
    for table, indexes in _indexes(store.path).items():
        for name, _unique, cols in indexes:
            covering = [other for other, _u, more in indexes
                        if other != name and len(more) > len(cols) and more[:len(cols)] == cols]
            assert not covering, f"{table}.{name} {cols} is served by {covering}"


def test_an_event_keeps_what_changed_and_the_chain_still_catches_edits(store):
    with store.write() as s:
        p = Project(code="XN-L1", name="城东区毛纺厂家属院", district="城东区")
        s.add(p)
    with store.write() as s:
        s.get(Project, p.id).households = 120
    with store.read() as s:
        created, updated = s.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()[-2:]
        assert created.prev_hash == "" and created.entity_id == p.id
        # What was set, once: not the id (the event's entity_id), not a default (deleted: false).
        assert {"code": "XN-L1", "name": "城东区毛纺厂家属院", "district": "城东区"}.items() <= created.after.items()
        assert "id" not in created.after and "deleted" not in created.after and "notes" not in created.after
        assert (updated.before, updated.after) == ({"households": None}, {"households": 120})
        assert all(r.ok for r in audit.verify_all(s))
    with sqlite3.connect(store.path) as c:  # stored without spaces
        assert '", "' not in c.execute("SELECT after FROM audit_events WHERE seq = ?", (created.seq,)).fetchone()[0]

    _tamper(store.path, f"UPDATE audit_events SET after = replace(after, '120', '240') WHERE seq = {updated.seq}")
    with store.read() as s:
        [report] = audit.verify_all(s)
    assert report.broken_at == updated.seq and "篡改" in report.reason


def test_a_0007_store_upgrades_and_its_old_events_verify_as_written(old_store):  # noqa: F811
    engine = create_engine(f"sqlite:///{old_store / DB_NAME}")
    upgrade(engine, "0007")  # the store as the previous version left it
    engine.dispose()
    db = old_store / DB_NAME
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0007"
        outbox = sorted(c.execute("SELECT tbl, row_id, rev, fields, error FROM sync_outbox"))
        old_events = c.execute("SELECT count(*) FROM audit_events").fetchone()[0]
        assert c.execute("SELECT count(*) FROM audit_events WHERE prev_hash = ''").fetchone()[0] == 0
        assert set(DROPPED) <= {n for ix in _indexes(db).values() for n, _u, _c in ix}
    assert outbox and old_events

    ws = open_workspace(old_store, Actor("升级后"))
    try:
        assert current(ws.engine) == head()
        with sqlite3.connect(db) as c:
            assert not set(DROPPED) & {n for ix in _indexes(db).values() for n, _u, _c in ix}
            assert "WITHOUT ROWID" in c.execute(
                "SELECT sql FROM sqlite_master WHERE name = 'sync_outbox'").fetchone()[0]
            assert sorted(c.execute("SELECT tbl, row_id, rev, fields, error FROM sync_outbox")) == outbox
            # The old events keep their links; whatever the opening itself logged has none stored.
            assert c.execute("SELECT count(*) FROM audit_events WHERE prev_hash != ''").fetchone()[0] == old_events
        with ws.write() as s:  # a new answer note: a compact event after the old ones
            answer = s.scalars(select(Answer).join(Inspection, Inspection.id == Answer.inspection_id)
                               .where(Inspection.locked_at.is_(None)).limit(1)).one()
            answer.note = "升级后复核"
        with ws.read() as s:
            assert all(r.ok for r in audit.verify_all(s)), audit.verify_all(s)
            last = s.scalars(select(AuditEvent).where(AuditEvent.device_id == ws.device_id)
                             .order_by(AuditEvent.seq.desc()).limit(1)).one()
            assert last.prev_hash == "" and last.after == {"note": "升级后复核"}
        # Events leave the store with their links: each one's hash checks out over the one before.
        events = [e for e in changes_since(ws, None, limit=100_000).events if e.device_id == ws.device_id]
        assert events[-1].hash == last.hash
        prev = audit.GENESIS
        for e in events:
            assert e.prev_hash == prev
            assert audit.event_hash(e.prev_hash, device_id=e.device_id, seq=e.seq, at=e.at, actor=e.actor,
                                    action=e.action, entity=e.entity, entity_id=e.entity_id, before=e.before,
                                    after=e.after) == e.hash
            prev = e.hash
        seq_old = events[1].seq
    finally:
        ws.close()

    # An old event changed is caught at that event, and so is a new one.
    _tamper(db, f"UPDATE audit_events SET actor = '别人' WHERE device_id = '{last.device_id}' AND seq = {seq_old}")
    ws = open_workspace(old_store, Actor("升级后"))
    try:
        with ws.read() as s:
            report = audit.verify_chain(s, last.device_id)
        assert report.broken_at == seq_old and "篡改" in report.reason
    finally:
        ws.close()
