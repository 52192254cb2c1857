"""Fixtures for photo tests: a real project + inspection to attach photos to, the MANIFEST parsed."""

from __future__ import annotations

import csv
import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from inspector.services.changes import Progress
from tests.conftest import PHOTOS

BROKEN = ("empty.jpg", "fake.jpg", "truncated.jpg", "bomb_65535.jpg")


@dataclass(frozen=True)
class Expected:
    file: str
    width: int  # as displayed (MANIFEST lists the stored size; orientations 5-8 swap it)
    height: int
    lat: float | None
    lon: float | None
    taken: str | None  # "YYYY:MM:DD HH:MM:SS"
    orientation: int | None


def manifest() -> list[Expected]:
    """Readable photos of the shared test corpus with the values MANIFEST.tsv states."""
    out = []
    with open(PHOTOS / "MANIFEST.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["width"] == "unreadable" or row["file"] in BROKEN:
                continue
            orientation = None if row["orientation"] == "none" else int(row["orientation"])
            w, h = int(row["width"]), int(row["height"])
            if orientation in (5, 6, 7, 8):
                w, h = h, w
            lat = lon = None
            if row["has_gps"].startswith("yes"):
                lat_s, lon_s = row["has_gps"].split()[1].split(",")
                lat, lon = float(lat_s), float(lon_s)
            # A file with only IFD0 DateTime (samsung_s7_gps_nodate.jpg) has no capture time: that
            # field is the time the file was last saved, which an editor rewrites.
            taken = None if row["datetime_original"] == "none" else row["datetime_original"]
            out.append(Expected(row["file"], w, h, lat, lon, taken, orientation))
    return out


def make_inspection(store, *, locked: bool = False) -> str:
    from inspector.domain import Inspection, Project

    with store.write() as s:
        proj = Project(code=f"XN-TEST-{dt.datetime.now().timestamp()}", name="测试小区改造")
        s.add(proj)
        s.flush()
        insp = Inspection(project_id=proj.id, kind="日常巡查", record_no="JC-0001")
        s.add(insp)
    if locked:
        with store.write() as s:
            s.get(Inspection, insp.id).locked_at = dt.datetime.now(dt.UTC)
    return insp.id


@pytest.fixture
def inspection_id(store) -> str:
    return make_inspection(store)


@pytest.fixture
def all_photo_files(photos_dir: Path) -> list[Path]:
    return sorted(p for p in photos_dir.iterdir() if p.name != "MANIFEST.tsv")


def jpeg_variants(src: Path, n: int, dest: Path) -> list[Path]:
    """`n` copies of a JPEG that decode identically but hash differently: a COM segment with a
    counter is inserted right after the SOI marker."""
    data = src.read_bytes()
    assert data[:2] == b"\xff\xd8"
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        payload = f"copy {i:06d}".encode()
        com = b"\xff\xfe" + (len(payload) + 2).to_bytes(2, "big") + payload
        path = dest / f"IMG_{i:04d}.jpg"
        path.write_bytes(data[:2] + com + data[2:])
        # Taken and copied a while ago, like the files on a camera card (a file written a moment
        # ago is looked at twice by the import, in case it is still being written).
        os.utime(path, (src.stat().st_atime, src.stat().st_mtime))
        out.append(path)
    return out


class CancelAfter(Progress):
    """A progress that asks to cancel once `n` files are done (an inspector pressing 取消)."""

    def __init__(self, n: int) -> None:
        self.n, self.seen = n, 0

    def report(self, done: int, total: int, text: str = "") -> None:
        self.seen = done

    @property
    def cancelled(self) -> bool:
        return self.seen >= self.n
