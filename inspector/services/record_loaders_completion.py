"""Loaders of the completion and enforcement records: 竣工联合验收记录, 移交记录 and 案件线索移送函,
as plain data (see `record_loaders.py` for the field records)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.checklists.citations import split_basis
from inspector.domain import (
    Acceptance,
    Finding,
    Handover,
    Inspection,
    Party,
    Project,
    Rectification,
    Referral,
    ReferralFinding,
)
from inspector.domain.kinds import RECORD_KINDS
from inspector.domain.rules.acceptance_tests import required_tests
from inspector.domain.rules.duty import AUTHORITY_BASIS
from inspector.domain.vocab import REFERRAL_AUTHORITY_NAMES
from inspector.services.citations import full_basis
from inspector.services.record_content import (
    evidence_photos,
    findings_rows,
    fmt_date,
    fmt_time,
    party_name,
    photos_for,
    project_block,
    signatories,
)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


def _names() -> dict[str, str]:
    from inspector.services.handover import _item_names

    return _item_names()


def load_acceptance(s: Session, a: Acceptance) -> dict[str, Any]:
    project = project_block(s, a.project_id)
    p = s.get(Project, a.project_id)
    notices = s.scalars(select(Rectification).where(Rectification.project_id == a.project_id,
                                                    Rectification.deleted.is_(False))
                        .order_by(Rectification.notice_no)).all()
    return {
        "title": RECORD_KINDS["acceptance"].label, "record_no": a.record_no, "project": project,
        "held_on": fmt_date(a.held_on), "location": a.location, "organiser": a.organiser,
        "checks": _jsonable(a.checks or {}), "blockers": _jsonable(a.blockers or []),
        # The tests this project's renovation items call for (YS-06), with the items that need them.
        "functional_required": required_tests(p.renovation_items or [], elevators=p.elevators, names=_names()),
        "override_reason": a.override_reason, "override_by": a.override_by,
        "notices": [{"no": r.notice_no, "status": r.status} for r in notices],
        "problems": a.problems, "resident_opinion": a.resident_opinion, "conclusion": a.conclusion,
        "station_opinion": a.station_opinion, "supervisors": _jsonable(a.supervisors or []),
        "basis": full_basis("验收规定5、6; 质量条例16; 西宁方案 三(六)"),
        "receipt_party": party_name(project, "建设单位"),
        "signatories": signatories(s, "acceptance", a.id),
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
        "warranty_items": [{**_jsonable(x), "basis": full_basis(str(x.get("basis", "")))}
                           for x in h.warranty_items or [] if isinstance(x, dict)],
        "equipment": _jsonable(h.equipment or []), "utility_assets": _jsonable(h.utility_assets or []),
        "warranty_basis": full_basis("质量条例40; 节能条例23"),
        "maintenance": h.maintenance, "open_issues": h.open_issues, "receipt_party": h.receiver,
        "signatories": signatories(s, "handover", h.id),
        "photos": photos_for(s, [("handover", h.id)], project=project["name"], inspector=""),
    }


def _referral_findings(s: Session, r: Referral) -> list[Finding]:
    current: Referral | None = r
    seen: set[str] = set()
    while current is not None and current.id not in seen:  # a correction lists what its original listed
        seen.add(current.id)
        rows = s.scalars(select(Finding).join(ReferralFinding, ReferralFinding.finding_id == Finding.id)
                         .where(ReferralFinding.referral_id == current.id, ReferralFinding.deleted.is_(False))
                         .order_by(ReferralFinding.position, Finding.id)).all()
        if rows:
            return list(rows)
        current = s.get(Referral, current.amends_id) if current.amends_id else None
    return []


def load_referral(s: Session, r: Referral) -> dict[str, Any]:
    project = project_block(s, r.project_id)
    insp = s.get(Inspection, r.inspection_id) if r.inspection_id else None
    findings = _referral_findings(s, r)
    staff = [{"name": n, "badge": b} for n, b in ((insp.inspector_name, insp.inspector_badge or ""),
                                                  (insp.co_inspector_name, insp.co_inspector_badge or ""))
             if n] if insp else []
    rows = findings_rows(findings)
    # Who the findings concern: the parties they are addressed to, in the order they first appear.
    ids = [f.responsible_party_id for f in findings if f.responsible_party_id]
    names = dict(s.execute(select(Party.id, Party.name).where(Party.id.in_(ids))).all()) if ids else {}
    concerned = list(dict.fromkeys(names[i] for i in ids if i in names))
    parts = [p for f in findings for p in split_basis(f.basis or "")]
    return {
        "title": RECORD_KINDS["referral"].label, "record_no": r.referral_no, "project": project,
        "authority": r.authority, "authority_name": r.authority_name or REFERRAL_AUTHORITY_NAMES.get(r.authority, ""),
        "issued_on": fmt_date(r.issued_on), "facts": r.facts, "evidence": r.evidence,
        "inspection": {"record_no": insp.record_no, "kind": insp.kind, "started_at": fmt_time(insp.started_at)}
        if insp else None,
        "concerned": concerned or [x for x in {party_name(project, "施工单位")} if x],
        "staff": staff, "inspectors": [x["name"] for x in staff],
        "findings": rows,
        "breached": full_basis("; ".join(dict.fromkeys(parts))),
        "competence_basis": full_basis(AUTHORITY_BASIS.get(r.authority, "")),
        "receipt_party": r.authority_name or REFERRAL_AUTHORITY_NAMES.get(r.authority, ""),
        "signatories": signatories(s, "referral", r.id),
        "photos": evidence_photos(s, [("referral", r.id), *[("finding", f.id) for f in findings]], r.inspection_id,
                                  {f.checklist_item for f in findings if f.checklist_item}, project=project["name"],
                                  inspector="、".join(x["name"] for x in staff)),
    }
