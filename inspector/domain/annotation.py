"""Annotation overlay (the format, its validation and the arrow geometry; drawing with Pillow is in
`photos/annotation.py`, with Qt in the photo viewer): vector shapes kept beside the photo (the original file never changes).

A shape is a dict in image-normalised coordinates (0..1 of the *upright* image, i.e. after EXIF
orientation), so the same overlay fits the full image, a thumbnail and a PDF figure:

    {"type": "arrow"|"circle"|"rect"|"text", "x1", "y1", "x2", "y2", "text", "color", "width"}

* arrow: from (x1, y1) to the head at (x2, y2); circle: ellipse inside the box; rect: the box;
  text: anchored at its top-left (x1, y1) (x2/y2 ignored).
* color: "#RRGGBB"; width: stroke width in thousandths of the image's longer side (default 4),
  so a stroke looks equally heavy at any output size. Text height is 8 x width thousandths.
"""

from __future__ import annotations

import math
import re
from typing import Any

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
