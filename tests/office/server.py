"""The office server as the tests run it: a real `inspector-office serve` process on 127.0.0.1, and a
small HTTP peer (httpx) that speaks `sync/api.py` the way the laptop's client does, so laptops in
the test process sync with the server over real HTTP."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from inspector.sync import api
from inspector.sync.wire import ApplyReport, Batch

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def office_cli(*args: str, data_dir: Path, db_url: str | None, stdin: str = "", check: bool = True,
               timeout: int = 120) -> subprocess.CompletedProcess:
    """`inspector-office ARGS --data-dir … [--db …]` as a real process."""
    cmd = [sys.executable, "-m", "inspector.office", *args, "--data-dir", str(data_dir)]
    if db_url:
        cmd += ["--db", db_url]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=timeout, cwd=REPO, env=env)
    if check and proc.returncode != 0:
        raise AssertionError(f"{cmd} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


class OfficeServer:
    """`inspector-office serve` on a free loopback port; `stop()` ends it, `kill()` SIGKILLs it."""

    def __init__(self, data_dir: Path, db_url: str | None, *extra: str, log: Path | None = None) -> None:
        self.data_dir, self.db_url, self.extra = data_dir, db_url, extra
        self.log_path = log or data_dir.parent / f"server-{id(self)}.log"
        self.proc: subprocess.Popen | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0, *, health_url_scheme: str = "http", verify: Any = True,
              port: int | None = None) -> OfficeServer:
        """`port`: listen there (a restart keeps the address its clients know), else on a free one."""
        self.port = port or free_port()
        cmd = [sys.executable, "-m", "inspector.office", "serve", "--data-dir", str(self.data_dir),
               "--port", str(self.port), "--log-level", "warning", *self.extra]
        if self.db_url:
            cmd += ["--db", self.db_url]
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        log = open(self.log_path, "ab")  # noqa: SIM115 - handed to the child, closed in stop()
        self.proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=REPO, env=env)
        self._log = log
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"office server exited ({self.proc.returncode}):\n{self.log()}")
            try:
                url = f"{health_url_scheme}://127.0.0.1:{self.port}{api.HEALTH}"
                if httpx.get(url, timeout=1, verify=verify).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise AssertionError(f"office server did not answer within {timeout} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self.proc is not None:
            self._log.close()
        self.proc = None

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(5)
            self._log.close()
        self.proc = None


def login(url: str, user: str, password: str, device_id: str, *, address: str | None = None,
          device_name: str = "测试设备") -> httpx.Response:
    headers = {"X-Forwarded-For": address} if address else {}
    return httpx.post(url + api.LOGIN, json={"user": user, "password": password, "device_id": device_id,
                                             "device_name": device_name}, headers=headers, timeout=30)


class HttpPeer:
    """The office over HTTP, as `sync.client.Peer`: what the laptop's sync loop calls."""

    def __init__(self, url: str, token: str, *, chunk: int = api.CHUNK) -> None:
        self.client = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=60)
        self.chunk = chunk

    def _check(self, r: httpx.Response, *ok: int) -> httpx.Response:
        if r.status_code not in ok:
            raise PeerError(r)
        return r

    def push(self, batch: Batch) -> ApplyReport:
        r = self._check(self.client.post(api.PUSH, json=batch.to_json()), 200)
        return ApplyReport.from_json(r.json())

    def pull(self, cursor: str, limit: int) -> Batch:
        r = self._check(self.client.get(api.PULL, params={"cursor": cursor, "limit": limit}), 200)
        return Batch.from_json(r.json())

    def missing_blobs(self, hashes: list[str]) -> list[str]:
        if not hashes:
            return []
        return self._check(self.client.post(api.BLOBS_MISSING, json={"hashes": hashes}), 200).json()["missing"]

    def put_blob(self, sha256: str, data: bytes) -> None:
        path = api.BLOB.format(sha256=sha256)
        head = self.client.head(path)
        if head.status_code == 200:
            return
        offset = int(head.headers.get(api.UPLOAD_OFFSET, "0"))
        while True:
            part = data[offset:offset + self.chunk]
            r = self._check(self.client.patch(path, content=part, headers={
                api.UPLOAD_OFFSET: str(offset), api.UPLOAD_LENGTH: str(len(data))}), 204)
            offset = int(r.headers[api.UPLOAD_OFFSET])
            if offset >= len(data):
                return

    def get_blob(self, sha256: str) -> bytes:
        return self._check(self.client.get(api.BLOB.format(sha256=sha256)), 200).content

    def close(self) -> None:
        self.client.close()


class PeerError(Exception):
    def __init__(self, response: httpx.Response) -> None:
        self.status = response.status_code
        try:
            self.body: Any = response.json()
        except ValueError:
            self.body = response.text
        super().__init__(f"{self.status}: {self.body}")
