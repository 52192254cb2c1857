"""Content-addressed blob store: each file lives once under the SHA-256 of its bytes.

Writes are atomic (temp file, fsync, rename), so a kill leaves either the whole blob or nothing;
a stray temp file is ignored and swept on the next open. Folders are 0700 and files 0600 (photos of
residents' homes, signed records).

Many blobs at once (a photo import) are written in two steps: `stage` writes a temp file from any
thread without waiting for the disk, and `publish` makes a whole batch durable at once (each file
synced, renamed into place, each folder synced once), before any row may point at them."""

from __future__ import annotations

import errno
import hashlib
import mmap
import os
import tempfile
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import BinaryIO

from inspector.paths import PRIVATE_FILE, private_dir

CHUNK = 1 << 20


class BlobError(Exception):
    pass


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BlobStore:
    def __init__(self, root: Path, *, readonly: bool = False) -> None:
        self.root = Path(root)
        self._tmp = self.root / "tmp"
        if readonly:
            return
        self.root = private_dir(root)
        self._tmp = private_dir(self.root / "tmp")
        for stale in self._tmp.iterdir():  # left by a killed write
            stale.unlink(missing_ok=True)

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise BlobError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def read(self, sha256: str) -> bytes:
        try:
            return self.path(sha256).read_bytes()
        except FileNotFoundError:
            raise BlobError(f"blob {sha256} is missing") from None

    def read_verified(self, sha256: str) -> bytes:
        """The blob, after checking its bytes still hash to its name. Raises BlobError when it is
        missing or was changed on disk (tampering, or a failing disk)."""
        data = self.read(sha256)
        if sha256_bytes(data) != sha256:
            raise BlobError(f"blob {sha256} does not match its SHA-256: changed on disk")
        return data

    def put_bytes(self, data: bytes) -> str:
        sha = sha256_bytes(data)
        if not self.exists(sha):
            self._commit(sha, lambda f: f.write(data))
        return sha

    def put_verified(self, data: bytes, sha256: str) -> None:
        """Store bytes already hashed by the caller; refuse them if the hash does not match."""
        if sha256_bytes(data) != sha256:
            raise BlobError("content does not match its SHA-256")
        if not self.exists(sha256):
            self._commit(sha256, lambda f: f.write(data))

    def put_hashed(self, data: bytes, sha256: str) -> None:
        """Store bytes whose SHA-256 the caller has just computed from this very buffer (a photo
        import hashes each file once; hashing 5 MB again costs a tenth of the import's CPU)."""
        if not self.exists(sha256):
            self._commit(sha256, lambda f: f.write(data))

    def stage(self, data: bytes, sha256: str) -> Path:
        """Write bytes already hashed by the caller to a temp file, without waiting for the disk to
        make them durable: nothing may point at them until `publish` did. Raises OSError (a full
        disk), leaving nothing behind; a kill leaves a temp file that the next open sweeps."""
        fd, tmp = tempfile.mkstemp(dir=self._tmp, prefix=sha256[:16] + ".")
        try:
            os.fchmod(fd, PRIVATE_FILE)
            if not _write_direct(fd, data):
                _write_all(fd, data)
        except BaseException:
            os.close(fd)
            os.unlink(tmp)
            raise
        os.close(fd)
        return Path(tmp)

    def discard(self, staged: Iterable[Path]) -> None:
        """Remove staged temp files that will not be published (a cancelled or failed import)."""
        for tmp in staged:
            Path(tmp).unlink(missing_ok=True)

    def publish(self, staged: Mapping[str, Path], *, present: Iterable[str] = ()) -> dict[str, OSError]:
        """Make staged blobs ({sha256: temp file}) durable under their names: every file synced,
        renamed into place, then every folder that received one synced once, so that a power cut
        after this returns loses none of them. `present` names blobs already in place that rows are
        about to point at: their folders are synced too (a blob renamed by a killed process may not
        have reached the disk). Returns {sha256: error} for the blobs that could not be made durable
        (a disk that filled up while the data was flushed); their temp files are removed."""
        failed: dict[str, OSError] = {}
        placed: dict[str, Path] = {}
        new_folders: set[Path] = set()
        for sha, tmp in staged.items():
            dest = self.path(sha)
            try:
                if dest.exists():  # two files of one batch with the same bytes
                    os.unlink(tmp)
                else:
                    fd = os.open(tmp, os.O_WRONLY)
                    try:
                        os.fsync(fd)
                        _drop_cached(fd)
                    finally:
                        os.close(fd)
                    if not dest.parent.is_dir():
                        new_folders.add(dest.parent)
                        private_dir(dest.parent)
                    os.replace(tmp, dest)
                placed[sha] = dest.parent
            except OSError as exc:
                failed[sha] = exc
                Path(tmp).unlink(missing_ok=True)
        for sha in present:
            if sha not in placed and sha not in failed:
                placed[sha] = self.path(sha).parent
        for folder in set(placed.values()) | ({self.root} if new_folders else set()):
            try:
                _fsync_dir(folder)  # the root too when it gained a folder: that folder's entry
            except OSError as exc:
                lost = new_folders if folder == self.root else {folder}
                failed.update({sha: exc for sha, parent in placed.items() if parent in lost})
        return failed

    def put_stream(self, src: BinaryIO) -> tuple[str, int]:
        """Copy a stream in, hashing while reading. Returns (sha256, size)."""
        h = hashlib.sha256()
        size = 0
        fd, tmp = tempfile.mkstemp(dir=self._tmp)
        try:
            os.fchmod(fd, PRIVATE_FILE)
            with os.fdopen(fd, "wb") as out:
                while chunk := src.read(CHUNK):
                    h.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = h.hexdigest()
            dest = self.path(sha)
            if dest.exists():
                os.unlink(tmp)
            else:
                private_dir(dest.parent)
                os.replace(tmp, dest)
                _fsync_dir(dest.parent)
            return sha, size
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    def _commit(self, sha: str, write) -> None:
        dest = self.path(sha)
        private_dir(dest.parent)
        fd, tmp = tempfile.mkstemp(dir=self._tmp)
        try:
            os.fchmod(fd, PRIVATE_FILE)
            with os.fdopen(fd, "wb") as out:
                write(out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, dest)
            _fsync_dir(dest.parent)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise


_ALIGN = 4096  # what direct I/O asks of buffer, length and offset on 512-byte and 4K-sector disks
_DIRECT_MAX = 64 << 20  # larger files (not photos) go through the page cache rather than a buffer this big
_buffers = threading.local()


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _write_direct(fd: int, data: bytes) -> bool:
    """Write `data` to the empty file `fd` with direct I/O (O_DIRECT): from an aligned buffer kept
    per thread straight to the disk, not through the page cache. A photo import writes each original
    once and reads it rarely; through the cache each write costs fresh pages and the kernel's
    write-back, more CPU than hashing the photo. False (nothing written) where the file system or
    the platform does not do direct I/O: the caller writes it the usual way."""
    flag = getattr(os, "O_DIRECT", 0)
    size = len(data)
    padded = -(-size // _ALIGN) * _ALIGN
    if not flag or not size or padded > _DIRECT_MAX:
        return False
    import fcntl

    buf: mmap.mmap | None = getattr(_buffers, "buf", None)
    if buf is None or len(buf) < padded:
        buf = _buffers.buf = mmap.mmap(-1, max(padded, 8 << 20))  # page-aligned
    buf[:size] = data
    buf[size:padded] = bytes(padded - size)  # no bytes of the previous photo past the end
    flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    try:
        fcntl.fcntl(fd, fcntl.F_SETFL, flags | flag)
        written = os.write(fd, memoryview(buf)[:padded])
    except OSError as exc:
        if exc.errno != errno.EINVAL:  # a full disk, a size limit: the caller reports it
            raise
        written = 0  # no direct I/O here (e.g. an older tmpfs)
    finally:
        fcntl.fcntl(fd, fcntl.F_SETFL, flags)
    if written < padded:  # refused, or a short write: start again through the page cache
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        return False
    os.ftruncate(fd, size)
    return True


def _drop_cached(fd: int) -> None:
    """Let the kernel drop a synced blob's pages from its cache. An import writes gigabytes that are
    rarely read again soon; kept, they push out what the machine was using, and each new page the
    next photo is written into costs more CPU than a freed one (on this project's virtual machines
    twice as much as hashing the photo)."""
    if hasattr(os, "posix_fadvise"):
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
