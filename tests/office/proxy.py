"""Faults between the laptop and the real office server, on loopback: a TCP proxy that cuts a
connection after a given number of bytes, counts what it forwards (and the HTTP request heads it
saw go by, to check the Upload-Offset and Range the client sent), can slow the stream down, and can
answer the next new connections itself with an HTTP error status (429, 502, 503) as an overloaded
reverse proxy would. The server behind it is always the real one."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any

_HEAD = re.compile(rb"(GET|HEAD|PATCH|POST|PUT|DELETE) (\S+) HTTP/1\.1\r\n(.*?)\r\n\r\n", re.DOTALL)


@dataclass
class SeenRequest:
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)


class CutProxy:
    """A TCP proxy on 127.0.0.1 in front of `port`. `cut_up(n)`: once n more bytes have gone from the
    client towards the server, the connection carrying the n-th byte is closed right after it (both
    ways); `cut_down(n)` likewise for bytes from the server. Each cut happens once. `forwarded` counts
    every byte passed on each way since the proxy started (or `reset_counts`)."""

    def __init__(self, port: int) -> None:
        self.target = port
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(32)
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.up_at: int | None = None
        self.down_at: int | None = None
        self.seen = {"up": 0, "down": 0}  # bytes since the cut was armed
        self.forwarded = {"up": 0, "down": 0}
        self.requests: list[SeenRequest] = []
        self.fail: list[int] = []  # statuses to answer the next new connections with
        self.delay = 0.0  # seconds to wait before passing on each piece (a slow line)
        self.cuts = 0
        self.lock = threading.Lock()
        self.closed = False
        self._open: set[socket.socket] = set()
        threading.Thread(target=self._accept, daemon=True).start()

    def cut_up(self, n: int) -> None:
        with self.lock:
            self.up_at, self.seen["up"] = n, 0

    def cut_down(self, n: int) -> None:
        with self.lock:
            self.down_at, self.seen["down"] = n, 0

    def reset_counts(self) -> None:
        with self.lock:
            self.forwarded = {"up": 0, "down": 0}
            self.requests.clear()

    def patches(self, sha256: str) -> list[int]:
        """The Upload-Offset of every PATCH of this blob that went through, in order."""
        return [int(r.headers.get("upload-offset", "-1")) for r in self.requests
                if r.method == "PATCH" and r.path.endswith(sha256)]

    def ranges(self, sha256: str) -> list[str]:
        """The Range header ("" if none) of every GET of this blob that went through."""
        return [r.headers.get("range", "") for r in self.requests if r.method == "GET" and r.path.endswith(sha256)]

    def wait_forwarded(self, way: str, n: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.forwarded[way] >= n:
                return True
            time.sleep(0.005)
        return False

    def drop_all(self) -> None:
        """Cut every open connection now."""
        with self.lock:
            socks = list(self._open)
        for s in socks:
            _close(s)

    def close(self) -> None:
        self.closed = True
        self.listener.close()
        self.drop_all()

    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self.lock:
                status = self.fail.pop(0) if self.fail else None
            if status is not None:
                threading.Thread(target=_answer, args=(client, status), daemon=True).start()
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target))
            except OSError:  # the server is down: the client sees the connection refused
                _close(client)
                continue
            with self.lock:
                self._open.update((client, upstream))
            state: dict[str, Any] = {"dead": False, "buf": b""}
            for src, dst, way in ((client, upstream, "up"), (upstream, client, "down")):
                threading.Thread(target=self._pump, args=(src, dst, way, state, (client, upstream)),
                                 daemon=True).start()

    def _note_heads(self, state: dict[str, Any], data: bytes) -> None:
        buf = state["buf"] + data
        end = 0
        for m in _HEAD.finditer(buf):
            headers = {}
            for line in m.group(3).split(b"\r\n"):
                k, _, v = line.partition(b":")
                headers[k.strip().lower().decode("latin-1")] = v.strip().decode("latin-1")
            self.requests.append(SeenRequest(m.group(1).decode(), m.group(2).decode("latin-1"), headers))
            end = m.end()
        state["buf"] = buf[end:][-8192:]  # an unfinished head waits for the rest; bodies fall away

    def _pump(self, src: socket.socket, dst: socket.socket, way: str, state: dict[str, Any],
              both: tuple[socket.socket, socket.socket]) -> None:
        try:
            while not state["dead"]:
                data = src.recv(65536)
                if not data:
                    break
                if self.delay:
                    time.sleep(self.delay)
                with self.lock:
                    if way == "up":
                        self._note_heads(state, data)
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
                        data = data[:max(0, limit - seen)]
                    self.forwarded[way] += len(data)
                dst.sendall(data)
                if cut:
                    state["dead"] = True
                    break
        except OSError:
            pass
        finally:  # one side closed (or was cut): close the other too, as a real cut connection does
            with self.lock:
                self._open.difference_update(both)
            for s in both:
                _close(s)


def _close(s: socket.socket) -> None:
    try:
        s.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    s.close()


def _answer(client: socket.socket, status: int) -> None:
    """Read one request head (and its body, if small) and answer it with `status`, then close."""
    try:
        client.settimeout(10)
        buf = b""
        while b"\r\n\r\n" not in buf and len(buf) < 65536:
            piece = client.recv(65536)
            if not piece:
                break
            buf += piece
        head_end = buf.find(b"\r\n\r\n") + 4
        m = re.search(rb"(?i)\r\ncontent-length: *(\d+)", buf[:head_end])
        want = head_end + (int(m.group(1)) if m else 0)
        while len(buf) < want:  # read the body too: closing on unread bytes would reset the answer
            piece = client.recv(65536)
            if not piece:
                break
            buf += piece
        body = json.dumps({"error": f"测试：反向代理答 {status}", "code": "proxy"}).encode()
        head = (f"HTTP/1.1 {status} Proxy\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n"
                "Connection: close\r\n\r\n").encode()
        client.sendall(head + body)
    except OSError:
        pass
    finally:
        _close(client)
