"""The per-file half of a photo import: read, hash, check, thumbnail, store the original blob.

Runs on worker threads (hashlib and Pillow release the GIL, so two files really go at once on two
cores); no database access here, the caller writes the rows. The blob is durable *before* any row
can point at it, atomically (temp file, fsync, rename), so a kill never leaves a row without its file:
either here (`prepare(..., stage=False)`), or, for a batch, by the caller publishing the staged temp
files at once (`BlobStore.publish`) before it writes their rows.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from inspector.photos.probe import PhotoInfo, PhotoRejected, analyse
from inspector.photos.thumbs import ThumbCache
from inspector.store.blobs import BlobStore

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 200 * 1024 * 1024  # no camera photo comes near; a video renamed .jpg does
RECENT_SECONDS = 1.0  # a file modified this recently may still be being written...
SETTLE_SECONDS = 0.2  # ...so it is looked at again after this long

IMAGE_EXTENSIONS = frozenset({
    ".jpg", ".jpeg", ".jpe", ".jfif", ".mpo", ".png", ".webp", ".tif", ".tiff", ".bmp",
    # Not importable, but listed so a folder import reports them instead of silently skipping them.
    ".heic", ".heif",
})


@dataclass
class Prepared:
    """What a worker found about one file; `reason` set means rejected."""

    path: Path
    sha256: str = ""
    size: int = 0
    info: PhotoInfo | None = None
    reason: str = ""
    known: bool = False  # the photo was already in the store: no decode, no blob write
    staged: Path | None = None  # the original in a temp file, not yet durable (prepare(stage=True))


def read_photo_file(path: Path, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file, read without ever blocking or reading without end.

    Raises PhotoRejected for what is not a photo file: a folder, a FIFO or socket (opening a FIFO
    for reading waits for a writer forever), a device (/dev/zero never ends, a tape rewinds), a file
    above `limit`, a file that changes while it is read (a camera or a copy still writing it). The
    type is checked on the opened descriptor, so a path swapped between a check and the open (for a
    FIFO, say) is caught too; the read stops at the size the file had when opened, and a file
    written to within the last second is looked at again after a moment before it is accepted."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        raise PhotoRejected("这是文件夹，不是照片文件") from None
    except OSError as exc:
        raise PhotoRejected(f"无法读取文件：{exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        kind = _not_regular(st.st_mode)
        if kind:
            raise PhotoRejected(f"这是{kind}，不是照片文件，已跳过")
        size = st.st_size
        if size > limit:
            raise PhotoRejected(f"文件过大（{size / 1048576:.0f} MB），不是照片")
        os.set_blocking(fd, True)
        # One read of one byte more than the file had (data beyond it means it is still growing):
        # one buffer, not chunks joined into a copy, which cost as much CPU as hashing the photo.
        data = os.read(fd, size + 1)
        if 0 < len(data) <= size:  # maybe a short read (a slow or network file system): read on
            chunks = [data]
            left = size + 1 - len(data)
            while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
                chunks.append(chunk)
                left -= len(chunk)
            data = b"".join(chunks)
        after = os.fstat(fd)
        if len(data) == size and after.st_size == size and time.time() - after.st_mtime < RECENT_SECONDS:
            # Written to a moment ago: a writer may be between two writes. Look again shortly (only
            # for such files, so a camera card's old photos cost nothing).
            time.sleep(SETTLE_SECONDS)
            after = os.fstat(fd)
    except OSError as exc:
        raise PhotoRejected(f"无法读取文件：{exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) != size or after.st_size != size or after.st_mtime_ns != st.st_mtime_ns:
        raise PhotoRejected("文件在读取过程中发生了变化（可能仍在写入或复制中）：请等它完成后再导入")
    return data


def _not_regular(mode: int) -> str:
    """What a non-regular file is, in words; "" for a regular file."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "文件夹"
    if stat.S_ISFIFO(mode):
        return "命名管道（FIFO）"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    if stat.S_ISSOCK(mode):
        return "套接字"
    return "特殊文件"


def write_failure(exc: OSError) -> str:
    """Why the original could not be stored, and what to do, in plain Chinese."""
    why = {errno.ENOSPC: "磁盘空间已满", errno.EDQUOT: "磁盘配额已用完", errno.EFBIG: "文件超出系统允许的大小",
           errno.EROFS: "数据目录是只读的", errno.EACCES: "没有写入数据目录的权限",
           errno.EPERM: "没有写入数据目录的权限", errno.EIO: "磁盘读写出错"}.get(exc.errno, exc.strerror or str(exc))
    return f"无法保存到数据目录（{why}）：此文件未导入，请腾出空间或检查磁盘后重新导入它"


def prepare(path: Path, *, blobs: BlobStore, thumbs: ThumbCache,
            is_known: Callable[[str], bool] = lambda sha: False, stage: bool = False) -> Prepared:
    """Read `path`, hash it, and unless `is_known(sha256)` (already in the store), probe it, cache a
    thumbnail and store the original: durably at once, or with `stage` in a temp file (`staged`)
    that the caller publishes with the rest of its batch. Never raises for a bad file or a failed
    write: the reason is in `reason`, and the rest of the batch goes on."""
    out = Prepared(path=path)
    try:
        data = read_photo_file(path)
    except PhotoRejected as exc:
        out.reason = exc.reason
        return out
    out.size = len(data)
    out.sha256 = hashlib.sha256(data).hexdigest()
    if is_known(out.sha256):
        out.known = True
        if not blobs.exists(out.sha256):  # repair a store whose file went missing: same bytes
            _store(out, data, blobs, stage)
        return out
    try:
        info, thumb = analyse(data, path.name, thumb_px=thumbs.max_px)
    except PhotoRejected as exc:
        out.reason = exc.reason
        return out
    except MemoryError:
        out.reason = "图片过大，内存不足，无法解码"
        return out
    except Exception as exc:  # Pillow plug-ins raise assorted errors on hostile files
        log.warning("unexpected error decoding %s", path, exc_info=True)
        out.reason = f"图片数据损坏，无法解码（{type(exc).__name__}）"
        return out
    if not blobs.exists(out.sha256) and not _store(out, data, blobs, stage):
        return out
    out.info = info
    if thumb:
        try:
            thumbs.put(out.sha256, thumb)
        except OSError:
            log.warning("cannot cache thumbnail for %s", path, exc_info=True)
    return out


def _store(out: Prepared, data: bytes, blobs: BlobStore, stage: bool) -> bool:
    """Store the original (or stage it); on a failed write (disk full, quota) set the reason: this
    file fails, the next one may fit."""
    try:
        if stage:
            out.staged = blobs.stage(data, out.sha256)
        else:
            blobs.put_hashed(data, out.sha256)
    except OSError as exc:
        log.warning("cannot store %s: %s", out.path, exc)
        out.reason = write_failure(exc)
        return False
    return True


def image_files(folder: Path) -> list[Path]:
    """Image files under `folder`, recursively, sorted; hidden files and folders skipped (a camera
    card copied from a Mac carries `._IMG_0001.JPG` resource forks that are not photos)."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in IMAGE_EXTENSIONS:
                found.append(Path(root) / name)
    return found


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given, folders expanded to their image files (for drag and drop of both)."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        out.extend(image_files(p) if p.is_dir() else [p])
    return out
