"""Per-kind loaders: one record's rendered content as plain data (`reports/record.RecordData`). The
field records (inspection, notices, replies) here; acceptance, handover and referral in
`record_loaders_completion.py`. Everything a record prints from another table (previous notices,
the order's legal basis, the findings' citations) is read here and kept in `signed_content` when
the record is signed, so the signed record prints it as it stood."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.domain import (
    Answer,
    Finding,
    Inspection,
    InspectionChecklist,
    Party,
    Person,
    Rectification,
    RectificationFinding,
    RectificationReply,
)
from inspector.domain.clock import china_time
from inspector.domain.kinds import RECORD_KINDS
from inspector.domain.rules import notice_text
from inspector.domain.vocab import RECTIFICATION_STATUS_LABELS
from inspector.services.citations import full_basis, full_sources
from inspector.services.record_content import (
    evidence_photos,
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


def _items(content: dict) -> list[Any]:
    """The checklist's items in order, from the stored snapshot (an older or partial snapshot: each
    item as far as its JSON says, as a plain namespace)."""
    try:
        from inspector.checklists.model import Checklist

        return list(Checklist.from_json(content).items)
    except Exception:  # noqa: BLE001 - an older or partial snapshot: read the JSON as it is
        pass
    from types import SimpleNamespace

    out = []
    for item in content.get("items", []) or []:
        txt = item.get("text")
        zh = txt.get("zh", "") if isinstance(txt, dict) else str(txt or "")
        out.append(SimpleNamespace(id=str(item.get("id", "")), text_zh=zh, answer=str(item.get("answer", "")),
                                   basis=str(item.get("basis", "")), unit=str(item.get("unit", "")),
                                   fail_when=item.get("fail_when"), min=item.get("min"), max=item.get("max")))
    return out


# A number item's fail rule, read the other way round: the requirement it checks.
_REQUIRED = {"<": "≥", "<=": ">", ">": "≤", ">=": "<"}


def limit_text(item: Any) -> str:
    """What a numeric item requires, as printed (≥15 mm, 0–60 mm)."""
    unit = getattr(item, "unit", "") or ""
    sep = "" if unit in ("%", "") else " "
    rule = str(getattr(item, "fail_when", "") or "").strip()
    if rule == "outside":
        lo, hi = getattr(item, "min", None), getattr(item, "max", None)
        return f"{fmt_num(lo)}–{fmt_num(hi)}{sep}{unit}" if lo is not None and hi is not None else ""
    for op in ("<=", ">=", "<", ">"):
        if rule.startswith(op):
            return f"{_REQUIRED[op]}{rule[len(op):].strip()}{sep}{unit}"
    return ""


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
        failed, measured = [], []
        for item in _items(content):
            a = answers.get(item.id)
            if a is None or a.value in (None, ""):
                counts["open"] += 1
            elif a.failed:
                counts["fail"] += 1
                failed.append({"item": item.id, "text": item.text_zh,
                               "answer": _answer_text(item, a.value), "note": a.note})
            elif a.value == "na":
                counts["na"] += 1
            else:
                counts["pass"] += 1
            if getattr(item, "answer", "") == "number" and a is not None and a.value not in (None, "", "na"):
                measured.append({"item": item.id, "text": item.text_zh, "value": _answer_text(item, a.value),
                                 "limit": limit_text(item), "result": "不符合" if a.failed else "符合",
                                 "note": a.note})
        out.append({"id": cv.checklist_id, "version": cv.version, "content_sha256": cv.content_sha256,
                    "title": title_zh, "counts": counts, "failed": failed, "measured": measured,
                    "bases": [getattr(i, "basis", "") for i in _items(content)]})
    return out


def _answer_text(item: Any, value: str) -> str:
    if getattr(item, "answer", "") == "number":
        unit = getattr(item, "unit", "") or ""
        return f"{value}{unit}" if unit in ("%", "") else f"{value} {unit}"
    return ANSWER_LABELS.get(value, value)


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


def _staff(insp: Inspection | None) -> list[dict[str, str]]:
    """The 监督人员 of an inspection with their 执法证号."""
    if insp is None:
        return []
    return [{"name": name, "badge": badge} for name, badge in ((insp.inspector_name, insp.inspector_badge or ""),
                                                               (insp.co_inspector_name, insp.co_inspector_badge or ""))
            if name]


def _day(value: dt.datetime | None) -> dt.date | None:
    return china_time(value).date() if value else None


def _latest_reply(s: Session, rectification_id: str) -> RectificationReply | None:
    return s.scalars(select(RectificationReply).where(RectificationReply.rectification_id == rectification_id,
                                                      RectificationReply.deleted.is_(False))
                     .order_by(RectificationReply.replied_on.desc(), RectificationReply.reply_no.desc())).first()


def _previous_notices(s: Session, insp: Inspection) -> list[dict]:
    """上次整改复查情况: the project's notices issued before this inspection that were still open, or
    the last one issued, with the latest reply and the station's 复查 of it (at most five)."""
    day = _day(insp.started_at) or dt.date.max
    rows = s.scalars(select(Rectification).where(Rectification.project_id == insp.project_id,
                                                 Rectification.deleted.is_(False),
                                                 Rectification.issued_on <= day)
                     .order_by(Rectification.issued_on.desc(), Rectification.notice_no.desc())).all()
    rows = [r for r in rows if r.inspection_id != insp.id]
    chosen = [r for r in rows if r.status != "closed" or (r.closed_on is not None and r.closed_on >= day)]
    if rows and rows[0] not in chosen:
        chosen.insert(0, rows[0])
    out = []
    for r in chosen[:5]:
        reply = _latest_reply(s, r.id)
        out.append({"no": r.notice_no, "title": RECORD_KINDS["rectification"].label_of(r),
                    "issued_on": fmt_date(r.issued_on), "deadline": fmt_date(r.deadline) or "立即",
                    "status": RECTIFICATION_STATUS_LABELS.get(r.status, r.status),
                    "replied_on": fmt_date(reply.replied_on) if reply else "",
                    "reinspected_on": fmt_date(reply.reinspected_on) if reply else "",
                    "verdict": reply.verdict if reply else "", "note": reply.verdict_note if reply else ""})
    return out


def load_inspection(s: Session, insp: Inspection) -> dict[str, Any]:
    from inspector.domain import Referral

    project = project_block(s, insp.project_id)
    findings = s.scalars(select(Finding).where(Finding.inspection_id == insp.id, Finding.deleted.is_(False))
                         .order_by(Finding.checklist_item, Finding.id)).all()
    notices = s.scalars(select(Rectification).where(Rectification.inspection_id == insp.id,
                                                    Rectification.deleted.is_(False))
                        .order_by(Rectification.notice_no)).all()
    referrals = s.scalars(select(Referral).where(Referral.inspection_id == insp.id, Referral.deleted.is_(False))
                          .order_by(Referral.referral_no)).all()
    inspectors = [n for n in (insp.inspector_name, insp.co_inspector_name) if n]
    fr = findings_rows(list(findings))
    checklists = _checklists(s, insp)
    # Item photos are linked as ("answer", inspection id) with the item in `item_id`.
    photo_targets = [("inspection", insp.id), ("answer", insp.id), *[("finding", f.id) for f in findings]]
    return {
        "title": RECORD_KINDS["inspection"].label, "record_no": insp.record_no, "project": project,
        "kind_label": insp.kind, "started_at": fmt_time(insp.started_at), "finished_at": fmt_time(insp.finished_at),
        "weather": insp.weather, "temperature": fmt_num(insp.temperature_c, " ℃"),
        "wind": f"{insp.wind_level} 级" if insp.wind_level is not None else "",
        "progress_note": insp.progress_note, "attendance": _attendance(s, insp),
        # 检查依据: the laws and standards the checklists rest on, by full title.
        "basis_sources": full_sources([b for c in checklists for b in c.pop("bases")]),
        "checklists": checklists,
        "measured": [{"checklist": c["title"] or c["id"], **m} for c in checklists for m in c["measured"]],
        "findings": fr, "severity_counts": severity_counts(fr),
        "notices": [{"no": r.notice_no, "action": r.action, "deadline": fmt_date(r.deadline),
                     "title": RECORD_KINDS["rectification"].label_of(r)} for r in notices],
        "referrals": [{"no": r.referral_no, "authority": r.authority_name or r.authority} for r in referrals],
        "previous": _previous_notices(s, insp),
        "summary": insp.summary, "inspectors": inspectors, "staff": _staff(insp),
        "receipt_party": party_name(project, "施工单位"),
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
    addressee_name = addressee.name if addressee else party_name(project, "施工单位")
    measures = r.requirements if notice_text.states_measures(r.requirements) else notice_text.default_measures(
        r.action, r.stop_scope, [(f.checklist_item, f.description) for f in findings])
    return {
        "title": RECORD_KINDS["rectification"].label_of(r), "record_no": r.notice_no,
        "project": project, "stop": stop, "action": r.action,
        "addressee": addressee_name,
        "cc": [x for x in (party_name(project, "建设单位"), party_name(project, "监理单位")) if x and x != addressee_name],
        "inspection": {"record_no": insp.record_no, "kind": insp.kind, "started_at": fmt_time(insp.started_at)}
        if insp else None,
        "inspectors": inspectors, "staff": _staff(insp), "issued_on": fmt_date(r.issued_on),
        "deadline": fmt_date(r.deadline) or "立即",
        # The order's own legal basis (not only the findings'), the measures, the right to appeal.
        "order_basis": full_basis(notice_text.order_basis(r.action, [f.basis for f in findings])),
        "requirements": r.requirements, "measures": measures, "stop_scope": r.stop_scope,
        "resume_condition": notice_text.RESUME_CONDITION,
        "appeal": notice_text.APPEAL_NOTICE, "appeal_basis": full_basis(notice_text.APPEAL_BASIS),
        "receipt_party": addressee_name,
        "findings": _on_notice(findings_rows(findings), r),
        "signatories": signatories(s, "rectification", r.id),
        "photos": evidence_photos(s, [("rectification", r.id), *[("finding", f.id) for f in findings]],
                                  r.inspection_id, {f.checklist_item for f in findings if f.checklist_item},
                                  project=project["name"], inspector="、".join(inspectors)),
    }


def _reply_items(reply: RectificationReply, findings: list[Finding], photos: list[dict]) -> list[dict]:
    """One row per listed finding: its measures, completion date and result as replied, and which
    of the record's photos show it before and after (by their number on the record)."""
    given = {str(x.get("finding_id")): x for x in (reply.items or []) if isinstance(x, dict)}
    out = []
    for n, f in enumerate(findings, 1):
        x = given.get(f.id, {})
        mine = [(i, p) for i, p in enumerate(photos, 1) if p.get("item") == f.id]
        out.append({"no": str(n), "item": f.checklist_item, "description": f.description,
                    "measures": str(x.get("measures", "") or ""), "done_on": str(x.get("done_on", "") or ""),
                    "result": str(x.get("result", "") or ""),
                    "before": [i for i, p in mine if p.get("role") == "整改前"],
                    "after": [i for i, p in mine if p.get("role") == "整改后"]})
    return out


def load_reply(s: Session, reply: RectificationReply) -> dict[str, Any]:
    r = s.get(Rectification, reply.rectification_id)
    project = project_block(s, r.project_id)
    addressee = s.get(Party, r.addressee_party_id) if r.addressee_party_id else None
    findings = _notice_findings(s, r)
    photos = photos_for(s, [("reply", reply.id)], project=project["name"], inspector=reply.reinspector_name)
    items = _reply_items(reply, findings, photos)
    # A reply photo's item is the finding it shows: printed as the finding's checklist item, not its id.
    codes = {f.id: f.checklist_item or f"问题{n}" for n, f in enumerate(findings, 1)}
    photos = [{**p, "item": codes.get(p.get("item") or "", p.get("item") or "")} for p in photos]
    replier = addressee.name if addressee else party_name(project, "施工单位")
    return {
        "title": RECORD_KINDS["reply"].label, "record_no": reply.reply_no or r.notice_no, "project": project,
        "notice_no": r.notice_no, "notice_title": RECORD_KINDS["rectification"].label_of(r),
        "notice_deadline": fmt_date(r.deadline) or "立即",
        "replier": replier, "replied_on": fmt_date(reply.replied_on), "findings": findings_rows(findings),
        "items": items,
        # What the listed problems breached, in full (the item table has no room for it).
        "bases": "；".join(dict.fromkeys(row["basis"] for row in findings_rows(findings) if row["basis"])),
        "measures": reply.measures, "result": reply.result, "responsible_person": reply.responsible_person,
        "supervisor_opinion": reply.supervisor_opinion, "reinspected_on": fmt_date(reply.reinspected_on),
        "reinspector": reply.reinspector_name, "verdict": reply.verdict, "verdict_note": reply.verdict_note,
        "stop": r.action == "停工整改", "receipt_party": replier,
        "signatories": signatories(s, "reply", reply.id),
        "photos": photos,
    }


from inspector.services.record_loaders_completion import (  # noqa: E402 - the loaders of the other kinds
    load_acceptance,
    load_handover,
    load_referral,
)

__all__ = ["load_acceptance", "load_handover", "load_inspection", "load_referral", "load_rectification",
           "load_reply", "limit_text"]
