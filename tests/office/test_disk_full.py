"""The disk of the office's blob directory fills up mid-upload (a real tmpfs of 2 MB mounted on the
blob directory): the chunk is answered 507 with a message that says what to do, the partial upload
keeps its last good size, and once space is freed the upload resumes from there and completes."""

from __future__ import annotations

import hashlib
import os
import subprocess

import httpx
import pytest

from inspector.office.accounts import add_user
from inspector.office.config import OfficeSettings
from inspector.office.core import Office
from inspector.sync import api
from tests.office.conftest import PASSWORD
from tests.office.server import OfficeServer, login


@pytest.fixture
def small_disk(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs for the disk-full test needs root")
    blobs = tmp_path / "office" / "blobs"
    blobs.mkdir(parents=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(blobs)], check=True)
    yield tmp_path / "office", blobs
    subprocess.run(["umount", "-l", str(blobs)], check=False)


def test_a_full_blob_disk_refuses_the_chunk_keeps_what_was_held_and_resumes_after(small_disk):
    data_dir, blobs = small_disk
    office = Office(OfficeSettings(data_dir))
    add_user(office, "disk-user", PASSWORD, district="城中区")
    server = OfficeServer(data_dir, None).start()
    try:
        r = login(server.url, "disk-user", PASSWORD, "dev-disk")
        client = httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {r.json()['token']}"},
                              timeout=60)
        data = os.urandom(3 * api.CHUNK)
        sha = hashlib.sha256(data).hexdigest()
        path = api.BLOB.format(sha256=sha)

        def patch(offset: int) -> httpx.Response:
            return client.patch(path, content=data[offset:offset + api.CHUNK], headers={
                api.UPLOAD_OFFSET: str(offset), api.UPLOAD_LENGTH: str(len(data))})

        assert patch(0).status_code == 204
        full = patch(api.CHUNK)
        if full.status_code == 204:  # the second chunk still fitted: the third cannot
            full = patch(2 * api.CHUNK)
        assert full.status_code == 507, full.text
        body = full.json()
        assert body["code"] == "disk_full" and "磁盘已满" in body["error"]
        held = int(full.headers[api.UPLOAD_OFFSET])
        assert held in (api.CHUNK, 2 * api.CHUNK)
        assert client.head(path).headers[api.UPLOAD_OFFSET] == str(held)
        assert (blobs / "partial" / sha).stat().st_size == held
        # The administrator makes room; the same upload goes on from the byte the office held.
        subprocess.run(["mount", "-o", "remount,size=16m", str(blobs)], check=True)
        offset = held
        while offset < len(data):
            r = patch(offset)
            assert r.status_code == 204, r.text
            offset = int(r.headers[api.UPLOAD_OFFSET])
        assert client.head(path).status_code == 200
        assert hashlib.sha256(office.store.blobs.read(sha)).hexdigest() == sha
        client.close()
    finally:
        server.stop()
        office.close()
