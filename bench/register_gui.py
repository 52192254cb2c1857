"""The real register, driven offscreen over a store, timed from process start (run by bench/store.py).

    QT_QPA_PLATFORM=offscreen python bench/register_gui.py DATA_DIR

Starts the app the way `inspector` does (window first, the store opened on a worker), waits for the
register's first page, then clears and narrows the search and sorts by a column, as an inspector
would, then opens a project and arrows through ten more (the project page beside the list follows). For each step it measures how long until the rows are shown and the longest the UI thread
went without serving its event loop (a 5 ms timer; a stall is a frozen window). Prints one JSON
line; peak memory is the process's maximum resident set (VmHWM)."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

T0 = time.perf_counter()


def since_start() -> float:
    ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
    return float(Path("/proc/uptime").read_text().split()[0]) - ticks / os.sysconf("SC_CLK_TCK")


def main(data_dir: Path) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from PySide6.QtCore import Qt

    from inspector.app import attach_in_order, build, open_context

    app, window = build(data_dir, lang="zh", defer=True)
    window.resize(1366, 768)
    window.show()
    shown = since_start()

    from gui_watch import StallWatch

    watch = StallWatch(app)

    def wait(cond) -> None:  # type: ignore[no-untyped-def]
        watch.wait(cond, what="the register")

    from inspector.ui.ops import run_op

    ctx_box: list = []
    run_op(lambda _p: open_context(data_dir, lang="zh"), on_success=ctx_box.append)
    wait(lambda: bool(ctx_box))
    open_gap = watch.worst
    attach_in_order(window, ctx_box[0])  # as inspector.app.run_gui does
    view = window.view("projects")
    model = view.model
    wait(lambda: not view.loading and not model.pending)
    view.table.viewport().repaint()
    app.processEvents()
    filled = since_start()
    fill_gap = watch.worst
    # Start-up goes on after the first page (the project page beside it, then the sync controls):
    # the steps below begin once it has settled, and its stalls count as start-up's.
    wait(lambda: view.page_built_yet and getattr(window, "sync", None) is not None)
    settled = since_start()
    settle_gap = watch.worst

    def step(action) -> tuple[float, float]:  # type: ignore[no-untyped-def]
        """(seconds until the rows are shown, worst UI-thread stall) for one user action."""
        app.processEvents()
        watch.reset()
        start = time.perf_counter()
        action()
        view._debounce.stop()  # typing: measure the query, not the pause that waits for more keys
        view.apply_filter()
        wait(lambda: not model.pending)
        view.table.viewport().repaint()
        app.processEvents()
        return time.perf_counter() - start, watch.worst

    results = {"window_shown": shown, "register_filled": filled, "fill_gap": fill_gap, "open_gap": open_gap,
               "settled": settled, "settle_gap": settle_gap,
               "rows_loaded": model.rowCount(), "total": model.total}
    results["narrow_1"] = step(lambda: view.search.setText("家属"))
    results["narrow_2"] = step(lambda: view.search.setText("家属院"))
    results["narrow"] = step(lambda: view.search.setText("毛纺厂家属院"))
    results["clear"] = step(lambda: view.search.setText(""))
    results["sort"] = step(lambda: view.table.sortByColumn(5, Qt.SortOrder.DescendingOrder))
    results["sort_back"] = step(lambda: view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder))
    results["filter_district"] = step(lambda: view.district.setCurrentIndex(view.district.findData("城西区")))
    results["scroll_to_end_of_page"] = step(lambda: (view.table.scrollToBottom(), model.fetchMore()))
    results.update(project_steps(app, view, watch))
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec, so it would report the benchmark
    # process that started this one whenever that was larger.
    hwm = next(line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM:"))
    results["peak_rss_mib"] = int(hwm.split()[1]) / 1024
    from inspector.ui.ops import wait_idle

    wait_idle(10000)
    window.ctx.store.close()
    return results


def project_steps(app, view, watch) -> dict:  # type: ignore[no-untyped-def]
    """Open a project from the register, then walk ten rows down with the arrow key (a key every 30
    ms, as auto-repeat does): the project page beside the list follows. Each: seconds from the
    (last) key until the page shows that project, and the worst UI-thread stall meanwhile."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    model, page = view.model, view.page

    def shows(pid: str):  # type: ignore[no-untyped-def]
        return lambda: (page.project_id == pid and page.detail is not None and page.detail.id == pid
                        and not getattr(page, "loading", False))

    def shown(pid: str, start: float) -> tuple[float, float]:
        watch.wait(shows(pid), what="the project page")
        page.repaint()
        app.processEvents()  # a stall that ended with the step is seen only once the loop turns
        return time.perf_counter() - start, watch.worst

    out = {}
    app.processEvents()
    watch.reset()
    out["open_project"] = shown(model.rows[3].id, (time.perf_counter(), view.table.selectRow(3))[0])
    view.table.setFocus()
    app.processEvents()
    watch.reset()
    for i in range(10):
        if i:
            QTest.qWait(30)
        start = time.perf_counter()
        QTest.keyClick(view.table, Qt.Key.Key_Down)
    out["walk_projects"] = shown(model.rows[13].id, start)
    return out


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(json.dumps(main(Path(sys.argv[1]))), flush=True)
    # The red flags of the projects opened may still be computing on workers: not the bench's business.
    os._exit(0)
