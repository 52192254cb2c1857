"""冲突 over a store that has synced for years: hundreds of conflicts, most of them resolved. The
list holds a page, asks the store for more as the inspector scrolls, and leaves the filter (open
only, or all) and the order (the last changed first) to the store's query (issue 13)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from inspector.domain import Conflict, Project
from inspector.services import conflicts as svc
from inspector.ui.context import AppContext, ChangeBus
from inspector.ui.models.paged import PAGE
from inspector.ui.ops import wait_idle
from tests.bulk_lists import bulk_conflicts
from tests.bulk_projects import bulk_projects

N = 700  # conflicts: 175 open, 525 resolved


def expected(store, *, include_resolved: bool) -> list[str]:
    """The list's ids as a plain Python filter and sort of every conflict would give them."""
    with store.read() as s:
        rows = [c for c in s.scalars(select(Conflict)) if not c.deleted and (include_resolved or not c.resolved)]
    return [c.id for c in sorted(rows, key=lambda c: (c.rev, c.id), reverse=True)]


@pytest.fixture
def many(store):
    projects = bulk_projects(store, 30)
    bulk_conflicts(store, projects, N)
    with store.write() as s:  # one deleted (a tombstone from the office): never listed
        s.get(Conflict, "conflict-00004").deleted = True
    return store


@pytest.mark.parametrize("include_resolved", [False, True])
def test_pages_are_the_filtered_list_in_order_and_counted(many, include_resolved):
    want = expected(many, include_resolved=include_resolved)
    assert len(want) == (N - 1 if include_resolved else N // 4 - 1)
    q = svc.ConflictQuery(include_resolved=include_resolved)
    got, offset = [], 0
    while True:
        page = svc.page_conflicts(many, q, offset=offset, limit=PAGE)
        assert page.total == len(want) and page.offset == offset
        if not page.rows:
            break
        got += [r.id for r in page.rows]
        offset += len(page.rows)
    assert got == want
    assert [r.id for r in svc.conflicts(many, include_resolved=include_resolved)] == want
    first = svc.page_conflicts(many, q, limit=PAGE)
    assert first.open == N // 4 - 1
    row = first.rows[0]  # the snapshot as before: the record it names, both versions, the row's value now
    assert (row.record_label, row.field_label) == (f"项目 XN-000{int(row.row_id[4:]):02d} 小区{int(row.row_id[4:])}", "备注")
    assert row.other_text == f"另一版本{int(row.id[9:])}" and row.kept_text == "（空）" == row.current_text


def test_all_are_counted_up_to_the_cap_the_open_ones_exactly(many, monkeypatch):
    monkeypatch.setattr(svc, "COUNT_CAP", 100)
    page = svc.page_conflicts(many, svc.ConflictQuery(include_resolved=True), limit=PAGE)
    assert len(page.rows) == PAGE and page.capped and page.total == 100 and page.open == N // 4 - 1
    page = svc.page_conflicts(many, svc.ConflictQuery(), limit=PAGE)
    assert not page.capped and page.total == page.open == N // 4 - 1


def settled(view) -> bool:  # type: ignore[no-untyped-def]
    return view.model.query is not None and not view.model.pending


@pytest.fixture
def view(qtbot, many, registry):
    from inspector.ui.views.conflicts import ConflictsView

    v = ConflictsView(AppContext(store=many, bus=ChangeBus(), checklists=registry))
    qtbot.addWidget(v)
    v.resize(1300, 700)
    v.show()
    qtbot.waitUntil(lambda: settled(v) and v.current is not None)
    return v


def ids(view) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.id for r in view.model.rows]


def test_the_list_opens_on_the_open_conflicts_and_shows_all_a_page_at_a_time(qtbot, qtmodeltester, view, many):
    v = view
    open_ = expected(many, include_resolved=False)
    assert ids(v) == open_ and v.model.total == len(open_)
    assert v.count.text() == f"待处理冲突 {len(open_)} 处" and v.total.text() == f"共 {len(open_)} 条"
    assert v.current.id == open_[0] and v.title.text().endswith("— 备注") and v.keep_btn.isEnabled()
    # A conflict in the first page of all, selected; all of them shown: it stays selected.
    v.table.selectRow(10)
    chosen = open_[10]
    assert v.current.id == chosen
    v.show_resolved.setChecked(True)
    every = expected(many, include_resolved=True)
    qtbot.waitUntil(lambda: settled(v) and v.model.total == len(every))
    assert ids(v) == every[:PAGE] and v.total.text() == f"共 {len(every)} 条"
    assert v.count.text() == f"待处理冲突 {len(open_)} 处"
    qtbot.waitUntil(lambda: v.current.id == chosen and v.table.currentIndex().row() == every.index(chosen))
    # One further down than the first page of all: it stays shown beside the list, nothing selected.
    v.show_resolved.setChecked(False)
    qtbot.waitUntil(lambda: settled(v) and v.current.id == chosen and v.table.currentIndex().row() == 10)
    v.table.selectRow(100)
    far = open_[100]
    assert every.index(far) > PAGE
    v.show_resolved.setChecked(True)
    qtbot.waitUntil(lambda: settled(v) and v.model.total == len(every))
    qtbot.waitUntil(lambda: v.current.id == far and not v.table.selectionModel().hasSelection())
    v.table.scrollToBottom()  # the view asks for the next page itself
    qtbot.waitUntil(lambda: v.model.rowCount() == 2 * PAGE)
    assert ids(v) == every[:2 * PAGE]
    qtmodeltester.check(v.model)
    # A resolved one is shown as resolved, its choices closed.
    v.table.selectRow(every.index("conflict-00699"))
    assert "已处理" in v.explain.text() and not v.keep_btn.isEnabled()


def test_the_latest_filter_wins(qtbot, view, many):
    v = view
    for on in (True, False, True, False, True):
        v.show_resolved.setChecked(on)
    qtbot.waitUntil(lambda: settled(v))
    assert v.model.query.include_resolved and ids(v) == expected(many, include_resolved=True)[:PAGE]


def test_a_choice_in_the_list_saves_refreshes_and_undoes(qtbot, view, many):
    v = view
    first, second = expected(many, include_resolved=False)[:2]
    v.table.setFocus()
    qtbot.mouseClick(v.take_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: settled(v) and first not in ids(v) and v.current is not None)
    assert v.current.id == second and v.count.text() == f"待处理冲突 {N // 4 - 2} 处"
    with many.read() as s:
        c = s.get(Conflict, first)
        assert c.resolved and c.resolution == "other"
        assert s.get(Project, c.row_id).notes == c.other_value
    v.table.setFocus()
    qtbot.keyClick(v.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: settled(v) and first in ids(v))
    with many.read() as s:
        c = s.get(Conflict, first)
        assert not c.resolved and s.get(Project, c.row_id).notes == ""
    assert v.count.text() == f"待处理冲突 {N // 4 - 1} 处"


def test_open_record_shows_a_conflict_far_down_the_list(qtbot, view, many):
    v = view
    oldest = expected(many, include_resolved=True)[-2]  # resolved, on the last page: not loaded
    assert v.open_record("conflict", oldest)
    qtbot.waitUntil(lambda: v.current is not None and v.current.id == oldest)
    assert v.show_resolved.isChecked() and "已处理" in v.explain.text()
    near = expected(many, include_resolved=True)[3]
    assert v.open_record("conflict", near)
    qtbot.waitUntil(lambda: v.current.id == near and v.table.currentIndex().row() == 3)


def test_a_row_picked_while_a_far_conflict_is_fetched_wins(qtbot, view, many):
    v = view
    open_ = expected(many, include_resolved=False)
    v.table.selectRow(100)  # further down than the first page of all
    v.show_resolved.setChecked(True)
    qtbot.waitUntil(lambda: settled(v))  # its page is in; the far one is being fetched by itself
    v.table.selectRow(5)
    picked = v.current.id
    wait_idle(10000)
    qtbot.wait(50)
    assert v.current.id == picked != open_[100] and v.table.currentIndex().row() == 5
