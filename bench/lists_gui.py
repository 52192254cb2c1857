"""The work lists (not the register) driven offscreen over a big store and a small one, in one run.

    .venv/bin/python bench/lists_gui.py [--big DIR] [--small DIR] [--runs N]

The big store is a copy of `bench/store.py`'s cached store (by default 1 000 projects, 50 000
inspections, 1 000 000 answers; build it with `bench/store.py --generate-only`), copied once to
`<its name>-lists` because opening it migrates it and the original is shared. The small one (100
projects, 500 inspections) is made by the same generator and cached likewise.

For each store a new process opens the real inspections list (`InspectionsView`) and a project picker
over it, and times what an inspector does: open the list, sort by each column the store sorts, filter
by status and by project, search (a broad word, a word found nowhere, a record number, an inspector's
name: the last three from the list's text index), clear; type in the picker.
For each step: seconds until the rows are shown and the longest the UI thread went without serving
its event loop (a 5 ms timer; a stall is a frozen window). The table prints the big store's figures
beside the small one's and their ratio (the target: no stall over 100 ms; the same cost at any size).
The generator makes no notices, complaints or materials, so those lists are not measured here."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import fold, print_table  # noqa: E402

TMP = Path(tempfile.gettempdir())
BIG = TMP / "inspector-bench-store-p1000-i50000-a1000000"
SMALL = TMP / "inspector-bench-store-p100-i500-a5000"


# -- the child: one store, one process ---------------------------------------------------------------

def drive(data_dir: Path) -> dict:
    sys.path.insert(0, str(HERE.parent))
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from inspector.app import open_context

    ctx = open_context(data_dir, lang="zh")
    from gui_watch import StallWatch

    watch = StallWatch(app)

    def wait(cond) -> None:  # type: ignore[no-untyped-def]
        watch.wait(cond, what="the list")

    def step(action, done) -> list[float]:  # type: ignore[no-untyped-def]
        return watch.step(action, done, what="the list")

    from inspector.ui.views.inspections import InspectionsView
    from inspector.ui.widgets.project_picker import ProjectPicker

    box: list = []
    out: dict = {}

    def open_view() -> None:
        v = InspectionsView(ctx)
        v.resize(1366, 768)
        v.show()
        box.append(v)

    out["open"] = step(open_view, lambda: bool(box) and box[0].model.query is not None and not box[0].model.pending)
    v = box[0]
    model = v.model
    out["total"] = model.total
    out["rows_loaded"] = model.rowCount()

    def settled() -> bool:
        return not model.pending and not v._debounce.isActive()

    def typed(text: str):  # type: ignore[no-untyped-def]
        def act() -> None:
            v.search.setText(text)
            v._debounce.stop()  # the query, not the pause that waits for more keys
            v.refresh()
        return act

    for column, key in ((0, "record_no"), (1, "project"), (2, "kind"), (4, "inspector"), (6, "status")):
        out[f"sort_{key}"] = step(lambda c=column: v.table.sortByColumn(c, Qt.SortOrder.AscendingOrder), settled)
    out["sort_back"] = step(lambda: v.table.sortByColumn(3, Qt.SortOrder.DescendingOrder), settled)
    out["scroll"] = step(lambda: (v.table.scrollToBottom(), model.fetchMore()), settled)
    out["filter_status"] = step(lambda: v.status.setCurrentIndex(v.status.findData("completed")), settled)
    out["filter_clear"] = step(lambda: v.status.setCurrentIndex(0), settled)
    project = model.rows[0].project_id
    out["filter_project"] = step(lambda: v.picker.select(project), settled)
    out["project_clear"] = step(lambda: v.picker.setCurrentIndex(0), settled)
    sample = model.rows[-1]  # a record number (one inspection) and a name (tens), from the text index
    out["search_broad"] = step(typed("巡查"), settled)
    out["search_none"] = step(typed("无此记录"), settled)
    out["search_one"] = step(typed(sample.record_no), settled)
    out["search_name"] = step(typed(sample.inspector_name), settled)
    out["search_clear"] = step(typed(""), settled)

    picker: list = []

    def open_picker() -> None:
        p = ProjectPicker(ctx)
        p.show()
        picker.append(p)
        p.choices_loaded.connect(lambda: picker.append("loaded"))

    out["picker_open"] = step(open_picker, lambda: "loaded" in picker)
    p = picker[0]
    found: list = []
    p.found.connect(found.append)

    def type_in_picker() -> None:
        p.lineEdit().setFocus()
        p.lineEdit().setText("家属院")
        p.lineEdit().textEdited.emit("家属院")
        p._debounce.stop()
        p._find()

    out["picker_type"] = step(type_in_picker, lambda: bool(found))
    hwm = next(line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM:"))
    out["peak_rss_mib"] = int(hwm.split()[1]) / 1024
    from inspector.ui.ops import wait_idle

    wait_idle(10000)
    ctx.store.close()
    return out


# -- the parent: prepare the stores, run the children, compare -------------------------------------

def prepare(big: Path, small: Path) -> tuple[Path, Path]:
    """The big store's private copy (made once) and the small store (generated once)."""
    if not (big / "inspector.sqlite3").exists():
        sys.exit(f"没有 {big}：先运行 bench/store.py --generate-only（默认规模）")
    copy = big.with_name(big.name + "-lists")
    if not (copy / "inspector.sqlite3").exists():
        print(f"复制 {big} → {copy}（打开时会迁移，原库由别人共用）", flush=True)
        copy.mkdir(parents=True, exist_ok=True)
        for f in big.glob("inspector.sqlite3*"):
            shutil.copy2(f, copy / f.name)
    if not (small / "inspector.sqlite3").exists():
        print(f"生成小库 {small}", flush=True)
        subprocess.run([sys.executable, str(HERE / "store.py"), "--out", str(small), "--generate-only",
                        "--projects", "100", "--inspections", "500", "--answers", "5000"], check=True)
    return copy, small


def child(data_dir: Path, runs: int) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_LOGGING_RULES": "qt.qpa.*=false",
           "PYTHONPATH": str(HERE.parent)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # installs have byte-code caches; compiling is not opening a view
    results = []
    for _ in range(runs):
        proc = subprocess.run([sys.executable, __file__, "--child", str(data_dir)], capture_output=True, text=True,
                              env=env, timeout=900)
        if proc.returncode != 0:
            raise RuntimeError(f"lists_gui failed:\n{proc.stdout}\n{proc.stderr[-3000:]}")
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return fold(results)


STEPS = [("open", "打开检查列表（到首页显示）"), ("sort_record_no", "按记录编号排序"), ("sort_project", "按项目排序"),
         ("sort_kind", "按检查类型排序"), ("sort_inspector", "按检查人员排序"), ("sort_status", "按状态排序"),
         ("sort_back", "按检查时间排序（默认）"), ("scroll", "滚到底，取下一页"), ("filter_status", "按状态筛选"),
         ("filter_clear", "清除状态筛选"), ("filter_project", "按项目筛选（选择器）"), ("project_clear", "清除项目筛选"),
         ("search_broad", "搜索“巡查”（很多条）"), ("search_none", "搜索一个没有的词（文本索引）"),
         ("search_one", "搜索一个记录编号（一条）"), ("search_name", "搜索一位检查人员的姓名（几十条）"),
         ("search_clear", "清空搜索框"), ("picker_open", "项目选择器：打开（到首页）"),
         ("picker_type", "项目选择器：输入“家属院”")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--big", type=Path, default=BIG, help="bench/store.py's cached store (copied, not changed)")
    ap.add_argument("--small", type=Path, default=SMALL, help="the small store (generated when missing)")
    ap.add_argument("--runs", type=int, default=2, help="processes per store (medians; the worst stall of all)")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        print(json.dumps(drive(args.child)), flush=True)
        return 0
    big, small = prepare(args.big, args.small)
    b, s = child(big, args.runs), child(small, args.runs)
    ms = lambda x: f"{x * 1000:.0f} ms"  # noqa: E731
    ratio = lambda x, y: f"{x / y:.2f}" if y > 0 else "—"  # noqa: E731
    rows = [[label, ms(b[k][0]), ms(s[k][0]), ratio(b[k][0], s[k][0]), ms(b[k][1]), ms(s[k][1])]
            for k, label in STEPS]
    print(f"\n== 检查列表与项目选择器（真实界面，offscreen）：大库 {b['total']:,.0f} 条检查 vs 小库 {s['total']:,.0f} 条；"
          f"首页 {b['rows_loaded']:.0f} 行；中位数，{args.runs} 个进程 ==")
    print_table(["步骤", "大库到显示", "小库到显示", "比值", "大库 UI 最长停顿", "小库 UI 最长停顿"], rows)
    worst = max(b[k][1] for k, _ in STEPS)
    print(f"大库各步骤 UI 线程最长停顿：{ms(worst)}（目标 ≤ 100 ms）；峰值内存 大库 {b['peak_rss_mib']:.0f} MiB，"
          f"小库 {s['peak_rss_mib']:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
