"""Photo import fed what a careless user or an attacker feeds it: a FIFO named .jpg, devices,
/dev/zero, a file still being written, an empty folder, a batch where everything is refused, and
a write that fails (file-size limit, a really full disk). Each is rejected with a reason, nothing
blocks or reads without end, and the rest of the batch goes on. Real processes, real files."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from inspector.domain import Photo
from tests.conftest import REPO, run_cli
from tests.photos.conftest import make_inspection


def _lines(proc) -> dict[str, dict]:
    return {Path(x["file"]).name: x for x in map(json.loads, proc.stdout.splitlines())}


def test_fifo_devices_and_dev_zero_are_rejected_without_blocking(store, data_dir, photos_dir, tmp_path):
    insp = make_inspection(store)
    card = tmp_path / "card"
    card.mkdir()
    os.mkfifo(card / "IMG_0001.jpg")  # nobody ever writes to it: opening it to read would wait forever
    (card / "IMG_0002.jpg").symlink_to("/dev/zero")  # reads without end
    (card / "IMG_0003.jpg").symlink_to("/dev/null")
    (card / "IMG_0004.jpg").write_bytes((photos_dir / "orient_1.jpg").read_bytes())
    t0 = time.monotonic()
    proc = run_cli("photos", "import", "--to", f"inspection:{insp}", str(card), "/dev/zero", data_dir=data_dir,
                   timeout=60)
    assert time.monotonic() - t0 < 30
    assert proc.returncode == 0, proc.stderr  # one photo made it
    got = _lines(proc)
    assert got["IMG_0001.jpg"]["status"] == "rejected" and "命名管道（FIFO）" in got["IMG_0001.jpg"]["reason"]
    for name in ("IMG_0002.jpg", "IMG_0003.jpg", "zero"):
        assert got[name]["status"] == "rejected" and "设备文件" in got[name]["reason"], got[name]
    assert got["IMG_0004.jpg"]["status"] == "imported"


def test_a_file_still_being_written_is_rejected(store, data_dir, photos_dir, tmp_path):
    insp = make_inspection(store)
    growing = tmp_path / "IMG_0100.jpg"
    growing.write_bytes(b"")
    head = (photos_dir / "nikon_p6000_gps.jpg").read_bytes()
    # A real writer appending without pause, in small writes (a camera or a copy still busy): the
    # file grows every few microseconds for over a minute, whatever else the machine is doing.
    cap = 400_000_000
    writer = subprocess.Popen([sys.executable, "-c", (
        "import os, sys, time\n"
        "fd = os.open(sys.argv[1], os.O_WRONLY | os.O_APPEND)\n"
        "os.write(fd, open(sys.argv[2], 'rb').read())\n"
        f"while os.fstat(fd).st_size < {cap}:\n"
        "    os.write(fd, b'\\x00' * 16)\n"
        "time.sleep(120)\n"), str(growing), str(photos_dir / "nikon_p6000_gps.jpg")])
    try:
        deadline = time.monotonic() + 30
        while growing.stat().st_size <= len(head) + 4096 and time.monotonic() < deadline:
            time.sleep(0.01)
        proc = run_cli("photos", "import", "--to", f"inspection:{insp}", str(growing), data_dir=data_dir,
                       timeout=60)
        assert writer.poll() is None and growing.stat().st_size < cap, "still writing during the import"
    finally:
        writer.kill()
        writer.wait()
    line = _lines(proc)["IMG_0100.jpg"]
    assert line["status"] == "rejected" and "读取过程中发生了变化" in line["reason"]
    assert proc.returncode == 1 and "没有导入任何照片" in proc.stderr
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Photo)) == 0


def test_empty_folder_and_all_refused_say_so_and_exit_1(store, data_dir, photos_dir, tmp_path):
    insp = make_inspection(store)
    empty = tmp_path / "DCIM"
    (empty / ".thumbnails").mkdir(parents=True)
    (empty / "._IMG_0001.JPG").write_bytes(b"resource fork")
    (empty / "notes.txt").write_text("not a photo")
    proc = run_cli("photos", "import", "--to", f"inspection:{insp}", str(empty), data_dir=data_dir)
    assert proc.returncode == 1 and proc.stdout == ""
    assert f"“{empty}”中没有照片文件" in proc.stderr and "没有导入任何照片" in proc.stderr
    bad = [str(photos_dir / n) for n in ("empty.jpg", "fake.jpg", "truncated.jpg")]
    proc = run_cli("photos", "import", "--to", f"inspection:{insp}", *bad, data_dir=data_dir)
    assert proc.returncode == 1 and "没有导入任何照片：3 个文件都未能导入" in proc.stderr
    assert all(x["status"] == "rejected" and x["reason"] for x in _lines(proc).values())


def _limit_file_size(limit: int):
    def apply() -> None:
        # Python ignores SIGXFSZ, so a write past the limit fails with EFBIG like a full disk would.
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_a_failed_write_rejects_that_file_and_the_batch_goes_on(store, data_dir, photos_dir):
    """The kernel refuses to write a file above 2.5 MB for this process (RLIMIT_FSIZE): the 2.9 MB
    photo cannot be stored, the photos before and after it can."""
    insp = make_inspection(store)
    names = ["orient_1.jpg", "olympus_ep3_12mp.jpg", "kodak_cx7530_gps.jpg"]
    proc = subprocess.run([sys.executable, "-m", "inspector", "photos", "import", "--to", f"inspection:{insp}",
                           *[str(photos_dir / n) for n in names], "--data-dir", str(data_dir)],
                          capture_output=True, text=True, cwd=REPO, timeout=120,
                          preexec_fn=_limit_file_size(2_500_000))
    got = _lines(proc)
    assert proc.returncode == 0, proc.stderr
    assert got["olympus_ep3_12mp.jpg"]["status"] == "rejected"
    assert "无法保存到数据目录（文件超出系统允许的大小）" in got["olympus_ep3_12mp.jpg"]["reason"]
    assert got["orient_1.jpg"]["status"] == got["kodak_cx7530_gps.jpg"]["status"] == "imported"
    assert not list((store.blobs.root / "tmp").iterdir())  # the half-written temp file is gone
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Photo)) == 2


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs: a disk that really fills up (needs mount rights, as root in CI)."""
    mnt = tmp_path / "small-disk"
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_a_full_disk_rejects_the_photo_that_does_not_fit(small_disk, photos_dir):
    from inspector.services import photos as svc
    from inspector.store import Actor, open_workspace

    store = open_workspace(small_disk / "data", Actor("测试监督员"))
    try:
        insp = make_inspection(store)
        files = [photos_dir / n for n in ("orient_1.jpg", "olympus_ep3_12mp.jpg", "orient_3.jpg")]
        results = svc.import_photos(store, files=files, target_kind="inspection", target_id=insp)
        assert [r.status for r in results] == ["imported", "rejected", "imported"], results
        assert "磁盘空间已满" in results[1].reason
    finally:
        store.close()


def _jpeg(path: Path, exif: dict[int, str], sub: dict[int, str] | None = None) -> Path:
    im = Image.new("RGB", (64, 48), (120, 140, 160))
    ex = Image.Exif()
    for tag, value in exif.items():
        ex[tag] = value
    if sub:
        ex.get_ifd(0x8769).update(sub)
    im.save(path, "JPEG", exif=ex)
    return path


def test_only_the_save_time_is_no_capture_time(tmp_path, photos_dir):
    """IFD0 DateTime is when a file was last saved (an editor sets it); it is not when the photo was
    taken. DateTimeOriginal is."""
    from inspector.photos.probe import probe

    edited = _jpeg(tmp_path / "edited.jpg", {0x0132: "2026:11:30 18:00:00", 0x0131: "Photo Editor 9"})
    assert probe(edited.read_bytes()).taken_at is None
    camera = _jpeg(tmp_path / "camera.jpg", {0x0132: "2026:11:30 18:00:00"}, {0x9003: "2026:05:20 09:15:00"})
    info = probe(camera.read_bytes())
    assert info.taken_at_local == "2026:05:20 09:15:00" and info.taken_at_iso == "2026-05-20T09:15:00+08:00"
    samsung = probe((photos_dir / "samsung_s7_gps_nodate.jpg").read_bytes())  # only IFD0 DateTime
    assert samsung.taken_at is None and samsung.taken_at_local is None and samsung.lat is not None
