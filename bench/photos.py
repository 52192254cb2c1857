"""Photo import benchmark: `python bench/photos.py [N]` (default 200).

1. Makes N copies of the 12 MP Olympus test photo that decode identically but hash differently
   (a COM segment with a counter after SOI).
2. The floor: a bare loop of read + SHA-256 + Pillow draft thumbnail on two threads (both cores;
   the single-threaded loop is printed too), measured before and after the import, the faster kept.
3. `import_photos` into a fresh store (threads, blob store, DB rows, audit chain): photos/s and the
   ratio to the floor (target >= 0.85).
4. The same import driven through PhotoPanel / run_op offscreen, with a 10 ms QTimer recording the
   worst gap in the GUI event loop (target < 100 ms).
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SOURCE = REPO.parent / "shared" / "testdata" / "photos" / "olympus_ep3_12mp.jpg"


def make_copies(n: int, dest: Path) -> list[Path]:
    data = SOURCE.read_bytes()
    out = []
    for i in range(n):
        payload = f"bench copy {i:06d}".encode()
        com = b"\xff\xfe" + (len(payload) + 2).to_bytes(2, "big") + payload
        p = dest / f"P{i:05d}.JPG"
        p.write_bytes(data[:2] + com + data[2:])
        os.utime(p, (SOURCE.stat().st_atime, SOURCE.stat().st_mtime))  # old, like a camera card's files
        out.append(p)
    return out


def bare(f: Path) -> None:
    """The least any import must do with a file: read it, hash it, make a draft thumbnail."""
    from PIL import Image

    data = f.read_bytes()
    hashlib.sha256(data).hexdigest()
    im = Image.open(io.BytesIO(data))
    im.draft("RGB", (256, 256))
    im.thumbnail((256, 256))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=82)


def baseline(files: list[Path], threads: int = 1) -> float:
    """Seconds for the bare loop over `files`, on `threads` threads (hashlib and Pillow release the
    GIL, so two threads use two cores: the floor an import on this machine can reach)."""
    from concurrent.futures import ThreadPoolExecutor

    start = time.perf_counter()
    if threads == 1:
        for f in files:
            bare(f)
    else:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            list(pool.map(bare, files))
    return time.perf_counter() - start


def new_target(data_dir: Path):  # type: ignore[no-untyped-def]
    from inspector.domain import Inspection, Project
    from inspector.store import Actor, open_workspace

    store = open_workspace(data_dir, Actor("bench"))
    with store.write() as s:
        proj = Project(code="BENCH-1", name="基准测试")
        s.add(proj)
        s.flush()
        insp = Inspection(project_id=proj.id, kind="日常巡查")
        s.add(insp)
    return store, insp.id


def service_run(files: list[Path], data_dir: Path) -> tuple[float, float]:
    """(seconds, CPU seconds of all threads) of import_photos into a fresh store."""
    from inspector.services.photos import import_photos

    store, target = new_target(data_dir)
    start, cpu = time.perf_counter(), time.process_time()
    results = import_photos(store, files=files, target_kind="inspection", target_id=target)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert all(r.status == "imported" for r in results), {r.status for r in results}
    store.close()
    return elapsed, cpu


def ui_run(files: list[Path], data_dir: Path) -> tuple[float, float]:
    """Returns (seconds, worst event-loop gap in ms) for an import through PhotoPanel."""
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from inspector.ui.context import AppContext, ChangeBus
    from inspector.ui.widgets.photo_panel import PhotoPanel

    app = QApplication.instance() or QApplication([])
    store, target = new_target(data_dir)
    panel = PhotoPanel(AppContext(store=store, bus=ChangeBus()))
    panel.resize(1000, 700)
    panel.show()
    panel.set_target("inspection", target)
    app.processEvents()

    clock, worst = QElapsedTimer(), [0]
    ticker = QTimer()
    ticker.setInterval(10)

    def tick() -> None:
        worst[0] = max(worst[0], clock.restart())

    ticker.timeout.connect(tick)
    done = []
    panel.import_finished.connect(lambda results: done.append(results))
    start = time.perf_counter()
    clock.start()
    ticker.start()
    panel.import_paths(files)
    while not done:
        app.processEvents()
        time.sleep(0.001)
    # Let the grid load the visible thumbnails too, still measuring.
    settle = time.perf_counter() + 1.0
    while time.perf_counter() < settle:
        app.processEvents()
        time.sleep(0.001)
    ticker.stop()
    elapsed = time.perf_counter() - start
    assert sum(r.status == "imported" for r in done[0]) == len(files)
    from inspector.ui.ops import wait_idle

    wait_idle()
    panel.close()
    panel.deleteLater()
    app.processEvents()
    store.close()
    return elapsed, float(worst[0])


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "src").mkdir()
        files = make_copies(n, tmp_path / "src")
        # Warm the page cache so both runs read from memory, as the second pass over a card would.
        for f in files:
            f.read_bytes()
        load = os.getloadavg()[0]
        cpu = time.process_time()
        base = baseline(files)
        base_cpu = time.process_time() - cpu
        cores = min(2, os.cpu_count() or 1)
        floor = baseline(files, threads=cores)
        svc, svc_cpu = service_run(files, tmp_path / "svc")
        floor = min(floor, baseline(files, threads=cores))  # measured on both sides of the import
        gui, gap = ui_run(files, tmp_path / "ui")
    print(f"load average before: {load:.1f} (other processes on the machine skew wall times)")
    print(f"photos: {n} x {SOURCE.name} ({SOURCE.stat().st_size / 1e6:.1f} MB, 12 MP), cpus={os.cpu_count()}")
    print(f"bare loop (read + sha256 + draft thumbnail), 1 thread: {n / base:6.1f} photos/s")
    print(f"bare loop, {cores} threads (the floor):                  {n / floor:6.1f} photos/s")
    print(f"import_photos (fresh store, blobs, rows, audit):       {n / svc:6.1f} photos/s"
          f"  ratio to the floor {floor / svc:.2f} (target >= 0.85)")
    # CPU per photo does not depend on what else runs on the machine: the import's overhead over the
    # bare work, whatever the load.
    print(f"CPU per photo: bare loop {1000 * base_cpu / n:.0f} ms, import_photos {1000 * svc_cpu / n:.0f} ms"
          f" ({svc_cpu / base_cpu:.2f}x)")
    print(f"PhotoPanel import via run_op (offscreen):              {n / gui:6.1f} photos/s"
          f"  ratio {floor / gui:.2f}, worst event-loop gap {gap:.0f} ms (target < 100)")


if __name__ == "__main__":
    main()
