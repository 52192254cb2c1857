"""Two stores exchange batches through the sync-state functions only (no network): everything
crosses, edits of different fields merge, edits of one field keep both versions, a signed record
crosses intact and stays locked, a replayed batch changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from inspector.demo import demo_id
from inspector.domain import Conflict, Inspection, Project
from inspector.store import Mode
from inspector.sync.client import SYNC_ACTOR, LocalPeer
from inspector.sync.state import apply_remote, changes_since
from tests.sync.helpers import blob_hashes, chains, laptop, office, pending, snapshot, sync_with


@pytest.fixture
def trio(tmp_path):
    """The office and two empty laptops."""
    hub, a, b = office(tmp_path / "office"), laptop(tmp_path / "a", "李淑芬"), laptop(tmp_path / "b", "王建国")
    yield hub, a, b
    for ws in (hub, a, b):
        ws.close()


@pytest.fixture
def demo_trio(tmp_path, demo_copy):
    """The office, a laptop holding the demo (a copy of one built once) and an empty laptop."""
    demo_copy(tmp_path / "a")
    hub, a, b = office(tmp_path / "office"), laptop(tmp_path / "a", "李淑芬"), laptop(tmp_path / "b", "王建国")
    yield hub, a, b
    for ws in (hub, a, b):
        ws.close()


def test_demo_crosses_to_the_office_and_to_another_laptop_whole(demo_trio):
    hub, a, b = demo_trio
    first = sync_with(a, hub, limit=300)
    assert first.pushed > 1000 and not first.refused and pending(a) == 0
    pulled = sync_with(b, hub, limit=300).pulled
    assert pulled <= first.pushed * 1.05  # nothing sent twice but a few parents needed early
    sync_with(b, hub)  # b's chain (what it applied) reaches the office
    sync_with(a, hub)  # a receives b's and the office's chains
    want = snapshot(a)
    assert snapshot(hub) == want and snapshot(b) == want
    assert blob_hashes(a) == blob_hashes(hub) == blob_hashes(b)
    assert all(h.blobs.exists(sha) for h in (hub, b) for sha in blob_hashes(a))
    assert chains(a) == chains(hub) == chains(b)
    # Signed records arrived locked, their seals intact, and nobody may change them anywhere.
    from inspector.services.integrity import check_store

    for ws in (hub, b):
        report = check_store(ws)
        assert report.ok and report.records_checked >= 15, report


def test_edits_of_different_fields_merge_and_of_one_field_keep_both(trio):
    hub, a, _b = trio
    with a.write() as s:
        s.add(Project(id="p1", code="XN-1", name="南关小区", district="城中区"))
    sync_with(a, hub)
    with a.write() as s:
        p = s.get(Project, "p1")
        p.households, p.notes = 120, "笔记A"
    with hub.write() as s:  # edited at the office meanwhile
        p = s.get(Project, "p1")
        p.buildings, p.notes = 6, "笔记站"
    summary = sync_with(a, hub)
    assert summary.conflicts == 1
    for ws in (a, hub):
        with ws.read() as s:
            p = s.get(Project, "p1")
            assert (p.households, p.buildings, p.notes) == (120, 6, "笔记站")
            [c] = s.query(Conflict).all()
            assert (c.field, c.kept_value, c.other_value, c.other_by) == ("notes", "笔记站", "笔记A", "李淑芬")
    assert snapshot(a) == snapshot(hub)


def test_a_replayed_batch_changes_nothing(trio):
    hub, a, _b = trio
    with a.write() as s:
        s.add(Project(id="p2", code="XN-2", name="海湖小区", district="城西区"))
    batch = changes_since(a, None)
    peer = LocalPeer(hub, a.device_id)
    first = peer.push(batch)
    before = snapshot(hub)
    again = peer.push(batch)
    assert [r.status for r in first.results] == ["applied"]
    assert [r.status for r in again.results] == ["identical"]
    assert snapshot(hub) == before
    pull = changes_since(hub, "0", for_device="someone-else")
    with b_unit(a) as uow:
        apply_remote(uow, pull)
    with b_unit(a) as uow:
        report = apply_remote(uow, pull)
    assert {r.status for r in report.results} == {"identical"}


def b_unit(ws):
    return ws.store.unit(SYNC_ACTOR, Mode.REMOTE)


def test_a_signed_record_cannot_be_changed_from_elsewhere(demo_trio):
    hub, a, b = demo_trio
    sync_with(a, hub)
    sync_with(b, hub)
    signed = demo_id("inspection", "CZ-02:-470")
    with b.read() as s:
        insp = s.get(Inspection, signed)
        assert insp is not None and insp.locked_at is not None
    # b's store is tampered with under the triggers and pushes a changed copy: the office refuses it.
    import sqlite3

    with sqlite3.connect(b.path) as c:
        c.execute("DROP TRIGGER lock_inspections_update")
        c.execute("UPDATE inspections SET summary = '改过了' WHERE id = ?", (signed,))
        c.execute("INSERT INTO sync_outbox (tbl, row_id, rev, fields, error) VALUES ('inspections', ?, 999, '[\"summary\"]', '')",
                  (signed,))
    summary = sync_with(b, hub)
    assert any("签署锁定" in r for r in summary.refused)
    with hub.read() as s:
        assert s.get(Inspection, signed).summary != "改过了"
        assert s.query(Conflict).filter_by(row_id=signed, kind="locked").count() == 1


def test_a_push_whose_answer_was_lost_is_not_a_conflict_with_itself(trio):
    hub, a, b = trio
    with a.write() as s:
        s.add(Project(id="lost-p", code="LOST-1", name="甲小区"))
    sync_with(a, hub)
    sync_with(b, hub)
    peer = LocalPeer(hub, a.device_id)
    with a.write() as s:
        s.get(Project, "lost-p").notes = "第1次"
    first = changes_since(a, None)
    peer.push(first)  # applied at the office; the answer never reached the laptop (a cut connection)
    with a.write() as s:
        s.get(Project, "lost-p").notes = "第2次"
    sync_with(a, hub)

    def office_notes() -> str:
        with hub.read() as s:
            return s.get(Project, "lost-p").notes

    def conflicts() -> int:
        with hub.read() as s:
            return len(s.scalars(select(Conflict)).all())

    assert office_notes() == "第2次" and conflicts() == 0
    peer.push(first)  # the old push replayed: the office keeps the newer version of the same laptop
    assert office_notes() == "第2次" and conflicts() == 0
    # Another laptop's edit from an older base still meets the first one's as a conflict.
    with b.write() as s:
        s.get(Project, "lost-p").notes = "乙的修改"
    sync_with(b, hub)
    assert office_notes() == "第2次" and conflicts() == 1
