"""The office over HTTP (`sync/api.py`): the `Peer` the sync loop uses on a laptop, plus sign-in.

Qt-free; every call runs off the GUI thread. What it guarantees:

* a bearer token on every call but login and health; TLS verified (the system's CAs, or a CA file
  the office hands out for its own certificate);
* a few retries with growing pauses when the connection fails or the office answers 5xx (every
  request of the protocol may be replayed harmlessly), never on a 4xx (that answer will not change);
* blob uploads that resume: HEAD says how many bytes the office holds, PATCH sends `api.CHUNK`
  from there; after a cut connection it asks again and goes on from the last byte the office
  stored, so nothing it holds is sent twice;
* blob downloads that resume (Range) into a partial file kept beside the store, checked against
  their SHA-256 before they are handed over;
* errors as `SyncError`, in plain Chinese, saying what to do."""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from inspector.sync import api
from inspector.sync.wire import ApplyReport, Batch, WireError

log = logging.getLogger(__name__)

# (direction "up"/"down", bytes done in this blob, the blob's size)
BytesCallback = Callable[[str, int, int], None]


class SyncError(Exception):
    """A sync or sign-in that failed. `message`: plain Chinese with what to do; `code`: a stable
    machine code (the office's, or one of ours: unreachable, tls, timeout, auth, ...)."""

    def __init__(self, message: str, *, code: str = "", status: int = 0) -> None:
        super().__init__(message)
        self.message, self.code, self.status = message, code, status


# What each status means to an inspector, when the office's answer carries no message of its own.
_STATUS_TEXT = {
    400: "监督站拒收了本次同步的数据（格式错误）。请把软件更新到最新版本后再试；仍不行请联系管理员。",
    401: "登录已失效或已被注销。请重新登录（菜单“同步 → 登录监督站”，或命令 inspector login）。",
    403: "没有权限访问这些数据（项目未分配给您或您所在的县区）。如有疑问请联系监督站管理员。",
    404: "监督站上没有找到所请求的内容。请检查服务器地址是否正确。",
    409: "与监督站的数据状态不一致，已自动重新对齐；请再同步一次。",
    413: "一次发送的数据超过了监督站的上限。请把软件更新到最新版本后再试。",
    422: "附件在传输中损坏，监督站已丢弃；请再同步一次。",
    429: "尝试过于频繁，监督站暂时拒绝。请稍后再试。",
    507: "监督站磁盘已满，无法接收照片和文件。请联系管理员清理空间后再同步；本机数据不受影响。",
}
_SERVER_DOWN = "监督站服务器出错（{status}）。请稍后再试；若持续出现，请联系管理员。"
_UNREACHABLE = "无法连接监督站服务器 {server}。请检查网络连接和服务器地址；本机数据不受影响，联网后会自动同步。"
_TIMEOUT = "连接监督站服务器 {server} 超时。请检查网络后再试；本机数据不受影响。"
_TLS = "监督站服务器 {server} 的证书无法验证（{why}）。请确认服务器地址，或向管理员索取证书文件后在登录时选择。"
_BAD_ANSWER = "监督站的答复无法识别（{why}）。请确认服务器地址指向监督站，或把软件更新到最新版本。"

_NOT_RETRIED_5XX = {501, 505, 507}  # answers that another try will not change


@dataclass
class LoginResult:
    token: str
    expires_at: str
    user: dict[str, Any]
    device_code: str
    station_name: str
    ca_pem: str = ""


def normalise_server(server: str) -> str:
    """`office.example:8443` → `https://office.example:8443`; no trailing slash."""
    server = server.strip().rstrip("/")
    if not server:
        raise SyncError("请填写监督站服务器地址，例如 https://jdz.example.cn", code="no-server")
    if "://" not in server:
        server = "https://" + server
    if not server.startswith(("http://", "https://")):
        raise SyncError(f"服务器地址 {server} 无效：应以 https:// 开头", code="no-server")
    return server


class HttpPeer:
    """The office at `server`, as this device (`token`) reaches it. Close it when done."""

    def __init__(self, server: str, token: str = "", *, ca_file: str | os.PathLike[str] | None = None,
                 timeout: float = 30.0, retries: int = 3, backoff: float = 0.5,
                 partial_dir: Path | None = None, on_bytes: BytesCallback | None = None,
                 chunk: int = api.CHUNK, sleep: Callable[[float], None] = time.sleep) -> None:
        self.server = normalise_server(server)
        self.token = token
        self.retries, self.backoff, self.chunk, self._sleep = retries, backoff, chunk, sleep
        self.partial_dir = partial_dir
        self.on_bytes = on_bytes
        self.bytes_up = 0  # body bytes of blob chunks sent (what a resumed upload must keep low)
        self.bytes_down = 0
        # No TLS without https: skip loading the system's CA bundle (a sixth of a sync with nothing to do).
        verify: Any = self.server.startswith("https://")
        if ca_file and verify:  # the office's own CA, handed out by its administrator
            import ssl

            try:
                verify = ssl.create_default_context(cafile=str(ca_file))
            except (OSError, ssl.SSLError) as exc:
                raise SyncError(f"证书文件 {ca_file} 无法读取（{_short(exc)}）。请向管理员重新索取。", code="ca") from exc
        self._http = httpx.Client(base_url=self.server, verify=verify, follow_redirects=False,
                                  timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
                                  headers={"User-Agent": "inspector-laptop"})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> HttpPeer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ---- requests ----------------------------------------------------------------------------
    def _headers(self, extra: dict[str, str] | None = None, *, auth: bool = True) -> dict[str, str]:
        h = dict(extra or {})
        if auth and self.token:
            h["Authorization"] = f"Bearer {self.token}"
        return h

    def _request(self, method: str, path: str, *, auth: bool = True, ok: tuple[int, ...] = (200,),
                 headers: dict[str, str] | None = None, **kw: Any) -> httpx.Response:
        """One call with retries on connection failures and 5xx; any status outside `ok` becomes a
        SyncError (after the retries, for 5xx)."""
        attempt = 0
        while True:
            try:
                resp = self._http.request(method, path, headers=self._headers(headers, auth=auth), **kw)
            except httpx.TransportError as exc:
                if attempt >= self.retries or _is_tls(exc):
                    raise self._transport_error(exc) from exc
                log.info("%s %s failed (%s), retrying", method, path, exc)
            else:
                if resp.status_code in ok:
                    return resp
                if resp.status_code < 500 or resp.status_code in _NOT_RETRIED_5XX or attempt >= self.retries:
                    raise self._status_error(resp)
                log.info("%s %s answered %s, retrying", method, path, resp.status_code)
            attempt += 1
            self._pause(attempt)

    def _pause(self, attempt: int) -> None:
        self._sleep(self.backoff * (2 ** (attempt - 1)) * (1 + random.random() / 4))

    def _transport_error(self, exc: Exception) -> SyncError:
        if _is_tls(exc):
            return SyncError(_TLS.format(server=self.server, why=_short(exc)), code="tls")
        if isinstance(exc, httpx.TimeoutException):
            return SyncError(_TIMEOUT.format(server=self.server), code="timeout")
        return SyncError(_UNREACHABLE.format(server=self.server), code="unreachable")

    def _status_error(self, resp: httpx.Response) -> SyncError:
        status = resp.status_code
        code, said = "", ""
        try:
            body = resp.json()
            if isinstance(body, dict):
                code, said = str(body.get("code", "")), str(body.get("error", ""))
        except ValueError:
            pass
        # Where the way out is always the same, say it in our words (with the office's reason if it
        # gives another); elsewhere the office's message is the reason and says what to do.
        if status == 401:
            reason = f"{said.rstrip('。')}。" if said and "登录" not in said else ""
            return SyncError(reason + _STATUS_TEXT[401], code=code or "auth", status=status)
        if status == 429:
            wait = resp.headers.get("Retry-After", "")
            text = _STATUS_TEXT[429] + (f"（约 {wait} 秒后）" if wait.isdigit() else "")
            return SyncError(text, code=code or "rate", status=status)
        if status == 507:
            return SyncError(_STATUS_TEXT[507], code=code or "disk-full", status=status)
        if status >= 500:
            return SyncError(_SERVER_DOWN.format(status=status) + (f"（{said}）" if said else ""),
                             code=code or "server", status=status)
        if said:
            return SyncError(said, code=code, status=status)
        return SyncError(_STATUS_TEXT.get(status, f"监督站拒绝了请求（{status}）。请联系管理员。"), code=code, status=status)

    def _json(self, resp: httpx.Response) -> Any:
        try:
            return resp.json()
        except ValueError as exc:
            raise SyncError(_BAD_ANSWER.format(why="不是 JSON"), code="bad-answer") from exc

    # ---- sign-in -----------------------------------------------------------------------------
    def health(self) -> dict[str, Any]:
        return self._json(self._request("GET", api.HEALTH, auth=False))

    def login(self, user: str, password: str, *, device_id: str, device_name: str) -> LoginResult:
        resp = self._request("POST", api.LOGIN, auth=False, json={
            "user": user, "password": password, "device_id": device_id, "device_name": device_name})
        data = self._json(resp)
        try:
            result = LoginResult(token=str(data["token"]), expires_at=str(data.get("expires_at", "")),
                                 user=dict(data["user"]), device_code=str(data.get("device_code", "")),
                                 station_name=str(data.get("station_name", "")),
                                 ca_pem=str(data.get("ca_pem") or ""))
        except (KeyError, TypeError, ValueError) as exc:
            raise SyncError(_BAD_ANSWER.format(why=f"缺少 {exc}"), code="bad-answer") from exc
        if not result.token:
            raise SyncError(_BAD_ANSWER.format(why="没有令牌"), code="bad-answer")
        self.token = result.token
        return result

    def logout(self) -> None:
        self._request("POST", api.LOGOUT, ok=(200, 204))

    def me(self) -> dict[str, Any]:
        return self._json(self._request("GET", api.ME))

    def request_certificate(self, csr_pem: str) -> tuple[str, str]:
        """Send a certificate request signed by this laptop's key (the key stays here); returns the
        (certificate, station CA certificate) the office issued, as PEM."""
        data = self._json(self._request("POST", api.CERTIFICATE, json={"csr": csr_pem}))
        cert, ca = data.get("certificate"), data.get("ca")
        if not isinstance(cert, str) or not isinstance(ca, str):
            raise SyncError(_BAD_ANSWER.format(why="缺少证书"), code="bad-answer")
        return cert, ca

    # ---- the Peer protocol -------------------------------------------------------------------
    def push(self, batch: Batch) -> ApplyReport:
        # Compressed: JSON of Chinese text and repeated keys shrinks several times, and a push is
        # most of what a laptop sends after months offline. The answer comes back compressed too.
        body = gzip.compress(json.dumps(batch.to_json(), ensure_ascii=False, separators=(",", ":")).encode(),
                             compresslevel=api.GZIP_LEVEL)
        resp = self._request("POST", api.PUSH, content=body, headers={
            "Content-Type": "application/json", "Content-Encoding": "gzip"})
        try:
            return ApplyReport.from_json(self._json(resp))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SyncError(_BAD_ANSWER.format(why=_short(exc)), code="bad-answer") from exc

    def pull(self, cursor: str, limit: int) -> Batch:
        resp = self._request("GET", api.PULL, params={"cursor": cursor, "limit": limit})
        try:
            batch = Batch.from_json(self._json(resp))
        except WireError as exc:
            raise SyncError(_BAD_ANSWER.format(why=str(exc)), code="bad-answer") from exc
        if batch.kind != "pull":
            raise SyncError(_BAD_ANSWER.format(why="不是拉取的数据"), code="bad-answer")
        return batch

    def missing_blobs(self, hashes: list[str]) -> list[str]:
        if not hashes:
            return []
        data = self._json(self._request("POST", api.BLOBS_MISSING, json={"hashes": hashes}))
        missing = data.get("missing") if isinstance(data, dict) else None
        if not isinstance(missing, list):
            raise SyncError(_BAD_ANSWER.format(why="缺少 missing"), code="bad-answer")
        asked = set(hashes)
        return [h for h in missing if h in asked]

    def held(self, sha256: str) -> int | None:
        """Bytes of the blob the office holds so far; None when it has the whole blob."""
        resp = self._request("HEAD", api.BLOB.format(sha256=sha256), ok=(200, 404))
        if resp.status_code == 200:
            return None
        return _offset(resp)

    def put_blob(self, sha256: str, data: bytes) -> None:
        """Upload a blob the office lacks, from the last byte it holds; resumes after a cut."""
        total = len(data)
        path = api.BLOB.format(sha256=sha256)
        offset = self.held(sha256)
        if offset is None:
            return
        failures = 0
        while True:  # an empty chunk at the end (or of an empty blob) asks the office to finish it
            end = min(offset + self.chunk, total)
            piece = data[offset:end]
            try:
                resp = self._http.request("PATCH", path, content=piece, headers=self._headers({
                    api.UPLOAD_OFFSET: str(offset), api.UPLOAD_LENGTH: str(total),
                    "Content-Type": "application/offset+octet-stream"}))
            except httpx.TransportError as exc:
                self.bytes_up += len(piece)  # sent, or partly: counted as spent either way
                failures += 1
                if failures > self.retries or _is_tls(exc):
                    raise self._transport_error(exc) from exc
                log.info("upload of %s cut at offset %s (%s); asking the office where to resume",
                         sha256[:12], offset, exc)
                self._pause(failures)
                offset = self.held(sha256)  # the office says how much of it arrived
                continue
            self.bytes_up += len(piece)
            if resp.status_code in (200, 201, 204):
                new = _offset(resp, default=end)
                if new > offset:
                    failures = 0
                offset = new
                if self.on_bytes:
                    self.on_bytes("up", min(offset, total), total)
                if offset >= total:
                    return
            elif resp.status_code == 409:  # the office holds a different amount: go on from there
                failures += 1
                if failures > self.retries:
                    raise self._status_error(resp)
                offset = _offset(resp)
            elif resp.status_code >= 500 and resp.status_code not in _NOT_RETRIED_5XX:
                failures += 1
                if failures > self.retries:
                    raise self._status_error(resp)
                self._pause(failures)
                offset = self.held(sha256)
            else:
                raise self._status_error(resp)

    def get_blob(self, sha256: str) -> bytes:
        """Download a blob into a partial file (resuming what an earlier try left), check its
        SHA-256, and return its bytes. A blob whose bytes do not match is thrown away."""
        part = self._partial(sha256)
        failures = 0
        while True:
            have = part.stat().st_size if part.exists() else 0
            headers = self._headers({"Range": f"bytes={have}-"} if have else None)
            try:
                with self._http.stream("GET", api.BLOB.format(sha256=sha256), headers=headers) as resp:
                    if resp.status_code == 416:  # nothing after what we hold: it is all here
                        break
                    if resp.status_code not in (200, 206):
                        resp.read()
                        if resp.status_code < 500 or resp.status_code in _NOT_RETRIED_5XX \
                                or failures >= self.retries:
                            raise self._status_error(resp)
                        failures += 1
                        self._pause(failures)
                        continue
                    start = have if resp.status_code == 206 else 0
                    total = _total(resp, start)
                    with open(part, "r+b" if start and part.exists() else "wb") as out:
                        out.seek(start)
                        out.truncate()
                        done = start
                        for piece in resp.iter_bytes():
                            out.write(piece)
                            done += len(piece)
                            self.bytes_down += len(piece)
                            if self.on_bytes:
                                self.on_bytes("down", done, total or done)
                        out.flush()
                        os.fsync(out.fileno())
                    if total is None or done >= total:
                        break
                    raise httpx.ReadError("body shorter than announced")
            except httpx.TransportError as exc:
                failures += 1
                if failures > self.retries or _is_tls(exc):
                    raise self._transport_error(exc) from exc
                log.info("download of %s cut (%s); resuming", sha256[:12], exc)
                self._pause(failures)
        data = part.read_bytes()
        if hashlib.sha256(data).hexdigest() != sha256:
            part.unlink(missing_ok=True)
            raise SyncError(f"从监督站下载的附件 {sha256[:12]}… 校验失败（内容与哈希不符），已丢弃。请再同步一次；"
                            "仍失败请联系管理员。", code="blob-hash")
        part.unlink(missing_ok=True)
        return data

    def _partial(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise SyncError(_BAD_ANSWER.format(why=f"附件哈希无效 {sha256[:16]!r}"), code="bad-answer")
        folder = self.partial_dir
        if folder is None:
            import tempfile

            folder = Path(tempfile.gettempdir()) / "inspector-downloads"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{sha256}.part"


def _offset(resp: httpx.Response, default: int = 0) -> int:
    raw = resp.headers.get(api.UPLOAD_OFFSET)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SyncError(_BAD_ANSWER.format(why=f"{api.UPLOAD_OFFSET} 无效"), code="bad-answer") from None
    if value < 0:
        raise SyncError(_BAD_ANSWER.format(why=f"{api.UPLOAD_OFFSET} 无效"), code="bad-answer")
    return value


def _total(resp: httpx.Response, start: int) -> int | None:
    """The whole blob's size, from Content-Range (a 206) or Content-Length (a 200)."""
    rng = resp.headers.get("Content-Range", "")
    if rng and "/" in rng:
        tail = rng.rsplit("/", 1)[1]
        if tail.isdigit():
            return int(tail)
    length = resp.headers.get("Content-Length")
    if length and length.isdigit():
        return start + int(length)
    return None


def _is_tls(exc: BaseException) -> bool:
    import ssl

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError) or "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) < 120 else text[:117] + "…"
