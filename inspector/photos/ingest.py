"""The per-file half of a photo import: read, hash, check, thumbnail, store the original blob.

Runs on worker threads (hashlib and Pillow release the GIL, so two files really go at once on two
cores); no database access here, the caller writes the rows. The blob is written *before* any row
can point at it, atomically (temp file, fsync, rename), so a kill never leaves a row without its file.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from inspector.photos.probe import PhotoInfo, PhotoRejected, analyse
from inspector.photos.thumbs import ThumbCache
from inspector.store.blobs import BlobStore

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 200 * 1024 * 1024  # no camera photo comes near; a video renamed .jpg does

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


def prepare(path: Path, *, blobs: BlobStore, thumbs: ThumbCache,
            is_known: Callable[[str], bool] = lambda sha: False) -> Prepared:
    """Read `path`, hash it, and unless `is_known(sha256)` (already in the store), probe it, cache a
    thumbnail and store the original. Never raises for a bad file: the reason is in `reason`."""
    out = Prepared(path=path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            out.reason = f"文件过大（{size / 1048576:.0f} MB），不是照片"
            return out
        data = path.read_bytes()
    except IsADirectoryError:
        out.reason = "这是文件夹，不是照片文件"
        return out
    except OSError as exc:
        out.reason = f"无法读取文件：{exc.strerror or exc}"
        return out
    out.size = len(data)
    out.sha256 = hashlib.sha256(data).hexdigest()
    if is_known(out.sha256):
        out.known = True
        if not blobs.exists(out.sha256):  # repair a store whose file went missing: same bytes
            blobs.put_verified(data, out.sha256)
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
    out.info = info
    if not blobs.exists(out.sha256):
        blobs.put_verified(data, out.sha256)
    if thumb:
        try:
            thumbs.put(out.sha256, thumb)
        except OSError:
            log.warning("cannot cache thumbnail for %s", path, exc_info=True)
    return out


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
