"""A small real office server for the laptop's tests, until `inspector-office serve` lands: Starlette
under uvicorn on 127.0.0.1 (a thread of the test process), serving `sync/api.py` with the same calls
the in-process `LocalPeer` makes for each request. It also counts what it receives and can be told
to misbehave (a status for the next requests, a corrupt blob), and `CutProxy` sits in front of it to
cut TCP connections after a given number of bytes."""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import json
import secrets
import socket
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from inspector.store import Workspace
from inspector.sync import api
from inspector.sync.client import LocalPeer
from inspector.sync.wire import Batch, WireError


def _err(status: int, text: str, code: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": text, "code": code}, status_code=status, headers=headers)


class TestOffice:
    """The office: users, device tokens, the office store, resumable uploads."""

    __test__ = False  # a helper, not a test class

    def __init__(self, office: Workspace, users: dict[str, dict[str, Any]] | None = None) -> None:
        self.office = office
        self.users = users or {"li": {"password": "secret-1", "name": "李淑芬", "district": "城中区",
                                      "admin": False, "badge_no": "QH-0101"}}
        self.tokens: dict[str, tuple[str, str]] = {}  # token -> (login, device id)
        self.codes: dict[str, str] = {}  # device id -> device code
        self.uploads = office.data_dir / "uploads"
        self.uploads.mkdir(exist_ok=True)
        self.received: Counter[str] = Counter()  # blob -> body bytes received over all PATCHes
        self.patches: list[tuple[str, int, int]] = []  # (blob, Upload-Offset, body bytes stored)
        self.gets: list[tuple[str, str]] = []  # (blob, Range header)
        self.fail: list[int] = []  # statuses to answer the next requests with (then behave)
        self.blob_status: int | None = None  # e.g. 507: every PATCH answers this
        self.corrupt: set[str] = set()  # blobs served with one byte changed
        self.logins: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.app = Starlette(routes=[
            Route(api.LOGIN, self.login, methods=["POST"]),
            Route(api.LOGOUT, self.logout, methods=["POST"]),
            Route(api.ME, self.me, methods=["GET"]),
            Route(api.HEALTH, self.health, methods=["GET"]),
            Route(api.PUSH, self.push, methods=["POST"]),
            Route(api.PULL, self.pull, methods=["GET"]),
            Route(api.BLOBS_MISSING, self.missing, methods=["POST"]),
            Route(api.BLOB, self.blob, methods=["HEAD", "PATCH", "GET"]),
        ])

    # -- helpers --
    def _who(self, request: Request) -> tuple[str, str] | None:
        auth = request.headers.get("authorization", "")
        return self.tokens.get(auth[7:]) if auth.startswith("Bearer ") else None

    def _failing(self) -> Response | None:
        if self.fail:
            status = self.fail.pop(0)
            return _err(status, f"测试：状态 {status}", "test")
        return None

    async def _json(self, request: Request) -> Any:
        body = await request.body()
        if request.headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        try:
            return json.loads(body)
        except ValueError:
            return None

    # -- routes --
    async def health(self, _request: Request) -> Response:
        return JSONResponse({"ok": True, "version": "test"})

    async def login(self, request: Request) -> Response:
        if (failed := self._failing()) is not None:
            return failed
        data = await self._json(request) or {}
        self.logins.append({k: v for k, v in data.items() if k != "password"})
        user = self.users.get(data.get("user", ""))
        if user is None or user["password"] != data.get("password"):
            return _err(401, "用户名或密码错误", "bad-login")
        token = secrets.token_urlsafe(32)
        device = str(data.get("device_id", ""))
        code = self.codes.setdefault(device, f"T{len(self.codes) + 1:04d}")
        self.tokens[token] = (data["user"], device)
        return JSONResponse({"token": token, "expires_at": "2099-01-01T00:00:00+00:00",
                             "user": {"login": data["user"], "name": user["name"], "district": user["district"],
                                      "admin": user["admin"], "badge_no": user["badge_no"]},
                             "device_code": code, "station_name": "西宁市建设工程质量安全监督站（测试）"})

    async def logout(self, request: Request) -> Response:
        auth = request.headers.get("authorization", "")[7:]
        if self.tokens.pop(auth, None) is None:
            return _err(401, "登录已失效，请重新登录", "auth")
        return Response(status_code=204)

    async def me(self, request: Request) -> Response:
        who = self._who(request)
        if who is None:
            return _err(401, "登录已失效，请重新登录", "auth")
        return JSONResponse({"user": {"login": who[0]}, "device_code": self.codes.get(who[1], ""), "projects": 0})

    async def push(self, request: Request) -> Response:
        who = self._who(request)
        if who is None:
            return _err(401, "登录已失效，请重新登录", "auth")
        if (failed := self._failing()) is not None:
            return failed
        try:
            batch = Batch.from_json(await self._json(request))
        except WireError as exc:
            return _err(400, str(exc), "wire")
        if batch.source != who[1]:
            return _err(400, "来源设备与令牌不符", "wire")
        with self.lock:
            report = LocalPeer(self.office, who[1]).push(batch)
        return JSONResponse(report.to_json())

    async def pull(self, request: Request) -> Response:
        who = self._who(request)
        if who is None:
            return _err(401, "登录已失效，请重新登录", "auth")
        if (failed := self._failing()) is not None:
            return failed
        cursor = request.query_params.get("cursor", "0")
        limit = min(int(request.query_params.get("limit", "1000")), 5000)
        try:
            with self.lock:
                batch = LocalPeer(self.office, who[1]).pull(cursor, limit)
        except WireError as exc:
            return _err(400, str(exc), "wire")
        return JSONResponse(batch.to_json())

    async def missing(self, request: Request) -> Response:
        if self._who(request) is None:
            return _err(401, "登录已失效，请重新登录", "auth")
        data = await self._json(request) or {}
        return JSONResponse({"missing": [h for h in data.get("hashes", []) if not self.office.blobs.exists(h)]})

    async def blob(self, request: Request) -> Response:
        if self._who(request) is None:
            return _err(401, "登录已失效，请重新登录", "auth")
        sha = request.path_params["sha256"]
        if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
            return _err(400, "附件名称无效", "bad-name")
        part = self.uploads / sha
        if request.method == "HEAD":
            if self.office.blobs.exists(sha):
                size = self.office.blobs.path(sha).stat().st_size
                return Response(status_code=200, headers={"Content-Length": str(size)})
            held = part.stat().st_size if part.exists() else 0
            return Response(status_code=404, headers={api.UPLOAD_OFFSET: str(held)})
        if request.method == "GET":
            return self._download(request, sha)
        return await self._upload(request, sha, part)

    def _download(self, request: Request, sha: str) -> Response:
        if not self.office.blobs.exists(sha):
            return _err(404, "监督站没有该附件", "not-found")
        data = self.office.blobs.read(sha)
        if sha in self.corrupt:
            data = bytes([data[0] ^ 0xFF]) + data[1:]
        rng = request.headers.get("range", "")
        self.gets.append((sha, rng))
        if rng.startswith("bytes="):
            start = int(rng[6:].split("-")[0])
            if start >= len(data):
                return Response(status_code=416, headers={"Content-Range": f"bytes */{len(data)}"})
            return Response(data[start:], status_code=206, media_type="application/octet-stream",
                            headers={"Content-Range": f"bytes {start}-{len(data) - 1}/{len(data)}"})
        return Response(data, media_type="application/octet-stream")

    async def _upload(self, request: Request, sha: str, part: Path) -> Response:
        if self.blob_status is not None:
            return _err(self.blob_status, "监督站磁盘已满，请联系管理员", "disk-full")
        if self.office.blobs.exists(sha):
            size = self.office.blobs.path(sha).stat().st_size
            return Response(status_code=204, headers={api.UPLOAD_OFFSET: str(size)})
        held = part.stat().st_size if part.exists() else 0
        offset = int(request.headers.get(api.UPLOAD_OFFSET, "-1"))
        length = int(request.headers.get(api.UPLOAD_LENGTH, "-1"))
        if offset != held:
            return Response(status_code=409, headers={api.UPLOAD_OFFSET: str(held)})
        stored = 0
        with open(part, "ab") as out:  # every piece is kept as it arrives: a cut keeps what came
            try:
                async for piece in request.stream():
                    out.write(piece)
                    out.flush()
                    stored += len(piece)
                    self.received[sha] += len(piece)
            except ClientDisconnect:
                self.patches.append((sha, offset, stored))
                return Response(status_code=400)
        self.patches.append((sha, offset, stored))
        held += stored
        if held >= length:
            data = part.read_bytes()
            part.unlink()
            if hashlib.sha256(data).hexdigest() != sha:
                return _err(422, "附件内容与哈希不符，已丢弃", "hash")
            self.office.blobs.put_verified(data, sha)
        return Response(status_code=204, headers={api.UPLOAD_OFFSET: str(held)})


class Served:
    """A uvicorn server in a thread on 127.0.0.1 (a free port)."""

    def __init__(self, app: Any, **config: Any) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"{'https' if config.get('ssl_certfile') else 'http'}://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off", **config))
        self.thread = threading.Thread(target=lambda: asyncio.run(self.server.serve(sockets=[self.sock])),
                                       daemon=True)

    def start(self) -> Served:
        self.thread.start()
        for _ in range(500):
            if self.server.started:
                return self
            threading.Event().wait(0.01)
        raise RuntimeError("test office did not start")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


class CutProxy:
    """A TCP proxy on 127.0.0.1 in front of `port`. `cut_up(n)`: once n more bytes have gone from the
    client towards the server, the connection carrying the n-th byte is closed right after it (both
    ways); `cut_down(n)` likewise for bytes from the server. Each cut happens once."""

    def __init__(self, port: int) -> None:
        self.target = port
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.up_at: int | None = None
        self.down_at: int | None = None
        self.seen = {"up": 0, "down": 0}  # bytes since the cut was armed
        self.cuts = 0
        self.lock = threading.Lock()
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def cut_up(self, n: int) -> None:
        with self.lock:
            self.up_at, self.seen["up"] = n, 0

    def cut_down(self, n: int) -> None:
        with self.lock:
            self.down_at, self.seen["down"] = n, 0

    def close(self) -> None:
        self.closed = True
        self.listener.close()

    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            state = {"dead": False}
            for src, dst, way in ((client, upstream, "up"), (upstream, client, "down")):
                threading.Thread(target=self._pump, args=(src, dst, way, state, (client, upstream)),
                                 daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, way: str, state: dict[str, Any],
              both: tuple[socket.socket, socket.socket]) -> None:
        try:
            while not state["dead"]:
                data = src.recv(65536)
                if not data:
                    break
                with self.lock:
                    limit = self.up_at if way == "up" else self.down_at
                    seen = self.seen[way]
                    self.seen[way] += len(data)
                    cut = limit is not None and seen + len(data) >= limit
                    if cut:
                        if way == "up":
                            self.up_at = None
                        else:
                            self.down_at = None
                        self.cuts += 1
                if cut:
                    dst.sendall(data[:max(0, limit - seen)])
                    state["dead"] = True
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:  # one side closed (or was cut): close the other too, as a real cut connection does
            for s in both:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()
