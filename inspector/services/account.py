"""Signing this laptop in at the office, and what it keeps of that.

`login` sends the user's name and password once; the office answers with a revocable token for this
device, the device's code for record numbers, and who the user is. The token is kept in the
platform's keyring where one works (Windows Credential Manager, macOS Keychain, the Secret Service),
else in a file only this user can read (0600) in the data folder; never in the settings table,
and the password is not kept anywhere. Runs off the GUI thread (network)."""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inspector.services.errors import UserError
from inspector.store import Workspace
from inspector.sync.http import HttpPeer, SyncError, normalise_server

log = logging.getLogger(__name__)

KEYRING_SERVICE = "inspector-office"
TOKEN_FILE = "office-token"  # in the data folder, 0600, when there is no keyring
NO_KEYRING_ENV = "INSPECTOR_NO_KEYRING"  # set: always the file (a shared or headless machine)

SERVER, LOGIN, CA_FILE = "office_server", "office_login", "office_ca_file"
TOKEN_STORE, EXPIRES, DISTRICT = "office_token_store", "office_token_expires", "office_district"
NUMBER_CODE = "number_code"


class LoginFailed(UserError):
    """Sign-in refused or impossible; the message says why and what to do."""

    def __init__(self, message: str, *, code: str = "") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Account:
    server: str
    login: str
    name: str
    badge_no: str
    station_name: str
    district: str
    device_code: str
    token_store: str  # "keyring" / "file" / "" (signed out)
    expires_at: str

    @property
    def signed_in(self) -> bool:
        return bool(self.token_store)


# ---- where the token lives -------------------------------------------------------------------------

def _keyring() -> Any:
    """The platform keyring if a usable one is installed, else None (then the 0600 file)."""
    if os.environ.get(NO_KEYRING_ENV):
        return None
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
        usable = not isinstance(backend, fail.Keyring) and float(backend.priority) >= 1
    except Exception:  # noqa: BLE001 - a broken keyring setup means: use the file
        log.info("keyring unusable", exc_info=True)
        return None
    return backend if usable else None


def _key(ws: Workspace) -> str:
    return f"{ws.device_id}@{ws.data_dir.resolve()}"


def _token_path(ws: Workspace) -> Path:
    return ws.data_dir / TOKEN_FILE


def _write_private(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        if hasattr(os, "fchmod"):  # the file may have existed with wider rights
            os.fchmod(fd, 0o600)
        os.write(fd, text.encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def _save_token(ws: Workspace, token: str) -> str:
    backend = _keyring()
    if backend is not None:
        try:
            backend.set_password(KEYRING_SERVICE, _key(ws), token)
            _token_path(ws).unlink(missing_ok=True)
            return "keyring"
        except Exception:  # noqa: BLE001 - locked or refusing keyring: fall back to the file
            log.warning("keyring refused the token; keeping it in a private file instead", exc_info=True)
    _write_private(_token_path(ws), token)
    return "file"


def token(ws: Workspace) -> str:
    """This device's token ("" when signed out or lost)."""
    where = ws.get_setting(TOKEN_STORE)
    if where == "keyring":
        backend = _keyring()
        if backend is None:
            return ""
        try:
            return backend.get_password(KEYRING_SERVICE, _key(ws)) or ""
        except Exception:  # noqa: BLE001
            log.warning("cannot read the token from the keyring", exc_info=True)
            return ""
    if where == "file":
        try:
            return _token_path(ws).read_text().strip()
        except OSError:
            return ""
    return ""


def forget_token(ws: Workspace) -> None:
    backend = _keyring()
    if backend is not None:
        try:
            backend.delete_password(KEYRING_SERVICE, _key(ws))
        except Exception:  # noqa: BLE001 - nothing stored there
            pass
    _token_path(ws).unlink(missing_ok=True)
    ws.store.set_setting(TOKEN_STORE, "")
    ws.store.set_setting(EXPIRES, "")


# ---- use cases -------------------------------------------------------------------------------------

def login(ws: Workspace, server: str, user: str, password: str, *, ca_file: str = "",
          device_name: str = "") -> Account:
    """Sign this device in. Keeps the token (keyring or 0600 file), the server, the login, the
    device's number code and who the user is; the next writes are made as that user."""
    user = user.strip()
    if not user or not password:
        raise LoginFailed("请填写用户名和密码。", code="empty")
    if ca_file and not Path(ca_file).is_file():
        raise LoginFailed(f"证书文件 {ca_file} 不存在。", code="ca")
    try:
        url = normalise_server(server)
        with HttpPeer(url, ca_file=ca_file or None, retries=1) as peer:
            result = peer.login(user, password, device_id=ws.device_id,
                                device_name=device_name or socket.gethostname())
    except SyncError as exc:
        text = exc.message
        if exc.status == 401:
            text = "用户名或密码错误。请检查后重试（注意大小写）。"
        raise LoginFailed(text, code=exc.code) from exc
    where = _save_token(ws, result.token)
    u = result.user
    settings = {
        SERVER: url, LOGIN: str(u.get("login") or user), CA_FILE: str(Path(ca_file).resolve()) if ca_file else "",
        TOKEN_STORE: where, EXPIRES: result.expires_at, DISTRICT: str(u.get("district") or ""),
    }
    if result.device_code:
        settings[NUMBER_CODE] = result.device_code
    if u.get("name"):
        settings["inspector_name"] = str(u["name"])
    if u.get("badge_no"):
        settings["badge_no"] = str(u["badge_no"])
    if result.station_name:
        settings["station_name"] = result.station_name
    with ws.store.unit(ws.actor) as uow:  # settings are bookkeeping: one unit, no audit, no sync
        for k, v in settings.items():
            uow.set_setting(k, v)
    ws.actor = ws.store.local_actor()  # what this user writes from now on carries their name
    return current(ws)


def logout(ws: Workspace) -> str:
    """Tell the office to revoke the token, and forget it here. Returns a note for the user when
    the office could not be told (the token is forgotten here all the same)."""
    server, tok = ws.get_setting(SERVER), token(ws)
    note = ""
    if server and tok:
        try:
            with HttpPeer(server, tok, ca_file=ws.get_setting(CA_FILE) or None, retries=1, timeout=10) as peer:
                peer.logout()
        except SyncError as exc:
            if exc.status != 401:  # 401: the office had already revoked it
                note = (f"已在本机退出登录，但未能通知监督站（{exc.message.split('。')[0]}）。"
                        "令牌将在过期后失效；如设备丢失，请管理员注销本设备。")
    forget_token(ws)
    return note


def current(ws: Workspace) -> Account:
    return Account(server=ws.get_setting(SERVER), login=ws.get_setting(LOGIN),
                   name=ws.get_setting("inspector_name"), badge_no=ws.get_setting("badge_no"),
                   station_name=ws.get_setting("station_name"), district=ws.get_setting(DISTRICT),
                   device_code=ws.get_setting(NUMBER_CODE), token_store=ws.get_setting(TOKEN_STORE),
                   expires_at=ws.get_setting(EXPIRES))
