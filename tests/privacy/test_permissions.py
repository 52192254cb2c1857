"""The data folder is private whatever the umask: every folder in it 0700, every file 0600 — the
store and its WAL, photo and PDF blobs, thumbnails, the signing keys (the user's and the demo's)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PASS = "permissions-test-口令"


def _cli(data: Path, *args: str, umask: int) -> str:
    proc = subprocess.run([sys.executable, "-m", "inspector", *args, "--data-dir", str(data)],
                          capture_output=True, text=True, timeout=180, cwd=REPO, umask=umask,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PP": PASS})
    assert proc.returncode == 0, f"{args}: {proc.stdout}{proc.stderr}"
    return proc.stdout


def _modes(root: Path) -> dict[str, str]:
    """Every path under root (and root) whose mode is not the private one, with its mode."""
    wrong = {}
    for path in [root, *root.rglob("*")]:
        st = path.lstat()
        want = 0o700 if stat.S_ISDIR(st.st_mode) else 0o600
        if stat.S_IMODE(st.st_mode) != want:
            wrong[str(path.relative_to(root.parent))] = oct(stat.S_IMODE(st.st_mode))
    return wrong


@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_every_file_and_folder_is_owner_only(tmp_path, photos_dir, umask):
    data = tmp_path / "new" / "data"  # neither the folder nor its parent exists yet
    _cli(data, "demo", umask=umask)
    _cli(data, "keys", "create", "--name", "权限测试", "--passphrase-env", "PP", umask=umask)
    rows = [json.loads(line) for line in _cli(data, "list", "inspections", "--json", umask=umask).splitlines()]
    record = next(r["id"] for r in rows if r["status"] == "completed")
    _cli(data, "photos", "import", "--to", f"inspection:{record}", str(photos_dir / "orient_6.jpg"), umask=umask)
    _cli(data, "sign", "inspection", record, "--passphrase-env", "PP", umask=umask)
    assert (data / "inspector.sqlite3").is_file() and list((data / "thumbs").rglob("*.jpg"))
    assert (data / "keys" / "inspector.p12").is_file() and (data / "keys" / "demo" / "demo.p12").is_file()
    assert len(list((data / "blobs").rglob("*"))) > 10
    assert _modes(data) == {}
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700  # the parent we made, too


def test_an_old_world_readable_data_folder_is_tightened(tmp_path):
    data = tmp_path / "data"
    _cli(data, "demo", umask=0o022)
    # What an older version left: folders 0755, files 0644.
    for path in [data, *data.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    _cli(data, "list", "projects", umask=0o022)
    wrong = _modes(data)
    # Opening tightens the folder and the database; the folder alone already keeps others out of
    # the files inside it (they cannot enter it), and new files are written 0600.
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert "data/inspector.sqlite3" not in wrong and "data/blobs" not in wrong
