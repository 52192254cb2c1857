"""台账 rows: projects, inspections, notices, acceptances and red flags of the projects a caller
selects, as the sheets `reports/ledger.py` writes. The office (its pages, with the viewer's scope
and filters) and the laptop (`inspector export ledger`, the Qt menu) both build the workbook here,
so the two files have the same sheets and columns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session, aliased

from inspector.domain import Acceptance, Finding, Inspection, Party, Project, Rectification, User
from inspector.domain.clock import china_today
from inspector.domain.vocab import INSPECTION_STATUS_LABELS, RECTIFICATION_STATUS_LABELS
from inspector.reports import ledger
from inspector.services.changes import Progress, Writer, write_directly

OPEN_NOTICE = ("issued", "replied", "escalated")
FlagRow = tuple[str, str, str, str, str, str]  # kind, what, projects, districts, decision, reason


def _live(where: Sequence[ColumnElement[bool]]) -> list[ColumnElement[bool]]:
    return [Project.deleted.is_(False), *where]


def project_rows(s: Session, where: Sequence[ColumnElement[bool]]) -> Iterable[Any]:
    return s.execute(select(Project.code, Project.name, Project.district, Project.street, Project.community,
                            Project.plan_year, Project.status, Project.households, Project.buildings, User.name,
                            Project.start_date, Project.finish_date)
                     .outerjoin(User, User.id == Project.inspector_id).where(*_live(where)).order_by(Project.code))


def inspection_rows(s: Session, where: Sequence[ColumnElement[bool]]) -> Iterable[Any]:
    findings = (select(Finding.inspection_id, func.count().label("n")).where(Finding.deleted.is_(False))
                .group_by(Finding.inspection_id).subquery())
    q = (select(Inspection.record_no, Project.code, Project.name, Project.district, Inspection.kind,
                Inspection.inspector_name, Inspection.started_at, Inspection.status, func.coalesce(findings.c.n, 0))
         .join(Project, Project.id == Inspection.project_id)
         .outerjoin(findings, findings.c.inspection_id == Inspection.id)
         .where(Inspection.deleted.is_(False), *_live(where)).order_by(Inspection.started_at))
    return ((*r[:7], INSPECTION_STATUS_LABELS.get(r[7], r[7]), r[8]) for r in s.execute(q))


def rectification_rows(s: Session, where: Sequence[ColumnElement[bool]], today: dt.date) -> Iterable[Any]:
    addressee = aliased(Party)
    overdue = and_(Rectification.status.in_(OPEN_NOTICE), Rectification.deadline < today)
    q = (select(Rectification.notice_no, Project.code, Project.name, Project.district, Rectification.action,
                addressee.name, Rectification.issued_on, Rectification.deadline, Rectification.status,
                case((overdue, "是"), else_="否"), Rectification.closed_on)
         .join(Project, Project.id == Rectification.project_id)
         .outerjoin(addressee, addressee.id == Rectification.addressee_party_id)
         .where(Rectification.deleted.is_(False), *_live(where)).order_by(Rectification.issued_on))
    return ((*r[:8], RECTIFICATION_STATUS_LABELS.get(r[8], r[8]), *r[9:]) for r in s.execute(q))


def acceptance_rows(s: Session, where: Sequence[ColumnElement[bool]]) -> Iterable[Any]:
    q = (select(Acceptance.record_no, Project.code, Project.name, Project.district, Acceptance.held_on,
                Acceptance.organiser, Acceptance.conclusion, Acceptance.status, Acceptance.locked_at)
         .join(Project, Project.id == Acceptance.project_id)
         .where(Acceptance.deleted.is_(False), *_live(where)).order_by(Acceptance.held_on))
    return ((*r[:7], "已签署" if r[7] == "signed" else "草稿", r[8]) for r in s.execute(q))


def sheets(s: Session, where: Sequence[ColumnElement[bool]], *, today: dt.date,
           flags: Iterable[FlagRow]) -> list[ledger.Sheet]:
    """The ledger's sheets for the projects `where` selects (rows are read while writing)."""
    return [
        ledger.Sheet("项目", ledger.PROJECT_COLUMNS, project_rows(s, where), 2),
        ledger.Sheet("监督检查", ledger.INSPECTION_COLUMNS, inspection_rows(s, where), 3),
        ledger.Sheet("整改通知", ledger.RECTIFICATION_COLUMNS, rectification_rows(s, where, today), 3),
        ledger.Sheet("联合验收", ledger.ACCEPTANCE_COLUMNS, acceptance_rows(s, where), 3),
        ledger.Sheet("红色预警", ledger.REDFLAG_COLUMNS, flags, 3),
    ]


def export_ledger(store: Any, target: Path | IO[bytes], *, today: dt.date | None = None,
                  progress: Progress | None = None, write: Writer = write_directly,
                  apart: bool = False) -> dict[str, dict[str, int]]:
    """The laptop's 台账: every project in its store, with the red flags its own rules compute and
    the inspector's decisions (as kept, computed first when stale: `redflag_results.current_flags`,
    whose one write goes through `write`; `apart`: computed in a process of its own at a city's scale). Returns the counts per sheet and district (the totals
    sheet)."""
    from inspector.services.redflag_results import current_flags

    today = today or china_today()
    with store.read() as s:
        districts = dict(s.execute(select(Project.id, Project.district)).all())
    flag_rows = [(f.title, f.message, f"{f.project_code} {f.project_name}", districts.get(f.project_id, ""),
                  f.status_label, f.reason)
                 for f in current_flags(store, today=today, progress=progress, write=write, apart=apart)]
    with store.read() as s:
        return ledger.write_ledger(target, sheets(s, [], today=today, flags=flag_rows))
