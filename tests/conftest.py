"""Shared fixtures. Qt runs offscreen; each test gets a fresh store built by the real migrations."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.fonts=false")
# Tests never write to the developer's real keyring (the test of the keyring path installs its own).
os.environ.setdefault("INSPECTOR_NO_KEYRING", "1")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    # A 1600×1000 screen (the larger size the app is checked at) instead of offscreen's 800×800,
    # so that windows keep the size a test gives them and dialogs are checked against a real size.
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={Path(__file__).with_name('offscreen-screen.json')}"

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
PHOTOS = SHARED / "testdata" / "photos"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def store(data_dir: Path):
    from inspector.store import Actor, open_workspace

    st = open_workspace(data_dir, Actor("测试监督员"))
    yield st
    st.close()


DEMO_TODAY = __import__("datetime").date(2027, 3, 15)  # the demo's "today" in the tests


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """One demo store per test process (building one takes seconds; several tests need one)."""
    from inspector.demo import ensure_demo
    from inspector.store import Actor, open_workspace

    folder = tmp_path_factory.mktemp("demo-template") / "data"
    ws = open_workspace(folder, Actor("测试监督员"))
    changes = ensure_demo(ws, today=DEMO_TODAY)
    ws.set_setting("demo_created", __import__("json").dumps(changes.extra["created"]))  # what it made
    ws.close()
    return folder


@pytest.fixture
def demo_copy(demo_template):
    """make(dest) -> dest: a copy of the demo store (same device, same chain), to change freely."""
    import shutil

    def make(dest: Path) -> Path:
        shutil.copytree(demo_template, dest)
        return dest

    return make


@pytest.fixture
def photos_dir() -> Path:
    if not PHOTOS.is_dir():
        pytest.skip("shared/testdata/photos is not beside the repository")
    return PHOTOS


def set_identity(store, name: str = "测试监督员") -> None:
    """What an inspector enters at first run (监督员身份): the app signs nothing without it."""
    for key, value in (("inspector_name", name), ("badge_no", "青建监字第0001号"),
                       ("station_name", "西宁市建设工程质量安全监督站")):
        store.set_setting(key, value)


def run_cli(*args: str, data_dir: Path | None = None, check: bool = False, timeout: int = 300):
    """Run `python -m inspector ARGS` as a real process, as a user or script would. (A command takes
    a few seconds; the timeout only guards against a hang, sized for a busy machine.)"""
    import subprocess

    cmd = [sys.executable, "-m", "inspector", *args]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, cwd=REPO)
    if check and proc.returncode != 0:
        raise AssertionError(f"{cmd} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def type_text(qtbot, widget, text: str) -> None:
    """Type like a user: ASCII as key presses, Chinese as an input-method commit (as a pinyin IME
    delivers it). QTest's keyClicks aborts the process on non-ASCII characters."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    run = ""

    def flush() -> None:
        nonlocal run
        if run:
            qtbot.keyClicks(widget, run)
            run = ""

    for ch in text:
        if ch.isascii():
            run += ch
            continue
        flush()
        event = QInputMethodEvent()
        event.setCommitString(ch)
        QApplication.sendEvent(widget, event)
    flush()


def pytest_collection_modifyitems(config, items) -> None:  # type: ignore[no-untyped-def]
    """Slow tests first: under xdist the PyInstaller build (minutes on a busy machine) then runs on
    one worker beside everything else, instead of starting last and keeping the whole run waiting."""
    items.sort(key=lambda item: 0 if item.get_closest_marker("slow") else 1)


def run_main(*args: str, data_dir: Path | None = None):
    """`inspector ARGS` through the same entry point in this process (stdout and stderr captured):
    for the variants of a command a test has already run once as a real process with run_cli."""
    import contextlib
    import io
    import subprocess

    from inspector.cli import main

    argv = [*args, *(["--data-dir", str(data_dir)] if data_dir is not None else [])]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return subprocess.CompletedProcess(["inspector", *argv], code, out.getvalue(), err.getvalue())


def when_modal(handler) -> list[bool]:  # type: ignore[no-untyped-def]
    """Run `handler(dialog)` once a modal dialog is open (the test's click opens it with exec(),
    which blocks until the handler closes it). The list gets True once the handler has run."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    done: list[bool] = []

    def poll() -> None:
        dlg = QApplication.activeModalWidget()
        if dlg is None:
            QTimer.singleShot(20, poll)
            return
        handler(dlg)
        done.append(True)

    QTimer.singleShot(0, poll)
    return done
