"""The server's check of a signed PDF as the project page shows it: 有效 (intact, whole file,
signed by a trusted certificate), 已损坏 (a signature does not match the bytes, or something other
than signatures was added after signing), 证书未知 (intact, but the signer's certificate chains to no
certificate in the office's trust store)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from inspector.office.core import Office


@dataclass(frozen=True)
class Verdict:
    state: str  # valid / broken / unknown / missing
    label: str
    signer: str
    detail: str


_CACHE: dict[tuple[str, str, int, int], Verdict] = {}  # (PDF hash, trust store hash): a stored PDF never changes


def _verdict(pdf: bytes, roots: tuple[bytes, ...]) -> Verdict:
    from inspector.reports.verification import check_pdf

    c = check_pdf(pdf, trust_roots=list(roots))
    last = c.last
    signer = last.signer_name if last else ""
    if c.problem or not c.intact or not c.covers_file:
        why = c.problem or next((s.problem for s in c.signatures if s.problem), "") or "签名后文件被改动"
        return Verdict("broken", "签名无效（文件已损坏或被改动）", signer, why)
    if not c.trusted:
        return Verdict("unknown", "签名完整，但证书未知（不在监督站信任列表中）", signer,
                       f"证书指纹 {last.fingerprint[:16]}…" if last else "")
    return Verdict("valid", "签名有效", signer, f"证书指纹 {last.fingerprint[:16]}…" if last else "")


def check_signed(office: Office, pdf_sha256: str) -> Verdict:
    blobs = office.store.blobs
    if not blobs.exists(pdf_sha256):
        return Verdict("missing", "PDF 尚未上传", "", "等待监督员设备下次同步")
    from inspector.store.trust import trusted_pems

    roots = tuple(trusted_pems(office.settings.data_dir))
    # The file's size and time are in the key: a stored PDF changed on disk is checked again.
    st = blobs.path(pdf_sha256).stat()
    key = (pdf_sha256, hashlib.sha256(b"".join(roots)).hexdigest(), st.st_size, st.st_mtime_ns)
    if key not in _CACHE:
        if len(_CACHE) > 4096:
            _CACHE.clear()
        _CACHE[key] = _verdict(blobs.read(pdf_sha256), roots)
    return _CACHE[key]
