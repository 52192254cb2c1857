"""`inspector login / sync / logout` as real processes against the real office server."""

from __future__ import annotations

import os
import subprocess
import sys

from inspector.domain import Project
from tests.conftest import REPO
from tests.sync.helpers import snapshot


def cli(*args: str, data_dir, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "INSPECTOR_NO_KEYRING": "1"}
    return subprocess.run([sys.executable, "-m", "inspector", *args, "--data-dir", str(data_dir)], input=stdin,
                          capture_output=True, text=True, timeout=120, env=env, cwd=REPO)


def test_login_sync_and_logout_from_the_command_line(fresh_office, make_laptop):
    hub, url = fresh_office.hub, fresh_office.url
    a, b = make_laptop("a"), make_laptop("b")
    bad = cli("login", "--server", url, "--user", "li", data_dir=a.data_dir, stdin="nope\n")
    assert bad.returncode == 1 and "用户名或密码错误" in bad.stderr
    for ws in (a, b):
        ok = cli("login", "--server", url, "--user", "li", data_dir=ws.data_dir, stdin="secret-1\n")
        assert ok.returncode == 0, ok.stderr
        assert "已登录" in ok.stdout and "密码未保存" in ok.stdout and "secret-1" not in ok.stdout
    with a.write() as s:
        s.add(Project(id="p1", code="XN-1", name="南关小区", district="城中区"))
    out = cli("sync", data_dir=a.data_dir)
    assert out.returncode == 0, out.stderr
    assert "同步完成：上传 1 条更改" in out.stdout
    out = cli("sync", data_dir=b.data_dir)
    assert out.returncode == 0 and "接收 2 条" in out.stdout  # the project and li's user row from the office
    assert snapshot(b) == snapshot(hub) == snapshot(a)
    status = cli("sync", "--status", data_dir=b.data_dir)
    assert "待上传更改：0 条" in status.stdout and "上次同步：" in status.stdout
    out = cli("logout", data_dir=b.data_dir)
    assert out.returncode == 0 and "已退出登录" in out.stdout and fresh_office.live_tokens() == 1
    out = cli("sync", data_dir=b.data_dir)
    assert out.returncode == 1 and "尚未登录监督站" in out.stderr


def test_sync_fails_with_the_reason_in_chinese_when_the_office_is_down(fresh_office, make_laptop):
    ws = make_laptop("a")
    assert cli("login", "--server", fresh_office.url, "--user", "li", data_dir=ws.data_dir,
               stdin="secret-1\n").returncode == 0
    fresh_office.server.stop()
    out = cli("sync", data_dir=ws.data_dir)
    assert out.returncode == 1
    assert "无法连接监督站服务器" in out.stderr and "检查网络" in out.stderr and "Traceback" not in out.stderr
