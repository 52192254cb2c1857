"""`inspector redflags`, run as a real process against the demo: every project's flags or one
project's, as a table or JSON lines, open and confirmed by default, dismissed ones on request; an
unknown project code is refused with what to do and changes nothing."""

from __future__ import annotations

import json
import subprocess
import sys

from sqlalchemy import func, select

from inspector.services import redflags as rs
from inspector.store import Actor, open_workspace
from tests.conftest import run_cli, run_main


def test_redflags_of_every_project_then_of_one_and_by_status(demo_copy, tmp_path):
    from inspector.domain import AuditEvent

    d = demo_copy(tmp_path / "data")
    proc = run_cli("redflags", "--json", data_dir=d, check=True)
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    store = open_workspace(d, Actor("测试监督员"))
    try:
        every = rs.all_flags(store)
        assert [(r["project_code"], r["key"], r["status"]) for r in rows] == [
            (f.project_code, f.key, f.status) for f in every if f.status != "dismissed"]
        assert len({r["project_code"] for r in rows}) >= 3 and {r["rule"] for r in rows} >= {"RF-01", "RF-05"}

        first = every[0]
        table = run_main("redflags", "--project", first.project_code, data_dir=d)
        mine = [f for f in every if f.project_id == first.project_id]
        assert table.returncode == 0 and table.stdout.splitlines()[0].split()[:4] == ["项目编号", "规则", "风险提示", "状态"]
        assert table.stdout.splitlines()[-1] == f"共 {len(mine)} 条风险提示记录"
        assert all(line.startswith(first.project_code) for line in table.stdout.splitlines()[2:-1])
        assert "待核实" in table.stdout

        rs.decide(store, project_id=first.project_id, flag_key=first.key, decision="dismissed", reason="原件核对无误")
        default = [json.loads(x) for x in run_main("redflags", "--project", first.project_code, "--json",
                                                   data_dir=d).stdout.splitlines()]
        assert first.key not in {r["key"] for r in default} and len(default) == len(mine) - 1
        dismissed = [json.loads(x) for x in run_main("redflags", "--status", "dismissed", "--json",
                                                     data_dir=d).stdout.splitlines()]
        assert [(r["key"], r["status"], r["reason"]) for r in dismissed] == [(first.key, "dismissed", "原件核对无误")]

        with store.read() as s:
            events = s.scalar(select(func.count()).select_from(AuditEvent))
        refused = run_main("redflags", "--project", "XN-NO-SUCH", data_dir=d)
        assert refused.returncode == 2 and refused.stdout == ""
        assert "没有项目编号为“XN-NO-SUCH”的项目" in refused.stderr and "inspector list projects" in refused.stderr
        with store.read() as s:
            assert s.scalar(select(func.count()).select_from(AuditEvent)) == events
    finally:
        store.close()


def test_refresh_keeps_every_projects_flags_for_the_view_and_the_ledger(demo_copy, tmp_path):
    """`inspector redflags --refresh` computes every project's flags and keeps them: afterwards they
    are current, the same as computed, and the listing reads them without computing again."""
    from inspector.services import redflag_results as rr

    d = demo_copy(tmp_path / "data")
    store = open_workspace(d, Actor("测试监督员"))
    try:
        assert not rr.state(store).fresh
        proc = run_cli("redflags", "--refresh", data_dir=d, check=True)
        every = rs.all_flags(store)
        assert proc.stdout.startswith(f"已重新检查全部项目的风险：{len(every)} 条风险提示（用时 ")
        assert rr.state(store).fresh and rr.current_flags(store) == every
        # As the app runs it: stdin held open (closed, the child would end itself), progress read as it comes.
        child = subprocess.Popen([sys.executable, "-m", "inspector", "--data-dir", str(d), "redflags", "--refresh",
                                  "--progress-lines"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        lines = child.stdout.read().split("\n")  # type: ignore[union-attr]
        assert child.wait(timeout=120) == 0
        child.stdin.close()  # type: ignore[union-attr]
        assert lines[0] == f"progress 0 {rs.ALL_STEPS}" and lines[-2] == f"progress {rs.ALL_STEPS} {rs.ALL_STEPS}"
    finally:
        store.close()
