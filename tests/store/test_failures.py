"""A read-only data folder, a full disk, a database another program holds: each said in Chinese with
what to do, never a traceback; nothing is changed; `list` and `audit verify` still work read-only."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from inspector.services import projects

REPO = Path(__file__).resolve().parents[2]


def _cli(*args: str, data_dir: Path, as_unprivileged: bool = False, env: dict | None = None,
         timeout: int = 120) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "inspector", *args, "--data-dir", str(data_dir)]
    if as_unprivileged and os.geteuid() == 0:
        # root ignores file modes; in a user namespace of its own it is just the files' owner.
        assert shutil.which("unshare"), "unshare (util-linux) is needed to test a read-only folder as root"
        cmd = ["unshare", "--user", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=timeout,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})})


def test_a_read_only_folder_still_lists_and_verifies_and_refuses_writes_in_chinese(store, data_dir):
    projects.create_project(store, fields={"code": "XN-RO-1", "name": "只读目录中的项目", "district": "城中区"})
    store.close()
    modes = {}
    for path in [data_dir, *data_dir.rglob("*")]:
        modes[path] = path.stat().st_mode
        path.chmod(path.stat().st_mode & ~0o222)
    try:
        listed = _cli("list", "projects", data_dir=data_dir, as_unprivileged=True)
        assert listed.returncode == 0, listed.stderr
        assert "只读目录中的项目" in listed.stdout
        verified = _cli("audit", "verify", data_dir=data_dir, as_unprivileged=True)
        assert verified.returncode == 0, verified.stdout + verified.stderr
        wrote = _cli("demo", data_dir=data_dir, as_unprivileged=True)
        assert wrote.returncode == 2 and "只读" in wrote.stderr and "Traceback" not in wrote.stderr, wrote.stderr
    finally:
        for path, mode in modes.items():
            path.chmod(mode)
    with sqlite3.connect(data_dir / "inspector.sqlite3") as c:
        assert c.execute("SELECT count(*) FROM projects").fetchone()[0] == 1


def test_a_database_held_by_another_program_is_said_so(store, data_dir):
    store.close()
    holder = sqlite3.connect(data_dir / "inspector.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        proc = _cli("demo", data_dir=data_dir, env={"INSPECTOR_BUSY_TIMEOUT": "0.5"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert proc.returncode == 2 and "另一个程序" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr


def test_a_full_disk_is_said_so_and_loses_nothing(tmp_path):
    assert shutil.which("unshare") and shutil.which("mount"), "util-linux is needed for the full-disk test"
    mnt = tmp_path / "small"
    mnt.mkdir()
    script = (f"mount -t tmpfs -o size=3m tmpfs {mnt} && exec {sys.executable} "
              f"{Path(__file__).with_name('fill_and_write.py')} {mnt / 'data'}")
    proc = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script],
                          capture_output=True, text=True, cwd=REPO, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"})
    if proc.returncode != 0 and "mount" in proc.stderr and not os.environ.get("CI"):
        pytest.fail(f"cannot mount a small tmpfs in a user namespace here: {proc.stderr}")
    out = dict(line.split(" ", 1) for line in proc.stdout.splitlines() if " " in line)
    assert out.get("RC") == "2", proc.stdout + proc.stderr
    assert "磁盘已满" in out["ERR"] and "Traceback" not in out["ERR"]
    assert "满盘前的项目" in out["LIST"] and "XN-DEMO" not in out["LIST"]  # the demo left nothing behind
    assert out["VERIFY"] == "0"
    with pytest.raises(KeyError):  # nothing else printed a traceback-like status
        out["Traceback"]
