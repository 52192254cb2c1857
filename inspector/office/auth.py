"""Signing in and being signed in: a device trades a user's password for a token bound to the
device, and every later request carries the token.

Failed sign-ins are counted in the database, per account and per client address, so every server
process sees the same counts; past the free attempts a key is blocked for a while (429 with
Retry-After) and its password is not even checked. An unknown user costs one Argon2 verification
like a wrong password, gets the same answer, and is counted the same way: the answers do not tell
whether an account exists."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from inspector.domain import utcnow
from inspector.office.core import Office, OfficeError
from inspector.office.models import Account, Device, LoginFailure, Token
from inspector.office.security import new_token, token_digest, verify_password
from inspector.sync.scope import InspectorScope, Scope

WRONG = "用户名或密码错误，请检查后重试"


@dataclass(frozen=True)
class User:
    login: str
    user_id: str
    name: str
    district: str
    admin: bool
    badge_no: str

    def to_json(self) -> dict[str, object]:
        return {"login": self.login, "name": self.name, "district": self.district, "admin": self.admin,
                "badge_no": self.badge_no}

    @property
    def scope(self) -> Scope | None:
        """What the user may see and change: everything (an admin), or their projects."""
        return None if self.admin else InspectorScope(self.user_id, self.district)


def _user(a: Account) -> User:
    return User(a.login, a.user_id, a.name, a.district, a.admin, a.badge_no)


@dataclass(frozen=True)
class Auth:
    """Who a request comes from: the user, the device the token is bound to, the token's digest."""

    user: User
    device_id: str
    device_code: str
    token_sha256: str


@dataclass(frozen=True)
class LoginResult:
    token: str
    expires_at: dt.datetime
    user: User
    device_code: str


# ---- throttling ------------------------------------------------------------------------------------

def _blocked_for(s: Session, keys: list[str], now: dt.datetime) -> float:
    until = [f.blocked_until for f in s.scalars(select(LoginFailure).where(LoginFailure.key.in_(keys)))
             if f.blocked_until is not None and f.blocked_until > now]
    return max(((u - now).total_seconds() for u in until), default=0.0)


def _count_failure(office: Office, keys: list[tuple[str, int]], now: dt.datetime) -> None:
    limits = office.settings.login
    for attempt in range(3):  # two processes may insert the same new key at once: count again
        try:
            with office.session() as s:
                for key, free in keys:
                    row = s.get(LoginFailure, key, with_for_update=True)
                    if row is None:
                        row = LoginFailure(key=key, failures=0, first_at=now, last_at=now)
                        s.add(row)
                    elif (now - row.last_at).total_seconds() > limits.window_s:
                        row.failures, row.first_at = 0, now
                    row.failures += 1
                    row.last_at = now
                    if row.failures >= free:
                        block = min(limits.first_block_s * 2 ** (row.failures - free), limits.max_block_s)
                        row.blocked_until = now + dt.timedelta(seconds=block)
                # Old counters go: nothing blocked, nothing failed for a day.
                s.execute(delete(LoginFailure).where(LoginFailure.last_at < now - dt.timedelta(days=1)))
            return
        except IntegrityError:
            if attempt == 2:
                raise


def _too_many(seconds: float) -> OfficeError:
    wait = max(1, math.ceil(seconds))
    minutes = f"{math.ceil(wait / 60)} 分钟" if wait >= 60 else f"{wait} 秒"
    return OfficeError(429, "too_many_attempts", f"登录失败次数过多，请 {minutes}后再试", {"Retry-After": str(wait)})


# ---- signing in ------------------------------------------------------------------------------------

def check_password(office: Office, *, login: str, password: str, address: str) -> Account:
    """The account, if `password` is its own: throttled per account and per client address (429),
    one answer for an unknown user and a wrong password (401), a revoked account told only to
    someone who knows the password (403). A device's sign-in and a browser's share it."""
    limits = office.settings.login
    user_key = f"user:{login.casefold()}"[:120]
    keys = [(user_key, limits.free_per_account), (f"addr:{address}"[:120], limits.free_per_address)]
    now = utcnow()
    with office.reading() as s:
        wait = _blocked_for(s, [k for k, _ in keys], now)
        account = s.get(Account, login) if login else None
        stored = account.password_hash if account is not None else None
    if wait > 0:
        raise _too_many(wait)
    if not verify_password(stored, password):
        _count_failure(office, keys, now)
        raise OfficeError(401, "wrong_credentials", WRONG)
    assert account is not None
    if account.revoked_at is not None:
        raise OfficeError(403, "account_revoked", "该账号已被停用，请联系监督站管理员")
    with office.session() as s:
        s.execute(delete(LoginFailure).where(LoginFailure.key == user_key))
    return account


def login(office: Office, *, login: str, password: str, device_id: str, device_name: str, address: str) -> LoginResult:
    account = check_password(office, login=login, password=password, address=address)
    now = utcnow()
    token = new_token()
    expires = now + dt.timedelta(days=office.settings.token_days)
    for attempt in range(3):
        try:
            with office.session() as s:
                code = _device(s, device_id, device_name, account.login, now)
                s.add(Token(token_sha256=token_digest(token), login=account.login, device_id=device_id,
                            created_at=now, expires_at=expires))
            return LoginResult(token, expires, _user(account), code)
        except IntegrityError:  # another process gave the same new code to another device: again
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _device(s: Session, device_id: str, name: str, login: str, now: dt.datetime) -> str:
    """The device's code: the one it has, or the next free one ("01", "02", …)."""
    device = s.get(Device, device_id)
    if device is None:
        used = [int(c) for c in s.scalars(select(Device.code)) if c.isdigit()]
        code = f"{max(used, default=0) + 1:02d}"
        device = Device(device_id=device_id, code=code, name=name, login=login, first_seen=now, last_seen=now,
                        chain_problem="")
        s.add(device)
        s.flush()
    device.name, device.login, device.last_seen = name or device.name, login, now
    return device.code


def logout(office: Office, auth: Auth) -> None:
    with office.session() as s:
        token = s.get(Token, auth.token_sha256)
        if token is not None and token.revoked_at is None:
            token.revoked_at = utcnow()


def authenticate(office: Office, authorization: str | None) -> Auth:
    """The request's sign-in, from `Authorization: Bearer <token>`; refused with 401 otherwise."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise OfficeError(401, "not_signed_in", "未登录：请先登录监督站", {"WWW-Authenticate": "Bearer"})
    digest = token_digest(token.strip())
    with office.reading() as s:
        row = s.execute(select(Token, Account, Device.code).join(Account, Account.login == Token.login)
                        .join(Device, Device.device_id == Token.device_id)
                        .where(Token.token_sha256 == digest)).first()
    if row is None:
        raise OfficeError(401, "token_unknown", "登录凭据无效，请重新登录", {"WWW-Authenticate": "Bearer"})
    tok, account, code = row
    if tok.revoked_at is not None or account.revoked_at is not None:
        raise OfficeError(401, "token_revoked", "登录已失效（已退出或账号被停用），请重新登录；如账号被停用请联系管理员",
                          {"WWW-Authenticate": "Bearer"})
    if tok.expires_at <= utcnow():
        raise OfficeError(401, "token_expired", "登录已过期，请重新登录", {"WWW-Authenticate": "Bearer"})
    return Auth(_user(account), tok.device_id, code, digest)
