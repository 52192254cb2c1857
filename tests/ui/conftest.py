"""The demo dataset as a new inspector sees it: built once per test session, copied for each test,
opened in the real main window at a real screen size."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def ui_demo_template(tmp_path_factory) -> Path:
    """The demo as of today (what the window shows is dated from the real today)."""
    from inspector.demo.seed import ensure_demo
    from inspector.store import Actor, open_workspace

    d = tmp_path_factory.mktemp("ui-demo-template")
    st = open_workspace(d, Actor("李淑芬"))
    ensure_demo(st)
    st.close()
    return d


@pytest.fixture
def demo_store(ui_demo_template, tmp_path):
    from inspector.store import Actor, open_workspace

    d = tmp_path / "demo"
    shutil.copytree(ui_demo_template, d)
    st = open_workspace(d, Actor("李淑芬"))
    yield st
    st.close()


@pytest.fixture
def demo_window(qtbot, demo_store, registry):
    """The main window over the demo data, 1280×800 (the smaller of the two sizes we support)."""
    from inspector.ui.context import AppContext, ChangeBus
    from inspector.ui.main_window import MainWindow

    window = MainWindow(None)
    qtbot.addWidget(window)
    window.attach(AppContext(store=demo_store, bus=ChangeBus(), checklists=registry))
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture(scope="session")
def registry():
    from inspector.checklists.registry import load_registry

    reg = load_registry()
    assert reg.checklists, reg.problems
    return reg


def settle(qtbot, ms: int = 150) -> None:
    """Let background loads finish and queued layouts run."""
    from inspector.ui.ops import wait_idle

    for _ in range(3):
        wait_idle(10000)
        qtbot.wait(ms // 3)
