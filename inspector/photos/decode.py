"""Shared Pillow decoding steps: the pixel limit, first frame, orientation, conversion to 8-bit RGB.

Runs on any thread; Pillow releases the GIL while it decodes, so callers may use a thread pool.
"""

from __future__ import annotations

import io
import logging
import warnings

from PIL import Image

log = logging.getLogger(__name__)

# Largest image we accept: 100 megapixels (a 12 MP camera photo is 12; phone panoramas reach ~60).
# Set explicitly rather than relying on Pillow's default, and checked against the *declared* size
# before any pixel is decoded (see probe.py), so a tiny file declaring 65535x65535 is refused at once.
MAX_PIXELS = 100_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

ORIENTATION_TAG = 0x0112

# EXIF orientation -> the transposition that makes the image upright (as ImageOps.exif_transpose).
_TRANSPOSE = {
    2: (Image.Transpose.FLIP_LEFT_RIGHT,),
    3: (Image.Transpose.ROTATE_180,),
    4: (Image.Transpose.FLIP_TOP_BOTTOM,),
    5: (Image.Transpose.TRANSPOSE,),
    6: (Image.Transpose.ROTATE_270,),
    7: (Image.Transpose.TRANSVERSE,),
    8: (Image.Transpose.ROTATE_90,),
}


def open_image(data: bytes) -> Image.Image:
    """Open (header only) the first frame of an image held in memory. Raises what Pillow raises."""
    im = Image.open(io.BytesIO(data))
    # MPO / animated files: the first frame is the photo (an MPO's second frame is the other eye).
    if getattr(im, "n_frames", 1) > 1:
        im.seek(0)
    return im


def read_orientation(im: Image.Image) -> int | None:
    """EXIF Orientation 1..8, or None when absent or unreadable (corrupt EXIF must not stop import)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = im.getexif().get(ORIENTATION_TAG)
    except Exception:  # corrupt EXIF: degrade to "no orientation", the pixels are still good
        log.debug("unreadable EXIF orientation", exc_info=True)
        return None
    try:
        value = int(value)
    except (TypeError, ValueError):
        return None
    return value if 1 <= value <= 8 else None


def swaps_axes(orientation: int | None) -> bool:
    """Orientations 5..8 rotate by 90 degrees: displayed width is the stored height."""
    return orientation in (5, 6, 7, 8)


def apply_orientation(im: Image.Image, orientation: int | None) -> Image.Image:
    for op in _TRANSPOSE.get(orientation or 1, ()):
        im = im.transpose(op)
    return im


def to_rgb(im: Image.Image) -> Image.Image:
    """8-bit RGB for display, thumbnails and PDFs: CMYK converted, alpha flattened on white,
    16-bit and 32-bit grey scaled down (Pillow's plain convert would clip everything above 255)."""
    mode = im.mode
    if mode == "RGB":
        return im
    if mode.startswith("I;16"):
        im = im.convert("I").point(lambda v: v * (1 / 257)).convert("L")
    elif mode in ("I", "F"):
        lo, hi = im.getextrema()
        scale = 255 / hi if hi and hi > 255 else 1
        im = im.point(lambda v: v * scale).convert("L")
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info) or (
        im.mode in ("L", "RGB") and "transparency" in im.info
    ):
        rgba = im.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return im.convert("RGB")
