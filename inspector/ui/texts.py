"""Showing sentences the rules write in Chinese (red flags, preconditions, missing items) in the
interface language.

The domain keeps one Chinese template per sentence (`MESSAGES` in its rule modules) and fills it
with the facts; records and the store keep the Chinese. Here a shown sentence is matched back to
its template(s) — a sentence may be several templates in a row — the template is translated
(context "Sentences") and refilled with its values, each value translated too when it is a
controlled word (a status, a role…, context "Choices") or itself a known sentence. In Chinese, or
for a sentence no template explains (typed by a user), the text is shown as it is.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache

from PySide6.QtCore import QCoreApplication

# Modules whose MESSAGES hold the templates, in the order they are tried.
TEMPLATE_MODULES = (
    "inspector.domain.rules.acceptance",
    "inspector.domain.rules.redflags",
    "inspector.domain.rules.redflags_evidence",
    "inspector.domain.rules.redflags_people",
    "inspector.domain.rules.rectification",
    "inspector.services.acceptance",
    "inspector.services.account",
)
_FIELD = re.compile(r"\{(\w+)\}")


_CODE_REF = re.compile(r"[，,；;]?\s*(?:见|参见)?\s*(?:RF|YS|GS)-\d+|[（(]\s*(?:RF|YS|GS)-\d+\s*[)）]")


def without_codes(text: str) -> str:
    """A sentence without its references to internal rule codes (见RF-21, （RF-26）): those are
    for the office; the inspector reads the plain words."""
    return _CODE_REF.sub("", text)


def templates() -> list[str]:
    out: list[str] = []
    for name in TEMPLATE_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        for text in getattr(module, "MESSAGES", {}).values():
            if text not in out:
                out.append(text)
    return out


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for t in templates():
        parts, pos, seen = [], 0, set()
        for m in _FIELD.finditer(t):
            parts.append(re.escape(t[pos:m.start()]))
            name = m.group(1)
            # A value may be empty (an optional date in brackets); a name used twice is the same value.
            parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.*?)")
            seen.add(name)
            pos = m.end()
        parts.append(re.escape(t[pos:]))
        out.append((t, re.compile("".join(parts), re.DOTALL)))
    # Longer templates first: the most specific explanation wins.
    out.sort(key=lambda x: -len(_FIELD.sub("", x[0])))
    return out


def _chinese() -> bool:
    from inspector.ui.i18n import ui_language

    return ui_language() == "zh"


def translate_sentence(text: str) -> str:
    """`text` in the interface language (unchanged in Chinese or when no template explains it)."""
    if not text or _chinese():
        return text
    return _translate(text)


@lru_cache(maxsize=4096)
def _translate(text: str) -> str:
    return _reading(text)[1]


def _reading(text: str) -> tuple[int, str]:
    """(how much wording was recognised, the text translated): a template reading, else a
    controlled word, else a fixed sentence, else the text itself (data: a name, a number)."""
    if not text or text.isascii():
        return 0, text
    parse = _best(text)
    if parse is not None and "、" in text:  # a list of sentences may read better one by one
        listed = _listed(text)
        if listed[0] > parse[0]:
            parse = listed
    if parse is not None:
        return parse
    word = QCoreApplication.translate("Choices", text)
    if word != text:
        return len(text), word
    sentence = QCoreApplication.translate("Sentences", text)
    if sentence != text:
        return len(text), sentence
    if "、" in text:  # a list of words: each on its own
        return _listed(text)
    return 0, text


def _listed(text: str) -> tuple[int, str]:
    parts = [_reading(v) for v in text.split("、")]
    return sum(p[0] for p in parts), ", ".join(p[1] for p in parts)


def _literal(template: str) -> int:
    return len(_FIELD.sub("", template))


def _fill(template: str, match: re.Match[str]) -> tuple[int, str]:
    """The template translated and refilled; its score counts what its values' readings explain."""
    score, values = _literal(template), {}
    for name, value in match.groupdict().items():
        got, values[name] = _reading(value)
        score += got
    return score, QCoreApplication.translate("Sentences", template).format(**values)


@lru_cache(maxsize=4096)
def _best(text: str, depth: int = 0) -> tuple[int, str] | None:
    """The reading of `text` as one template, or templates in a row, that explains the most of its
    wording: (score, translated text), or None. A short generic template ("{material} 批号{batch_no}")
    also fits a long sentence; the specific reading wins."""
    if depth > 8 or not text:
        return None
    best: tuple[int, str] | None = None
    for template, pattern in _compiled():
        whole = pattern.fullmatch(text)
        if whole:
            filled = _fill(template, whole)
            if best is None or filled[0] > best[0]:
                best = filled
    for template, pattern in _compiled():
        if template.endswith("}"):  # an open end cannot tell where the next sentence begins
            continue
        head = pattern.match(text)
        if head and 0 < head.end() < len(text):
            tail = _best(text[head.end():], depth + 1)
            if tail is not None:
                first = _fill(template, head)
                if best is None or first[0] + tail[0] > best[0]:
                    best = (first[0] + tail[0], first[1] + tail[1])
    return best
