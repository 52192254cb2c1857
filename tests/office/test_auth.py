"""Signing in against the real server (SQLite and PostgreSQL): a wrong password and an unknown user
get one answer in one time; repeated failures per account and per address are slowed down (429,
Retry-After) and counted in the database; revoked, signed-out and expired tokens stop at once.
Each refusal changes nothing: no token, no device."""

from __future__ import annotations

import datetime as dt
import time

import httpx
from sqlalchemy import func, select, update

from inspector.office.auth import WRONG
from inspector.office.models import Device, LoginFailure, Token
from inspector.sync import api
from tests.office.conftest import PASSWORD
from tests.office.server import login, office_cli


def _tokens(d, login_name: str | None = None) -> int:
    with d.office.session() as s:
        q = select(func.count()).select_from(Token)
        return s.scalar(q.where(Token.login == login_name) if login_name else q) or 0


def _devices(d) -> set[str]:
    with d.office.session() as s:
        return set(s.scalars(select(Device.device_id)))


def test_a_wrong_password_is_refused_with_one_message_and_nothing_changes(deployment):
    d = deployment
    d.add_user("wp-user")
    before_tokens, before_devices = _tokens(d), _devices(d)
    r = login(d.url, "wp-user", "not-the-password", "dev-wp", address="10.1.0.1")
    assert r.status_code == 401
    assert r.json() == {"error": WRONG, "code": "wrong_credentials"}
    unknown = login(d.url, "nobody-here", "whatever-pw", "dev-wp", address="10.1.0.1")
    assert (unknown.status_code, unknown.json()) == (401, r.json())
    assert _tokens(d) == before_tokens and _devices(d) == before_devices
    ok = login(d.url, "wp-user", PASSWORD, "dev-wp", address="10.1.0.1")
    assert ok.status_code == 200 and len(ok.json()["token"]) >= 43
    assert ok.json()["device_code"].isdigit() and ok.json()["user"]["district"] == "城中区"


def test_repeated_failures_are_slowed_down_alike_for_known_and_unknown_accounts(deployment):
    d = deployment
    d.add_user("rf-user")
    answers = {}
    for name, address in (("rf-user", "10.2.0.1"), ("rf-nobody", "10.2.0.2")):
        seq = [login(d.url, name, f"guess-{i}", "dev-rf", address=address) for i in range(6)]
        answers[name] = [(r.status_code, r.json()["code"]) for r in seq]
        blocked = seq[-1]
        assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) >= 1
        assert "登录失败次数过多" in blocked.json()["error"]
    assert answers["rf-user"] == answers["rf-nobody"] == [(401, "wrong_credentials")] * 5 + [(429, "too_many_attempts")]
    # While blocked, even the right password is not checked: no token is issued.
    r = login(d.url, "rf-user", PASSWORD, "dev-rf", address="10.2.0.3")
    assert r.status_code == 429 and _tokens(d, "rf-user") == 0
    # The counters live in the database (every server process sees them), not in a process.
    with d.office.session() as s:
        row = s.get(LoginFailure, "user:rf-user")
        assert row.failures == 5 and row.blocked_until is not None


def test_failures_from_one_address_are_slowed_down_across_accounts(deployment):
    d = deployment
    for i in range(4):
        d.add_user(f"addr-user-{i}")
    codes = [login(d.url, f"addr-user-{i % 4}", "wrong-guess", "dev-addr", address="10.3.0.1").status_code
             for i in range(10)]
    assert codes == [401] * 10
    r = login(d.url, "li", PASSWORD, "dev-addr", address="10.3.0.1")
    assert r.status_code == 429 and r.headers["Retry-After"]
    assert login(d.url, "li", PASSWORD, "dev-addr", address="10.3.0.2").status_code == 200


def test_an_unknown_user_costs_what_a_wrong_password_costs(deployment):
    d = deployment
    for i in range(6):  # one wrong guess each: more would reach the per-user limit
        d.add_user(f"timing-user-{i}")

    def timed(name: str, address: str) -> float:
        t = time.perf_counter()
        assert login(d.url, name, "wrong-guess", "dev-t", address=address).status_code == 401
        return time.perf_counter() - t

    # Alternated, and the fastest of each compared: a busy machine only adds time, to either side.
    known, unknown = [], []
    for i in range(6):
        known.append(timed(f"timing-user-{i}", f"10.4.0.{i}"))
        unknown.append(timed(f"timing-ghost-{i}", f"10.4.1.{i}"))
    ratio = min(unknown) / min(known)
    assert 0.5 < ratio < 2.0, (known, unknown)  # both pay one Argon2 verification


def test_a_revoked_user_and_a_signed_out_token_stop_at_once(deployment):
    d = deployment
    d.add_user("rv-user")
    token = d.token("rv-user", "dev-rv-1")
    other = d.token("rv-user", "dev-rv-2")
    with d.client(token) as c:
        assert c.get(api.ME).status_code == 200
        assert c.post(api.LOGOUT).status_code == 204
        r = c.get(api.ME)
        assert r.status_code == 401 and r.json()["code"] == "token_revoked" and "重新登录" in r.json()["error"]
    with d.client(other) as c:
        assert c.get(api.ME).status_code == 200
        out = office_cli("user", "revoke", "rv-user", data_dir=d.data_dir, db_url=d.db_url)
        assert "已停用" in out.stdout
        r = c.get(api.ME)
        assert r.status_code == 401 and r.json()["code"] == "token_revoked"
        before = _tokens(d)
        r = c.post(api.PUSH, json={"source": "dev-rv-2", "kind": "push", "rows": []})
        assert r.status_code == 401
    again = login(d.url, "rv-user", PASSWORD, "dev-rv-3", address="10.5.0.1")
    assert again.status_code == 403 and "停用" in again.json()["error"] and _tokens(d) == before


def test_an_expired_token_is_refused(deployment):
    d = deployment
    d.add_user("ex-user")
    token = d.token("ex-user", "dev-ex")
    with d.office.session() as s:  # the clock moves past the token's expiry
        s.execute(update(Token).where(Token.login == "ex-user")
                  .values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)))
    with d.client(token) as c:
        for r in (c.get(api.ME), c.get(api.PULL), c.post(api.BLOBS_MISSING, json={"hashes": []})):
            assert r.status_code == 401 and r.json() == {"error": "登录已过期，请重新登录", "code": "token_expired"}


def test_every_endpoint_but_login_and_health_needs_a_token(deployment):
    d = deployment
    sha = "a" * 64
    calls = [("GET", api.ME), ("POST", api.LOGOUT), ("POST", api.PUSH), ("GET", api.PULL),
             ("POST", api.BLOBS_MISSING), ("HEAD", api.BLOB.format(sha256=sha)),
             ("PATCH", api.BLOB.format(sha256=sha)), ("GET", api.BLOB.format(sha256=sha))]
    for headers in ({}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic eDp5"}):
        for method, path in calls:
            r = httpx.request(method, d.url + path, headers=headers, timeout=30)
            assert r.status_code == 401, (method, path, r.status_code)
            if method != "HEAD":
                assert r.json()["code"] in ("not_signed_in", "token_unknown") and "登录" in r.json()["error"]
    assert httpx.get(d.url + api.HEALTH).json()["ok"] is True
