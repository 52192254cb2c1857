"""风险提示 under 全部项目 at a city's scale: the real view, offscreen, over stores whose every
project's flags are kept (`services/redflag_results`), against the list as it was (every flag held
and filtered in the window) given the same flags, in the same process.

    .venv/bin/python bench/flags_gui.py [--data DIR ...] [--runs 2]

The stores are `bench/redflags.py --keep DIR` stores (default /tmp/rf10k and /tmp/rf100k: 10 000 and
100 000 projects, enriched with materials and reports). Each is first brought up to date in its own
process (every project's flags computed and kept when stale: the seconds and the peak memory are
printed), then a new process per run opens the view and times what an inspector does: open it (to
the first page), sort by each column, scroll to the next page, filter by rule and status, choose a
project and go back, search, clear. For each step: seconds until the rows are shown and the longest
the UI thread went without serving its event loop (a 5 ms timer; a stall is a frozen window). Then
the same process gives the old in-memory list (`FlagList` without a store model) every flag: its
arrival, a sort and a search, the same way. With FLAGS_GUI_RECOMPUTE=1 the kept flags are also made
out of date and the view computes them again (a minute at 100 000 projects): the UI thread's
longest stall meanwhile and the window process's peak memory."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import fold, print_table  # noqa: E402

DEFAULT = [Path("/tmp/rf10k"), Path("/tmp/rf100k")]


def bring_up_to_date(data_dir: Path) -> dict:
    """Every project's flags kept and current (computed when stale), in this process."""
    import resource

    from inspector.services import redflag_results as rr
    from inspector.store import Actor, open_workspace

    ws = open_workspace(data_dir, Actor("bench"))
    start = time.perf_counter()
    fresh = rr.state(ws).fresh
    if not fresh:
        rr.refresh(ws)
    took = time.perf_counter() - start
    with ws.read() as s:
        flags = s.connection().exec_driver_sql("SELECT count(*) FROM redflag_results").scalar()
        projects = s.connection().exec_driver_sql("SELECT count(*) FROM projects").scalar()
    ws.close()
    return {"was_fresh": fresh, "seconds": took, "flags": flags, "projects": projects,
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def drive(data_dir: Path) -> dict:
    sys.path.insert(0, str(HERE.parent))
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from inspector.app import open_context

    ctx = open_context(data_dir, lang="zh")
    from gui_watch import StallWatch

    watch = StallWatch(app)

    def step(action, done) -> list[float]:  # type: ignore[no-untyped-def]
        return watch.step(action, done, what="the flags")

    from inspector.ui.views.redflags import RedFlagsView

    box: list = []
    out: dict = {}

    def open_view() -> None:
        v = RedFlagsView(ctx)
        v.resize(1366, 768)
        v.show()
        box.append(v)

    out["open"] = step(open_view, lambda: bool(box) and box[0].model.answer is not None and not box[0].loading)
    v = box[0]
    out["total"] = v.model.total
    out["computed"] = 0.0 if v._op is None else 1.0  # the kept flags were current: nothing computed

    def settled() -> bool:
        return not v.loading and not v._debounce.isActive()

    def typed(text: str):  # type: ignore[no-untyped-def]
        def act() -> None:
            v.search.setText(text)
            v._debounce.stop()  # the query, not the pause that waits for more keys
            v.apply_filter()
        return act

    for column, key in ((2, "project"), (1, "title"), (4, "message"), (0, "status")):
        out[f"sort_{key}"] = step(lambda c=column: v.list.table.sortByColumn(c, Qt.SortOrder.AscendingOrder), settled)
    out["scroll"] = step(lambda: (v.list.table.scrollToBottom(), v.model.fetchMore()), settled)
    out["rule"] = step(lambda: v.rule.setCurrentIndex(v.rule.findData("RF-01")), settled)
    out["rule_clear"] = step(lambda: v.rule.setCurrentIndex(0), settled)
    out["status_all"] = step(lambda: v.status.setCurrentIndex(v.status.findData("全部状态")), settled)
    project = v.model.rows[0].project_id
    out["project"] = step(lambda: v.project.select(project), settled)
    out["project_clear"] = step(lambda: v.project.setCurrentIndex(0), settled)
    out["search_word"] = step(typed("钢筋"), settled)
    out["search_none"] = step(typed("无此风险"), settled)
    out["search_clear"] = step(typed(""), settled)
    hwm = next(line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM:"))
    out["peak_rss_mib"] = int(hwm.split()[1]) / 1024
    if os.environ.get("FLAGS_GUI_RECOMPUTE"):  # the records changed: every project's flags computed again
        import json as _json

        from inspector.services import redflag_results as rr

        state = _json.loads(ctx.store.get_setting(rr.STATE_KEY))
        ctx.store.set_setting(rr.STATE_KEY, _json.dumps({**state, "rev": -1}))
        out["recompute"] = step(v.reload, lambda: not v.loading and v.model.answer.state.fresh)
        hwm = next(line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM:"))
        out["recompute_peak_rss_mib"] = int(hwm.split()[1]) / 1024

    # The list as it was: every flag in the window, filtered and sorted there.
    from inspector.services import redflag_results as rr
    from inspector.ui.widgets.redflag_panel import FlagList

    flags = rr.current_flags(ctx.store)
    old = FlagList(ctx, with_project=True)
    old.resize(1366, 700)
    old.show()
    app.processEvents()
    header = old.table.horizontalHeader()
    # Its search as it was: each word looked for in each flag's text, a Python test per row.
    hay = {f.id: " ".join([f.rule, f.title, f.message, f.project_code, f.project_name, *f.route]).lower()
           for f in flags}

    def click(column: int) -> None:
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(header.sectionViewportPosition(column) + 5, 5))

    def search(text: str) -> None:
        words = text.lower().split()
        old.proxy.set_predicate(lambda r: all(w in hay[r.id] for w in words))  # type: ignore[union-attr]

    for key, act in (("old_arrive", lambda: old.set_rows(flags)), ("old_sort_project", lambda: click(2)),
                     ("old_search_word", lambda: search("钢筋")), ("old_search_clear", lambda: search(""))):
        out[key] = step(act, lambda: True)
    from inspector.ui.ops import wait_idle

    wait_idle(10000)
    ctx.store.close()
    return out


def child(args: list[str], runs: int = 1) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_LOGGING_RULES": "qt.qpa.*=false",
           "PYTHONPATH": str(HERE.parent)}
    results = []
    for _ in range(runs):
        proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, env=env, timeout=1800)
        if proc.returncode != 0:
            raise RuntimeError(f"flags_gui failed:\n{proc.stdout}\n{proc.stderr[-3000:]}")
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return fold(results)


STEPS = [("open", "打开风险提示（全部项目，到首页显示）"), ("sort_project", "按项目排序"), ("sort_title", "按风险提示排序"),
         ("sort_message", "按说明排序"), ("sort_status", "按状态排序（默认）"), ("scroll", "滚到底，取下一页"),
         ("rule", "按规则筛选（RF-01）"), ("rule_clear", "清除规则筛选"), ("status_all", "状态：全部状态"),
         ("project", "选择一个项目"), ("project_clear", "回到全部项目"), ("search_word", "搜索“钢筋”"),
         ("search_none", "搜索一个没有的词"), ("search_clear", "清空搜索框")]
OLD = [("old_arrive", "旧列表：全部风险提示到达窗口"), ("old_sort_project", "旧列表：按项目排序"),
       ("old_search_word", "旧列表：搜索“钢筋”"), ("old_search_clear", "旧列表：清空搜索")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, action="append", help="a bench/redflags.py --keep store (repeatable)")
    ap.add_argument("--runs", type=int, default=2, help="processes per store (medians; the worst stall of all)")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--up-to-date", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child or args.up_to_date:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        print(json.dumps(drive(args.child) if args.child else bring_up_to_date(args.up_to_date)), flush=True)
        return 0
    stores = args.data or DEFAULT
    missing = [d for d in stores if not (d / "inspector.sqlite3").exists()]
    if missing:
        sys.exit(f"没有 {missing[0]}：先运行 bench/redflags.py --projects N --keep {missing[0]}")
    ms = lambda x: f"{x * 1000:.0f} ms"  # noqa: E731
    for data in stores:
        up = child(["--up-to-date", str(data)])
        print(f"\n== {data}：{up['projects']:,.0f} 个项目，保存的风险提示 {up['flags']:,.0f} 条；"
              + ("已是最新，未重算" if up["was_fresh"] else
                 f"重新计算并保存 {up['seconds']:.1f} s，该进程峰值内存 {up['peak_rss_mib']:.0f} MiB") + " ==")
        r = child(["--child", str(data)], args.runs)
        extra = [("recompute", "记录变化后：后台重新计算全部项目并刷新列表")] if "recompute" in r else []
        rows = [[label, ms(r[k][0]), ms(r[k][1])] for k, label in STEPS + extra + OLD]
        print_table(["步骤", "到显示", "UI 线程最长停顿"], rows)
        worst = max(r[k][1] for k, _ in STEPS)
        print(f"风险提示视图各步骤 UI 线程最长停顿：{ms(worst)}（目标 ≤ 100 ms）；旧列表最长：{ms(max(r[k][1] for k, _ in OLD))}；"
              f"界面进程峰值内存（旧列表载入之前）{r['peak_rss_mib']:.0f} MiB；打开时是否重算：{'否' if not r['computed'] else '是'}")
        if extra:
            print(f"后台重新计算时界面进程峰值内存 {r['recompute_peak_rss_mib']:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
