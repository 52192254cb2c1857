"""One use case, one transaction: a process killed (SIGKILL) between the steps of signing, of a
correction, of the demo and of applying a pulled batch leaves all of it or none of it; the store is
intact, its audit chain verifies, and running it again completes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from inspector.domain import Acceptance, Inspection, Project, Setting
from inspector.services import keys
from inspector.services.integrity import check_store
from inspector.store import Actor, open_workspace

REPO = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("kill_child.py")


class Child:
    def __init__(self, *args: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
        self.proc = subprocess.Popen([sys.executable, str(CHILD), *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
        self.lines: list[str] = []
        threading.Thread(target=lambda: self.lines.extend(iter(self.proc.stdout.readline, "")), daemon=True).start()

    def wait_for(self, text: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.lines):
            if self.proc.poll() is not None and not any(text in line for line in self.lines):
                raise AssertionError(f"child ended before {text!r}: {self.lines}\n{self.proc.stderr.read()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"no {text!r} within {timeout} s: {self.lines}")
            time.sleep(0.005)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(20)

    def finish(self, timeout: float = 300) -> None:
        self.proc.wait(timeout)
        assert self.proc.returncode == 0, self.proc.stderr.read()


def intact(data_dir: Path) -> None:
    with sqlite3.connect(data_dir / "inspector.sqlite3") as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ws = open_workspace(data_dir, Actor("检查"))
    try:
        report = check_store(ws)
        assert report.ok, report
    finally:
        ws.close()


def _signable(store) -> tuple[str, str]:
    from tests.acceptance.test_signing import PASS, _ready_acceptance

    pid, aid = _ready_acceptance(store)
    keys.create_key(store, name="测试监督员", passphrase=PASS, confirm=PASS)
    return pid, aid


@pytest.mark.slow
def test_kill_between_the_steps_of_signing(store, data_dir):
    pid, aid = _signable(store)
    store.close()
    for step in ("step 0/3", "step 1/3", "step 2/3"):  # rendering, signing, locking
        child = Child("sign", str(data_dir), aid)
        child.wait_for(step)
        child.kill()
        intact(data_dir)
        ws = open_workspace(data_dir, Actor("检查"))
        with ws.read() as s:
            a, p = s.get(Acceptance, aid), s.get(Project, pid)
            # Nothing of the use case is there: not locked, no status, project not moved on.
            assert (a.locked_at, a.pdf_sha256, a.status, p.status) == (None, None, "draft", "待验收"), step
        ws.close()
    child = Child("sign", str(data_dir), aid)
    child.finish()
    intact(data_dir)
    ws = open_workspace(data_dir, Actor("检查"))
    with ws.read() as s:
        a, p = s.get(Acceptance, aid), s.get(Project, pid)
        assert a.locked_at is not None and a.status == "signed" and p.status == "已验收" and ws.blobs.exists(a.pdf_sha256)
    ws.close()


def test_kill_during_corrections_leaves_only_whole_ones(store, data_dir):
    from inspector.services import inspections as isvc
    from tests.sync.helpers import quick_sign

    with store.write() as s:
        s.add(Project(id="p-k", code="XN-K", name="更正", district="城东区"))
    from inspector.checklists.registry import load_registry

    iid, _ = isvc.start_inspection(store, project_id="p-k", kind="日常巡查",
                                   checklists=[load_registry().checklists["site-patrol"]])
    quick_sign(store, "inspection", iid)
    store.close()
    child = Child("correct", str(data_dir), iid)
    child.wait_for("corrected", 60)
    time.sleep(0.4)
    child.kill()
    intact(data_dir)
    ws = open_workspace(data_dir, Actor("检查"))
    with ws.read() as s:
        rows = s.scalars(select(Inspection).where(Inspection.project_id == "p-k")).all()
        by_id = {r.id: r for r in rows}
        for r in rows:  # every correction is whole: numbered after its original, with its checklists
            if r.amends_id:
                assert r.record_no.startswith(by_id[r.amends_id].record_no) and "-更" in r.record_no
                assert len(r.checklists) == len(by_id[r.amends_id].checklists)
        pending = [r for r in rows if r.amends_id and r.locked_at is None]
        assert len(pending) <= 1
    ws.close()


@pytest.mark.slow
def test_kill_during_the_demo_leaves_nothing_and_the_demo_completes_after(data_dir):
    child = Child("demo", str(data_dir), "-")
    child.wait_for("open")
    time.sleep(1.0)  # inside the demo's one unit of work (it takes several seconds)
    child.kill()
    intact(data_dir)
    ws = open_workspace(data_dir, Actor("检查"))
    with ws.read() as s:
        assert s.get(Setting, "demo_dataset") is None
        assert s.scalar(select(func.count()).select_from(Project)) == 0
    ws.close()
    Child("demo", str(data_dir), "-").finish()
    intact(data_dir)
    ws = open_workspace(data_dir, Actor("检查"))
    with ws.read() as s:
        assert s.get(Setting, "demo_dataset") is not None
        assert s.scalar(select(func.count()).select_from(Project)) == 13
        assert s.scalar(select(func.count()).select_from(Inspection).where(Inspection.locked_at.is_not(None))) >= 10
    ws.close()


@pytest.mark.slow
def test_kill_while_applying_a_pulled_batch(tmp_path, demo_copy):
    from inspector.sync.state import changes_since
    from tests.sync.helpers import office, sync_with

    source, hub = open_workspace(demo_copy(tmp_path / "src"), Actor("甲")), office(tmp_path / "hub")
    sync_with(source, hub, limit=5000)
    batch = changes_since(hub, "0", limit=5000, for_device="another")
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(batch.to_json(), ensure_ascii=False), encoding="utf-8")
    for sha in batch.blobs:
        dest = tmp_path / "dev" / "blobs" / sha[:2] / sha
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(hub.blobs.read(sha))
    source.close()
    hub.close()
    device = tmp_path / "dev"
    open_workspace(device, Actor("乙")).close()
    child = Child("apply", str(device), str(path))
    child.wait_for("applying")  # printed inside the unit: the kill lands before its commit
    child.kill()
    intact(device)
    ws = open_workspace(device, Actor("检查"))
    with ws.read() as s:
        assert s.scalar(select(func.count()).select_from(Project)) == 0
        assert ws.get_setting("sync_cursor", "") == ""
    ws.close()
    Child("apply", str(device), str(path)).finish()
    intact(device)
    ws = open_workspace(device, Actor("检查"))
    with ws.read() as s:
        assert s.scalar(select(func.count()).select_from(Project)) == 13
        assert ws.get_setting("sync_cursor", "") == batch.cursor
    ws.close()
