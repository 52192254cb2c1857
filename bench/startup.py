"""Start-up time of the desktop app: process start → main window shown, next to a bare PySide6 window.

    .venv/bin/python bench/startup.py [--runs 7] [--no-xvfb]

Each run is a new process (`python -m inspector` with INSPECTOR_EXIT_AFTER_SHOW=1, which prints the
time since process start once the event loop has shown the window, then quits). Cases:
  fresh  a new empty data folder every run (first start: creates and migrates the database)
  demo   one data folder filled with the demo dataset, started again and again
  bare   `python -c` opening an empty QMainWindow the same way: the floor set by Python + Qt
Medians are printed for QT_QPA_PLATFORM=offscreen and, when xvfb-run is there, for a real X server
(the runs share one Xvfb). Target: app < 1.0 s. Results also go to bench/out/startup.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LINE = re.compile(r"startup: main window shown (\d+\.\d+) s")
READY = re.compile(r"startup: ready \(store open, register shown\) (\d+\.\d+) s")
GAP = re.compile(r"startup: worst UI-thread gap (\d+) ms")

# The same measurement as inspector/app.py's hook, around an empty window.
BARE = r"""
import os, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
def since_start():
    ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
    return float(Path("/proc/uptime").read_text().split()[0]) - ticks / os.sysconf("SC_CLK_TCK")
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1280, 800); w.setWindowTitle("bare"); w.show()
def done():
    print(f"startup: main window shown {since_start():.3f} s after process start", flush=True)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def one_run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float, float]:
    """(seconds to window shown and to ready — the store open and the register's first page
    painted — as the process measured them, wall seconds until the process ended, the longest the
    UI thread went unresponsive in between, in seconds). A bare window is ready when shown."""
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    wall = time.perf_counter() - t0
    m = LINE.search(proc.stdout)
    if proc.returncode != 0 or not m:
        raise RuntimeError(f"{cmd} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr[-2000:]}")
    r = READY.search(proc.stdout)
    g = GAP.search(proc.stdout)
    return float(m.group(1)), float(r.group(1)) if r else float(m.group(1)), wall, \
        int(g.group(1)) / 1000 if g else 0.0


def measure(runs: int, platform: str) -> dict[str, dict[str, float]]:
    py = sys.executable
    env = {**os.environ, "INSPECTOR_EXIT_AFTER_SHOW": "1", "QT_QPA_PLATFORM": platform,
           "QT_LOGGING_RULES": "qt.qpa.*=false"}
    # Users' installs have byte-code caches; without them every start recompiles our modules.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    work = Path(tempfile.mkdtemp(prefix="inspector-bench-"))
    try:
        demo_dir = work / "demo"
        subprocess.run([py, "-m", "inspector", "demo", "--data-dir", str(demo_dir)], check=True,
                       capture_output=True, env=env, cwd=REPO)
        cases: dict[str, object] = {
            "bare": lambda i: [py, "-c", BARE],
            "fresh": lambda i: [py, "-m", "inspector", "--data-dir", str(work / f"fresh{i}")],
            "demo": lambda i: [py, "-m", "inspector", "--data-dir", str(demo_dir)],
        }
        for make in cases.values():  # warm the page cache and byte-code once, not counted
            one_run(make(-1), env)  # type: ignore[operator]
        samples: dict[str, list[tuple[float, float, float, float]]] = {k: [] for k in cases}
        for i in range(runs):  # interleaved, so machine load hits every case alike
            for name, make in cases.items():
                samples[name].append(one_run(make(i), env))  # type: ignore[operator]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        name: {"shown_median": statistics.median(v[0] for v in vals),
               "shown_min": min(v[0] for v in vals),
               "ready_median": statistics.median(v[1] for v in vals),
               "wall_median": statistics.median(v[2] for v in vals),
               "gap_median": statistics.median(v[3] for v in vals),
               "gap_max": max(v[3] for v in vals)}
        for name, vals in samples.items()
    }


def report(platform: str, res: dict[str, dict[str, float]]) -> None:
    bare = res["bare"]["shown_median"]
    print(f"\n[{platform}] median (min) seconds from process start to window shown; ready = store open and"
          " the register's first page painted; wall = until exit; gap = worst UI-thread stall during"
          " start-up, median / worst run (target < 0.1 s)")
    for name in ("bare", "fresh", "demo"):
        r = res[name]
        ratio = "" if name == "bare" else f"   {r['shown_median'] / bare:.2f}x bare"
        flag = "" if name == "bare" else ("   OK (<1.0 s)" if r["shown_median"] < 1.0 else "   SLOW (>=1.0 s)")
        gap = "" if name == "bare" else f"   gap {r['gap_median']:.3f} / {r['gap_max']:.3f}"
        print(f"  {name:6s} {r['shown_median']:.3f} ({r['shown_min']:.3f})   ready {r['ready_median']:.3f}"
              f" (+{r['ready_median'] - r['shown_median']:.3f} after shown)   wall {r['wall_median']:.3f}{gap}"
              f"{ratio}{flag}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--no-xvfb", action="store_true", help="offscreen only")
    ap.add_argument("--platform", default=None, help=argparse.SUPPRESS)  # inner run under xvfb-run
    args = ap.parse_args()

    if args.platform:  # we are the inner process under xvfb-run: measure and hand back JSON
        print(json.dumps(measure(args.runs, args.platform)))
        return 0

    results = {"offscreen": measure(args.runs, "offscreen")}
    report("offscreen", results["offscreen"])
    if not args.no_xvfb and shutil.which("xvfb-run"):
        out = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", sys.executable, __file__,
                              "--runs", str(args.runs), "--platform", "xcb"],
                             capture_output=True, text=True, check=True)
        results["xvfb"] = json.loads(out.stdout.strip().splitlines()[-1])
        report("xvfb (xcb)", results["xvfb"])
    elif not args.no_xvfb:
        print("\n(xvfb-run not found: X11 case skipped)")
    results["meta"] = {"runs": args.runs, "python": sys.version.split()[0], "cpus": os.cpu_count(),
                       "loadavg": os.getloadavg()}
    out_dir = REPO / "bench" / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "startup.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
