"""Red flags at a city's scale: one project's flags (the project page's 风险提示 tab, 材料与检测, 投诉台账,
the acceptance's preconditions) and every project's (the 风险提示 view, the 台账).

    .venv/bin/python bench/redflags.py [--projects N] [--samples 50]

Works on a copy of `bench/store.py`'s cached store of N projects (generated when missing), migrated
to this code's head (the migration's time is printed: it builds the identifier index), then
enriched through the store's own triggers with what the generator leaves out: per project 2–6
material batches under a pool of certificates and 2–8 test reports numbered in their labs' running
series (a few numbers typed twice), and the firms' phones.

Prints, for `--samples` random projects, one project's flags read around it (the identifier index)
and read from the whole store (the old way, kept as the oracle: `all_flags` filtered), median and
p95, and their ratio; then `all_flags` once, with the child process's peak memory."""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TMP = Path(tempfile.gettempdir())
AGENCIES = ["青海省建筑工程质量检测中心", "西宁市建设工程质量检测站", "青海建科检测有限公司", "青海正和质量检测有限公司",
            "西宁宏远工程检测有限公司", "青海华泰检测技术有限公司"]
PREFIXES = {a: f"JC{k}" for k, a in enumerate(AGENCIES)}  # each lab numbers in its own series
MATERIALS = ["SBS改性沥青防水卷材", "XPS挤塑聚苯板", "岩棉板", "HRB400E钢筋", "P.O42.5水泥", "断桥铝合金窗"]


def _cached(projects: int) -> Path:
    path = TMP / f"inspector-bench-store-p{projects}-i50000-a1000000"
    if not path.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "store.py"), "--projects", str(projects),
                        "--generate-only"], check=True)
    return path


def _enrich(store, rng: random.Random) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    import datetime as dt

    from sqlalchemy import bindparam, insert, select

    from inspector.domain import MaterialBatch, Party, Project, TestReport

    meta = {"rev": 1, "base_rev": 0, "updated_at": dt.datetime(2026, 11, 1, tzinfo=dt.UTC), "updated_by": "bench",
            "device_id": "bench", "deleted": False}
    uid = lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))  # noqa: E731
    batches, reports = [], []
    with store.engine.begin() as conn:
        pids = [pid for (pid,) in conn.execute(select(Project.id))]
        for pid in pids:
            for _ in range(rng.randint(2, 6)):
                day = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(300))
                bid = uid()
                batches.append({**meta, "id": bid, "project_id": pid, "material": rng.choice(MATERIALS),
                                "batch_no": f"B{rng.randrange(10**6)}", "quantity": float(rng.randint(50, 900)),
                                "unit": "m²", "entry_date": day, "certificate_no": f"HG{rng.randrange(40000):05d}",
                                "certificate_quantity": 5000.0, "manufacturer": "", "witness_name": ""})
                for _ in range(rng.randint(1, 2)):
                    reports.append({**meta, "id": uid(), "project_id": pid, "batch_id": bid,
                                    "agency": rng.choice(AGENCIES), "sampled_on": day, "tested_on": day,
                                    "report_date": day + dt.timedelta(days=3), "conclusion": "合格",
                                    "verification": "扫码核对一致"})
        # Each lab numbers its reports in the order it issues them; one in a thousand is out of turn
        # (RF-05's lead) and a few numbers are typed twice (RF-01's).
        running = {a: rng.randrange(100, 900) for a in AGENCIES}
        for r in sorted(reports, key=lambda r: (r["agency"], r["report_date"])):
            running[r["agency"]] += 1
            number = running[r["agency"]] if rng.random() > 0.001 else rng.randrange(100, running[r["agency"]])
            r["report_no"] = f"{PREFIXES[r['agency']]}-2026-{number:05d}"
        conn.execute(insert(MaterialBatch.__table__), batches)
        conn.execute(insert(TestReport.__table__), reports)
        # A firm's phone is the firm's on every project it works on: shared by one firm, not a lead.
        phones: dict[str, str] = {}
        rows = [{"pid": party_id, "phone": phones.setdefault(name, f"0971-{rng.randrange(10**6, 10**7)}")}
                for party_id, name in conn.execute(select(Party.id, Party.name))]
        t = Party.__table__
        conn.execute(t.update().where(t.c.id == bindparam("pid")).values(contact_phone=bindparam("phone")), rows)
    return len(batches), len(reports)


def _timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _all_flags_child(data_dir: str) -> None:
    from inspector.services import redflags as rs
    from inspector.store import Actor, open_workspace

    ws = open_workspace(Path(data_dir), Actor("bench"))
    start = time.perf_counter()
    flags = rs.all_flags(ws)
    took = time.perf_counter() - start
    print(f"{took:.2f} {len(flags)} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--all-flags-child":
        _all_flags_child(sys.argv[2])
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--projects", type=int, default=10000)
    ap.add_argument("--samples", type=int, default=50)
    ap.add_argument("--whole", type=int, default=2, help="projects also read from the whole store (slow)")
    ap.add_argument("--keep", type=Path, help="keep the enriched store in this folder (to profile it)")
    args = ap.parse_args()

    from inspector.services import redflags as rs
    from inspector.store import Actor, open_workspace

    source = _cached(args.projects)
    work = Path(tempfile.mkdtemp(prefix="inspector-bench-redflags-"))
    try:
        data = work / "data"
        shutil.copytree(source, data)
        start = time.perf_counter()
        ws = open_workspace(data, Actor("bench"))
        print(f"store of {args.projects} projects: migrated to head in {time.perf_counter() - start:.1f} s")
        rng = random.Random(13)
        start = time.perf_counter()
        nb, nr = _enrich(ws.store, rng)
        print(f"enriched with {nb} batches and {nr} test reports in {time.perf_counter() - start:.1f} s")
        with ws.read() as s:
            from sqlalchemy import select

            from inspector.domain import Project

            pids = [pid for (pid,) in s.execute(select(Project.id))]
        sample = rng.sample(pids, min(args.samples, len(pids)))
        around = sorted(_timed(lambda pid=pid: rs.flags_for_project(ws, project_id=pid)) for pid in sample)
        whole, same = [], True
        for pid in sample[:args.whole]:
            start = time.perf_counter()
            theirs = [f for f in rs.all_flags(ws) if f.project_id == pid]
            whole.append((time.perf_counter() - start) * 1000)
            same = same and rs.flags_for_project(ws, project_id=pid) == theirs

        def p95(xs: list[float]) -> float:
            return xs[min(len(xs) - 1, int(0.95 * len(xs)))]

        print(f"one project's flags, read around it ({len(around)} projects): median {statistics.median(around):.1f} ms,"
              f" p95 {p95(around):.1f} ms")
        if whole:
            print(f"one project's flags, read from the whole store ({len(whole)} projects): median"
                  f" {statistics.median(whole):.0f} ms")
            print(f"ratio around / whole (median): {statistics.median(around) / statistics.median(whole):.4f};"
                  f" same flags both ways: {same}")
        ws.close()
        out = subprocess.run([sys.executable, __file__, "--all-flags-child", str(data)], check=True,
                             capture_output=True, text=True).stdout.split()
        print(f"all_flags: {float(out[0]):.2f} s for {out[1]} flags, peak memory of the process {out[2]} MiB")
    finally:
        if args.keep:
            shutil.move(str(data), str(args.keep))
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
