"""The data folder is private whatever the umask: every folder in it 0700, every file 0600 — the
store and its WAL, photo and PDF blobs, thumbnails, the signing keys (the user's and the demo's),
the trust store. One real process under umask 000 (the worst case) does what a user does."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, run_cli

# What a user does, in one process: a record with a photo (blob and thumbnail), the demo key, an
# own key, the record signed (PDF blob), a trusted station certificate.
SCRIPT = r"""
import sys
from pathlib import Path
from inspector.paths import data_dir
from inspector.services import keys, photos, records
from inspector.demo.acceptance import _demo_key
from inspector.store import Actor, open_workspace
from inspector.store.trust import add_trusted_cert
from tests.reports import builders as b
data, photo = Path(sys.argv[1]), sys.argv[2]
store = open_workspace(data_dir(data), Actor("权限测试"))
_demo_key(store.data_dir)  # the demo records' key
info = keys.create_key(store, name="权限测试", passphrase="permissions-test-口令")
record = b.make_inspection(store, b.make_project(store))
photos.import_photos(store, files=[Path(photo)], target_kind="inspection", target_id=record)
records.sign_record(store, kind="inspection", record_id=record, passphrase="permissions-test-口令")
add_trusted_cert(data, info.pem, source="station")
store.close()
print("done")
"""


def _wrong_modes(root: Path) -> dict[str, str]:
    """Every path under root (and root) whose mode is not the private one, with its mode."""
    wrong = {}
    for path in [root, *root.rglob("*")]:
        st = path.lstat()
        want = 0o700 if stat.S_ISDIR(st.st_mode) else 0o600
        if stat.S_IMODE(st.st_mode) != want:
            wrong[str(path.relative_to(root.parent))] = oct(stat.S_IMODE(st.st_mode))
    return wrong


def test_every_file_and_folder_is_owner_only_under_umask_000(tmp_path, photos_dir):
    data = tmp_path / "new" / "data"  # neither the folder nor its parent exists yet
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(data), str(photos_dir / "orient_6.jpg")],
                          capture_output=True, text=True, timeout=300, cwd=REPO, umask=0o000,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0 and "done" in proc.stdout, proc.stderr
    assert (data / "inspector.sqlite3").is_file() and list((data / "thumbs").rglob("*.jpg"))
    assert (data / "keys" / "inspector.p12").is_file() and (data / "keys" / "demo" / "demo.p12").is_file()
    assert list((data / "trust").glob("*.pem")) and len(list((data / "blobs").rglob("*"))) >= 4
    assert _wrong_modes(data) == {}
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700  # the parent we made, too


def test_an_old_world_readable_data_folder_is_tightened(tmp_path):
    from inspector.store import Store

    data = tmp_path / "data"
    old = os.umask(0o022)
    try:
        Store(data).close()
    finally:
        os.umask(old)
    # What an older version left: folders 0755, files 0644.
    for path in [data, *data.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    proc = run_cli("list", "projects", data_dir=data)
    assert proc.returncode == 0, proc.stderr
    wrong = _wrong_modes(data)
    # Opening tightens the folder, the database and the blob folders; the folder alone already
    # keeps other accounts away from everything inside it, and new files are written 0600.
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert not {"data/inspector.sqlite3", "data/blobs", "data/blobs/tmp"} & set(wrong), wrong
