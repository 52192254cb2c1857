"""Annotation overlay drawn with Pillow (thumbnails, PDFs). The format and its geometry are in
`domain/annotation.py`."""

from __future__ import annotations

import functools

from PIL import Image, ImageDraw, ImageFont

from inspector.domain.annotation import (  # noqa: F401 - the format is the domain's; re-exported for callers
    DEFAULT_COLOR,
    DEFAULT_WIDTH,
    MAX_SHAPES,
    MAX_TEXT,
    SHAPE_TYPES,
    AnnotationError,
    arrow_head,
    arrow_segments,
    normalize_shapes,
)


@functools.lru_cache(maxsize=16)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    from inspector.paths import font_path

    try:
        return ImageFont.truetype(str(font_path()), size)
    except OSError:  # font missing in a stripped build: Latin still draws with Pillow's own font
        return ImageFont.load_default(size)


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def draw_annotation(im: Image.Image, shapes: list | None) -> Image.Image:
    """Draw `shapes` on `im` (RGB, upright) in place, scaled to its size; returns `im`.

    Shapes are assumed valid (stored through normalize_shapes); a bad one is skipped, never fatal,
    because a display must not fail over an overlay.
    """
    if not shapes:
        return im
    w, h = im.size
    unit = max(w, h) / 1000.0
    draw = ImageDraw.Draw(im)
    for shape in shapes:
        try:
            _draw_one(draw, shape, w, h, unit)
        except (KeyError, TypeError, ValueError):
            continue
    return im


def _draw_one(draw: ImageDraw.ImageDraw, shape: dict, w: int, h: int, unit: float) -> None:
    kind = shape["type"]
    color = _rgb(shape.get("color") or DEFAULT_COLOR)
    stroke = max(1, round(float(shape.get("width", DEFAULT_WIDTH)) * unit))
    x1, y1 = float(shape["x1"]) * w, float(shape["y1"]) * h
    x2, y2 = float(shape.get("x2", shape["x1"])) * w, float(shape.get("y2", shape["y1"])) * h
    box = [min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)]
    if kind == "rect":
        draw.rectangle(box, outline=color, width=stroke)
    elif kind == "circle":
        draw.ellipse(box, outline=color, width=stroke)
    elif kind == "arrow":
        for (ax, ay), (bx, by) in arrow_segments(x1, y1, x2, y2, stroke):
            draw.line([(ax, ay), (bx, by)], fill=color, width=stroke)
        draw.polygon(arrow_head(x1, y1, x2, y2, stroke), fill=color)
    elif kind == "text":
        size = max(8, round(8 * float(shape.get("width", DEFAULT_WIDTH)) * unit))
        font = _font(size)
        # A thin outline in white keeps red text readable on any background.
        draw.text((x1, y1), shape.get("text", ""), fill=color, font=font,
                  stroke_width=max(1, size // 16), stroke_fill=(255, 255, 255))
