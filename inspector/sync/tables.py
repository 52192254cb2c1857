"""What syncs: every synced table, in dependency order (parents first), with the columns that name a
blob, the rows' foreign-key parents, and which project a row belongs to (who may see it)."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, or_, select, true

from inspector.domain import (
    Acceptance,
    Answer,
    Base,
    ChecklistVersion,
    Complaint,
    Conflict,
    Finding,
    Handover,
    Inspection,
    InspectionChecklist,
    MaterialBatch,
    Photo,
    PhotoLink,
    Project,
    PublicPosting,
    Rectification,
    RectificationFinding,
    RectificationReply,
    Referral,
    ReferralFinding,
    Signatory,
    Synced,
    TestReport,
    User,
)
from inspector.domain.kinds import RECORD_KINDS


@cache
def synced_models() -> tuple[type, ...]:
    """Every synced model, parents before children (the metadata's foreign-key order)."""
    by_table = {m.class_.__tablename__: m.class_ for m in Base.registry.mappers if issubclass(m.class_, Synced)}
    return tuple(by_table[t.name] for t in Base.metadata.sorted_tables if t.name in by_table)


@cache
def model_of(table: str) -> type | None:
    return next((m for m in synced_models() if m.__tablename__ == table), None)


@cache
def rank(table: str) -> int:
    return next(i for i, m in enumerate(synced_models()) if m.__tablename__ == table)


@cache
def parents(model: type) -> tuple[tuple[str, type], ...]:
    """(column, parent model) for each foreign key of the model to another synced table."""
    out = []
    for col in model.__table__.columns:
        for fk in col.foreign_keys:
            parent = model_of(fk.column.table.name)
            if parent is not None and parent is not model:
                out.append((col.name, parent))
    return tuple(out)


# Columns that name a blob (a photo, a signed PDF, a drawn signature) a row needs on the other side.
BLOB_COLUMNS: dict[str, tuple[str, ...]] = {
    "photos": ("id",), "signatories": ("signature_sha256",),
    **{k.table: ("pdf_sha256",) for k in RECORD_KINDS.values()},
}


def blobs_of(obj: Any) -> list[str]:
    return [v for c in BLOB_COLUMNS.get(obj.__tablename__, ()) if (v := getattr(obj, c, None))]


# ---- who may see a row: the project it belongs to -------------------------------------------------

_TARGET_MODELS = {
    "inspection": Inspection, "answer": Inspection, "finding": Finding, "rectification": Rectification,
    "complaint": Complaint, "acceptance": Acceptance, "handover": Handover, "posting": PublicPosting,
    "material": MaterialBatch, "test-report": TestReport, "referral": Referral,
}


def _ids_in(model: type, projects: list[str] | Select[Any]) -> Any:
    if model is RectificationReply:
        return select(RectificationReply.id).where(RectificationReply.rectification_id.in_(
            select(Rectification.id).where(Rectification.project_id.in_(projects))))
    return select(model.id).where(model.project_id.in_(projects))


def _link_scope(projects: list[str] | Select[Any]) -> ColumnElement[bool]:
    parts = [and_(PhotoLink.target_kind == kind, PhotoLink.target_id.in_(_ids_in(model, projects)))
             for kind, model in _TARGET_MODELS.items()]
    parts.append(and_(PhotoLink.target_kind == "reply", PhotoLink.target_id.in_(_ids_in(RectificationReply, projects))))
    return or_(*parts)


def scope_clause(model: type, projects: list[str] | Select[Any] | None) -> ColumnElement[bool]:
    """Rows of `model` that belong to one of `projects` (ids, or a query of ids; None: every row).
    Checklist versions and users belong to everyone."""
    if projects is None or model in (ChecklistVersion, User):
        return true()
    if isinstance(projects, list) and not projects:
        return false()
    if model is Project:
        return Project.id.in_(projects)
    if model in (Answer, InspectionChecklist):
        return model.inspection_id.in_(_ids_in(Inspection, projects))
    if model in (RectificationReply, RectificationFinding):
        return model.rectification_id.in_(_ids_in(Rectification, projects))
    if model is ReferralFinding:
        return model.referral_id.in_(_ids_in(Referral, projects))
    if model is Signatory:
        return or_(*(and_(Signatory.record_kind == k.key, Signatory.record_id.in_(_ids_in(k.model, projects)))
                     for k in RECORD_KINDS.values()))
    if model is PhotoLink:
        return _link_scope(projects)
    if model is Photo:
        return Photo.id.in_(select(PhotoLink.photo_id).where(_link_scope(projects)))
    if model is Conflict or hasattr(model, "project_id"):
        return model.project_id.in_(projects)
    raise LookupError(f"no project scope for {model.__tablename__}")
