"""Annotation overlay: vector shapes kept beside the photo (the original file never changes).

A shape is a dict in image-normalised coordinates (0..1 of the *upright* image, i.e. after EXIF
orientation), so the same overlay fits the full image, a thumbnail and a PDF figure:

    {"type": "arrow"|"circle"|"rect"|"text", "x1", "y1", "x2", "y2", "text", "color", "width"}

* arrow: from (x1, y1) to the head at (x2, y2); circle: ellipse inside the box; rect: the box;
  text: anchored at its top-left (x1, y1) (x2/y2 ignored).
* color: "#RRGGBB"; width: stroke width in thousandths of the image's longer side (default 4),
  so a stroke looks equally heavy at any output size. Text height is 8 x width thousandths.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any

from PIL import Image, ImageDraw, ImageFont

SHAPE_TYPES = ("arrow", "circle", "rect", "text")
DEFAULT_COLOR = "#E53935"
DEFAULT_WIDTH = 4.0
MAX_SHAPES = 500
MAX_TEXT = 200
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")


class AnnotationError(ValueError):
    """A shape list that does not follow the format above (message in Chinese for the user)."""


def normalize_shapes(shapes: Any) -> list[dict]:
    """Validate and return clean copies of `shapes`; raise AnnotationError with a Chinese reason."""
    if shapes is None:
        return []
    if not isinstance(shapes, list):
        raise AnnotationError("标注数据格式错误：应为图形列表")
    if len(shapes) > MAX_SHAPES:
        raise AnnotationError(f"标注图形过多（最多 {MAX_SHAPES} 个）")
    clean: list[dict] = []
    for n, shape in enumerate(shapes, start=1):
        if not isinstance(shape, dict):
            raise AnnotationError(f"第 {n} 个标注图形格式错误")
        kind = shape.get("type")
        if kind not in SHAPE_TYPES:
            raise AnnotationError(f"第 {n} 个标注图形类型无效：{kind!r}")
        out: dict[str, Any] = {"type": kind}
        for key in ("x1", "y1", "x2", "y2"):
            value = shape.get(key)
            if value is None and key in ("x2", "y2"):  # a text label needs only its anchor
                value = out[key[0] + "1"]
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                raise AnnotationError(f"第 {n} 个标注图形坐标无效")
            if not -0.5 <= value <= 1.5:  # a little slack: an arrow may start just off the edge
                raise AnnotationError(f"第 {n} 个标注图形坐标超出照片范围")
            out[key] = float(value)
        color = shape.get("color") or DEFAULT_COLOR
        if not isinstance(color, str) or not _COLOR.match(color):
            raise AnnotationError(f"第 {n} 个标注图形颜色无效：{color!r}")
        out["color"] = color.upper()
        width = shape.get("width", DEFAULT_WIDTH)
        if isinstance(width, bool) or not isinstance(width, int | float) or not 0.5 <= width <= 50:
            raise AnnotationError(f"第 {n} 个标注图形线宽无效")
        out["width"] = float(width)
        text = shape.get("text", "")
        if not isinstance(text, str):
            raise AnnotationError(f"第 {n} 个标注文字无效")
        text = text.strip()
        if kind == "text" and not text:
            raise AnnotationError(f"第 {n} 个文字标注内容为空")
        if len(text) > MAX_TEXT:
            raise AnnotationError(f"第 {n} 个标注文字过长（最多 {MAX_TEXT} 字）")
        out["text"] = text
        clean.append(out)
    return clean


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


def arrow_head(x1: float, y1: float, x2: float, y2: float, stroke: float) -> list[tuple[float, float]]:
    """The filled triangle at (x2, y2), in the same pixel units (shared with the Qt overlay)."""
    angle = math.atan2(y2 - y1, x2 - x1)
    length = max(4.0 * stroke, 8.0)
    spread = math.radians(25)
    left = (x2 - length * math.cos(angle - spread), y2 - length * math.sin(angle - spread))
    right = (x2 - length * math.cos(angle + spread), y2 - length * math.sin(angle + spread))
    return [(x2, y2), left, right]


def arrow_segments(x1: float, y1: float, x2: float, y2: float, stroke: float):
    """The shaft, stopped short of the tip so a thick line does not poke through the head."""
    angle = math.atan2(y2 - y1, x2 - x1)
    back = max(4.0 * stroke, 8.0) * 0.8
    if math.hypot(x2 - x1, y2 - y1) <= back:
        return []
    return [((x1, y1), (x2 - back * math.cos(angle), y2 - back * math.sin(angle)))]
