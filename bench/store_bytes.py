"""What an answer costs on disk when it comes in through the real write path.

    PYTHONPATH=. .venv/bin/python bench/store_bytes.py [--answers N]

Types N answers (default 2 000) the way the inspection editor saves them: `save_answers` with one
answer per unit of work (the autosave of a typed answer), each with its audit event and outbox
entry; one answer in ten is edited again afterwards (a note added: an update event). Then reports,
from SQLite's `dbstat` table (what `sqlite3_analyzer` reads), the bytes each table and index grew by
per answer. `bench/store.py` bulk-loads its big store and calls `report_bulk` on it for comparison.

Run with PYTHONPATH pointing at another checkout (e.g. main) to measure the store it writes: the
script uses only the services' public functions.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import print_table  # noqa: E402

# What each table or index is part of, for the summary lines.
GROUPS = {"audit": ("audit_events",), "answers": ("answers",), "outbox": ("sync_outbox",)}


def page_bytes(db: Path) -> dict[str, int]:
    """Bytes of pages per table and index (the WAL checkpointed first, so the file holds them)."""
    with sqlite3.connect(db) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return dict(c.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"))


def owners(db: Path) -> dict[str, str]:
    """Index name -> its table (a table maps to itself)."""
    with sqlite3.connect(db) as c:
        return {name: table for name, table in c.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')")}


def fill(data_dir: Path, answers: int) -> tuple[Path, dict[str, int], int, float]:
    """A fresh store with one project, then `answers` answers through autosave. Returns the database
    path, the page bytes before the answers, the number typed and the seconds it took."""
    from inspector.checklists.registry import load_registry
    from inspector.services import inspections as svc
    from inspector.services import projects as psvc
    from inspector.store import Actor, open_workspace

    ws = open_workspace(data_dir, Actor("李监督员"))
    registry = load_registry()
    checklist = registry.checklists["site-patrol"]
    pid, _ = psvc.create_project(ws, fields={"code": "XN-2026-001", "name": "南关街毛纺厂家属院老旧小区改造项目",
                                             "district": "城中区", "status": "在建"})
    before = page_bytes(ws.path)
    typed, start = 0, time.perf_counter()
    while typed < answers:
        iid, _ = svc.start_inspection(ws, project_id=pid, kind="日常巡查", checklists=[checklist])
        detail = svc.get_inspection(ws, iid)
        done = []
        for c in detail.checklists:
            for item in svc.checklist_of(c).items:
                if typed >= answers:
                    break
                if item.answer != "yes-no-na" or getattr(item, "derive", ""):
                    continue
                value = "no" if typed % 17 == 0 else "yes"
                svc.save_answers(ws, inspection_id=iid, answers=[svc.AnswerInput(c.version_id, item.id, value)])
                done.append((c.version_id, item.id, value))
                typed += 1
        for n, (version, item_id, value) in enumerate(done):
            if n % 10 == 5:  # an answer looked at again: a note added
                svc.save_answers(ws, inspection_id=iid,
                                 answers=[svc.AnswerInput(version, item_id, value, "复核：与现场一致")])
    took = time.perf_counter() - start
    path = ws.path
    ws.close()
    return path, before, typed, took


def report(db: Path, before: dict[str, int], answers: int, title: str) -> dict[str, float]:
    """Print bytes per answer by table and index; return the group totals per answer."""
    after = page_bytes(db)
    table_of = owners(db)
    grown = {n: after.get(n, 0) - before.get(n, 0) for n in after}
    rows = [[n, table_of.get(n, n), f"{g / answers:.0f}"] for n, g in sorted(grown.items(), key=lambda x: -x[1])
            if g / answers >= 2]
    print(f"\n{title}：每条答案占用的字节（dbstat，按表和索引）")
    print_table(["表或索引", "所属表", "字节/答案"], rows)
    groups = {}
    for label, tables in GROUPS.items():
        groups[label] = sum(g for n, g in grown.items() if table_of.get(n, n) in tables) / answers
    groups["total"] = sum(grown.values()) / answers
    print(f"合计 {groups['total']:.0f} 字节/答案：审计记录 {groups['audit']:.0f}，答案表及其索引 "
          f"{groups['answers']:.0f}，待推送 {groups['outbox']:.0f}（每 1 000 条答案 "
          f"{groups['total'] * 1000 / 1e6:.2f} MB）")
    return groups


def report_bulk(db: Path, answers: int) -> None:
    """The bulk-loaded store (no audit, no outbox): the answers' table and indexes per answer."""
    sizes, table_of = page_bytes(db), owners(db)
    rows = [[n, f"{b / answers:.0f}"] for n, b in sorted(sizes.items(), key=lambda x: -x[1])
            if table_of.get(n, n) == "answers"]
    print("\n批量载入的数据库：答案表及其索引，字节/答案（无审计、无待推送）")
    print_table(["表或索引", "字节/答案"], rows)
    print(f"合计 {sum(sizes[r[0]] for r in rows) / answers:.0f} 字节/答案")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--answers", type=int, default=2000)
    args = ap.parse_args(argv)
    import inspector

    print(f"inspector from {Path(inspector.__file__).parent}")
    with tempfile.TemporaryDirectory(prefix="inspector-bench-bytes-") as tmp:
        db, before, typed, took = fill(Path(tmp) / "data", args.answers)
        print(f"{typed} 条答案经自动保存写入（每条一个事务，含审计和待推送；其中一成又加了备注），"
              f"用时 {took:.1f} s")
        report(db, before, typed, "真实写入路径")
    return 0


if __name__ == "__main__":
    sys.exit(main())
