"""Plain inputs of the red-flag rules (`inspector.domain.rules.redflags`): what a service loads
from the store, as frozen dataclasses, so the rules run without a session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

PASS = "合格"


@dataclass(frozen=True, slots=True)
class ProjectIn:
    id: str
    code: str
    name: str
    status: str
    permit_date: dt.date | None = None
    start_date: dt.date | None = None
    finish_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class BatchIn:
    id: str
    project_id: str
    material: str
    spec: str = ""
    batch_no: str = ""
    quantity: float | None = None
    unit: str = ""
    entry_date: dt.date | None = None
    certificate_no: str = ""
    certificate_quantity: float | None = None
    retest_required: bool = True
    used: bool = False
    used_on: dt.date | None = None
    manufacturer: str = ""
    witness_name: str = ""


@dataclass(frozen=True, slots=True)
class ReportIn:
    id: str
    project_id: str
    batch_id: str | None
    agency: str
    report_no: str
    qualification_expiry: dt.date | None = None
    sampled_on: dt.date | None = None
    tested_on: dt.date | None = None
    report_date: dt.date | None = None
    conclusion: str = PASS
    client: str = ""               # 委托单位 (RF-08)
    witness_name: str = ""         # 见证人 (RF-07)
    anti_forgery_code: str = ""    # 防伪码 (RF-10)
    verification: str = ""         # how authenticity was checked, and what it found (RF-10)


@dataclass(frozen=True, slots=True)
class PersonIn:
    id: str
    project_id: str
    name: str
    role: str
    registration_no: str = ""
    active_from: dt.date | None = None
    active_to: dt.date | None = None
    party_id: str = ""
    phone: str = ""
    labour_contract_verified: bool = False
    social_insurance_verified: bool = False
    verified_on: dt.date | None = None  # when the HR evidence was checked; None: not checked yet


@dataclass(frozen=True, slots=True)
class ComplaintIn:
    id: str
    project_id: str
    received_on: dt.date
    location: str
    status: str
    deadline: dt.date | None = None
    summary: str = ""


@dataclass(frozen=True, slots=True)
class NoticeIn:
    id: str
    project_id: str
    notice_no: str
    status: str
    deadline: dt.date | None
    title: str = "责令整改通知书"  # the notice's own name (停工整改通知书 for a stop-work order)


@dataclass(frozen=True, slots=True)
class FindingIn:
    id: str
    project_id: str
    description: str
    status: str
    deadline: dt.date | None
    rectification_id: str | None = None


@dataclass(frozen=True, slots=True)
class PostingIn:
    id: str
    project_id: str
    kind: str
    posted_on: dt.date | None = None
    checked_on: dt.date | None = None
    call_answered: bool | None = None
    phone: str = ""


@dataclass(frozen=True, slots=True)
class PartyIn:
    id: str
    project_id: str
    role: str
    name: str
    qualification_expiry: dt.date | None = None
    credit_code: str = ""
    contact_phone: str = ""
    complaint_phone: str = ""


@dataclass(frozen=True, slots=True)
class InspectionIn:
    """What an inspection recorded about the day: weather, key people present, work under way."""

    id: str
    project_id: str
    record_no: str
    day: dt.date
    weather: str = ""
    temperature_c: float | None = None
    progress_note: str = ""
    attendance: dict | None = None       # person id -> present?
    wet_items: tuple[str, ...] = ()      # wet-work checklist items answered (not "na") that day


@dataclass(frozen=True, slots=True)
class ReplyIn:
    """A 整改回复单 with the supervisor's statement and the station's 复查 verdict."""

    id: str
    project_id: str
    rectification_id: str
    notice_no: str
    reply_no: str
    supervisor_opinion: str = ""
    verdict: str = ""
    reinspected_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class SignatoryIn:
    """A party that signed (or is to sign) a joint acceptance record."""

    id: str
    project_id: str
    acceptance_id: str
    record_no: str
    role: str
    organisation: str = ""
    person_name: str = ""


@dataclass(frozen=True, slots=True)
class Inputs:
    projects: Sequence[ProjectIn] = ()
    batches: Sequence[BatchIn] = ()
    reports: Sequence[ReportIn] = ()
    persons: Sequence[PersonIn] = ()
    complaints: Sequence[ComplaintIn] = ()
    notices: Sequence[NoticeIn] = ()
    findings: Sequence[FindingIn] = ()
    postings: Sequence[PostingIn] = ()
    parties: Sequence[PartyIn] = ()
    inspections: Sequence[InspectionIn] = ()
    replies: Sequence[ReplyIn] = ()
    signatories: Sequence[SignatoryIn] = ()
