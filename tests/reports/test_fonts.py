"""Every character the records can print is drawn with ink: the checklist texts, citations and
calendar in forms/, and the fixed texts of the record templates. WenQuanYi Micro Hei maps a few
symbols to an empty glyph (► among them), so those print in the fallback font (DejaVu Sans); a
character neither font can draw fails here, by name."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

from PIL import Image
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from inspector.paths import forms_dir
from inspector.reports import layout
from tests.conftest import REPO
from tests.reports.conftest import pdftext

# What records print: the forms (items, citations, calendar) and the record templates with the
# domain texts they print (roles, severities, statuses, the acceptance's verification rows).
SOURCES = [*sorted(forms_dir().rglob("*.toml")), *sorted((REPO / "inspector" / "reports").glob("*.py")),
           REPO / "inspector" / "domain" / "vocab.py", REPO / "inspector" / "domain" / "rules" / "acceptance.py",
           REPO / "inspector" / "domain" / "rules" / "rectification.py",
           # what the notices, acceptance and handover print from the rules (issue 10), and the loaders
           *(REPO / "inspector" / "domain" / "rules" / f"{m}.py" for m in ("notice_text", "acceptance_tests",
                                                                          "handover", "duty")),
           *sorted((REPO / "inspector" / "services").glob("record_*.py"))]


def printed_characters() -> list[str]:
    chars: set[str] = set()
    for path in SOURCES:
        chars |= set(path.read_text(encoding="utf-8"))
    return sorted(c for c in chars if unicodedata.category(c)[0] not in "ZC")


def test_every_character_has_ink_in_a_shipped_font() -> None:
    chars = printed_characters()
    assert "℃" in chars and "〔" in chars and len(chars) > 900
    missing = [f"{c} U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in chars if layout.font_for(c) is None]
    assert missing == []
    # Why the fallback exists: the CJK font has blank glyphs (►); ℃ it draws itself now (the shipped
    # face's ℃ is a composite of its ° and C, see resources/fonts/README.md).
    assert layout.font_for("►") == layout.FALLBACK and layout.font_for("温") == layout.FONT
    assert layout.font_for("℃") == layout.FONT


def test_each_character_leaves_ink_on_the_rendered_page(tmp_path: Path) -> None:
    """Draw every character in its own cell the way page furniture does (`draw_text`), rasterise
    with pdftoppm, and require dark pixels in every cell: a blank glyph leaves its cell white."""
    chars = printed_characters()
    cols, cell, size = 28, 6.2 * mm, 12
    rows_per_page = int((297 * mm - 20 * mm) // cell)
    pdf = tmp_path / "chars.pdf"
    layout.register_font()
    c = Canvas(str(pdf), pagesize=(210 * mm, 297 * mm))
    places: list[tuple[int, int, int, str]] = []  # page, col, row, char
    for n, ch in enumerate(chars):
        page, k = divmod(n, cols * rows_per_page)
        row, col = divmod(k, cols)
        if k == 0 and n:
            c.showPage()
        layout.draw_text(c, 10 * mm + col * cell + 1.2 * mm, 297 * mm - 10 * mm - (row + 1) * cell + 1.6 * mm, ch, size)
        places.append((page, col, row, ch))
    c.save()
    subprocess.run(["pdftoppm", "-r", "100", "-gray", "-png", str(pdf), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    px = 100 / 25.4 / mm  # pixels per point
    blank = []
    for page, col, row, ch in places:
        img = Image.open(pages[page]).convert("L")
        x0, y0 = (10 * mm + col * cell) * px, (10 * mm + row * cell) * px
        box = img.crop((int(x0), int(y0), int(x0 + cell * px), int(y0 + cell * px)))
        if box.getextrema()[0] > 160:
            blank.append(f"{ch} U+{ord(ch):04X}")
    assert blank == []


def test_paragraphs_set_blank_glyphs_in_the_fallback_and_extract_the_same(tmp_path: Path) -> None:
    pdf = tmp_path / "para.pdf"
    markup = layout.text("► 施工时气温符合要求(热熔法≥-10℃)")
    assert markup == '<font face="DejaVuSans">►</font> 施工时气温符合要求(热熔法≥-10℃)'
    SimpleDocTemplate(str(pdf)).build([layout.para("► 施工时气温符合要求(热熔法≥-10℃)")])
    assert "► 施工时气温符合要求(热熔法≥-10℃)" in pdftext(pdf)
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    embedded = [ln for ln in fonts.splitlines()[2:] if ln.split()[-5:-2] == ["yes", "yes", "yes"]]
    assert len(embedded) == 2 and any("DejaVuSans" in ln for ln in embedded)  # both embedded as subsets
