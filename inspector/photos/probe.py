"""Check that bytes are a photo we can keep as evidence, and read what its EXIF says.

`probe` decodes every pixel (at reduced JPEG scale, which still reads the whole compressed stream),
so a truncated file is caught at import, not later in a PDF. `analyse` does the same and also
returns the thumbnail made from that one decode. Runs on any thread; no Qt.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import math
import re
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from inspector.domain.clock import CHINA_TZ
from inspector.photos.decode import (
    MAX_PIXELS,
    apply_orientation,
    open_image,
    read_orientation,
    swaps_axes,
    to_rgb,
)

log = logging.getLogger(__name__)

# Formats kept as evidence: what cameras and phones write, and what reports can embed after
# conversion. (HEIC needs a plug-in Pillow does not ship; it is refused with a clear reason.)
SUPPORTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "TIFF", "BMP"}
MIN_SIDE = 8
THUMB_PX = 256
THUMB_QUALITY = 82


_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_MAKE, _MODEL = 0x010F, 0x0110
_DT_ORIGINAL, _DT_DIGITIZED = 0x9003, 0x9004
_OFFSET_ORIGINAL, _OFFSET_DIGITIZED = 0x9011, 0x9012
_EXIF_DT = re.compile(r"^(\d{4})[:\-](\d{2})[:\-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
_OFFSET = re.compile(r"^([+-])(\d{2}):(\d{2})$")


class PhotoRejected(Exception):
    """The file cannot be kept as a photo; `reason` is plain Chinese for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class PhotoInfo:
    format: str
    width: int  # as displayed, EXIF orientation applied
    height: int
    orientation: int | None
    taken_at: dt.datetime | None  # aware, UTC
    taken_at_local: str | None  # the EXIF text, e.g. "2015:04:10 20:12:23"
    taken_at_offset: str  # "+08:00": from EXIF OffsetTime*, else the assumed Asia/Shanghai
    lat: float | None
    lon: float | None
    camera: str

    @property
    def taken_at_iso(self) -> str | None:
        """Local wall-clock with its offset, e.g. 2015-04-10T20:12:23+08:00 (the same instant as UTC)."""
        if self.taken_at is None:
            return None
        sign = 1 if self.taken_at_offset[0] == "+" else -1
        hours, minutes = int(self.taken_at_offset[1:3]), int(self.taken_at_offset[4:6])
        tz = dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
        return self.taken_at.astimezone(tz).isoformat()


def probe(data: bytes, name: str = "") -> PhotoInfo:
    """Validate `data` as a photo and read its metadata, or raise PhotoRejected."""
    info, _ = analyse(data, name, thumb_px=None)
    return info


def analyse(data: bytes, name: str = "", *, thumb_px: int | None = THUMB_PX) -> tuple[PhotoInfo, bytes | None]:
    """probe() plus a JPEG thumbnail (upright, RGB, fits thumb_px) made from the same decode."""
    im = _open(data, name)
    # The whole file in one decoder call: Pillow otherwise feeds it 64 KB at a time and takes the
    # GIL back between calls, 45 times for a 12 MP photo, each time waiting its turn while other
    # threads run Python (an import's rows). Same pixels, same checks, the file is in memory anyway.
    im.decodermaxblock = max(im.decodermaxblock, len(data))
    fmt = im.format or ""
    orientation = read_orientation(im)
    exif_values = _read_exif(im)
    w, h = im.size
    # Decode everything (scaled down for JPEG) to prove the file is complete.
    if fmt in ("JPEG", "MPO"):
        im.draft("RGB", (thumb_px or 64, thumb_px or 64))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            im.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        log.info("rejected %s: %s", name, exc)
        if "truncated" in str(exc):
            raise PhotoRejected("图片文件不完整（已截断），无法解码") from exc
        raise PhotoRejected(f"图片数据损坏，无法解码（{exc}）") from exc
    thumb = None
    if thumb_px:
        small = to_rgb(im)
        if max(small.size) > thumb_px:
            small.thumbnail((thumb_px, thumb_px), Image.Resampling.BICUBIC)
        small = apply_orientation(small, orientation)
        buf = io.BytesIO()
        small.save(buf, "JPEG", quality=THUMB_QUALITY, optimize=False)
        thumb = buf.getvalue()
    if swaps_axes(orientation):
        w, h = h, w
    taken_at, local_text, offset = exif_values["taken"]
    return PhotoInfo(
        format=fmt, width=w, height=h, orientation=orientation,
        taken_at=taken_at, taken_at_local=local_text, taken_at_offset=offset,
        lat=exif_values["lat"], lon=exif_values["lon"], camera=exif_values["camera"],
    ), thumb


def _open(data: bytes, name: str) -> Image.Image:
    if not data:
        raise PhotoRejected("文件为空（0 字节）")
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_PIXELS and twice that; treat the warning as the refusal.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = open_image(data)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PhotoRejected(_bomb_reason()) from exc
    except UnidentifiedImageError as exc:
        head = data[:512].lstrip().lower()
        if head.startswith((b"<!doctype", b"<html", b"<?xml", b"{")) or _is_text(data[:512]):
            raise PhotoRejected("不是图片文件（内容是文本或网页）") from exc
        if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc"):
            raise PhotoRejected("不支持的图片格式：HEIC（请在相机/手机中改存为 JPEG）") from exc
        raise PhotoRejected("无法识别的文件，不是支持的图片格式") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise PhotoRejected(f"图片文件头损坏，无法读取（{exc}）") from exc
    fmt = im.format or "?"
    if fmt not in SUPPORTED_FORMATS:
        raise PhotoRejected(f"不支持的图片格式：{fmt}")
    w, h = im.size
    # Declared size, checked before a single pixel is decoded.
    if w * h > MAX_PIXELS:
        raise PhotoRejected(_bomb_reason(w, h))
    if w < MIN_SIDE or h < MIN_SIDE:
        raise PhotoRejected(f"图片尺寸过小（{w}×{h}），不能作为证据照片")
    return im


def _bomb_reason(w: int | None = None, h: int | None = None) -> str:
    size = f"（声明 {w}×{h}）" if w and h else ""
    return f"图片声明的尺寸过大{size}，超过 {MAX_PIXELS // 1_000_000} 百万像素上限，疑似解压炸弹，已拒绝"


def _is_text(head: bytes) -> bool:
    if not head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(b >= 0x20 or b in (9, 10, 13) for b in head)


def _read_exif(im: Image.Image) -> dict:
    """Time, GPS and camera; any part that is unreadable comes back empty, never an error."""
    out: dict = {"taken": (None, None, "+08:00"), "lat": None, "lon": None, "camera": ""}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exif = im.getexif()
            sub = _safe_ifd(exif, _EXIF_IFD)
            gps = _safe_ifd(exif, _GPS_IFD)
    except Exception:  # corrupt EXIF: the pixels still import, metadata stays empty
        log.info("unreadable EXIF", exc_info=True)
        return out
    out["taken"] = _taken_at(exif, sub)
    out["lat"], out["lon"] = _gps(gps)
    out["camera"] = camera_name(exif.get(_MAKE), exif.get(_MODEL))
    return out


def _safe_ifd(exif: Image.Exif, tag: int) -> dict:
    try:
        return dict(exif.get_ifd(tag))
    except Exception:
        return {}


def _text(value: object) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return ""
    return value.replace("\x00", " ").strip()


def _taken_at(ifd0: Image.Exif, sub: dict) -> tuple[dt.datetime | None, str | None, str]:
    # Only the capture times count. IFD0 DateTime is when the file was last written — by the camera,
    # but just as well by a photo editor months later — so a photo that has only that has no known
    # capture time, rather than the save time passed off as evidence of when it was taken.
    for value, offset in ((sub.get(_DT_ORIGINAL), sub.get(_OFFSET_ORIGINAL)),
                          (sub.get(_DT_DIGITIZED), sub.get(_OFFSET_DIGITIZED))):
        text = _text(value)
        m = _EXIF_DT.match(text)
        if not m:
            continue
        try:
            naive = dt.datetime(*(int(g) for g in m.groups()))
        except ValueError:  # "0000:00:00 00:00:00" and other placeholders
            continue
        tz, offset_text = CHINA_TZ, "+08:00"
        om = _OFFSET.match(_text(offset))
        if om:  # the camera recorded its zone: better than our assumption
            sign = 1 if om.group(1) == "+" else -1
            delta = sign * dt.timedelta(hours=int(om.group(2)), minutes=int(om.group(3)))
            if abs(delta) <= dt.timedelta(hours=14):
                tz, offset_text = dt.timezone(delta), om.group(0)
        return (naive.replace(tzinfo=tz).astimezone(dt.UTC), naive.strftime("%Y:%m:%d %H:%M:%S"),
                offset_text)
    return None, None, "+08:00"


def _dms(value: object) -> float | None:
    try:
        parts = [float(v) for v in value]  # type: ignore[union-attr]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if not parts or len(parts) > 3 or not all(math.isfinite(p) and p >= 0 for p in parts):
        return None
    parts += [0.0] * (3 - len(parts))
    return parts[0] + parts[1] / 60 + parts[2] / 3600


def _gps(gps: dict) -> tuple[float | None, float | None]:
    lat, lon = _dms(gps.get(2)), _dms(gps.get(4))
    lat_ref, lon_ref = _text(gps.get(1)).upper()[:1], _text(gps.get(3)).upper()[:1]
    if lat is None or lon is None or lat_ref not in ("N", "S") or lon_ref not in ("E", "W"):
        return None, None  # e.g. a GPS IFD holding only GPSVersionID: no fix
    if lat > 90 or lon > 180 or (lat == 0 and lon == 0):
        return None, None  # 0,0 is what some cameras write without a fix
    return (round(-lat if lat_ref == "S" else lat, 7), round(-lon if lon_ref == "W" else lon, 7))


_MAKE_NOISE = {"corp", "corp.", "corporation", "company", "co.", "co.,", "ltd", "ltd.", "inc", "inc.",
               "imaging", "electronics", "digital", "optical", "camera", "eastman"}


def camera_name(make: object, model: object) -> str:
    """ "Make Model", without the make repeated when the model already names it."""
    make_s, model_s = " ".join(_text(make).split()), " ".join(_text(model).split())
    if not model_s:
        return make_s[:120]
    if not make_s:
        return model_s[:120]
    first = model_s.split()[0].lower()
    brand_words = {w.lower() for w in make_s.split()} - _MAKE_NOISE
    if model_s.lower().startswith(make_s.lower()) or first in brand_words:
        return model_s[:120]
    return f"{make_s} {model_s}"[:120]
