"""Content-addressed blob store: each file lives once under the SHA-256 of its bytes.

Writes are atomic (temp file, fsync, rename), so a kill leaves either the whole blob or nothing;
a stray temp file is ignored and swept on the next open. Folders are 0700 and files 0600 (photos of
residents' homes, signed records)."""

from __future__ import annotations

import hashlib
import os
import tempfile
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


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
