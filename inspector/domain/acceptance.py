"""联合验收, 移交 and the drawn signatures of the parties."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from inspector.domain.base import Base, JSONText, Lockable, Synced, UTCDateTime


class Acceptance(Synced, Lockable, Base):
    __tablename__ = "acceptances"

    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    record_no: Mapped[str] = mapped_column(String(40), default="", index=True)
    held_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    location: Mapped[str] = mapped_column(String(200), default="")
    organiser: Mapped[str] = mapped_column(String(200), default="")
    # Blockers found by the precondition check, and the organiser's override of them (if any).
    blockers: Mapped[list] = mapped_column(JSONText, default=list)
    override_reason: Mapped[str] = mapped_column(Text, default="")
    override_by: Mapped[str] = mapped_column(String(60), default="")
    checks: Mapped[dict] = mapped_column(JSONText, default=dict)  # 核查 rows: counts per verification row
    problems: Mapped[str] = mapped_column(Text, default="")  # 存在问题及整改要求
    resident_opinion: Mapped[str] = mapped_column(Text, default="")
    conclusion: Mapped[str] = mapped_column(String(10), default="")  # AcceptanceConclusion
    station_opinion: Mapped[str] = mapped_column(Text, default="")  # 监督意见
    status: Mapped[str] = mapped_column(String(12), default="draft", index=True)  # draft / signed
    # The station's 监督人员 attending (列席监督): [{"name", "badge"}], badge = 执法证号.
    supervisors: Mapped[list] = mapped_column(JSONText, default=list)


class Handover(Synced, Lockable, Base):
    __tablename__ = "handovers"

    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    acceptance_id: Mapped[str | None] = mapped_column(ForeignKey("acceptances.id"), nullable=True)
    record_no: Mapped[str] = mapped_column(String(40), default="", index=True)
    handed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    giver: Mapped[str] = mapped_column(String(200), default="")  # 移交方 (建设单位)
    receiver_kind: Mapped[str] = mapped_column(String(40), default="社区居委会")
    receiver: Mapped[str] = mapped_column(String(200), default="")
    witness: Mapped[str] = mapped_column(String(200), default="")  # 见证方
    # Lists of {"name", "location", "quantity", "condition", ...}
    facilities: Mapped[list] = mapped_column(JSONText, default=list)
    documents: Mapped[list] = mapped_column(JSONText, default=list)
    keys: Mapped[list] = mapped_column(JSONText, default=list)
    warranty: Mapped[dict] = mapped_column(JSONText, default=dict)  # unit, from, to, contact, phone
    maintenance: Mapped[str] = mapped_column(Text, default="")
    open_issues: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="draft", index=True)
    # Per renovation item: {"item", "scope", "period", "from", "to"} (质量条例40: from the passed
    # acceptance); equipment: {"name", "model", "serial", "location", "maintainer", "registration_no",
    # "valid_to", "note"}; utility assets handed to the 专营单位: {"name", "location", "quantity",
    # "receiver", "note"}.
    warranty_items: Mapped[list] = mapped_column(JSONText, default=list)
    equipment: Mapped[list] = mapped_column(JSONText, default=list)
    utility_assets: Mapped[list] = mapped_column(JSONText, default=list)


class Signatory(Synced, Base):
    """One party on a record (acceptance attendee, handover side): who, their opinion, their drawn
    signature as strokes and as a rendered PNG (blob)."""

    __tablename__ = "signatories"

    record_kind: Mapped[str] = mapped_column(String(20))  # a record kind key (domain/kinds.py)
    record_id: Mapped[str] = mapped_column(String(64), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    role: Mapped[str] = mapped_column(String(30))  # AcceptanceRole or handover side
    organisation: Mapped[str] = mapped_column(String(200), default="")
    person_name: Mapped[str] = mapped_column(String(60), default="")
    title: Mapped[str] = mapped_column(String(60), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    opinion: Mapped[str] = mapped_column(String(10), default="")  # Opinion
    reasons: Mapped[str] = mapped_column(Text, default="")
    strokes: Mapped[list | None] = mapped_column(JSONText, nullable=True)  # [[[x, y, t], ...], ...]
    signature_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)  # PNG blob
    signed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
