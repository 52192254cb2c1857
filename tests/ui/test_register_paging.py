"""The register over a store of thousands of projects: it holds a page, asks the store for more as
the inspector scrolls, and leaves sorting and filtering to the store's query."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from inspector.ui.context import AppContext, ChangeBus
from inspector.ui.models.paged import PAGE
from tests.bulk_projects import bulk_projects
from tests.conftest import type_text

N = 3000


@pytest.fixture
def register(qtbot, store):
    from inspector.ui.views.projects import ProjectsView

    bulk_projects(store, N)
    v = ProjectsView(AppContext(store=store, bus=ChangeBus()))
    qtbot.addWidget(v)
    v.resize(1200, 700)
    v.show()
    qtbot.waitUntil(lambda: not v.loading and v.model.rowCount() > 0)
    return v


def codes(v, column: int = 0) -> list[str]:
    return [v.proxy.index(r, column).data() for r in range(v.proxy.rowCount())]


def test_opens_with_one_page_and_fetches_more(qtbot, qtmodeltester, register):
    v = register
    assert v.model.rowCount() == PAGE and v.model.total == N
    assert "共 3000 个项目" in v.count.text()
    assert codes(v)[:3] == ["XN-00000", "XN-00001", "XN-00002"]
    assert v.model.canFetchMore()
    v.model.fetchMore()
    qtbot.waitUntil(lambda: v.model.rowCount() == 2 * PAGE)
    v.table.scrollToBottom()  # the view asks for the next page itself
    qtbot.waitUntil(lambda: v.model.rowCount() == 3 * PAGE)
    assert codes(v)[-1] == f"XN-{3 * PAGE - 1:05d}"
    qtmodeltester.check(v.model)


def test_sorting_is_the_stores_order(qtbot, register, store):
    v = register
    v.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)  # 户数
    qtbot.waitUntil(lambda: v.model.query.sort == "households" and not v.model.pending)
    assert v.model.rowCount() == PAGE  # still one page: the query sorted, not the model
    households = [int(h) for h in codes(v, 5)]
    assert households == sorted(households, reverse=True) and households[0] == 24 + 96
    with store.read() as s:  # the first page is the top of the whole register, ties by code
        top = [r[0] for r in s.execute(__import__("sqlalchemy").text(
            "SELECT code FROM projects ORDER BY households DESC, code DESC LIMIT 5"))]
    assert codes(v)[:5] == top
    v.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # 状态, in workflow order
    qtbot.waitUntil(lambda: v.model.query.sort == "status" and not v.model.pending)
    assert codes(v, 3)[0] == "储备" and codes(v, 3)[-1] == "储备"
    v.table.sortByColumn(7, Qt.SortOrder.AscendingOrder)  # 施工单位
    qtbot.waitUntil(lambda: v.model.query.sort == "contractor" and not v.model.pending)
    assert codes(v, 7)[0] == "第0建设工程有限公司"


def test_filtering_and_the_latest_keystroke_win(qtbot, register):
    v = register
    v.district.setCurrentIndex(v.district.findData("城北区"))
    qtbot.waitUntil(lambda: v.model.total == N // 4 and not v.model.pending)
    assert set(codes(v, 2)) == {"城北区"}
    type_text(qtbot, v.search, "小区29")  # one query after the burst of keys
    qtbot.waitUntil(lambda: v.model.query.text == "小区29" and not v.model.pending)
    expected = [f"XN-{i:05d}" for i in range(N) if i % 4 == 3 and "小区29" in f"小区{i}"]
    assert codes(v) == expected and len(expected) > 5
    assert f"共 {len(expected)} 个项目" in v.count.text()
    v.search.clear()
    v.district.setCurrentIndex(0)
    qtbot.waitUntil(lambda: v.model.total == N and not v.model.pending)
    assert v.model.rowCount() == PAGE


def test_opening_a_project_far_down_loads_down_to_it(qtbot, register):
    v = register
    v.search.setText("小区1")
    qtbot.waitUntil(lambda: v.model.query.text == "小区1" and not v.model.pending)
    assert v.open_record("project", "XN-p2500")  # filtered out and beyond the first page
    qtbot.waitUntil(lambda: v.page.project_id == "XN-p2500", timeout=5000)
    assert v.search.text() == "" and v.model.rowCount() > 2500
    assert v.table.currentIndex().row() == 2500


def test_the_latest_query_wins(qtbot, register, store):
    """Two queries in flight: the rows shown are the second's, and the first's late answer is dropped."""
    import dataclasses

    from inspector.services.project_search import page_projects

    v = register
    first = dataclasses.replace(v.model.query, text="小区1")
    second = dataclasses.replace(v.model.query, text="小区29")
    v.model.set_query(first)
    stale = v.model.generation
    v.model.set_query(second)
    qtbot.waitUntil(lambda: not v.model.pending)
    assert v.model.query == second and all("29" in c for c in codes(v))
    shown = codes(v)
    v.model._on_first(stale, page_projects(store, first), None)  # the first answer, arriving last
    assert codes(v) == shown


def test_a_common_single_character_is_counted_up_to_a_cap(qtbot, register, monkeypatch):
    """A one-character word that begins many trigrams is a substring test; its page comes at once
    and its count stops at COUNT_CAP ("1000+"), and paging goes on past it."""
    from inspector.services import project_search
    from inspector.store import search_index

    # 区 is in every address; with a city's data it begins thousands of trigrams, here fewer.
    monkeypatch.setattr(search_index, "MAX_TERMS", 5)
    v = register
    v.search.setText("区")
    qtbot.waitUntil(lambda: v.model.query.text == "区" and not v.model.pending)
    assert v.model.capped and v.model.total == project_search.COUNT_CAP
    assert "共 1000+ 个项目" in v.count.text()
    for _ in range(5):
        v.model.fetchMore()
        qtbot.waitUntil(lambda: not v.model.pending)
    assert v.model.rowCount() == 6 * PAGE and v.model.total > 6 * PAGE
    assert codes(v)[:2] == ["XN-00000", "XN-00001"]
