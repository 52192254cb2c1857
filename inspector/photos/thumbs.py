"""Thumbnails: small upright JPEGs made fast (JPEG draft mode), cached under the data dir by SHA-256.

They are derived data, rebuilt from the original on demand, so they live in `thumbs/` beside the
store rather than in the synced blob store. Runs on any thread; no Qt.
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
from pathlib import Path

from PIL import Image

from inspector.paths import PRIVATE_FILE, private_dir
from inspector.photos.annotation import draw_annotation
from inspector.photos.probe import THUMB_PX, THUMB_QUALITY
from inspector.photos.render import display_image

log = logging.getLogger(__name__)


def make_thumbnail(data: bytes, *, max_px: int = THUMB_PX) -> bytes:
    """JPEG bytes of the upright image fitting `max_px`. Raises what Pillow raises on bad data."""
    im = display_image(data, max_px=max_px)
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=THUMB_QUALITY)
    return buf.getvalue()


def with_annotation(thumb_jpeg: bytes, shapes: list | None) -> Image.Image:
    """Decode a cached thumbnail and draw the overlay on it at thumbnail size."""
    im = Image.open(io.BytesIO(thumb_jpeg))
    im.load()
    im = im.convert("RGB")
    return draw_annotation(im, shapes) if shapes else im


class ThumbCache:
    """`thumbs/ab/<sha>.jpg` under the data dir. Safe to use from several threads: writes go to a
    temp file and are renamed into place, so a reader never sees half a thumbnail."""

    def __init__(self, data_dir: Path | str, *, max_px: int = THUMB_PX) -> None:
        self.root = Path(data_dir) / "thumbs"
        self.max_px = max_px

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}.jpg"

    def get(self, sha256: str) -> bytes | None:
        try:
            return self.path(sha256).read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None

    def put(self, sha256: str, jpeg: bytes) -> None:
        dest = self.path(sha256)
        private_dir(dest.parent)
        fd, tmp = tempfile.mkstemp(dir=dest.parent, suffix=".part")
        try:
            os.fchmod(fd, PRIVATE_FILE)  # a thumbnail shows the photo: as private as the original
            with os.fdopen(fd, "wb") as f:
                f.write(jpeg)
            # No fsync: a lost thumbnail after a power cut is simply rebuilt.
            os.replace(tmp, dest)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get_or_make(self, sha256: str, load_original) -> bytes:  # type: ignore[no-untyped-def]
        """The cached thumbnail, else build it from `load_original()` bytes and cache it."""
        cached = self.get(sha256)
        if cached:
            return cached
        jpeg = make_thumbnail(load_original(), max_px=self.max_px)
        try:
            self.put(sha256, jpeg)
        except OSError:  # a read-only data dir must not stop the display
            log.warning("cannot cache thumbnail %s", sha256, exc_info=True)
        return jpeg
