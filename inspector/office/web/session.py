"""Browser sessions of the office pages: a signed cookie (HMAC-SHA256 with a key kept in the data
directory, so every server process of one office accepts it), HttpOnly and SameSite=Lax, renewed
on each page so that it ends after `IDLE_MINUTES` without a request; and a CSRF token per session
that every form carries and every POST must send back.

The cookie holds the login, a random session id and the time of the last request; nothing secret.
The account is read again on every request, so revoking it ends its sessions at once."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

COOKIE = "inspector_session"
PRE_COOKIE = "inspector_pre"  # before sign-in: binds the sign-in form's CSRF token to this browser
IDLE_MINUTES = 30
KEY_FILE = "web-session.key"


def session_key(data_dir: Path) -> bytes:
    """The office's cookie key: made once (0600, O_EXCL so two starting processes agree), then read."""
    path = data_dir / KEY_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_bytes(32))
            f.flush()
            os.fsync(f.fileno())
    for _ in range(50):  # the other process may not have written it yet
        data = path.read_bytes()
        if len(data) == 32:
            return data
        time.sleep(0.02)
    raise RuntimeError(f"{path}: 会话密钥文件已损坏，请删除后重启服务")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class WebSession:
    login: str
    sid: str
    last: float


class Sessions:
    def __init__(self, key: bytes, idle_s: float = IDLE_MINUTES * 60) -> None:
        self.key, self.idle_s = key, idle_s

    def _mac(self, payload: str) -> str:
        return _b64(hmac.new(self.key, payload.encode("ascii"), hashlib.sha256).digest())

    def new(self, login: str) -> WebSession:
        return WebSession(login, secrets.token_urlsafe(18), time.time())

    def dump(self, s: WebSession) -> str:
        payload = _b64(json.dumps({"l": s.login, "s": s.sid, "t": int(time.time())}).encode("utf-8"))
        return f"{payload}.{self._mac(payload)}"

    def load(self, cookie: str | None) -> WebSession | None:
        """The session the cookie carries, or None (absent, forged, or idle too long)."""
        if not cookie or "." not in cookie:
            return None
        payload, mac = cookie.rsplit(".", 1)
        if not hmac.compare_digest(mac, self._mac(payload)):
            return None
        try:
            data = json.loads(_unb64(payload))
            s = WebSession(str(data["l"]), str(data["s"]), float(data["t"]))
        except (ValueError, KeyError, TypeError):
            return None
        if time.time() - s.last > self.idle_s:
            return None
        return s

    def csrf(self, sid: str) -> str:
        return self._mac("csrf:" + sid)

    def csrf_ok(self, sid: str, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(self.csrf(sid), token or "")
