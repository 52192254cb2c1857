"""Strict loading of `forms/*.toml`: every mistake in every file is collected, none is fatal.

Each problem prints as `FILE:ITEM: problem`, where ITEM is the item id, a key path (`title.en`,
`sections[2]`, `items[4]` for an item without a usable id), `line N` for a TOML syntax error, or `-`
for the file as a whole. Messages are Chinese with the English term in brackets where it helps the
person who edits the file.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inspector.checklists.model import (
    ANSWER_TYPES,
    DATE_CONTEXT_KEYS,
    DATE_RULES,
    DERIVED,
    NUMBER_RULE,
    ON_FAIL,
    PHOTO_RULES,
    SEVERITIES,
    WHEN_CONTEXT_KEYS,
    WHEN_RULE,
    Checklist,
    Deadline,
    Item,
    Section,
)

RENOVATION_FILE = "renovation-items.toml"
CITATIONS_FILE = "citations.toml"  # the table of citation keys (inspector.checklists.citations)
NOT_CHECKLISTS = {RENOVATION_FILE, CITATIONS_FILE}

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ITEM_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")

TOP_KEYS = {"id", "version", "title", "basis", "sections", "items"}
ITEM_KEYS = {"id", "section", "text", "answer", "fail_when", "choices", "unit", "min", "max", "severity",
             "on_fail", "photo", "required", "basis", "deadline", "note_required_on_fail", "hint",
             "on_fail_note", "when", "derive", "refer_to"}
BILINGUAL_KEYS = {"zh", "en"}
SECTION_KEYS = {"id", "zh", "en"}
DEADLINE_KEYS = {"from", "days", "working_days"}


@dataclass(frozen=True)
class Problem:
    file: str
    item: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.item}: {self.message}"


class Collector:
    """Problems of one file; `where` is the ITEM part of the line."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.file, where, message))

    def unknown_keys(self, where: str, table: dict[str, Any], allowed: set[str], prefix: str = "") -> None:
        for key in table:
            if key not in allowed:
                self.add(where, f"未知的键 “{prefix}{key}”（unknown key; 允许：{', '.join(sorted(allowed))}）")

    def string(self, where: str, table: dict[str, Any], key: str, *, required: bool = True,
               label: str = "") -> str | None:
        name = label or key
        if key not in table:
            if required:
                self.add(where, f"缺少 “{name}”（missing {name}）")
            return None
        value = table[key]
        if not isinstance(value, str):
            self.add(where, f"“{name}” 应为字符串（expected string, got {_type(value)}）")
            return None
        if required and not value.strip():
            self.add(where, f"“{name}” 不能为空（empty {name}）")
            return None
        return value

    def bilingual(self, where: str, table: dict[str, Any], key: str) -> tuple[str, str] | None:
        if key not in table:
            self.add(where, f"缺少 “{key}”（missing {key} = {{ zh = ..., en = ... }}）")
            return None
        value = table[key]
        if not isinstance(value, dict):
            self.add(where, f"“{key}” 应为 {{ zh = ..., en = ... }}（expected table, got {_type(value)}）")
            return None
        self.unknown_keys(where, value, BILINGUAL_KEYS, prefix=f"{key}.")
        zh = self.string(where, value, "zh", label=f"{key}.zh")
        en = self.string(where, value, "en", label=f"{key}.en")
        return (zh, en) if zh is not None and en is not None else None

    def boolean(self, where: str, table: dict[str, Any], key: str, default: bool) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            self.add(where, f"“{key}” 应为 true 或 false（expected boolean, got {_type(value)}）")
            return default
        return value

    def enum(self, where: str, table: dict[str, Any], key: str, allowed: Iterable[str],
             default: str | None = None) -> str | None:
        allowed = tuple(allowed)
        if key not in table and default is not None:
            return default
        value = self.string(where, table, key)
        if value is None:
            return None
        if value not in allowed:
            self.add(where, f"“{key}” 的值 “{value}” 无效（invalid {key}; 可选：{' / '.join(allowed)}）")
            return None
        return value


def _type(value: Any) -> str:
    return {bool: "boolean", int: "integer", float: "float", str: "string", list: "array",
            dict: "table"}.get(type(value), type(value).__name__)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# ---- files --------------------------------------------------------------------------------------

# A checklist is a few hundred KB at most and nests three levels deep (items, a table, a list). A
# bigger or much deeper file is a mistake or an attack: tomllib recurses once per level, so a few
# thousand `[` exhaust Python's stack, and so would any validator walking the result.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 16


def _depth(value: Any) -> int:
    """Nesting depth of parsed TOML, without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            break
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return deepest


def read_toml(path: Path, c: Collector) -> dict[str, Any] | None:
    """The parsed file, or None with the problem (syntax errors carry their line) recorded."""
    try:
        if path.exists() and not path.is_file():  # a FIFO would block the read forever
            c.add("-", "不是普通文件（not a regular file）")
            return None
        if path.is_file() and path.stat().st_size > MAX_FILE_BYTES:
            c.add("-", f"文件过大（超过 {MAX_FILE_BYTES // 1048576} MB），不是检查表（file too large）")
            return None
        raw = path.read_bytes()
    except FileNotFoundError:
        c.add("-", "文件不存在（file not found）")
        return None
    except OSError as exc:
        c.add("-", f"无法读取文件（cannot read: {exc.strerror or exc}）")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        c.add(f"line {line}", "文件不是 UTF-8 编码（not UTF-8）")
        return None
    try:
        data = tomllib.loads(text)
    except RecursionError:
        c.add("-", f"嵌套层次过深，无法读取（nesting too deep; 检查表最多 {MAX_DEPTH} 层）")
        return None
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _TOML_POS.search(msg)
        where = f"line {m.group(1)}" if m else "-"
        detail = _TOML_POS.sub("", msg).strip()
        col = f"第 {m.group(2)} 列，" if m else ""
        c.add(where, f"TOML 语法错误：{col}{detail}（syntax error）")
        return None
    if _depth(data) > MAX_DEPTH:
        c.add("-", f"嵌套层次过深（nesting too deep; 检查表最多 {MAX_DEPTH} 层）")
        return None
    return data


def load_checklist_file(path: Path, *, display: str | None = None) -> tuple[Checklist | None, list[Problem]]:
    """Parse and validate one checklist file. The checklist is None when any problem was found."""
    c = Collector(display or str(path))
    data = read_toml(path, c)
    if data is None:
        return None, c.problems
    checklist = validate_checklist(data, c, source=str(path), citations=_citations_for(path.parent))
    return (checklist if not c.problems else None), c.problems


def checklist_files(directory: Path) -> list[Path]:
    """The checklist files of a forms directory: `*.toml` except the renovation-items catalogue and
    the citation table (the holiday calendar lives in its own sub-folder)."""
    return sorted(p for p in directory.glob("*.toml") if p.name not in NOT_CHECKLISTS)


def _citations_for(directory: Path) -> Any:
    from inspector.checklists.citations import table_for

    return table_for(directory)


def check_paths(paths: Iterable[Path | str]) -> tuple[list[Checklist], list[Problem]]:
    """Validate files and directories (a directory means its checklist files). Returns the valid
    checklists and every problem, including checklist ids used by two files (the second is dropped)."""
    files: list[Path] = []
    for p in map(Path, paths):
        files.extend(checklist_files(p) if p.is_dir() else [p])
    checklists: list[Checklist] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for f in files:
        checklist, found = load_checklist_file(f)
        problems.extend(found)
        if checklist is None:
            continue
        if checklist.id in seen:
            problems.append(Problem(str(f), "-", f"检查表 id “{checklist.id}” 与 {seen[checklist.id]} 重复"
                                                   "（duplicate checklist id）"))
            continue
        seen[checklist.id] = str(f)
        checklists.append(checklist)
    return checklists, problems


# ---- checklist content --------------------------------------------------------------------------

def validate_checklist(data: dict[str, Any], c: Collector, *, source: str = "",
                       citations: Any = None) -> Checklist | None:
    for key in data:
        if key not in TOP_KEYS:  # ITEM is the key path itself: there is no item to name
            c.add(key, f"未知的键 “{key}”（unknown key; 允许：{', '.join(sorted(TOP_KEYS))}）")
    cid = c.string("id", data, "id")
    if cid is not None and not _ID.match(cid):
        c.add("id", f"检查表 id “{cid}” 只能用小写字母、数字和连字符（use a-z, 0-9, -）")
    version = data.get("version")
    if "version" not in data:
        c.add("version", "缺少 “version”（missing version）")
    elif not isinstance(version, int) or isinstance(version, bool) or version < 1:
        c.add("version", f"“version” 应为正整数（expected positive integer, got {json.dumps(version, ensure_ascii=False)}）")
    title = c.bilingual("title", data, "title")
    basis = c.string("basis", data, "basis", required=False) or ""
    sections = _sections(data.get("sections", []), c)
    if citations is None:
        from inspector.checklists.citations import default_table

        citations = default_table()
    items = _items(data.get("items"), {s.id for s in sections} if "sections" in data else None, c, citations)
    if c.problems or cid is None or title is None or items is None:
        return None
    return Checklist(id=cid, version=int(version), title_zh=title[0], title_en=title[1], basis=basis,  # type: ignore[arg-type]
                     sections=tuple(sections), items=tuple(items), source=source)


def _sections(raw: Any, c: Collector) -> list[Section]:
    if not isinstance(raw, list):
        c.add("sections", f"“sections” 应为数组（expected array of tables, got {_type(raw)}）")
        return []
    out: list[Section] = []
    seen: set[str] = set()
    for n, sec in enumerate(raw, 1):
        where = f"sections[{n}]"
        if not isinstance(sec, dict):
            c.add(where, f"应为 {{ id = ..., zh = ..., en = ... }}（expected table, got {_type(sec)}）")
            continue
        c.unknown_keys(where, sec, SECTION_KEYS)
        sid, zh, en = (c.string(where, sec, k) for k in ("id", "zh", "en"))
        if sid is not None and sid in seen:
            c.add(where, f"分组 id “{sid}” 重复（duplicate section id）")
        elif sid is not None and zh is not None and en is not None:
            seen.add(sid)
            out.append(Section(sid, zh, en))
    return out


def _items(raw: Any, section_ids: set[str] | None, c: Collector, citations: Any) -> list[Item] | None:
    if raw is None:
        c.add("items", "缺少检查项（missing [[items]]）")
        return None
    if not isinstance(raw, list) or not raw:
        c.add("items", "“items” 应为非空的 [[items]] 表数组（expected non-empty array of tables）")
        return None
    out: list[Item] = []
    seen: set[str] = set()
    for n, it in enumerate(raw, 1):
        if not isinstance(it, dict):
            c.add(f"items[{n}]", f"应为表（expected table, got {_type(it)}）")
            continue
        iid = it.get("id")
        where = iid if isinstance(iid, str) and iid.strip() else f"items[{n}]"
        if isinstance(iid, str) and iid.strip():
            if not _ITEM_ID.match(iid):
                c.add(where, "检查项 id 只能用字母、数字、点、连字符和下划线（invalid item id）")
            if iid in seen:
                c.add(where, "检查项 id 重复（duplicate item id）")
            seen.add(iid)
        item = validate_item(it, where, section_ids, c, citations)
        if item is not None:
            out.append(item)
    return out


def validate_item(it: dict[str, Any], where: str, section_ids: set[str] | None, c: Collector,
                  citations: Any = None) -> Item | None:
    before = len(c.problems)
    c.unknown_keys(where, it, ITEM_KEYS)
    iid = c.string(where, it, "id")
    section = c.string(where, it, "section")
    if section is not None and section_ids is not None and section not in section_ids:
        c.add(where, f"分组 “{section}” 未在 sections 中定义（unknown section）")
    text = c.bilingual(where, it, "text")
    answer = c.enum(where, it, "answer", ANSWER_TYPES)
    severity = c.enum(where, it, "severity", SEVERITIES)
    on_fail = c.enum(where, it, "on_fail", ON_FAIL)
    photo = c.enum(where, it, "photo", PHOTO_RULES, default="none")
    required = c.boolean(where, it, "required", True)
    note_on_fail = c.boolean(where, it, "note_required_on_fail", False)
    basis = c.string(where, it, "basis", required=False) or ""
    _basis(basis, where, c, citations)
    hint = c.string(where, it, "hint", required=False) or ""
    on_fail_note = c.string(where, it, "on_fail_note", required=False) or ""
    when = c.string(where, it, "when", required=False) or ""
    derive = c.string(where, it, "derive", required=False) or ""
    _when_and_derive(it, where, answer, when, derive, c)
    refer_to = _refer_to(it, where, on_fail, c)
    typed = _answer_details(it, where, answer, c)
    if len(c.problems) > before or None in (iid, section, text, answer, severity, on_fail, photo) or typed is None:
        return None
    return Item(id=iid, section=section, text_zh=text[0], text_en=text[1], answer=answer,  # type: ignore[arg-type,index]
                severity=severity, on_fail=on_fail, photo=photo, required=required, basis=basis,  # type: ignore[arg-type]
                note_required_on_fail=note_on_fail, hint=hint, on_fail_note=on_fail_note, when=when,
                derive=derive, refer_to=refer_to, **typed)


def _basis(basis: str, where: str, c: Collector, citations: Any) -> None:
    """Every item says what it rests on: citation keys of the table (printed in full on records),
    or plainly `basis = "本站规定"` for the station's own rule."""
    if citations is None:
        from inspector.checklists.citations import default_table

        citations = default_table()
    from inspector.checklists.citations import parse_basis

    for problem in parse_basis(basis, citations)[1]:
        c.add(where, problem)


def _refer_to(it: dict[str, Any], where: str, on_fail: str | None, c: Collector) -> str:
    """An item that refers (移送) names who to: 住建执法 / 市场监管 / 人社 / 园林绿化; no other item does."""
    from inspector.domain.vocab import ReferralAuthority

    allowed = [a.value for a in ReferralAuthority]
    value = c.string(where, it, "refer_to", required=False) or ""
    refers = on_fail is not None and "refer" in on_fail
    if value and value not in allowed:
        c.add(where, f"refer_to = \"{value}\" 无效；可用：{' / '.join(allowed)}")
    elif value and not refers:
        c.add(where, "refer_to 只用于须移送的检查项（on_fail 含 refer）")
    elif refers and not value:
        c.add(where, f"须移送的检查项应写明移送给谁：refer_to = {' / '.join(allowed)}")
    return value


def _when_and_derive(it: dict[str, Any], where: str, answer: str | None, when: str, derive: str,
                     c: Collector) -> None:
    if when:
        m = WHEN_RULE.match(when)
        if not m or m.group(1) not in WHEN_CONTEXT_KEYS:
            c.add(where, f"when = \"{when}\" 无效；应写作 \"wind_level >= 5\"，可用：{', '.join(WHEN_CONTEXT_KEYS)}")
        elif "fail_when" not in it:
            c.add(where, "when 需要 fail_when（when without a fail rule）")
    if derive:
        if derive not in DERIVED:
            c.add(where, f"derive = \"{derive}\" 无效；可用：{', '.join(DERIVED)}")
        elif answer != "number":
            c.add(where, "derive 只用于 number 类型的检查项（derive is only for answer = \"number\"）")


def _answer_details(it: dict[str, Any], where: str, answer: str | None, c: Collector) -> dict[str, Any] | None:
    """choices / unit / min / max / deadline / fail_when, checked against the answer type."""
    if answer is None:
        return None
    before = len(c.problems)
    out: dict[str, Any] = {}
    for key, only in (("choices", "choice"), ("unit", "number"), ("min", "number"), ("max", "number"),
                      ("deadline", "date")):
        if key in it and answer != only:
            c.add(where, f"“{key}” 只用于 {only} 类型的检查项（{key} is only for answer = \"{only}\"）")
    if answer == "choice":
        out["choices"] = _choices(it, where, c)
    if answer == "number":
        if "unit" in it:
            out["unit"] = c.string(where, it, "unit") or ""
        for key in ("min", "max"):
            if key in it:
                if _is_number(it[key]):
                    out[key] = it[key]
                else:
                    c.add(where, f"“{key}” 应为数字（expected number, got {_type(it[key])}）")
        if out.get("min") is not None and out.get("max") is not None and out["min"] > out["max"]:
            c.add(where, f"min（{out['min']}）大于 max（{out['max']}）（min > max）")
    if answer == "date" and "deadline" in it:
        out["deadline"] = _deadline(it["deadline"], where, c)
    if "fail_when" in it:
        out["fail_when"] = _fail_rule(it, where, answer, out, c)
    elif answer == "date" and "deadline" in it:
        c.add(where, "设置了 deadline 却没有 fail_when = \"after-deadline\"（deadline without fail rule）")
    if it.get("note_required_on_fail") and "fail_when" not in it:
        c.add(where, "note_required_on_fail 需要 fail_when（nothing can fail without a fail rule）")
    return out if len(c.problems) == before else None


def _choices(it: dict[str, Any], where: str, c: Collector) -> tuple[str, ...]:
    raw = it.get("choices")
    if not isinstance(raw, list) or not raw or not all(isinstance(x, str) and x.strip() for x in raw):
        c.add(where, "choice 类型须有非空的 choices = [\"...\", ...]（choices: non-empty array of strings）")
        return ()
    if len(set(raw)) != len(raw):
        c.add(where, "choices 中有重复的选项（duplicate choice）")
    if "na" in raw:
        c.add(where, "“na” 是保留的“不适用”答复，不能作为选项（\"na\" is reserved）")
    return tuple(raw)


def _deadline(raw: Any, where: str, c: Collector) -> Deadline | None:
    if not isinstance(raw, dict):
        c.add(where, f"“deadline” 应为 {{ from = ..., days = N }}（expected table, got {_type(raw)}）")
        return None
    c.unknown_keys(where, raw, DEADLINE_KEYS, prefix="deadline.")
    base = raw.get("from")
    if base not in DATE_CONTEXT_KEYS:
        c.add(where, f"deadline.from 应为 {' / '.join(DATE_CONTEXT_KEYS)} 之一（got {base!r}）")
    offsets = [k for k in ("days", "working_days") if k in raw]
    if len(offsets) != 1:
        c.add(where, "deadline 须且只能有 days 或 working_days 之一（exactly one of days, working_days）")
        return None
    value = raw[offsets[0]]
    if not isinstance(value, int) or isinstance(value, bool):
        c.add(where, f"deadline.{offsets[0]} 应为整数（expected integer, got {_type(value)}）")
        return None
    return Deadline(base=str(base), **{offsets[0]: value})


def _fail_rule(it: dict[str, Any], where: str, answer: str, typed: dict[str, Any],
               c: Collector) -> str | tuple[str, ...] | None:
    rule = it["fail_when"]
    shown = json.dumps(rule, ensure_ascii=False)
    bad = f"fail_when = {shown} 与答复类型 {answer} 不匹配（fail rule cannot match answer type）"
    if answer == "text":
        c.add(where, "文本题不能设置 fail_when（text answers have no fail rule）")
        return None
    if answer == "choice":
        if not isinstance(rule, list) or not all(isinstance(x, str) for x in rule) or not rule:
            c.add(where, bad + "；choice 题应为选项数组，如 [\"...\"]")
            return None
        for x in rule:
            if x not in typed.get("choices", ()):
                c.add(where, f"fail_when 中的 “{x}” 不在 choices 中（failing choice not among choices）")
        return tuple(rule)
    if not isinstance(rule, str):
        c.add(where, bad)
        return None
    if answer == "yes-no-na":
        if rule not in ("no", "yes"):
            c.add(where, bad + "；是否题应为 \"no\"（或 \"yes\"）")
            return None
        return rule
    if answer == "number":
        if rule == "outside":
            if typed.get("min") is None and typed.get("max") is None:
                c.add(where, "fail_when = \"outside\" 需要 min 和/或 max（outside needs min/max）")
            return rule
        m = NUMBER_RULE.match(rule)
        if not m:
            c.add(where, bad + "；数字题应为 \"< 30\"、\">= 5\" 或 \"outside\"")
            return None
        limit = float(m.group(2))
        lo, hi = typed.get("min"), typed.get("max")
        if (lo is not None and limit < lo) or (hi is not None and limit > hi):
            c.add(where, f"fail_when 的界限 {m.group(2)} 超出 min/max 范围（limit outside min..max）")
        return rule
    if answer == "date":
        if rule not in DATE_RULES:
            c.add(where, bad + f"；日期题可用规则：{' / '.join(DATE_RULES)}")
            return None
        if rule == "after-deadline" and "deadline" not in it:
            c.add(where, "fail_when = \"after-deadline\" 需要 deadline = { from = ..., days = N }（missing deadline）")
        return rule
    c.add(where, bad)
    return None
