"""The office's 台账: what the project list shows (same filters, same scope), with the viewer's
inspections, notices, acceptances and red flags across inspectors, as one workbook (the sheets are
the laptop's too: `services/ledger.py`). Written to a file by a background job (`export_jobs.py`),
which reports its progress in rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from inspector.domain import Acceptance, Inspection, Project, Rectification
from inspector.office.core import Office
from inspector.office.web import crossflags, queries
from inspector.reports import ledger
from inspector.services import ledger as ledger_rows
from inspector.sync.scope import Scope

Progress = Callable[[str, int, int], None]  # (sheet, rows written in all, rows in all)


def _row_counts(s: Session, where: Sequence[ColumnElement[bool]]) -> dict[str, int]:
    """How many rows each sheet will hold, so the job can say how far it is."""
    live = [Project.deleted.is_(False), *where]
    out = {"项目": s.scalar(select(func.count()).select_from(Project).where(*live)) or 0}
    for title, model in (("监督检查", Inspection), ("整改通知", Rectification), ("联合验收", Acceptance)):
        out[title] = s.scalar(select(func.count()).select_from(model).join(Project, Project.id == model.project_id)
                              .where(model.deleted.is_(False), *live)) or 0
    return out


def write(office: Office, target: Path | IO[bytes], scope: Scope | None, f: queries.Filters, *, today: dt.date,
          progress: Progress | None = None) -> None:
    """Write the 台账 of the projects `f` selects within `scope` to `target`."""
    with office.store.read() as s:
        where = queries.project_filter(scope, f)
        flags = crossflags.compute(s, scope, today=today)
        if f.district:
            flags = [x for x in flags if f.district in x.districts]
        flag_rows = [(x.label, f"{x.title}：{x.detail}", "、".join(f"{p[1]} {p[2]}" for p in x.projects),
                      "、".join(x.districts), crossflags.DECISIONS.get(x.decision, "待处理"), x.reason) for x in flags]
        counts = {**_row_counts(s, where), "红色预警": len(flag_rows)}
        total = sum(counts.values())
        before: dict[str, int] = {}  # rows of the sheets written before this one
        done = 0

        def step(sheet: str, rows: int) -> None:
            nonlocal done
            if sheet not in before:
                before[sheet] = done
            done = before[sheet] + rows
            if progress is not None:
                progress(sheet, done, max(total, done))

        if progress is not None:
            progress("", 0, total)
        ledger.write_ledger(target, ledger_rows.sheets(s, where, today=today, flags=flag_rows), progress=step)
