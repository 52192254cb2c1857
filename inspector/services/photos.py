"""照片证据: import photos onto a record, list them, caption and annotate them, unlink them.

Import is a pipeline that keeps both cores on the photos: a small pool of threads reads, hashes,
checks, thumbnails each file and stages its original in a temp file (no database, no waiting for the
disk); the calling thread takes the files in order and commits them in batches: first the batch's
originals are made durable together (`BlobStore.publish`: each synced, renamed, each folder synced
once), then their rows and audit events go in one transaction. No row ever points at an original
that is not on disk, and a kill loses at most the batch in flight. A duplicate is linked, not stored
twice (also within one batch); a bad file is rejected with its reason and the batch goes on; a
cancel stops between files, commits the files taken so far and marks the rest `cancelled`.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Collection
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.domain import (
    Acceptance,
    Complaint,
    Finding,
    Handover,
    Inspection,
    MaterialBatch,
    Photo,
    PhotoLink,
    PublicPosting,
    Rectification,
    RectificationReply,
    Referral,
    TestReport,
)
from inspector.domain.annotation import AnnotationError, normalize_shapes
from inspector.domain.base import utcnow
from inspector.domain.clock import CHINA_TZ
from inspector.domain.evidence import PHOTO_TARGETS
from inspector.domain.kinds import KIND_LABELS
from inspector.photos.ingest import Prepared, expand_paths, image_files, prepare, write_failure
from inspector.photos.thumbs import ThumbCache
from inspector.services.changes import Changes, Progress
from inspector.services.errors import NotFound, UserError, ValidationError
from inspector.store import Reader, Unit, Workspace, use_case
from inspector.store.locks import PART_RULES, part_locked

log = logging.getLogger(__name__)

IMPORTED, DUPLICATE, REJECTED, CANCELLED = "imported", "duplicate", "rejected", "cancelled"
# Photos whose rows one unit of work writes: per file, a transaction (its audit head, revision step
# and log fsync) cost as much CPU as a third of reading, hashing and thumbnailing the photo.
BATCH_FILES = 16
BATCH_SECONDS = 0.5  # ...or fewer, so that a slow card's photos still appear every half second
_CHANGED = ("photos", "photo_links")
MAX_CAPTION = 500

# What each PhotoLink.target_kind points at. An "answer" photo hangs on the inspection, with the
# checklist item in item_id.
TARGET_MODELS: dict[str, type] = {
    "inspection": Inspection, "answer": Inspection, "finding": Finding,
    "rectification": Rectification, "reply": RectificationReply, "complaint": Complaint,
    "acceptance": Acceptance, "handover": Handover, "posting": PublicPosting,
    "material": MaterialBatch, "test-report": TestReport, "referral": Referral,
}
TARGET_LABELS = {
    **KIND_LABELS, "answer": "检查项", "finding": "问题", "complaint": "投诉", "posting": "公示",
    "material": "材料进场记录", "test-report": "检测报告",
}
assert set(TARGET_MODELS) == set(PHOTO_TARGETS)


@dataclass(frozen=True)
class ImportResult:
    file: str
    status: str  # imported | duplicate | rejected | cancelled
    sha256: str = ""
    reason: str = ""
    width: int | None = None
    height: int | None = None
    orientation: int | None = None
    taken_at: dt.datetime | None = None  # aware UTC
    taken_at_iso: str | None = None  # local wall-clock with offset, e.g. 2015-04-10T20:12:23+08:00
    lat: float | None = None
    lon: float | None = None
    camera: str = ""

    @property
    def ok(self) -> bool:
        return self.status in (IMPORTED, DUPLICATE)

    def to_json(self) -> dict[str, Any]:
        """The CLI's line: the same keys for every file; photo fields null when unreadable."""
        readable = self.ok
        return {
            "file": self.file, "status": self.status, "sha256": self.sha256 or None,
            "reason": self.reason or None,
            "width": self.width if readable else None, "height": self.height if readable else None,
            "orientation": self.orientation if readable else None,
            "taken_at": self.taken_at_iso if readable else None,
            "lat": self.lat if readable else None, "lon": self.lon if readable else None,
            "camera": (self.camera or None) if readable else None,
        }


@dataclass(frozen=True)
class PhotoRow:
    id: str  # SHA-256 of the original
    link_id: str
    target_kind: str
    target_id: str
    item_id: str
    role: str
    original_name: str
    format: str
    byte_size: int
    width: int
    height: int
    orientation: int | None
    taken_at: dt.datetime | None
    taken_at_local: str | None
    lat: float | None
    lon: float | None
    camera: str
    caption: str
    annotation: list | None
    imported_at: dt.datetime | None
    imported_by: str
    note: str = ""


# ---- import ------------------------------------------------------------------------------------

def check_target(store: Reader, *, target_kind: str, target_id: str) -> None:
    """Raise a UserError in Chinese unless photos can be attached to this record now: it exists, and
    neither it nor a signed record that prints it (a finding on a signed inspection) is locked."""
    model = TARGET_MODELS.get(target_kind)
    if model is None:
        raise ValidationError({"target_kind": f"照片不能关联到“{target_kind}”类记录"})
    label = TARGET_LABELS[target_kind]
    with store.read() as s:
        row = s.get(model, target_id)
        if row is None or row.deleted:
            raise NotFound(f"找不到{label}（{target_id}），照片未导入")
        rule = PART_RULES["photo_links"]
        if part_locked(s, rule, {"target_kind": target_kind, "target_id": target_id}):
            raise UserError(f"{label}已签署锁定（或已载入已签署的记录），不能再添加照片")


def import_photos(store: Workspace, *, files: list[Path], target_kind: str, target_id: str, item_id: str = "",
                  role: str = "", progress: Progress | None = None, workers: int | None = None,
                  on_result: Callable[[ImportResult], None] | None = None,
                  on_batch: Callable[[list[ImportResult]], None] | None = None) -> list[ImportResult]:
    """Import `files` onto the record; one ImportResult per file, in order (also passed to
    `on_result` as each file is committed, and to `on_batch` a committed batch at a time). Never
    raises for a bad file. Runs on the calling thread (a worker in the UI) plus a pool of decode
    threads."""
    check_target(store, target_kind=target_kind, target_id=target_id)
    progress = progress or Progress()
    paths = [Path(f) for f in files]
    total = len(paths)
    results: list[ImportResult] = []
    thumbs = ThumbCache(store.data_dir)
    # One thread more than the cores: each waits a moment per file for its original to reach the
    # disk (direct I/O) and for the file to be read from a card; the extra thread keeps the cores
    # busy meanwhile. (Syncing, renaming and the rows are the calling thread's, once per batch.)
    workers = workers or min(8, (os.cpu_count() or 2) + 1)
    # Files prepared ahead of the commits. A prepared file holds no image data (its original waits
    # in a temp file), so the window can cover two batches: the pool keeps working while the calling
    # thread syncs and writes one.
    window = max(2 * BATCH_FILES, 4 * workers)
    known = _KnownPhotos(store)

    def work(path: Path) -> Prepared:
        return prepare(path, blobs=store.blobs, thumbs=thumbs, is_known=known, stage=True)

    def commit(batch: list[Prepared]) -> None:
        done = _record_batch(store, batch, target_kind, target_id, item_id, role)
        results.extend(done)
        if on_result:
            for result in done:
                on_result(result)
        if on_batch and done:
            on_batch(done)
        batch.clear()

    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="photo-import")
    pending: deque[Future[Prepared]] = deque()
    batch: list[Prepared] = []
    _SHORT_GIL_TURNS.enter()
    try:
        opened = 0.0
        next_index = taken = 0
        while taken < total and not progress.cancelled:
            while next_index < total and len(pending) < window:
                pending.append(pool.submit(work, paths[next_index]))
                next_index += 1
            prepared = pending.popleft().result()
            taken += 1
            if not batch:
                opened = time.monotonic()
            batch.append(prepared)
            # The last files go in as soon as they are ready: a full batch committed after the
            # pool has finished would leave the cores idle while its originals and rows are written.
            finishing = next_index == total and len(pending) < workers
            if len(batch) >= BATCH_FILES or finishing or time.monotonic() - opened >= BATCH_SECONDS:
                commit(batch)
            progress.report(taken, total, prepared.path.name)
        # Cancelled or done: the files already taken are committed too.
        commit(batch)
    finally:
        for fut in pending:
            fut.cancel()
        pool.shutdown(wait=True)
        # Files prepared but not committed (a cancel, or an error above): their staged originals go.
        leftover = [f.result().staged for f in pending if not f.cancelled() and f.exception() is None]
        store.blobs.discard([p for p in leftover if p] + [p.staged for p in batch if p.staged])
        known.close()
        _SHORT_GIL_TURNS.leave()
    # Anything not committed is reported as cancelled.
    for p in paths[len(results):]:
        results.append(ImportResult(file=str(p), status=CANCELLED, reason="已取消"))
        if on_result:
            on_result(results[-1])
    log.info("photo import onto %s %s: %s", target_kind, target_id,
             {s: sum(r.status == s for r in results) for s in (IMPORTED, DUPLICATE, REJECTED, CANCELLED)})
    return results


class _ShortGilTurns:
    """While imports run, a thread waiting for the GIL gets it after 1 ms instead of Python's 5 ms.
    The decode threads take the GIL back for a moment after each of their C calls (read, hash,
    decode, resize, encode, write); while the importing thread writes a batch's rows (pure Python,
    tens of milliseconds), each of those moments could cost a decode thread 5 ms of idle core. The
    GUI thread answers sooner too. Process-wide, so counted: the last import to end puts the old
    value back."""

    def __init__(self, turn: float = 0.001) -> None:
        self.turn, self.users, self.saved, self.lock = turn, 0, 0.0, threading.Lock()

    def enter(self) -> None:
        with self.lock:
            if not self.users:
                self.saved = sys.getswitchinterval()
                sys.setswitchinterval(min(self.saved, self.turn))
            self.users += 1

    def leave(self) -> None:
        with self.lock:
            self.users -= 1
            if not self.users:
                sys.setswitchinterval(self.saved)


_SHORT_GIL_TURNS = _ShortGilTurns()


class _KnownPhotos:
    """Is a photo already in the store? Asked by each decode thread for each file before it decodes
    it, so kept cheap: one SQLite connection per thread (from the store's pool) and one indexed
    lookup on it, instead of an ORM session per file holding the GIL the other threads need."""

    def __init__(self, store: Workspace) -> None:
        self.engine = store.engine
        self.local = threading.local()
        self.opened: list[Any] = []
        self.lock = threading.Lock()

    def __call__(self, sha256: str) -> bool:
        db = getattr(self.local, "db", None)
        if db is None:
            conn = self.engine.connect()
            with self.lock:
                self.opened.append(conn)
            db = self.local.db = conn.connection.driver_connection
        # sqlite3 in autocommit for a plain SELECT: no read transaction is left open to hold back
        # the WAL checkpoint.
        return bool(db.execute("SELECT 1 FROM photos WHERE id = ?", (sha256,)).fetchall())

    def close(self) -> None:
        with self.lock:
            for conn in self.opened:
                conn.close()
            self.opened.clear()


def import_folder(store: Workspace, *, folder: Path, target_kind: str, target_id: str, item_id: str = "",
                  role: str = "", progress: Progress | None = None,
                  on_result: Callable[[ImportResult], None] | None = None,
                  on_batch: Callable[[list[ImportResult]], None] | None = None) -> list[ImportResult]:
    """Import every image file under `folder` (recursively), e.g. a camera card's DCIM folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise UserError(f"文件夹不存在：{folder}")
    return import_photos(store, files=image_files(folder), target_kind=target_kind, target_id=target_id,
                         item_id=item_id, role=role, progress=progress, on_result=on_result, on_batch=on_batch)


def import_paths(store: Workspace, *, paths: list[Path], target_kind: str, target_id: str, item_id: str = "",
                 role: str = "", progress: Progress | None = None,
                 on_result: Callable[[ImportResult], None] | None = None,
                 on_batch: Callable[[list[ImportResult]], None] | None = None) -> list[ImportResult]:
    """Files and folders mixed (drag and drop): folders are expanded to their image files. Raises
    UserError when that leaves nothing to import (an empty folder, a card without photos)."""
    files = expand_paths([Path(p) for p in paths])
    if not files:
        raise UserError(no_photos_message([Path(p) for p in paths]))
    return import_photos(store, files=files, target_kind=target_kind, target_id=target_id, item_id=item_id,
                         role=role, progress=progress, on_result=on_result, on_batch=on_batch)


def no_photos_message(paths: list[Path]) -> str:
    where = "、".join(f"“{p}”" for p in paths[:3]) + ("等" if len(paths) > 3 else "")
    kinds = "JPEG、PNG、WebP、TIFF、BMP、MPO"
    return f"{where}中没有照片文件（支持 {kinds}；隐藏文件不计），没有导入任何照片。"


def nothing_imported(results: list[ImportResult]) -> bool:
    """Every file of the batch was refused (none imported, none linked as a duplicate)."""
    return bool(results) and not any(r.ok for r in results) and all(r.status == REJECTED for r in results)


def _record_or_reject(store: Workspace, prep: Prepared, target_kind: str, target_id: str, item_id: str,
                      role: str) -> ImportResult:
    """_record, but a database write that fails for lack of space (or a read-only store) rejects this
    file with the reason instead of ending the batch: the next, smaller write may still fit."""
    from sqlalchemy.exc import OperationalError

    try:
        return _record(store, prep, target_kind, target_id, item_id, role)
    except OperationalError as exc:
        log.warning("cannot record %s: %s", prep.path, exc)
        text = str(exc.orig) if exc.orig is not None else str(exc)
        why = ("磁盘空间已满" if "full" in text else "数据库是只读的" if "readonly" in text
               else "数据库暂时无法写入")
        return ImportResult(file=str(prep.path), status=REJECTED, sha256=prep.sha256,
                            reason=f"无法保存到数据库（{why}）：此文件未导入，请处理后重新导入它")


def _record_batch(store: Workspace, batch: list[Prepared], target_kind: str, target_id: str, item_id: str,
                  role: str) -> list[ImportResult]:
    """Commit several prepared files: their originals made durable together, then their rows in one
    unit of work (one transaction, one flush, one fsync of the log) instead of one per file. A file
    refused while it was read, or whose original could not be made durable, is reported as refused.
    A write that fails (a full disk) writes nothing, and the files are then written one by one, so
    only the one that does not fit is refused and the rest of the batch goes in."""
    from sqlalchemy.exc import OperationalError

    if not batch:
        return []
    staged: dict[str, Path] = {}
    for prep in batch:
        if prep.staged and prep.sha256 in staged:  # the same photo twice in the batch: kept once
            store.blobs.discard([prep.staged])
        elif prep.staged:
            staged[prep.sha256] = prep.staged
    failed = store.blobs.publish(staged, present=[p.sha256 for p in batch if not (p.reason or p.staged or p.known)])
    for prep in batch:
        prep.staged = None  # published, or removed with its failure
        if prep.sha256 in failed and not prep.reason:
            log.warning("cannot store %s: %s", prep.path, failed[prep.sha256])
            prep.reason = write_failure(failed[prep.sha256])
    good = [p for p in batch if not p.reason]
    written: dict[int, ImportResult] = {}
    if len(good) > 1:
        try:
            with store.unit() as uow:
                written = {id(p): r for p, r in zip(good, _write_all(uow, good, target_kind, target_id, item_id,
                                                                     role), strict=True)}
        except OperationalError as exc:
            log.warning("batch of %d photos not written, writing them one by one: %s", len(good), exc)
            written = {}
    return [written.get(id(p)) or _record_or_reject(store, p, target_kind, target_id, item_id, role)
            for p in batch]


def _record(store: Workspace, prep: Prepared, target_kind: str, target_id: str, item_id: str,
            role: str) -> ImportResult:
    """Write the rows for one prepared file in its own unit of work: a kill loses at most this file."""
    if prep.reason:
        return ImportResult(file=str(prep.path), status=REJECTED, sha256=prep.sha256, reason=prep.reason)
    with store.unit() as uow:
        return _write_rows(uow, prep, target_kind, target_id, item_id, role)


def _write_all(uow: Unit, preps: list[Prepared], target_kind: str, target_id: str, item_id: str,
               role: str) -> list[ImportResult]:
    """The rows of several files, found with two queries and written with one flush: each flush runs
    the store's hooks (locks, revision, outbox, audit) over what it writes, so one per batch instead
    of one per file halves the database's CPU. A photo twice in the batch is a duplicate the second
    time, as it is when it was imported before."""
    s = uow.session
    shas = sorted({p.sha256 for p in preps})
    photos = {p.id: p for p in s.scalars(select(Photo).where(Photo.id.in_(shas)))}
    links = {link.photo_id: link for link in s.scalars(select(PhotoLink).where(
        PhotoLink.photo_id.in_(shas), PhotoLink.target_kind == target_kind, PhotoLink.target_id == target_id,
        PhotoLink.item_id == item_id))}
    out = []
    for prep in preps:
        photo = photos.get(prep.sha256)
        if photo is None:
            photo = photos[prep.sha256] = _new_photo(uow, prep)
            s.add(photo)
            status = IMPORTED
        else:
            if photo.deleted:
                photo.deleted = False
            status = DUPLICATE
        link = links.get(prep.sha256)
        if link is None:
            link = links[prep.sha256] = PhotoLink(photo_id=prep.sha256, target_kind=target_kind,
                                                  target_id=target_id, item_id=item_id, role=role)
            s.add(link)
        elif link.deleted:
            link.deleted = False
        out.append(_result(str(prep.path), status, photo))
    return out


def _new_photo(uow: Unit, prep: Prepared) -> Photo:
    info = prep.info
    assert info is not None
    return Photo(
        id=prep.sha256, original_name=prep.path.name[:260], format=info.format,
        byte_size=prep.size, width=info.width, height=info.height, orientation=info.orientation,
        taken_at=info.taken_at, taken_at_local=info.taken_at_local, lat=info.lat, lon=info.lon,
        camera=info.camera, imported_at=utcnow(), imported_by=uow.actor.name,
    )


def _write_rows(uow: Unit, prep: Prepared, target_kind: str, target_id: str, item_id: str,
                role: str) -> ImportResult:
    return _write_all(uow, [prep], target_kind, target_id, item_id, role)[0]


def attach_file(uow: Unit, *, path: Path, target_kind: str, target_id: str, item_id: str = "",
                role: str = "") -> ImportResult:
    """One file onto a record, inside the caller's unit of work (a larger use case, e.g. the demo)."""
    check_target(uow, target_kind=target_kind, target_id=target_id)
    prep = prepare(Path(path), blobs=uow.blobs, thumbs=ThumbCache(uow.data_dir),
                   is_known=lambda sha: uow.session.get(Photo, sha) is not None)
    if prep.reason:
        return ImportResult(file=str(prep.path), status=REJECTED, sha256=prep.sha256, reason=prep.reason)
    return _write_rows(uow, prep, target_kind, target_id, item_id, role)


def _result(name: str, status: str, photo: Photo) -> ImportResult:
    return ImportResult(file=name, status=status, sha256=photo.id, width=photo.width, height=photo.height,
                        orientation=photo.orientation, taken_at=photo.taken_at,
                        taken_at_iso=taken_at_iso(photo.taken_at, photo.taken_at_local),
                        lat=photo.lat, lon=photo.lon, camera=photo.camera)


def taken_at_iso(utc: dt.datetime | None, local_text: str | None) -> str | None:
    """ISO 8601 of the camera's wall-clock with its offset (+08:00 unless EXIF recorded another:
    the offset is whatever separates the stored UTC instant from the EXIF text)."""
    if utc is None:
        return None
    try:
        naive = dt.datetime.strptime(local_text or "", "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return utc.astimezone(CHINA_TZ).isoformat()
    return naive.replace(tzinfo=dt.timezone(naive - utc.replace(tzinfo=None))).isoformat()


# ---- reading -----------------------------------------------------------------------------------

_FAR = dt.datetime.max.replace(tzinfo=dt.UTC)


def photo_rows(s: Session, targets: list[tuple[str, str]], item_id: str | None = None,
               photo_ids: Collection[str] | None = None) -> list[PhotoRow]:
    """The one query for a record's photos, in the one order the screen and the PDF share
    (`row_order`). `targets` are (target_kind, target_id) pairs; item_id narrows an inspection's
    item photos to one item; photo_ids to those photos (the ones an import just committed)."""
    rows: list[PhotoRow] = []
    for target_kind, target_id in targets:
        q = (select(Photo, PhotoLink).join(PhotoLink, PhotoLink.photo_id == Photo.id)
             .where(PhotoLink.target_kind == target_kind, PhotoLink.target_id == target_id,
                    PhotoLink.deleted.is_(False), Photo.deleted.is_(False)))
        if item_id is not None:
            q = q.where(PhotoLink.item_id == item_id)
        if photo_ids is not None:
            q = q.where(Photo.id.in_(sorted(set(photo_ids))))
        batch = [_row(p, link) for p, link in s.execute(q)]
        batch.sort(key=row_order)
        rows += batch
    return rows


def row_order(row: PhotoRow) -> tuple:
    """A record's photos are shown and printed by role (整改前 before 整改后), then by when they were
    taken, imported, named."""
    return (row.role, row.taken_at or _FAR, row.imported_at or _FAR, row.original_name, row.id)


def photos_for(store: Reader, *, target_kind: str, target_id: str, item_id: str | None = None,
               photo_ids: Collection[str] | None = None) -> list[PhotoRow]:
    """Photos linked to a record (all of its items when item_id is None; only `photo_ids` when
    given), in the record's order."""
    with store.read() as s:
        return photo_rows(s, [(target_kind, target_id)], item_id, photo_ids)


def photo(store: Reader, *, photo_id: str) -> PhotoRow:
    """One photo (without a link: link fields empty)."""
    with store.read() as s:
        p = s.get(Photo, photo_id)
        if p is None:
            raise NotFound("找不到该照片")
        return _row(p, None)


def _row(p: Photo, link: PhotoLink | None) -> PhotoRow:
    return PhotoRow(
        id=p.id, link_id=link.id if link else "", target_kind=link.target_kind if link else "",
        target_id=link.target_id if link else "", item_id=link.item_id if link else "",
        role=link.role if link else "", original_name=p.original_name, format=p.format,
        byte_size=p.byte_size, width=p.width, height=p.height, orientation=p.orientation,
        taken_at=p.taken_at, taken_at_local=p.taken_at_local, lat=p.lat, lon=p.lon, camera=p.camera,
        caption=p.caption, annotation=list(p.annotation) if p.annotation else None,
        imported_at=p.imported_at, imported_by=p.imported_by, note=link.note if link else "",
    )


def with_annotation(jpeg: bytes, shapes: list | None):  # type: ignore[no-untyped-def]
    """A thumbnail (JPEG bytes) with its overlay drawn, as a Pillow RGB image. Any thread."""
    from inspector.photos.thumbs import with_annotation as draw

    return draw(jpeg, shapes)


def display_image(data: bytes, *, max_px: int):  # type: ignore[no-untyped-def]
    """The original upright (EXIF orientation applied), at most `max_px` on its long side, as a
    Pillow RGB image. Any thread."""
    from inspector.photos.render import display_image as upright

    return upright(data, max_px=max_px)


def original_bytes(store: Reader, *, photo_id: str) -> bytes:
    """The original file, byte-identical to what was imported."""
    return store.blobs.read(photo_id)


def thumbnail(store: Reader, *, photo_id: str) -> bytes:
    """A cached upright JPEG thumbnail (built from the original when missing). Any thread."""
    return ThumbCache(store.data_dir).get_or_make(photo_id, lambda: store.blobs.read(photo_id))


# ---- edits -------------------------------------------------------------------------------------

@use_case
def set_annotation(uow: Unit, *, photo_id: str, shapes: list | None) -> Changes:
    """Replace the photo's overlay (vector shapes, see inspector/photos/annotation.py)."""
    try:
        clean = normalize_shapes(shapes)
    except AnnotationError as exc:
        raise ValidationError({"annotation": str(exc)}) from exc
    s = uow.session
    p = s.get(Photo, photo_id)
    if p is None:
        raise NotFound("找不到该照片")
    p.annotation = clean or None
    return Changes.of("photos", ids=[photo_id])


@use_case
def set_caption(uow: Unit, *, photo_id: str, caption: str) -> Changes:
    caption = (caption or "").strip()
    if len(caption) > MAX_CAPTION:
        raise ValidationError({"caption": f"照片说明过长（最多 {MAX_CAPTION} 字）"})
    s = uow.session
    p = s.get(Photo, photo_id)
    if p is None:
        raise NotFound("找不到该照片")
    p.caption = caption
    return Changes.of("photos", ids=[photo_id])


@use_case
def unlink_photo(uow: Unit, *, photo_id: str, target_kind: str, target_id: str,
                 item_id: str = "") -> Changes:
    """Take the photo off the record (a tombstone, so the removal syncs). The original stays:
    other records may use it, and evidence is never destroyed from here."""
    s = uow.session
    link = s.scalar(select(PhotoLink).where(
        PhotoLink.photo_id == photo_id, PhotoLink.target_kind == target_kind,
        PhotoLink.target_id == target_id, PhotoLink.item_id == item_id,
        PhotoLink.deleted.is_(False)))
    if link is None:
        raise NotFound("该照片未关联到此记录")
    link.deleted = True  # the uow refuses this on a signed record (RecordLockedError)
    return Changes.of(*_CHANGED, ids=[photo_id, target_id])
