"""import_photos and friends against the real store, blob folder and photo corpus."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil

import pytest
from sqlalchemy import func, select

from inspector.domain import Photo, PhotoLink
from inspector.services import photos as svc
from inspector.services.errors import NotFound, UserError, ValidationError
from inspector.store.hooks import RecordLockedError
from tests.photos.conftest import BROKEN, CancelAfter, make_inspection, manifest


def _count(store, model) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_corpus_imports_with_manifest_values(store, inspection_id, all_photo_files):
    results = svc.import_photos(store, files=all_photo_files, target_kind="inspection", target_id=inspection_id)
    by_name = {r.file.rsplit("/", 1)[-1]: r for r in results}
    assert [r.file for r in results] == [str(p) for p in all_photo_files]  # one per file, in order
    for name in BROKEN:
        assert by_name[name].status == "rejected" and by_name[name].reason
    expected = manifest()
    for exp in expected:
        r = by_name[exp.file]
        assert r.status == "imported", (exp.file, r.reason)
        assert (r.width, r.height, r.orientation) == (exp.width, exp.height, exp.orientation)
        assert (r.lat is None) == (exp.lat is None)
        if exp.lat is not None:
            assert (r.lat, r.lon) == (pytest.approx(exp.lat, abs=1e-5), pytest.approx(exp.lon, abs=1e-5))
        if exp.taken:
            assert r.taken_at_iso == dt.datetime.strptime(exp.taken, "%Y:%m:%d %H:%M:%S").isoformat() + "+08:00"
        else:
            assert r.taken_at is None
    assert _count(store, Photo) == len(expected)
    rows = svc.photos_for(store, target_kind="inspection", target_id=inspection_id)
    assert {r.id for r in rows} == {by_name[e.file].sha256 for e in expected}
    # The originals are kept byte for byte, under their SHA-256.
    for exp in expected:
        original = (all_photo_files[0].parent / exp.file).read_bytes()
        sha = hashlib.sha256(original).hexdigest()
        assert by_name[exp.file].sha256 == sha
        assert store.blobs.read(sha) == original
        assert svc.thumbnail(store, photo_id=sha)[:2] == b"\xff\xd8"


def test_duplicates_are_linked_not_stored_twice(store, photos_dir, tmp_path):
    first, second = make_inspection(store), make_inspection(store)
    copy = tmp_path / "renamed_copy.jpg"
    shutil.copy(photos_dir / "nikon_p6000_gps.jpg", copy)
    files = [photos_dir / "nikon_p6000_gps.jpg", copy]
    r1 = svc.import_photos(store, files=files, target_kind="inspection", target_id=first)
    assert [r.status for r in r1] == ["imported", "duplicate"]
    assert r1[1].width == 640 and r1[1].lat == pytest.approx(43.467448, abs=1e-5)  # duplicate still described
    r2 = svc.import_photos(store, files=files, target_kind="inspection",
                           target_id=second)
    assert [r.status for r in r2] == ["duplicate", "duplicate"]
    again = svc.import_photos(store, files=files[:1], target_kind="inspection", target_id=first)
    assert again[0].status == "duplicate"
    assert _count(store, Photo) == 1
    assert _count(store, PhotoLink) == 2  # one per record, never two for the same record
    blobs = [p for p in store.blobs.root.rglob("*") if p.is_file() and p.parent.name != "tmp"]
    assert len(blobs) == 1


def test_bad_target_changes_nothing(store, inspection_id, photos_dir):
    files = [photos_dir / "orient_1.jpg"]
    with pytest.raises(NotFound):
        svc.import_photos(store, files=files, target_kind="inspection", target_id="no-such-id")
    with pytest.raises(ValidationError):
        svc.import_photos(store, files=files, target_kind="spaceship", target_id=inspection_id)
    locked = make_inspection(store, locked=True)
    with pytest.raises(UserError, match="锁定"):
        svc.import_photos(store, files=files, target_kind="inspection", target_id=locked)
    assert _count(store, Photo) == 0 and _count(store, PhotoLink) == 0
    assert not list(store.blobs.root.glob("??/*"))


def test_cancel_returns_what_was_done(store, inspection_id, all_photo_files):
    good = [p for p in all_photo_files if p.name not in BROKEN]
    results = svc.import_photos(store, files=good, target_kind="inspection", target_id=inspection_id,
                                progress=CancelAfter(3))
    assert [r.status for r in results[:3]] == ["imported"] * 3
    assert {r.status for r in results[3:]} == {"cancelled"} and len(results) == len(good)
    assert _count(store, Photo) == 3
    # Every row has its original on disk (in-flight work may leave an unreferenced blob, never the reverse).
    with store.read() as s:
        assert all(store.blobs.exists(pid) for pid in s.scalars(select(Photo.id)))


def test_folder_import_recurses_and_skips_hidden(store, inspection_id, photos_dir, tmp_path):
    card = tmp_path / "DCIM" / "100CANON"
    card.mkdir(parents=True)
    shutil.copy(photos_dir / "sony_cybershot.jpg", card / "IMG_0001.JPG")
    shutil.copy(photos_dir / "fake.jpg", card / "IMG_0002.JPG")
    shutil.copy(photos_dir / "orient_3.jpg", tmp_path / "DCIM" / "top.jpeg")
    (card / "._IMG_0001.JPG").write_bytes(b"\x00\x05\x16\x07resource fork")
    (card / "notes.txt").write_text("not a photo")
    results = svc.import_folder(store, folder=tmp_path / "DCIM", target_kind="inspection", target_id=inspection_id)
    assert sorted((r.file.rsplit("/", 1)[-1], r.status) for r in results) == [
        ("IMG_0001.JPG", "imported"), ("IMG_0002.JPG", "rejected"), ("top.jpeg", "imported")]
    with pytest.raises(UserError):
        svc.import_folder(store, folder=tmp_path / "nowhere", target_kind="inspection", target_id=inspection_id)


def test_caption_annotation_unlink(store, inspection_id, photos_dir):
    [r] = svc.import_photos(store, files=[photos_dir / "orient_6.jpg"], target_kind="inspection",
                            target_id=inspection_id, item_id="FB-09")
    shapes = [{"type": "arrow", "x1": 0.1, "y1": 0.1, "x2": 0.5, "y2": 0.5},
              {"type": "text", "x1": 0.2, "y1": 0.7, "text": "裂缝"}]
    changes = svc.set_annotation(store, photo_id=r.sha256, shapes=shapes)
    assert changes.touches("photos")
    svc.set_caption(store, photo_id=r.sha256, caption=" 3号楼外墙保温层空鼓 ")
    [row] = svc.photos_for(store, target_kind="inspection", target_id=inspection_id, item_id="FB-09")
    assert row.caption == "3号楼外墙保温层空鼓" and [s["type"] for s in row.annotation] == ["arrow", "text"]
    assert svc.photos_for(store, target_kind="inspection", target_id=inspection_id, item_id="") == []
    with pytest.raises(ValidationError):
        svc.set_annotation(store, photo_id=r.sha256, shapes=[{"type": "rect", "x1": "x"}])
    assert svc.photo(store, photo_id=r.sha256).annotation == row.annotation  # unchanged by the bad call
    # The original never changes, whatever is drawn on it.
    assert store.blobs.read(r.sha256) == (photos_dir / "orient_6.jpg").read_bytes()
    svc.unlink_photo(store, photo_id=r.sha256, target_kind="inspection", target_id=inspection_id, item_id="FB-09")
    assert svc.photos_for(store, target_kind="inspection", target_id=inspection_id) == []
    with pytest.raises(NotFound):
        svc.unlink_photo(store, photo_id=r.sha256, target_kind="inspection", target_id=inspection_id,
                         item_id="FB-09")
    # Re-adding revives the link rather than failing on the unique constraint.
    [again] = svc.import_photos(store, files=[photos_dir / "orient_6.jpg"], target_kind="inspection",
                                target_id=inspection_id, item_id="FB-09")
    assert again.status == "duplicate"
    assert len(svc.photos_for(store, target_kind="inspection", target_id=inspection_id)) == 1


def test_unlink_from_signed_record_is_refused(store, inspection_id, photos_dir):
    from inspector.domain import Inspection

    [r] = svc.import_photos(store, files=[photos_dir / "orient_1.jpg"], target_kind="inspection",
                            target_id=inspection_id)
    with store.write() as s:
        s.get(Inspection, inspection_id).locked_at = dt.datetime.now(dt.UTC)
    with pytest.raises(RecordLockedError):
        svc.unlink_photo(store, photo_id=r.sha256, target_kind="inspection", target_id=inspection_id)
    assert len(svc.photos_for(store, target_kind="inspection", target_id=inspection_id)) == 1


def test_a_batch_whose_write_fails_still_imports_all_but_the_file_that_failed(store, inspection_id, photos_dir,
                                                                               tmp_path, caplog):
    """Several photos are written in one unit of work; when that write fails (here SQLite refuses one
    file's row, as a full disk would), the batch is written file by file: only that file is refused."""
    from sqlalchemy import event

    names = ("orient_1.jpg", "orient_3.jpg", "orient_6.jpg", "sony_cybershot.jpg")
    for n in names:
        shutil.copy(photos_dir / n, tmp_path / n)
    files = [tmp_path / n for n in names]

    def refuse(name: str) -> None:
        raise OSError(f"no room for {name}")

    def on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        db = conn.connection.driver_connection
        db.create_function("refuse", 1, refuse)
        db.execute("CREATE TEMP TRIGGER IF NOT EXISTS refuse_one BEFORE INSERT ON main.photos "
                   "WHEN NEW.original_name = 'orient_3.jpg' BEGIN SELECT refuse(NEW.original_name); END")

    event.listen(store.engine, "begin", on_begin)
    try:
        results = svc.import_photos(store, files=files, target_kind="inspection", target_id=inspection_id)
    finally:
        event.remove(store.engine, "begin", on_begin)
    assert [r.status for r in results] == ["imported", "rejected", "imported", "imported"], results
    assert "无法保存到数据库" in results[1].reason
    assert _count(store, Photo) == 3 and _count(store, PhotoLink) == 3
    assert "writing them one by one" in caplog.text  # they were tried as one batch first
