"""Who sees and changes what, through every endpoint of the real server (SQLite and PostgreSQL): an
inspector pulls, downloads and pushes only the projects assigned to them or in their district, may
create a project in their district, cannot push as another device, and nobody changes a signed
record. Each refusal leaves the office's rows as they were."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import pytest

from inspector.domain import Inspection, Party, Photo, PhotoLink, Project
from inspector.store import Workspace
from inspector.sync import api
from inspector.sync.client import sync
from inspector.sync.state import changes_since
from inspector.sync.wire import Batch, row_of
from tests.office.server import office_cli
from tests.sync.helpers import quick_sign, snapshot


@dataclass
class World:
    boss: Workspace
    blob: dict[str, str]  # project id -> the sha256 of its inspection's photo
    blob_bytes: dict[str, bytes]


@pytest.fixture(scope="module")
def world(deployment):
    """The station's admin enters a project in each of two districts, each with an inspection and a
    photo; the 城中区 inspection is signed. Everything reaches the office over HTTP."""
    boss = deployment.laptop("站长")
    blob, blob_bytes = {}, {}
    with boss.write() as s:
        for pid, district in (("cz", "城中区"), ("cx", "城西区")):
            s.add(Project(id=pid, code=f"{pid.upper()}-001", name=f"{district}小区", district=district))
            s.add(Inspection(id=f"insp-{pid}", project_id=pid, kind="日常巡查", summary="初查"))
            data = f"photo of {pid} ".encode() * 5000
            sha = boss.blobs.put_bytes(data)
            blob[pid], blob_bytes[pid] = sha, data
            s.add(Photo(id=sha, byte_size=len(data), format="jpeg"))
            s.add(PhotoLink(photo_id=sha, target_kind="inspection", target_id=f"insp-{pid}"))
    quick_sign(boss, "inspection", "insp-cz")
    summary = sync(boss, deployment.peer(boss, "boss"))
    assert not summary.refused and summary.blobs_up == 2
    yield World(boss, blob, blob_bytes)
    boss.close()


def _rows(ws: Workspace, table: str) -> set[str]:
    return set(snapshot(ws)[table])


def test_an_inspector_pulls_only_assigned_and_district_projects(deployment, world):
    d = deployment
    li = d.laptop("李")
    sync(li, d.peer(li, "li"))
    assert _rows(li, "projects") == {"cz"} and _rows(li, "inspections") == {"insp-cz"}
    assert _rows(li, "photos") == {world.blob["cz"]} and li.blobs.exists(world.blob["cz"])
    assert not li.blobs.exists(world.blob["cx"])
    d.add_user("zhou", "城东区")
    zhou = d.laptop("周")
    peer = d.peer(zhou, "zhou")
    sync(zhou, peer)
    assert _rows(zhou, "projects") == set()
    assert peer.client.get(api.ME).json()["projects"] == 0
    out = office_cli("assign", "CX-001", "--to", "zhou", data_dir=d.data_dir, db_url=d.db_url)
    assert "已分配给 zhou" in out.stdout
    sync(zhou, peer)
    assert _rows(zhou, "projects") == {"cx"} and zhou.blobs.exists(world.blob["cx"])
    assert peer.client.get(api.ME).json()["projects"] == 1
    # Audit chains name records of every project: an inspector's pull carries none of them.
    batch = peer.client.get(api.PULL, params={"cursor": "0"}).json()
    assert batch["events"] == [] and batch["rows"]


def test_an_inspector_cannot_download_another_districts_blob(deployment, world):
    d = deployment
    with d.client(d.token("li", "dev-li-blob")) as c:
        r = c.get(api.BLOB.format(sha256=world.blob["cx"]))
        assert r.status_code == 403 and r.json()["code"] == "forbidden" and "无权" in r.json()["error"]
        r = c.get(api.BLOB.format(sha256=world.blob["cz"]))
        assert r.status_code == 200 and r.content == world.blob_bytes["cz"]
        r = c.get(api.BLOB.format(sha256=world.blob["cz"]), headers={"Range": "bytes=100-199"})
        assert r.status_code == 206 and r.content == world.blob_bytes["cz"][100:200]
        r = c.get(api.BLOB.format(sha256="0" * 64))
        assert r.status_code == 404 and r.json()["code"] == "no_blob"


def test_an_inspector_cannot_write_another_districts_rows(deployment, world):
    d = deployment
    li = d.laptop("李")
    peer = d.peer(li, "li")
    sync(li, peer)
    office = d.office.workspace
    before = snapshot(office)
    with li.write() as s:  # rows that name the other district's project, made up on the laptop
        s.add(Project(id="cx", code="CX-001", name="改名了", district="城西区"))
        s.add(Party(id="party-cx", project_id="cx", role="施工", name="冒名公司"))
        s.add(Inspection(id="insp-cx-2", project_id="cx", kind="日常巡查"))
        s.add(Project(id="new-cx", code="CX-NEW", name="他区新项目", district="城西区"))
        s.add(Project(id="new-cz", code="CZ-NEW", name="本区新项目", district="城中区"))
    batch = changes_since(li, None)
    summary = sync(li, peer)
    refused = {line.split("：")[0] for line in summary.refused}
    assert refused == {"projects cx", "parties party-cx", "inspections insp-cx-2", "projects new-cx"}
    assert all("无权修改该项目的数据" in line for line in summary.refused)
    after = snapshot(office)
    assert after["projects"]["cx"] == before["projects"]["cx"]
    assert "party-cx" not in after["parties"] and "insp-cx-2" not in after["inspections"]
    assert "new-cx" not in after["projects"] and after["projects"]["new-cz"]["district"] == "城中区"
    # Sent again, the same rows are refused again.
    again = peer.client.post(api.PUSH, json=batch.to_json()).json()["results"]
    assert {f"{r['table']} {r['id']}" for r in again if r["status"] == "refused"} == refused
    assert snapshot(office)["projects"]["cx"] == before["projects"]["cx"]


def test_a_push_comes_from_the_tokens_device_only(deployment, world):
    d = deployment
    li = d.laptop("李")
    with li.write() as s:
        s.add(Project(id="other-dev", code="CZ-OD", name="别的设备", district="城中区"))
    batch = changes_since(li, None).to_json()
    with d.client(d.token("li", "some-other-device")) as c:
        r = c.post(api.PUSH, json=batch)
    assert r.status_code == 403 and r.json()["code"] == "wrong_device" and "重新登录" in r.json()["error"]
    assert "other-dev" not in _rows(d.office.workspace, "projects")


def test_nobody_changes_a_signed_record(deployment, world):
    d = deployment
    li = d.laptop("李")
    peer = d.peer(li, "li")
    sync(li, peer)
    with li.read() as s:
        assert s.get(Inspection, "insp-cz").locked_at is not None
    with sqlite3.connect(li.path) as c:  # a tampered laptop, past its own triggers
        c.execute("DROP TRIGGER lock_inspections_update")
        c.execute("UPDATE inspections SET summary = '改过了' WHERE id = 'insp-cz'")
        c.execute("INSERT INTO sync_outbox (tbl, row_id, rev, fields, error) "
                  "VALUES ('inspections', 'insp-cz', 999, '[\"summary\"]', '')")
    before = snapshot(d.office.workspace)["inspections"]["insp-cz"]
    summary = sync(li, peer)
    assert [r.split("：")[0] for r in summary.refused] == ["inspections insp-cz"]
    assert "签署锁定" in summary.refused[0]
    assert snapshot(d.office.workspace)["inspections"]["insp-cz"] == before
    # An identical copy of the signed record is accepted (a resend is harmless).
    boss_copy = d.laptop("站长副本")
    boss_peer = d.peer(boss_copy, "boss")
    sync(boss_copy, boss_peer)
    with boss_copy.read() as s:
        row = row_of(s.get(Inspection, "insp-cz"))
    r = boss_peer.client.post(api.PUSH, json=Batch(boss_copy.device_id, [row]).to_json())
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "identical"


def test_a_project_moved_to_another_district_reaches_that_districts_inspectors_whole(deployment, world):
    d = deployment
    d.add_user("wu", "城北区")
    wu = d.laptop("吴")
    peer = d.peer(wu, "wu")
    sync(wu, peer)
    assert _rows(wu, "projects") == set()
    with world.boss.write() as s:  # the station moves the project (pushed from the admin's laptop)
        s.get(Project, "cx").district = "城北区"
    assert not sync(world.boss, d.peer(world.boss, "boss")).refused
    sync(wu, peer)
    assert _rows(wu, "projects") == {"cx"} and _rows(wu, "inspections") == {"insp-cx"}
    assert wu.blobs.exists(world.blob["cx"])


def test_a_push_carries_its_own_audit_chain_only(deployment, world):
    d = deployment
    li = d.laptop("李")
    with li.write() as s:
        s.add(Project(id="forged", code="CZ-FG", name="伪造", district="城中区"))
    batch = changes_since(li, None)
    forged = batch.events[-1]
    forged.device_id = world.boss.device_id  # an event made up in another device's name
    peer = d.peer(li, "li")
    r = peer.client.post(api.PUSH, json=batch.to_json())
    assert r.status_code == 403 and r.json()["code"] == "foreign_events" and "审计记录" in r.json()["error"]
    assert "forged" not in _rows(d.office.workspace, "projects")
    from inspector.store import audit

    with d.office.workspace.read() as s:
        assert audit.head(s, li.device_id) == (0, audit.GENESIS)
