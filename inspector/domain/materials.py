"""材料进场, 检测报告, 投诉, 公示."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from inspector.domain.base import Base, Synced, UTCDateTime


class MaterialBatch(Synced, Base):
    __tablename__ = "material_batches"

    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    material: Mapped[str] = mapped_column(String(100))
    spec: Mapped[str] = mapped_column(String(200), default="")
    manufacturer: Mapped[str] = mapped_column(String(200), default="")
    batch_no: Mapped[str] = mapped_column(String(80), default="")
    quantity: Mapped[float | None] = mapped_column(Float, nullable=True)
    unit: Mapped[str] = mapped_column(String(20), default="")
    entry_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    certificate_no: Mapped[str] = mapped_column(String(80), default="")
    certificate_quantity: Mapped[float | None] = mapped_column(Float, nullable=True)
    retest_required: Mapped[bool] = mapped_column(Boolean, default=True)
    witness_name: Mapped[str] = mapped_column(String(60), default="")
    sampled_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    used: Mapped[bool] = mapped_column(Boolean, default=False)  # used or concealed
    used_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    location: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class TestReport(Synced, Base):
    __test__ = False  # not a pytest class
    __tablename__ = "test_reports"

    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    batch_id: Mapped[str | None] = mapped_column(ForeignKey("material_batches.id"), nullable=True, index=True)
    agency: Mapped[str] = mapped_column(String(200))
    agency_qualification_no: Mapped[str] = mapped_column(String(80), default="")
    agency_qualification_expiry: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    report_no: Mapped[str] = mapped_column(String(80), index=True)
    sample: Mapped[str] = mapped_column(String(200), default="")
    sampled_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    tested_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    report_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    conclusion: Mapped[str] = mapped_column(String(10), default="合格")  # TestConclusion
    anti_forgery_code: Mapped[str] = mapped_column(String(80), default="")
    verification: Mapped[str] = mapped_column(String(200), default="")  # how authenticity was checked
    client: Mapped[str] = mapped_column(String(200), default="")  # 委托单位
    witness_name: Mapped[str] = mapped_column(String(60), default="")


class Complaint(Synced, Base):
    __tablename__ = "complaints"

    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    channel: Mapped[str] = mapped_column(String(20))  # ComplaintChannel
    content: Mapped[str] = mapped_column(Text)
    location: Mapped[str] = mapped_column(String(200), default="")
    complainant_name: Mapped[str] = mapped_column(String(60), default="")
    complainant_phone: Mapped[str] = mapped_column(String(30), default="")  # personal data: shown masked
    finding_id: Mapped[str | None] = mapped_column(ForeignKey("findings.id"), nullable=True)
    deadline: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(12), default="open", index=True)
    resolution: Mapped[str] = mapped_column(Text, default="")
    resolved_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class PublicPosting(Synced, Base):
    """公示: the complaint phones posted in the community (GS-01, GS-02), as checked on site."""

    __tablename__ = "public_postings"

    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))  # 质量监督投诉电话 / 监理单位投诉电话 / 五牌一图 …
    phone: Mapped[str] = mapped_column(String(30), default="")
    posted_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    checked_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    call_answered: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")


class RedFlagDecision(Synced, Base):
    """An inspector's confirm/dismiss of a computed red flag, keyed by the flag's stable key."""

    __tablename__ = "red_flag_decisions"
    FACT_COLUMNS = ("project_id", "flag_key")

    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    flag_key: Mapped[str] = mapped_column(String(200), index=True)
    decision: Mapped[str] = mapped_column(String(12))  # confirmed / dismissed
    reason: Mapped[str] = mapped_column(Text, default="")
