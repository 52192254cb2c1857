"""The questions the office pages ask of the office store, one query per question; filtering,
sorting and paging happen in SQL so that a list of 10 000 projects costs one page of rows.

Every function takes the read session and the viewer's scope (None: an admin, everything), and
never returns a row outside that scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from inspector.domain import (
    Acceptance,
    Complaint,
    Finding,
    Handover,
    Inspection,
    MaterialBatch,
    Party,
    Person,
    Project,
    Rectification,
    RectificationReply,
    TestReport,
    User,
)
from inspector.domain.clock import CHINA_TZ
from inspector.domain.kinds import RECORD_KINDS
from inspector.domain.vocab import ProjectStatus, RequiredAction
from inspector.sync.scope import Scope

STATUSES = [s.value for s in ProjectStatus]
STARTED = ("在建", "待验收", "已验收", "已移交")  # counted as progress against the year's target
ACTIVE = ("在建", "待验收")  # a project where people and firms are at work
OPEN_NOTICE = ("issued", "replied", "escalated")
PAGE_SIZE = 50


@dataclass(frozen=True)
class Filters:
    q: str = ""
    district: str = ""
    status: str = ""
    year: int | None = None
    inspector: str = ""  # user id
    sort: str = "code"
    desc: bool = False
    page: int = 1

    def words(self) -> list[str]:
        return [w for w in self.q.replace("\u3000", " ").split() if w][:8]


def project_filter(scope: Scope | None, f: Filters) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Project.deleted.is_(False)]
    if scope is not None:
        where.append(Project.id.in_(scope.projects()))
    if f.district:
        where.append(Project.district == f.district)
    if f.status:
        where.append(Project.status == f.status)
    if f.year is not None:
        where.append(Project.plan_year == f.year)
    if f.inspector:
        where.append(Project.inspector_id == f.inspector)
    for word in f.words():
        # Every word must match one of the texts a person would search by (Chinese: no stemming,
        # a plain substring). LIKE's wildcards in the word are taken literally.
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append(or_(*(c.like(pattern, escape="\\") for c in (
            Project.code, Project.name, Project.community_name, Project.street, Project.community,
            Project.address))))
    return where


SORTS: dict[str, Any] = {
    "code": Project.code, "name": Project.name, "district": Project.district, "status": Project.status,
    "year": Project.plan_year, "households": Project.households, "inspector": User.name,
    "updated": Project.updated_at,
}


@dataclass
class ProjectPage:
    rows: list[dict[str, Any]]
    total: int
    page: int
    pages: int


def projects_page(s: Session, scope: Scope | None, f: Filters, *, page_size: int = PAGE_SIZE) -> ProjectPage:
    where = project_filter(scope, f)
    total = s.scalar(select(func.count()).select_from(Project).where(*where)) or 0
    pages = max(1, -(-total // page_size))
    page = min(max(1, f.page), pages)
    order = SORTS.get(f.sort, Project.code)
    q = (select(Project.id, Project.code, Project.name, Project.community_name, Project.district, Project.street,
                Project.status, Project.plan_year, Project.households, User.name.label("inspector"))
         .outerjoin(User, User.id == Project.inspector_id).where(*where)
         .order_by(order.desc() if f.desc else order.asc(), Project.code)
         .limit(page_size).offset((page - 1) * page_size))
    return ProjectPage([dict(r._mapping) for r in s.execute(q)], total, page, pages)


def inspectors(s: Session) -> list[tuple[str, str]]:
    """(user id, name) of every inspector projects can be assigned to."""
    from inspector.office.models import Account

    return [(r.user_id, f"{r.name}（{r.district or '全部'}）") for r in
            s.execute(select(Account.user_id, Account.name, Account.district)
                      .where(Account.revoked_at.is_(None), Account.admin.is_(False)).order_by(Account.login))]


def districts(s: Session, scope: Scope | None) -> list[str]:
    known = {r for r in s.scalars(select(Project.district).where(Project.deleted.is_(False)).distinct()) if r}
    from inspector.domain.vocab import District

    return sorted(known | {d.value for d in District}) if scope is None else sorted(known)


# ---- 首页 -------------------------------------------------------------------------------------------

@dataclass
class Today:
    by_status: dict[str, int]
    households: int
    open_notices: int
    overdue_notices: int
    stop_work: int
    signed_acceptances_month: int
    progress: list[dict[str, Any]] = field(default_factory=list)


def _project_where(scope: Scope | None, district: str, year: int | None) -> list[ColumnElement[bool]]:
    return project_filter(scope, Filters(district=district, year=year))


def today(s: Session, scope: Scope | None, *, district: str, year: int | None, on: dt.date) -> Today:
    where = _project_where(scope, district, year)
    by_status = {st: 0 for st in STATUSES}
    households = 0
    for status, n, hh in s.execute(select(Project.status, func.count(), func.coalesce(func.sum(Project.households), 0))
                                   .where(*where).group_by(Project.status)):
        by_status[status] = by_status.get(status, 0) + n
        households += int(hh or 0)
    open_ = Rectification.status.in_(OPEN_NOTICE)
    row = s.execute(
        select(func.count(),
               func.coalesce(func.sum(case((Rectification.deadline < on, 1), else_=0)), 0),
               func.coalesce(func.sum(case((Rectification.action == RequiredAction.STOP_WORK.value, 1), else_=0)), 0))
        .select_from(Rectification).join(Project, Project.id == Rectification.project_id)
        .where(open_, Rectification.deleted.is_(False), *where)).one()
    month_start = dt.datetime(on.year, on.month, 1, tzinfo=CHINA_TZ).astimezone(dt.UTC)
    signed = s.scalar(select(func.count()).select_from(Acceptance).join(Project, Project.id == Acceptance.project_id)
                      .where(Acceptance.locked_at >= month_start, Acceptance.deleted.is_(False), *where)) or 0
    return Today(by_status, households, int(row[0]), int(row[1]), int(row[2]), int(signed))


def progress(s: Session, scope: Scope | None, *, year: int) -> list[dict[str, Any]]:
    """Per district: the year's target and how many communities and households have started."""
    from inspector.office.models import DistrictTarget

    where = [Project.deleted.is_(False), Project.plan_year == year]
    if scope is not None:
        where.append(Project.id.in_(scope.projects()))
    started = Project.status.in_(STARTED)
    rows = {d: {"district": d, "planned": n, "started": int(st or 0), "households": int(hh or 0),
                "target_communities": 0, "target_households": 0}
            for d, n, st, hh in s.execute(
                select(Project.district, func.count(), func.sum(case((started, 1), else_=0)),
                       func.sum(case((started, func.coalesce(Project.households, 0)), else_=0)))
                .where(*where).group_by(Project.district))}
    for t in s.scalars(select(DistrictTarget).where(DistrictTarget.year == year)):
        r = rows.setdefault(t.district, {"district": t.district, "planned": 0, "started": 0, "households": 0})
        r["target_communities"], r["target_households"] = t.communities, t.households
    if scope is not None:
        visible = set(s.scalars(select(Project.district).where(*where).distinct()))
        rows = {d: r for d, r in rows.items() if d in visible}
    out = sorted(rows.values(), key=lambda r: r["district"])
    for r in out:
        r.setdefault("target_communities", 0)
        r.setdefault("target_households", 0)
        r["pct"] = round(100 * r["started"] / r["target_communities"]) if r["target_communities"] else None
    return out


# ---- a project ---------------------------------------------------------------------------------------

def project(s: Session, scope: Scope | None, project_id: str) -> Project | None:
    q = select(Project).where(Project.id == project_id, Project.deleted.is_(False))
    if scope is not None:
        q = q.where(Project.id.in_(scope.projects()))
    return s.scalars(q).first()


def _live(model: Any, project_id: str) -> Select[Any]:
    return select(model).where(model.project_id == project_id, model.deleted.is_(False))


def project_detail(s: Session, p: Project) -> dict[str, Any]:
    parties = s.scalars(_live(Party, p.id).order_by(Party.role)).all()
    persons = s.scalars(_live(Person, p.id).order_by(Person.role)).all()
    party_names = {x.id: x.name for x in parties}
    return {
        "inspector": s.scalar(select(User.name).where(User.id == p.inspector_id)) if p.inspector_id else "",
        "parties": parties,
        "persons": [(x, party_names.get(x.party_id, "")) for x in persons],
        "inspections": s.scalars(_live(Inspection, p.id).order_by(Inspection.started_at.desc())).all(),
        "findings": s.scalars(_live(Finding, p.id).order_by(Finding.deadline)).all(),
        "notices": [(r, party_names.get(r.addressee_party_id or "", "")) for r in
                    s.scalars(_live(Rectification, p.id).order_by(Rectification.issued_on.desc()))],
        "batches": s.scalars(_live(MaterialBatch, p.id).order_by(MaterialBatch.entry_date)).all(),
        "reports": s.scalars(_live(TestReport, p.id).order_by(TestReport.report_date)).all(),
        "complaints": s.scalars(_live(Complaint, p.id).order_by(Complaint.received_at.desc())).all(),
        "acceptances": s.scalars(_live(Acceptance, p.id)).all(),
        "handovers": s.scalars(_live(Handover, p.id)).all(),
    }


@dataclass(frozen=True)
class SignedRecord:
    kind: str
    label: str
    record_id: str
    number: str
    signer: str
    locked_at: dt.datetime | None
    pdf_sha256: str


def signed_records(s: Session, project_id: str) -> list[SignedRecord]:
    """Every signed PDF of the project, of every record kind."""
    out: list[SignedRecord] = []
    for k in RECORD_KINDS.values():
        m = k.model
        if m is RectificationReply:
            q = (select(m).join(Rectification, Rectification.id == m.rectification_id)
                 .where(Rectification.project_id == project_id))
        else:
            q = select(m).where(m.project_id == project_id)
        for row in s.scalars(q.where(m.pdf_sha256.is_not(None), m.deleted.is_(False))):
            out.append(SignedRecord(k.key, k.label_of(row), row.id, k.number_of(row), row.signer_name or "",
                                    row.locked_at, row.pdf_sha256))
    return sorted(out, key=lambda r: (r.locked_at or dt.datetime.min.replace(tzinfo=dt.UTC)))


def signed_record(s: Session, scope: Scope | None, kind: str, record_id: str) -> tuple[Any, str] | None:
    """(the record, its project id) if the viewer may see it and it has a signed PDF."""
    k = RECORD_KINDS.get(kind)
    if k is None:
        return None
    row = s.get(k.model, record_id)
    if row is None or row.deleted or not row.pdf_sha256:
        return None
    pid = s.get(Rectification, row.rectification_id).project_id if k.model is RectificationReply else row.project_id
    return (row, pid) if project(s, scope, pid) is not None else None


# ---- 整改 -------------------------------------------------------------------------------------------

def open_notices(s: Session, scope: Scope | None, *, district: str = "", on: dt.date) -> list[dict[str, Any]]:
    addressee = aliased(Party)
    where = [Rectification.status.in_(OPEN_NOTICE), Rectification.deleted.is_(False), Project.deleted.is_(False)]
    if scope is not None:
        where.append(Project.id.in_(scope.projects()))
    if district:
        where.append(Project.district == district)
    q = (select(Rectification.id, Rectification.notice_no, Rectification.action, Rectification.issued_on,
                Rectification.deadline, Rectification.status, Project.id.label("project_id"), Project.code,
                Project.name.label("project"), Project.district, addressee.name.label("contractor"),
                User.name.label("inspector"))
         .join(Project, Project.id == Rectification.project_id)
         .outerjoin(addressee, addressee.id == Rectification.addressee_party_id)
         .outerjoin(User, User.id == Project.inspector_id)
         .where(*where).order_by(Rectification.deadline.is_(None), Rectification.deadline, Rectification.notice_no))
    week = on + dt.timedelta(days=7)
    out = []
    for r in s.execute(q):
        d = dict(r._mapping)
        d["overdue"] = d["deadline"] is not None and d["deadline"] < on
        d["due_week"] = d["deadline"] is not None and on <= d["deadline"] <= week
        out.append(d)
    return out


def summarise(notices: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    groups: dict[str, dict[str, Any]] = {}
    for n in notices:
        g = groups.setdefault(n[key] or "（未填）", {"name": n[key] or "（未填）", "open": 0, "overdue": 0, "week": 0})
        g["open"] += 1
        g["overdue"] += n["overdue"]
        g["week"] += n["due_week"]
    return sorted(groups.values(), key=lambda g: (-g["overdue"], -g["open"], g["name"]))
