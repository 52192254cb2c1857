"""Photos and PDFs over a connection that is cut at a random byte (a TCP proxy in front of the real
HTTP office): an upload resumes from the last byte the office holds and sends nothing twice; a
download resumes with Range and is checked by SHA-256 before it enters the blob store; a full
office disk says so."""

from __future__ import annotations

import hashlib
import random

import pytest

from inspector.domain import Photo
from inspector.services import account
from inspector.services import sync as sync_svc
from inspector.sync import api
from tests.sync.http_office import CutProxy

SIZE = 3 * api.CHUNK + 123_457  # four chunks, the last one short


def add_photo(ws, seed: int) -> tuple[str, bytes]:
    data = random.Random(seed).randbytes(SIZE)
    sha = ws.blobs.put_bytes(data)
    with ws.write() as s:
        s.add(Photo(id=sha, original_name=f"{seed}.jpg", format="JPEG", byte_size=len(data)))
    return sha, data


@pytest.fixture
def proxy(http_office):
    _hub, _srv, served = http_office
    p = CutProxy(served.port)
    yield p
    p.close()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_an_upload_cut_at_a_random_byte_resumes_without_resending(http_office, make_laptop, proxy, seed):
    hub, srv, _served = http_office
    ws = make_laptop("a")
    account.login(ws, proxy.url, "li", "secret-1")
    sha, data = add_photo(ws, seed)
    cut_at = random.Random(seed).randrange(api.CHUNK // 4, SIZE - 1000)
    proxy.cut_up(cut_at)
    result = sync_svc.sync_now(ws)  # cut once, resumed inside the same sync
    assert proxy.cuts == 1 and result.blobs_up == 1
    assert hub.blobs.read(sha) == data
    assert srv.received[sha] == SIZE  # every byte reached the office exactly once
    offsets = [o for h, o, _n in srv.patches if h == sha]
    assert offsets == sorted(offsets) and len(set(offsets)) == len(offsets)  # never an offset sent twice
    resumed = [o for o in offsets if o % api.CHUNK]
    assert resumed or cut_at < 1000, f"no resume after a cut at byte {cut_at}: {offsets}"


def test_an_upload_cut_and_given_up_resumes_at_the_next_sync(http_office, make_laptop, proxy):
    hub, srv, _served = http_office
    ws = make_laptop("a")
    account.login(ws, proxy.url, "li", "secret-1")
    sha, data = add_photo(ws, 7)
    proxy.cut_up(2 * api.CHUNK + 5000)
    with pytest.raises(sync_svc.SyncFailed, match="无法连接监督站|检查网络"):
        sync_svc.sync_now(ws, retries=0)
    held = (hub.data_dir / "uploads" / sha).stat().st_size
    assert 0 < held < SIZE and not hub.blobs.exists(sha)
    assert "检查网络" in sync_svc.status(ws).last_error and sync_svc.status(ws).pending == 1
    sync_svc.sync_now(ws)
    assert hub.blobs.read(sha) == data and srv.received[sha] == SIZE
    assert [o for h, o, _n in srv.patches if h == sha][-2:][0] == held  # went on from what the office held


def test_a_download_cut_resumes_with_range_and_is_checked(http_office, make_laptop, proxy):
    hub, srv, served = http_office
    a, b = make_laptop("a"), make_laptop("b")
    account.login(a, served.url, "li", "secret-1")
    account.login(b, proxy.url, "li", "secret-1")
    sha, data = add_photo(a, 11)
    sync_svc.sync_now(a)
    proxy.cut_down(api.CHUNK + 4321)  # inside the blob's body (the pull before it is a few KB)
    with pytest.raises(sync_svc.SyncFailed):
        sync_svc.sync_now(b, retries=0)
    part = b.data_dir / sync_svc.PARTIAL_DIR / f"{sha}.part"
    held = part.stat().st_size
    assert 0 < held < SIZE and not b.blobs.exists(sha)
    result = sync_svc.sync_now(b)
    assert srv.gets[-1] == (sha, f"bytes={held}-")
    assert b.blobs.read(sha) == data and not part.exists() and result.blobs_down == 1
    assert result.bytes_down == SIZE - held  # only the rest came the second time
    with b.read() as s:
        assert s.get(Photo, sha) is not None


def test_a_download_that_does_not_match_its_hash_is_thrown_away(http_office, make_laptop):
    hub, srv, served = http_office
    a, b = make_laptop("a"), make_laptop("b")
    for ws in (a, b):
        account.login(ws, served.url, "li", "secret-1")
    sha, data = add_photo(a, 12)
    sync_svc.sync_now(a)
    srv.corrupt.add(sha)
    with pytest.raises(sync_svc.SyncFailed, match="校验失败"):
        sync_svc.sync_now(b)
    assert not b.blobs.exists(sha) and not (b.data_dir / sync_svc.PARTIAL_DIR / f"{sha}.part").exists()
    with b.read() as s:
        assert s.get(Photo, sha) is None  # the batch that needs it was not applied
    srv.corrupt.clear()
    sync_svc.sync_now(b)
    assert hashlib.sha256(b.blobs.read(sha)).hexdigest() == sha


def test_a_full_office_disk_says_so_and_keeps_everything_pending(http_office, make_laptop):
    _hub, srv, served = http_office
    ws = make_laptop("a")
    account.login(ws, served.url, "li", "secret-1")
    add_photo(ws, 13)
    srv.blob_status = 507
    with pytest.raises(sync_svc.SyncFailed, match="监督站磁盘已满.*联系管理员"):
        sync_svc.sync_now(ws)
    assert sync_svc.status(ws).pending == 1
    srv.blob_status = None
    sync_svc.sync_now(ws)
    assert sync_svc.status(ws).pending == 0
