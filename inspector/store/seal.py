"""The seal of a signed record: SHA-256 over the rows its lock covers (`locks.py`), as they stood
when it was signed. Kept on the record (`seal_sha256`); recomputed by `inspector verify` and
`inspector audit verify`, so a change that got past the hook and the triggers (switched off, or
written with another tool) is reported, not believed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.domain import (
    Answer,
    Finding,
    InspectionChecklist,
    Photo,
    PhotoLink,
    RectificationFinding,
    ReferralFinding,
    Signatory,
)
from inspector.domain.base import Lockable
from inspector.domain.kinds import RECORD_KINDS
from inspector.store.locks import PART_RULES
from inspector.store.rows import content_columns, sha256_of, values

# Columns added after records were first sealed (migration 0007), by table. While one holds its
# empty default it is left out of the seal, so a record signed before the column existed keeps the
# seal it was given; once it holds something, it is sealed like any column.
ADDED_LATER: dict[str, frozenset[str]] = {
    "inspections": frozenset({"inspector_badge", "co_inspector_badge"}),
    "findings": frozenset({"refer_to"}),
    "rectification_replies": frozenset({"items"}),
    "acceptances": frozenset({"supervisors"}),
    "handovers": frozenset({"warranty_items", "equipment", "utility_assets"}),
}


def _sealed(obj: Any, columns: list[str]) -> dict[str, Any]:
    later = ADDED_LATER.get(obj.__tablename__, frozenset())
    return {k: v for k, v in values(obj, columns).items() if not (k in later and v in (None, "", [], {}))}


def _part_values(rows: list[Any]) -> list[dict[str, Any]]:
    out = []
    for r in sorted(rows, key=lambda x: x.id):
        rule = PART_RULES[r.__tablename__]
        out.append(_sealed(r, [c for c in content_columns(type(r)) if c not in rule.exempt]))
    return out


def record_rows(session: Session, kind_key: str, record_id: str) -> dict[str, list[Any]]:
    """The rows a signed record's lock covers, by table ("record": its own row); what the seal is
    taken over, and what travels with the record when it syncs."""
    k = RECORD_KINDS[kind_key]
    row = session.get(k.model, record_id)
    if row is None:
        raise LookupError(record_id)
    out: dict[str, list[Any]] = {"record": [row]}
    finding_ids: list[str] = []
    with session.no_autoflush:
        if kind_key == "inspection":
            out["inspection_checklists"] = list(session.scalars(
                select(InspectionChecklist).where(InspectionChecklist.inspection_id == record_id)))
            out["answers"] = list(session.scalars(select(Answer).where(Answer.inspection_id == record_id)))
            out["findings"] = list(session.scalars(select(Finding).where(Finding.inspection_id == record_id)))
            finding_ids = [f.id for f in out["findings"]]
        elif kind_key == "rectification":
            out["rectification_findings"] = list(session.scalars(
                select(RectificationFinding).where(RectificationFinding.rectification_id == record_id)))
            finding_ids = [x.finding_id for x in out["rectification_findings"]]
            out["findings"] = list(session.scalars(select(Finding).where(Finding.id.in_(finding_ids)))) \
                if finding_ids else []
        elif kind_key == "referral":
            out["referral_findings"] = list(session.scalars(
                select(ReferralFinding).where(ReferralFinding.referral_id == record_id)))
            finding_ids = [x.finding_id for x in out["referral_findings"]]
            out["findings"] = list(session.scalars(select(Finding).where(Finding.id.in_(finding_ids)))) \
                if finding_ids else []
        out["signatories"] = list(session.scalars(
            select(Signatory).where(Signatory.record_kind == kind_key, Signatory.record_id == record_id)))
        links = list(session.scalars(select(PhotoLink).where(
            PhotoLink.target_kind.in_(k.photo_targets), PhotoLink.target_id == record_id)))
        if finding_ids:
            links += session.scalars(select(PhotoLink).where(PhotoLink.target_kind == "finding",
                                                             PhotoLink.target_id.in_(finding_ids)))
        out["photo_links"] = links
        shown = sorted({link.photo_id for link in links if not link.deleted})
        out["photos"] = list(session.scalars(select(Photo).where(Photo.id.in_(shown)))) if shown else []
    return out


def sealed_rows(session: Session, kind_key: str, record_id: str) -> dict[str, Any]:
    """What the seal covers, as plain data (also what a verification shows when it differs)."""
    k = RECORD_KINDS[kind_key]
    rows = record_rows(session, kind_key, record_id)
    skip = Lockable.SIGNING_COLUMNS | k.model.WORKFLOW_COLUMNS
    out: dict[str, Any] = {"record": _sealed(rows["record"][0],
                                             [c for c in content_columns(k.model) if c not in skip])}
    for table, part in rows.items():
        if table != "record":
            out[table] = _part_values(part)
    return out


def seal_of(session: Session, kind_key: str, record_id: str) -> str:
    return sha256_of(sealed_rows(session, kind_key, record_id))
