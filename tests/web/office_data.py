"""Data for the office pages' tests: the demo laptop synced into a real office over HTTP (so the
office holds what laptops really send, signed PDFs included), plus office-side rows that make each
cross-inspector red flag fire and stored texts that carry markup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from inspector.domain import Complaint, Party, Person, Project, Rectification, TestReport
from inspector.office.core import Office
from inspector.store import Workspace

HOSTILE = '<script>document.title="pwned"</script><b id="injected">粗体</b>'


def sync_demo(demo_dir: Path, url: str, user: str, password: str) -> Workspace:
    """Sign the demo laptop in as `user` and sync everything it holds into the office."""
    from inspector.services import account
    from inspector.services import sync as sync_svc
    from inspector.store import Actor, open_workspace

    ws = open_workspace(demo_dir, Actor("测试监督员"))
    account.login(ws, url, user, password)
    summary = sync_svc.sync_now(ws)
    assert summary.pushed > 100 and not summary.refused, summary
    return ws


def add_cross_flags(office: Office, *, today: dt.date) -> dict[str, str]:
    """A second project in another district (城西区) that shares a key person, a test report number
    and an expired lab with a demo project; a project name and a complaint that carry markup.
    Written at the office (a local edit there), as a second inspector's sync would leave them."""
    with office.workspace.unit() as uow:
        s = uow.session
        demo = s.scalars(select(Project).where(Project.deleted.is_(False)).order_by(Project.code)).first()
        person = s.scalars(select(Person).where(Person.project_id == demo.id, Person.registration_no != "")).first()
        report = s.scalars(select(TestReport).where(TestReport.project_id == demo.id)).first()
        other = Project(code="XN-WEB-01", name="西川南路小区改造", community_name="西川南路小区", district="城西区",
                        street="西关街道", plan_year=today.year, status="在建", households=320,
                        start_date=today - dt.timedelta(days=1))
        hostile = Project(code="XN-WEB-02", name="胜利路小区" + HOSTILE, district="城西区", plan_year=today.year,
                          status="计划", households=80)
        s.add_all([other, hostile])
        s.flush()
        # The contractor of a demo project under 停工整改 (when the demo has one) builds here as well.
        stopped = s.execute(select(Party.name, Party.credit_code, Rectification.issued_on).join(Rectification, Rectification.addressee_party_id == Party.id)
                            .where(Rectification.action == "停工整改", Rectification.status.in_(("issued", "replied")),
                                   Party.role == "施工单位").order_by(Rectification.issued_on)).first()
        name, code, since = stopped if stopped else ("青海某建设工程有限公司", "91630100XXXXXXXX1A", today)
        other.start_date = since + dt.timedelta(days=1)
        party = Party(project_id=other.id, role="施工单位", name=name, credit_code=code)
        s.add(party)
        s.flush()
        if person is not None:
            s.add(Person(project_id=other.id, party_id=party.id, name=person.name, role=person.role,
                         registration_no=person.registration_no))
        if report is not None:
            s.add(TestReport(project_id=other.id, agency=report.agency, report_no=report.report_no, sample="同一报告"))
        s.add(TestReport(project_id=other.id, agency="西宁某检测有限公司", report_no="JC-WEB-EXPIRED",
                         agency_qualification_expiry=today - dt.timedelta(days=30), report_date=today - dt.timedelta(days=2)))
        s.add(Complaint(project_id=other.id, received_at=dt.datetime.now(dt.UTC), channel="电话",
                        content="楼道堆放材料" + HOSTILE))
        return {"demo": demo.id, "other": other.id, "hostile": hostile.id,
                "person": person.registration_no if person else "", "report": report.report_no if report else ""}
