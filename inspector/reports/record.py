"""What the renderer is given: one record's printed content as plain JSON-able data.

The dict is exactly what the PDF shows (photos and drawn signatures appear by their SHA-256), so
the SHA-256 of its canonical JSON (`content_hash`) identifies the record's content: it is printed in
each page's QR code and kept on the signed row, beside the data itself (`signed_content`)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any


@dataclass
class RecordData:
    kind: str
    record_id: str
    record_no: str
    title: str
    data: dict[str, Any]
    locked: bool = False
    pdf_sha256: str | None = None
    photos: list[dict] = field(default_factory=list)  # also inside data; kept for the image step

    @property
    def content_sha256(self) -> str:
        return content_hash(self.data)


def content_hash(data: dict[str, Any]) -> str:
    blob = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()
