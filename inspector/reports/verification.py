"""Check a signed PDF: every signature in it, what was added after the last one, and whether each
signer's certificate chains to a certificate the caller trusts.

A PDF can be changed after signing by an incremental update (new objects appended, old bytes kept),
and the update can carry a second signature made with any key. So one intact signature proves
little: each signature must be intact, nothing but signatures and form filling may have changed
after an earlier one, the last one must cover the whole file, and every signer must be trusted.
Those are separate answers here (`intact`, `covers_file`, `trusted`); the caller decides what to
accept. Runs on any thread (no Qt); `import pyhanko` happens inside the function.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from contextlib import contextmanager
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SignatureReport:
    index: int  # 1-based, oldest first
    field: str
    signer_name: str  # what the certificate claims: not proof of anything unless `trusted`
    organisation: str
    issuer_name: str
    fingerprint: str  # SHA-256 of the signer's certificate (DER), lowercase hex
    self_signed: bool
    signed_at: dt.datetime | None  # as the signer's clock claims
    intact: bool  # the bytes it signed are unchanged and its signature value matches its certificate
    trusted: bool  # its certificate chains to one of the trusted certificates
    anchor: str  # fingerprint of the trusted certificate it chains to, "" when untrusted
    covers_file: bool  # it covers the whole file (nothing appended after it)
    changed_after: bool  # a later revision changed more than adding signatures / filling fields
    problem: str = ""  # why it is not intact, in Chinese


@dataclass(frozen=True)
class PdfCheck:
    signatures: tuple[SignatureReport, ...]
    size: int
    unsigned_bytes: int  # bytes after the end of what the last signature covers
    unsigned_revisions: int  # incremental updates after the last signature
    subject: str  # the document's Subject (our QR payload), if any
    problem: str = ""  # the file as a whole: unreadable, no signature

    @property
    def last(self) -> SignatureReport | None:
        return self.signatures[-1] if self.signatures else None

    @property
    def intact(self) -> bool:
        """Every signature intact, and nothing but signatures added between them."""
        return bool(self.signatures) and not self.problem and all(
            s.intact and not s.changed_after for s in self.signatures)

    @property
    def covers_file(self) -> bool:
        return self.last is not None and self.last.covers_file and self.unsigned_bytes == 0

    @property
    def trusted(self) -> bool:
        return bool(self.signatures) and all(s.trusted for s in self.signatures)


def _roots(trust_roots: list[bytes]):  # type: ignore[no-untyped-def]
    from asn1crypto import pem as asn1_pem
    from asn1crypto import x509 as asn1_x509

    roots = []
    for data in trust_roots:
        try:
            if asn1_pem.detect(data):
                _, _, data = asn1_pem.unarmor(data)
            cert = asn1_x509.Certificate.load(data)
            cert.native  # noqa: B018 - parse now: a broken file must not break every verification
            roots.append(cert)
        except Exception:  # noqa: BLE001
            log.warning("ignoring an unreadable trusted certificate")
    return roots


@contextmanager
def _quiet_pyhanko():
    # pyHanko logs an untrusted (e.g. self-signed) certificate as an error with a traceback; here
    # that is an expected answer (`trusted`), not a fault, so keep it out of the user's terminal.
    hanko = logging.getLogger("pyhanko")
    level = hanko.level
    hanko.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        hanko.setLevel(level)


def check_pdf(pdf: bytes, *, trust_roots: list[bytes] = ()) -> PdfCheck:
    """Validate every signature of `pdf`. `trust_roots`: PEM or DER certificates to trust (a CA
    vouches for what it issued; a signer's own certificate vouches for itself)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko_certvalidator import ValidationContext

    size = len(pdf)
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        sigs = sorted(reader.embedded_signatures, key=lambda e: e.signed_revision)
    except Exception as exc:  # noqa: BLE001 - a damaged file is a verdict, not a crash
        log.info("unreadable PDF: %s", exc)
        return PdfCheck((), size, 0, 0, "", problem=f"文件已损坏或不完整（可能被截断），无法读取：{exc}")
    try:
        subject = str(reader.trailer["/Info"].get("/Subject", ""))
    except Exception:  # noqa: BLE001 - metadata is a hint only
        subject = ""
    if not sigs:
        return PdfCheck((), size, 0, 0, subject, problem="文件中没有数字签名。")
    vc = ValidationContext(trust_roots=_roots(list(trust_roots)), allow_fetching=False)
    reports = tuple(_check_one(i, sig, vc) for i, sig in enumerate(sigs, 1))
    last = sigs[-1]
    try:
        end = int(last.byte_range[2]) + int(last.byte_range[3])
        revisions = reader.xrefs.total_revisions - 1 - last.signed_revision
    except Exception:  # noqa: BLE001 - a malformed byte range: _check_one already failed it
        end, revisions = size, 0
    return PdfCheck(reports, size, max(0, size - end), max(0, revisions), subject)


def _check_one(index: int, sig, vc) -> SignatureReport:  # type: ignore[no-untyped-def]
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    field = str(getattr(sig, "field_name", "") or "")
    cert = None
    try:
        cert = sig.signer_cert
    except Exception:  # noqa: BLE001 - no certificate matching the signer info: reported below
        pass
    base = _cert_fields(cert)
    try:
        with _quiet_pyhanko():
            status = validate_pdf_signature(sig, vc)
    except Exception as exc:  # noqa: BLE001 - a malformed signature is a verdict
        log.info("signature %d cannot be validated: %s", index, exc)
        return SignatureReport(index, field, **base, signed_at=None, intact=False, trusted=False, anchor="",
                               covers_file=False, changed_after=False,
                               problem=f"签名无法校验（签名数据不完整，或所附证书被替换）：{exc}")
    if status.signing_cert is not None:
        base = _cert_fields(status.signing_cert)
    covers = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    regular = status.coverage in (SignatureCoverageLevel.ENTIRE_FILE, SignatureCoverageLevel.ENTIRE_REVISION)
    level = status.modification_level
    changed_after = not covers and (level is None or level > ModificationLevel.FORM_FILLING)
    intact = bool(status.intact and status.valid and regular)
    problem = ""
    if not status.intact:
        problem = "签名所覆盖的内容在签署后被改动（摘要不符）。"
    elif not status.valid:
        problem = "签名值与所附证书不符（证书被替换，或签名被篡改）。"
    elif not regular:
        problem = "签名的字节范围不规范，不能确定它覆盖了哪些内容。"
    elif changed_after:
        problem = "签署之后文件内容又被修改（不只是追加签名）。"
    anchor = ""
    if status.trusted and status.validation_path is not None:
        try:
            anchor = hashlib.sha256(status.validation_path.trust_anchor.certificate.dump()).hexdigest()
        except Exception:  # noqa: BLE001 - a trust anchor given as a bare key has no certificate
            anchor = ""
    return SignatureReport(index, field, **base, signed_at=status.signer_reported_dt, intact=intact,
                           trusted=bool(status.trusted), anchor=anchor, covers_file=covers,
                           changed_after=changed_after, problem=problem)


def _cert_fields(cert) -> dict:  # type: ignore[no-untyped-def]
    if cert is None:
        return {"signer_name": "", "organisation": "", "issuer_name": "", "fingerprint": "", "self_signed": False}
    subject = cert.subject.native
    issuer = cert.issuer.native
    return {
        "signer_name": subject.get("common_name", "") or cert.subject.human_friendly,
        "organisation": subject.get("organization_name", "") or "",
        "issuer_name": issuer.get("common_name", "") or cert.issuer.human_friendly,
        "fingerprint": hashlib.sha256(cert.dump()).hexdigest(),
        "self_signed": cert.subject == cert.issuer,
    }
