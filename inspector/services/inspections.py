"""监督检查: start an inspection against checklist snapshots, save answers as they are typed,
check completeness, complete and reopen.

An inspection keeps the exact checklists it was answered against (`ChecklistVersion`, the
checklist's `to_json()` deduplicated by id, version and content hash) and renders from them
forever, so a changed `forms/` file never changes an old record."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter as Tally
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector.domain import (
    Answer,
    ChecklistVersion,
    Finding,
    Inspection,
    InspectionChecklist,
    Party,
    Person,
    PhotoLink,
    Project,
)
from inspector.domain.base import utcnow
from inspector.domain.clock import china_time
from inspector.domain.vocab import InspectionKind
from inspector.services import answer_context as facts
from inspector.services.changes import Changes
from inspector.services.errors import UserError, ValidationError
from inspector.services.lookup import live
from inspector.services.numbering import next_number
from inspector.store import Reader, Unit, use_case

log = logging.getLogger(__name__)

ANSWER_PHOTO_KIND = "answer"  # PhotoLink(target_kind="answer", target_id=inspection id, item_id=item id)
_CHANGED = ("inspections", "answers", "inspection_checklists", "checklist_versions")


# ---- snapshots ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class InspectionRow:
    id: str
    project_id: str
    project_code: str
    project_name: str
    record_no: str
    kind: str
    started_at: dt.datetime | None
    status: str
    locked: bool
    inspector_name: str
    findings: int
    haystack: str = field(repr=False, default="")


@dataclass(frozen=True)
class ChecklistSnap:
    version_id: str
    checklist_id: str
    version: int
    content_sha256: str
    title: str
    content: dict = field(repr=False, compare=False, hash=False)


@dataclass(frozen=True)
class AnswerSnap:
    id: str
    checklist_version_id: str
    item_id: str
    value: str | None
    note: str
    failed: bool


@dataclass(frozen=True)
class AnswerInput:
    checklist_version_id: str
    item_id: str
    value: str | None
    note: str = ""


@dataclass(frozen=True)
class Problem:
    """Why an inspection cannot be completed yet; points at the item to fix."""

    checklist_version_id: str
    item_id: str
    message: str


@dataclass(frozen=True)
class InspectionDetail:
    id: str
    project_id: str
    project_name: str
    record_no: str
    kind: str
    status: str
    locked: bool
    header: dict[str, Any]
    checklists: tuple[ChecklistSnap, ...]
    answers: dict[tuple[str, str], AnswerSnap]
    persons: tuple[dict[str, Any], ...]
    item_photos: dict[str, int]  # item id -> photos attached to that item

    @property
    def editable(self) -> bool:
        return self.status == "draft" and not self.locked


class IncompleteInspection(UserError):
    """Completion refused: `problems` lists the items that still need an answer, a note or a photo."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"检查尚不完整，还有 {len(problems)} 项需要处理：\n"
                         + "\n".join(p.message for p in problems[:10]))


HEADER_FIELDS = ("kind", "inspector_name", "co_inspector_name", "inspector_badge", "co_inspector_badge",
                 "started_at", "finished_at", "weather", "temperature_c", "wind_level", "progress_note",
                 "attendance", "summary")


# ---- checklists from snapshots -----------------------------------------------------------------

@lru_cache(maxsize=256)
def _checklist_cached(version_id: str, content_json: str) -> Any:
    import json

    from inspector.checklists.model import Checklist

    return Checklist.from_json(json.loads(content_json))


def checklist_of(snap: ChecklistSnap) -> Any:
    """The `Checklist` an inspection was answered against, rebuilt from its stored snapshot."""
    import json

    return _checklist_cached(snap.version_id, json.dumps(snap.content, sort_keys=True, ensure_ascii=False))


def _snap(cv: ChecklistVersion) -> ChecklistSnap:
    return ChecklistSnap(cv.id, cv.checklist_id, cv.version, cv.content_sha256, cv.title_zh, cv.content)


def _title_zh(checklist: Any) -> str:
    title = getattr(checklist, "title_zh", None) or getattr(checklist, "title", "")
    return title.get("zh", "") if isinstance(title, dict) else str(title or "")


def snapshot_checklist(session: Session, checklist: Any) -> ChecklistVersion:
    """The stored version of `checklist`, created once per (id, version, content hash)."""
    cv = session.scalars(select(ChecklistVersion).where(
        ChecklistVersion.checklist_id == checklist.id, ChecklistVersion.version == checklist.version,
        ChecklistVersion.content_sha256 == checklist.content_sha256)).first()
    if cv is None:
        cv = ChecklistVersion(checklist_id=checklist.id, version=checklist.version,
                              content_sha256=checklist.content_sha256, title_zh=_title_zh(checklist),
                              content=checklist.to_json())
        session.add(cv)
    return cv


# ---- queries ------------------------------------------------------------------------------------

def list_inspections(store: Reader, *, project_id: str | None = None,
                     status: str | None = None) -> list[InspectionRow]:
    # Columns, not ORM objects: the list of a city's 50 000 inspections loads in a fraction of the time.
    q = (select(Inspection.id, Inspection.project_id, Project.code, Project.name, Inspection.record_no,
                Inspection.kind, Inspection.started_at, Inspection.status, Inspection.locked_at,
                Inspection.inspector_name, Inspection.summary)
         .join(Project, Project.id == Inspection.project_id).where(Inspection.deleted.is_(False)))
    if project_id:
        q = q.where(Inspection.project_id == project_id)
    if status:
        q = q.where(Inspection.status == status)
    with store.read() as s:
        counts = dict(s.execute(select(Finding.inspection_id, func.count())
                                .where(Finding.deleted.is_(False), Finding.inspection_id.is_not(None))
                                .group_by(Finding.inspection_id)).all())
        rows = []
        for (iid, pid, code, name, record_no, kind, started_at, status, locked_at, inspector,
             summary) in s.execute(q.order_by(Inspection.started_at.desc())):
            hay = " ".join([code, name, record_no, kind, inspector, summary]).lower()
            rows.append(InspectionRow(iid, pid, code, name, record_no, kind, started_at, status,
                                      locked_at is not None, inspector, counts.get(iid, 0), hay))
    return rows


def _load(s: Session, inspection_id: str) -> Inspection:
    insp = live(s, Inspection, inspection_id, "检查记录")
    return insp


def _editable(insp: Inspection) -> None:
    if insp.locked_at is not None:
        raise UserError(f"检查记录 {insp.record_no} 已签署锁定，不能修改。")
    if insp.status != "draft":
        raise UserError(f"检查记录 {insp.record_no} 已完成；如需修改，请先“重新打开”。")


def get_inspection(store: Reader, inspection_id: str) -> InspectionDetail:
    with store.read() as s:
        insp = _load(s, inspection_id)
        project = s.get(Project, insp.project_id)
        links = s.scalars(select(InspectionChecklist).where(
            InspectionChecklist.inspection_id == insp.id, InspectionChecklist.deleted.is_(False))
            .order_by(InspectionChecklist.position)).all()
        snaps = tuple(_snap(link.checklist_version) for link in links)
        answers = {(a.checklist_version_id, a.item_id): AnswerSnap(a.id, a.checklist_version_id, a.item_id,
                                                                   a.value, a.note, a.failed)
                   for a in s.scalars(select(Answer).where(Answer.inspection_id == insp.id,
                                                           Answer.deleted.is_(False)))}
        party_names = dict(s.execute(select(Party.id, Party.name).where(Party.project_id == insp.project_id)).all())
        persons = tuple({"id": p.id, "name": p.name, "role": p.role, "party": party_names.get(p.party_id, "")}
                        for p in s.scalars(select(Person).where(Person.project_id == insp.project_id,
                                                                Person.deleted.is_(False))
                                           .order_by(Person.role, Person.name)))
        header = {f: getattr(insp, f) for f in HEADER_FIELDS}
        header["attendance"] = dict(insp.attendance or {})
        return InspectionDetail(insp.id, insp.project_id, project.name if project else "", insp.record_no,
                                insp.kind, insp.status, insp.locked_at is not None, header, snaps, answers,
                                persons, _item_photos(s, insp.id))


def _item_photos(s: Session, inspection_id: str) -> dict[str, int]:
    return dict(s.execute(select(PhotoLink.item_id, func.count()).where(
        PhotoLink.target_kind == ANSWER_PHOTO_KIND, PhotoLink.target_id == inspection_id,
        PhotoLink.deleted.is_(False)).group_by(PhotoLink.item_id)).all())


# ---- writes -------------------------------------------------------------------------------------

@use_case
def start_inspection(uow: Unit, *, project_id: str, kind: str, checklists: list[Any],
                     started_at: dt.datetime | None = None, inspector_name: str = "",
                     co_inspector_name: str = "") -> tuple[str, Changes]:
    """Create a draft inspection of `project_id` answered against `checklists` (registry objects)."""
    if kind not in {k.value for k in InspectionKind}:
        raise ValidationError({"kind": f"检查类型“{kind}”无效"})
    if not checklists:
        raise ValidationError({"checklists": "请至少选择一张检查表"})
    started_at = started_at or utcnow()
    s = uow.session
    live(s, Project, project_id, "项目")
    name = inspector_name or uow.actor.name
    # The 执法证号 in the settings is the one of the inspector at this laptop: printed only for them.
    own = {uow.get_setting("inspector_name", "").strip(), uow.actor.name}
    badge = uow.get_setting("badge_no", "").strip() if name in own else ""
    insp = Inspection(project_id=project_id, kind=kind, started_at=started_at, inspector_name=name,
                      inspector_badge=badge, co_inspector_name=co_inspector_name,
                      record_no=next_number(s, "inspection", china_time(started_at).year), attendance={})
    s.add(insp)
    for pos, checklist in enumerate(checklists):
        cv = snapshot_checklist(s, checklist)
        s.add(InspectionChecklist(inspection_id=insp.id, checklist_version_id=cv.id, position=pos))
    return insp.id, Changes.of(*_CHANGED, ids=[insp.id])


@use_case
def add_checklists(uow: Unit, *, inspection_id: str, checklists: list[Any]) -> Changes:
    """Add more checklists to a draft inspection (those already on it are skipped)."""
    s = uow.session
    insp = _load(s, inspection_id)
    _editable(insp)
    links = s.scalars(select(InspectionChecklist).where(InspectionChecklist.inspection_id == insp.id)).all()
    have = {link.checklist_version_id for link in links}
    pos = max((link.position for link in links), default=-1) + 1
    for checklist in checklists:
        cv = snapshot_checklist(s, checklist)
        s.flush()
        if cv.id not in have:
            s.add(InspectionChecklist(inspection_id=insp.id, checklist_version_id=cv.id, position=pos))
            have.add(cv.id)
            pos += 1
    return Changes.of(*_CHANGED, ids=[inspection_id])


def _parse_header(values: dict[str, Any]) -> dict[str, Any]:
    problems: dict[str, str] = {}
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in HEADER_FIELDS:
            problems[key] = f"未知字段“{key}”"
            continue
        if key == "kind" and value not in {k.value for k in InspectionKind}:
            problems[key] = f"检查类型“{value}”无效"
        elif key == "temperature_c" and value not in (None, ""):
            try:
                value = float(value)
            except (TypeError, ValueError):
                problems[key] = "气温应为数字（℃）"
            else:
                if not -50 <= value <= 50:
                    problems[key] = "气温应在 -50–50 ℃ 之间"
        elif key == "wind_level" and value not in (None, ""):
            try:
                value = int(value)
            except (TypeError, ValueError):
                problems[key] = "风力等级应为整数"
            else:
                if not 0 <= value <= 17:
                    problems[key] = "风力等级应在 0–17 级之间"
        elif key in ("started_at", "finished_at") and value is not None and not isinstance(value, dt.datetime):
            problems[key] = "时间格式不正确"
        elif key == "attendance" and not isinstance(value, dict):
            problems[key] = "到岗情况格式不正确"
        elif key in ("inspector_badge", "co_inspector_badge"):
            value = str(value or "").strip()
            if len(value) > 40:
                problems[key] = "执法证号过长（最多 40 字）"
        out[key] = None if value == "" and key in ("temperature_c", "wind_level") else value
    if problems:
        raise ValidationError(problems)
    return out


@use_case
def update_header(uow: Unit, *, inspection_id: str, values: dict[str, Any]) -> Changes:
    """Save header fields (kind, times, weather, attendance, summary…) of a draft inspection."""
    parsed = _parse_header(values)
    s = uow.session
    insp = _load(s, inspection_id)
    _editable(insp)
    for key, value in parsed.items():
        setattr(insp, key, value)
    if insp.started_at and insp.finished_at and insp.finished_at < insp.started_at:
        raise ValidationError({"finished_at": "结束时间不能早于开始时间"})
    if "attendance" in parsed or "wind_level" in parsed:  # FB-14 and XC-22 follow the header
        facts.refresh_derived_answers(s, insp, _items_by_version(s, inspection_id))
    return Changes.of("inspections", ids=[inspection_id])


def _items_by_version(s: Session, inspection_id: str) -> dict[str, Any]:
    links = s.scalars(select(InspectionChecklist).where(InspectionChecklist.inspection_id == inspection_id,
                                                        InspectionChecklist.deleted.is_(False))).all()
    return {link.checklist_version_id: checklist_of(_snap(link.checklist_version)) for link in links}


def _item(checklists: dict[str, Any], version_id: str, item_id: str) -> Any:
    checklist = checklists.get(version_id)
    if checklist is None:
        raise UserError("该检查表不属于本次检查")
    for item in checklist.items:
        if item.id == item_id:
            return item
    raise UserError(f"检查表中没有检查项 {item_id}")


def _check(item: Any, value: str | None) -> str | None:
    """The checklist's own verdict on a value: a Chinese problem, or None when acceptable."""
    if value is None:
        return None
    result = item.check_value(value)
    if result is None or result is True:
        return None
    if result is False:
        return f"{item.id}：答复“{value}”无效"
    return f"{item.id}：{result}" if isinstance(result, str) else None


@use_case
def save_answers(uow: Unit, *, inspection_id: str, answers: list[AnswerInput]) -> tuple[list[AnswerSnap], Changes]:
    """Save typed answers in one transaction (autosave). A bad value refuses the whole batch, so the
    caller can show the message and keep the user's text. Runs off the GUI thread in the app."""
    if not answers:
        return [], Changes()
    s = uow.session
    insp = _load(s, inspection_id)
    _editable(insp)
    checklists = _items_by_version(s, inspection_id)
    context = answer_context(s, insp)
    existing = {(a.checklist_version_id, a.item_id): a for a in s.scalars(
        select(Answer).where(Answer.inspection_id == inspection_id))}
    out: list[AnswerSnap] = []
    for a in answers:
        item = _item(checklists, a.checklist_version_id, a.item_id)
        if getattr(item, "derive", ""):
            continue  # computed from records (FB-14), never typed
        value = a.value if a.value not in ("",) else None
        if isinstance(value, str):
            value = value.strip() or None
        problem = _check(item, value)
        if problem:
            raise ValidationError({a.item_id: problem})
        failed = bool(value is not None and item.is_failed(value, context))
        row = existing.get((a.checklist_version_id, a.item_id))
        if row is None:
            row = Answer(inspection_id=inspection_id, checklist_version_id=a.checklist_version_id,
                         item_id=a.item_id)
            s.add(row)
            existing[(a.checklist_version_id, a.item_id)] = row
        row.value, row.note, row.failed, row.deleted = value, a.note or "", failed, False
        out.append(AnswerSnap(row.id, row.checklist_version_id, row.item_id, value, row.note, failed))
    facts.refresh_derived_answers(s, insp, checklists)
    return out, Changes.of("answers", ids=[inspection_id])


def answer_context(s: Session, insp: Inspection) -> dict[str, Any]:
    """Record facts that items are judged against (see `services.answer_context`)."""
    return facts.answer_context(s, insp)


def _photo_rule(item: Any) -> str:
    return str(getattr(item, "photo", "") or "")


def completion_problems(store: Reader, *, inspection_id: str) -> list[Problem]:
    """Everything that keeps the inspection from being completed, in form order."""
    with store.read() as s:
        _load(s, inspection_id)
        return _problems(s, inspection_id)


def _problems(s: Session, inspection_id: str) -> list[Problem]:
    checklists = _items_by_version(s, inspection_id)
    answers = {(a.checklist_version_id, a.item_id): a for a in s.scalars(
        select(Answer).where(Answer.inspection_id == inspection_id, Answer.deleted.is_(False)))}
    photos = Tally(_item_photos(s, inspection_id))
    insp = s.get(Inspection, inspection_id)
    context = answer_context(s, insp) if insp is not None else {}
    links = s.scalars(select(InspectionChecklist).where(InspectionChecklist.inspection_id == inspection_id,
                                                        InspectionChecklist.deleted.is_(False))
                      .order_by(InspectionChecklist.position)).all()
    out: list[Problem] = []
    for link in links:
        vid = link.checklist_version_id
        for item in checklists[vid].items:
            a = answers.get((vid, item.id))
            value = a.value if a else None
            label = f"{item.id} {item.text_zh}"
            if value is None:
                # A computed answer (FB-14) the records cannot give yet is not the inspector's to type.
                if item.required and not getattr(item, "derive", ""):
                    out.append(Problem(vid, item.id, f"{label}：未作答（必填）"))
                continue
            note_problem = item.note_problem(value, a.note)
            if note_problem:
                out.append(Problem(vid, item.id, f"{label}：{note_problem}"))
            fact_problem = item.context_problem(value, context)
            if fact_problem:
                out.append(Problem(vid, item.id, f"{label}：{fact_problem}"))
            rule = _photo_rule(item)
            needs_photo = rule == "required" or (rule == "required-on-fail" and a.failed)
            if needs_photo and value != "na" and photos[item.id] == 0:
                out.append(Problem(vid, item.id, f"{label}：须附照片"))
    return out


@use_case
def complete_inspection(uow: Unit, *, inspection_id: str, finished_at: dt.datetime | None = None) -> Changes:
    """Mark a draft inspection completed, or raise IncompleteInspection listing what is missing."""
    s = uow.session
    insp = _load(s, inspection_id)
    _editable(insp)
    facts.refresh_derived_answers(s, insp, _items_by_version(s, inspection_id))
    problems = _problems(s, inspection_id)
    if problems:
        raise IncompleteInspection(problems)
    insp.status = "completed"
    insp.finished_at = insp.finished_at or finished_at or utcnow()
    return Changes.of("inspections", ids=[inspection_id])


@use_case
def reopen_inspection(uow: Unit, *, inspection_id: str) -> Changes:
    s = uow.session
    insp = _load(s, inspection_id)
    if insp.locked_at is not None:
        raise UserError(f"检查记录 {insp.record_no} 已签署锁定，不能重新打开；如需更正，请创建更正版本。")
    if insp.status != "completed":
        raise UserError("只有已完成的检查记录可以重新打开")
    insp.status = "draft"
    return Changes.of("inspections", ids=[inspection_id])
