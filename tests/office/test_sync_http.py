"""Laptops syncing with the real server over HTTP (SQLite and PostgreSQL): two inspectors of one
district edit offline and converge, conflicts kept on both sides; a device whose audit chain was cut
after a sync is flagged at the office and told so; two server processes on one PostgreSQL database
serve the same clients alternately (one token, one set of login counters, uploads resumed on the
other process, pushes at the same moment) and everything converges."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading

import pytest
from sqlalchemy import select

from inspector.domain import Conflict, Inspection, Party, Photo, PhotoLink, Project
from inspector.office.models import ChainProblem, Device
from inspector.sync import api
from inspector.sync.client import sync
from tests.office.conftest import PASSWORD, start_deployment
from tests.office.server import HttpPeer, OfficeServer, login
from tests.sync.helpers import pending, snapshot


def _project(ws, pid: str, district: str = "城中区") -> str:
    with ws.write() as s:
        s.add(Project(id=pid, code=pid.upper(), name=f"{pid} 小区", district=district))
        s.add(Party(id=f"{pid}-party", project_id=pid, role="施工", name="西宁建工"))
        s.add(Inspection(id=f"{pid}-insp", project_id=pid, kind="日常巡查"))
    data = os.urandom(150_000)
    sha = ws.blobs.put_bytes(data)
    with ws.write() as s:
        s.add(Photo(id=sha, byte_size=len(data), format="jpeg"))
        s.add(PhotoLink(photo_id=sha, target_kind="inspection", target_id=f"{pid}-insp"))
    return sha


def test_two_inspectors_edit_offline_and_converge(deployment):
    d = deployment
    d.add_user("qian", "城中区")
    a, b = d.laptop("李"), d.laptop("钱")
    pa, pb = d.peer(a, "li"), d.peer(b, "qian")
    sha = _project(a, "conv1")
    sync(a, pa)
    sync(b, pb)
    assert b.blobs.exists(sha)
    with a.write() as s:  # offline, both: different fields merge, the same field keeps both
        p = s.get(Project, "conv1")
        p.households, p.notes = 120, "甲的备注"
    with b.write() as s:
        p = s.get(Project, "conv1")
        p.buildings, p.notes = 6, "乙的备注"
        s.add(Party(id="conv1-design", project_id="conv1", role="设计", name="设计院"))
    _project(b, "conv2")
    sync(a, pa)
    summary = sync(b, pb)
    assert summary.conflicts == 1 and not summary.refused
    sync(a, pa)
    office = d.office.workspace
    for ws in (a, b, office):
        with ws.read() as s:
            p = s.get(Project, "conv1")
            assert (p.households, p.buildings, p.notes) == (120, 6, "甲的备注")
            [c] = s.scalars(select(Conflict).where(Conflict.row_id == "conv1")).all()
            assert (c.kept_value, c.other_value) == ("甲的备注", "乙的备注")
    for table in ("projects", "parties", "inspections", "photos", "photo_links", "sync_conflicts"):
        seen = _visible(office, table, "li", "城中区")
        rows = {k: v for k, v in snapshot(office)[table].items() if k in seen}
        assert snapshot(a)[table] == snapshot(b)[table] == rows, table
    assert pending(a) == pending(b) == 0
    # Nothing to do: a sync moves nothing.
    again = sync(a, pa)
    assert (again.pushed, again.pulled, again.blobs_up, again.blobs_down) == (0, 0, 0, 0)


def _visible(office, table: str, user: str, district: str) -> set[str]:
    """Ids of the office's rows of `table` that the user may see."""
    from inspector.office.accounts import user_id_of
    from inspector.sync.scope import InspectorScope
    from inspector.sync.tables import model_of

    model = model_of(table)
    with office.read() as s:
        return set(s.scalars(select(model.id).where(InspectorScope(user_id_of(user), district).clause(model))))


def test_a_device_whose_audit_chain_was_cut_after_a_sync_is_flagged(deployment):
    d = deployment
    a = d.laptop("李")
    peer = d.peer(a, "li")
    _project(a, "chain1")
    assert not sync(a, peer).chain_problems
    with sqlite3.connect(a.path) as c:  # someone deletes the laptop's last events after the sync
        c.execute("DROP TRIGGER lock_audit_events_delete")
        c.execute("DELETE FROM audit_events WHERE device_id = ? AND seq > (SELECT seq - 2 FROM audit_anchors "
                  "WHERE device_id = ?)", (a.device_id, a.device_id))
    for i in range(5):
        with a.write() as s:
            s.get(Project, "chain1").notes = f"之后的修改 {i}"
    summary = sync(a, peer)
    assert summary.chain_problems and "审计记录" in summary.chain_problems[0]
    with d.office.session() as s:
        device = s.get(Device, a.device_id)
        assert device.chain_problem and "未接续" in device.chain_problem
        assert s.scalars(select(ChainProblem).where(ChainProblem.device_id == a.device_id)).first().login == "li"


@pytest.mark.postgres
@pytest.mark.slow
def test_two_server_processes_on_one_postgresql_database_serve_clients_alternately(request, tmp_path):
    d = start_deployment(request, tmp_path, "postgresql")
    second = OfficeServer(d.data_dir, d.db_url).start()
    try:
        d.add_user("li", "城中区")
        d.add_user("qian", "城中区")
        urls = [d.url, second.url]
        a, b = d.laptop("李"), d.laptop("钱")
        tokens = {ws.device_id: d.token(user, ws.device_id) for ws, user in ((a, "li"), (b, "qian"))}
        peers = {(ws.device_id, i): HttpPeer(url, tokens[ws.device_id]) for ws in (a, b) for i, url in enumerate(urls)}

        def peer(ws, i: int) -> HttpPeer:  # one token, either process
            return peers[(ws.device_id, i % 2)]

        # Failed sign-ins counted by one process block on the other.
        for i in range(5):
            assert login(urls[i % 2], "li", "wrong-guess", "dev-x", address="10.9.0.1").status_code == 401
        assert login(urls[1], "li", PASSWORD, "dev-x", address="10.9.0.2").status_code == 429
        # An upload cut on one process is resumed on the other.
        data = os.urandom(3 * api.CHUNK)
        sha = hashlib.sha256(data).hexdigest()
        half = peer(a, 0).client.patch(api.BLOB.format(sha256=sha), content=data[:api.CHUNK], headers={
            api.UPLOAD_OFFSET: "0", api.UPLOAD_LENGTH: str(len(data))})
        assert half.status_code == 204
        assert peer(a, 1).client.head(api.BLOB.format(sha256=sha)).headers[api.UPLOAD_OFFSET] == str(api.CHUNK)
        peer(a, 1).put_blob(sha, data)
        assert peer(b, 0).client.head(api.BLOB.format(sha256=sha)).status_code == 200
        # Rounds of offline edits, each laptop syncing with the process the round gives it.
        for rnd in range(4):
            _project(a, f"two-a{rnd}")
            _project(b, f"two-b{rnd}")
            with a.write() as s:
                s.get(Project, "two-a0").notes = f"甲 第{rnd}轮"
            if rnd:
                with b.write() as s:
                    s.get(Project, "two-a0").street = f"乙 第{rnd}轮"
            errors: list[BaseException] = []

            def run(ws, i: int, errors=errors) -> None:
                try:
                    sync(ws, peer(ws, i))
                except BaseException as exc:  # noqa: BLE001 - reported below
                    errors.append(exc)

            threads = [threading.Thread(target=run, args=(a, rnd)), threading.Thread(target=run, args=(b, rnd + 1))]
            for t in threads:
                t.start()
            for t in threads:
                t.join(120)
            assert not errors, errors
            if rnd == 0:  # b may have pulled before a's push landed: it must hold two-a0 to edit it
                sync(b, peer(b, 1))
        for i, ws in enumerate((a, b, a, b)):
            sync(ws, peer(ws, i))
        office = d.office.workspace
        want = snapshot(office)
        for ws in (a, b):
            got = snapshot(ws)
            for table in ("projects", "parties", "inspections", "photos", "photo_links", "sync_conflicts"):
                assert got[table] == want[table], table
            assert pending(ws) == 0
        with office.read() as s:
            p = s.get(Project, "two-a0")
            assert (p.notes, p.street) == ("甲 第3轮", "乙 第3轮")
        blobs = {r for r in want["photos"]}
        assert all(a.blobs.exists(h) and b.blobs.exists(h) and office.blobs.exists(h) for h in blobs)
    finally:
        for p in locals().get("peers", {}).values():
            p.close()
        second.stop()
        d.server.stop()
        d.office.close()
