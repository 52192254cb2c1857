"""The work lists over a store of hundreds of rows: each holds a page, asks the store for more as
the inspector scrolls, and leaves sorting and filtering to the store's query (issue 13)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from inspector.ui.context import AppContext, ChangeBus
from inspector.ui.models.paged import PAGE
from tests.bulk_lists import bulk_inspections
from tests.bulk_projects import bulk_projects
from tests.conftest import type_text

N = 700  # inspections: three pages and a half


def column(view, c: int) -> list[str]:
    return [view.model.index(r, c).data() for r in range(view.model.rowCount())]


def settled(view) -> bool:  # type: ignore[no-untyped-def]
    return view.model.query is not None and not view.model.pending


@pytest.fixture
def inspections(qtbot, store, registry):
    from inspector.ui.views.inspections import InspectionsView

    projects = bulk_projects(store, 20)
    bulk_inspections(store, projects, N)
    v = InspectionsView(AppContext(store=store, bus=ChangeBus(), checklists=registry))
    qtbot.addWidget(v)
    v.resize(1200, 700)
    v.show()
    qtbot.waitUntil(lambda: settled(v) and v.model.rowCount() > 0)
    return v


def test_inspections_open_with_one_page_and_fetch_more(qtbot, qtmodeltester, inspections):
    v = inspections
    assert v.model.rowCount() == PAGE and v.model.total == N
    assert v.count.text() == f"共 {N} 条"
    assert column(v, 0)[:3] == ["JC-0000", "JC-0001", "JC-0002"]  # newest first
    v.model.fetchMore()
    qtbot.waitUntil(lambda: v.model.rowCount() == 2 * PAGE)
    v.table.scrollToBottom()  # the view asks for the next page itself
    qtbot.waitUntil(lambda: v.model.rowCount() == 3 * PAGE)
    assert column(v, 0)[-1] == f"JC-{3 * PAGE - 1:04d}" and len(set(column(v, 0))) == 3 * PAGE
    qtmodeltester.check(v.model)


def test_inspections_sort_by_a_header_is_the_stores_order(qtbot, inspections):
    v = inspections
    v.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # 记录编号
    qtbot.waitUntil(lambda: v.model.query.sort == "record_no" and settled(v))
    assert v.model.rowCount() == PAGE  # still one page: the query sorted, not the model
    assert column(v, 0)[:2] == ["JC-0000", "JC-0001"]
    v.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: v.model.query.descending and settled(v))
    assert column(v, 0)[0] == f"JC-{N - 1:04d}"
    v.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # 项目, by code
    qtbot.waitUntil(lambda: v.model.query.sort == "project" and settled(v))
    projects = [p.split()[0] for p in column(v, 1)]
    assert projects == sorted(projects, reverse=True) and projects[0] == "XN-00019" and len(projects) == PAGE
    v.table.sortByColumn(6, Qt.SortOrder.AscendingOrder)  # 状态, in workflow order
    qtbot.waitUntil(lambda: v.model.query.sort == "status" and settled(v))
    assert set(column(v, 6)) == {"草稿"}
    v.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: v.model.query.descending and settled(v))
    assert set(column(v, 6)) == {"已签署"}
    v.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)  # 检查人员
    qtbot.waitUntil(lambda: v.model.query.sort == "inspector" and settled(v))
    assert set(column(v, 4)) == {"张监督"}  # the first of the three in code-point order, a third of 700
    # 问题数 is counted per shown row: not a sort order, and a click on it keeps the sort shown.
    v.table.sortByColumn(5, Qt.SortOrder.AscendingOrder)
    qtbot.wait(50)
    assert v.model.query.sort == "inspector" and v.table.horizontalHeader().sortIndicatorSection() == 4


def test_inspections_filters_narrow_in_the_store(qtbot, inspections):
    v = inspections
    v.status.setCurrentIndex(v.status.findData("completed"))
    qtbot.waitUntil(lambda: v.model.query.status == "completed" and settled(v))
    assert v.model.total == len([i for i in range(N) if i % 3 == 1]) and set(column(v, 6)) == {"已完成"}
    type_text(qtbot, v.search, "JC-01")  # one query after the burst of keys
    qtbot.waitUntil(lambda: v.model.query.text == "JC-01" and settled(v))
    expected = [f"JC-{i:04d}" for i in range(N) if i % 3 == 1 and f"JC-{i:04d}".startswith("JC-01")]
    assert column(v, 0) == expected and v.count.text() == f"共 {len(expected)} 条"
    v.search.clear()
    v.status.setCurrentIndex(0)
    qtbot.waitUntil(lambda: v.model.query.text == "" and v.model.query.status is None and settled(v))
    assert v.model.total == N and v.model.rowCount() == PAGE


def test_inspections_a_project_narrows_and_the_selection_survives_a_refresh(qtbot, inspections):
    v = inspections
    v.picker.select("XN-p3")
    qtbot.waitUntil(lambda: v.model.query.project_id == "XN-p3" and settled(v))
    assert v.model.total == N // 20 and {r.project_id for r in v.model.rows} == {"XN-p3"}
    v.table.setCurrentIndex(v.model.index(4, 0))
    chosen = v.model.row_at(4).id
    v.refresh()
    qtbot.waitUntil(lambda: settled(v))
    assert v.model.row_at(v.table.currentIndex().row()).id == chosen


@pytest.mark.parametrize("text", ['"', "*", "'", "%", "_", "\\", "JC-0%", "a' OR '1'='1", '"JC" *'])
def test_inspections_search_takes_special_characters_literally(qtbot, inspections, text):
    v = inspections
    v.search.setText(text)
    qtbot.waitUntil(lambda: v.model.query.text == text and settled(v))
    assert v.model.total == 0 and v.model.rowCount() == 0  # no record holds them: nothing matches
    assert v.count.text() == "共 0 条" and "没有符合筛选条件" in v.table.viewport().findChild(
        __import__("PySide6.QtWidgets", fromlist=["QLabel"]).QLabel, "emptyText").text()


# -- 整改跟踪 ----------------------------------------------------------------------------------------

@pytest.fixture
def notices(qtbot, store, registry):
    from inspector.ui.views.rectifications import RectificationsView
    from tests.bulk_lists import TODAY, bulk_rectifications

    rows = bulk_rectifications(store, bulk_projects(store, 20), N)
    v = RectificationsView(AppContext(store=store, bus=ChangeBus(), checklists=registry))
    qtbot.addWidget(v)
    v.today = TODAY
    v.set_quick_filter(0)  # 全部
    v.resize(1200, 700)
    v.show()
    qtbot.waitUntil(lambda: settled(v) and v.model.query.today == TODAY and v.model.query.quick == "all")
    return v, rows


def test_notices_page_and_count_open_due_and_overdue(qtbot, qtmodeltester, notices):
    from tests.bulk_lists import TODAY

    v, rows = notices
    assert v.model.rowCount() == PAGE and v.model.total == N and v.count.text() == f"共 {N} 条"
    assert column(v, 5)[:2] == [str(rows[0]["deadline"]), str(rows[1]["deadline"])]  # earliest deadline first
    v.model.fetchMore()
    qtbot.waitUntil(lambda: v.model.rowCount() == 2 * PAGE)
    qtmodeltester.check(v.model)
    waiting = [r for r in rows if r["status"] == "issued"]
    overdue = [r for r in waiting if r["deadline"] < TODAY]
    due = [r for r in waiting if TODAY <= r["deadline"] <= TODAY + __import__("datetime").timedelta(days=7)]
    opened = [r for r in rows if r["status"] != "closed"]
    v.summary.clear()
    v.refresh()  # the counts as of TODAY
    qtbot.waitUntil(lambda: "未销项" in v.summary.text())
    assert v.summary.text() == f"未销项 {len(opened)} 份，本周到期 {len(due)} 份，已逾期 {len(overdue)} 份"
    v.set_quick_filter(3)  # 已逾期, in SQL
    qtbot.waitUntil(lambda: v.model.query.quick == "overdue" and settled(v))
    assert column(v, 1) == [r["notice_no"] for r in overdue] and v.count.text() == f"共 {len(overdue)} 条"
    assert column(v, 6)[0] == "30" and column(v, 6)[-1] == str((TODAY - overdue[-1]["deadline"]).days)


def test_notices_sort_by_a_header_is_the_stores_order(qtbot, notices):
    v, rows = notices
    v.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # 通知书编号
    qtbot.waitUntil(lambda: v.model.query.sort == "notice_no" and settled(v))
    assert column(v, 1)[:2] == [f"ZG-{N - 1:04d}", f"ZG-{N - 2:04d}"] and v.model.rowCount() == PAGE
    v.table.sortByColumn(7, Qt.SortOrder.AscendingOrder)  # 状态, in workflow order
    qtbot.waitUntil(lambda: v.model.query.sort == "status" and settled(v))
    assert set(column(v, 7)[:N // 4]) == {"已下发"} and set(column(v, 7)[N // 4:]) == {"已回复"}
    v.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)  # 逾期天数: the most overdue first
    qtbot.waitUntil(lambda: v.model.query.sort == "days_overdue" and settled(v))
    assert column(v, 6)[:2] == ["30", "26"]
    v.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)  # 严重程度: from the findings, not a sort order
    qtbot.wait(50)
    assert v.model.query.sort == "days_overdue" and v.table.horizontalHeader().sortIndicatorSection() == 6


def test_notices_search_and_project_narrow_in_the_store(qtbot, notices):
    v, rows = notices
    type_text(qtbot, v.search, "ZG-001")
    qtbot.waitUntil(lambda: v.model.query.text == "ZG-001" and settled(v))
    assert column(v, 1) == [f"ZG-{i:04d}" for i in range(10, 20)]
    v.search.clear()
    v.picker.select("XN-p3")
    qtbot.waitUntil(lambda: v.model.query.project_id == "XN-p3" and not v.model.query.text and settled(v))
    assert v.model.total == N // 20 and {r.project_id for r in v.model.rows} == {"XN-p3"}


@pytest.mark.parametrize("text", ['"', "*", "'", "%", "_", "\\", "ZG-0%", "a' OR '1'='1"])
def test_notices_search_takes_special_characters_literally(qtbot, notices, text):
    v, _rows = notices
    v.search.setText(text)
    qtbot.waitUntil(lambda: v.model.query.text == text and settled(v))
    assert v.model.total == 0 and v.count.text() == "共 0 条"


def test_a_broad_search_is_counted_up_to_a_cap_and_pages_on(qtbot, inspections, monkeypatch):
    from inspector.services import inspection_list, paging

    monkeypatch.setattr(inspection_list, "COUNT_CAP", 300)  # 1000 in the app; the store here has 700
    monkeypatch.setattr(paging, "BROAD", 250)  # 3000 in the app: past it the words are tested row by row
    v = inspections
    v.search.setText("JC")
    qtbot.waitUntil(lambda: v.model.query.text == "JC" and settled(v))
    assert v.model.capped and v.model.total == 300 and v.count.text() == "共 300+ 条"
    v.model.fetchMore()
    qtbot.waitUntil(lambda: v.model.rowCount() == 2 * PAGE)
    v.model.fetchMore()
    qtbot.waitUntil(lambda: v.model.rowCount() == 3 * PAGE)  # past the cap: the rows go on
    assert v.model.total > 3 * PAGE


# -- 投诉台账 ----------------------------------------------------------------------------------------

@pytest.fixture
def complaints(qtbot, store):
    from inspector.ui.views.complaints import ComplaintsView
    from tests.bulk_lists import bulk_complaints

    projects = bulk_projects(store, 2)
    rows = bulk_complaints(store, projects[1], N)
    bulk_complaints(store, projects[0], 3)  # another project's: never shown with this one
    v = ComplaintsView(AppContext(store=store, bus=ChangeBus()))
    qtbot.addWidget(v)
    v.resize(1200, 700)
    v.show()
    v.project.select(projects[1])
    qtbot.waitUntil(lambda: v.project_id == projects[1] and not v.loading and v.complaints.rowCount() > 0)
    return v, rows


def test_complaints_page_sort_and_filter_in_the_store(qtbot, qtmodeltester, complaints):
    v, rows = complaints
    m = v.complaints
    assert m.rowCount() == PAGE and m.total == N and v.count.text().startswith(f"共 {N} 条；投诉 {N} 件")
    assert [r.content for r in m.rows[:2]] == ["第0件投诉", "第1件投诉"]  # newest first
    assert m.rows[5].phone_masked == "139****0005"  # masked in the query's rows too
    m.fetchMore()
    qtbot.waitUntil(lambda: m.rowCount() == 2 * PAGE)
    qtmodeltester.check(m)
    v.complaint_table.sortByColumn(7, Qt.SortOrder.DescendingOrder)  # 期限: the store's order
    qtbot.waitUntil(lambda: m.query.sort == "deadline" and not m.pending)
    assert m.rowCount() == PAGE and m.rows[0].content == f"第{N - 1}件投诉"
    v.complaint_table.sortByColumn(8, Qt.SortOrder.AscendingOrder)  # 状态, in workflow order
    qtbot.waitUntil(lambda: m.query.sort == "status" and not m.pending)
    assert {r.status for r in m.rows} == {"open"}
    v.complaint_table.sortByColumn(6, Qt.SortOrder.AscendingOrder)  # 电话: masked, not a sort order
    qtbot.wait(50)
    assert m.query.sort == "status" and v.complaint_table.horizontalHeader().sortIndicatorSection() == 8
    v.status.setCurrentIndex(v.status.findData("resolved"))
    qtbot.waitUntil(lambda: m.query.status == "resolved" and not m.pending)
    assert m.total == len([r for r in rows if r["status"] == "resolved"]) and {r.status for r in m.rows} == {"resolved"}
    type_text(qtbot, v.search, "第1")
    qtbot.waitUntil(lambda: m.query.text == "第1" and not m.pending)
    expected = sorted(r["content"] for r in rows if r["status"] == "resolved" and r["content"].startswith("第1"))
    assert sorted(r.content for r in m.rows) == expected and v.count.text().startswith(f"共 {len(expected)} 条")


@pytest.mark.parametrize("text", ['"', "*", "'", "%", "_", "\\", "第1%", "a' OR '1'='1", "1390000"])
def test_complaints_search_takes_special_characters_literally(qtbot, complaints, text):
    v, _rows = complaints
    v.search.setText(text)  # the phone is personal data: not searched
    qtbot.waitUntil(lambda: v.complaints.query.text == text and not v.complaints.pending)
    assert v.complaints.total == 0 and v.count.text().startswith("共 0 条")
    assert "没有符合筛选条件" in v.complaint_table.viewport().findChild(
        __import__("PySide6.QtWidgets", fromlist=["QLabel"]).QLabel, "emptyText").text()
