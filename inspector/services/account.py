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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from inspector.reports.signing import CertInfo
from inspector.services import keys
from inspector.services.errors import UserError
from inspector.store import Workspace
from inspector.store.trust import TrustError, add_trusted_cert
from inspector.sync.http import HttpPeer, SyncError, normalise_server

log = logging.getLogger(__name__)

KEYRING_SERVICE = "inspector-office"
TOKEN_FILE = "office-token"  # in the data folder, 0600, when there is no keyring
NO_KEYRING_ENV = "INSPECTOR_NO_KEYRING"  # set: always the file (a shared or headless machine)

SERVER, LOGIN, CA_FILE = "office_server", "office_login", "office_ca_file"
TOKEN_STORE, EXPIRES, DISTRICT = "office_token_store", "office_token_expires", "office_district"
NUMBER_CODE = "number_code"

# What sign-in says of the signing certificate (templates the UI translates: ui/texts.py).
MESSAGES = {
    "cert_issued": "监督站已为“{name}”签发签名证书，有效期至 {until}。",
    "cert_failed": "已登录，但签名证书未能由监督站签发：{why}",
    "cert_self_signed": "本机签名证书仍是自签名的：可随时申请由监督站签发（登录时填写签名证书口令，"
                        "或运行 inspector keys certify）。",
    "ca_untrusted": "监督站证书未能加入信任列表：{why}",
}


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
    # After sign-in: what became of the signing certificate (issued by the station, or why not).
    certificate_note: str = ""

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
          device_name: str = "", key_passphrase: str = "") -> Account:
    """Sign this device in. Keeps the token (keyring or 0600 file), the server, the login, the
    device's number code and who the user is; the next writes are made as that user. The station's
    CA certificate is trusted from now on; given the signing key's passphrase, the station also
    issues this laptop's signing certificate (`certify`). A failed certificate does not undo the
    sign-in: `certificate_note` says what happened."""
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
    note = _trust_station(ws, result.ca_pem)
    own = keys.key_info(ws.store)  # None: no signing key here yet
    if own is not None and key_passphrase:
        try:
            info = certify(ws, key_passphrase)
            note = MESSAGES["cert_issued"].format(name=info.name, until=f"{info.not_after:%Y-%m-%d}")
        except UserError as exc:
            note = MESSAGES["cert_failed"].format(why=exc)
    elif own is not None and own.self_signed:
        note = note or MESSAGES["cert_self_signed"]
    return replace(current(ws), certificate_note=note)


def _trust_station(ws: Workspace, ca_pem: str) -> str:
    """Trust the station's CA certificate handed over at sign-in; a note when it cannot be."""
    if not ca_pem:
        return ""
    try:
        add_trusted_cert(ws.data_dir, ca_pem.encode("ascii"), source="office", note="登录时由监督站下发")
    except (TrustError, UnicodeEncodeError) as exc:
        log.warning("station CA not trusted: %s", exc)
        return MESSAGES["ca_untrusted"].format(why=exc)
    return ""


def certify(ws: Workspace, key_passphrase: str) -> CertInfo:
    """Ask the station's CA for this laptop's signing certificate: a request signed with the key
    (which never leaves the laptop) goes to the office, the certificate it issues replaces the
    self-signed one. Needs a sign-in. Raises UserError."""
    server, tok = ws.get_setting(SERVER), token(ws)
    if not server or not tok:
        raise UserError("尚未登录监督站：请先登录，再申请签名证书。")
    opened, csr = keys.certificate_request(ws.store, passphrase=key_passphrase)
    try:
        with HttpPeer(server, tok, ca_file=ws.get_setting(CA_FILE) or None, retries=1, timeout=30) as peer:
            cert_pem, ca_pem = peer.request_certificate(csr)
    except SyncError as exc:
        raise UserError(exc.message) from exc
    return keys.install_certificate(ws.store, opened, passphrase=key_passphrase, cert_pem=cert_pem, ca_pem=ca_pem)


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
