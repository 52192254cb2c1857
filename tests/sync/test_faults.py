"""Sync under faults, against the real office server: a connection cut at random bytes again and
again, the laptop's sync process killed mid-sync, the server killed and restarted mid-sync. After
each, a normal sync converges: both sides hold the same rows (counts and content) and the same
blobs (by hash, read back), nothing doubled, nothing lost, and the sync after that has nothing to do.
(The office's full disk is in test_http_blobs.py, on a real small filesystem.)"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import select

from inspector.domain import Conflict, Inspection, Project
from inspector.services import account
from inspector.services import sync as sync_svc
from inspector.services.integrity import check_store
from inspector.sync import api
from tests.conftest import REPO
from tests.office.conftest import pg_cluster  # noqa: F401 - the session's PostgreSQL, for the postgres case
from tests.office.proxy import CutProxy
from tests.sync.helpers import chains, fingerprint, photo_on_inspection, quick_sign, row_counts
from tests.sync.real_office import RealOffice

ADMIN = "boss"  # sees every project, so a laptop's copy is comparable with the whole office


def admin_office(request, tmp_path, dialect: str = "sqlite") -> RealOffice:
    db_url = None
    if dialect == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        db_url = cluster.create_database(f"faults_{os.getpid()}_{int(time.monotonic() * 1000)}")
    office = RealOffice(tmp_path, users=False, db_url=db_url).start()
    office.add_user(ADMIN, district="", name="王站长", admin=True)
    request.addfinalizer(office.close)
    return office


def two_laptops_through_a_proxy(request, office: RealOffice, make_laptop):  # type: ignore[no-untyped-def]
    """A cutting proxy in front of the office and laptops a and b signed in through it."""
    proxy = CutProxy(office.port)
    request.addfinalizer(proxy.close)
    a, b = make_laptop("a"), make_laptop("b")
    for ws in (a, b):
        account.login(ws, proxy.url, ADMIN, "secret-1")
    return proxy, a, b


def converged(office: RealOffice, *laptops) -> dict:
    """Sync every laptop until quiet; then all sides agree, and one more sync moves nothing."""
    for _ in range(2):
        for ws in laptops:
            sync_svc.sync_now(ws)
    want = fingerprint(office.hub)
    assert not [b for b in want["blobs"] if ":" in b], want["blobs"]
    for ws in laptops:
        assert fingerprint(ws) == want
        again = sync_svc.sync_now(ws)
        assert (again.pushed, again.pulled, again.blobs_up, again.blobs_down) == (0, 0, 0, 0)
    # Each laptop's audit chain reached the office whole (as many events, the same last hash; the
    # record of applying a pull goes up with the sync after it), and every chain verifies.
    at_office = chains(office.hub)
    for ws in laptops:
        assert chains(ws)[ws.device_id] == at_office[ws.device_id]
    return want


def fake_pdf(rng: random.Random, size: int) -> bytes:
    return b"%PDF-1.7\n" + rng.randbytes(size) + b"\n%%EOF\n"


@pytest.mark.parametrize(("dialect", "cuts_wanted"), [
    ("sqlite", 20),
    # The same faults against PostgreSQL, fewer of them: it is the database under the retried
    # pushes that differs here, and every sync costs the suite time.
    pytest.param("postgresql", 10, marks=pytest.mark.postgres),
])
def test_cuts_at_random_bytes_then_a_clean_sync_converges_with_nothing_doubled(
        request, tmp_path, make_laptop, dialect, cuts_wanted):
    office = admin_office(request, tmp_path, dialect)
    proxy, a, b = two_laptops_through_a_proxy(request, office, make_laptop)
    rng = random.Random(os.environ.get("INSPECTOR_FAULT_SEED", f"cuts-{dialect}"))  # other seeds: other cuts
    project = {a: "cut-p1", b: "cut-p2"}  # each laptop adds photos to and edits its own project
    photos = 0
    for p in project.values():
        photo_on_inspection(a, rng.randbytes(20_000), project_id=p)
        photos += 1
    sync_svc.sync_now(a)
    sync_svc.sync_now(b)
    # A signed record's PDF goes up with the first cut syncs.
    with a.write() as s:
        s.add(Inspection(id="cut-signed", project_id="cut-p2", kind="日常巡查",
                         pdf_sha256=a.blobs.put_bytes(fake_pdf(rng, 120_000))))
    quick_sign(a, "inspection", "cut-signed")
    cuts = i = 0
    last: dict = {}
    while cuts < cuts_wanted and i < 2 * cuts_wanted:  # a cut beyond what a sync sends does not happen
        ws = a if i % 2 == 0 else b
        photo_on_inspection(ws, rng.randbytes(rng.randrange(20_000, 80_000)), project_id=project[ws])
        photos += 1
        with ws.write() as s:
            last[ws] = s.get(Project, project[ws]).notes = f"第 {i} 次编辑"
        # Cut inside request heads and bodies (photos, rows) or inside the answers (heads, pulls).
        if rng.random() < 0.7:
            proxy.cut_up(rng.randrange(1, 60_000))
        else:
            proxy.cut_down(rng.randrange(1, 4000))
        before = proxy.cuts
        try:
            sync_svc.sync_now(ws, retries=0)
        except sync_svc.SyncFailed as exc:
            assert "无法连接监督站" in str(exc), str(exc)
        proxy.up_at = proxy.down_at = None  # a cut the sync did not reach is not carried over
        cuts += proxy.cuts - before
        i += 1
    assert cuts == cuts_wanted, f"only {cuts} cuts in {i} syncs"
    want = converged(office, a, b)
    assert want["photos"][0] == want["photo_links"][0] == photos  # each photo once, however often it was cut
    assert row_counts(office.hub)["projects"] == 2 and row_counts(office.hub)["inspections"] == 3
    assert len(want["blobs"]) == photos + 1
    with office.hub.read() as s:
        # Each side's last edit is in force, and no conflict: nobody else edits that project, and a
        # push whose answer was cut off is the sender's own earlier version, not a concurrent edit.
        for ws in (a, b):
            kept = s.scalars(select(Conflict.other_value).where(Conflict.row_id == project[ws],
                                                                Conflict.field == "notes")).all()
            assert s.get(Project, project[ws]).notes == last[ws] and not kept, (last[ws], kept)
        assert s.get(Inspection, "cut-signed").locked_at is not None
    assert not list(office.partial("0" * 64).parent.iterdir())  # no upload left half-done


def inspector_cli(*args: str, data_dir) -> list[str]:
    return [sys.executable, "-m", "inspector", *args, "--data-dir", str(data_dir)]


def cli_env() -> dict[str, str]:
    return {**os.environ, "INSPECTOR_NO_KEYRING": "1", "PYTHONPATH": str(REPO)}


def store_checks(ws, *, cli: bool = False) -> None:
    """The laptop's store after a kill: SQLite's own check, and the audit chains and signed records
    as `inspector audit verify` checks them (`cli`: that command itself, as a process)."""
    with sqlite3.connect(ws.path) as c:
        assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    report = check_store(ws)
    assert report.ok, report
    if not cli:
        return
    out = subprocess.run(inspector_cli("audit", "verify", data_dir=ws.data_dir), capture_output=True, text=True,
                         timeout=180, env=cli_env(), cwd=REPO)
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_sync_process_killed_at_several_points_then_a_normal_sync_converges(request, tmp_path, make_laptop):
    office = admin_office(request, tmp_path)
    proxy, a, b = two_laptops_through_a_proxy(request, office, make_laptop)
    rng = random.Random("kill")
    for p in ("kill-p1", "kill-p2"):
        with a.write() as s:
            s.add(Project(id=p, code=f"XN-{p}", name=f"{p} 小区", district="城东区"))
        for _ in range(2):
            photo_on_inspection(a, rng.randbytes(2 * api.CHUNK + rng.randrange(100_000)), project_id=p)
    # Kill `inspector sync` when the office has received this much of a's push (rows, then the
    # photos' bytes), and once while b is downloading.
    proxy.delay = 0.01  # a slow line, so the kill lands where it is aimed
    points = [(a, "up", 1500), (a, "up", api.CHUNK + 300_000), (a, "up", 3 * api.CHUNK), (b, "down", api.CHUNK)]
    for ws, way, at in points:
        if ws is b:  # a's push goes through first, so b has photos to download
            proxy.delay = 0.0
            sync_svc.sync_now(a)
            proxy.delay = 0.01
        proxy.reset_counts()
        proc = subprocess.Popen(inspector_cli("sync", data_dir=ws.data_dir), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env=cli_env(), cwd=REPO)
        try:
            reached = proxy.wait_forwarded(way, at, timeout=120)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(30)
        assert reached and proc.returncode == -signal.SIGKILL, (way, at, proxy.forwarded)
        proxy.drop_all()  # the dead process's connections go with it
        store_checks(ws)
    proxy.delay = 0.0
    want = converged(office, a, b)
    assert want["photos"][0] == want["photo_links"][0] == 4 and len(want["blobs"]) == 4
    store_checks(a, cli=True)
    store_checks(b, cli=True)


def test_the_server_killed_mid_upload_then_restarted_resumes_and_converges(request, tmp_path, make_laptop):
    office = admin_office(request, tmp_path)
    proxy, a, b = two_laptops_through_a_proxy(request, office, make_laptop)
    rng = random.Random("server-kill")
    data = rng.randbytes(4 * api.CHUNK + 5000)
    sha = photo_on_inspection(a, data, project_id="srv-p1")
    photo_on_inspection(a, rng.randbytes(300_000), project_id="srv-p1")
    proxy.delay = 0.01
    failed: list[BaseException] = []

    def run() -> None:
        try:
            sync_svc.sync_now(a, retries=1)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            failed.append(exc)

    t = threading.Thread(target=run)
    t.start()
    assert proxy.wait_forwarded("up", 2 * api.CHUNK + 100_000, timeout=120)
    office.server.kill()  # SIGKILL, mid-upload of the big photo
    t.join(120)
    assert not t.is_alive()
    [exc] = failed
    assert isinstance(exc, sync_svc.SyncFailed) and "无法连接监督站服务器" in str(exc), exc
    assert "检查网络" in sync_svc.status(a).last_error and sync_svc.status(a).pending > 0
    held = office.partial(sha).stat().st_size  # what reached the office before it died is on its disk
    assert 0 < held < len(data) and not office.hub.blobs.exists(sha)
    proxy.delay = 0.0
    office.restart()
    proxy.reset_counts()
    sync_svc.sync_now(a)
    offsets = proxy.patches(sha)
    assert offsets and offsets[0] == held, (held, offsets)  # the upload went on where the office stood
    assert proxy.forwarded["up"] < len(data) - held + 200_000 + 300_000
    want = converged(office, a, b)
    assert want["photos"][0] == want["photo_links"][0] == 2 and sha in want["blobs"]
    with office.hub.read() as s:
        assert s.scalars(select(Project.id)).all().count("srv-p1") == 1
