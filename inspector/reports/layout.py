"""Page furniture and building blocks shared by every record: the embedded CJK font, paragraph
styles, tables that repeat their header row, and the per-page record number, "第 x 页 共 y 页" and
verification QR code.

Runs on any thread (no Qt). ReportLab keeps global font registrations, so registration is guarded.
"""

from __future__ import annotations

import io
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import ActionFlowable, BaseDocTemplate, FrameBreak, PageTemplate
from reportlab.platypus.flowables import KeepTogether, _ContainerSpace
from reportlab.platypus.frames import Frame

from inspector.paths import fallback_font_path, font_path

FONT = "WQYMicroHei"
# WenQuanYi maps some symbols to an empty glyph (℃ printed as nothing): those print in this font.
FALLBACK = "DejaVuSans"
PAGE_W, PAGE_H = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 30 * mm  # room for the QR code and the page mark
CONTENT_W = PAGE_W - 2 * MARGIN_X
QR_SIZE = 20 * mm

_font_lock = threading.Lock()
_font_ready = False
_inked: dict[str, frozenset[int]] = {}  # font -> code points it draws with ink


def _ink(font) -> frozenset[int]:  # type: ignore[no-untyped-def]
    """Code points the font maps to a glyph with outlines (a zero-length `glyf` entry is blank)."""
    face = font.face
    pos = face.glyphPos
    return frozenset(cp for cp, g in face.charToGlyph.items() if g + 1 < len(pos) and pos[g + 1] > pos[g])


def register_font() -> str:
    """Register the shipped TrueType fonts once: the CJK font and its fallback. ReportLab embeds
    TrueType as a subset, so the PDF carries exactly the glyphs it uses and extracts back to the
    same Unicode text."""
    global _font_ready
    with _font_lock:
        if not _font_ready:
            from reportlab import rl_config
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            # Embed image data as binary: ASCII85 adds a quarter to the size and, without ReportLab's
            # optional C accelerator, costs seconds of pure Python per photo-heavy record.
            rl_config.useA85 = 0
            for name, path in ((FONT, font_path()), (FALLBACK, fallback_font_path())):
                font = TTFont(name, str(path))
                pdfmetrics.registerFont(font)
                # One face only: map bold/italic to it so <b> in markup never asks for a missing font.
                pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
                _inked[name] = _ink(font)
            _font_ready = True
    return FONT


def font_for(ch: str) -> str | None:
    """The font that prints `ch`: the CJK font when it has ink for it, else the fallback when that
    has, else None (the character would print as nothing). Spaces and controls need no ink."""
    register_font()
    cp = ord(ch)
    if cp in _inked[FONT] or unicodedata.category(ch)[0] in "ZC":
        return FONT
    return FALLBACK if cp in _inked[FALLBACK] else None


def font_runs(value: str) -> list[tuple[str, str]]:
    """`value` cut into (font, text) runs, each printed in a font that has ink for it."""
    runs: list[tuple[str, str]] = []
    for ch in value:
        font = font_for(ch) or FONT
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + ch)
        else:
            runs.append((font, ch))
    return runs


def _style(name: str, size: float, *, leading: float | None = None, align: int = TA_LEFT,
           space_before: float = 0, space_after: float = 0) -> ParagraphStyle:
    # wordWrap CJK: Chinese has no spaces, so lines must break between any two characters.
    return ParagraphStyle(name, fontName=FONT, fontSize=size, leading=leading or size * 1.35,
                          alignment=align, wordWrap="CJK", spaceBefore=space_before,
                          spaceAfter=space_after)


@dataclass(frozen=True)
class Styles:
    title = _style("title", 18, leading=24, align=TA_CENTER, space_after=2 * mm)
    subtitle = _style("subtitle", 10, align=TA_CENTER, space_after=3 * mm)
    h2 = _style("h2", 11.5, leading=16, space_before=3 * mm, space_after=1.5 * mm)
    body = _style("body", 9.5)
    small = _style("small", 8)
    cell = _style("cell", 8.5)
    cell_head = _style("cellhead", 8.5, align=TA_CENTER)
    caption = _style("caption", 7.5, leading=9.5)
    right = _style("right", 10.5, leading=16, align=TA_RIGHT)
    stamp = _style("stamp", 7.5, align=TA_CENTER)


S = Styles()


def text(value: Any) -> str:
    """Escape user text for ReportLab's paragraph markup, keeping line breaks; characters the CJK
    font draws as nothing (℃) are set in the fallback font."""
    if value is None:
        return ""
    out = []
    for font, run in font_runs(str(value)):
        run = escape(run).replace("\n", "<br/>")
        out.append(run if font == FONT else f'<font face="{font}">{run}</font>')
    return "".join(out)


def para(value: Any, style: ParagraphStyle | None = None) -> Paragraph:
    return Paragraph(text(value), style or S.body)


def heading(value: str) -> Paragraph:
    """A section heading: kept with the start of what follows it (see `bind_headings`)."""
    p = Paragraph(text(value), S.h2)
    p._keep_with_next = True  # type: ignore[attr-defined]
    return p


def lead(value: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A line that introduces what follows (“不符合项：”), kept with it like a heading."""
    p = Paragraph(text(value), style or S.body)
    p._keep_with_next = True  # type: ignore[attr-defined]
    return p


def is_heading(f: Flowable) -> bool:
    return bool(getattr(f, "_keep_with_next", False))


class KeepWithNext(_ContainerSpace, Flowable):  # type: ignore[misc]
    """A heading (with any spacer or lead-in under it) kept with the start of what follows: when
    the page has no room for the heading and the first rows of its table, both move to the next
    page; a long table still starts under its heading and breaks where it must."""

    def __init__(self, head: list[Flowable], body: Flowable) -> None:
        self.head = head
        self.body = body
        self._content = [*head, body]

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return aW, 0xFFFFFF  # never placed whole: always split into its parts (as KeepTogether does)

    def _head_height(self, aW: float, aH: float) -> float:
        total = 0.0
        for f in self.head:
            total += f.wrap(aW, aH)[1] + f.getSpaceBefore() + f.getSpaceAfter()
        return total

    def split(self, aW: float, aH: float) -> list[Flowable]:
        frame = getattr(self, "_frame", None)
        for f in self._content:  # what the frame gave this flowable, its parts need to measure themselves
            for attr in ("canv", "_frame"):
                if hasattr(self, attr):
                    setattr(f, attr, getattr(self, attr))
        at_top = bool(getattr(frame, "_atTop", False))
        room = aH - self._head_height(aW, aH) - self.body.getSpaceBefore()
        if room > 0:
            height = self.body.wrap(aW, room)[1]
            if isinstance(self.body, KeepTogether):  # it answers "split me"; its real height is kept
                height = getattr(self.body, "_H", height)
            if height <= room:
                return [*self.head, self.body]
            # A KeepTogether under the heading either fits whole or moves whole: never split it here.
            parts = [] if isinstance(self.body, KeepTogether) else self.body.split(aW, room)
            if parts and not isinstance(parts[0], _ContainerSpace | ActionFlowable):
                return [*self.head, *parts]
        if at_top:  # nothing better on a fresh page: let the body break where it must
            return [*self.head, self.body]
        return [FrameBreak(), *self.head, self.body]


def bind_headings(story: list[Flowable]) -> list[Flowable]:
    """Each heading (and the spacers and lead-ins right under it) bound to the flowable after them,
    so that no page ends with a heading."""
    out: list[Flowable] = []
    i = 0
    while i < len(story):
        if not is_heading(story[i]):
            out.append(story[i])
            i += 1
            continue
        j = i + 1
        while j < len(story) and (isinstance(story[j], Spacer) or is_heading(story[j])):
            j += 1
        if j < len(story):
            out.append(KeepWithNext(story[i:j], story[j]))
            i = j + 1
        else:
            out.extend(story[i:j])
            i = j
    return out


GRID = [
    ("FONTNAME", (0, 0), (-1, -1), FONT),
    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
]


def grid_table(header: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[float],
               *, empty: str = "（无）") -> Table:
    """A ruled table whose header row repeats on every page it spans. Cells may be flowables."""
    head = [Paragraph(text(h), S.cell_head) for h in header]
    body = [[c if isinstance(c, Flowable) else para(c, S.cell) for c in row] for row in rows]
    if not body:
        body = [[para(empty, S.cell)] + [""] * (len(header) - 1)]
    t = Table([head, *body], colWidths=list(widths), repeatRows=1)
    style = [*GRID, ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8"))]
    if not rows:
        style.append(("SPAN", (0, 1), (-1, 1)))
    t.setStyle(TableStyle(style))
    return t


def kv_table(pairs: Sequence[tuple[str, Any]], *, columns: int = 2) -> Table:
    """Label/value grid (the form's header block): `columns` label-value pairs per row."""
    label_w = 24 * mm
    value_w = CONTENT_W / columns - label_w
    rows: list[list[Any]] = []
    spans: list[tuple] = []
    row: list[Any] = []
    for label, value in pairs:
        wide = isinstance(value, tuple) and value and value[0] == "wide"
        if wide:
            if row:
                rows.append(row + [""] * (2 * columns - len(row)))
                row = []
            rows.append([para(label, S.cell), para(value[1], S.cell)] + [""] * (2 * columns - 2))
            spans.append(("SPAN", (1, len(rows) - 1), (-1, len(rows) - 1)))
            continue
        row += [para(label, S.cell), para(value, S.cell)]
        if len(row) == 2 * columns:
            rows.append(row)
            row = []
    if row:
        rows.append(row + [""] * (2 * columns - len(row)))
    t = Table(rows, colWidths=[label_w, value_w] * columns)
    label_cols = [("BACKGROUND", (2 * i, 0), (2 * i, -1), colors.HexColor("#f2f2f2")) for i in range(columns)]
    t.setStyle(TableStyle([*GRID, *label_cols, *spans]))
    return t


def wide(value: Any) -> tuple[str, Any]:
    """Mark a kv_table value that takes the whole row."""
    return ("wide", value)


def spacer(h: float = 2 * mm) -> Spacer:
    return Spacer(1, h)


@dataclass(frozen=True)
class PageInfo:
    title: str
    record_no: str
    qr_payload: str
    issuer: str = ""
    date: str = ""  # YYYY-MM-DD: the record's own date, used as the PDF's creation date


@lru_cache(maxsize=8)
def _qr_matrix(payload: str) -> tuple[tuple[bool, ...], ...]:
    # Choosing the mask tries all eight and scores each: tens of milliseconds, once per record.
    import qrcode

    qr = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(payload)
    qr.make(fit=True)
    return tuple(tuple(row) for row in qr.get_matrix())


def _draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    # Vector QR code drawn as one path: crisp at any zoom. (ReportLab's renderPDF would also
    # reference Helvetica, a font the PDF would not embed.)
    matrix = _qr_matrix(payload)
    cell = size / len(matrix)
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                path.rect(x + c * cell, y + size - (r + 1) * cell, cell, cell)
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)


def draw_text(canvas: Canvas, x: float, y: float, value: str, size: float, *, align: str = "left") -> None:
    """A line drawn straight on the canvas, each run in a font that has ink for it (see `text`)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    runs = font_runs(value)
    width = sum(stringWidth(run, font, size) for font, run in runs)
    x -= {"left": 0.0, "centre": width / 2, "right": width}[align]
    for font, run in runs:
        canvas.setFont(font, size)
        canvas.drawString(x, y, run)
        x += stringWidth(run, font, size)


def _canvas_maker(info: PageInfo) -> type[Canvas]:
    qr_form: list[str] = []  # (the canvas's own attributes are swapped per page in `save`)

    class RecordCanvas(Canvas):
        """Keeps every page until the end, so each can say "共 y 页" once y is known."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            # `invariant` output would say 2000-01-01; the record's own date is as stable and true.
            if len(info.date) == 10:
                stamp = "D:" + info.date.replace("-", "") + "000000+08'00'"
                self.setDateFormatter(lambda *_: stamp)

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self._furniture(number, total)
                super().showPage()
            super().save()

        def _furniture(self, number: int, total: int) -> None:
            self.saveState()
            if info.issuer:
                draw_text(self, MARGIN_X, PAGE_H - 12 * mm, info.issuer, 8.5)
            draw_text(self, PAGE_W - MARGIN_X, PAGE_H - 12 * mm, f"编号：{info.record_no}", 8.5, align="right")
            self.setLineWidth(0.4)
            self.line(MARGIN_X, PAGE_H - 14 * mm, PAGE_W - MARGIN_X, PAGE_H - 14 * mm)
            self.line(MARGIN_X, MARGIN_BOTTOM - 4 * mm, PAGE_W - MARGIN_X, MARGIN_BOTTOM - 4 * mm)
            draw_text(self, PAGE_W / 2, 12 * mm, f"第 {number} 页 共 {total} 页", 9, align="centre")
            draw_text(self, MARGIN_X, 12 * mm, f"{info.title}  {info.record_no}", 7.5)
            if not qr_form:  # the QR code is the same on every page: drawn once, placed on each
                self.beginForm("record-qr", 0, 0, QR_SIZE, QR_SIZE)
                _draw_qr(self, info.qr_payload, 0, 0, QR_SIZE)
                self.endForm()
                qr_form.append("record-qr")
            self.translate(PAGE_W - MARGIN_X - QR_SIZE, 5 * mm)
            self.doForm(qr_form[0])
            self.restoreState()

    return RecordCanvas


def build_pdf(story: list[Flowable], info: PageInfo, *, subject: str, author: str = "") -> bytes:
    """Lay out `story` on A4 portrait pages with the record's page furniture; return the PDF bytes.

    `invariant` makes the output depend only on the content (no creation time, no random id), so
    rendering the same record twice gives the same bytes."""
    register_font()
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=f"{info.title} {info.record_no}", author=author,
        subject=subject, creator="Inspector 老旧小区改造质量安全监督", invariant=1,
        # Otherwise each page's preamble names Helvetica, a font the PDF does not embed.
        initialFontName=FONT,
    )
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(bind_headings(story), canvasmaker=_canvas_maker(info))
    return buf.getvalue()
