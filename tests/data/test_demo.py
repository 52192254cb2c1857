"""The demo dataset: required content, valid data, and idempotence."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest
from sqlalchemy import func, select

from inspector.demo.seed import ensure_demo, is_demo_present
from inspector.domain import (
    AuditEvent,
    Base,
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
    TestReport,
)
from inspector.domain.rules.rectification import is_overdue
from inspector.domain.rules.validation import check_credit_code
from inspector.services.project_import import renovation_catalogue
from tests.conftest import DEMO_TODAY

TODAY = dt.date(2027, 3, 15)


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_template):
    """The session's demo store (built once, anchored on TODAY), for the read-only tests here."""
    from inspector.store import Actor, open_workspace

    assert TODAY == DEMO_TODAY
    st = open_workspace(demo_template, Actor("测试监督员"))
    yield st, st.get_setting("demo_created")
    st.close()


def _all(store, model):
    with store.read() as s:
        return list(s.scalars(select(model)))


def _counts(store) -> dict[str, int]:
    with store.read() as s:
        return {t.name: s.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}


def test_projects_districts_statuses_and_funding(demo):
    store, changes = demo
    projects = _all(store, Project)
    assert len(projects) >= 12
    assert len({p.district for p in projects}) >= 5
    assert {p.status for p in projects} == {"储备", "计划", "在建", "待验收", "已验收", "已移交"}
    assert json.loads(changes)["projects"] == len(projects)
    catalogue = {i: cat for i, cat, _name in renovation_catalogue()}
    if catalogue:  # forms/renovation-items.toml ships with the app; the demo draws from it
        for p in projects:
            assert p.renovation_items and set(p.renovation_items) <= set(catalogue)
            assert ("elevator" in p.renovation_items) == bool(p.elevators)
    for p in projects:
        assert 1985 <= p.year_built <= 2000
        assert p.buildings > 0 and p.households > 0 and p.floor_area > 0
        # Policy floor: 15 000 yuan per household for building-body work, 150 000 per elevator.
        assert p.fund_subsidy >= 15000 * p.households + 150000 * (p.elevators or 0), p.code
        if p.status in ("在建", "待验收", "已验收", "已移交"):
            assert p.permit_date and p.start_date and p.permit_date <= p.start_date
        if p.finish_date:
            assert p.start_date <= p.finish_date


def test_parties_have_valid_credit_codes_and_roles(demo):
    store, _ = demo
    parties = _all(store, Party)
    assert {"建设单位", "设计单位", "施工单位", "监理单位", "检测单位"} <= {p.role for p in parties}
    for p in parties:
        assert len(p.credit_code) == 18
        assert check_credit_code(p.credit_code) is None, (p.name, p.credit_code)
    assert all(p.complaint_phone for p in parties if p.role == "监理单位")
    # One contractor's qualification has lapsed: a red flag for the app to raise.
    assert any(p.role == "施工单位" and p.qualification_expiry < TODAY for p in parties)


def test_key_personnel_and_the_manager_on_two_active_projects(demo):
    store, _ = demo
    with store.read() as s:
        rows = s.execute(select(Person, Project.status).join(Project, Project.id == Person.project_id)).all()
    roles = {p.role for p, _ in rows}
    assert {"项目负责人", "技术负责人", "质量负责人", "安全负责人", "总监理工程师"} <= roles
    active_pm = Counter(p.registration_no for p, status in rows if p.role == "项目负责人" and status == "在建")
    assert max(active_pm.values()) == 2
    assert any(not p.social_insurance_verified for p, _ in rows)


def test_inspections_findings_and_rectifications(demo):
    store, _ = demo
    inspections = _all(store, Inspection)
    assert {i.status for i in inspections} == {"draft", "completed", "signed"}
    assert len({i.record_no for i in inspections}) == len(inspections)
    notices = _all(store, Rectification)
    overdue = [r for r in notices if is_overdue(r.deadline, r.status, TODAY)]
    assert len(overdue) >= 2
    assert any(r.status == "issued" and not is_overdue(r.deadline, r.status, TODAY) for r in notices)
    assert {"issued", "replied", "closed", "escalated"} <= {r.status for r in notices}
    reissued = [r for r in notices if r.reissued_from_id]
    assert reissued and {r.id for r in notices if r.status == "escalated"} == {r.reissued_from_id for r in reissued}
    assert any(r.action == "停工整改" for r in notices)
    findings = _all(store, Finding)
    assert {"open", "notified", "replied", "closed"} <= {f.status for f in findings}
    assert {"一般", "较重", "严重"} == {f.severity for f in findings}
    replies = _all(store, RectificationReply)
    assert {"同意销项", "未整改到位", ""} == {r.verdict for r in replies}
    by_notice = {r.id: r for r in notices}
    # Replies have their own series (复字), so no two devices can give two replies one number.
    assert len({r.reply_no for r in replies}) == len(replies)
    for reply in replies:
        assert "复字〔" in reply.reply_no
        assert reply.replied_on >= by_notice[reply.rectification_id].issued_on
    assert all(("停字〔" if r.action == "停工整改" else "整字〔") in r.notice_no for r in notices)


def test_overdue_follows_the_today_anchor(store):
    ensure_demo(store, today=TODAY)
    notices = _all(store, Rectification)
    # Relative to the anchor, the same notices are overdue whenever the demo is made.
    assert sum(is_overdue(r.deadline, r.status, TODAY) for r in notices) >= 2
    assert not any(is_overdue(r.deadline, r.status, TODAY - dt.timedelta(days=60)) for r in notices
                   if r.issued_on > TODAY - dt.timedelta(days=30))


def test_materials_and_the_three_report_problems(demo):
    store, _ = demo
    reports = _all(store, TestReport)
    batches = {b.id: b for b in _all(store, MaterialBatch)}
    assert len(batches) >= 10
    by_no = Counter(r.report_no for r in reports)
    dup = [no for no, n in by_no.items() if n > 1]
    assert len(dup) == 1
    assert len({r.batch_id for r in reports if r.report_no == dup[0]}) == 2
    early = [r for r in reports if r.report_date < r.sampled_on]
    assert len(early) == 1
    lapsed = [r for r in reports if r.agency_qualification_expiry < r.report_date]
    assert len(lapsed) == 1
    assert any(r.conclusion == "不合格" for r in reports)
    for r in reports:
        assert r.batch_id in batches and batches[r.batch_id].project_id == r.project_id


def test_complaints_and_postings(demo):
    store, _ = demo
    complaints = _all(store, Complaint)
    assert len({c.channel for c in complaints}) >= 5
    assert {"open", "in_progress", "resolved"} == {c.status for c in complaints}
    assert any(c.finding_id for c in complaints)
    with store.read() as s:
        linked = s.scalars(select(Finding.id).where(Finding.id.in_([c.finding_id for c in complaints
                                                                     if c.finding_id]))).all()
    assert len(linked) == len({c.finding_id for c in complaints if c.finding_id})
    postings = _all(store, PublicPosting)
    kinds = {(p.project_id, p.kind) for p in postings}
    assert any(p.call_answered is False for p in postings)
    building = [p for p in _all(store, Project) if p.permit_date]
    missing = [p for p in building if (p.id, "监理单位投诉电话") not in kinds]
    assert len(missing) == 1


def test_second_run_adds_nothing(store):
    first = ensure_demo(store, today=TODAY)
    counts = _counts(store)
    assert is_demo_present(store)
    second = ensure_demo(store, today=TODAY)
    assert second.extra["created"] == {} and second.extra["already_present"]
    assert _counts(store) == counts
    assert counts["projects"] == first.extra["created"]["projects"]
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == counts["audit_events"]


def test_ids_are_the_same_in_every_store(tmp_path, demo_template):
    from inspector.store import open_workspace

    ids = []
    st = open_workspace(tmp_path / "a")  # a new store, beside the one the session built
    ensure_demo(st, today=TODAY)
    for store in (st, open_workspace(demo_template)):
        with store.read() as s:
            ids.append((sorted(s.scalars(select(Project.id))), sorted(s.scalars(select(Finding.id))),
                        sorted(s.scalars(select(TestReport.report_no)))))
        store.close()
    assert ids[0] == ids[1]


def test_the_red_flags_the_demo_is_made_to_show(demo):
    """The planted problems are found by the red-flag rules, and nothing unplanned is."""
    from inspector.services.redflags import all_flags

    store, _ = demo
    flags = all_flags(store, today=TODAY)
    rules = Counter(f.rule for f in flags)
    # RF-01 report number twice, RF-02 report before sampling, RF-04 lab qualification lapsed,
    # RF-18 one 项目负责人 on two sites, RF-24 contractor qualification lapsed, RF-30 overdue notices.
    assert {"RF-01", "RF-02", "RF-04", "RF-18", "RF-24", "RF-30"} <= set(rules)
    assert rules["RF-01"] == rules["RF-02"] == rules["RF-04"] == 1
    assert all("项目负责人" in f.message for f in flags if f.rule == "RF-18")
    assert "RF-13" not in rules  # certificates are not reused across batches by accident


def test_the_demo_shows_each_red_flag_of_issue_10_once(demo):
    """Each rule added for issue 10 raises exactly one lead in the demo (a lead spanning two projects
    is shown in both, with one key); RF-10 shows its two variants, a failed check and none done."""
    from inspector.services.redflags import all_flags

    store, _ = demo
    keys: dict[str, set[str]] = {}
    for f in all_flags(store, today=TODAY):
        keys.setdefault(f.rule, set()).add(f.key)
    for rule in ("RF-05", "RF-07", "RF-08", "RF-19", "RF-20", "RF-21", "RF-25", "RF-31", "RF-37", "RF-38"):
        assert len(keys.get(rule, ())) == 1, (rule, keys.get(rule))
    assert {k.split(":")[0] for k in keys["RF-10"]} == {"RF-10/failed", "RF-10/unchecked"}


def test_demo_findings_name_current_items_and_readable_bases():
    from inspector.checklists.citations import default_table, parse_basis
    from inspector.checklists.registry import load_registry
    from inspector.demo import data as D

    reg = load_registry()
    for item, _text, _where, severity, _action, basis in D.FINDINGS:
        hit = reg.find_item(item)
        assert hit is not None, item
        assert severity in ("一般", "较重", "严重") and parse_basis(basis, default_table())[1] == [], item
