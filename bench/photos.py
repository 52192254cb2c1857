"""Photo import benchmark: `python bench/photos.py [N] [--rounds R]` (default 200 photos, 3 rounds).

1. Makes N copies of the 12 MP Olympus test photo that decode identically but hash differently
   (a COM segment with a counter after SOI).
2. The floor: a bare loop of read + SHA-256 + Pillow draft thumbnail on two threads (both cores;
   the single-threaded loop is printed too), and on three, as many as the import's decode pool: the
   faster of the two counts. On an idle machine a third thread adds nothing to a loop that keeps two
   cores busy; on a loaded one it gets the loop the larger share of the cores that the import's pool
   gets, so the comparison stays fair.
3. `import_photos` into a fresh store (threads, blob store, DB rows, audit chain): photos/s and the
   ratio to the floor (target >= 0.85). Floor and import alternate for R rounds, each round printed;
   the headline ratio is the best floor (of R + 1 runs, one before and one after each import) over the
   best import (of R), so that a burst of load from other processes on the machine does not decide it
   either way.
4. The same import driven through PhotoPanel / run_op offscreen, with a 10 ms QTimer recording the
   worst gap in the GUI event loop (target < 100 ms), from the start of the import until a second
   after it finished (the grid loads its thumbnails meanwhile).
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


def baseline(files: list[Path], threads: int = 1) -> tuple[float, float]:
    """(seconds, CPU seconds) of the bare loop over `files` on `threads` threads (hashlib and Pillow
    release the GIL, so two threads use two cores: the floor an import on this machine can reach)."""
    from concurrent.futures import ThreadPoolExecutor

    start, cpu = time.perf_counter(), time.process_time()
    if threads == 1:
        for f in files:
            bare(f)
    else:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            list(pool.map(bare, files))
    return time.perf_counter() - start, time.process_time() - cpu


def floor_run(files: list[Path], cores: int) -> tuple[float, float]:
    """The bare loop on `cores` threads and on one more: (seconds, CPU seconds) of the faster."""
    return min(baseline(files, threads=cores), baseline(files, threads=cores + 1))


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


def ui_run(files: list[Path], data_dir: Path) -> tuple[float, float, float]:
    """(seconds, the worst event-loop gap in ms, and when it ended in seconds after the import
    finished: negative while it ran) of an import through PhotoPanel."""
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

    clock, worst = QElapsedTimer(), [0, 0.0]  # the worst gap (ms), and when it ended (s)
    ticker = QTimer()
    ticker.setInterval(10)

    def tick() -> None:
        gap = clock.restart()
        if gap > worst[0]:
            worst[:] = [gap, time.perf_counter() - start]

    ticker.timeout.connect(tick)
    done: list[float] = []
    results: list = []
    panel.import_finished.connect(lambda r: (results.append(r), done.append(time.perf_counter())))
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
    elapsed = done[0] - start
    assert sum(r.status == "imported" for r in results[0]) == len(files)
    assert panel.model.rowCount() == len(files)
    from inspector.ui.ops import wait_idle

    wait_idle()
    panel.close()
    panel.deleteLater()
    app.processEvents()
    store.close()
    return elapsed, float(worst[0]), worst[1] - elapsed


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    n = args.n
    cores = min(2, os.cpu_count() or 1)
    rounds: list[tuple[float, float, float, float]] = []  # floor s, floor CPU s, import s, import CPU s
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "src").mkdir()
        files = make_copies(n, tmp_path / "src")
        # Warm the page cache so both runs read from memory, as the second pass over a card would.
        for f in files:
            f.read_bytes()
        load = os.getloadavg()[0]
        base, base_cpu = baseline(files)
        floors = [floor_run(files, cores)]
        for r in range(args.rounds):
            svc, svc_cpu = service_run(files, tmp_path / f"svc{r}")
            floors.append(floor_run(files, cores))
            floor, floor_cpu = min(floors[-2:])  # the floor on either side of this import
            rounds.append((floor, floor_cpu, svc, svc_cpu))
        gui, gap, gap_at = ui_run(files, tmp_path / "ui")
        gui_floor = floor_run(files, cores)[0]
    floor, floor_cpu = min(floors)
    svc, svc_cpu = min((r[2], r[3]) for r in rounds)
    print(f"load average before: {load:.1f} (other processes on the machine skew wall times)")
    print(f"photos: {n} x {SOURCE.name} ({SOURCE.stat().st_size / 1e6:.1f} MB, 12 MP), cpus={os.cpu_count()}")
    print(f"bare loop (read + sha256 + draft thumbnail), 1 thread: {n / base:6.1f} photos/s")
    for i, (f, _fc, s, _sc) in enumerate(rounds, 1):
        print(f"  round {i}: floor {n / f:5.1f} photos/s, import_photos {n / s:5.1f} photos/s, ratio {f / s:.2f}")
    print(f"bare loop, {cores} or {cores + 1} threads (the floor, best of {len(floors)}):  {n / floor:6.1f} photos/s")
    print(f"import_photos (fresh store, blobs, rows, audit), best of {len(rounds)}: {n / svc:6.1f} photos/s"
          f"  ratio to the floor {floor / svc:.2f} (target >= 0.85)")
    # CPU per photo does not depend on what else runs on the machine: the import's overhead over the
    # bare work, whatever the load.
    print(f"CPU per photo: bare loop {1000 * base_cpu / n:.0f} ms (1 thread), {1000 * floor_cpu / n:.0f} ms"
          f" (the floor's); import_photos {1000 * svc_cpu / n:.0f} ms ({svc_cpu / floor_cpu:.2f}x)")
    print(f"PhotoPanel import via run_op (offscreen):              {n / gui:6.1f} photos/s"
          f"  ratio {gui_floor / gui:.2f} to a floor run after it")
    when = f"{-gap_at:.1f} s before the import finished" if gap_at < 0 else f"{gap_at:.1f} s after it finished"
    print(f"  worst event-loop gap {gap:.0f} ms (target < 100), ending {when}")


if __name__ == "__main__":
    main()
