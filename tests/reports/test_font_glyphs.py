"""The bundled font draws every character the forms and the interface use: WenQuanYi Micro Hei
maps ℃ to an empty glyph, so temperatures printed as "23 " on screen and on the record. The glyph
is a composite of ° and C (resources/fonts/README.md)."""

from __future__ import annotations

from fontTools.ttLib import TTFont

from inspector.paths import font_path
from tests.conftest import REPO

# Drawn by the system's fallback font on screen and never printed on a record.
FALLBACK_ONLY = {"⚠", "►"}


def test_every_character_used_has_a_visible_glyph():
    font = TTFont(font_path())
    cmap, glyf = font.getBestCmap(), font["glyf"]
    used: set[str] = set()
    for path in [*REPO.joinpath("forms").glob("*.toml"), *REPO.joinpath("inspector").rglob("*.py")]:
        used |= set(path.read_text(encoding="utf-8"))
    blank = [ch for ch in sorted(used) if not ch.isspace() and ch not in FALLBACK_ONLY
             and (ord(ch) not in cmap or getattr(glyf[cmap[ord(ch)]], "numberOfContours", 0) == 0)]
    assert not blank, blank
    assert glyf[cmap[ord("℃")]].isComposite()
