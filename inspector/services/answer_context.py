"""The record facts an inspection's answers are judged against, and the answers computed from
records instead of typed (FB-14's attendance rate). Readers take the caller's session; nothing
here opens its own transaction.

Facts: the project's permit and start dates (GS-03), the joint acceptance date (YS-10 7 working
days before it, YS-18 15 days after it), the date chain of each recorded test report by issue day
(TR-09), and the inspection's recorded wind and temperature (XC-22)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.domain import Acceptance, Answer, Inspection, MaterialBatch, Person, Project, TestReport
from inspector.domain.rules.attendance import Attendance, tally
from inspector.domain.vocab import PersonRole


def answer_context(s: Session, insp: Inspection) -> dict[str, Any]:
    project = s.get(Project, insp.project_id)
    started = insp.started_at.date() if insp.started_at else None
    return {"permit_date": project.permit_date if project else None,
            "start_date": project.start_date if project else None,
            "notice_date": started,
            "acceptance_date": acceptance_date(s, insp.project_id),
            "date_chains": report_date_chains(s, insp.project_id),
            "wind_level": insp.wind_level,
            "temperature_c": insp.temperature_c}


def acceptance_date(s: Session, project_id: str) -> dt.date | None:
    """The date of the project's joint acceptance (the latest one held or scheduled)."""
    return s.scalar(select(Acceptance.held_on).where(
        Acceptance.project_id == project_id, Acceptance.deleted.is_(False), Acceptance.held_on.is_not(None))
        .order_by(Acceptance.held_on.desc()).limit(1))


def report_date_chains(s: Session, project_id: str) -> dict[str, list[list[dt.date | None]]]:
    """ISO issue day -> the [material entry, sampling, testing] dates of each report issued that day."""
    rows = s.execute(select(TestReport.report_date, TestReport.sampled_on, TestReport.tested_on,
                            MaterialBatch.entry_date)
                     .outerjoin(MaterialBatch, MaterialBatch.id == TestReport.batch_id)
                     .where(TestReport.project_id == project_id, TestReport.deleted.is_(False),
                            TestReport.report_date.is_not(None))).all()
    out: dict[str, list[list[dt.date | None]]] = defaultdict(list)
    for issued, sampled, tested, entered in rows:
        out[issued.isoformat()].append([entered, sampled, tested])
    return dict(out)


def pm_attendance(s: Session, project_id: str) -> Attendance:
    """The project manager's attendance over the project's inspections (FB-14)."""
    pm_ids = s.scalars(select(Person.id).where(Person.project_id == project_id, Person.deleted.is_(False),
                                               Person.role == PersonRole.PROJECT_MANAGER.value)).all()
    records = s.scalars(select(Inspection.attendance).where(Inspection.project_id == project_id,
                                                            Inspection.deleted.is_(False))).all()
    return tally(records, pm_ids)


def derived_value(s: Session, insp: Inspection, key: str) -> tuple[str | None, str]:
    """(answer value, note) of a derived item; value None when the records cannot tell yet."""
    if key == "pm_attendance_rate":
        a = pm_attendance(s, insp.project_id)
        if a.rate is None:
            return None, "尚无记录项目负责人到岗情况的检查，无法计算到岗率"
        return f"{a.rate:g}", f"按到岗记录计算：{a.describe()}"
    return None, ""


def refresh_derived_answers(s: Session, insp: Inspection, checklists: dict[str, Any]) -> None:
    """Write the computed answers of `insp` (checklist version id -> Checklist) in the caller's
    transaction, and re-judge the answers whose verdict rests on record facts that may have changed
    since they were typed (dates against the acceptance date, XC-22 against the recorded wind). A
    derived answer is never typed, so this overwrites whatever is there."""
    context = answer_context(s, insp)
    existing = {(a.checklist_version_id, a.item_id): a for a in s.scalars(
        select(Answer).where(Answer.inspection_id == insp.id))}
    for vid, checklist in checklists.items():
        for item in checklist.items:
            if not getattr(item, "derive", ""):
                row = existing.get((vid, item.id))
                if row is not None and row.value is not None and (item.when or item.answer == "date"):
                    row.failed = bool(item.is_failed(row.value, context))
                continue
            value, note = derived_value(s, insp, item.derive)
            row = existing.get((vid, item.id))
            if row is None:
                if value is None:
                    continue
                row = Answer(inspection_id=insp.id, checklist_version_id=vid, item_id=item.id)
                s.add(row)
            row.value, row.note, row.deleted = value, note, False
            row.failed = bool(value is not None and item.is_failed(value, context))
