"""Entities (SQLAlchemy typed models) and pure rules. No Qt, no I/O beyond the ORM."""

from inspector.domain.acceptance import Acceptance, Handover, Signatory
from inspector.domain.base import Base, Lockable, Synced, new_id, utcnow
from inspector.domain.evidence import Photo, PhotoLink
from inspector.domain.inspection import (
    Answer,
    ChecklistVersion,
    Finding,
    Inspection,
    InspectionChecklist,
    Rectification,
    RectificationReply,
)
from inspector.domain.materials import Complaint, MaterialBatch, PublicPosting, RedFlagDecision, TestReport
from inspector.domain.project import Party, Person, Project
from inspector.domain.system import AuditEvent, Counter, Setting, User

__all__ = [
    "Acceptance", "Answer", "AuditEvent", "Base", "ChecklistVersion", "Complaint", "Counter",
    "Finding", "Handover", "Inspection", "InspectionChecklist", "Lockable", "MaterialBatch",
    "Party", "Person", "Photo", "PhotoLink", "Project", "PublicPosting", "Rectification",
    "RectificationReply", "RedFlagDecision", "Setting", "Signatory", "Synced", "TestReport",
    "User", "new_id", "utcnow",
]
