"""A section heading never stands alone at the foot of a page: long records (many findings, many
photos, many attendees or listed items) are rendered at many lengths, so that page breaks fall at
every place, and `pdftotext -layout` of each page must not end with a heading."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from inspector.domain import Finding, Handover, PhotoLink
from inspector.reports.blocks import Assets
from inspector.reports.layout import is_heading
from inspector.reports.layouts import BUILDERS
from inspector.services import records
from tests.reports import builders as b
from tests.reports.conftest import pdftext


def headings_of(kind: str, data: dict) -> set[str]:
    """The headings (and lead-in lines) the record's story holds, as plain text."""
    story = BUILDERS[kind](data, Assets({}, {}))
    return {re.sub(r"\s+", "", f.getPlainText()) for f in story if is_heading(f)}


def last_body_line(page_text: str) -> str:
    """The page's last line above the footer (record name and number, 第 x 页 共 y 页)."""
    lines = [line.strip() for line in page_text.splitlines() if line.strip()]
    while lines and (re.search(r"第\s*\d+\s*页\s*共\s*\d+\s*页", lines[-1]) or lines[-1].startswith("编号：")):
        lines.pop()
    return lines[-1] if lines else ""


def assert_no_orphans(path: Path, kind: str, data: dict) -> int:
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(path)], capture_output=True,
                                                            text=True).stdout).group(1))
    heads = headings_of(kind, data)
    assert heads
    for n in range(1, pages):  # the last page may end anywhere
        last = re.sub(r"\s+", "", last_body_line(pdftext(path, "-layout", "-f", str(n), "-l", str(n))))
        assert last not in heads, f"{kind}: page {n} of {pages} ends with the heading “{last}”"
    return pages


def site_photos(n: int) -> list[tuple[str, bytes]]:
    """`n` different JPEG photos (each its own picture, as real ones are)."""
    import io

    from PIL import Image

    out = []
    for i in range(n):
        buf = io.BytesIO()
        Image.new("RGB", (640, 480), (40 + 23 * i % 200, 90 + 37 * i % 160, 60 + 11 * i % 190)).save(buf, "JPEG")
        out.append((f"site-{i}.jpg", buf.getvalue()))
    return out


def _more_findings(store, inspection_id: str, project_id: str, n: int) -> None:
    with store.write() as s:
        for i in range(n):
            s.add(Finding(project_id=project_id, inspection_id=inspection_id, checklist_item=f"XC-{30 + i % 20}",
                          description="脚手架连墙件设置不符合专项方案要求，" * (1 + i % 3), location=f"{1 + i % 6}号楼",
                          severity="较重", action="限期整改", basis="JGJ 130; 安全条例28",
                          deadline=dt.date(2026, 5, 19)))


@pytest.mark.parametrize("extra", [0, 3, 6, 9, 12, 16, 20, 25])
def test_inspection_and_notice_of_any_length(extra, store, project, tmp_path):
    iid = b.make_inspection(store, project, site_photos(1 + extra % 5))
    _more_findings(store, iid, project["project"], extra)
    rid = b.make_rectification(store, project, iid)
    for kind, record_id in (("inspection", iid), ("rectification", rid)):
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(records.render_record(store, kind=kind, record_id=record_id))
        assert_no_orphans(path, kind, records.record_data(store, kind=kind, record_id=record_id).data)


@pytest.mark.parametrize("attendees", [2, 5, 8, 11, 14, 18, 23])
def test_acceptance_and_handover_of_any_length(attendees, store, project, tmp_path):
    aid = b.make_acceptance(store, project, attendees=attendees, photos=site_photos(attendees % 4))
    hid = b.make_handover(store, project, aid)
    with store.write() as s:  # a longer facility list each time
        h = s.get(Handover, hid)
        h.facilities = [{"name": f"设施{i}", "location": f"{i}号楼", "quantity": "1套", "condition": "完好", "note": ""}
                        for i in range(attendees * 2)]
        for link in s.query(PhotoLink).filter_by(target_kind="acceptance", target_id=aid).limit(1):
            s.add(PhotoLink(photo_id=link.photo_id, target_kind="handover", target_id=hid))
    for kind, record_id in (("acceptance", aid), ("handover", hid)):
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(records.render_record(store, kind=kind, record_id=record_id))
        assert_no_orphans(path, kind, records.record_data(store, kind=kind, record_id=record_id).data)
