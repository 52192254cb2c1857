"""联合验收: precondition check (with the organiser's recorded override), the record's fields,
attendees by role with opinions and drawn signatures (see `signatures.py`), what must hold before
signing (RF-33, YS-15), and correcting revisions of a signed record.

Signing itself (PDF + PAdES) goes through `record_signing.py`, the one place that calls the
records service."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.domain import Acceptance, Finding, MaterialBatch, Project, Rectification, TestReport
from inspector.domain.clock import china_today
from inspector.domain.rules import acceptance as rules
from inspector.domain.rules.acceptance import Blocker
from inspector.domain.rules.acceptance_tests import required_tests as tests_for
from inspector.domain.rules.rectification import notice_title
from inspector.domain.vocab import AcceptanceConclusion
from inspector.services import signatures
from inspector.services.changes import Changes
from inspector.services.errors import UserError, ValidationError
from inspector.services.lookup import live
from inspector.services.numbering import next_number
from inspector.store import Reader, Unit, use_case

log = logging.getLogger(__name__)

_CHANGED = ("acceptances", "signatories")
# Sentences written here, shown translated by the UI (inspector.ui.texts).
MESSAGES = {"flag_blocker": "风险提示待核实：{title}——{message}"}
_TEXT_FIELDS = {"location": 200, "organiser": 200, "problems": 4000, "resident_opinion": 4000,
                "station_opinion": 4000}
EDITABLE = frozenset({"held_on", "checks", "conclusion", "supervisors", *_TEXT_FIELDS})


class AcceptanceBlocked(UserError):
    """The preconditions are not met and no override reason was given. `blockers` lists them."""

    def __init__(self, blockers: list[Blocker]) -> None:
        self.blockers = blockers
        super().__init__(f"联合验收的前置条件未满足（{len(blockers)} 项）：" + "；".join(b.text for b in blockers[:5])
                         + ("…" if len(blockers) > 5 else "") + "。请先处理，或由组织方记录越过理由。")


@dataclass(frozen=True)
class AcceptanceRow:
    id: str
    project_id: str
    record_no: str
    held_on: dt.date | None
    conclusion: str
    locked: bool
    signer_name: str
    locked_at: dt.datetime | None
    amends_no: str
    blockers: int
    overridden: bool

    @property
    def state(self) -> str:
        return "已签署锁定" if self.locked else "草稿"


@dataclass(frozen=True)
class AcceptanceDetail:
    row: AcceptanceRow
    project_code: str
    project_name: str
    location: str
    organiser: str
    blockers: tuple[Blocker, ...]
    override_reason: str
    override_by: str
    checks: dict[str, Any]
    problems: str
    resident_opinion: str
    station_opinion: str
    amends_id: str | None
    corrected_by: tuple[str, ...]  # record numbers of corrections of this record
    pdf_sha256: str | None
    signer_fingerprint: str | None
    signatories: tuple[signatories.SignatorySnap, ...] = field(default=())
    supervisors: tuple[dict, ...] = field(default=())
    required_tests: dict[str, list[str]] = field(default_factory=dict)  # test -> renovation items needing it

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def locked(self) -> bool:
        return self.row.locked


# ---- preconditions --------------------------------------------------------------------------------

def _blockers(s: Session, store: Reader, project_id: str) -> list[Blocker]:
    notices = s.scalars(select(Rectification).where(Rectification.project_id == project_id,
                                                    Rectification.deleted.is_(False))).all()
    reissued = {n.reissued_from_id for n in notices if n.reissued_from_id}
    nfacts = [rules.NoticeFact(n.id, n.notice_no, notice_title(n.action), n.status, n.id in reissued)
              for n in sorted(notices, key=lambda n: n.notice_no)]
    ffacts = [rules.FindingFact(f.id, f.description, f.status, f.rectification_id is not None)
              for f in s.scalars(select(Finding).where(Finding.project_id == project_id,
                                                       Finding.deleted.is_(False)))]
    batches = s.scalars(select(MaterialBatch).where(MaterialBatch.project_id == project_id,
                                                    MaterialBatch.deleted.is_(False))
                        .order_by(MaterialBatch.entry_date, MaterialBatch.material)).all()
    bfacts = [rules.BatchFact(b.id, " ".join(x for x in (b.material, b.spec, f"批号{b.batch_no}" if b.batch_no else "")
                                             if x), b.retest_required, b.used) for b in batches]
    rfacts = [rules.ReportFact(r.id, r.batch_id, r.report_no, r.conclusion)
              for r in s.scalars(select(TestReport).where(TestReport.project_id == project_id,
                                                          TestReport.deleted.is_(False)))]
    found = (_project_blockers(s, project_id, batches, rfacts) + rules.rectification_blockers(nfacts, ffacts)
             + rules.material_blockers(bfacts, rfacts))
    return found + _red_flag_blockers(store, project_id, found)


def _project_blockers(s: Session, project_id: str, batches: Any, reports: list[rules.ReportFact]) -> list[Blocker]:
    """The project's own readiness (status, parties, key people, permit, tested materials)."""
    from inspector.domain import Party, Person

    p = s.get(Project, project_id)
    parties = {x.id: x.role for x in s.scalars(select(Party).where(Party.project_id == project_id,
                                                                   Party.deleted.is_(False)))}
    persons = {(parties.get(x.party_id, ""), x.role) for x in s.scalars(
        select(Person).where(Person.project_id == project_id, Person.deleted.is_(False)))}
    passed = {r.batch_id for r in reports if r.conclusion == "合格"}
    fact = rules.ProjectFact(project_id, p.status, p.permit_no or "", p.permit_date, frozenset(parties.values()),
                             frozenset(persons), tuple(p.renovation_items or ()),
                             tuple(b.material for b in batches if b.id in passed))
    return rules.project_blockers(fact)


def _red_flag_blockers(store: Reader, project_id: str, known: list[Blocker]) -> list[Blocker]:
    """Red flags still waiting for the inspector's decision (待核实). A confirmed flag is handled
    through findings and notices (YS-09), a dismissed one is closed; a flag about a record that is
    already a blocker is not listed twice. Each opens the record it concerns."""
    try:
        from inspector.services.redflags import flags_for_project
    except ImportError:  # red-flag rules not installed in this build
        return []
    seen = {(b.kind, b.record_id) for b in known}
    out = []
    for flag in flags_for_project(store, project_id=project_id):
        if getattr(flag, "status", "open") != "open":
            continue
        subjects = {(x.kind, x.id) for x in getattr(flag, "subjects", ())}
        target = getattr(flag, "target", None)
        kind, rid = (target.kind, target.id) if target else ("redflag", flag.id)
        if (kind, rid) in seen or subjects & seen:
            continue
        seen.add((kind, rid))
        out.append(Blocker(flag.rule, kind, rid, MESSAGES["flag_blocker"].format(title=flag.title, message=flag.message)))
    return out


def check_preconditions(store: Reader, *, project_id: str) -> list[Blocker]:
    """What stands in the way of a joint acceptance of the project now (empty: nothing)."""
    with store.read() as s:
        live(s, Project, project_id, "项目")
        return _blockers(s, store, project_id)


# ---- create / edit --------------------------------------------------------------------------------

@use_case
def start_acceptance(uow: Unit, *, project_id: str, held_on: dt.date | None = None, location: str = "",
                     organiser: str = "", override_reason: str = "", override_by: str = "") -> tuple[str, Changes]:
    """Open a joint acceptance record. With blockers it is refused (`AcceptanceBlocked`), unless the
    organiser's override reason is given: then the blockers, the reason and who gave it are kept."""
    s = uow.session
    project = live(s, Project, project_id, "项目")
    blockers = _blockers(s, uow, project_id)
    if blockers and not override_reason.strip():
        raise AcceptanceBlocked(blockers)
    a = Acceptance(project_id=project_id, held_on=held_on, location=location.strip() or project.address,
                   organiser=organiser.strip(), blockers=[b.to_json() for b in blockers],
                   override_reason=override_reason.strip() if blockers else "",
                   override_by=(override_by.strip() or uow.actor.name) if blockers else "",
                   checks={}, status="draft", supervisors=_own_staff(uow),
                   record_no=next_number(s, "acceptance", (held_on or china_today()).year))
    s.add(a)
    return a.id, Changes.of(*_CHANGED, ids=[a.id, project_id])


def _own_staff(uow: Unit) -> list[dict[str, str]]:
    """The inspector at this laptop as the attending 监督人员 (settings inspector_name, badge_no)."""
    name = uow.get_setting("inspector_name", "").strip() or uow.actor.name
    return [{"name": name, "badge": uow.get_setting("badge_no", "").strip()}] if name else []


def required_tests(store: Reader, *, project_id: str) -> dict[str, list[str]]:
    """The functional tests the project's renovation items (and elevators) call for: test -> items."""
    with store.read() as s:
        p = live(s, Project, project_id, "项目")
        return _tests_of(p)


def _tests_of(p: Project) -> dict[str, list[str]]:
    from inspector.services.handover import _item_names

    return tests_for(p.renovation_items or [], elevators=p.elevators, names=_item_names())


def parse_staff(text: str) -> list[dict[str, str]]:
    """“王建国 青建监执字第0107号、李淑芬 青建监执字第0112号” as [{"name", "badge"}]: people
    separated by 、，; or a new line, each a name then the 执法证号."""
    import re

    out = []
    for part in re.split(r"[、，,;；\n]+", text or ""):
        words = part.split()
        if words:
            out.append({"name": words[0], "badge": " ".join(words[1:])})
    return out


def format_staff(staff: list[dict[str, str]] | tuple[dict, ...]) -> str:
    return "、".join(" ".join(x for x in (p.get("name", ""), p.get("badge", "")) if x) for p in staff)


def _clean_staff(value: Any) -> list[dict[str, str]]:
    if not isinstance(value, list | tuple):
        raise ValidationError({"supervisors": "监督人员格式错误"})
    out = []
    for i, row in enumerate(value, 1):
        if not isinstance(row, dict) or set(row) - {"name", "badge"}:
            raise ValidationError({"supervisors": f"监督人员第 {i} 行格式错误"})
        name, badge = str(row.get("name") or "").strip()[:60], str(row.get("badge") or "").strip()[:40]
        if badge and not name:
            raise ValidationError({"supervisors": f"监督人员第 {i} 行：请填写姓名"})
        if name:
            out.append({"name": name, "badge": badge})
    return out


def _acceptance(s: Session, acceptance_id: str) -> Acceptance:
    a = live(s, Acceptance, acceptance_id, "竣工联合验收记录")
    return a


@use_case
def recheck(uow: Unit, *, acceptance_id: str) -> tuple[list[Blocker], Changes]:
    """Check the preconditions again and keep the result on the (unsigned) record. An override
    stands only while there are blockers; once they are gone it no longer applies."""
    s = uow.session
    a = _acceptance(s, acceptance_id)
    blockers = _blockers(s, uow, a.project_id)
    if a.locked_at is None:
        a.blockers = [b.to_json() for b in blockers]
        if not blockers:
            a.override_reason, a.override_by = "", ""
    return blockers, Changes.of("acceptances", ids=[acceptance_id])


@use_case
def record_override(uow: Unit, *, acceptance_id: str, reason: str, by: str = "") -> Changes:
    """The organiser proceeds despite the blockers: the reason and who decided are kept."""
    if not reason.strip():
        raise ValidationError({"override_reason": "请填写越过前置条件的理由"})
    s = uow.session
    a = _acceptance(s, acceptance_id)
    a.blockers = [b.to_json() for b in _blockers(s, uow, a.project_id)]
    if not a.blockers:
        raise UserError("前置条件已全部满足，无需越过")
    a.override_reason, a.override_by = reason.strip(), by.strip() or uow.actor.name
    return Changes.of("acceptances", ids=[acceptance_id])


@use_case
def update_acceptance(uow: Unit, *, acceptance_id: str, values: dict[str, Any]) -> Changes:
    """Edit the record's fields (date, place, organiser, 核查 rows, problems, opinions, conclusion)."""
    unknown = set(values) - EDITABLE
    if unknown:
        raise ValidationError({k: f"不能修改字段“{k}”" for k in unknown})
    problems: dict[str, str] = {}
    clean: dict[str, Any] = {}
    for k, v in values.items():
        if k in _TEXT_FIELDS:
            v = (v or "").strip()
            if len(v) > _TEXT_FIELDS[k]:
                problems[k] = f"内容过长（最多 {_TEXT_FIELDS[k]} 字）"
        elif k == "held_on" and v is not None and not isinstance(v, dt.date):
            problems[k] = "验收日期应为日期"
        elif k == "conclusion" and v not in {"", *(c.value for c in AcceptanceConclusion)}:
            problems[k] = "综合验收结论应为 合格 / 不合格 / 整改后复验"
        elif k == "checks":
            if not isinstance(v, dict):
                problems[k] = "核查数据格式错误"
            else:
                problems.update(rules.validate_checks(v))
        elif k == "supervisors":
            v = _clean_staff(v)
        clean[k] = v
    if problems:
        raise ValidationError(problems)
    s = uow.session
    a = _acceptance(s, acceptance_id)
    surveyed = ((clean.get("checks") or {}).get("residents") or {}).get("surveyed")
    households = s.get(Project, a.project_id).households
    if isinstance(surveyed, int) and households and surveyed > households:
        # Residents' satisfaction is counted in households (户): no more than the project has.
        raise ValidationError({"residents.surveyed": f"征求意见户数（{surveyed}）不能多于本项目的户数（{households}）"})
    for k, v in clean.items():
        setattr(a, k, v)
    return Changes.of("acceptances", ids=[acceptance_id])


@use_case
def set_check(uow: Unit, *, acceptance_id: str, row: str, field_name: str, value: Any) -> Changes:
    """Set one count (or one functional-test result: row "functional") of the 核查 rows."""
    checks = dict(_acceptance(uow.session, acceptance_id).checks or {})
    part = dict(checks.get(row) or {})
    if value in (None, ""):
        part.pop(field_name, None)
    else:
        part[field_name] = value
    checks[row] = part
    return update_acceptance(uow, acceptance_id=acceptance_id, values={"checks": checks})


@use_case
def delete_acceptance(uow: Unit, *, acceptance_id: str) -> Changes:
    """Discard an unsigned draft (a tombstone: synced data is never hard-deleted)."""
    s = uow.session
    a = _acceptance(s, acceptance_id)
    a.deleted = True
    return Changes.of("acceptances", ids=[acceptance_id])


# ---- read -----------------------------------------------------------------------------------------

def _row(a: Acceptance, amends_no: str) -> AcceptanceRow:
    return AcceptanceRow(a.id, a.project_id, a.record_no, a.held_on, a.conclusion, a.locked_at is not None,
                         a.signer_name or "", a.locked_at, amends_no, len(a.blockers or []),
                         bool(a.override_reason))


def list_acceptances(store: Reader, *, project_id: str) -> list[AcceptanceRow]:
    with store.read() as s:
        rows = s.scalars(select(Acceptance).where(Acceptance.project_id == project_id,
                                                  Acceptance.deleted.is_(False))).all()
        numbers = {a.id: a.record_no for a in rows}
        out = [_row(a, numbers.get(a.amends_id or "", "")) for a in rows]
    out.sort(key=lambda r: (r.held_on or dt.date.max, r.record_no))
    return out


def get_acceptance(store: Reader, acceptance_id: str) -> AcceptanceDetail:
    with store.read() as s:
        a = _acceptance(s, acceptance_id)
        p = s.get(Project, a.project_id)
        amends = s.get(Acceptance, a.amends_id) if a.amends_id else None
        corrections = s.scalars(select(Acceptance.record_no).where(Acceptance.amends_id == a.id,
                                                                   Acceptance.deleted.is_(False))).all()
        detail = AcceptanceDetail(
            _row(a, amends.record_no if amends else ""), p.code, p.name, a.location, a.organiser,
            tuple(Blocker.from_json(b) for b in a.blockers or []), a.override_reason, a.override_by,
            dict(a.checks or {}), a.problems, a.resident_opinion, a.station_opinion, a.amends_id,
            tuple(corrections), a.pdf_sha256, a.signer_fingerprint, supervisors=tuple(a.supervisors or []),
            required_tests=_tests_of(p))
    sigs = signatures.list_signatories(store, record_kind="acceptance", record_id=acceptance_id)
    return replace(detail, signatories=tuple(sigs))


def signing_problems(store: Reader, *, acceptance_id: str) -> list[str]:
    """Why the record cannot be signed yet (empty: it can). Checks the preconditions again."""
    d = get_acceptance(store, acceptance_id)
    if d.locked:
        return ["竣工联合验收记录已签署锁定"]
    blockers = check_preconditions(store, project_id=d.row.project_id)
    return rules.acceptance_signing_problems(
        signatories=[x.fact() for x in d.signatories], conclusion=d.row.conclusion, blockers=blockers,
        override_reason=d.override_reason, checks=d.checks, held_on=d.row.held_on,
        required_tests=required_tests(store, project_id=d.row.project_id))


# ---- for the handover -----------------------------------------------------------------------------

def latest_signed(s: Session, project_id: str) -> Acceptance | None:
    """The acceptance a handover rests on: the newest signed record not replaced by a signed
    correction (its conclusion is checked by the handover rule)."""
    rows = s.scalars(select(Acceptance).where(Acceptance.project_id == project_id, Acceptance.deleted.is_(False),
                                              Acceptance.locked_at.is_not(None))).all()
    superseded = {a.amends_id for a in rows if a.amends_id}
    live = [a for a in rows if a.id not in superseded]
    live.sort(key=lambda a: (a.held_on or dt.date.min, a.locked_at))
    return live[-1] if live else None
