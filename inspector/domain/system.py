"""Local bookkeeping that is not synced as records: settings, number counters, the audit log."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from inspector.domain.base import Base, CompactJSONText, Synced, UTCDateTime


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Counter(Base):
    """Local sequences for record numbers, per series (检, 整, 停, 复, 验, 移) and year. Not synced:
    each device's numbers carry the device's code (see `services/numbering.py`), so two devices
    never issue the same number."""

    __tablename__ = "counters"
    __table_args__ = (UniqueConstraint("kind", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(40))
    year: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer, default=0)


class User(Synced, Base):
    """An inspector. Office-issued later (sync); a stand-alone install has one local user."""

    __tablename__ = "users"
    FACT_COLUMNS = ("login",)

    login: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    badge_no: Mapped[str] = mapped_column(String(40), default="")  # 执法证号
    district: Mapped[str] = mapped_column(String(20), default="")
    cert_fingerprint: Mapped[str] = mapped_column(String(128), default="")


class AuditEvent(Base):
    """Append-only, one hash chain per device: event `seq` of device `device_id` has
    `hash` = SHA-256 over `prev_hash` (the hash of event seq-1 of the same device) and this event's
    canonical JSON. A chain verifies on its own, so the office can hold and check every device's.
    `rev` is the store's change sequence when the event arrived here (what a peer pulls after).
    SQLite triggers refuse UPDATE and DELETE on this table."""

    __tablename__ = "audit_events"
    __table_args__ = (UniqueConstraint("device_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Integer)
    rev: Mapped[int] = mapped_column(Integer, default=0, index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(10))  # create / update / delete / apply / system
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(64), index=True)
    before: Mapped[dict | None] = mapped_column(CompactJSONText, nullable=True)
    after: Mapped[dict | None] = mapped_column(CompactJSONText, nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
