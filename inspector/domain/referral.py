"""移送: findings the station cannot punish itself, sent to the authority that can (住建执法,
市场监管, 人社, 园林绿化) on a signed 案件线索移送函. Its own record kind (series 送)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from inspector.domain.base import Base, Lockable, Synced


class Referral(Synced, Lockable, Base):
    __tablename__ = "referrals"

    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    inspection_id: Mapped[str | None] = mapped_column(ForeignKey("inspections.id"), nullable=True, index=True)
    referral_no: Mapped[str] = mapped_column(String(40), default="", index=True)
    authority: Mapped[str] = mapped_column(String(20))  # ReferralAuthority
    authority_name: Mapped[str] = mapped_column(String(200), default="")  # the receiving office
    issued_on: Mapped[dt.date] = mapped_column(Date)
    facts: Mapped[str] = mapped_column(Text, default="")  # 涉嫌违法事实 beyond the listed findings
    evidence: Mapped[str] = mapped_column(Text, default="")  # 随函移送的证据材料
    status: Mapped[str] = mapped_column(String(12), default="draft", index=True)  # draft / signed


class ReferralFinding(Synced, Base):
    """The findings a referral lists, as issued: part of the signed record."""

    __tablename__ = "referral_findings"
    __table_args__ = (UniqueConstraint("referral_id", "finding_id"),)
    FACT_COLUMNS = ("referral_id", "finding_id")

    referral_id: Mapped[str] = mapped_column(ForeignKey("referrals.id"), index=True)
    finding_id: Mapped[str] = mapped_column(ForeignKey("findings.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
