"""The app as a user and CI start it: --selftest, the start-up hook, the run and test commands."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, run_cli


def test_selftest_on_a_fresh_data_dir(data_dir: Path) -> None:
    proc = run_cli("--selftest", data_dir=data_dir)
    assert proc.returncode == 0, proc.stderr
    assert "selftest ok" in proc.stdout
    assert (data_dir / "inspector.sqlite3").stat().st_size > 0  # the store was created and migrated


def test_exit_after_show_prints_startup_time(data_dir: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "INSPECTOR_EXIT_AFTER_SHOW": "1"}
    proc = subprocess.run([sys.executable, "-m", "inspector", "--data-dir", str(data_dir)],
                          capture_output=True, text=True, timeout=120, env=env, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    m = re.search(r"startup: main window shown (\d+\.\d+) s after process start", proc.stdout)
    assert m, proc.stdout
    assert 0.05 < float(m.group(1)) < 60


def test_app_icon_and_icon_set(qapp) -> None:
    from PySide6.QtSvg import QSvgRenderer

    from inspector.ui.icons import NAMES, icon

    for name in NAMES:
        path = REPO / "resources" / "icons" / f"{name}.svg"
        assert QSvgRenderer(str(path)).isValid(), path
        assert not icon(name).pixmap(24, 24).isNull(), name
    assert icon("no-such-icon").isNull()


def _script_env() -> dict[str, str]:
    # Never apt-get from a test; the venv is already set up (its stamp matches) when tests run.
    return {**os.environ, "INSPECTOR_NO_APT": "1", "QT_QPA_PLATFORM": "offscreen"}


def test_run_app_passes_arguments_through() -> None:
    proc = subprocess.run(["bash", str(REPO / "scripts" / "run-app"), "--version"],
                          capture_output=True, text=True, timeout=600, env=_script_env())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().startswith("inspector ")


def test_test_command_fails_when_no_test_runs() -> None:
    """pytest's exit 5 (nothing collected) must not pass as success in CI."""
    proc = subprocess.run(
        ["bash", str(REPO / "scripts" / "test"), "tests/packaging/test_commands.py", "-k", "no_such_test_xyz"],
        capture_output=True, text=True, timeout=600, env={**_script_env(), "INSPECTOR_TEST_WORKERS": "0"},
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "collected no tests" in proc.stderr
