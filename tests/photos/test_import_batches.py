"""An import commits its photos in batches (originals made durable together, rows in one unit of
work): whatever happens inside a batch — a broken file, the same photo twice, a cancel — every photo
the import reports as imported is whole (row, link, audit events, original, thumbnail), and nothing
else is left behind (no row, no original, no temp file)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from sqlalchemy import func, select

from inspector.domain import Photo, PhotoLink
from inspector.domain.system import AuditEvent
from inspector.photos.thumbs import ThumbCache
from inspector.services import photos as svc
from tests.photos.conftest import BROKEN, CancelAfter, jpeg_variants


def _originals(store) -> set[str]:
    """Blob files in place (not temp files)."""
    return {p.name for p in store.blobs.root.glob("??/*") if p.is_file()}


def _temp_files(store) -> list[Path]:
    return list((store.blobs.root / "tmp").iterdir())


def assert_whole(store, target_id: str, imported: dict[str, bytes]) -> None:
    """Exactly the photos in `imported` (sha256 -> original bytes) are in the store, each complete:
    its row, its link to the record, an audit event for each, the original byte for byte, a
    thumbnail; and no other original and no temp file."""
    with store.read() as s:
        assert set(s.scalars(select(Photo.id))) == set(imported)
        assert sorted(s.scalars(select(PhotoLink.photo_id).where(PhotoLink.target_id == target_id))) == \
            sorted(imported)
        audited = {(e, i) for e, i in s.execute(select(AuditEvent.entity, AuditEvent.entity_id)
                                                 .where(AuditEvent.action == "create"))}
        link_ids = set(s.scalars(select(PhotoLink.id)))
    assert {i for e, i in audited if e == "photos"} == set(imported)
    assert {i for e, i in audited if e == "photo_links"} == link_ids
    assert _originals(store) == set(imported)
    for sha, data in imported.items():
        assert store.blobs.read_verified(sha) == data
        assert (ThumbCache(store.data_dir).get(sha) or b"")[:2] == b"\xff\xd8"
    assert _temp_files(store) == []


def test_a_broken_file_inside_a_batch_leaves_the_others_whole(store, inspection_id, photos_dir, tmp_path):
    good = jpeg_variants(photos_dir / "nikon_p6000_gps.jpg", 6, tmp_path / "good")
    broken = [tmp_path / name for name in BROKEN]
    for name in BROKEN:
        shutil.copy(photos_dir / name, tmp_path / name)
    files = [good[0], broken[0], good[1], good[2], broken[1], broken[2], good[3], broken[3], good[4], good[5]]
    assert len(files) < svc.BATCH_FILES  # all of them in one batch

    results = svc.import_photos(store, files=files, target_kind="inspection", target_id=inspection_id)

    assert [r.file for r in results] == [str(f) for f in files]
    by_file = {r.file: r for r in results}
    for f in broken:
        r = by_file[str(f)]
        assert r.status == "rejected" and r.reason, r
    assert all(by_file[str(f)].status == "imported" for f in good)
    assert_whole(store, inspection_id, {hashlib.sha256(f.read_bytes()).hexdigest(): f.read_bytes() for f in good})


def test_the_same_photo_twice_in_one_batch_is_stored_once(store, inspection_id, photos_dir, tmp_path):
    original = photos_dir / "canon_sx60_orient6.jpg"
    copies = []
    for name in ("IMG_0001.JPG", "IMG_0001 (1).JPG", "IMG_0001 (2).JPG"):
        shutil.copy(original, tmp_path / name)
        copies.append(tmp_path / name)
    other = jpeg_variants(photos_dir / "orient_1.jpg", 1, tmp_path / "other")[0]
    files = [copies[0], other, copies[1], copies[2]]

    results = svc.import_photos(store, files=files, target_kind="inspection", target_id=inspection_id)

    assert [r.status for r in results] == ["imported", "imported", "duplicate", "duplicate"]
    sha = hashlib.sha256(original.read_bytes()).hexdigest()
    assert results[0].sha256 == results[2].sha256 == results[3].sha256 == sha
    # A duplicate is described like the photo it repeats (upright size, time).
    assert (results[3].width, results[3].height, results[3].taken_at) == \
        (results[0].width, results[0].height, results[0].taken_at)
    assert_whole(store, inspection_id, {sha: original.read_bytes(), results[1].sha256: other.read_bytes()})


def test_cancel_in_the_middle_of_a_batch_leaves_a_consistent_store(store, inspection_id, photos_dir, tmp_path):
    """Cancelled after 21 files: the first batch of 16 is committed, the second has 5 files when the
    cancel comes. Those 21 are imported whole; the photos the pool had already prepared beyond them
    leave no original and no temp file behind."""
    files = jpeg_variants(photos_dir / "nikon_p6000_gps.jpg", 3 * svc.BATCH_FILES, tmp_path / "card")
    cut = svc.BATCH_FILES + 5

    results = svc.import_photos(store, files=files, target_kind="inspection", target_id=inspection_id,
                                progress=CancelAfter(cut))

    assert [r.status for r in results] == ["imported"] * cut + ["cancelled"] * (len(files) - cut)
    assert_whole(store, inspection_id, {r.sha256: Path(r.file).read_bytes() for r in results[:cut]})
    # The rest imports later as if nothing had happened.
    again = svc.import_photos(store, files=files, target_kind="inspection", target_id=inspection_id)
    assert [r.status for r in again] == ["duplicate"] * cut + ["imported"] * (len(files) - cut)
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Photo)) == len(files)


def test_publish_syncs_each_folder_once_and_leaves_no_temp_file(store, monkeypatch):
    """Blobs of one batch, three of them in one folder: each file is synced and renamed, each folder
    synced once (counted on the real calls), the root once for the folders it gained; a blob staged
    twice (the same bytes in two files) is kept once."""
    from inspector.store import blobs as blob_module

    datas: dict[str, bytes] = {}
    by_folder: dict[str, int] = {}
    i = 0
    while max(by_folder.values(), default=0) < 3:
        data = f"blob {i}".encode()
        sha = hashlib.sha256(data).hexdigest()
        datas[sha] = data
        by_folder[sha[:2]] = by_folder.get(sha[:2], 0) + 1
        i += 1
    synced: list[str] = []
    real = blob_module._fsync_dir
    monkeypatch.setattr(blob_module, "_fsync_dir", lambda path: (synced.append(Path(path).name), real(path)))

    staged = {sha: store.blobs.stage(data, sha) for sha, data in datas.items()}
    assert _originals(store) == set()  # staged is not stored: nothing may point at it yet
    assert store.blobs.publish(staged) == {}
    # Each folder once, and the blob root once: it gained those folders.
    assert sorted(synced) == sorted([*by_folder, store.blobs.root.name])
    twin = next(iter(datas))
    assert store.blobs.publish({twin: store.blobs.stage(datas[twin], twin)}) == {}
    for sha, data in datas.items():
        assert store.blobs.read_verified(sha) == data
    assert _originals(store) == set(datas)
    assert _temp_files(store) == []


def test_short_gil_turns_last_only_while_an_import_runs(store, inspection_id, photos_dir, tmp_path):
    import sys

    before = sys.getswitchinterval()
    during: list[float] = []
    files = jpeg_variants(photos_dir / "orient_1.jpg", 3, tmp_path / "card")
    svc.import_photos(store, files=files, target_kind="inspection", target_id=inspection_id,
                      on_batch=lambda _results: during.append(sys.getswitchinterval()))
    assert during and max(during) <= 0.001
    assert sys.getswitchinterval() == before
