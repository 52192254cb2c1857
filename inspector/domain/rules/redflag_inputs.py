"""Plain inputs of the red-flag rules (`inspector.domain.rules.redflags`): what a service loads
from the store, as frozen dataclasses, so the rules run without a session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

PASS = "合格"


@dataclass(frozen=True)
class ProjectIn:
    id: str
    code: str
    name: str
    status: str
    permit_date: dt.date | None = None
    start_date: dt.date | None = None
    finish_date: dt.date | None = None


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class PersonIn:
    id: str
    project_id: str
    name: str
    role: str
    registration_no: str = ""
    active_from: dt.date | None = None
    active_to: dt.date | None = None


@dataclass(frozen=True)
class ComplaintIn:
    id: str
    project_id: str
    received_on: dt.date
    location: str
    status: str
    deadline: dt.date | None = None
    summary: str = ""


@dataclass(frozen=True)
class NoticeIn:
    id: str
    project_id: str
    notice_no: str
    status: str
    deadline: dt.date | None


@dataclass(frozen=True)
class FindingIn:
    id: str
    project_id: str
    description: str
    status: str
    deadline: dt.date | None
    rectification_id: str | None = None


@dataclass(frozen=True)
class PostingIn:
    id: str
    project_id: str
    kind: str
    posted_on: dt.date | None = None
    checked_on: dt.date | None = None
    call_answered: bool | None = None
    phone: str = ""


@dataclass(frozen=True)
class PartyIn:
    id: str
    project_id: str
    role: str
    name: str
    qualification_expiry: dt.date | None = None


@dataclass(frozen=True)
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
