"""Render one record's data (data.py) into its PDF.

Runs on any thread (no Qt): images first (in a thread pool), then the ReportLab layout.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from inspector.reports.blocks import Assets
from inspector.reports.images import ImageTimings, prepare_all
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
    start = time.perf_counter()
    d = rec.data
    timings = ImageTimings()
    sigs = [x["signature"] for x in d.get("signatories", []) if x.get("signature")]
    photos, signatures = prepare_all([(p["sha256"], p.get("annotation")) for p in rec.photos], sigs, read_blob,
                                     timings=timings, cancelled=cancelled)
    register_font()  # paragraphs resolve their font when they are made
    story = BUILDERS[rec.kind](d, Assets(photos, signatures))
    payload = qr_payload(rec.kind, rec.record_id, rec.content_sha256)
    info = PageInfo(title=d["title"], record_no=rec.record_no or "（未编号）", qr_payload=payload,
                    issuer=d.get("issuer", ""), date=_record_date(d))
    pdf = build_pdf(story, info, subject=payload)
    if stats is not None:
        stats.seconds = time.perf_counter() - start
        stats.image_seconds = timings.seconds
        stats.images = timings.count
        stats.pages_bytes = len(pdf)
    return pdf
