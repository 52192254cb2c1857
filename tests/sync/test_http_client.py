"""The laptop's side of sync against the real office server (`inspector-office serve` on 127.0.0.1):
sign-in and the token, two laptops converging through the office, conflicts resolved and synced,
errors in plain Chinese, one sync at a time."""

from __future__ import annotations

import os
import stat
import threading

import pytest
from sqlalchemy import select

from inspector.domain import Conflict, Project, Setting
from inspector.services import account
from inspector.services import sync as sync_svc
from inspector.services.conflicts import conflicts, resolve
from tests.office.proxy import CutProxy
from tests.sync.helpers import blob_hashes, pending, snapshot


def signed_in(ws, office, user="li", password="secret-1"):
    account.login(ws, office.url, user, password)
    return ws


def test_login_keeps_a_token_in_a_0600_file_never_in_settings_and_logout_forgets_it(shared_office, make_laptop):
    office = shared_office
    ws = make_laptop("a")
    acct = account.login(ws, office.url, "li", "secret-1")
    assert acct.signed_in and acct.token_store == "file"
    assert (acct.login, acct.name, acct.badge_no, acct.district) == ("li", "李淑芬", "QH-0101", "城中区")
    device = office.device(ws.device_id)  # the office registered this laptop, with its name and code
    assert device is not None and device.name and device.login == "li"
    assert ws.get_setting("number_code") == acct.device_code == device.code
    assert ws.get_setting("station_name") == "西宁市建设工程质量安全监督站（测试）"
    assert ws.actor.name == "李淑芬" and ws.actor.login == "li"  # later writes carry the signed-in user
    tok = account.token(ws)
    assert office.token_valid(tok)
    path = ws.data_dir / account.TOKEN_FILE
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with ws.read() as s:
        values = [v for (v,) in s.execute(select(Setting.value))]
    assert not any(tok in v or "secret-1" in v for v in values)
    assert b"secret-1" not in ws.path.read_bytes() and tok.encode() not in ws.path.read_bytes()
    # A sync works with it; logout revokes it at the office and forgets it here.
    sync_svc.sync_now(ws)
    assert account.logout(ws) == ""
    assert not office.token_valid(tok) and not path.exists() and not account.current(ws).signed_in
    with pytest.raises(sync_svc.NotSignedIn, match="尚未登录"):
        sync_svc.sync_now(ws)


def test_login_uses_the_keyring_when_one_works(shared_office, make_laptop, monkeypatch):
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 5
        store: dict = {}

        def get_password(self, service, username):
            return self.store.get((service, username))

        def set_password(self, service, username, password):
            self.store[(service, username)] = password

        def delete_password(self, service, username):
            self.store.pop((service, username), None)

    monkeypatch.delenv(account.NO_KEYRING_ENV, raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(Memory())
    try:
        ws = make_laptop("a")
        acct = account.login(ws, shared_office.url, "li", "secret-1")
        assert acct.token_store == "keyring" and not (ws.data_dir / account.TOKEN_FILE).exists()
        assert list(Memory.store.values()) == [account.token(ws)]
        account.logout(ws)
        assert Memory.store == {}
    finally:
        keyring.set_keyring(previous)


def test_wrong_password_and_unreachable_server_say_what_to_do(shared_office, make_laptop):
    url = shared_office.url
    ws = make_laptop("a")
    with pytest.raises(account.LoginFailed, match="用户名或密码错误"):
        account.login(ws, url, "li", "wrong-password")
    with pytest.raises(account.LoginFailed, match="用户名或密码错误"):
        account.login(ws, url, "nobody", "wrong-password")
    assert not account.current(ws).signed_in
    with pytest.raises(account.LoginFailed, match="无法连接监督站服务器.*检查网络"):
        account.login(ws, "http://127.0.0.1:9", "li", "secret-1")


def test_two_laptops_converge_through_the_http_office(fresh_office, make_laptop):
    from inspector.demo import ensure_demo

    office = fresh_office
    hub = office.hub
    office.add_user("boss", district="", name="王站长", admin=True)  # the demo spans six districts
    a, b = signed_in(make_laptop("a"), office, "boss"), signed_in(make_laptop("b"), office, "boss")
    ensure_demo(a)
    first = sync_svc.sync_now(a)
    assert first.pushed > 1000 and not first.refused and first.blobs_up > 0 and pending(a) == 0
    got = sync_svc.sync_now(b)
    assert got.pulled > 1000 and got.blobs_down == first.blobs_up
    sync_svc.sync_now(a)
    want = snapshot(hub)
    assert snapshot(a) == want and snapshot(b) == want
    assert blob_hashes(a) == blob_hashes(b) == blob_hashes(hub)
    assert all(b.blobs.exists(h) for h in blob_hashes(a))
    # Nothing to do: nothing moves.
    again = sync_svc.sync_now(b)
    assert (again.pushed, again.pulled, again.blobs_up, again.blobs_down) == (0, 0, 0, 0)
    st = sync_svc.status(b)
    assert st.signed_in and st.pending == 0 and st.last_at is not None and st.last_error == ""


def test_a_conflict_is_listed_with_both_versions_and_its_resolution_syncs(shared_office, make_laptop):
    hub = shared_office.hub
    a, b = signed_in(make_laptop("a"), shared_office), signed_in(make_laptop("b"), shared_office)
    with a.write() as s:
        s.add(Project(id="p1", code="XN-1", name="南关小区", district="城中区", notes="原"))
    sync_svc.sync_now(a)
    sync_svc.sync_now(b)
    with b.write() as s:
        s.get(Project, "p1").notes = "王的笔记"
    sync_svc.sync_now(b)
    a.actor = a.actor.__class__("李淑芬")
    with a.write() as s:
        s.get(Project, "p1").notes = "李的笔记"
    result = sync_svc.sync_now(a)
    assert result.conflicts == 1 and "sync_conflicts" in result.changes.kinds
    [c] = conflicts(a)
    assert (c.record_label, c.field_label) == ("项目 XN-1 南关小区", "备注")
    assert (c.kept_text, c.other_text, c.current_text) == ("王的笔记", "李的笔记", "王的笔记")
    assert c.other_by == "李淑芬" and c.kept_by and c.other_device == a.device_id
    assert sync_svc.status(a).conflicts_open == 1
    resolve(a, c.id, "edited", "两人笔记合并")
    assert sync_svc.status(a).conflicts_open == 0 and pending(a) == 2
    sync_svc.sync_now(a)
    sync_svc.sync_now(b)
    for ws in (a, b, hub):
        with ws.read() as s:
            assert s.get(Project, "p1").notes == "两人笔记合并"
            [row] = s.scalars(select(Conflict).where(Conflict.row_id == "p1")).all()
            assert row.resolved and row.resolution == "edited"
    assert conflicts(b) == []


def test_errors_come_back_in_chinese_with_what_to_do(shared_office, make_laptop):
    proxy = CutProxy(shared_office.port)  # answers for the real server when told to, as a busy gateway would
    ws = signed_in(make_laptop("a"), proxy)
    with ws.write() as s:
        s.add(Project(id="p9", code="XN-9", name="测试", district="城中区"))
    proxy.fail = [429]
    with pytest.raises(sync_svc.SyncFailed, match="稍后再试"):
        sync_svc.sync_now(ws)
    assert "稍后再试" in sync_svc.status(ws).last_error
    proxy.fail = [503, 503, 503, 503]
    with pytest.raises(sync_svc.SyncFailed, match="服务器出错") as exc:
        sync_svc.sync_now(ws, retries=3, timeout=5)
    assert exc.value.status == 503 and proxy.fail == []  # tried four times, then gave up
    proxy.fail = [502]
    sync_svc.sync_now(ws)  # one 5xx is retried and the sync goes through
    assert sync_svc.status(ws).last_error == "" and pending(ws) == 0
    with shared_office.hub.read() as s:
        assert s.get(Project, "p9").name == "测试"
    # A revoked token: sign in again (and the dead token is forgotten).
    shared_office.revoke_tokens(ws.device_id)
    with pytest.raises(sync_svc.SyncFailed, match="重新登录"):
        sync_svc.sync_now(ws)
    assert not account.current(ws).signed_in
    proxy.close()


def test_one_sync_at_a_time_per_data_folder(shared_office, make_laptop):
    ws = signed_in(make_laptop("a"), shared_office)
    started, release = threading.Event(), threading.Event()

    def slow_write(fn):
        started.set()
        release.wait(10)
        return fn()

    t = threading.Thread(target=lambda: sync_svc.sync_now(ws, write=slow_write))
    with ws.write() as s:
        s.add(Project(id="p3", code="XN-3", name="并发", district="城中区"))
    t.start()
    assert started.wait(10)
    with pytest.raises(sync_svc.SyncBusy, match="另一个同步正在进行"):
        sync_svc.sync_now(ws)
    release.set()
    t.join(20)
    sync_svc.sync_now(ws)
