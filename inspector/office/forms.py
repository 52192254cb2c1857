"""Publishing a checklist version: the file is checked by the same checker as `inspector forms
check`; a valid one is written at the office as a local edit (a `ChecklistVersion` with
`published_at`), which every device receives on its next pull. An inspection keeps the version it
was started with: versions are separate rows, never changed once stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspector.domain import utcnow
from inspector.office.core import Office


def check(path: Path) -> tuple[list[Any], Any]:
    """(problems as `FILE:ITEM: problem`, the checklist when there are none)."""
    from inspector.checklists.loader import Problem, check_paths

    if not path.is_file():
        return [Problem(str(path), "-", "文件不存在（file not found）")], None
    checklists, problems = check_paths([path])
    if problems or not checklists:
        return problems or [Problem(str(path), "-", "不是检查表文件（not a checklist）")], None
    return [], checklists[0]


def publish(office: Office, checklist: Any) -> bool:
    """Store and publish the version; False if it was published already (nothing changes)."""
    from inspector.services.inspections import snapshot_checklist

    with office.workspace.unit() as uow:
        cv = snapshot_checklist(uow.session, checklist)
        if cv.published_at is not None and not cv.deleted:
            return False
        cv.published_at, cv.deleted = utcnow(), False
        return True
