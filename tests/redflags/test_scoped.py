"""A project's flags, read around the project through the identifier index, are exactly the flags a
read of the whole store gives it: on stores where identifiers collide the way people type them
(full-width, spaces, case, +86), people and reports cross projects, and rows are edited, moved,
deleted and brought back afterwards."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3

import pytest
from sqlalchemy import select, text

from inspector.domain import MaterialBatch, Party, Person, Project, TestReport
from inspector.services import redflags as rs
from inspector.services.errors import NotFound
from inspector.store import flag_keys

TODAY = dt.date(2026, 6, 1)
EXCLUSIVE = ("项目负责人", "技术负责人", "质量负责人", "安全负责人")
ROLES = (*EXCLUSIVE, "总监理工程师", "见证人员")
NAMES = ("王伟", "王 伟", "李娜", "张强", "刘洋", "陈静")
REGS = ("", "", "青163201", "青 163201", "青１６３２０１", "甘262002", "甘262002 ")
PHONES = ("", "0971-8123456", "+86 0971 8123456", "13812345678", "138 1234 5678", "+86-13812345678", "09718000111")
FIRMS = (("青海建工集团", "91630000710400000A"), ("西宁市政公司", ""), ("西宁市政公司", "91630100MA75A2B31X"),
         ("青海 建工集团", ""))
AGENCIES = ("青海建科检测有限公司", "青海建科检测有限公司 ", "西宁质检中心")
CERTS = ("", "HG-9", "hg-9", "ＨＧ-９", "HG-10")
NUMBERS = ("JC-2026-0417", "JC-2026-0418", "jc-2026-0417", "JC-2026-0300", "BG-7", "BG-07", "ＪＣ-2026-0500")


def _day(rnd: random.Random, lo: str = "2025-06-01", span: int = 420) -> dt.date:
    return dt.date.fromisoformat(lo) + dt.timedelta(days=rnd.randrange(span))


def _number(rnd: random.Random) -> str:
    """Mostly a lab's running numbers (RF-05 compares them), now and then one typed twice (RF-01)."""
    if rnd.random() < 0.3:
        return rnd.choice(NUMBERS)
    n = rnd.randrange(1, 120)  # unpadded now and then: the same running number, not the same report number
    return f"{rnd.choice(('JC-2026-', 'jc-2026-', 'ＪＣ-2026-'))}{n:04d}" if rnd.random() < 0.8 else f"JC-2026-{n}"


def _fill(store, rnd: random.Random) -> list[str]:
    """Twelve projects whose firms, people, batches and reports share identifiers across projects."""
    with store.unit() as uow:
        s = uow.session
        projects = [Project(code=f"XN-{n:03d}", name=f"小区{n}", status=rnd.choice(("在建", "在建", "待验收", "竣工", "储备")),
                            permit_date=_day(rnd), start_date=_day(rnd), finish_date=rnd.choice((None, _day(rnd))))
                    for n in range(12)]
        s.add_all(projects)
        s.flush()
        parties = []
        for p in projects:
            for role in ("施工单位", "监理单位", "建设单位"):
                name, code = rnd.choice(FIRMS)
                parties.append(Party(project_id=p.id, role=role, name=name, credit_code=code,
                                     contact_phone=rnd.choice(PHONES), complaint_phone=rnd.choice(PHONES)))
        s.add_all(parties)
        s.flush()
        for p in projects:
            mine = [x for x in parties if x.project_id == p.id]
            for _ in range(rnd.randrange(3, 7)):
                party = rnd.choice(mine) if rnd.random() > 0.15 else rnd.choice(parties)  # now and then elsewhere
                s.add(Person(project_id=p.id, party_id=party.id, name=rnd.choice(NAMES), role=rnd.choice(ROLES),
                             registration_no=rnd.choice(REGS), phone=rnd.choice(PHONES),
                             active_from=rnd.choice((None, _day(rnd))), active_to=rnd.choice((None, _day(rnd, "2026-03-01"))),
                             verified_on=rnd.choice((None, _day(rnd))), labour_contract_verified=rnd.random() > 0.5))
        batches = []
        for p in projects:
            for n in range(rnd.randrange(1, 4)):
                batches.append(MaterialBatch(
                    project_id=p.id, material="防水卷材", batch_no=f"B{n}", manufacturer=rnd.choice(("东方雨虹", "东方 雨虹", "科顺")),
                    quantity=rnd.choice((None, 300.0, 600.0)), unit=rnd.choice(("m²", "ｍ²")), entry_date=_day(rnd),
                    certificate_no=rnd.choice(CERTS), certificate_quantity=rnd.choice((None, 800.0)),
                    used=rnd.random() > 0.5, used_on=rnd.choice((None, _day(rnd))), witness_name=rnd.choice(NAMES)))
        s.add_all(batches)
        s.flush()
        for p in projects:
            mine = [b for b in batches if b.project_id == p.id]
            for _ in range(rnd.randrange(1, 5)):
                batch = rnd.choice(mine) if rnd.random() > 0.3 else rnd.choice(batches)
                s.add(TestReport(project_id=p.id, batch_id=rnd.choice((batch.id, batch.id, None)),
                                 agency=rnd.choice(AGENCIES), report_no=_number(rnd),
                                 report_date=rnd.choice((None, _day(rnd))), sampled_on=_day(rnd),
                                 conclusion=rnd.choice(("合格", "不合格")), witness_name=rnd.choice(NAMES)))
        return [p.id for p in projects]


def _edit(store, rnd: random.Random, pids: list[str]) -> None:
    """Renumber, rename, move, delete and undelete: what edits and synced rows do to identifiers."""
    with store.unit() as uow:
        s = uow.session
        people = list(s.scalars(select(Person)))
        for person in rnd.sample(people, 6):
            person.registration_no = rnd.choice(REGS)
            person.phone = rnd.choice(PHONES)
        for person in rnd.sample(people, 3):
            person.deleted = not person.deleted
        reports = list(s.scalars(select(TestReport)))
        for report in rnd.sample(reports, 4):
            report.report_no = _number(rnd)
            report.report_date = _day(rnd)
        moved = rnd.choice(reports)
        moved.project_id = rnd.choice(pids)
        for party in rnd.sample(list(s.scalars(select(Party))), 4):
            party.contact_phone = rnd.choice(PHONES)
        for batch in rnd.sample(list(s.scalars(select(MaterialBatch))), 2):
            batch.certificate_no = rnd.choice(CERTS)
        s.get(Project, pids[0]).deleted = True
        s.get(Project, pids[1]).status = "在建"


def _same_both_ways(store, pids: list[str]) -> int:
    whole = rs.all_flags(store, today=TODAY)
    with store.read() as s:
        live = set(s.scalars(select(Project.id).where(Project.deleted.is_(False))))
    for pid in pids:
        if pid not in live:
            with pytest.raises(NotFound):
                rs.flags_for_project(store, project_id=pid, today=TODAY)
            continue
        assert rs.flags_for_project(store, project_id=pid, today=TODAY) == [f for f in whole if f.project_id == pid]
    return len(whole)


def _index_is_current(store) -> None:
    """What the triggers left equals the index built afresh from the rows."""
    queries = (f"SELECT kind, key, row_id, project_id FROM {flag_keys.TABLE} ORDER BY 1, 2, 3",
               f"SELECT row_id, series, day, number, project_id FROM {flag_keys.NUMBERS} ORDER BY 1",
               f"SELECT series, day, top FROM {flag_keys.DAYS} ORDER BY 1, 2")
    conn = sqlite3.connect(store.store.path, isolation_level=None)
    try:
        flag_keys.register(conn)
        held = [conn.execute(q).fetchall() for q in queries]
        conn.execute("BEGIN")
        for table in (flag_keys.TABLE, flag_keys.NUMBERS, flag_keys.DAYS):
            conn.execute(f"DELETE FROM {table}")
        for statement in flag_keys.fill_statements():
            conn.execute(statement)
        fresh = [conn.execute(q).fetchall() for q in queries]
        conn.execute("ROLLBACK")
    finally:
        conn.close()
    assert held == fresh and all(held)


@pytest.mark.parametrize("seed", range(1, 9))
def test_a_projects_flags_are_the_whole_stores_flags_for_it(store, seed):
    rnd = random.Random(seed)
    pids = _fill(store, rnd)
    cross = _same_both_ways(store, pids)
    _index_is_current(store)
    _edit(store, rnd, pids)
    _same_both_ways(store, pids)
    _index_is_current(store)
    assert cross > 10  # the stores do raise flags, cross-project ones among them
    with store.read() as s:
        kinds = {k for (k,) in s.execute(text(f"SELECT DISTINCT kind FROM {flag_keys.TABLE}"))}
    assert kinds == {"report_no", "certificate", "registration", "name", "person_phone", "party_phone", "phone_firm"}


def test_the_stores_cross_project_rules_all_fire(store):
    """The generated stores exercise every cross-project rule, so the equality above means something."""
    rules_seen: set[str] = set()
    pids = _fill(store, random.Random(7))
    for pid in pids:
        rules_seen |= {f.rule for f in rs.flags_for_project(store, project_id=pid, today=TODAY)}
    assert {"RF-01", "RF-05", "RF-13", "RF-18", "RF-19", "RF-25"} <= rules_seen


def test_a_report_read_for_another_rule_is_judged_against_its_whole_series(store):
    """Q's report hangs on P's batch, so P reads it (RF-11, RF-12). Its lab issued a higher number
    than P's in between (R's), so the lead is Q's against R's, not against P's: reading it without
    what came before it would raise a false RF-05 on P."""
    d = dt.date(2026, 4, 1)
    with store.unit() as uow:
        s = uow.session
        p, q, r = (Project(code=f"XN-{n}", name=f"小区{n}", status="在建") for n in "PQR")
        s.add_all([p, q, r])
        s.flush()
        batch = MaterialBatch(project_id=p.id, material="防水卷材", quantity=10.0, entry_date=d)
        s.add(batch)
        s.flush()
        lab = "青海建科检测有限公司"
        s.add_all([TestReport(project_id=p.id, batch_id=batch.id, agency=lab, report_no="JC-2026-0100", report_date=d),
                   TestReport(project_id=r.id, agency=lab, report_no="JC-2026-0200", report_date=d + dt.timedelta(5)),
                   TestReport(project_id=q.id, batch_id=batch.id, agency=lab, report_no="JC-2026-0050",
                              report_date=d + dt.timedelta(10))])
        pids = [p.id, q.id, r.id]
    whole = rs.all_flags(store, today=TODAY)
    assert {f.project_id for f in whole if f.rule == "RF-05"} == {q.id, r.id}
    assert [f.rule for f in rs.flags_for_project(store, project_id=pids[0], today=TODAY)].count("RF-05") == 0
    _same_both_ways(store, pids)


def test_a_firms_phone_given_by_a_person_of_another_firm(store):
    """Firm A gives 0971-8123456 on two projects; a person of firm B on a third project gives it
    too. Two firms on one number: the lead names all three uses, from whichever project it is read."""
    with store.unit() as uow:
        s = uow.session
        projects = [Project(code=f"XN-{n}", name=f"小区{n}", status="在建") for n in "PQR"]
        s.add_all(projects)
        s.flush()
        p, q, r = (x.id for x in projects)
        a_p = Party(project_id=p, role="施工单位", name="青海宏远建设工程有限公司", contact_phone="0971-8123456")
        a_r = Party(project_id=r, role="施工单位", name="青海宏远建设工程有限公司", contact_phone="0971 8123456")
        b_q = Party(project_id=q, role="施工单位", name="西宁鼎盛建设工程有限公司")
        s.add_all([a_p, a_r, b_q])
        s.flush()
        s.add(Person(project_id=q, party_id=b_q.id, name="张强", role="项目负责人", phone="+86 0971-8123456"))
    (flag,) = [f for f in rs.flags_for_project(store, project_id=p, today=TODAY) if f.rule == "RF-25"]
    assert flag.message.count("施工单位") == 3
    _same_both_ways(store, [p, q, r])


def test_one_phone_given_by_two_firms_and_no_person(store):
    """Firms A and B each give 0971-8777666 as their contact on their own project (A on two); no
    person lists it. The index alone must tell two firms from one firm on several projects."""
    with store.unit() as uow:
        s = uow.session
        projects = [Project(code=f"XN-{n}", name=f"小区{n}", status="在建") for n in "PQRS"]
        s.add_all(projects)
        s.flush()
        p, q, r, lone = (x.id for x in projects)
        s.add_all([Party(project_id=p, role="施工单位", name="青海宏远建设工程有限公司", contact_phone="0971-8777666"),
                   Party(project_id=r, role="施工单位", name="青海宏远建设工程有限公司", contact_phone="09718777666"),
                   Party(project_id=q, role="监理单位", name="西宁鼎盛监理有限公司", complaint_phone="0971 8777666"),
                   # One firm on two projects with its own number: not a lead.
                   Party(project_id=lone, role="施工单位", name="青海路通建设有限公司", contact_phone="0971-8555444"),
                   Party(project_id=p, role="建设单位", name="青海路通建设有限公司", contact_phone="0971-8555444")])
    for pid in (p, q, r):
        (flag,) = [f for f in rs.flags_for_project(store, project_id=pid, today=TODAY) if f.rule == "RF-25"]
        assert "8777666" in flag.message and "鼎盛" in flag.message and "宏远" in flag.message
    assert not [f for f in rs.flags_for_project(store, project_id=lone, today=TODAY) if f.rule == "RF-25"]
    _same_both_ways(store, [p, q, r, lone])
