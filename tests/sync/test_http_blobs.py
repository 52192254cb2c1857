"""Photos and PDFs over a connection that is cut at a random byte (a TCP proxy in front of the real
office server): an upload resumes from the last byte the office holds and sends nothing twice; a
download resumes with Range and is checked by SHA-256 before it enters the blob store; a full
office disk (a real small filesystem under the office's blob directory) says so."""

from __future__ import annotations

import hashlib
import os
import random
import subprocess

import pytest

from inspector.domain import Photo
from inspector.services import account
from inspector.services import sync as sync_svc
from inspector.sync import api
from tests.office.proxy import CutProxy
from tests.sync.helpers import photo_on_inspection
from tests.sync.real_office import RealOffice

SIZE = 3 * api.CHUNK + 123_457  # four chunks, the last one short


def add_photo(ws, seed: int) -> tuple[str, bytes]:
    data = random.Random(seed).randbytes(SIZE)
    return photo_on_inspection(ws, data, project_id=f"blob-{seed}", name=f"{seed}.jpg"), data


@pytest.fixture
def proxy(shared_office):
    p = CutProxy(shared_office.port)
    yield p
    p.close()


def uploaded(proxy: CutProxy, sha: str) -> int:
    """Bytes of the blob's PATCH bodies the proxy passed on: each PATCH announces its offset, so
    what one carried is where the next one starts (the last one carried the rest)."""
    offsets = proxy.patches(sha)
    return sum(b - a for a, b in zip(offsets, [*offsets[1:], SIZE], strict=True))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_an_upload_cut_at_a_random_byte_resumes_without_resending(shared_office, make_laptop, proxy, seed):
    hub = shared_office.hub
    ws = make_laptop("a")
    account.login(ws, proxy.url, "li", "secret-1")
    sha, data = add_photo(ws, seed)
    cut_at = random.Random(seed).randrange(api.CHUNK // 4, SIZE - 1000)
    proxy.reset_counts()
    proxy.cut_up(cut_at)
    result = sync_svc.sync_now(ws)  # cut once, resumed inside the same sync
    assert proxy.cuts == 1 and result.blobs_up == 1
    assert hub.blobs.read(sha) == data
    offsets = proxy.patches(sha)
    assert offsets == sorted(offsets) and len(set(offsets)) == len(offsets)  # never an offset sent twice
    resumed = [o for o in offsets if o % api.CHUNK]
    assert resumed or cut_at < 1000, f"no resume after a cut at byte {cut_at}: {offsets}"
    # Every byte went up once: what passed the proxy is the photo plus a few small requests.
    assert uploaded(proxy, sha) == SIZE and SIZE < proxy.forwarded["up"] < SIZE + 64_000


def test_an_upload_cut_and_given_up_resumes_at_the_next_sync(shared_office, make_laptop, proxy):
    office = shared_office
    ws = make_laptop("a")
    account.login(ws, proxy.url, "li", "secret-1")
    sha, data = add_photo(ws, 7)
    proxy.reset_counts()
    proxy.cut_up(2 * api.CHUNK + 5000)
    with pytest.raises(sync_svc.SyncFailed, match="无法连接监督站|检查网络"):
        sync_svc.sync_now(ws, retries=0)
    held = office.partial(sha).stat().st_size  # the office kept what reached it
    assert 0 < held < SIZE and not office.hub.blobs.exists(sha)
    st = sync_svc.status(ws)
    assert "检查网络" in st.last_error and st.pending == 4  # project, inspection, photo, link
    sync_svc.sync_now(ws)
    assert office.hub.blobs.read(sha) == data and not office.partial(sha).exists()
    assert held in proxy.patches(sha)[1:]  # went on from what the office held
    assert SIZE < proxy.forwarded["up"] < SIZE + 64_000


def test_a_download_cut_resumes_with_range_and_is_checked(shared_office, make_laptop, proxy):
    a, b = make_laptop("a"), make_laptop("b")
    account.login(a, shared_office.url, "li", "secret-1")
    account.login(b, proxy.url, "li", "secret-1")
    sync_svc.sync_now(b)  # b has what the office held before (photos of other tests)
    sha, data = add_photo(a, 11)
    sync_svc.sync_now(a)
    proxy.cut_down(api.CHUNK + 4321)  # inside the blob's body (the pull before it is a few KB)
    with pytest.raises(sync_svc.SyncFailed):
        sync_svc.sync_now(b, retries=0)
    part = b.data_dir / sync_svc.PARTIAL_DIR / f"{sha}.part"
    held = part.stat().st_size
    assert 0 < held < SIZE and not b.blobs.exists(sha)
    proxy.reset_counts()
    result = sync_svc.sync_now(b)
    assert proxy.ranges(sha) == [f"bytes={held}-"]
    assert b.blobs.read(sha) == data and not part.exists() and result.blobs_down == 1
    assert result.bytes_down == SIZE - held  # only the rest came the second time
    with b.read() as s:
        assert s.get(Photo, sha) is not None


def test_a_download_that_does_not_match_its_hash_is_thrown_away(shared_office, make_laptop):
    a, b = make_laptop("a"), make_laptop("b")
    for ws in (a, b):
        account.login(ws, shared_office.url, "li", "secret-1")
    sync_svc.sync_now(b)
    sha, data = add_photo(a, 12)
    sync_svc.sync_now(a)
    stored = shared_office.blob_path(sha)  # the office's copy rots on its disk: one byte flipped
    stored.write_bytes(bytes([data[0] ^ 0xFF]) + data[1:])
    with pytest.raises(sync_svc.SyncFailed, match="校验失败"):
        sync_svc.sync_now(b)
    assert not b.blobs.exists(sha) and not (b.data_dir / sync_svc.PARTIAL_DIR / f"{sha}.part").exists()
    with b.read() as s:
        assert s.get(Photo, sha) is None  # the batch that needs it was not applied
    stored.write_bytes(data)  # restored from the office's backup
    sync_svc.sync_now(b)
    assert hashlib.sha256(b.blobs.read(sha)).hexdigest() == sha


@pytest.fixture
def small_office_disk(tmp_path):
    """An office whose blob directory is a real 2 MB filesystem (tmpfs), so writing a photo fills it."""
    if os.geteuid() != 0:
        if os.environ.get("CI"):
            pytest.fail("the disk-full test mounts a small tmpfs and needs root")
        pytest.skip("mounting a small tmpfs for the disk-full test needs root")
    blobs = tmp_path / "office" / "blobs"
    blobs.mkdir(parents=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(blobs)], check=True)
    office = None
    try:
        office = RealOffice(tmp_path).start()
        yield office, blobs
    finally:
        if office is not None:
            office.close()
        subprocess.run(["umount", "-l", str(blobs)], check=False)


def test_a_full_office_disk_says_so_and_keeps_everything_pending(small_office_disk, make_laptop):
    office, blobs = small_office_disk
    ws = make_laptop("a")
    account.login(ws, office.url, "li", "secret-1")
    sha, data = add_photo(ws, 13)
    with pytest.raises(sync_svc.SyncFailed, match="监督站磁盘已满.*联系管理员"):
        sync_svc.sync_now(ws)
    assert sync_svc.status(ws).pending == 4 and not office.hub.blobs.exists(sha)  # all four rows wait
    held = office.partial(sha).stat().st_size  # what fitted is kept, whole chunks only
    assert 0 < held < SIZE and held % api.CHUNK == 0
    with office.hub.read() as s:
        assert s.get(Photo, sha) is None  # the row waits for its photo
    # The administrator makes room; the next sync goes on from what the office held.
    subprocess.run(["mount", "-o", "remount,size=16m", str(blobs)], check=True)
    sync_svc.sync_now(ws)
    assert sync_svc.status(ws).pending == 0 and office.hub.blobs.read(sha) == data
    with office.hub.read() as s:
        assert s.get(Photo, sha) is not None
