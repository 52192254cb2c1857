"""Start-up puts the register's rows on screen first: the project page beside them is built after the
first page arrived, the sync controls after the page (issue 13: nothing else holds the first page up)."""

from __future__ import annotations

from inspector.store import Actor, open_workspace
from inspector.ui.ops import run_op, wait_idle
from tests.bulk_projects import bulk_projects


def test_the_register_rows_come_first_then_the_project_page_then_sync(qtbot, data_dir) -> None:
    ws = open_workspace(data_dir, Actor("测试监督员"))
    bulk_projects(ws, 300)
    ws.close()
    from inspector.app import attach_in_order, build, open_context

    _app, window = build(data_dir, lang="zh", defer=True)
    qtbot.addWidget(window)
    window.show()
    assert window.statusBar().currentMessage() == "正在打开数据库…"  # the window is up before the store
    box: list = []
    run_op(lambda _p: open_context(data_dir, lang="zh"), on_success=box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=30000)
    attach_in_order(window, box[0])
    view = window.view("projects")
    seen: list[str] = []
    view.model.loaded.connect(lambda _n: seen.append(f"rows, page built: {view.page_built_yet}"))
    view.page_built.connect(lambda: seen.append(f"page, sync: {getattr(window, 'sync', None) is not None}"))
    qtbot.waitUntil(lambda: getattr(window, "sync", None) is not None, timeout=30000)
    assert seen[:2] == ["rows, page built: False", "page, sync: False"]
    assert view.model.rowCount() == 200 and view.model.total == 300  # one page, counted
    # The page works as before once built: choosing a row opens its project there.
    view._select(0)
    qtbot.waitUntil(lambda: view.page.project_id == view.model.rows[0].id)
    wait_idle()
    window.ctx.store.close()
