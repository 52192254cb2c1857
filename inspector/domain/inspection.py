"""监督检查, checklist answers, 问题 and the 整改 loop."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inspector.domain.base import Base, JSONText, Lockable, Synced, UTCDateTime


class ChecklistVersion(Synced, Base):
    """The exact checklist an inspection was answered against. Content is the parsed TOML as JSON,
    so an old inspection renders as it was answered after `forms/` changes."""

    __tablename__ = "checklist_versions"
    __table_args__ = (UniqueConstraint("checklist_id", "version", "content_sha256"),)
    FACT_COLUMNS = ("checklist_id", "version", "content_sha256")

    checklist_id: Mapped[str] = mapped_column(String(80), index=True)
    version: Mapped[int] = mapped_column(Integer)
    content_sha256: Mapped[str] = mapped_column(String(64))
    title_zh: Mapped[str] = mapped_column(String(200), default="")
    content: Mapped[dict] = mapped_column(JSONText)
    published_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Inspection(Synced, Lockable, Base):
    __tablename__ = "inspections"

    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    record_no: Mapped[str] = mapped_column(String(40), default="", index=True)
    kind: Mapped[str] = mapped_column(String(20))  # InspectionKind
    inspector_name: Mapped[str] = mapped_column(String(60), default="")
    co_inspector_name: Mapped[str] = mapped_column(String(60), default="")
    # 执法证号 of the two 监督人员, printed beside their names (the inspector's own from settings
    # `badge_no` when the record is started).
    inspector_badge: Mapped[str] = mapped_column(String(40), default="")
    co_inspector_badge: Mapped[str] = mapped_column(String(40), default="")
    started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    weather: Mapped[str] = mapped_column(String(40), default="")
    temperature_c: Mapped[float | None] = mapped_column(Float, nullable=True)
    wind_level: Mapped[int | None] = mapped_column(Integer, nullable=True)
    progress_note: Mapped[str] = mapped_column(Text, default="")  # 形象进度
    attendance: Mapped[dict] = mapped_column(JSONText, default=dict)  # person_id -> present?
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="draft", index=True)

    checklists: Mapped[list[InspectionChecklist]] = relationship(
        back_populates="inspection", order_by="InspectionChecklist.position"
    )


class InspectionChecklist(Synced, Base):
    __tablename__ = "inspection_checklists"
    __table_args__ = (UniqueConstraint("inspection_id", "checklist_version_id"),)
    FACT_COLUMNS = ("inspection_id", "checklist_version_id")

    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspections.id"), index=True)
    checklist_version_id: Mapped[str] = mapped_column(ForeignKey("checklist_versions.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)

    inspection: Mapped[Inspection] = relationship(back_populates="checklists")
    checklist_version: Mapped[ChecklistVersion] = relationship()


class Answer(Synced, Base):
    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("inspection_id", "checklist_version_id", "item_id"),)
    FACT_COLUMNS = ("inspection_id", "checklist_version_id", "item_id")

    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspections.id"), index=True)
    checklist_version_id: Mapped[str] = mapped_column(ForeignKey("checklist_versions.id"))
    item_id: Mapped[str] = mapped_column(String(40))
    value: Mapped[str | None] = mapped_column(Text, nullable=True)  # yes/no/na, number, text, ISO date, choice
    note: Mapped[str] = mapped_column(Text, default="")
    failed: Mapped[bool] = mapped_column(Boolean, default=False)


class Rectification(Synced, Lockable, Base):
    """整改通知书 (or 停工整改通知书): groups an inspection's findings under one notice number."""

    __tablename__ = "rectifications"
    # A signed notice still moves through replied → closed / escalated.
    WORKFLOW_COLUMNS = frozenset({"status", "closed_on", "escalation_reason"})

    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    inspection_id: Mapped[str | None] = mapped_column(ForeignKey("inspections.id"), nullable=True, index=True)
    notice_no: Mapped[str] = mapped_column(String(40), index=True)
    action: Mapped[str] = mapped_column(String(10), default="限期整改")  # RequiredAction
    addressee_party_id: Mapped[str | None] = mapped_column(ForeignKey("parties.id"), nullable=True)
    issued_on: Mapped[dt.date] = mapped_column(Date)
    deadline: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    requirements: Mapped[str] = mapped_column(Text, default="")
    stop_scope: Mapped[str] = mapped_column(Text, default="")  # 停工范围, for stop-work notices
    status: Mapped[str] = mapped_column(String(12), default="issued", index=True)
    closed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    escalation_reason: Mapped[str] = mapped_column(Text, default="")
    # A notice re-issued after 未整改到位 points at the escalated one it replaces.
    reissued_from_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)


class Finding(Synced, Base):
    """问题. After the inspection (or a notice listing it) is signed, its content is locked; only its
    place in the rectification loop moves on (WORKFLOW_COLUMNS: status, closing date, the notice it
    is on now). Which notices listed it is kept by `RectificationFinding`, which never changes."""

    __tablename__ = "findings"
    WORKFLOW_COLUMNS = frozenset({"status", "closed_on", "rectification_id"})

    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    inspection_id: Mapped[str | None] = mapped_column(ForeignKey("inspections.id"), nullable=True, index=True)
    answer_id: Mapped[str | None] = mapped_column(ForeignKey("answers.id"), nullable=True)
    rectification_id: Mapped[str | None] = mapped_column(
        ForeignKey("rectifications.id"), nullable=True, index=True
    )
    checklist_item: Mapped[str] = mapped_column(String(40), default="")  # e.g. FB-09
    description: Mapped[str] = mapped_column(Text)
    location: Mapped[str] = mapped_column(String(200), default="")  # 楼栋/单元/部位
    severity: Mapped[str] = mapped_column(String(4), default="一般")  # Severity
    action: Mapped[str] = mapped_column(String(10), default="限期整改")  # RequiredAction
    basis: Mapped[str] = mapped_column(String(300), default="")
    deadline: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    responsible_party_id: Mapped[str | None] = mapped_column(ForeignKey("parties.id"), nullable=True)
    status: Mapped[str] = mapped_column(String(12), default="open", index=True)
    closed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # The authority the finding is referred to (ReferralAuthority), when its item refers (移送);
    # "" for none.
    refer_to: Mapped[str] = mapped_column(String(20), default="")


class RectificationFinding(Synced, Base):
    """The findings a notice lists, as issued: part of the signed notice (a re-issued notice lists
    them again; the finding's `rectification_id` only says which notice it is on now)."""

    __tablename__ = "rectification_findings"
    __table_args__ = (UniqueConstraint("rectification_id", "finding_id"),)
    FACT_COLUMNS = ("rectification_id", "finding_id")

    rectification_id: Mapped[str] = mapped_column(ForeignKey("rectifications.id"), index=True)
    finding_id: Mapped[str] = mapped_column(ForeignKey("findings.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class RectificationReply(Synced, Lockable, Base):
    """整改回复单 and the station's 复查 of it. Lockable: the signed 整改回复单/复查记录 PDF is its own record."""

    __tablename__ = "rectification_replies"

    rectification_id: Mapped[str] = mapped_column(ForeignKey("rectifications.id"), index=True)
    reply_no: Mapped[str] = mapped_column(String(40), default="")
    replied_on: Mapped[dt.date] = mapped_column(Date)
    measures: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(Text, default="")
    responsible_person: Mapped[str] = mapped_column(String(60), default="")
    supervisor_opinion: Mapped[str] = mapped_column(Text, default="")
    reinspected_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reinspector_name: Mapped[str] = mapped_column(String(60), default="")
    verdict: Mapped[str] = mapped_column(String(20), default="")  # 同意销项 / 未整改到位
    verdict_note: Mapped[str] = mapped_column(Text, default="")
    # Per listed finding: {"finding_id", "measures", "done_on" (ISO date), "result"}; the photos of
    # one finding are the reply's photo links with item_id = the finding id (整改前 / 整改后).
    items: Mapped[list] = mapped_column(JSONText, default=list)
