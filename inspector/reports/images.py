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
from concurrent.futures import Executor, Future, ThreadPoolExecutor
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


def start_all(
    pool: Executor,
    photos: list[tuple[str, list | None]],
    signatures: list[str],
    read_blob: Callable[[str], bytes],
    *,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[dict[str, Future[ReadyImage | None]], dict[str, Future[ReadyImage | None]]]:
    """Start preparing photos (sha256, annotation) and signature PNGs on `pool`; return a future per
    sha256. Each future gives None for a missing or unreadable blob (the record shows a placeholder
    instead of failing as a whole). Signatures go first: they are small and printed before the
    photo pages. Only the pool's threads hold an original at a time; what stays is the downscaled
    JPEG the PDF embeds."""

    def photo(sha: str, annotation: list | None) -> ReadyImage | None:
        if cancelled():
            return None
        try:
            return prepare_photo(read_blob(sha), annotation)
        except Exception:  # noqa: BLE001 - one bad photo must not sink the record
            log.warning("photo %s could not be prepared for the record", sha, exc_info=True)
            return None

    def signature(sha: str) -> ReadyImage | None:
        try:
            return prepare_signature(read_blob(sha))
        except Exception:  # noqa: BLE001
            log.warning("signature %s could not be read", sha, exc_info=True)
            return None

    sig_futures = {sha: pool.submit(signature, sha) for sha in dict.fromkeys(signatures)}
    photo_futures: dict[str, Future[ReadyImage | None]] = {}
    for sha, annotation in photos:
        if sha not in photo_futures:
            photo_futures[sha] = pool.submit(photo, sha, annotation)
    return photo_futures, sig_futures


def image_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def prepare_all(
    photos: list[tuple[str, list | None]],
    signatures: list[str],
    read_blob: Callable[[str], bytes],
    *,
    timings: ImageTimings | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[dict[str, ReadyImage | None], dict[str, ReadyImage | None]]:
    """Prepare photos (sha256, annotation) and signature PNGs by sha256, all of them before
    returning. A missing or unreadable blob gives None."""
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=image_workers(), thread_name_prefix="record-images") as pool:
        photo_futures, sig_futures = start_all(pool, photos, signatures, read_blob, cancelled=cancelled)
        photo_results = {sha: f.result() for sha, f in photo_futures.items()}
        sig_results = {sha: f.result() for sha, f in sig_futures.items()}
    if timings is not None:
        timings.seconds += time.perf_counter() - start
        timings.count += len(photos) + len(signatures)
    return photo_results, sig_results
