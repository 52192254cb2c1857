"""`inspector photos import` as a real process: JSON lines, bad targets, and surviving SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from sqlalchemy import func, select

from inspector.domain import Photo, PhotoLink
from tests.conftest import REPO, run_cli
from tests.photos.conftest import BROKEN, jpeg_variants, make_inspection, manifest

KEYS = {"file", "status", "sha256", "reason", "width", "height", "orientation", "taken_at", "lat", "lon", "camera"}


def test_cli_prints_one_json_line_per_file(store, data_dir, photos_dir):
    insp = make_inspection(store)
    names = ["apple_iphone6_gps.jpg", "kodak_cx7530_gps.jpg", "canon_sx60_orient6.jpg", "empty.jpg",
             "fake.jpg", "truncated.jpg", "bomb_65535.jpg", "apple_iphone6_gps.jpg", "missing.jpg"]
    proc = run_cli("photos", "import", "--to", f"inspection:{insp}", *[str(photos_dir / n) for n in names],
                   data_dir=data_dir)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [line["file"] for line in lines] == [str(photos_dir / n) for n in names]
    assert all(set(line) == KEYS for line in lines)
    iphone, kodak, canon, *broken, dup, missing = lines
    assert iphone == {
        "file": str(photos_dir / "apple_iphone6_gps.jpg"), "status": "imported", "sha256": iphone["sha256"],
        "reason": None, "width": 3264, "height": 2448, "orientation": 1, "taken_at": "2015-04-10T20:12:23+08:00",
        "lat": iphone["lat"], "lon": iphone["lon"], "camera": "Apple iPhone 6"}
    assert round(iphone["lat"], 5) == 40.44697 and round(iphone["lon"], 5) == -3.72475  # W is negative
    assert kodak["lat"] < 0 < kodak["lon"]  # S is negative
    assert (canon["width"], canon["height"], canon["orientation"], canon["lat"]) == (1536, 2048, 6, None)
    for line in broken:
        assert line["status"] == "rejected" and line["reason"] and line["width"] is None
    assert dup["status"] == "duplicate" and dup["sha256"] == iphone["sha256"]
    assert missing["status"] == "rejected" and "无法读取" in missing["reason"]
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Photo)) == 3


def test_cli_refuses_unknown_record_and_kind(store, data_dir, photos_dir):
    f = str(photos_dir / "orient_1.jpg")
    proc = run_cli("photos", "import", "--to", "inspection:nope", f, data_dir=data_dir)
    assert proc.returncode == 2 and "找不到" in proc.stderr and proc.stdout == ""
    proc = run_cli("photos", "import", "--to", "answer:x", f, data_dir=data_dir)
    assert proc.returncode == 2 and "KIND" in proc.stderr
    proc = run_cli("photos", "import", "--to", "inspection", f, data_dir=data_dir)
    assert proc.returncode == 2
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Photo)) == 0


def test_corpus_through_cli_matches_manifest(store, data_dir, all_photo_files):
    insp = make_inspection(store)
    proc = run_cli("photos", "import", "--to", f"inspection:{insp}", *map(str, all_photo_files), data_dir=data_dir)
    assert proc.returncode == 0, proc.stderr
    by_name = {os.path.basename(x["file"]): x for x in map(json.loads, proc.stdout.splitlines())}
    for exp in manifest():
        line = by_name[exp.file]
        assert line["status"] == "imported"
        assert (line["width"], line["height"], line["orientation"]) == (exp.width, exp.height, exp.orientation)
        assert (line["taken_at"] or "")[:19] == (exp.taken or "").replace(":", "-", 2).replace(" ", "T")
    assert all(by_name[n]["status"] == "rejected" for n in BROKEN)


def test_sigkill_mid_import_loses_nothing_committed(store, data_dir, photos_dir, tmp_path):
    insp = make_inspection(store)
    files = jpeg_variants(photos_dir / "nikon_p6000_gps.jpg", 120, tmp_path / "card")
    cmd = [sys.executable, "-m", "inspector", "photos", "import", "--to", f"inspection:{insp}",
           *map(str, files), "--data-dir", str(data_dir)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    done = 0
    deadline = time.monotonic() + 60
    while done < 10 and time.monotonic() < deadline:  # lines are printed as each file commits
        if proc.stdout.readline():
            done += 1
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert done == 10, proc.stderr.read()

    con = sqlite3.connect(data_dir / "inspector.sqlite3")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ids = [r[0] for r in con.execute("SELECT id FROM photos")]
    con.close()
    assert 10 <= len(ids) < len(files), "the kill should land mid-import"
    assert all(store.blobs.exists(i) for i in ids)  # no row points at a missing blob
    assert all(store.blobs.read(i)[:2] == b"\xff\xd8" for i in ids)

    rerun = run_cli("photos", "import", "--to", f"inspection:{insp}", *map(str, files), data_dir=data_dir)
    assert rerun.returncode == 0, rerun.stderr
    statuses = [json.loads(x)["status"] for x in rerun.stdout.splitlines()]
    assert statuses.count("duplicate") == len(ids) and statuses.count("imported") == len(files) - len(ids)
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Photo)) == len(files)
        assert s.scalar(select(func.count()).select_from(PhotoLink)) == len(files)
