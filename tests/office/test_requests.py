"""Hostile or broken requests against the real server (SQLite and PostgreSQL): too big, not JSON, not
a batch, too many rows; blobs whose bytes do not match their name, names that are not hashes;
uploads cut at any byte resume where the server stopped. Each is refused with its status and a
plain Chinese message, and changes nothing; the data directory is the server's alone."""

from __future__ import annotations

import gzip
import json
import os
import socket
import stat
from pathlib import Path

import httpx
import pytest

from inspector.office.store import OFFICE_DB
from inspector.sync import api, wire
from tests.sync.helpers import snapshot


@pytest.fixture(scope="module")
def client(deployment):
    with deployment.client(deployment.token("boss", "dev-requests")) as c:
        yield c


def _error(r: httpx.Response, status: int, code: str) -> str:
    assert r.status_code == status, (r.status_code, r.text)
    body = r.json()
    assert body["code"] == code and body["error"] and any("\u4e00" <= ch <= "\u9fff" for ch in body["error"])
    return body["error"]


def test_an_oversized_push_is_refused_before_it_is_read(deployment, client):
    before = snapshot(deployment.office.workspace)
    big = b"x" * (api.MAX_BODY + 1)
    message = _error(client.post(api.PUSH, content=big, headers={"Content-Type": "application/json"}),
                     413, "too_large")
    assert "64 MB" in message

    def chunks():  # no Content-Length: the server counts as it reads
        for _ in range(api.MAX_BODY // (1 << 20) + 2):
            yield b" " * (1 << 20)

    try:
        r = client.post(api.PUSH, content=chunks())
        _error(r, 413, "too_large")
    except httpx.TransportError:
        pass  # the server may close the connection on the rest of the body: refused either way
    assert snapshot(deployment.office.workspace) == before


def test_compressed_pushes_are_inflated_within_the_limit_and_bombs_refused(deployment, client):
    before = snapshot(deployment.office.workspace)
    gz = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    # A few hundred KB that inflate past the limit: refused without inflating it all.
    bomb = gzip.compress(b" " * (api.MAX_BODY + (1 << 20)), compresslevel=9)
    assert len(bomb) < 1 << 20
    _error(client.post(api.PUSH, content=bomb, headers=gz), 413, "too_large")
    _error(client.post(api.PUSH, content=b"\x1f\x8b not gzip at all", headers=gz), 400, "bad_gzip")
    _error(client.post(api.PUSH, content=gzip.compress(b'{"source": "dev-requests"}')[:-6], headers=gz),
           400, "bad_gzip")
    _error(client.post(api.PUSH, content=b"{}", headers={**gz, "Content-Encoding": "br"}), 415, "bad_encoding")
    assert snapshot(deployment.office.workspace) == before
    # A well-formed compressed push is taken, and the answer comes back compressed.
    empty = gzip.compress(json.dumps({"source": "dev-requests", "kind": "push", "rows": [], "events": []}).encode())
    r = client.post(api.PUSH, content=empty, headers={**gz, "Accept-Encoding": "gzip"})
    assert r.status_code == 200, r.text
    pulled = client.get(api.PULL, params={"cursor": "0", "limit": "1000"}, headers={"Accept-Encoding": "gzip"})
    assert pulled.status_code == 200 and pulled.json()["kind"] == "pull"
    if len(pulled.content) > 1024:
        assert pulled.headers["content-encoding"] == "gzip"


def test_malformed_json_and_malformed_batches_are_400_with_the_reason(deployment, client):
    before = snapshot(deployment.office.workspace)
    assert "JSON" in _error(client.post(api.PUSH, content=b'{"source": "dev-requests", "rows": ['), 400, "bad_json")
    assert "JSON" in _error(client.post(api.PUSH, content=b"\xff\xfe"), 400, "bad_json")
    message = _error(client.post(api.PUSH, json={"source": "dev-requests", "rows": [{"t": "no_such_table"}]}),
                     400, "bad_batch")
    assert "未知的数据表" in message
    message = _error(client.post(api.PUSH, json={"source": "dev-requests", "rows": [
        {"t": "projects", "id": "p", "v": {"households": "很多"}, "rev": 1}]}), 400, "bad_batch")
    assert "households" in message
    message = _error(client.post(api.PUSH, json={"source": "dev-requests", "kind": "pull", "rows": []}),
                     400, "bad_batch")
    assert "同步方向不符" in message
    _error(client.post(api.PUSH, json=[1, 2, 3]), 400, "bad_batch")
    _error(client.get(api.PULL, params={"cursor": "abc"}), 400, "bad_cursor")
    _error(client.get(api.PULL, params={"limit": "0"}), 400, "bad_limit")
    _error(client.get(api.PULL, params={"limit": str(wire.MAX_ROWS + 1)}), 400, "bad_limit")
    _error(client.post(api.BLOBS_MISSING, json={"hashes": ["../etc/passwd"]}), 400, "bad_blob_name")
    assert snapshot(deployment.office.workspace) == before


def test_a_batch_of_100000_rows_is_refused_whole(deployment, client):
    before = snapshot(deployment.office.workspace)
    rows = [{"t": "projects", "id": f"p{i}", "v": {"code": f"X-{i}"}, "rev": 1} for i in range(100_000)]
    body = json.dumps({"source": "dev-requests", "kind": "push", "rows": rows}).encode()
    assert len(body) < api.MAX_BODY
    message = _error(client.post(api.PUSH, content=body), 400, "bad_batch")
    assert f"一批最多 {wire.MAX_ROWS} 行" in message and "100000" in message
    assert snapshot(deployment.office.workspace) == before


def _partial_files(deployment) -> list[str]:
    root = deployment.data_dir / "blobs" / "partial"
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


def _patch(client, sha: str, data: bytes, offset: int, length: int) -> httpx.Response:
    return client.patch(api.BLOB.format(sha256=sha), content=data,
                        headers={api.UPLOAD_OFFSET: str(offset), api.UPLOAD_LENGTH: str(length)})


def test_a_blob_whose_bytes_do_not_match_its_hash_is_discarded(deployment, client):
    real = os.urandom(300_000)
    import hashlib

    claimed = hashlib.sha256(b"something else").hexdigest()
    assert _patch(client, claimed, real[:100_000], 0, len(real)).status_code == 204
    message = _error(_patch(client, claimed, real[100_000:], 100_000, len(real)), 422, "hash_mismatch")
    assert "SHA-256" in message
    head = client.head(api.BLOB.format(sha256=claimed))
    assert head.status_code == 404 and head.headers[api.UPLOAD_OFFSET] == "0"
    assert claimed not in _partial_files(deployment)
    assert client.post(api.BLOBS_MISSING, json={"hashes": [claimed]}).json() == {"missing": [claimed]}
    assert not deployment.office.store.blobs.exists(claimed)


def _raw_request(url: str, line: str, token: str) -> tuple[int, str]:
    """Send a request line as written (no client normalises the path)."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(f"{line} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
                  "Upload-Offset: 0\r\nUpload-Length: 4\r\nContent-Length: 4\r\nConnection: close\r\n\r\nabcd".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode("utf-8", "replace")


def test_blob_names_that_are_not_hashes_reach_no_file(deployment, client):
    token = client.headers["Authorization"].split()[1]
    names = ["../../../etc/passwd", "..%2F..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "/etc/passwd",
             "A" * 64, "a" * 63, "a" * 65, "a" * 63 + "g", "a" * 64 + "%00"]
    before = sorted(p.relative_to(deployment.base) for p in deployment.base.rglob("*"))
    for name in names:
        for method in ("PATCH", "GET", "HEAD"):
            status, body = _raw_request(deployment.url, f"{method} /api/v1/blobs/{name}", token)
            assert status in (400, 404), (method, name, status)
            if method != "HEAD":
                code = json.loads(body)["code"]
                assert code in ("bad_blob_name", "not_found"), (method, name, body)
    assert sorted(p.relative_to(deployment.base) for p in deployment.base.rglob("*")
                  if "server-" not in p.name) == [p for p in before if "server-" not in p.name]
    r = client.patch(api.BLOB.format(sha256="B" * 64), content=b"abcd",
                     headers={api.UPLOAD_OFFSET: "0", api.UPLOAD_LENGTH: "4"})
    assert "SHA-256" in _error(r, 400, "bad_blob_name")


def test_an_upload_cut_at_any_byte_resumes_where_the_server_stopped(deployment, client):
    import hashlib

    data = os.urandom(2 * api.CHUNK + 12345)
    sha = hashlib.sha256(data).hexdigest()
    path = api.BLOB.format(sha256=sha)
    assert client.head(path).headers[api.UPLOAD_OFFSET] == "0"
    # A chunk cut off after 700 000 bytes: the client sends fewer bytes than it announced and
    # hangs up. The server keeps what arrived.
    host, port = deployment.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(f"PATCH {path} HTTP/1.1\r\nHost: {host}\r\n{_auth(client)}\r\nUpload-Offset: 0\r\n"
                  f"Upload-Length: {len(data)}\r\nContent-Length: {api.CHUNK}\r\n\r\n".encode() + data[:700_000])
    offset = _held_after_cut(client, path)
    assert 0 < offset <= 700_000
    # Resuming anywhere but there is refused with where to resume.
    r = _patch(client, sha, data[offset + 1:offset + 10], offset + 1, len(data))
    _error(r, 409, "wrong_offset")
    assert r.headers[api.UPLOAD_OFFSET] == str(offset)
    while offset < len(data):
        r = _patch(client, sha, data[offset:offset + api.CHUNK], offset, len(data))
        assert r.status_code == 204, r.text
        offset = int(r.headers[api.UPLOAD_OFFSET])
    assert client.head(path).status_code == 200 and int(client.head(path).headers["Content-Length"]) == len(data)
    assert client.get(path).status_code == 200 and client.get(path).content == data
    assert sha not in _partial_files(deployment)
    # Sending it again is harmless.
    assert _patch(client, sha, data[:10], 0, len(data)).status_code == 204


def _auth(client) -> str:
    return f"Authorization: {client.headers['Authorization']}"


def _held_after_cut(client, path: str) -> int:
    import time

    for _ in range(100):  # the server notices the hang-up a moment later
        held = int(client.head(path).headers[api.UPLOAD_OFFSET])
        if held:
            return held
        time.sleep(0.05)
    return 0


def test_the_data_directory_is_the_servers_alone(deployment):
    d: Path = deployment.data_dir
    assert stat.S_IMODE(d.stat().st_mode) == 0o700
    assert stat.S_IMODE((d / "blobs").stat().st_mode) == 0o700
    if deployment.dialect == "sqlite":
        for name in (OFFICE_DB, OFFICE_DB + "-wal", OFFICE_DB + "-shm"):
            assert stat.S_IMODE((d / name).stat().st_mode) == 0o600, name
    for p in (d / "blobs").rglob("*"):
        assert stat.S_IMODE(p.stat().st_mode) & 0o077 == 0, p
