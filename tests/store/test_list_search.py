"""The text indexes of the inspections list and 整改跟踪 (FTS5 trigram) follow every write path — a
bulk insert, an edit, a delete and an undelete, a project renamed, rows applied from the office in any
order — and a search answers what the plain `LIKE` test over every row answers, in the list's order,
one- and two-character words and FTS syntax included."""

from __future__ import annotations

import dataclasses
import sqlite3
from types import SimpleNamespace

import pytest
from sqlalchemy import create_engine, select

from inspector.domain import Inspection, Project, Rectification
from inspector.services import paging
from inspector.services import projects as svc
from inspector.services.inspection_list import InspectionQuery, find_inspections
from inspector.services.rectification_list import RectificationQuery, find_rectifications
from inspector.store import Actor, Mode, open_workspace
from inspector.store.db import DB_NAME
from inspector.store.migrate import config
from inspector.sync.client import SYNC_ACTOR
from inspector.sync.state import apply_remote
from inspector.sync.wire import Batch, row_of
from tests.bulk_lists import TODAY, bulk_inspections, bulk_rectifications
from tests.bulk_projects import bulk_projects


def records(store, text: str, **kw) -> list[str]:  # type: ignore[no-untyped-def]
    with store.read() as s:
        return [r.record_no for r in find_inspections(s, InspectionQuery(text=text, **kw)).rows]


def notices(store, text: str, **kw) -> list[str]:  # type: ignore[no-untyped-def]
    q = RectificationQuery(text=text, quick="all", today=TODAY, sort="notice_no", **kw)
    with store.read() as s:
        return [r.notice_no for r in find_rectifications(s, q).rows]


def index_rows(store, name: str) -> int:  # type: ignore[no-untyped-def]
    with sqlite3.connect(store.path) as c:
        return c.execute(f"SELECT count(*) FROM {name}").fetchone()[0]


@pytest.fixture
def small(store):
    projects = bulk_projects(store, 3)
    bulk_inspections(store, projects, 6)
    bulk_rectifications(store, projects, 4)
    return store, projects


def test_edits_deletes_and_undeletes_keep_the_index_current(small):
    store, _ = small
    assert index_rows(store, "inspection_search") == 6 and index_rows(store, "rectification_search") == 4
    assert records(store, "第3次检查") == ["JC-0003"]
    with store.unit() as uow:
        insp = uow.session.get(Inspection, "insp-3")
        insp.summary, insp.inspector_name = "屋面防水层空鼓", "马建国"
        uow.session.get(Rectification, "rect-2").requirements = "更换劣质钢筋"
    assert records(store, "第3次检查") == [] and records(store, "防水层") == ["JC-0003"]
    assert records(store, "马建国") == ["JC-0003"] and records(store, "马") == ["JC-0003"]
    assert notices(store, "劣质钢筋") == ["ZG-0002"] and notices(store, "第2项") == []
    with store.unit() as uow:
        uow.session.get(Inspection, "insp-3").deleted = True
        uow.session.get(Rectification, "rect-2").deleted = True
    assert records(store, "防水层") == [] and notices(store, "钢筋") == []
    assert index_rows(store, "inspection_search_rows") == 5 and index_rows(store, "rectification_search") == 3
    with store.unit() as uow:  # an undo, a restore
        uow.session.get(Inspection, "insp-3").deleted = False
        uow.session.get(Rectification, "rect-2").deleted = False
    assert records(store, "防水层") == ["JC-0003"] and notices(store, "钢筋") == ["ZG-0002"]


def test_a_project_renamed_or_moved_to_is_searched_by_its_new_name(small):
    store, projects = small
    # Inspections 0 and 3 and notices 0 and 3 belong to the first project (小区0); newest first.
    svc.update_project(store, project_id=projects[0], fields={"name": "民和巷小区", "code": "XN-2026-777"})
    assert records(store, "民和巷") == ["JC-0000", "JC-0003"] and records(store, "xn-2026-7") == ["JC-0000", "JC-0003"]
    assert notices(store, "民和巷") == ["ZG-0000", "ZG-0003"] and records(store, "小区0") == []
    with store.unit() as uow:  # an inspection moved to another project (a wrong pick corrected)
        uow.session.get(Inspection, "insp-1").project_id = projects[0]
    assert records(store, "民和巷") == ["JC-0000", "JC-0001", "JC-0003"]


def test_rows_applied_from_the_office_are_indexed_whatever_comes_first(store, tmp_path):
    office = open_workspace(tmp_path / "office", Actor("站长"))
    try:
        projects = bulk_projects(office, 1, prefix="OF")
        bulk_inspections(office, projects, 1)
        bulk_rectifications(office, projects, 1)
        with office.unit() as uow:
            uow.session.get(Project, projects[0]).name = "南关街小区"
        with office.read() as s:
            rows = [row_of(s.get(Project, projects[0])), row_of(s.get(Inspection, "insp-0")),
                    row_of(s.get(Rectification, "rect-0"))]
        with store.store.unit(SYNC_ACTOR, Mode.REMOTE) as uow:  # the records before their project
            apply_remote(uow, Batch("office", rows[::-1], [], [], "1", False, "pull"))
        assert records(store, "南关街") == ["JC-0000"] and notices(store, "南关街") == ["ZG-0000"]
        with office.unit() as uow:
            uow.session.get(Inspection, "insp-0").deleted = True
            uow.session.get(Rectification, "rect-0").requirements = "拆除违规搭建"
        with office.read() as s:
            rows = [row_of(s.get(Inspection, "insp-0")), row_of(s.get(Rectification, "rect-0"))]
        with store.store.unit(SYNC_ACTOR, Mode.REMOTE) as uow:
            apply_remote(uow, Batch("office", rows, [], [], "2", False, "pull"))
        assert records(store, "南关街") == [] and notices(store, "违规搭建") == ["ZG-0000"]
    finally:
        office.close()


def test_a_store_from_before_the_index_gets_it_filled_when_opened(data_dir):
    from alembic import command

    open_workspace(data_dir).close()
    engine = create_engine(f"sqlite:///{data_dir / DB_NAME}")
    command.downgrade(config(engine), "0011")  # the store before the index, with rows in it
    old = SimpleNamespace(engine=engine)
    bulk_inspections(old, bulk_projects(old, 2), 4)
    with engine.connect() as conn:
        assert not conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'inspection_search'").all()
    engine.dispose()
    st = open_workspace(data_dir)  # opening migrates: the index is built from the rows in the store
    try:
        assert index_rows(st, "inspection_search") == 4 and records(st, "第2次") == ["JC-0002"]
        assert records(st, "小区1") == ["JC-0001", "JC-0003"] and records(st, "检") == [
            "JC-0000", "JC-0001", "JC-0002", "JC-0003"]
    finally:
        st.close()


# -- every search answers what a plain LIKE over every row answers -----------------------------------

@pytest.fixture
def many(store):
    projects = bulk_projects(store, 30)
    bulk_inspections(store, projects, 400)
    bulk_rectifications(store, projects, 300)
    with store.unit() as uow:
        uow.session.get(Inspection, "insp-7").deleted = True
        uow.session.get(Inspection, "insp-9").summary = "100% 合格_\\ \"引号\" '单引号' *星号*"
        uow.session.get(Rectification, "rect-5").deleted = True
    return store


def _inspection_text(r) -> str:  # type: ignore[no-untyped-def]
    return " ".join((r.record_no, r.project_code, r.project_name, r.kind, r.inspector_name)).lower()


WORDS = ["第1", "JC-00", "jc-01 第1", "小区2", "巡查", "王", "巡", "1", "检查 小区1", "%", "_", "\\", "'", '"',
         "*", '"引号"', "100%", "合格_", "a' OR '1'='1", "不存在的词", "第3次检查", "NEAR", "JC-0 OR"]


@pytest.mark.parametrize("broad", [10, 100_000], ids=["broad-walks-the-order", "from-the-matches"])
def test_every_search_answers_what_a_plain_filter_does(many, monkeypatch, broad):
    monkeypatch.setattr(paging, "BROAD", broad)
    store = many
    with store.read() as s:
        everything = find_inspections(s, InspectionQuery()).rows
        summaries = dict(s.execute(select(Inspection.id, Inspection.summary)).all())
        notes = find_rectifications(s, RectificationQuery(quick="all", today=TODAY, sort="notice_no")).rows
        requirements = dict(s.execute(select(Rectification.id, Rectification.requirements)).all())
    assert len(everything) == 399 and len(notes) == 299
    for text in WORDS:
        words = text.lower().split()
        for sort, descending in (("started_at", True), ("record_no", False), ("project", True), ("status", False)):
            q = InspectionQuery(text=text, sort=sort, descending=descending)
            with store.read() as s:
                wanted = [r.id for r in find_inspections(s, dataclasses.replace(q, text="")).rows
                          if all(w in _inspection_text(r) + " " + summaries[r.id].lower() for w in words)]
                first = find_inspections(s, q, limit=25)
                second = find_inspections(s, q, offset=25, limit=25)
            assert [r.id for r in first.rows + second.rows] == wanted[:50], q
            assert first.total == len(wanted) or (first.capped and first.total <= len(wanted)), q
        wanted = [r.id for r in notes if all(
            w in " ".join((r.project_code, r.project_name, r.notice_no, requirements[r.id], r.action)).lower()
            for w in words)]
        with store.read() as s:
            found = find_rectifications(s, RectificationQuery(text=text, quick="all", today=TODAY, sort="notice_no"))
        assert [r.id for r in found.rows] == wanted and found.total == len(wanted), text

