"""The checklists the app runs with: every valid file of `forms/`, plus what was wrong with the rest.
A broken file is left out and reported; it never stops the app."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from inspector.checklists.loader import RENOVATION_FILE, Problem, check_paths
from inspector.checklists.model import Checklist, Item
from inspector.checklists.renovation import CATEGORIES, RenovationItem, load_renovation_file

log = logging.getLogger(__name__)


@dataclass
class Registry:
    checklists: dict[str, Checklist] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    renovation_items: list[RenovationItem] = field(default_factory=list)
    common_checklists: tuple[str, ...] = ()
    common_items: tuple[str, ...] = ()

    def get(self, checklist_id: str) -> Checklist | None:
        return self.checklists.get(checklist_id)

    def find_item(self, item_id: str) -> tuple[Checklist, Item] | None:
        """The checklist holding `item_id` (ids like FB-09 are unique across the shipped forms)."""
        for cl in self.checklists.values():
            item = cl.item(item_id)
            if item is not None:
                return cl, item
        return None

    def by_category(self) -> dict[str, list[RenovationItem]]:
        """Renovation items grouped 基础类 → 完善类 → 提升类 → 引导类, in file order within each."""
        out: dict[str, list[RenovationItem]] = {c: [] for c in CATEGORIES}
        for it in self.renovation_items:
            out.setdefault(it.category, []).append(it)
        return out

    def applicable_items(self, renovation_item_ids: Iterable[str]) -> set[str]:
        """Checklist item ids that apply to a project with these renovation items: every item of the
        common checklists, the common items, and the items mapped to each renovation item (§2.0)."""
        chosen = set(renovation_item_ids)
        out = set(self.common_items)
        for cid in self.common_checklists:
            cl = self.checklists.get(cid)
            if cl is not None:
                out.update(i.id for i in cl.items)
        for it in self.renovation_items:
            if it.id in chosen:
                out.update(it.checklist_items)
        return out


def load_registry(forms_dir: Path | None = None) -> Registry:
    """Load every checklist of `forms_dir` (default: the shipped forms/) and the renovation catalogue."""
    if forms_dir is None:
        from inspector.paths import forms_dir as default_dir

        forms_dir = default_dir()
    reg = Registry()
    if not forms_dir.is_dir():
        reg.problems.append(Problem(str(forms_dir), "-", "检查表目录不存在（forms directory not found）"))
        return reg
    checklists, problems = check_paths([forms_dir])
    reg.checklists = {cl.id: cl for cl in checklists}
    reg.problems.extend(problems)
    cat_path = forms_dir / RENOVATION_FILE
    if cat_path.exists():
        cat, cat_problems = load_renovation_file(cat_path, checklists=checklists)
        reg.problems.extend(cat_problems)
        if cat is not None:
            reg.renovation_items = list(cat.items)
            reg.common_checklists, reg.common_items = cat.common_checklists, cat.common_items
    for p in reg.problems:
        log.warning("checklist problem: %s", p)
    return reg


def with_published(reg: Registry, published: Iterable[tuple[dict, str, str]]) -> Registry:
    """The registry with the office's published checklist versions: (content, content hash, where)
    each. A published version replaces the shipped one of the same checklist id when it is newer;
    a checklist only the office has is added. Content that does not rebuild is reported, never fatal.
    Inspections keep the version they were started with (their stored snapshot); only new ones use
    what this registry offers."""
    import dataclasses

    out = dataclasses.replace(reg, checklists=dict(reg.checklists), problems=list(reg.problems))
    for content, sha, where in published:
        try:
            cl = Checklist.from_json(content, source=where)
        except (KeyError, TypeError, ValueError) as exc:
            out.problems.append(Problem(where, "-", f"监督站发布的检查表无法读取（published checklist unreadable）：{exc}"))
            continue
        if sha:  # keep the office's hash: the snapshot an inspection takes is then the pulled row itself
            cl = dataclasses.replace(cl, content_sha256=sha)
        shipped = out.checklists.get(cl.id)
        if shipped is None or cl.version > shipped.version:
            out.checklists[cl.id] = cl
    return out
