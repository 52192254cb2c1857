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
    "inspector.domain.rules.rectification",
    "inspector.domain.rules.checklist_choice",
    "inspector.checklists.messages",
    "inspector.services.acceptance",
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
        parts, pos = [], 0
        for m in _FIELD.finditer(t):
            parts.append(re.escape(t[pos:m.start()]))
            parts.append(f"(?P<{m.group(1)}>.+?)")
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
    found = _sequence(text, 0)
    if found is not None:
        return found
    word = QCoreApplication.translate("Choices", text)
    return word if word != text else QCoreApplication.translate("Sentences", text)


def _fill(template: str, match: re.Match[str]) -> str:
    values = {k: _value(v) for k, v in match.groupdict().items()}
    return QCoreApplication.translate("Sentences", template).format(**values)


def _value(value: str) -> str:
    if value.isascii():
        return value
    if "、" in value:  # a list of words: each on its own
        return ", ".join(_translate(v) for v in value.split("、"))
    return _translate(value)


def _sequence(text: str, start: int, depth: int = 0) -> str | None:
    """`text[start:]` as one template, or a template followed by more of them."""
    if depth > 8:
        return None
    rest = text[start:]
    for template, pattern in _compiled():
        whole = pattern.fullmatch(rest)
        if whole:
            return _fill(template, whole)
    for template, pattern in _compiled():
        if template.endswith("}"):  # an open end cannot tell where the next sentence begins
            continue
        head = pattern.match(rest)
        if head and head.end() < len(rest):
            tail = _sequence(text, start + head.end(), depth + 1)
            if tail is not None:
                return _fill(template, head) + tail
    return None
