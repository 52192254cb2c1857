"""The checklists a new inspection may use: the shipped `forms/` and the versions the office has
published (pulled by sync as `ChecklistVersion` rows with `published_at`): per checklist id the
newest. An inspection keeps the version it was started with."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from inspector.checklists.registry import Registry, load_registry, with_published
from inspector.domain import ChecklistVersion
from inspector.store import Reader


def published(store: Reader) -> list[tuple[dict, str, str]]:
    """The newest published version of each checklist id held in the store: (content, hash, where)."""
    newest: dict[str, Any] = {}
    with store.read() as s:
        q = (select(ChecklistVersion).where(ChecklistVersion.published_at.is_not(None),
                                            ChecklistVersion.deleted.is_(False))
             .order_by(ChecklistVersion.checklist_id, ChecklistVersion.version, ChecklistVersion.published_at))
        for cv in s.scalars(q):
            newest[cv.checklist_id] = cv  # ordered: the last one is the newest
        return [(dict(cv.content), cv.content_sha256, f"监督站发布 {cv.checklist_id} 第{cv.version}版")
                for cv in newest.values()]


def registry(store: Reader, forms_dir: Path | None = None, *, base: Registry | None = None) -> Registry:
    """The shipped checklists (or `base`, already loaded) with the office's published versions."""
    return with_published(base if base is not None else load_registry(forms_dir), published(store))
