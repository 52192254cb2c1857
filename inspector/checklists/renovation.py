"""The renovation-items catalogue (`forms/renovation-items.toml`): what a project may renovate, by
category 基础类 / 完善类 / 提升类 / 引导类, and which checklist items apply to each."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inspector.checklists.loader import Collector, Problem, read_toml
from inspector.checklists.model import Checklist

CATEGORIES = ("基础类", "完善类", "提升类", "引导类")
CATEGORY_EN = {"基础类": "Basic", "完善类": "Improvement", "提升类": "Upgrade", "引导类": "Guided"}

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
TOP_KEYS = {"version", "common_checklists", "common_items", "items"}
ITEM_KEYS = {"id", "category", "zh", "en", "checklist_items"}


@dataclass(frozen=True)
class RenovationItem:
    id: str
    category: str
    zh: str
    en: str
    checklist_items: tuple[str, ...] = ()


@dataclass(frozen=True)
class RenovationCatalogue:
    version: int
    items: tuple[RenovationItem, ...]
    common_checklists: tuple[str, ...] = ()  # checklists that apply to every project
    common_items: tuple[str, ...] = ()       # items of other checklists that apply to every project


def load_renovation_file(path: Path, *, checklists: Iterable[Checklist] | None = None
                         ) -> tuple[RenovationCatalogue | None, list[Problem]]:
    """Parse and validate the catalogue. With `checklists`, every referenced checklist and item id
    must exist among them."""
    c = Collector(str(path))
    data = read_toml(path, c)
    if data is None:
        return None, c.problems
    cat = _validate(data, c)
    if cat is not None and checklists is not None:
        _cross_check(cat, list(checklists), c)
    return (cat if not c.problems else None), c.problems


def _strings(c: Collector, where: str, table: dict[str, Any], key: str) -> tuple[str, ...]:
    raw = table.get(key, [])
    if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
        c.add(where, f"“{key}” 应为字符串数组（expected array of strings）")
        return ()
    if len(set(raw)) != len(raw):
        c.add(where, f"“{key}” 中有重复的 id（duplicate id）")
    return tuple(raw)


def _validate(data: dict[str, Any], c: Collector) -> RenovationCatalogue | None:
    for key in data:
        if key not in TOP_KEYS:
            c.add(key, f"未知的键 “{key}”（unknown key; 允许：{', '.join(sorted(TOP_KEYS))}）")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        c.add("version", f"“version” 应为正整数（expected positive integer, got {json.dumps(version, ensure_ascii=False)}）")
    common_cl = _strings(c, "common_checklists", data, "common_checklists")
    common_items = _strings(c, "common_items", data, "common_items")
    raw = data.get("items")
    if not isinstance(raw, list) or not raw:
        c.add("items", "缺少改造内容（missing [[items]]）")
        return None
    items: list[RenovationItem] = []
    seen: set[str] = set()
    for n, it in enumerate(raw, 1):
        if not isinstance(it, dict):
            c.add(f"items[{n}]", "应为表（expected table）")
            continue
        rid = it.get("id")
        where = rid if isinstance(rid, str) and rid.strip() else f"items[{n}]"
        before = len(c.problems)
        c.unknown_keys(where, it, ITEM_KEYS)
        rid = c.string(where, it, "id")
        if rid is not None:
            if not _ID.match(rid):
                c.add(where, "改造内容 id 只能用小写字母、数字和连字符（use a-z, 0-9, -）")
            if rid in seen:
                c.add(where, "改造内容 id 重复（duplicate id）")
            seen.add(rid)
        category = c.enum(where, it, "category", CATEGORIES)
        zh, en = c.string(where, it, "zh"), c.string(where, it, "en")
        refs = _strings(c, where, it, "checklist_items")
        if len(c.problems) == before and None not in (rid, category, zh, en):
            items.append(RenovationItem(rid, category, zh, en, refs))  # type: ignore[arg-type]
    if c.problems:
        return None
    return RenovationCatalogue(int(version), tuple(items), common_cl, common_items)  # type: ignore[arg-type]


def _cross_check(cat: RenovationCatalogue, checklists: list[Checklist], c: Collector) -> None:
    ids = {cl.id for cl in checklists}
    item_ids = {i.id for cl in checklists for i in cl.items}
    for cid in cat.common_checklists:
        if cid not in ids:
            c.add("common_checklists", f"检查表 “{cid}” 不存在（unknown checklist）")
    for iid in cat.common_items:
        if iid not in item_ids:
            c.add("common_items", f"检查项 “{iid}” 不存在（unknown checklist item）")
    for it in cat.items:
        for iid in it.checklist_items:
            if iid not in item_ids:
                c.add(it.id, f"检查项 “{iid}” 不存在（unknown checklist item）")
