"""Entities (SQLAlchemy typed models) and pure rules. No Qt, no I/O beyond the ORM."""

from inspector.domain.acceptance import Acceptance, Handover, Signatory
from inspector.domain.base import Base, Lockable, Synced, utcnow
from inspector.domain.evidence import Photo, PhotoLink
from inspector.domain.ids import fact_id, new_id
from inspector.domain.inspection import (
    Answer,
    ChecklistVersion,
    Finding,
    Inspection,
    InspectionChecklist,
    Rectification,
    RectificationFinding,
    RectificationReply,
)
from inspector.domain.materials import Complaint, MaterialBatch, PublicPosting, RedFlagDecision, TestReport
from inspector.domain.project import Party, Person, Project
from inspector.domain.referral import Referral, ReferralFinding
from inspector.domain.sync import AuditAnchor, Conflict, FieldRevs, Outbox, Parked, StoreSeq
from inspector.domain.system import AuditEvent, Counter, Setting, User

__all__ = [
    "Acceptance", "Answer", "AuditAnchor", "AuditEvent", "Base", "ChecklistVersion", "Complaint",
    "Conflict", "Counter", "FieldRevs", "Finding", "Handover", "Inspection", "InspectionChecklist",
    "Lockable", "MaterialBatch", "Outbox", "Parked", "Party", "Person", "Photo", "PhotoLink", "Project",
    "PublicPosting", "Rectification", "RectificationFinding", "RectificationReply", "RedFlagDecision",
    "Referral", "ReferralFinding",
    "Setting", "Signatory", "StoreSeq", "Synced", "TestReport", "User", "fact_id", "new_id", "utcnow",
]
