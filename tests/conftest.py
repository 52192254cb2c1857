"""Shared fixtures. Qt runs offscreen; each test gets a fresh store built by the real migrations."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.fonts=false")
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
    from inspector.store import Store

    st = Store(data_dir, actor="测试监督员")
    yield st
    st.close()


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


def run_cli(*args: str, data_dir: Path | None = None, check: bool = False, timeout: int = 120):
    """Run `python -m inspector ARGS` as a real process, as a user or script would."""
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
