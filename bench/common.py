"""Small helpers the benchmarks share: timing, percentiles, sizes, and a table printer."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def time_ms(fn: Callable[[], Any], *, repeat: int = 5, warmup: int = 1) -> tuple[list[float], Any]:
    """Wall-clock milliseconds of `repeat` calls after `warmup` untimed ones; and the last result."""
    result = None
    for _ in range(warmup):
        result = fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples, result


def percentile(samples: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) — no interpolation, so p95 is a time that happened."""
    ordered = sorted(samples)
    k = max(0, min(len(ordered) - 1, int(round(q / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def summary(samples: list[float]) -> tuple[float, float, float]:
    """(median, p95, max) in the samples' unit."""
    return statistics.median(samples), percentile(samples, 95), max(samples)


def human_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


def print_table(headers: list[str], rows: list[list[Any]]) -> None:
    """Left-aligned columns; CJK characters count double so the columns line up in a terminal."""
    import unicodedata

    def width(s: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)

    cells = [[str(c) for c in r] for r in rows]
    widths = [max([width(h)] + [width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    for line in [headers, ["-" * w for w in widths], *cells]:
        print("  ".join(c + " " * (w - width(c)) for c, w in zip(line, widths, strict=True)).rstrip())


def fold(results: list[dict[str, Any]]) -> dict[str, Any]:
    """GUI bench runs in child processes folded into one: per step the median time shown and the worst
    stall ([shown, stall] pairs), else the median."""
    out: dict[str, Any] = {}
    for key, value in results[0].items():
        if isinstance(value, list):
            out[key] = [statistics.median(r[key][0] for r in results), max(r[key][1] for r in results)]
        else:
            out[key] = statistics.median(r[key] for r in results)
    return out
