"""What only the office keeps, in its own metadata (never synced, never audited as records): the
accounts with their Argon2 hashes, the devices with the codes the office gave them, device tokens
(stored as SHA-256 only), failed-login counters shared by every server process, and the audit-chain
problems found in each device's pushes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from inspector.domain.base import NAMING, UTCDateTime


class OfficeBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Account(OfficeBase):
    """An office user. `user_id` is the synced `users` row (`fact_id("users", [login])`) that
    projects are assigned to; `district` and `admin` here decide what the account may see (the
    synced row is what laptops show, and a laptop cannot widen its own scope by editing it)."""

    __tablename__ = "office_accounts"

    login: Mapped[str] = mapped_column(String(60), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    district: Mapped[str] = mapped_column(String(20), default="")
    badge_no: Mapped[str] = mapped_column(String(40), default="")
    admin: Mapped[bool] = mapped_column(Boolean, default=False)
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Device(OfficeBase):
    """A laptop that signed in. `code` goes into its record numbers (unique at the office).
    `chain_problem`: the latest audit-chain problem of its pushes (empty: none), so the office can
    flag the device."""

    __tablename__ = "office_devices"

    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    login: Mapped[str] = mapped_column(String(60), default="")  # who signed in on it last
    first_seen: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_seen: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    chain_problem: Mapped[str] = mapped_column(Text, default="")


class Token(OfficeBase):
    """A device's sign-in: only the SHA-256 of the token is kept, so a copy of the database does not
    let anyone sync."""

    __tablename__ = "office_tokens"

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    login: Mapped[str] = mapped_column(ForeignKey("office_accounts.login"), index=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("office_devices.device_id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class LoginFailure(OfficeBase):
    """Failed sign-ins per key ("user:NAME" or "addr:IP") since `first_at`; while `blocked_until`
    lies ahead every attempt on the key is answered 429 without checking the password."""

    __tablename__ = "office_login_failures"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    first_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    blocked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class ChainProblem(OfficeBase):
    """One audit-chain problem a device's push showed (events deleted or rewritten after a sync)."""

    __tablename__ = "office_chain_problems"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(64), index=True)
    login: Mapped[str] = mapped_column(String(60), default="")
    found_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    problem: Mapped[str] = mapped_column(Text)


class IssuedCertificate(OfficeBase):
    """A signing certificate the station's CA issued (`office/ca.py`): who asked, from which device,
    for which key; kept so the station can tell which certificates it stands behind."""

    __tablename__ = "office_certificates"

    serial: Mapped[str] = mapped_column(String(40), primary_key=True)  # hex
    login: Mapped[str] = mapped_column(String(60), index=True)
    device_id: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 of the DER certificate
    subject: Mapped[str] = mapped_column(String(200))
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    not_after: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    pem: Mapped[str] = mapped_column(Text)


class DistrictTarget(OfficeBase):
    """The annual renovation target of a district (communities and households), set by an admin on
    the office's progress page; office-only (laptops do not plan)."""

    __tablename__ = "office_district_targets"

    district: Mapped[str] = mapped_column(String(20), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    communities: Mapped[int] = mapped_column(Integer, default=0)
    households: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(60), default="")


class SupervisionAction(OfficeBase):
    """约谈 or 通报 of a district or a party (by name), recorded at the office from the progress or
    red-flag pages: when, why and what follows."""

    __tablename__ = "office_supervision_actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(4))  # 约谈 / 通报
    target_kind: Mapped[str] = mapped_column(String(8))  # 县区 / 参建单位
    target: Mapped[str] = mapped_column(String(200), index=True)
    held_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    follow_up: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(200), default="")  # the flag key or page it came from
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[str] = mapped_column(String(60), default="")


class WebSignOut(OfficeBase):
    """A browser session signed out: its cookie stays refused even if someone kept a copy. Rows
    older than the idle timeout are dropped (such a cookie has expired anyway)."""

    __tablename__ = "office_web_signouts"

    sid: Mapped[str] = mapped_column(String(40), primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)


class ExportJob(OfficeBase):
    """A 台账 export running in the background (`web/export_jobs.py`), visible to every server
    process on the database: its progress, its file in `exports/` once done, or what went wrong.
    `running_key` (the account and the filters) is set only while it runs and is unique, so a
    second request for the same export, in any process, finds this one instead of starting another."""

    __tablename__ = "office_export_jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    login: Mapped[str] = mapped_column(String(60), index=True)
    query: Mapped[str] = mapped_column(String(600), default="")  # the filters, as the project list's query string
    running_key: Mapped[str | None] = mapped_column(String(700), unique=True, nullable=True)
    state: Mapped[str] = mapped_column(String(10), default="running")  # running / done / failed
    stage: Mapped[str] = mapped_column(String(40), default="")
    done_rows: Mapped[int] = mapped_column(Integer, default=0)
    total_rows: Mapped[int] = mapped_column(Integer, default=0)
    size: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)
