"""Benchmark: the joint acceptance record with 40 photos of 12 MP and 30 signed attendees.

    .venv/bin/python bench/reports.py [--photos 40] [--big 200]

Prints the render time against a floor measured in the same run — the record's photos and
signatures decoded and downscaled on the thread pool alone (both cores), plus ReportLab laying out
the same record without any image — and their ratio (target <= 1.2); the PDF size (< 8 MB); the
time to sign. Then renders a record with `--big` photos (default 200, 0 to skip) in a child process
and prints its peak memory over the memory before the render: the originals pass through the pool
a few at a time, so the peak grows with the PDF (downscaled JPEGs), not with the originals.
Builds a throwaway store with the real migrations; reuses the test data builders.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from inspector.services import keys, records  # noqa: E402
from inspector.store import Actor, open_workspace  # noqa: E402
from tests.reports import builders as b  # noqa: E402

PHOTO = REPO.parent / "shared" / "testdata" / "photos" / "olympus_ep3_12mp.jpg"


def _store_with_record(folder: Path, photos: int):  # type: ignore[no-untyped-def]
    original = PHOTO.read_bytes()
    store = open_workspace(folder, Actor("bench"))
    ids = b.make_project(store)
    # Distinct files: the same 12 MP picture with different trailing bytes (after the JPEG end
    # marker, so every copy decodes the same and hashes differently).
    files = [(f"p{i:03d}.jpg", original + i.to_bytes(4, "big")) for i in range(photos)]
    aid = b.make_acceptance(store, ids, attendees=30, photos=files)
    return store, aid, len(original)


def _without_images(rec):  # type: ignore[no-untyped-def]
    """The same record with no photo and no drawn signature: what ReportLab alone costs."""
    data = copy.deepcopy(rec.data)
    data["photos"] = []
    for x in data.get("signatories", []):
        x["signature"] = None
    return dataclasses.replace(rec, photos=[], data=data)


def floor(rec, read_blob, repeat: int = 3) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(seconds to prepare every image on the pool, seconds to lay out the record without images),
    each the best of `repeat`."""
    from inspector.reports.images import prepare_all
    from inspector.reports.render import render_pdf

    sigs = [x["signature"] for x in rec.data.get("signatories", []) if x.get("signature")]
    images, layout = [], []
    bare = _without_images(rec)
    for _ in range(repeat):
        t = time.perf_counter()
        prepare_all([(p["sha256"], p.get("annotation")) for p in rec.photos], sigs, read_blob)
        images.append(time.perf_counter() - t)
        t = time.perf_counter()
        render_pdf(bare, read_blob)
        layout.append(time.perf_counter() - t)
    return min(images), min(layout)


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def big_child(photos: int) -> int:
    """In a child process: render a record with `photos` photos, print its peak memory as JSON."""
    from inspector.domain import PhotoLink
    from inspector.reports.render import render_pdf

    original = PHOTO.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        store, aid, _size = _store_with_record(Path(tmp) / "data", 0)
        for start in range(0, photos, 20):  # a few originals in memory at a time here too
            with store.write() as s:
                for i in range(start, min(photos, start + 20)):
                    mark = [{"type": "text", "x1": 0.05, "y1": 0.05, "text": f"验收照片 {i + 1}", "color": "#ffff00"}]
                    sha = b.add_photo(store, s, original + i.to_bytes(4, "big"), name=f"p{i:03d}.jpg",
                                      annotation=mark)
                    s.add(PhotoLink(photo_id=sha, target_kind="acceptance", target_id=aid))
        rec = records.record_data(store, kind="acceptance", record_id=aid)
        Path("/proc/self/clear_refs").write_text("5")  # the peak counts from here (Linux)
        before = _status_kb("VmRSS")
        t = time.perf_counter()
        pdf = render_pdf(rec, store.blobs.read)
        took = time.perf_counter() - t
        peak = _status_kb("VmHWM")
        store.close()
    print(json.dumps({"before_kb": before, "peak_kb": peak, "seconds": took, "pdf_bytes": len(pdf)}))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--photos", type=int, default=40)
    ap.add_argument("--big", type=int, default=200, help="photos of the record whose peak memory is measured")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return big_child(args.child)

    from inspector.reports.render import RenderStats, render_pdf

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        store, aid, size = _store_with_record(Path(tmp) / "data", args.photos)
        setup = time.perf_counter() - t
        rec = records.record_data(store, kind="acceptance", record_id=aid)
        render_pdf(rec, store.blobs.read)  # warm: fonts, imports, page cache
        images, layout = floor(rec, store.blobs.read)
        runs, cpu = [], []
        for _ in range(3):
            stats = RenderStats()
            c = time.process_time()
            pdf = render_pdf(rec, store.blobs.read, stats=stats)
            cpu.append(time.process_time() - c)
            runs.append(stats)
        images2, layout2 = floor(rec, store.blobs.read, repeat=1)  # the floor on both sides of the runs
        images, layout = min(images, images2), min(layout, layout2)
        best = min(runs, key=lambda s: s.seconds)
        keys.create_key(store, name="王建国", passphrase="bench-pass")
        t = time.perf_counter()
        records.sign_record(store, kind="acceptance", record_id=aid, passphrase="bench-pass")
        sign = time.perf_counter() - t
        signed = records.signed_pdf(store, kind="acceptance", record_id=aid)
        store.close()
    import _rl_accel  # noqa: F401 - fails loudly when ReportLab would run without its accelerator

    fl = images + layout
    print(f"photos: {args.photos} x {size / 1e6:.1f} MB (12 MP), attendees: 30, store setup {setup:.2f} s")
    print(f"floor:  {fl:.2f} s = images on the pool {images:.2f} s + ReportLab without images {layout:.2f} s")
    print(f"render: best {best.seconds:.2f} s of {[round(s.seconds, 2) for s in runs]}  "
          f"ratio to the floor {best.seconds / fl:.2f} (target <= 1.2)")
    # CPU seconds (all threads): what the render costs on an idle machine of this speed, when other
    # processes compete for the cores the wall time above is longer.
    print(f"cpu:    {min(cpu):.2f} s CPU per render (all threads)")
    print(f"images: last one ready after {best.image_seconds:.2f} s of the render ({best.images} images)")
    print(f"size:   {len(pdf) / 1e6:.2f} MB unsigned, {len(signed) / 1e6:.2f} MB signed  (target < 8 MB)")
    print(f"sign:   {sign:.2f} s (render + PAdES signature + store + lock, incl. first pyHanko import)")
    if args.big:
        out = subprocess.run([sys.executable, __file__, "--child", str(args.big)], capture_output=True, text=True,
                             check=True).stdout
        big = json.loads(out.strip().splitlines()[-1])
        print(f"{args.big} photos: render {big['seconds']:.1f} s, PDF {big['pdf_bytes'] / 1e6:.1f} MB, "
              f"peak memory {big['peak_kb'] / 1024:.0f} MB = {big['before_kb'] / 1024:.0f} MB before the render "
              f"+ {(big['peak_kb'] - big['before_kb']) / 1024:.0f} MB during it "
              f"(the originals alone: {args.big * size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
