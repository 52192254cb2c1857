"""Per-kind loaders: one record's rendered content as plain data (see data.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.domain import (
    Acceptance,
    Answer,
    Finding,
    Handover,
    Inspection,
    InspectionChecklist,
    Party,
    Person,
    Rectification,
    RectificationFinding,
    RectificationReply,
)
from inspector.domain.kinds import RECORD_KINDS
from inspector.services.record_content import (
    findings_rows,
    fmt_date,
    fmt_num,
    fmt_time,
    party_name,
    photos_for,
    project_block,
    severity_counts,
    signatories,
)

ANSWER_LABELS = {"yes": "是", "no": "否", "na": "不适用"}


def _item_texts(content: dict) -> list[tuple[str, str]]:
    """(item id, Chinese text) in checklist order, from the stored snapshot of the checklist."""
    try:
        from inspector.checklists.model import Checklist

        return [(i.id, i.text_zh) for i in Checklist.from_json(content).items]
    except Exception:  # noqa: BLE001 - an older or partial snapshot: read the JSON as it is
        pass
    out = []
    for item in content.get("items", []) or []:
        txt = item.get("text")
        zh = txt.get("zh", "") if isinstance(txt, dict) else str(txt or "")
        out.append((str(item.get("id", "")), zh))
    return out


def _checklists(s: Session, insp: Inspection) -> list[dict]:
    rows = s.scalars(select(InspectionChecklist).where(InspectionChecklist.inspection_id == insp.id,
                                                       InspectionChecklist.deleted.is_(False))
                     .order_by(InspectionChecklist.position)).all()
    out = []
    for ic in rows:
        cv = ic.checklist_version
        answers = {a.item_id: a for a in s.scalars(select(Answer).where(
            Answer.inspection_id == insp.id, Answer.checklist_version_id == cv.id, Answer.deleted.is_(False)))}
        content = cv.content or {}
        title = content.get("title")
        title_zh = cv.title_zh or (title.get("zh", "") if isinstance(title, dict) else str(title or ""))
        counts = {"pass": 0, "fail": 0, "na": 0, "open": 0}
        units = {str(i.get("id", "")): str(i.get("unit", "") or "") for i in content.get("items", []) or []
                 if i.get("answer") == "number"}
        failed = []
        for item_id, zh in _item_texts(content):
            a = answers.get(item_id)
            if a is None or a.value in (None, ""):
                counts["open"] += 1
            elif a.failed:
                counts["fail"] += 1
                failed.append({"item": item_id, "text": zh, "note": a.note,
                               "answer": _with_unit(ANSWER_LABELS.get(a.value, a.value), units.get(item_id, ""))})
            elif a.value == "na":
                counts["na"] += 1
            else:
                counts["pass"] += 1
        out.append({"id": cv.checklist_id, "version": cv.version, "content_sha256": cv.content_sha256,
                    "title": title_zh, "counts": counts, "failed": failed})
    return out


def _with_unit(answer: str, unit: str) -> str:
    """A number as measured, with its unit: 85%, 15 mm (the screen shows it the same way)."""
    if not unit or not answer or answer[-1:] not in "0123456789.":
        return answer
    return f"{answer}{unit}" if unit == "%" else f"{answer} {unit}"


def _attendance(s: Session, insp: Inspection) -> list[dict]:
    marks = insp.attendance or {}
    if not marks:
        return []
    persons = {p.id: p for p in s.scalars(select(Person).where(Person.id.in_(list(marks))))}
    parties = {p.id: p.name for p in s.scalars(select(Party).where(
        Party.id.in_([p.party_id for p in persons.values()])))}
    rows = []
    for pid, present in marks.items():
        p = persons.get(pid)
        if p is None:
            continue
        rows.append({"name": p.name, "role": p.role, "party": parties.get(p.party_id, ""),
                     "cert": p.registration_no or p.safety_cert_no,
                     "present": "在岗" if present else "未到岗"})
    rows.sort(key=lambda r: (r["party"], r["role"], r["name"]))
    return rows


def load_inspection(s: Session, insp: Inspection) -> dict[str, Any]:
    project = project_block(s, insp.project_id)
    findings = s.scalars(select(Finding).where(Finding.inspection_id == insp.id, Finding.deleted.is_(False))
                         .order_by(Finding.checklist_item, Finding.id)).all()
    notices = s.scalars(select(Rectification).where(Rectification.inspection_id == insp.id,
                                                    Rectification.deleted.is_(False))
                        .order_by(Rectification.notice_no)).all()
    inspectors = [n for n in (insp.inspector_name, insp.co_inspector_name) if n]
    fr = findings_rows(list(findings))
    # Item photos are linked as ("answer", inspection id) with the item in `item_id`.
    photo_targets = [("inspection", insp.id), ("answer", insp.id), *[("finding", f.id) for f in findings]]
    return {
        "title": RECORD_KINDS["inspection"].label, "record_no": insp.record_no, "project": project,
        "kind_label": insp.kind, "started_at": fmt_time(insp.started_at), "finished_at": fmt_time(insp.finished_at),
        "weather": insp.weather, "temperature": fmt_num(insp.temperature_c, " ℃"),
        "wind": f"{insp.wind_level} 级" if insp.wind_level is not None else "",
        "progress_note": insp.progress_note, "attendance": _attendance(s, insp),
        "checklists": _checklists(s, insp), "findings": fr, "severity_counts": severity_counts(fr),
        "notices": [{"no": r.notice_no, "action": r.action, "deadline": fmt_date(r.deadline)} for r in notices],
        "summary": insp.summary, "inspectors": inspectors,
        "signatories": signatories(s, "inspection", insp.id),
        "photos": photos_for(s, photo_targets, project=project["name"], inspector="、".join(inspectors)),
    }


def _notice_findings(s: Session, r: Rectification) -> list[Finding]:
    """The findings a notice listed when it was issued. A correcting revision (amends_id) lists what
    its original listed."""
    seen: set[str] = set()
    current: Rectification | None = r
    while current is not None and current.id not in seen:
        seen.add(current.id)
        rows = s.scalars(select(Finding).join(RectificationFinding, RectificationFinding.finding_id == Finding.id)
                         .where(RectificationFinding.rectification_id == current.id,
                                RectificationFinding.deleted.is_(False), Finding.deleted.is_(False))
                         .order_by(RectificationFinding.position, Finding.id)).all()
        if rows:
            return list(rows)
        current = s.get(Rectification, current.amends_id) if current.amends_id else None
    return []


def _on_notice(rows: list[dict], r: Rectification) -> list[dict]:
    """A notice prints its own deadline against each item: an item never contradicts its notice."""
    deadline = fmt_date(r.deadline) or "立即"
    return [{**row, "deadline": deadline} for row in rows]


def load_rectification(s: Session, r: Rectification) -> dict[str, Any]:
    project = project_block(s, r.project_id)
    insp = s.get(Inspection, r.inspection_id) if r.inspection_id else None
    addressee = s.get(Party, r.addressee_party_id) if r.addressee_party_id else None
    findings = _notice_findings(s, r)
    stop = r.action == "停工整改"
    inspectors = [n for n in ((insp.inspector_name, insp.co_inspector_name) if insp else ()) if n]
    return {
        "title": RECORD_KINDS["rectification"].label_of(r), "record_no": r.notice_no,
        "project": project, "stop": stop, "action": r.action,
        "addressee": addressee.name if addressee else party_name(project, "施工单位"),
        "cc": [x for x in (party_name(project, "建设单位"), party_name(project, "监理单位")) if x],
        "inspection": {"record_no": insp.record_no, "kind": insp.kind, "started_at": fmt_time(insp.started_at)}
        if insp else None,
        "inspectors": inspectors, "issued_on": fmt_date(r.issued_on), "deadline": fmt_date(r.deadline) or "立即",
        "requirements": r.requirements, "stop_scope": r.stop_scope,
        "findings": _on_notice(findings_rows(findings), r),
        "signatories": signatories(s, "rectification", r.id),
        "photos": photos_for(s, [("rectification", r.id), *[("finding", f.id) for f in findings]],
                             project=project["name"], inspector="、".join(inspectors)),
    }


def load_reply(s: Session, reply: RectificationReply) -> dict[str, Any]:
    r = s.get(Rectification, reply.rectification_id)
    project = project_block(s, r.project_id)
    addressee = s.get(Party, r.addressee_party_id) if r.addressee_party_id else None
    findings = _notice_findings(s, r)
    return {
        "title": RECORD_KINDS["reply"].label, "record_no": reply.reply_no or r.notice_no, "project": project,
        "notice_no": r.notice_no, "notice_title": RECORD_KINDS["rectification"].label_of(r),
        "replier": addressee.name if addressee else party_name(project, "施工单位"),
        "replied_on": fmt_date(reply.replied_on), "findings": findings_rows(findings),
        "measures": reply.measures, "result": reply.result, "responsible_person": reply.responsible_person,
        "supervisor_opinion": reply.supervisor_opinion, "reinspected_on": fmt_date(reply.reinspected_on),
        "reinspector": reply.reinspector_name, "verdict": reply.verdict, "verdict_note": reply.verdict_note,
        "signatories": signatories(s, "reply", reply.id),
        "photos": photos_for(s, [("reply", reply.id)], project=project["name"], inspector=reply.reinspector_name),
    }


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


def load_acceptance(s: Session, a: Acceptance) -> dict[str, Any]:
    project = project_block(s, a.project_id)
    notices = s.scalars(select(Rectification).where(Rectification.project_id == a.project_id,
                                                    Rectification.deleted.is_(False))
                        .order_by(Rectification.notice_no)).all()
    return {
        "title": RECORD_KINDS["acceptance"].label, "record_no": a.record_no, "project": project,
        "held_on": fmt_date(a.held_on), "location": a.location, "organiser": a.organiser,
        "checks": _jsonable(a.checks or {}), "blockers": _jsonable(a.blockers or []),
        "override_reason": a.override_reason, "override_by": a.override_by,
        "notices": [{"no": r.notice_no, "status": r.status} for r in notices],
        "problems": a.problems, "resident_opinion": a.resident_opinion, "conclusion": a.conclusion,
        "station_opinion": a.station_opinion, "signatories": signatories(s, "acceptance", a.id),
        "photos": photos_for(s, [("acceptance", a.id)], project=project["name"], inspector=""),
    }


def load_handover(s: Session, h: Handover) -> dict[str, Any]:
    project = project_block(s, h.project_id)
    acc = s.get(Acceptance, h.acceptance_id) if h.acceptance_id else None
    return {
        "title": RECORD_KINDS["handover"].label, "record_no": h.record_no, "project": project,
        "acceptance": {"record_no": acc.record_no, "held_on": fmt_date(acc.held_on), "conclusion": acc.conclusion}
        if acc else None,
        "handed_on": fmt_date(h.handed_on), "giver": h.giver, "receiver_kind": h.receiver_kind,
        "receiver": h.receiver, "witness": h.witness,
        "facilities": _jsonable(h.facilities or []), "documents": _jsonable(h.documents or []),
        "keys": _jsonable(h.keys or []), "warranty": _jsonable(h.warranty or {}),
        "maintenance": h.maintenance, "open_issues": h.open_issues,
        "signatories": signatories(s, "handover", h.id),
        "photos": photos_for(s, [("handover", h.id)], project=project["name"], inspector=""),
    }
