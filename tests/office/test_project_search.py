"""The office's project search on SQLite and PostgreSQL (pg_trgm indexes from office migration
0005): the laptop's semantics — every word in the project's text or its parties' and people's
names, one- and two-character words too, code and name matches first."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from inspector.domain import Party, Person, Project
from inspector.office.store import OfficeStore
from inspector.services.project_search import office_search_projects
from inspector.store import Actor
from tests.office.conftest import DIALECTS, new_database


@pytest.fixture(params=DIALECTS)
def office(request, tmp_path):
    url = new_database(request) if request.param == "postgresql" else None
    store = OfficeStore(tmp_path / "office", url)
    rows = [("XN-A-1", "城东区民和巷小区改造", "八一路1号", "青海宏远建设工程有限公司", "马建国"),
            ("XN-A-2", "南关街小区", "南大街2号", "西宁城建集团有限公司", "李海平"),
            ("XN-B-3", "胜利路小区改造", "胜利路3号", "青海宏远建设工程有限公司", "王文斌"),
            ("XN-B-4", "宏远家属院", "小桥大街4号", "青海正衡建设有限公司", "王八一")]
    with store.unit(Actor("站长")) as uow:
        s = uow.session
        for i, (code, name, address, firm, person) in enumerate(rows):
            p = Project(code=code, name=name, district="城东区", status="在建", address=address)
            s.add(p)
            s.flush()
            party = Party(project_id=p.id, role="施工单位", name=firm)
            s.add(party)
            s.flush()
            s.add(Person(project_id=p.id, party_id=party.id, role="项目负责人", name=person, deleted=i == 3))
    yield request.param, store
    store.close()


def codes(store, words: str, **kw) -> list[str]:
    with store.read() as s:
        return [r.code for r in office_search_projects(s, text=words, **kw)]


@pytest.mark.parametrize("words,expected", [
    ("宏远", ["XN-B-4", "XN-A-1", "XN-B-3"]),  # XN-B-4 by its name first, then by the contractor
    ("王", ["XN-B-3"]),  # one character; XN-B-4's 王八一 is deleted
    ("八一", ["XN-A-1"]),
    ("xn-b", ["XN-B-3", "XN-B-4"]),
    ("胜利 宏远", ["XN-B-3"]),
    ("100%", []),
    ("_", []),
])
def test_office_search(office, words, expected):
    _dialect, store = office
    assert codes(store, words) == expected


def test_office_search_uses_the_trigram_indexes_on_postgresql(office):
    dialect, store = office
    if dialect != "postgresql":
        assert codes(store, "", status="在建", limit=2) == ["XN-A-1", "XN-A-2"]
        return
    with store.read() as s:
        names = {r[0] for r in s.execute(text("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%trgm'"))}
        assert names == {"ix_projects_search_trgm", "ix_parties_name_trgm", "ix_persons_name_trgm"}
        s.execute(text("SET enable_seqscan = off"))  # a table this small is scanned otherwise
        plan = "\n".join(r[0] for r in s.execute(text(
            "EXPLAIN SELECT project_id FROM parties WHERE deleted = false AND lower(name) LIKE '%宏远建%'")))
        assert "ix_parties_name_trgm" in plan
