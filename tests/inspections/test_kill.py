"""The kill test: a process writing answers is SIGKILLed at a random moment; the store is intact,
every answer it reported committed is there, and the inspection reopens."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from inspector.services import inspections as svc
from inspector.store import open_workspace

from .conftest import REPO_ROOT


def test_sigkill_while_answering_loses_nothing(store, registry, project, data_dir) -> None:
    iid, _ = svc.start_inspection(store, project_id=project["id"], kind="日常巡查",
                                  checklists=[registry.checklists["site-patrol"]])
    store.close()
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("kill_writer.py")), str(data_dir), iid],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO_ROOT)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(proc.stdout.readline, "")), daemon=True)
    reader.start()
    deadline = time.monotonic() + 60
    while len(lines) < 20 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    assert len(lines) >= 20, proc.stderr.read() if proc.poll() is not None else "writer too slow"
    time.sleep(random.uniform(0.0, 0.5))  # a random moment, most likely inside a transaction
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    reader.join(5)
    committed = [line.split() for line in lines if line.strip()]

    conn = sqlite3.connect(data_dir / "inspector.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    reopened = open_workspace(data_dir)
    try:
        d = svc.get_inspection(reopened, iid)
        notes = {key[1]: a.note for key, a in d.answers.items()}
        last: dict[str, int] = {}
        for seq, item_id in committed:
            last[item_id] = int(seq)
        for item_id, seq in last.items():
            # the stored note is this answer or one written after it (committed but not yet reported)
            assert int(notes[item_id][1:]) >= seq, (item_id, notes[item_id], seq)
        assert d.editable and d.status == "draft"
    finally:
        reopened.close()
