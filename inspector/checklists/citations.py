"""Legal citations: the short keys the forms use ("质量条例57", "GB 50720 6.3.1") and the full form
records print (《建设工程质量管理条例》第五十七条, 《建设工程施工现场消防安全技术规范》GB 50720-2011
第6.3.1条). The table of keys is data (`forms/citations.toml`), so a station can add a local rule.

`parse_basis` is strict (what `inspector forms check` enforces on every item); `expand_basis` is
lenient: a part it does not know prints as written, because a record answered against an old
checklist version must still print."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CITATIONS_FILE = "citations.toml"
STYLES = ("article", "clause", "text")
STATION_RULE = "本站规定"

_PART_SPLIT = re.compile(r"\s*[;；]\s*")
_CN_ITEM = r"\([一二三四五六七八九十]+\)"
# 56(六)  12(四)(五)  8第2款  5
_ARTICLE = re.compile(rf"^(\d{{1,3}})(?:第(\d)款)?((?:{_CN_ITEM})*)$")
_CLAUSE = re.compile(r"^\d+(?:\.\d+){1,3}[A-Z]?$")
_DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class Source:
    key: str
    full: str
    style: str


@dataclass(frozen=True)
class Citation:
    source: Source | None  # None: a part of an old basis that no key matches
    spec: str               # what followed the key, e.g. "56(六)"
    raw: str

    @property
    def text(self) -> str:
        if self.source is None:
            return self.raw
        if spec_problem(self.source.style, self.spec):
            # An old form's topic ("检测办法 见证条款") still names the regulation in full; anything
            # else we cannot read ("GB 50720-2011 第6.3.1条") prints as the form said.
            if "\u4e00" <= self.spec[:1] <= "\u9fff":
                return self.source.full + self.spec
            return self.raw
        return self.source.full + render_spec(self.source.style, self.spec)


class CitationTable:
    def __init__(self, sources: dict[str, Source]) -> None:
        self.sources = sources
        # Longest key first, so "GB 50016" is not read as a key "GB" with spec "50016".
        self._keys = sorted(sources, key=len, reverse=True)

    def match(self, part: str) -> Citation:
        for key in self._keys:
            if part.startswith(key):
                return Citation(self.sources[key], part[len(key):].strip(), part)
        return Citation(None, "", part)


def cn_number(n: int) -> str:
    """1..999 in Chinese numerals as article numbers are written: 十, 十二, 二十, 一百零三, 一百一十."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    head, rest = _DIGITS[n // 100] + "百", n % 100
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + _DIGITS[rest]
    return head + _DIGITS[rest // 10] + "十" + (_DIGITS[rest % 10] if rest % 10 else "")


def _article(one: str) -> str:
    m = _ARTICLE.match(one)
    if not m:
        return one
    out = f"第{cn_number(int(m.group(1)))}条"
    if m.group(2):
        out += f"第{cn_number(int(m.group(2)))}款"
    items = re.findall(r"\(([一二三四五六七八九十]+)\)", m.group(3) or "")
    if items:
        out += "、".join(f"第（{x}）项" for x in items)
    return out


def render_spec(style: str, spec: str) -> str:
    if not spec:
        return ""
    parts = [p.strip() for p in spec.split("、") if p.strip()]
    if style == "article":
        return "、".join(_article(p) for p in parts)
    if style == "clause":
        return "、".join(f"第{p}条" if _CLAUSE.match(p) else p for p in parts)
    if spec.isdigit():
        return f"第{spec}项"
    return spec.replace("(", "（").replace(")", "）")


def spec_problem(style: str, spec: str) -> str | None:
    """Why `spec` is not a well-formed article/clause reference for `style`, else None."""
    if not spec or style == "text":
        return None
    for p in spec.split("、"):
        if style == "article" and not _ARTICLE.match(p.strip()):
            return f"条款“{p}”应写作 57、56(六)、12(四)(五) 或 8第2款"
        if style == "clause" and not _CLAUSE.match(p.strip()):
            return f"条款“{p}”应写作 6.3.1 这样的条文号"
    return None


def split_basis(basis: str) -> list[str]:
    return [p for p in _PART_SPLIT.split(basis.strip()) if p]


def parse_basis(basis: str, table: CitationTable) -> tuple[list[Citation], list[str]]:
    """The citations of a basis and every problem with it (unknown key, malformed article)."""
    problems: list[str] = []
    cites = []
    parts = split_basis(basis)
    if not parts:
        problems.append(f"缺少依据 basis（写法规简称和条款，或写 basis = \"{STATION_RULE}\"）")
    for part in parts:
        c = table.match(part)
        cites.append(c)
        if c.source is None:
            problems.append(f"依据“{part}”的简称不在 {CITATIONS_FILE} 中（unknown citation key）")
            continue
        why = spec_problem(c.source.style, c.spec)
        if why:
            problems.append(f"依据“{part}”：{why}")
    return cites, problems


def expand_basis(basis: str, table: CitationTable | None = None) -> str:
    """The full text records print, parts joined by “；”. Unknown parts print as written."""
    table = table or default_table()
    return "；".join(table.match(p).text for p in split_basis(basis or ""))


def load_table(path: Path) -> tuple[CitationTable, list[str]]:
    problems: list[str] = []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return CitationTable({}), [f"{path}: 文件不存在（file not found）"]
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return CitationTable({}), [f"{path}: 无法读取（{exc}）"]
    sources = {}
    for key, entry in data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("full"), str) or not entry["full"].strip():
            problems.append(f"{path}:{key}: 须有 full = \"全称\"")
            continue
        style = entry.get("style", "article")
        if style not in STYLES:
            problems.append(f"{path}:{key}: style 应为 {' / '.join(STYLES)}")
            continue
        unknown = set(entry) - {"full", "style"}
        if unknown:
            problems.append(f"{path}:{key}: 未知的键 {', '.join(sorted(unknown))}")
        sources[key] = Source(key, entry["full"].strip(), style)
    return CitationTable(sources), problems


def table_for(forms: Path) -> CitationTable:
    """The table beside a forms folder, else the shipped one (a test's folder may have none)."""
    own = forms / CITATIONS_FILE
    if own.exists():
        return _cached(str(own))
    from inspector.paths import bundle_root

    return _cached(str(bundle_root() / "forms" / CITATIONS_FILE))


@lru_cache(maxsize=8)
def _cached(path: str) -> CitationTable:
    return load_table(Path(path))[0]


def default_table() -> CitationTable:
    from inspector.paths import forms_dir

    return table_for(forms_dir())
