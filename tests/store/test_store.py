"""The store: migrations (including an old store with data), WAL, the audit chain, signed-record locks."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import create_engine, text

from inspector.domain import Acceptance, Outbox, Project, utcnow
from inspector.store import RecordLockedError, open_workspace
from inspector.store.db import DB_NAME
from inspector.store.migrate import current, head, upgrade
from tests.conftest import run_cli


def test_fresh_store_is_at_head_in_wal_mode(store):
    assert current(store.engine) == head()
    with sqlite3.connect(store.path) as c:
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_store_created_by_first_migration_upgrades_without_loss(data_dir):
    engine = create_engine(f"sqlite:///{data_dir / DB_NAME}")
    upgrade(engine, "0001")
    assert current(engine) == "0001"
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO projects (id, rev, base_rev, updated_at, updated_by, device_id, deleted, code, name,"
            " community_name, district, street, community, address, renovation_items, status, permit_no,"
            " supervision_no, notes) VALUES ('p-1', 3, 2, '2026-01-05 08:00:00', '老用户', 'dev-old', 0,"
            " 'XN-OLD-1', '城中区旧项目', '南关小区', '城中区', '南关街', '南关社区', '南关街12号', '[\"roof\"]',"
            " '在建', '', '', '')"))
        conn.execute(text(
            "INSERT INTO acceptances (id, rev, base_rev, updated_at, updated_by, device_id, deleted,"
            " project_id, record_no, location, organiser, blockers, override_reason, override_by, checks,"
            " problems, resident_opinion, conclusion, station_opinion, status, locked_at)"
            " VALUES ('a-1', 1, 0, '2026-01-05 08:00:00', '', '', 0, 'p-1', 'YS-1', '', '', '[]', '', '',"
            " '{}', '', '', '合格', '', 'signed', '2026-01-06 09:00:00')"))
    engine.dispose()

    st = open_workspace(data_dir)  # opening migrates to head
    try:
        assert current(st.engine) == head()
        with st.read() as s:
            p = s.get(Project, "p-1")
            # Revisions restart: nothing here was ever acknowledged by an office, so it waits to be pushed.
            assert (p.code, p.name, p.rev, p.base_rev, p.renovation_items) == ("XN-OLD-1", "城中区旧项目", 1, 0, ["roof"])
            assert p.updated_at.tzinfo is not None
            assert s.get(Outbox, ("projects", "p-1")).fields == ["*"]
        # The lock triggers added by a later migration cover rows that were signed before it.
        with pytest.raises(RecordLockedError):
            with st.write() as s:
                s.get(Acceptance, "a-1").problems = "改"
    finally:
        st.close()


def test_one_revision_step_per_transaction_and_every_write_audited(store):
    with store.write() as s:
        p = Project(code="XN-1", name="城西区海湖小区改造", district="城西区")
        s.add(p)
        s.flush()
        p.households = 200  # a second flush in the same transaction: still one step
    with store.read() as s:
        first = s.get(Project, p.id).rev
    with store.write() as s:
        s.get(Project, p.id).households = 240
    with store.read() as s:
        got = s.get(Project, p.id)
        assert got.rev == first + 1 and got.base_rev == 0
        assert got.updated_by == "测试监督员" and got.device_id == store.device_id
        assert s.get(Outbox, ("projects", p.id)).rev == got.rev  # what to push, at which revision
    proc = run_cli("audit", "verify", data_dir=store.data_dir)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "3 条记录" in proc.stdout  # create, update in the first transaction; update in the second


def test_audit_tampering_is_detected_at_the_first_broken_link(store):
    for i in range(3):
        with store.write() as s:
            s.add(Project(code=f"XN-{i}", name=f"项目{i}", district="城东区"))
    with sqlite3.connect(store.path) as c:  # the log is append-only, even for SQL
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            c.execute("UPDATE audit_events SET after = replace(after, '项目1', '项目X') WHERE seq = 2")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            c.execute("DELETE FROM audit_events WHERE seq = 2")
        # Someone who drops the triggers first is still found out by the chain.
        c.execute("DROP TRIGGER lock_audit_events_update")
        c.execute("UPDATE audit_events SET after = replace(after, '项目1', '项目X') WHERE seq = 2")
    proc = run_cli("audit", "verify", data_dir=store.data_dir)
    assert proc.returncode == 1
    assert "序号 2" in proc.stdout and "篡改" in proc.stdout

    with sqlite3.connect(store.path) as c:  # put it back, then delete an event instead
        c.execute("DROP TRIGGER lock_audit_events_update")
        c.execute("UPDATE audit_events SET after = replace(after, '项目X', '项目1') WHERE seq = 2")
        c.execute("DROP TRIGGER lock_audit_events_delete")
        c.execute("DELETE FROM audit_events WHERE seq = 2")
    proc = run_cli("audit", "verify", data_dir=store.data_dir)
    assert proc.returncode == 1 and "序号 2" in proc.stdout and "删除" in proc.stdout


def test_signed_record_refuses_orm_and_sql_changes(store):
    with store.write() as s:
        p = Project(code="XN-9", name="湟中区项目", district="湟中区")
        a = Acceptance(project_id=p.id, record_no="〔2026〕第0001号", conclusion="合格")
        s.add_all([p, a])
    with store.write() as s:
        s.get(Acceptance, a.id).locked_at = utcnow()
    with pytest.raises(RecordLockedError, match="已签署锁定"):
        with store.write() as s:
            s.get(Acceptance, a.id).conclusion = "不合格"
    with sqlite3.connect(store.path) as c, pytest.raises(sqlite3.IntegrityError, match="locked"):
        c.execute("UPDATE acceptances SET conclusion = '不合格' WHERE id = ?", (a.id,))
    with sqlite3.connect(store.path) as c, pytest.raises(sqlite3.IntegrityError, match="locked"):
        c.execute("DELETE FROM acceptances WHERE id = ?", (a.id,))
    with store.read() as s:
        assert s.get(Acceptance, a.id).conclusion == "合格"


def test_failed_transaction_changes_nothing(store):
    with pytest.raises(RuntimeError):
        with store.write() as s:
            s.add(Project(code="XN-R", name="回滚", district="城北区"))
            raise RuntimeError("boom")
    with store.read() as s:
        assert s.query(Project).count() == 0


def test_photo_on_a_signed_record_keeps_its_caption_and_annotation(store):
    from inspector.domain import Photo, PhotoLink

    sha = "ab" * 32
    with store.write() as s:
        p = Project(code="XN-P", name="照片锁定", district="城东区")
        a = Acceptance(project_id=p.id, record_no="YS-P")
        s.add_all([p, a, Photo(id=sha, caption="原说明"),
                   PhotoLink(photo_id=sha, target_kind="acceptance", target_id=a.id)])
    with store.write() as s:
        s.get(Photo, sha).caption = "签署前可以修改"
        s.get(Acceptance, a.id).locked_at = utcnow()
    with pytest.raises(RecordLockedError, match="照片"):
        with store.write() as s:
            s.get(Photo, sha).annotation = [{"type": "circle", "x1": 0.1, "y1": 0.1, "x2": 0.2, "y2": 0.2}]
    with pytest.raises(RecordLockedError):
        with store.write() as s:
            s.add(PhotoLink(photo_id=sha, target_kind="acceptance", target_id=a.id, item_id="YS-01"))
    with store.read() as s:
        assert s.get(Photo, sha).caption == "签署前可以修改" and s.get(Photo, sha).annotation is None


def test_signed_notice_moves_through_its_workflow_but_keeps_its_content(store):
    import datetime as dt

    from inspector.domain import Rectification

    with store.write() as s:
        p = Project(code="XN-N", name="通知单", district="城中区")
        r = Rectification(project_id=p.id, notice_no="〔2026〕第0007号", issued_on=dt.date(2026, 11, 1),
                          deadline=dt.date(2026, 11, 8), requirements="立即整改临边防护")
        s.add_all([p, r])
    with store.write() as s:
        s.get(Rectification, r.id).locked_at = utcnow()
    with store.write() as s:  # workflow: allowed, audited
        n = s.get(Rectification, r.id)
        n.status, n.closed_on = "closed", dt.date(2026, 11, 7)
    with pytest.raises(RecordLockedError):
        with store.write() as s:
            s.get(Rectification, r.id).deadline = dt.date(2026, 12, 1)
    with sqlite3.connect(store.path) as c:
        c.execute("UPDATE rectifications SET status = 'escalated', rev = rev + 1 WHERE id = ?", (r.id,))
        with pytest.raises(sqlite3.IntegrityError, match="locked"):
            c.execute("UPDATE rectifications SET requirements = '改了' WHERE id = ?", (r.id,))
    with store.read() as s:
        n = s.get(Rectification, r.id)
        assert (n.status, n.requirements, n.deadline) == ("escalated", "立即整改临边防护", dt.date(2026, 11, 8))


def test_head_read_from_files_is_alembics_single_head():
    from inspector.store.migrate import alembic_heads

    assert alembic_heads() == [head()]


def test_an_acknowledgement_records_the_office_revision_and_nothing_else(store):
    from inspector.store import Actor, Mode

    with store.write() as s:
        s.add(Project(id="ack-p", code="ACK-1", name="甲小区"))
    system = Actor("system")
    with store.store.unit(system, Mode.ACK) as uow:
        uow.session.get(Project, "ack-p").base_rev = 7
    with store.read() as s:
        assert s.get(Project, "ack-p").base_rev == 7
    # Touching a column and setting it back is no change; a real change, an insert are refused.
    with store.store.unit(system, Mode.ACK) as uow:
        p = uow.session.get(Project, "ack-p")
        p.name = "乙小区"
        p.name = "甲小区"
    for change in (lambda s: setattr(s.get(Project, "ack-p"), "name", "乙小区"),
                   lambda s: s.add(Project(id="ack-q", code="ACK-2", name="丙"))):
        with pytest.raises(RuntimeError, match="acknowledgement"), store.store.unit(system, Mode.ACK) as uow:
            change(uow.session)
    with store.read() as s:
        assert s.get(Project, "ack-p").name == "甲小区" and s.get(Project, "ack-q") is None
