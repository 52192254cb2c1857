"""The app keeps running with the valid checklists when one file is broken, and says which."""

from __future__ import annotations

import shutil

from tests.conftest import REPO


def test_broken_checklist_is_refused_and_the_rest_load(qtbot, tmp_path, monkeypatch, data_dir):
    forms = tmp_path / "forms"
    shutil.copytree(REPO / "forms", forms)
    broken = forms / "site-patrol.toml"
    broken.write_text(broken.read_text(encoding="utf-8").replace('answer = "yes-no-na"', 'answer = "maybe"', 1),
                      encoding="utf-8")
    monkeypatch.setenv("INSPECTOR_FORMS", str(forms))
    from inspector.app import build

    _app, window = build(data_dir)
    qtbot.addWidget(window)
    reg = window.ctx.checklists
    assert "site-patrol" not in reg.checklists and len(reg.checklists) == 6
    assert any("site-patrol.toml" in str(p) and "maybe" in str(p) for p in reg.problems)
    # The same line the headless check prints.
    from tests.conftest import run_cli

    proc = run_cli("forms", "check", str(broken))
    assert proc.returncode == 1 and str(reg.problems[0]).split(":", 1)[1] in proc.stdout
    window.ctx.store.close()
