"""What the red-flag rules read (`rules.Inputs`), for the whole store or for one project.

For one project, only what its flags can depend on is read: its own rows, and across the store the
rows that share an identifier with them (a report number, a lab's numbering series, a certificate,
a person's registration number or name, a phone), found through the `redflag_keys` index
(`store/flag_keys.py`), with the rows those point at. Every group a cross-project rule forms around
one of the project's rows is then complete, so the project's flags are exactly the ones a read of
the whole store gives (tests/redflags/test_scoped.py holds the two to each other), at the cost of
the project and its neighbours instead of the city.

Rows are ordered by rowid (the order they were written here) whichever way they were found: the
rules' messages name a group's first member, and the same group must read the same both ways."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, column, func, literal_column, select, table, true
from sqlalchemy.orm import Session

from inspector.domain import (
    Acceptance,
    Answer,
    Complaint,
    Finding,
    Inspection,
    MaterialBatch,
    Party,
    Person,
    Project,
    PublicPosting,
    Rectification,
    RectificationReply,
    Signatory,
    TestReport,
)
from inspector.domain.clock import CHINA_TZ
from inspector.domain.kinds import RECORD_KINDS
from inspector.domain.rules import redflags as rules
from inspector.domain.rules.redflags_evidence import WET_WEATHER
from inspector.domain.rules.redflags_people import phone_key
from inspector.services import redflag_series
from inspector.store.flag_keys import FIRM_SEPARATOR
from inspector.store.flag_keys import TABLE as KEYS_TABLE

# Checklist items whose answer (other than 不适用) means wet work was under way that day (RF-31).
WET_WORK_ITEMS = ("XC-23a", "XC-23b", "XC-23d", "XC-26a", "XC-26b", "XC-27", "XC-28", "XC-29")
_CHUNK = 500  # ids per IN list

_KEYS = table(KEYS_TABLE, column("kind"), column("key"), column("row_id"))
B, R, P = MaterialBatch, TestReport, Person
_COLUMNS: dict[type, tuple[Any, ...]] = {
    Project: (Project.id, Project.code, Project.name, Project.status, Project.permit_date, Project.start_date,
              Project.finish_date),
    B: (B.id, B.project_id, B.material, B.spec, B.batch_no, B.quantity, B.unit, B.entry_date, B.certificate_no,
        B.certificate_quantity, B.retest_required, B.used, B.used_on, B.manufacturer, B.witness_name),
    R: (R.id, R.project_id, R.batch_id, R.agency, R.report_no, R.agency_qualification_expiry, R.sampled_on,
        R.tested_on, R.report_date, R.conclusion, R.client, R.witness_name, R.anti_forgery_code, R.verification),
    # Every role: concurrent posts, witnesses, signers, phones and attendance all need people.
    P: (P.id, P.project_id, P.name, P.role, P.registration_no, P.active_from, P.active_to, P.party_id, P.phone,
        P.labour_contract_verified, P.social_insurance_verified, P.verified_on),
    Party: (Party.id, Party.project_id, Party.role, Party.name, Party.qualification_expiry, Party.credit_code,
            Party.contact_phone, Party.complaint_phone),
}
_MAKE = {Project: rules.ProjectIn, B: rules.BatchIn, R: rules.ReportIn, P: rules.PersonIn, Party: rules.PartyIn}


def _rowid(model: type) -> Any:
    return literal_column(f"{model.__tablename__}.rowid")


def _live(s: Session, model: type, where: ColumnElement[bool]) -> list[tuple[int, Any]]:
    """(rowid, input) for the live rows of `model` in live projects that match `where`."""
    q = select(_rowid(model), *_COLUMNS[model]).where(model.deleted.is_(False), where)
    if model is not Project:
        q = q.join(Project, Project.id == model.project_id).where(Project.deleted.is_(False))
    make = _MAKE[model]
    return [(row[0], make(*row[1:])) for row in s.execute(q.order_by(_rowid(model)))]


def _among(s: Session, model: type, col: Any, values: Iterable[str]) -> list[tuple[int, Any]]:
    values = sorted(set(values) - {"", None})  # type: ignore[arg-type]
    return [x for i in range(0, len(values), _CHUNK) for x in _live(s, model, col.in_(values[i:i + _CHUNK]))]


def _keyed(s: Session, model: type, kind: str, keys: Iterable[str]) -> list[tuple[int, Any]]:
    """The rows of `model` with a `kind` identifier among `keys` (normalized as the rules do)."""
    keys = sorted(set(keys) - {""})
    out = []
    for i in range(0, len(keys), _CHUNK):
        ids = select(_KEYS.c.row_id).where(_KEYS.c.kind == kind, _KEYS.c.key.in_(keys[i:i + _CHUNK]))
        out += _live(s, model, model.id.in_(ids))
    return out


def _firms_on(s: Session, phone: str) -> set[str]:
    """Up to two of the firms (credit code, else name) whose parties give this phone: enough to tell
    one firm from several. Two seeks in the index, not a read of a firm's every project."""
    lo, hi = phone + FIRM_SEPARATOR, phone + chr(ord(FIRM_SEPARATOR) + 1)
    found: list[str] = []
    after = lo
    while len(found) < 2:
        key = s.scalar(select(_KEYS.c.key).where(_KEYS.c.kind == "phone_firm", _KEYS.c.key > after,
                                                 _KEYS.c.key < hi).order_by(_KEYS.c.key).limit(1))
        if key is None:
            break
        found.append(key)
        after = key
    return {k[len(lo):] for k in found}


def _repeated(s: Session, keys: Iterable[str]) -> list[str]:
    """Which of these report numbers are on more than one row (live or not: the caller loads those
    rows and the rules count the live ones)."""
    keys = sorted(set(keys) - {""})
    out: list[str] = []
    for i in range(0, len(keys), _CHUNK):
        out += s.scalars(select(_KEYS.c.key).where(_KEYS.c.kind == "report_no", _KEYS.c.key.in_(keys[i:i + _CHUNK]))
                         .group_by(_KEYS.c.key).having(func.count() > 1))
    return out


def _merged(*found: list[tuple[int, Any]]) -> list[Any]:
    return [x for _rid, x in sorted({x.id: (rid, x) for part in found for rid, x in part}.values(),
                                    key=lambda pair: pair[0])]


def load(s: Session, project_id: str | None, *, cold_below: float) -> rules.Inputs:
    """Everything the rules need to judge `project_id` (None: every project); `cold_below` is the
    temperature under which wet work is a lead (`Thresholds.wet_work_min_temp`)."""
    return _whole(s, cold_below) if project_id is None else _around(s, project_id, cold_below)


def _whole(s: Session, cold_below: float) -> rules.Inputs:
    parts = {m: [x for _rid, x in _live(s, m, true())] for m in _COLUMNS}
    return _inputs(s, None, cold_below, parts[Project], parts[B], parts[R], parts[P], parts[Party])


def _around(s: Session, pid: str, cold_below: float) -> rules.Inputs:
    reports = _live(s, R, R.project_id == pid)
    batches = _live(s, B, B.project_id == pid)
    parties = _live(s, Party, Party.project_id == pid)
    persons = _live(s, P, P.project_id == pid)
    own_parties = {p.id for _r, p in parties}
    # RF-01: every report sharing a number with one of the project's; RF-11, RF-12: a report hung on
    # one of the project's batches from elsewhere still counts.
    numbers = _keyed(s, R, "report_no", (rules.norm(r.report_no) for _r, r in reports))
    on_batches = _among(s, R, R.batch_id, (b.id for _r, b in batches))
    # RF-01, RF-02, RF-07 name the batches of those reports; RF-13 sums every delivery under a
    # certificate the project's batches carry.
    batches = batches + _keyed(s, B, "certificate", (rules.norm(b.certificate_no) for _r, b in batches))
    batches += _among(s, B, B.id, (r.batch_id for _r, r in reports + numbers + on_batches if r.batch_id))
    # RF-05: every report of the series the project's reports are numbered in, and whether each of
    # their numbers is on another report too (those are RF-01's, left out of RF-05).
    series = _among(s, R, R.id, redflag_series.neighbours(s, (r for _r, r in reports),
                                                         (r for _r, r in numbers + on_batches)))
    twice = _keyed(s, R, "report_no", _repeated(s, (rules.norm(r.report_no) for _r, r in series + on_batches)))
    reports = reports + numbers + on_batches + series + twice
    # RF-25: the phones of the project's firms, and of people working for them wherever listed.
    staff = _among(s, P, P.party_id, own_parties)
    phones = {phone_key(x) for _r, p in parties for x in (p.contact_phone, p.complaint_phone)}
    phones |= {phone_key(p.phone) for _r, p in staff}
    # RF-18, RF-19: the same person by registration number, or by name where none was recorded.
    others = (_keyed(s, P, "registration", (rules.norm(p.registration_no) for _r, p in persons))
              + _keyed(s, P, "name", (rules.norm(p.name) for _r, p in persons if not rules.norm(p.registration_no)))
              + _keyed(s, P, "person_phone", phones))
    persons = persons + staff + others
    parties = parties + _among(s, Party, Party.id, (p.party_id for _r, p in persons))
    # Every firm on a phone only where two firms give it: a firm's own number is on each of its projects.
    firm_of = {p.id: rules.norm(p.credit_code) or rules.norm(p.name) for _r, p in parties}
    by_people: dict[str, set[str]] = {}
    for _r, p in persons:
        if phone_key(p.phone) in phones and p.party_id in firm_of:
            by_people.setdefault(phone_key(p.phone), set()).add(firm_of[p.party_id])
    shared = {x for x in phones - {""} if len(_firms_on(s, x) | by_people.get(x, set())) > 1}
    parties += _keyed(s, Party, "party_phone", shared)
    involved = {pid} | {x.project_id for _r, x in reports + batches + persons + parties}
    projects = _among(s, Project, Project.id, involved)
    return _inputs(s, pid, cold_below, _merged(projects), _merged(batches), _merged(reports), _merged(persons), _merged(parties))


def _mine(model: type, pid: str | None) -> Any:
    """The live rows of `model` (of project `pid` when given) in live projects, in rowid order."""
    q = (select(model).join(Project, Project.id == model.project_id)
         .where(model.deleted.is_(False), Project.deleted.is_(False)))
    return (q.where(model.project_id == pid) if pid else q).order_by(_rowid(model))


def _of_parent(model: type, parent: type, pid: str | None, on: ColumnElement[bool]) -> Any:
    """Live rows of `model` with their live `parent` (which holds the project), in rowid order."""
    q = (select(model, parent).join(parent, on).join(Project, Project.id == parent.project_id)
         .where(model.deleted.is_(False), parent.deleted.is_(False), Project.deleted.is_(False)))
    return (q.where(parent.project_id == pid) if pid else q).order_by(_rowid(model))


def _inputs(s: Session, pid: str | None, cold_below: float, projects: list[rules.ProjectIn], batches: list[rules.BatchIn],
            reports: list[rules.ReportIn], persons: list[rules.PersonIn], parties: list[rules.PartyIn]) -> rules.Inputs:
    """The inputs around the cross-project ones: the rest is read for `pid` alone (every project
    when None)."""
    complaints = [rules.ComplaintIn(c.id, c.project_id, c.received_at.astimezone(CHINA_TZ).date(), c.location,
                                    c.status, c.deadline, c.content[:20]) for c in s.scalars(_mine(Complaint, pid))]
    notices = [rules.NoticeIn(n.id, n.project_id, n.notice_no, n.status, n.deadline,
                              RECORD_KINDS["rectification"].label_of(n)) for n in s.scalars(_mine(Rectification, pid))]
    findings = [rules.FindingIn(f.id, f.project_id, f.description, f.status, f.deadline, f.rectification_id)
                for f in s.scalars(_mine(Finding, pid).where(Finding.rectification_id.is_(None),
                                                             Finding.status == "open"))]
    postings = [rules.PostingIn(p.id, p.project_id, p.kind, p.posted_on, p.checked_on, p.call_answered, p.phone)
                for p in s.scalars(_mine(PublicPosting, pid))]
    replies = [rules.ReplyIn(r.id, n.project_id, n.id, n.notice_no, r.reply_no, r.supervisor_opinion, r.verdict,
                             r.reinspected_on)
               for r, n in s.execute(_of_parent(RectificationReply, Rectification, pid,
                                                Rectification.id == RectificationReply.rectification_id))]
    signatories = [rules.SignatoryIn(sg.id, a.project_id, a.id, a.record_no, sg.role, sg.organisation, sg.person_name)
                   for sg, a in s.execute(_of_parent(Signatory, Acceptance, pid, Acceptance.id == Signatory.record_id)
                                          .where(Signatory.record_kind == "acceptance"))]
    return rules.Inputs(projects, batches, reports, persons, complaints, notices, findings, postings, parties,
                        _inspections(s, pid, cold_below), replies, signatories)


def _inspections(s: Session, pid: str | None, cold_below: float) -> list[rules.InspectionIn]:
    """Each inspection's day, weather, attendance and the wet-work items it answered (not 不适用)."""
    # Columns, not objects: a city's 50 000 inspections took seconds to build as ORM objects.
    In = Inspection
    q = (select(In.id, In.project_id, In.record_no, In.started_at, In.weather, In.temperature_c, In.progress_note,
                In.attendance).join(Project, Project.id == In.project_id)
         .where(In.deleted.is_(False), Project.deleted.is_(False), In.started_at.is_not(None)))
    rows = list(s.execute((q.where(In.project_id == pid) if pid else q).order_by(_rowid(In))))
    # Only a rainy, snowy or cold day's wet work is a lead (RF-31): the other days' answers are not read.
    wet: dict[str, set[str]] = {}
    ids = [i.id for i in rows if WET_WEATHER.search(i.weather or "")
           or (i.temperature_c is not None and i.temperature_c < cold_below)]
    for k in range(0, len(ids), _CHUNK * 10):
        for iid, item in s.execute(select(Answer.inspection_id, Answer.item_id).where(
                Answer.deleted.is_(False), Answer.item_id.in_(WET_WORK_ITEMS), Answer.value.is_not(None),
                Answer.value != "na", Answer.inspection_id.in_(ids[k:k + _CHUNK * 10]))):
            wet.setdefault(iid, set()).add(item)
    return [rules.InspectionIn(i.id, i.project_id, i.record_no, i.started_at.astimezone(CHINA_TZ).date(), i.weather,
                               i.temperature_c, i.progress_note, dict(i.attendance or {}),
                               tuple(sorted(wet.get(i.id, ()))))
            for i in rows]
