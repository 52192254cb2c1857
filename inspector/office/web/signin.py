"""A browser's sign-in: the same accounts, Argon2 check and failure counters as a device's sign-in
(`office/auth.py`), but no device token: the browser gets a session cookie instead."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete

from inspector.domain import utcnow
from inspector.office.auth import WRONG, _blocked_for, _count_failure, _too_many
from inspector.office.core import Office, OfficeError
from inspector.office.models import Account, WebSignOut
from inspector.office.security import verify_password


def check_password(office: Office, login: str, password: str, address: str) -> str:
    """The account's login if the password is right; OfficeError (401, 403, 429) otherwise."""
    limits = office.settings.login
    keys = [(f"user:{login.casefold()}"[:120], limits.free_per_account),
            (f"addr:{address}"[:120], limits.free_per_address)]
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
    return account.login


def sign_out(office: Office, sid: str, idle_s: float) -> None:
    """End the browser session `sid` for good (a kept copy of its cookie is refused from now on)."""
    now = utcnow()
    with office.session() as s:
        s.execute(delete(WebSignOut).where(WebSignOut.at < now - dt.timedelta(seconds=idle_s * 2)))
        if s.get(WebSignOut, sid) is None:
            s.add(WebSignOut(sid=sid, at=now))
