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

import json
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import (
    ColumnElement,
    String,
    bindparam,
    column,
    func,
    literal_column,
    select,
    table,
    text,
    true,
)
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


def _live(s: Session, model: type, where: ColumnElement[bool], besides: str | None = None) -> list[tuple[int, Any]]:
    """(rowid, input) for the live rows of `model` in live projects that match `where`, outside the
    project `besides` (whose rows the caller has already)."""
    q = select(_rowid(model), *_COLUMNS[model]).where(model.deleted.is_(False), where)
    if model is not Project:
        q = q.join(Project, Project.id == model.project_id).where(Project.deleted.is_(False))
    if besides:
        q = q.where(model.project_id != besides)
    make = _MAKE[model]
    # Core, not the ORM's row processing: these are plain columns, and a city's worth of them.
    rows = s.connection().execute(q.order_by(_rowid(model)))
    return [(row[0], make(*row[1:])) for part in rows.partitions(5000) for row in part]


def _in(col: Any, values: list[str]) -> ColumnElement[bool]:
    """`col IN values` with the values as one JSON parameter: one statement, compiled once, however
    many values (an expanded IN list is compiled afresh for each length, and capped in size)."""
    each = func.json_each(bindparam("values", json.dumps(values), type_=String, unique=True)).table_valued("value")
    return col.in_(select(each.c.value))


def _among(s: Session, model: type, col: Any, values: Iterable[str],
           besides: str | None = None) -> list[tuple[int, Any]]:
    values = sorted(set(values) - {"", None})  # type: ignore[arg-type]
    return _live(s, model, _in(col, values), besides) if values else []


def _keyed(s: Session, model: type, kind: str, keys: Iterable[str],
           besides: str | None = None) -> list[tuple[int, Any]]:
    """The rows of `model` with a `kind` identifier among `keys` (normalized as the rules do)."""
    keys = sorted(set(keys) - {""})
    if not keys:
        return []
    return _live(s, model, model.id.in_(select(_KEYS.c.row_id).where(_KEYS.c.kind == kind, _in(_KEYS.c.key, keys))),
                 besides)


_FIRM_KEYS = f"FROM {KEYS_TABLE} WHERE kind = 'phone_firm' AND key > ph.value || :sep AND key < ph.value || :past"
_FIRMS_ON = text(f"""SELECT ph.value, (SELECT key {_FIRM_KEYS} ORDER BY key LIMIT 1),
                            (SELECT key {_FIRM_KEYS} ORDER BY key DESC LIMIT 1) FROM json_each(:phones) ph""")


def _firms_on(s: Session, phones: Iterable[str]) -> dict[str, set[str]]:
    """For each phone, up to two of the firms (credit code, else name) whose parties give it: the
    first and the last in the index, which differ exactly when several firms do. Two seeks per phone
    in the index, not a read of a firm's every project."""
    phones = sorted(set(phones) - {""})
    out: dict[str, set[str]] = {}
    for i in range(0, len(phones), _CHUNK * 4):
        values = {"phones": json.dumps(phones[i:i + _CHUNK * 4]), "sep": FIRM_SEPARATOR,
                  "past": chr(ord(FIRM_SEPARATOR) + 1)}
        for phone, first, last in s.execute(_FIRMS_ON, values):
            lo = len(phone) + 1
            out[phone] = {k[lo:] for k in (first, last) if k is not None}
    return out


def _repeated(s: Session, keys: Iterable[str]) -> list[str]:
    """Which of these report numbers are on more than one row (live or not: the caller loads those
    rows and the rules count the live ones)."""
    keys = sorted(set(keys) - {""})
    if not keys:
        return []
    return list(s.scalars(select(_KEYS.c.key).where(_KEYS.c.kind == "report_no", _in(_KEYS.c.key, keys))
                          .group_by(_KEYS.c.key).having(func.count() > 1)))


def _merged(*found: list[tuple[int, Any]]) -> list[Any]:
    return [x for _rid, x in sorted({x.id: (rid, x) for part in found for rid, x in part}.values(),
                                    key=lambda pair: pair[0])]


STEPS = 7  # the steps of a read of the whole store that `load` reports through `step`


def load(s: Session, project_id: str | None, *, cold_below: float,
         step: Callable[[], None] = lambda: None) -> rules.Inputs:
    """Everything the rules need to judge `project_id` (None: every project, in `STEPS` steps,
    `step()` called before each); `cold_below` is the temperature under which wet work is a lead
    (`Thresholds.wet_work_min_temp`)."""
    return _whole(s, cold_below, step) if project_id is None else _around(s, project_id, cold_below)


def _whole(s: Session, cold_below: float, step: Callable[[], None]) -> rules.Inputs:
    parts = {}
    for model in _COLUMNS:  # five steps
        step()
        parts[model] = [x for _rid, x in _live(s, model, true())]
    step()
    inspections = _inspections(s, None, cold_below)
    step()
    return _inputs(s, None, parts[Project], parts[B], parts[R], parts[P], parts[Party], inspections)


def _around(s: Session, pid: str, cold_below: float) -> rules.Inputs:
    reports = _live(s, R, R.project_id == pid)
    batches = _live(s, B, B.project_id == pid)
    parties = _live(s, Party, Party.project_id == pid)
    persons = _live(s, P, P.project_id == pid)

    # The project's own rows are all read above: every look-up below brings other projects' rows.
    def among(model: type, col: Any, values: Iterable[str]) -> list[tuple[int, Any]]:
        return _among(s, model, col, values, pid)

    def keyed(model: type, kind: str, keys: Iterable[str]) -> list[tuple[int, Any]]:
        return _keyed(s, model, kind, keys, pid)

    own_parties = {p.id for _r, p in parties}
    # RF-01: every report sharing a number with one of the project's; RF-11, RF-12: a report hung on
    # one of the project's batches from elsewhere still counts.
    numbers = keyed(R, "report_no", (rules.norm(r.report_no) for _r, r in reports))
    on_batches = among(R, R.batch_id, (b.id for _r, b in batches))
    # RF-01, RF-02, RF-07 name the batches of those reports; RF-13 sums every delivery under a
    # certificate the project's batches carry.
    batches = batches + keyed(B, "certificate", (rules.norm(b.certificate_no) for _r, b in batches))
    batches += among(B, B.id, (r.batch_id for _r, r in reports + numbers + on_batches if r.batch_id))
    # RF-05: the reports of the series the project's reports are numbered in that the rule pairs
    # them with, and whether each of their numbers is on another report too (those are RF-01's,
    # left out of RF-05; the project's own numbers' twins are `numbers`).
    series = among(R, R.id, redflag_series.neighbours(s, (r for _r, r in reports),
                                                      (r for _r, r in numbers + on_batches)))
    twice = keyed(R, "report_no", _repeated(s, (rules.norm(r.report_no) for _r, r in series + on_batches)))
    reports = reports + numbers + on_batches + series + twice
    # RF-25: the phones of the project's firms, and of people working for them wherever listed.
    staff = [x for x in persons if x[1].party_id in own_parties] + among(P, P.party_id, own_parties)
    phones = {phone_key(x) for _r, p in parties for x in (p.contact_phone, p.complaint_phone)}
    phones |= {phone_key(p.phone) for _r, p in staff}
    # RF-18, RF-19: the same person by registration number, or by name where none was recorded.
    others = (keyed(P, "registration", (rules.norm(p.registration_no) for _r, p in persons))
              + keyed(P, "name", (rules.norm(p.name) for _r, p in persons if not rules.norm(p.registration_no)))
              + keyed(P, "person_phone", phones))
    persons = persons + staff + others
    parties = parties + among(Party, Party.id, (p.party_id for _r, p in persons))
    # Every firm on a phone only where two firms give it: a firm's own number is on each of its projects.
    firm_of = {p.id: rules.norm(p.credit_code) or rules.norm(p.name) for _r, p in parties}
    by_people: dict[str, set[str]] = {}
    for _r, p in persons:
        if p.party_id in firm_of and (phone := phone_key(p.phone)) in phones:
            by_people.setdefault(phone, set()).add(firm_of[p.party_id])
    firms = _firms_on(s, phones)
    shared = {x for x in phones - {""} if len(firms.get(x, set()) | by_people.get(x, set())) > 1}
    parties += keyed(Party, "party_phone", shared)
    involved = {pid} | {x.project_id for _r, x in reports + batches + persons + parties}
    projects = _among(s, Project, Project.id, involved)
    return _inputs(s, pid, _merged(projects), _merged(batches), _merged(reports), _merged(persons),
                   _merged(parties), _inspections(s, pid, cold_below))


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


def _inputs(s: Session, pid: str | None, projects: list[rules.ProjectIn], batches: list[rules.BatchIn],
            reports: list[rules.ReportIn], persons: list[rules.PersonIn], parties: list[rules.PartyIn],
            inspections: list[rules.InspectionIn]) -> rules.Inputs:
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
                        inspections, replies, signatories)


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
