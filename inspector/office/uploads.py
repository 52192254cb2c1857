"""Resumable blob uploads on disk, so any server process can continue what another began: the bytes
received so far live in `blobs/partial/<sha256>` (the shared blob directory), the offset is simply
how many bytes that file holds, and a finished upload is checked against its SHA-256 before it is
renamed into the content-addressed store. One writer per blob at a time (an advisory lock on the
partial file, which works across processes)."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import re
import time
from pathlib import Path

from inspector.office.core import OfficeError
from inspector.store.blobs import BlobStore

_HEX64 = re.compile(r"^[0-9a-f]{64}\Z")
_LOCK_WAIT_S = 10.0  # a cut connection's request may still hold the lock for a moment
DISK_FULL = "监督站服务器磁盘已满，附件暂时无法接收；已收到的部分已保留，请通知管理员清理磁盘后再同步"


def check_name(sha256: str) -> str:
    """A blob's name is its SHA-256 in lowercase hex, nothing else (no path can be made of it)."""
    if not _HEX64.match(sha256):
        raise OfficeError(400, "bad_blob_name", "附件名无效：应为 64 位小写十六进制的 SHA-256 值")
    return sha256


class Uploads:
    def __init__(self, blobs: BlobStore) -> None:
        self.blobs = blobs
        self.partial_dir = blobs.root / "partial"
        self.partial_dir.mkdir(mode=0o700, exist_ok=True)

    def stored_size(self, sha256: str) -> int | None:
        """Size of the finished blob, or None if the office does not hold it."""
        try:
            return self.blobs.path(check_name(sha256)).stat().st_size
        except FileNotFoundError:
            return None

    def held(self, sha256: str) -> int:
        """Bytes of an unfinished upload received so far. A request still writing (say, one whose
        client was cut off a moment ago) is waited for, so the answer is where to resume."""
        path = self.partial_dir / check_name(sha256)
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            return 0
        try:
            deadline = time.monotonic() + _LOCK_WAIT_S
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        break  # a long upload in progress: what it holds now
                    time.sleep(0.05)
            try:
                return os.stat(path).st_size  # the path, not fd: the file may just have been finished
            except FileNotFoundError:
                return 0
        finally:
            os.close(fd)

    def open(self, sha256: str) -> Upload:
        """The partial file, locked for this request (waits a little for a request still running)."""
        path = self.partial_dir / check_name(sha256)
        deadline = time.monotonic() + _LOCK_WAIT_S
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                if time.monotonic() > deadline:
                    raise OfficeError(409, "upload_busy", "该附件正在由另一个连接上传，请稍后重试",
                                      {"Upload-Offset": str(self.held(sha256))}) from None
                time.sleep(0.05)
                continue
            # The file may have been finished (renamed away) or discarded while we waited: then our
            # descriptor names a file that is no longer the partial; open the path again.
            try:
                same = os.fstat(fd).st_ino == os.stat(path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                return Upload(self, sha256, path, fd)
            os.close(fd)


class Upload:
    """One request's hold on a partial upload. `size` is what it holds (the resume offset)."""

    def __init__(self, uploads: Uploads, sha256: str, path: Path, fd: int) -> None:
        self.uploads, self.sha256, self.path, self.fd = uploads, sha256, path, fd
        self.start = self.size = os.fstat(fd).st_size
        os.lseek(fd, self.size, os.SEEK_SET)

    def write(self, data: bytes) -> None:
        """Append; on a full disk the chunk is taken back (the partial keeps its last good size)."""
        view = memoryview(data)
        try:
            while view:
                n = os.write(self.fd, view)
                view = view[n:]
                self.size += n
        except OSError as exc:
            self._on_error(exc)

    def sync(self) -> None:
        """Make what is held durable: it is what HEAD will report as the offset to resume from."""
        try:
            os.fsync(self.fd)
        except OSError as exc:
            self._on_error(exc)

    def _on_error(self, exc: OSError) -> None:
        self.truncate(self.start)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise OfficeError(507, "disk_full", DISK_FULL, {"Upload-Offset": str(self.start)}) from exc
        raise exc

    def truncate(self, size: int) -> None:
        os.ftruncate(self.fd, size)
        os.lseek(self.fd, size, os.SEEK_SET)
        self.size = size
        os.fsync(self.fd)

    def finish(self) -> None:
        """The whole blob is here: check its hash, then move it into the store (or discard it)."""
        h = hashlib.sha256()
        os.lseek(self.fd, 0, os.SEEK_SET)
        while chunk := os.read(self.fd, 1 << 20):
            h.update(chunk)
        if h.hexdigest() != self.sha256:
            os.unlink(self.path)
            raise OfficeError(422, "hash_mismatch", "附件内容与其 SHA-256 不符，已丢弃收到的内容；请重新上传（如反复出现，"
                                                     "请检查本机的照片文件是否损坏）", {"Upload-Offset": "0"})
        dest = self.uploads.blobs.path(self.sha256)
        dest.parent.mkdir(mode=0o700, exist_ok=True)
        os.replace(self.path, dest)
        for d in (dest.parent, self.path.parent):
            fd = os.open(d, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def close(self) -> None:
        os.close(self.fd)  # releases the lock
