"""The 风险提示 list under 全部项目 at a city's scale: the real `FlagList` widget, offscreen, given N
flags, timed on the UI thread, against the same widget sorting the way it did before (Qt's proxy
calling a Python comparison per pair of rows) in the same run.

    .venv/bin/python bench/flags_gui.py [--flags 1000,10000,50000] [--repeat 3]

Steps, each timed as the UI thread's own time (nothing else runs: every step blocks it): the flags
arrive (`set_rows`, sorted by the shown column), a click on the 项目 header, a click again
(descending), a search word typed (the list's filter), the search cleared. The flags are made up
(codes, names, rules and messages shaped like the real ones); only the list's cost is measured."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import print_table  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

STEPS = ("flags arrive", "sort by 项目", "sort again (descending)", "search 民和", "clear the search")


def _flags(n: int) -> list:  # type: ignore[type-arg]
    from inspector.domain.rules.redflags import RULE_TITLES
    from inspector.services.redflags import FlagRow

    rnd = random.Random(n)
    rules = list(RULE_TITLES)
    streets = ["民和巷", "南川东路", "七一路", "西关大街", "五四大街", "兴海路", "昆仑路", "八一路"]
    out = []
    for i in range(n):
        rule = rnd.choice(rules)
        code = f"XN-2026-{rnd.randrange(100000):05d}"
        name = f"{rnd.choice(streets)}{rnd.randrange(1, 80)}号小区改造"
        message = f"检测报告 JC{rnd.randrange(10**6)} 的编号与其他项目重复，请到检测机构核对台账（{i}）。"
        status = rnd.choice(["open", "open", "open", "confirmed", "dismissed"])
        out.append(FlagRow(f"{rule}:{i}", rule, f"p{i % (n // 3 + 1)}", RULE_TITLES[rule], message, ("TR-01",), (),
                           code, name, status, haystack=f"{rule} {message} {code} {name}".lower()))
    return out


def _old_sorting(proxy) -> None:  # type: ignore[no-untyped-def]
    """The proxy as it was: Qt sorts, asking Python which of two rows comes first, pair by pair."""
    from PySide6.QtCore import QSortFilterProxyModel

    from inspector.ui.models.table import SORT_ROLE

    def less(left, right) -> bool:  # type: ignore[no-untyped-def]
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)

    proxy.sort = lambda column, order=None: QSortFilterProxyModel.sort(proxy, column, order)  # type: ignore[method-assign]
    proxy.lessThan = less  # type: ignore[method-assign]


def _run(n: int, old: bool) -> dict[str, float]:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from inspector.ui.widgets.redflag_panel import FlagList

    app = QApplication.instance() or QApplication([])
    flags = _flags(n)
    widget = FlagList(None, with_project=True)  # type: ignore[arg-type]
    if old:
        _old_sorting(widget.proxy)
        widget.table.setSortingEnabled(False)
        widget.table.setSortingEnabled(True)
    widget.resize(1280, 700)
    widget.show()
    app.processEvents()
    header = widget.table.horizontalHeader()
    project = next(i for i, c in enumerate(widget.model.columns) if c.header == "项目")
    words: list[str] = []
    widget.extra_filter = lambda r: all(w in r.haystack for w in words)

    def click() -> None:
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(project) + 5, 5))

    def search(text: str) -> None:
        words[:] = text.split()
        widget.apply_filter()

    out = {}
    for step, act in zip(STEPS, (lambda: widget.set_rows(flags), click, click, lambda: search("民和"),
                                 lambda: search("")), strict=True):
        start = time.perf_counter()
        act()
        app.processEvents()  # the repaint the step causes, on the same thread
        out[step] = (time.perf_counter() - start) * 1000
    widget.close()
    widget.deleteLater()
    app.processEvents()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--flags", default="1000,10000,50000")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    rows = []
    for n in (int(x) for x in args.flags.split(",")):
        runs = {old: [_run(n, old) for _ in range(args.repeat)] for old in (True, False)}
        for step in STEPS:
            before = statistics.median(r[step] for r in runs[True])
            now = statistics.median(r[step] for r in runs[False])
            rows.append([f"{n:,}", step, f"{before:.0f}", f"{now:.0f}", f"{now / before:.2f}"])
    print("UI-thread milliseconds (median), the list sorting by one key per row vs a comparison per pair:")
    print_table(["flags", "step", "before (ms)", "now (ms)", "now / before"], rows)


if __name__ == "__main__":
    main()
