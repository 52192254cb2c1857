"""Benchmark: the joint acceptance record with 40 photos of 12 MP and 30 signed attendees.

    .venv/bin/python bench/reports.py

Prints render time, PDF size and the share of time spent on images (targets: < 3 s, < 8 MB), and
the time to sign. Builds a throwaway store with the real migrations; reuses the test data builders.
"""

from __future__ import annotations

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


def main() -> int:
    from inspector.reports.render import RenderStats, render_pdf

    original = PHOTO.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_workspace(Path(tmp) / "data", Actor("bench"))
        ids = b.make_project(store)
        # 40 distinct files: the same 12 MP picture with different trailing bytes (after the JPEG end
        # marker, so every copy decodes the same and hashes differently).
        photos = [(f"p{i:02d}.jpg", original + i.to_bytes(4, "big")) for i in range(40)]
        t = time.perf_counter()
        aid = b.make_acceptance(store, ids, attendees=30, photos=photos)
        setup = time.perf_counter() - t
        rec = records.record_data(store, kind="acceptance", record_id=aid)
        runs = []
        cpu = []
        for _ in range(3):
            stats = RenderStats()
            c = time.process_time()
            pdf = render_pdf(rec, store.blobs.read, stats=stats)
            cpu.append(time.process_time() - c)
            runs.append(stats)
        best = min(runs, key=lambda s: s.seconds)
        keys.create_key(store, name="王建国", passphrase="bench-pass")
        t = time.perf_counter()
        records.sign_record(store, kind="acceptance", record_id=aid, passphrase="bench-pass")
        sign = time.perf_counter() - t
        signed = records.signed_pdf(store, kind="acceptance", record_id=aid)
    print(f"photos: {len(photos)} x {len(original) / 1e6:.1f} MB (12 MP), attendees: 30, store setup {setup:.2f} s")
    print(f"render: best {best.seconds:.2f} s of {[round(s.seconds, 2) for s in runs]}  (target < 3 s)")
    # CPU seconds (all threads): what the render costs on an idle machine of this speed, when other
    # processes compete for the cores the wall time above is longer.
    print(f"cpu:    {min(cpu):.2f} s CPU per render (all threads)")
    print(f"images: {best.image_seconds:.2f} s = {100 * best.image_seconds / best.seconds:.0f}% of render "
          f"({best.images} images)")
    print(f"size:   {len(pdf) / 1e6:.2f} MB unsigned, {len(signed) / 1e6:.2f} MB signed  (target < 8 MB)")
    print(f"sign:   {sign:.2f} s (render + PAdES signature + store + lock, incl. first pyHanko import)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
