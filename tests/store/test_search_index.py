"""The project search index (FTS5 trigram) follows every write path, and answers as the register
promises: every word must occur, one- and two-character words too, code and name matches first."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest
from sqlalchemy import select

from inspector.domain import Party, Person, Project
from inspector.services import projects as svc
from inspector.store import Actor, Mode, open_workspace
from inspector.sync.client import SYNC_ACTOR
from inspector.sync.state import apply_remote
from inspector.sync.wire import Batch, row_of


def codes(store, text="", **kw) -> list[str]:
    return [r.code for r in svc.search_projects(store, text=text, **kw)]


def index_rows(store) -> int:
    with sqlite3.connect(store.path) as c:
        return c.execute("SELECT count(*) FROM project_search").fetchone()[0]


def make(store, code, name, *, address="", firm="", person=""):
    pid, _ = svc.create_project(store, fields={"code": code, "name": name, "district": "城东区",
                                               "status": "在建", "plan_year": "2026", "address": address})
    party = None
    if firm:
        party, _ = svc.save_party(store, project_id=pid, fields={"role": "施工单位", "name": firm})
    if person:
        svc.save_person(store, project_id=pid, party_id=party, fields={"role": "项目负责人", "name": person})
    return pid, party


def test_create_edit_delete_and_undelete_keep_the_index_current(store):
    pid, _ = make(store, "XN-2026-001", "民和巷小区改造", address="八一路12号")
    assert codes(store, "民和巷") == ["XN-2026-001"] and codes(store, "八一路") == ["XN-2026-001"]
    svc.update_project(store, project_id=pid, fields={"name": "胜利路小区改造"})
    assert codes(store, "民和巷") == [] and codes(store, "胜利路") == ["XN-2026-001"]
    svc.update_project(store, project_id=pid, fields={"code": "XN-2026-777"})
    assert codes(store, "xn-2026-7") == ["XN-2026-777"] and codes(store, "XN-2026-001") == []
    svc.delete_record(store, kind="project", record_id=pid)
    assert codes(store, "胜利路") == [] and index_rows(store) == 0
    with store.unit() as uow:  # undelete (an undo, a restore)
        uow.session.get(Project, pid).deleted = False
    assert codes(store, "胜利路") == ["XN-2026-777"] and index_rows(store) == 1


def test_party_and_person_changes_follow(store):
    pid, party = make(store, "XN-1", "甲小区", firm="青海宏远建设工程有限公司", person="马建国")
    assert codes(store, "宏远建设") == ["XN-1"] and codes(store, "马建国") == ["XN-1"]
    svc.save_party(store, project_id=pid, party_id=party, fields={"role": "施工单位", "name": "西海建设有限公司"})
    assert codes(store, "宏远建设") == [] and codes(store, "西海建设") == ["XN-1"]
    assert svc.search_projects(store, text="甲小区")[0].contractor == "西海建设有限公司"
    person = svc.get_project(store, pid).persons[0]["id"]
    svc.save_person(store, project_id=pid, party_id=party, person_id=person,
                    fields={"role": "项目负责人", "name": "李海平"})
    assert codes(store, "马建国") == [] and codes(store, "李海平") == ["XN-1"]
    svc.delete_record(store, kind="party", record_id=party)  # its people go with it
    assert codes(store, "西海建设") == [] and codes(store, "李海平") == []
    assert svc.search_projects(store, text="甲小区")[0].contractor == ""


def test_rows_applied_from_the_office_are_indexed(store, tmp_path):
    office = open_workspace(tmp_path / "office", Actor("站长"))
    try:
        pid, party = make(office, "XN-OFFICE-1", "南关街小区", firm="青海宏远建设工程有限公司", person="王文斌")
        with office.read() as s:
            rows = [row_of(s.get(Project, pid)), row_of(s.get(Party, party)),
                    *[row_of(p) for p in s.scalars(select(Person).where(Person.project_id == pid))]]
        with store.store.unit(SYNC_ACTOR, Mode.REMOTE) as uow:  # parts before their project, as they may come
            apply_remote(uow, Batch("office", rows[::-1], [], [], "1", False, "pull"))
        assert codes(store, "南关街") == codes(store, "王文斌") == codes(store, "宏远") == ["XN-OFFICE-1"]
        with office.unit() as uow:
            uow.session.get(Project, pid).deleted = True
        with office.read() as s:
            tombstone = row_of(s.get(Project, pid))
        with store.store.unit(SYNC_ACTOR, Mode.REMOTE) as uow:
            apply_remote(uow, Batch("office", [tombstone], [], [], "2", False, "pull"))
        assert codes(store, "南关街") == []
    finally:
        office.close()


@pytest.fixture
def four(store):
    make(store, "XN-A-1", "城东区民和巷小区改造", address="西宁市城东区八一路1号", firm="青海宏远建设工程有限公司",
         person="马建国")
    make(store, "XN-A-2", "南关街小区", address="西宁市城中区南大街2号", firm="西宁城建集团有限公司", person="李海平")
    make(store, "XN-B-3", "胜利路小区改造", address="西宁市城西区胜利路3号", firm="青海宏远建设工程有限公司",
         person="王文斌")
    make(store, "XN-B-4", "宏远家属院", address="西宁市城北区小桥大街4号", firm="青海正衡建设有限公司", person="王八一")


@pytest.mark.parametrize("text,expected", [
    ("王", ["XN-B-3", "XN-B-4"]),  # one character, anywhere (a person's name)
    ("桥", ["XN-B-4"]),  # one character at a field's end-ish
    ("号", ["XN-A-1", "XN-A-2", "XN-B-3", "XN-B-4"]),  # one character that ends every address
    ("八一", ["XN-A-1", "XN-B-4"]),  # two characters: an address and the end of a name
    ("b-", ["XN-B-3", "XN-B-4"]),  # two ASCII characters, any case
    ("胜利 宏远", ["XN-B-3"]),  # every word must occur
    ("王 一", ["XN-B-4"]),
    ("城建 宏远", []),
    ("不存在", []),
    ("\"", []),  # FTS syntax in a word is a literal, not an error
    ("a\"b OR c", []),
])
def test_short_words_and_every_word(store, four, text, expected):
    assert sorted(codes(store, text)) == expected


def test_code_and_name_matches_rank_first(store, four):
    # 宏远 is XN-B-4's name, and the contractor of XN-A-1 and XN-B-3.
    assert codes(store, "宏远") == ["XN-B-4", "XN-A-1", "XN-B-3"]
    assert codes(store, "宏") == ["XN-B-4", "XN-A-1", "XN-B-3"]
    assert codes(store, "小区") == ["XN-A-1", "XN-A-2", "XN-B-3"]  # all in the name: by code
    assert codes(store, "xn-b") == ["XN-B-3", "XN-B-4"]


def test_a_bulk_load_rebuilds_the_index_once(store):
    from tests.bulk_projects import bulk_projects

    bulk_projects(store, 50)
    assert codes(store, "小区4") == ["XN-00004", *[f"XN-{i:05d}" for i in range(40, 50)]]
    assert codes(store, "第12建设") == ["XN-00012", "XN-00025", "XN-00038"]
    make(store, "XN-9999", "后来的小区")  # the triggers are back
    assert codes(store, "后来的") == ["XN-9999"]


def _reference(rows, q, *, key):  # type: ignore[no-untyped-def]
    """What `find_projects` must answer, computed plainly from every live row."""
    words = q.text.lower().split()
    hits = [r for r in rows
            if all(w in " ".join((r.code, r.name, r.address, r.district, r.contractor)).lower() for w in words)
            and (not q.district or r.district == q.district) and (not q.status or r.status == q.status)
            and (not q.year or r.plan_year == q.year)]
    return sorted(hits, key=key, reverse=q.descending)


_KEYS = {
    "code": lambda r: r.code, "name": lambda r: (r.name, r.code), "district": lambda r: (r.district, r.code),
    "plan_year": lambda r: (r.plan_year or 0, r.code), "households": lambda r: (r.households or 0, r.code),
    "contractor": lambda r: (r.contractor, r.id),
}


@pytest.mark.parametrize("broad", [10, 100_000], ids=["walk-the-sort-index", "from-the-matches"])
def test_every_way_in_answers_what_a_plain_filter_does(store, monkeypatch, broad):
    """Words, filters, sorts and pages, through each way `find_projects` has in (narrow rows or the
    register's indexes, a broad word walking an index or a narrow one sorted), against a plain filter
    over all rows: the same projects, in the same order, and the same count."""
    from inspector.services import project_search as ps
    from tests.bulk_projects import bulk_projects

    monkeypatch.setattr(ps, "BROAD", broad)
    ids = bulk_projects(store, 400)
    with store.unit() as uow:  # a deleted project is in no answer or count; a status change is seen
        uow.session.get(Project, ids[7]).deleted = True
        uow.session.get(Project, ids[8]).status = "已移交"
        uow.session.get(Project, ids[9]).plan_year = 2031
    with store.read() as s:
        everything = ps.find_projects(s, ps.ProjectQuery()).rows
    assert len(everything) == 399 and ids[7] not in {r.id for r in everything}
    queries = [
        ps.ProjectQuery(), ps.ProjectQuery(text="小区1"), ps.ProjectQuery(text="第3建设"),
        ps.ProjectQuery(text="建设 西区"), ps.ProjectQuery(text="号"), ps.ProjectQuery(text="13"),
        ps.ProjectQuery(district="城西区"), ps.ProjectQuery(status="已移交"), ps.ProjectQuery(year=2031),
        ps.ProjectQuery(district="城东区", status="在建"), ps.ProjectQuery(status="已移交", year=2022),
        ps.ProjectQuery(district="城中区", status="已移交", year=2021),
        ps.ProjectQuery(text="小区", district="城北区"), ps.ProjectQuery(text="有限公司", status="储备", year=2020),
    ]
    for base in queries:
        for sort, descending in (("code", False), ("code", True), ("name", False), ("district", True),
                                 ("plan_year", False), ("households", True), ("contractor", False)):
            q = dataclasses.replace(base, sort=sort, descending=descending)
            expected = [r.id for r in _reference(everything, q, key=_KEYS[sort])]
            with store.read() as s:
                first = ps.find_projects(s, q, limit=30)
                second = ps.find_projects(s, q, offset=30, limit=30)
            assert [r.id for r in first.rows + second.rows] == expected[:60], q
            assert first.total == len(expected) or (first.capped and first.total <= len(expected)), q
