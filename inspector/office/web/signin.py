"""A browser's sign-in: the same accounts, Argon2 check and failure counters as a device's sign-in
(`office/auth.py`), but no device token: the browser gets a session cookie instead."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete

from inspector.domain import utcnow
from inspector.office import auth
from inspector.office.core import Office
from inspector.office.models import WebSignOut


def check_password(office: Office, login: str, password: str, address: str) -> str:
    """The account's login if the password is right; OfficeError (401, 403, 429) otherwise."""
    return auth.check_password(office, login=login, password=password, address=address).login


def sign_out(office: Office, sid: str, idle_s: float) -> None:
    """End the browser session `sid` for good (a kept copy of its cookie is refused from now on)."""
    now = utcnow()
    with office.session() as s:
        s.execute(delete(WebSignOut).where(WebSignOut.at < now - dt.timedelta(seconds=idle_s * 2)))
        if s.get(WebSignOut, sid) is None:
            s.add(WebSignOut(sid=sid, at=now))
