"""Render one record's data (data.py) into its PDF.

Runs on any thread (no Qt): images on a thread pool, overlapped with the ReportLab layout.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from inspector.reports.blocks import Assets
from inspector.reports.images import image_workers, start_all
from inspector.reports.layout import PageInfo, build_pdf, register_font
from inspector.reports.layouts import BUILDERS
from inspector.reports.record import RecordData

QR_PREFIX = "INSPECTOR"


def qr_payload(kind: str, record_id: str, content_sha256: str) -> str:
    """What each page's QR code (and the PDF's Subject) carries: enough to find the record and
    check that the paper shows the content that was signed."""
    return f"{QR_PREFIX}:{kind}:{record_id}:{content_sha256}"


def parse_payload(value: str) -> tuple[str, str, str] | None:
    parts = (value or "").strip().split(":")
    if len(parts) == 4 and parts[0] == QR_PREFIX:
        return parts[1], parts[2], parts[3]
    return None


def _record_date(d: dict) -> str:
    for key in ("held_on", "handed_on", "issued_on", "replied_on", "started_at"):
        if d.get(key):
            return str(d[key])[:10]
    return ""


@dataclass
class RenderStats:
    seconds: float = 0.0
    image_seconds: float = 0.0
    images: int = 0
    pages_bytes: int = 0


def render_pdf(rec: RecordData, read_blob: Callable[[str], bytes], *, stats: RenderStats | None = None,
               cancelled: Callable[[], bool] = lambda: False) -> bytes:
    """The record's PDF. Its photos and signatures are prepared on a thread pool while ReportLab
    lays out the pages before them (Pillow releases the GIL; the layout is Python), so a record with
    many photos costs about the larger of the two rather than their sum."""
    start = time.perf_counter()
    d = rec.data
    sigs = [x["signature"] for x in d.get("signatories", []) if x.get("signature")]
    done: list[float] = []
    pool = ThreadPoolExecutor(max_workers=image_workers(), thread_name_prefix="record-images")
    try:
        photos, signatures = start_all(pool, [(p["sha256"], p.get("annotation")) for p in rec.photos], sigs,
                                       read_blob, cancelled=cancelled)
        for f in (*photos.values(), *signatures.values()):
            f.add_done_callback(lambda _f: done.append(time.perf_counter()))
        register_font()  # paragraphs resolve their font when they are made
        story = BUILDERS[rec.kind](d, Assets(photos, signatures))
        payload = qr_payload(rec.kind, rec.record_id, rec.content_sha256)
        info = PageInfo(title=d["title"], record_no=rec.record_no or "（未编号）", qr_payload=payload,
                        issuer=d.get("issuer", ""), date=_record_date(d))
        pdf = build_pdf(story, info, subject=payload)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    if stats is not None:
        stats.seconds = time.perf_counter() - start
        stats.image_seconds = (max(done) - start) if done else 0.0  # until the last image was ready
        stats.images = len(done)
        stats.pages_bytes = len(pdf)
    return pdf
