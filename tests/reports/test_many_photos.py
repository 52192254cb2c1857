"""A record at the limit of its photos (issue 13): 200 photos render, each on the page with its
caption, and the originals pass through the image pool a few at a time, never all at once."""

from __future__ import annotations

import subprocess
import threading

from inspector.reports.images import image_workers
from inspector.reports.render import render_pdf
from inspector.services import records
from tests.reports import builders as b
from tests.reports.conftest import pdftext

PHOTOS = 200


def test_a_record_with_200_photos_renders_them_all_a_few_at_a_time(store, project, photos_dir, tmp_path):
    original = (photos_dir / "sony_cybershot.jpg").read_bytes()
    # Distinct files (bytes after the JPEG end marker) with a numbered marker each: 200 pictures.
    photos = [(f"p{i:03d}.jpg", original + i.to_bytes(4, "big")) for i in range(PHOTOS)]
    aid = b.make_acceptance(store, project, attendees=8, photos=photos)
    rec = records.record_data(store, kind="acceptance", record_id=aid)
    assert len(rec.photos) == PHOTOS

    lock = threading.Lock()
    alive, most = [0], [0]

    class Original(bytes):
        """An original's bytes as the store reads them, counted while any reference to them lives."""

        def __del__(self) -> None:
            with lock:
                alive[0] -= 1

    def read_blob(sha: str) -> bytes:
        data = Original(store.blobs.read(sha))
        with lock:
            alive[0] += 1
            most[0] = max(most[0], alive[0])
        return data

    pdf = tmp_path / "acceptance-200.pdf"
    pdf.write_bytes(render_pdf(rec, read_blob))
    # Only the pool's threads hold an original, each one while it prepares it.
    assert 1 <= most[0] <= image_workers() and alive[0] == 0, (most, alive)

    listing = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:] if line.strip()]
    jpegs = [r for r in rows if r[2] == "image" and r[8] == "jpeg"]
    assert len(jpegs) == PHOTOS, listing[:2000]  # every photo, once each, as the downscaled JPEG
    assert all(int(r[3]) <= 750 and int(r[4]) <= 750 for r in jpegs)
    text = pdftext(pdf)
    assert "照片 1\n" in text or "照片 1 " in text
    assert f"照片 {PHOTOS}" in text and "（照片无法读取）" not in text
    pages = int(next(line.split()[-1] for line in subprocess.run(
        ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()
        if line.startswith("Pages:")))
    assert pages >= PHOTOS // 6  # about six photos to a page, after the record itself
    assert text.count(f"共 {pages} 页") == pages
