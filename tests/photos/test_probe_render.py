"""probe(), display_image() and thumbnails on the real photo corpus."""

from __future__ import annotations

import datetime as dt

import pytest
from PIL import Image, ImageChops, ImageStat

from inspector.photos.annotation import AnnotationError, normalize_shapes
from inspector.photos.probe import PhotoRejected, camera_name, probe
from inspector.photos.render import display_image
from inspector.photos.thumbs import ThumbCache, make_thumbnail
from tests.photos.conftest import BROKEN, manifest

CASES = manifest()


@pytest.mark.parametrize("exp", CASES, ids=[c.file for c in CASES])
def test_probe_matches_manifest(photos_dir, exp):
    info = probe((photos_dir / exp.file).read_bytes(), exp.file)
    assert (info.width, info.height) == (exp.width, exp.height)
    assert info.orientation == exp.orientation
    if exp.lat is None:
        assert info.lat is None and info.lon is None
    else:
        assert info.lat == pytest.approx(exp.lat, abs=1e-5)
        assert info.lon == pytest.approx(exp.lon, abs=1e-5)
    if exp.taken is None:
        assert info.taken_at is None and info.taken_at_local is None
    else:
        assert info.taken_at_local == exp.taken
        # Naive EXIF wall-clock is taken as Asia/Shanghai: 8 hours ahead of the stored UTC value.
        local = dt.datetime.strptime(exp.taken, "%Y:%m:%d %H:%M:%S")
        assert info.taken_at == local.replace(tzinfo=dt.timezone(dt.timedelta(hours=8)))
        assert info.taken_at.utcoffset() == dt.timedelta(0)
        assert info.taken_at_iso == local.isoformat() + "+08:00"


@pytest.mark.parametrize("name", BROKEN)
def test_broken_files_are_rejected_with_a_reason(photos_dir, name):
    with pytest.raises(PhotoRejected) as err:
        probe((photos_dir / name).read_bytes(), name)
    assert err.value.reason and any("\u4e00" <= ch <= "\u9fff" for ch in err.value.reason)


def test_rejection_reasons_say_what_is_wrong(photos_dir):
    def reason(name: str) -> str:
        with pytest.raises(PhotoRejected) as err:
            probe((photos_dir / name).read_bytes(), name)
        return err.value.reason

    assert "空" in reason("empty.jpg")
    assert "不是图片" in reason("fake.jpg")
    assert "截断" in reason("truncated.jpg")
    assert "过大" in reason("bomb_65535.jpg")


def test_bomb_is_refused_before_decoding(photos_dir, monkeypatch):
    # Even with Pillow's own guard off, the declared size alone must trip our limit.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)
    with pytest.raises(PhotoRejected) as err:
        probe((photos_dir / "bomb_65535.jpg").read_bytes(), "bomb_65535.jpg")
    assert "65535×65535" in err.value.reason


def test_truncated_tail_of_a_real_photo_is_rejected(photos_dir):
    data = (photos_dir / "nikon_p6000_gps.jpg").read_bytes()
    with pytest.raises(PhotoRejected):
        probe(data[: len(data) * 2 // 3], "cut.jpg")


def test_specific_metadata(photos_dir):
    bad = probe((photos_dir / "bad_exif.jpg").read_bytes())
    assert (bad.width, bad.height, bad.camera) == (500, 500, "")
    assert probe((photos_dir / "sony_cybershot.jpg").read_bytes()).camera == "SONY CYBERSHOT"
    assert probe((photos_dir / "canon_sx60_orient6.jpg").read_bytes()).camera == "Canon PowerShot SX60 HS"
    assert probe((photos_dir / "nintendo_3ds.mpo").read_bytes()).format == "MPO"
    assert camera_name("NIKON CORPORATION", "NIKON D70") == "NIKON D70"
    assert camera_name("samsung", "SM-G930F") == "samsung SM-G930F"


@pytest.mark.parametrize("name", [f"orient_{i}.jpg" for i in range(1, 9)])
def test_display_is_upright(photos_dir, name):
    # Every orient_N file shows the same upright landscape: compare with orient_1 pixel-wise.
    ref = display_image((photos_dir / "orient_1.jpg").read_bytes(), max_px=120)
    im = display_image((photos_dir / name).read_bytes(), max_px=120)
    assert im.size == ref.size == (120, 90)
    diff = ImageStat.Stat(ImageChops.difference(ref.convert("L"), im.convert("L"))).mean[0]
    # Same picture but for the big digit (~14); mirrored would be ~45, upside down ~63.
    assert diff < 25


@pytest.mark.parametrize("name", ["canon_300d_cmyk.jpg", "alpha_rgba.png", "gray16.png", "nintendo_3ds.mpo"])
def test_display_converts_to_rgb(photos_dir, name):
    im = display_image((photos_dir / name).read_bytes())
    assert im.mode == "RGB"
    if name == "gray16.png":  # a ramp 0..65535 must stay a ramp, not clip to white
        values = [im.getpixel((x, 0))[0] for x in range(0, 32, 4)]
        assert values == sorted(values) and values[1] < 100 and values[-1] > 200
    if name == "alpha_rgba.png":  # transparent corners become white, not black
        assert im.getpixel((0, 0)) == (255, 255, 255)


def test_thumbnail_is_fast_small_upright_jpeg(photos_dir, tmp_path):
    data = (photos_dir / "canon_sx60_orient6.jpg").read_bytes()
    jpeg = make_thumbnail(data, max_px=256)
    im = Image.open(__import__("io").BytesIO(jpeg))
    assert im.format == "JPEG" and im.size == (192, 256)  # portrait after orientation 6
    cache = ThumbCache(tmp_path)
    calls = []
    first = cache.get_or_make("ab" * 32, lambda: calls.append(1) or data)
    second = cache.get_or_make("ab" * 32, lambda: calls.append(1) or data)
    assert first == second and calls == [1] and cache.path("ab" * 32).is_file()


def test_annotation_draws_at_output_scale(photos_dir):
    data = (photos_dir / "orient_6.jpg").read_bytes()
    shapes = [{"type": "rect", "x1": 0.25, "y1": 0.25, "x2": 0.75, "y2": 0.75, "color": "#00FF00", "width": 10}]
    for size in (100, 600):
        im = display_image(data, max_px=size, annotation=shapes)
        w, h = im.size
        r, g, b = im.getpixel((int(w * 0.25), int(h * 0.5)))  # on the left edge of the rectangle
        assert g > 200 and r < 60 and b < 60
    plain = display_image(data, max_px=600)
    assert plain.getpixel((150, 225)) != (0, 255, 0)


def test_normalize_shapes_rejects_bad_input():
    ok = normalize_shapes([{"type": "text", "x1": 0.1, "y1": 0.2, "text": " 裂缝 "}])
    assert ok[0]["text"] == "裂缝" and ok[0]["x2"] == 0.1 and ok[0]["color"] == "#E53935"
    for bad in ([{"type": "blob", "x1": 0, "y1": 0}], [{"type": "rect", "x1": "a", "y1": 0}],
                [{"type": "rect", "x1": 0, "y1": 0, "x2": 9, "y2": 1}], [{"type": "text", "x1": 0, "y1": 0}],
                [{"type": "rect", "x1": 0, "y1": 0, "color": "red"}], "not a list"):
        with pytest.raises(AnnotationError):
            normalize_shapes(bad)
