"""冲突 (sync conflicts) driven offscreen over a store that has synced for years and a young one.

    .venv/bin/python bench/conflicts_gui.py [--big N] [--small N] [--runs N] [--code DIR]

Two stores are made once and cached under the temporary folder: `--big` conflicts (default 50 000)
over 10 000 projects, `--small` (default 500) over 100, 2 % of them open and the rest resolved, as
years of syncing leave them; each conflict is on a project's 备注 or a party's 联系人. Each child
process opens a private copy (a choice writes to it), opens the real `ConflictsView` and times what an
inspector does: open the list, pick a conflict, scroll to the end of the page, show the resolved
ones too, scroll among them, keep a version (a write, then the list asks again), hide the resolved
ones. For each step: seconds until the rows (and the conflict beside them) are shown, and the
longest the UI thread went without serving its event loop (a 5 ms timer; a stall is a frozen
window). The table prints the big store's figures beside the small one's and their ratio.

`--code DIR` runs the children on another checkout's `inspector` package (e.g. an export of the
commit before the list paged: `git archive COMMIT | tar -x -C DIR`), for a before/after in one run."""

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
OPEN_SHARE = 50  # one conflict in 50 is still open


def store_dir(conflicts: int) -> Path:
    return TMP / f"inspector-bench-conflicts-c{conflicts}"


# -- the store -------------------------------------------------------------------------------------

def generate(data_dir: Path, conflicts: int) -> None:
    """Projects by bench/store.py's generator, then `conflicts` conflicts in syncs of 20 (each sync's
    conflicts share its revision), bulk-loaded (Core executemany), the newest first in no table order."""
    import datetime as dt
    import random

    from sqlalchemy import insert, select
    from store import generate as generate_projects

    from inspector.domain import Conflict, Party
    from inspector.store import Actor, open_workspace

    projects = max(100, min(10_000, conflicts // 5))
    data_dir.mkdir(parents=True, exist_ok=True)
    st = open_workspace(data_dir, Actor("李淑芬"))
    generate_projects(st, projects=projects, inspections=0, answers=0)
    with st.read() as s:
        parties = s.execute(select(Party.id, Party.project_id).where(Party.role == "施工单位")).all()
    rng = random.Random(7)
    start = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    meta = {"base_rev": 0, "updated_at": start, "updated_by": "bench", "device_id": "bench", "deleted": False}
    rows = []
    for i in range(conflicts):
        party_id, project_id = rng.choice(parties)
        on_party = i % 3 == 0
        open_ = i % OPEN_SHARE == 0
        rows.append({**meta, "id": f"bench-conflict-{i:06d}", "rev": 2 + i // 20, "project_id": project_id,
                     "tbl": "parties" if on_party else "projects", "row_id": party_id if on_party else project_id,
                     "field": "contact_person" if on_party else "notes", "kind": "field", "kept_value": "",
                     "other_value": f"另一台电脑上的修改 {i}", "other_by": rng.choice(("王建国", "李海军", "张志强")),
                     "other_device": f"device-{i % 7}", "other_at": start - dt.timedelta(minutes=conflicts - i),
                     "resolved": not open_, "resolution": "" if open_ else rng.choice(("kept", "other")),
                     "resolved_by": "" if open_ else "李淑芬"})
    rng.shuffle(rows)
    with st.engine.begin() as conn:
        conn.execute(insert(Conflict.__table__), rows)
        conn.exec_driver_sql("ANALYZE")
    raw = st.engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
    st.close()


def prepare(conflicts: int) -> Path:
    d = store_dir(conflicts)
    if not (d / "done").exists():
        print(f"生成 {conflicts:,} 条冲突的库 → {d}", flush=True)
        shutil.rmtree(d, ignore_errors=True)
        generate(d, conflicts)
        (d / "done").write_text("")
    return d


# -- the child: one store, one process ---------------------------------------------------------------

def drive(data_dir: Path) -> dict:
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from inspector.app import open_context

    ctx = open_context(data_dir, lang="zh")
    from gui_watch import StallWatch

    watch = StallWatch(app)

    def step(action, done) -> list[float]:  # type: ignore[no-untyped-def]
        return watch.step(action, done, what="the conflicts list")

    from inspector.ui.views.conflicts import ConflictsView

    box: list = []

    def open_view() -> None:
        v = ConflictsView(ctx)
        v.resize(1366, 768)
        v.show()
        box.append(v)

    def settled() -> bool:  # the list paged from the store says when its page is in; the old one loaded at once
        return bool(box) and not getattr(box[0].model, "pending", False) and box[0].current is not None

    out: dict = {"open": step(open_view, settled)}
    v = box[0]
    model = v.model
    out["open_rows"] = model.rowCount()
    out["select"] = step(lambda: v.table.selectRow(min(5, model.rowCount() - 1)), settled)
    out["scroll"] = step(lambda: (v.table.scrollToBottom(), model.fetchMore(QModelIndex())), settled)
    out["show_resolved"] = step(lambda: v.show_resolved.setChecked(True), settled)
    out["all_rows"] = model.rowCount()
    out["scroll_all"] = step(lambda: (v.table.scrollToBottom(), model.fetchMore(QModelIndex())), settled)
    v.table.selectRow(0)
    app.processEvents()
    v.show_resolved.setChecked(False)
    watch.wait(settled, what="the conflicts list")
    v.table.selectRow(0)
    app.processEvents()
    before = v.current.id

    def keep() -> None:
        v.keep_btn.click()

    out["keep"] = step(keep, lambda: settled() and v.current.id != before)
    out["hide_resolved"] = step(lambda: (v.show_resolved.setChecked(True), v.show_resolved.setChecked(False)),
                                settled)
    hwm = next(line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM:"))
    out["peak_rss_mib"] = int(hwm.split()[1]) / 1024
    from inspector.ui.ops import wait_idle

    wait_idle(10000)
    ctx.store.close()
    return out


# -- the parent ----------------------------------------------------------------------------------------

def child(data_dir: Path, runs: int, code: Path) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_LOGGING_RULES": "qt.qpa.*=false",
           "PYTHONPATH": f"{code}{os.pathsep}{HERE}"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    results = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="conflicts-bench-") as tmp:
            copy = Path(tmp) / "store"
            shutil.copytree(data_dir, copy)  # a choice writes: each run starts from the same store
            proc = subprocess.run([sys.executable, __file__, "--child", str(copy), "--code", str(code)],
                                  capture_output=True, text=True, env=env, timeout=900)
        if proc.returncode != 0:
            raise RuntimeError(f"conflicts_gui failed:\n{proc.stdout}\n{proc.stderr[-3000:]}")
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return fold(results)


STEPS = [("open", "打开冲突列表（到首页和右侧显示）"), ("select", "选择一条冲突"), ("scroll", "滚到底，取下一页"),
         ("show_resolved", "显示已处理的冲突"), ("scroll_all", "在全部冲突中滚到底，取下一页"),
         ("keep", "保留本机版本（写入后列表刷新）"), ("hide_resolved", "显示再隐藏已处理的冲突")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--big", type=int, default=50_000, help="conflicts in the big store")
    ap.add_argument("--small", type=int, default=500, help="conflicts in the small store")
    ap.add_argument("--runs", type=int, default=2, help="processes per store (medians; the worst stall of all)")
    ap.add_argument("--code", type=Path, default=HERE.parent, help="the checkout whose inspector package runs")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        sys.path.insert(0, str(args.code))  # before this checkout, which bench/common.py puts first
        print(json.dumps(drive(args.child)), flush=True)
        return 0
    sys.path.insert(0, str(HERE.parent))
    big, small = prepare(args.big), prepare(args.small)
    b, s = child(big, args.runs, args.code), child(small, args.runs, args.code)
    ms = lambda x: f"{x * 1000:.0f} ms"  # noqa: E731
    ratio = lambda x, y: f"{x / y:.2f}" if y > 0 else "—"  # noqa: E731
    rows = [[label, ms(b[k][0]), ms(s[k][0]), ratio(b[k][0], s[k][0]), ms(b[k][1]), ms(s[k][1])] for k, label in STEPS]
    print(f"\n== 冲突列表（真实界面，offscreen，代码 {args.code}）：大库 {args.big:,} 条冲突 vs 小库 {args.small:,} 条，"
          f"各 {100 // OPEN_SHARE}% 待处理；首页 {b['open_rows']:.0f} / {s['open_rows']:.0f} 行，显示全部后 "
          f"{b['all_rows']:.0f} / {s['all_rows']:.0f} 行；中位数，{args.runs} 个进程 ==")
    print_table(["步骤", "大库到显示", "小库到显示", "比值", "大库 UI 最长停顿", "小库 UI 最长停顿"], rows)
    worst = max(b[k][1] for k, _ in STEPS)
    print(f"大库各步骤 UI 线程最长停顿：{ms(worst)}（目标 ≤ 100 ms）；峰值内存 大库 {b['peak_rss_mib']:.0f} MiB，"
          f"小库 {s['peak_rss_mib']:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
