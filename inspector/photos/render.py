"""Turn stored original bytes into an upright RGB picture for screens, thumbnails and PDFs.

Runs on any thread (no Qt); Pillow releases the GIL while decoding.
"""

from __future__ import annotations

from PIL import Image

from inspector.photos.annotation import draw_annotation
from inspector.photos.decode import apply_orientation, open_image, read_orientation, to_rgb

__all__ = ["display_image"]


def display_image(data: bytes, *, max_px: int | None = None, annotation: list | None = None) -> Image.Image:
    """Decode `data` into an upright 8-bit RGB image no larger than `max_px` on either side.

    EXIF orientation is applied; CMYK, alpha (flattened on white) and 16-bit images come out as RGB;
    `annotation` (normalised vector shapes, see annotation.py) is drawn at the output size.
    Raises PIL.UnidentifiedImageError / OSError / Image.DecompressionBombError for bad data.
    """
    im = open_image(data)
    orientation = read_orientation(im)
    if max_px:
        if max_px < 1:
            raise ValueError("max_px must be positive")
        if im.format in ("JPEG", "MPO"):
            # Draft mode lets libjpeg decode at 1/2, 1/4 or 1/8 scale: a 12 MP photo becomes a
            # 256 px thumbnail in a fraction of the time. Fitting a square is orientation-independent.
            im.draft("RGB", (max_px, max_px))
    im.load()
    im = to_rgb(im)
    if max_px and max(im.size) > max_px:
        im.thumbnail((max_px, max_px), Image.Resampling.BICUBIC)
    im = apply_orientation(im, orientation)
    if annotation:
        draw_annotation(im, annotation)
    return im
