"""演示数据: a realistic dataset for an empty store, for demos, manual testing and screenshots.

Deterministic: a fixed random seed and ids from uuid5, so two runs make the same records. The
demo is written once; a second run finds its marker (or its first project) and does nothing.
Dates hang from a "today" anchor (by default `china_today()`), so some rectification deadlines
are overdue and some are not, whenever the demo runs.

What it holds (see `demo_data.py` for the tables): 13 projects in six districts at every status
from 储备 to 已移交, their parties with valid credit codes, key personnel (one 项目负责人 on two
projects under construction), inspections in every state, findings and notices (overdue, replied,
closed, escalated and re-issued), material batches and test reports (one report number on two
batches, one report dated before its sampling, one agency whose qualification had lapsed on the
report date), complaints and public postings.

Each red flag of issue 10 shows once: a report number out of sequence (RF-05, the back-dated CX-01
report), a witness not on the roster (RF-07, HZ-01), a report commissioned by the contractor (RF-08,
CD-01), a platform check that found a mismatch and one never done (RF-10), 周明 as 总监 on two active
sites (RF-19), 韩志刚 without social insurance (RF-20) and absent at two of three CX-01 visits (RF-21),
one phone for the contractor's and the supervisor's staff (RF-25, CB-01), insulation work on a rainy
3 ℃ day (RF-31, CB-01), a stand-in signing for the contractor at CX-02's acceptance (RF-37) and a 监理
statement "整改情况属实" on a reply the station found 未整改到位 (RF-38, HZ-01).

The joint acceptance, the handover and a blocked acceptance are added by the acceptance work
through the hooks `add_acceptance_and_handover` and `add_blocked_acceptance` below."""

from __future__ import annotations

import datetime as dt
import logging
import random
import uuid
from collections import Counter as Tally
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.demo import data as D
from inspector.demo import records as demo_records
from inspector.domain import (
    Inspection,
    Party,
    Person,
    Project,
    Setting,
    User,
)
from inspector.domain.clock import CHINA_TZ, china_today
from inspector.services.changes import Changes
from inspector.services.errors import UserError
from inspector.services.project_import import renovation_catalogue
from inspector.store import Reader, Unit, use_case

log = logging.getLogger(__name__)

DEMO_SETTING = "demo_dataset"
DEMO_VERSION = "1"
NAMESPACE = uuid.UUID("6b1d3f0e-2c4a-5d8e-9f10-7a6b5c4d3e2f")
SEED = 20210701  # the day the Xining renovation plan took effect; any fixed number would do
CODE_PREFIX = "XN-DEMO-"


def demo_id(kind: str, key: str) -> str:
    """The fixed id of one demo record."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


@dataclass
class DemoContext:
    """What the demo built so far, handed to the later steps and to the hooks."""

    today: dt.date
    rng: random.Random
    projects: dict[str, Project] = field(default_factory=dict)  # by code suffix ("CD-01")
    parties: dict[tuple[str, str], Party] = field(default_factory=dict)  # (suffix, role) -> party
    persons: dict[tuple[str, str], Person] = field(default_factory=dict)  # (suffix, role) -> person
    created: Tally = field(default_factory=Tally)  # table -> rows added

    def day(self, offset: int) -> dt.date:
        return self.today + dt.timedelta(days=offset)

    def at(self, offset: int, hour: int = 9, minute: int = 30) -> dt.datetime:
        """A Xining wall-clock time (UTC+8) `offset` days from today, as aware UTC."""
        local = dt.datetime.combine(self.day(offset), dt.time(hour, minute),
                                    tzinfo=CHINA_TZ)
        return local.astimezone(dt.UTC)

    def add(self, session: Session, obj: Any) -> Any:
        session.add(obj)
        self.created[obj.__tablename__] += 1
        return obj


def is_demo_present(store: Reader) -> bool:
    with store.read() as s:
        if s.get(Setting, DEMO_SETTING) is not None:
            return True
        return s.get(Project, demo_id("project", D.COMMUNITIES[0].code_suffix)) is not None


@use_case
def ensure_demo(uow: Unit, *, today: dt.date | None = None) -> Changes:
    """Fill the store with the demo dataset unless it is there already, in one unit of work: a demo
    killed half way leaves nothing, and the next run builds it whole. `Changes.extra["created"]`
    maps table names to the number of rows added (empty when the demo was already present)."""
    if is_demo_present(uow):
        log.info("demo dataset already present")
        return Changes(extra={"created": {}, "already_present": True})
    from inspector.demo.acceptance import add_acceptance_demo
    from inspector.demo.checklists import add_demo_answers, sign_demo_inspections

    ctx = DemoContext(today=today or china_today(), rng=random.Random(SEED))
    s = uow.session
    codes = [CODE_PREFIX + c.code_suffix for c in D.COMMUNITIES]
    taken = s.scalars(select(Project.code).where(Project.code.in_(codes))).all()
    if taken:
        raise UserError(f"数据库中已有项目编号 {'、'.join(taken)}，演示数据未写入。")
    _add_users(s, ctx)
    for index, c in enumerate(D.COMMUNITIES):
        _add_project(s, ctx, c, index)
    demo_records.add_inspections(s, ctx)
    demo_records.add_materials(s, ctx)
    demo_records.add_complaints_and_postings(s, ctx)
    s.flush()
    inspections = list(s.scalars(select(Inspection.id).where(
        Inspection.project_id.in_([p.id for p in ctx.projects.values()]))))
    add_demo_answers(uow, inspection_ids=inspections)
    sign_demo_inspections(uow, inspection_ids=inspections)
    add_acceptance_demo(uow, today=ctx.today)
    from inspector.demo.enforcement import add_enforcement_demo

    add_enforcement_demo(uow)
    # Last: the marker says the whole demo is there (it commits with everything else, or not at all).
    s.merge(Setting(key=DEMO_SETTING, value=DEMO_VERSION))
    created = dict(sorted(ctx.created.items()))
    log.info("demo dataset written: %s", created)
    return Changes(frozenset(created), frozenset(p.id for p in ctx.projects.values()),
                   extra={"created": created, "already_present": False})


# ---- projects, parties, people -------------------------------------------------------------------

def _add_users(s: Session, ctx: DemoContext) -> None:
    for key, name, badge, district in D.INSPECTORS:
        ctx.add(s, User(login=key, name=name, badge_no=badge, district=district))


def _pick_items(ctx: DemoContext, c: D.Community) -> list[str]:
    """Five 基础类 items and two 完善类 ones, plus 加装电梯 where elevators are added."""
    catalogue = renovation_catalogue()
    elevator = [i for i, _cat, name in catalogue if "电梯" in name]
    basic = [i for i, cat, _name in catalogue if cat == "基础类"]
    better = [i for i, cat, _name in catalogue if cat == "完善类" and i not in elevator]
    chosen = set(ctx.rng.sample(basic, min(len(basic), 5)))
    chosen.update(ctx.rng.sample(better, min(len(better), 2)))
    if c.elevators and elevator:
        chosen.add(elevator[0])
    return sorted(chosen)


_DATES = {  # status -> (permit, start, finish) offsets in days from today; None: not yet
    "储备": (None, None, None), "计划": (None, None, None), "在建": (-130, -120, None),
    "待验收": (-230, -220, -12), "已验收": (-420, -400, -200), "已移交": (-520, -500, -320),
}


def _add_project(s: Session, ctx: DemoContext, c: D.Community, index: int) -> None:
    rng = ctx.rng
    permit, start, finish = (ctx.day(x) if x is not None else None for x in _DATES[c.status])
    if start:
        plan_year = start.year
    else:
        plan_year = ctx.today.year + (1 if c.status == "储备" else 0)
    per_household = 15000 + rng.randrange(0, 8001, 500)
    per_elevator = 150000 + rng.randrange(0, 50001, 5000)
    subsidy = c.households * per_household + c.elevators * per_elevator
    resident = c.households * rng.choice((300, 500, 800)) + c.elevators * 120000
    utility = rng.randrange(200000, 800001, 10000)
    bonds = rng.choice((0, 500000, 1000000))
    total = subsidy + resident + utility + bonds
    district_letter = c.code_suffix.split("-")[0]
    p = ctx.add(s, Project(
        id=demo_id("project", c.code_suffix), code=CODE_PREFIX + c.code_suffix,
        name=f"{c.community_name}老旧小区改造项目", community_name=c.community_name, district=c.district,
        street=c.street, community=c.community, address=f"西宁市{c.district}{c.address}",
        lat=c.lat, lon=c.lon, year_built=c.year_built, buildings=c.buildings, households=c.households,
        floor_area=c.floor_area, renovation_items=_pick_items(ctx, c), plan_year=plan_year,
        status=c.status, elevators=c.elevators, building_height_m=c.height_m,
        permit_no=f"630{index + 100}{plan_year}0{index + 1:02d}01" if permit else "",
        supervision_no=f"XNJD-{plan_year}-{district_letter}{index + 1:03d}" if permit else "",
        permit_date=permit, start_date=start, finish_date=finish,
        contract_price=round(total * 0.92, -2) if permit else None,
        fund_subsidy=float(subsidy), fund_resident=float(resident), fund_utility=float(utility),
        fund_bonds=float(bonds), fund_other=0.0,
        inspector_id=demo_records.user_id(D.INSPECTORS[index % 2][0]),
        notes="演示数据" if c.status != "储备" else "演示数据；待纳入年度计划",
    ))
    ctx.projects[c.code_suffix] = p
    firms = [D.OWNER_BY_DISTRICT[c.district], c.designer]
    if c.status not in ("储备",):
        firms += [c.contractor, c.supervisor, c.lab] if permit else [c.designer]
    for key in dict.fromkeys(firms):
        firm = D.FIRMS_BY_KEY[key]
        party = ctx.add(s, Party(
            id=demo_id("party", f"{c.code_suffix}:{firm.role}"), project_id=p.id, role=firm.role,
            name=firm.name, credit_code=firm.credit_code, qualification=firm.qualification,
            qualification_no=firm.qualification_no,
            qualification_expiry=ctx.day(firm.expiry_offset_days) if firm.qualification else None,
            safety_licence_no=firm.safety_licence_no, contact_person=firm.contact_person,
            contact_phone=firm.contact_phone, complaint_phone=firm.complaint_phone))
        ctx.parties[(c.code_suffix, firm.role)] = party
    for spec in D.personnel(c, index):
        party = ctx.parties.get((c.code_suffix, spec.firm_role))
        if party is None:
            continue
        # Verification on site: all found, except the social insurance of 韩志刚 on his second project.
        insured = not (spec.role == "项目负责人" and c.code_suffix == "CX-01")
        person = ctx.add(s, Person(
            id=demo_id("person", f"{c.code_suffix}:{spec.role}"), party_id=party.id, project_id=p.id,
            name=spec.name, role=spec.role, registration_no=spec.registration_no,
            safety_cert_no=spec.safety_cert_no, phone=spec.phone,
            labour_contract_verified=True, social_insurance_verified=insured,
            on_site_verified=c.status == "在建", verified_on=ctx.day(-100) if start else None,
            active_from=start, active_to=finish))
        ctx.persons[(c.code_suffix, spec.role)] = person
