"""A record's printed content (`reports.record.RecordData`), read from the store: the common blocks
(project, photos, signatories, findings) and `load`, which picks the kind's loader
(`record_loaders.py`). The renderer gets plain data and never queries the database."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.domain import Finding, Party, Person, Project, Signatory
from inspector.domain.clock import fmt_china
from inspector.domain.kinds import RECORD_KINDS
from inspector.reports.record import RecordData
from inspector.services.photos import photo_rows


class RecordNotFound(LookupError):
    pass


def fmt_time(value: dt.datetime | None) -> str:
    return fmt_china(value)


def fmt_date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def fmt_num(value: float | int | None, unit: str = "") -> str:
    if value is None:
        return ""
    return f"{value:g}{unit}" if isinstance(value, float) else f"{value}{unit}"


def project_block(s: Session, project_id: str) -> dict[str, Any]:
    p = s.get(Project, project_id)
    if p is None:
        raise RecordNotFound(project_id)
    parties = s.scalars(select(Party).where(Party.project_id == p.id, Party.deleted.is_(False))
                        .order_by(Party.role, Party.name)).all()
    leaders = {}
    for person in s.scalars(select(Person).where(Person.project_id == p.id, Person.deleted.is_(False))):
        if person.role in ("项目负责人", "总监理工程师"):
            leaders.setdefault(person.party_id, f"{person.name}（{person.role}）")
    return {
        "id": p.id, "code": p.code, "name": p.name, "community_name": p.community_name,
        "district": p.district, "street": p.street, "community": p.community, "address": p.address,
        "supervision_no": p.supervision_no, "permit_no": p.permit_no,
        # Money as written on a record: 3,331,100.00 元 (never 3.3311e+06).
        "contract_price": f"{p.contract_price:,.2f} 元" if p.contract_price is not None else "",
        "renovation_items": [_renovation_name(i) for i in p.renovation_items or []],
        "buildings": fmt_num(p.buildings), "households": fmt_num(p.households),
        "floor_area": fmt_num(p.floor_area, " m²"), "plan_year": fmt_num(p.plan_year),
        "start_date": fmt_date(p.start_date), "finish_date": fmt_date(p.finish_date),
        "parties": [{"role": x.role, "name": x.name, "leader": leaders.get(x.id, ""),
                     "contact": " ".join(v for v in (x.contact_person, x.contact_phone) if v)}
                    for x in parties],
    }


@cache
def _renovation_names() -> dict[str, str]:
    from inspector.checklists.registry import load_registry

    return {item.id: item.zh for item in load_registry().renovation_items}


def _renovation_name(item_id: str) -> str:
    """Records print the catalogue's Chinese name (an id no longer in forms/ prints as itself)."""
    return _renovation_names().get(item_id, item_id)


def party_name(project: dict, role: str) -> str:
    return "、".join(p["name"] for p in project["parties"] if p["role"] == role)


def photos_for(s: Session, targets: list[tuple[str, str]], *, project: str, inspector: str) -> list[dict]:
    """The record's photos as printed: the same rows, in the same order, as the screen shows them
    (`services.photos.photo_rows`), each once."""
    out: list[dict] = []
    seen: set[str] = set()
    for photo in photo_rows(s, targets):
        if photo.id in seen:
            continue
        seen.add(photo.id)
        gps = f"{photo.lat:.6f}, {photo.lon:.6f}" if photo.lat is not None and photo.lon is not None else "无"
        taken = photo.taken_at_local or fmt_time(photo.taken_at) or "未知"
        out.append({
            "sha256": photo.id, "role": photo.role, "item": photo.item_id,
            "caption": photo.caption or photo.note,
            "lines": [f"时间：{taken}", f"位置：{gps}", f"工程：{project}",
                      f"监督员：{inspector or photo.imported_by}"],
            "annotation": photo.annotation or None,
        })
    return out


def evidence_photos(s: Session, targets: list[tuple[str, str]], inspection_id: str | None, items: set[str], *,
                    project: str, inspector: str) -> list[dict]:
    """A notice's or referral's photos: its own and its findings', then the photos the inspection
    took of the listed items (the evidence the inspector saw). Kept in the record's signed content."""
    own = photos_for(s, targets, project=project, inspector=inspector)
    if not inspection_id or not items:
        return own
    seen = {p["sha256"] for p in own}
    taken = [p for p in photos_for(s, [("answer", inspection_id)], project=project, inspector=inspector)
             if p["item"] in items and p["sha256"] not in seen]
    return own + taken


def signatories(s: Session, kind: str, record_id: str) -> list[dict]:
    rows = s.scalars(select(Signatory).where(Signatory.record_kind == kind, Signatory.record_id == record_id,
                                             Signatory.deleted.is_(False))
                     .order_by(Signatory.position, Signatory.role)).all()
    return [{"role": r.role, "organisation": r.organisation, "name": r.person_name, "title": r.title,
             "phone": r.phone, "opinion": r.opinion, "reasons": r.reasons,
             "signature": r.signature_sha256, "signed_at": fmt_time(r.signed_at)} for r in rows]


def findings_rows(findings: list[Finding]) -> list[dict]:
    from inspector.checklists.citations import expand_basis

    # The finding keeps the form's short key (质量条例57); the record prints the citation in full.
    return [{"id": f.id, "item": f.checklist_item, "description": f.description, "location": f.location,
             "severity": f.severity, "action": f.action, "basis": expand_basis(f.basis),
             "deadline": fmt_date(f.deadline), "status": f.status} for f in findings]


def severity_counts(findings: list[dict]) -> dict[str, int]:
    counts = {"一般": 0, "较重": 0, "严重": 0}
    for f in findings:
        counts[f["severity"]] = counts.get(f["severity"], 0) + 1
    return counts


def load(s: Session, *, kind: str, record_id: str, issuer: str = "") -> RecordData:
    """Read one record for rendering. A signed record reads as it was signed (`signed_content`),
    its project block included. Raises RecordNotFound."""
    k = RECORD_KINDS.get(kind)
    if k is None:
        raise RecordNotFound(f"unknown record kind {kind!r}")
    row = s.get(k.model, record_id)
    if row is None or row.deleted:
        raise RecordNotFound(record_id)
    if row.locked_at is not None and row.signed_content is not None:
        data = dict(row.signed_content)
    else:
        from inspector.services import record_loaders

        data = getattr(record_loaders, f"load_{kind}")(s, row)
        data["kind"] = kind
        data["record_id"] = record_id
        data["issuer"] = issuer
        data["amends_id"] = row.amends_id or ""
    return RecordData(kind=kind, record_id=record_id, record_no=data.get("record_no") or "", title=data["title"],
                      data=data, locked=row.locked_at is not None, pdf_sha256=row.pdf_sha256,
                      photos=data.get("photos", []))
