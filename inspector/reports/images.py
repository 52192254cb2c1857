"""Photos and drawn signatures made ready for a record: decoded upright with their annotation,
downscaled and re-encoded as JPEG, so 40 photos of 12 MP make a record of a few MB.

Runs on any thread. Pillow releases the GIL while it decodes and encodes, so photos are done in a
thread pool: on a 2-core laptop that nearly halves the time.
"""

from __future__ import annotations

import io
import logging
import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from PIL import Image

log = logging.getLogger(__name__)

# Two photos per row are ~85 mm wide: 750 px is ~220 dpi there, sharp in print. For a 4:3 12 MP
# camera file it also lets JPEG draft mode decode at 1/4 scale, the cheapest step.
PHOTO_MAX_PX = 750
PHOTO_QUALITY = 72
SIGNATURE_MAX_PX = 360


@dataclass
class ReadyImage:
    data: bytes  # JPEG (photos) or PNG (signatures)
    width: int
    height: int


def _display_image(data: bytes, max_px: int, annotation: list | None) -> Image.Image:
    from inspector.photos.render import display_image

    return display_image(data, max_px=max_px, annotation=annotation)


def prepare_photo(data: bytes, annotation: list | None = None, *, max_px: int = PHOTO_MAX_PX,
                  quality: int = PHOTO_QUALITY) -> ReadyImage:
    im = _display_image(data, max_px, annotation)
    out = io.BytesIO()
    im.save(out, "JPEG", quality=quality, optimize=False, progressive=False)
    return ReadyImage(out.getvalue(), im.width, im.height)


def prepare_signature(data: bytes) -> ReadyImage:
    """A drawn signature PNG, flattened on white and reduced: signatures are line art."""
    im = Image.open(io.BytesIO(data))
    im.load()
    if im.mode in ("RGBA", "LA", "P"):
        rgba = im.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        im = flat
    else:
        im = im.convert("RGB")
    im.thumbnail((SIGNATURE_MAX_PX, SIGNATURE_MAX_PX))
    im = im.convert("L")
    out = io.BytesIO()
    im.save(out, "PNG", optimize=False)
    return ReadyImage(out.getvalue(), im.width, im.height)


@dataclass
class ImageTimings:
    seconds: float = 0.0
    count: int = 0


def prepare_all(
    photos: list[tuple[str, list | None]],
    signatures: list[str],
    read_blob: Callable[[str], bytes],
    *,
    timings: ImageTimings | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[dict[str, ReadyImage | None], dict[str, ReadyImage | None]]:
    """Prepare photos (sha256, annotation) and signature PNGs by sha256. A missing or unreadable
    blob gives None (the record shows a placeholder instead of failing as a whole)."""
    start = time.perf_counter()

    def photo(item: tuple[str, list | None]) -> tuple[str, ReadyImage | None]:
        if cancelled():
            return item[0], None
        sha, annotation = item
        try:
            return sha, prepare_photo(read_blob(sha), annotation)
        except Exception:  # noqa: BLE001 - one bad photo must not sink the record
            log.warning("photo %s could not be prepared for the record", sha, exc_info=True)
            return sha, None

    def signature(sha: str) -> tuple[str, ReadyImage | None]:
        try:
            return sha, prepare_signature(read_blob(sha))
        except Exception:  # noqa: BLE001
            log.warning("signature %s could not be read", sha, exc_info=True)
            return sha, None

    workers = max(1, min(4, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="record-images") as pool:
        photo_results = dict(pool.map(photo, photos))
        sig_results = dict(pool.map(signature, dict.fromkeys(signatures)))
    if timings is not None:
        timings.seconds += time.perf_counter() - start
        timings.count += len(photos) + len(signatures)
    return photo_results, sig_results
