"""PAdES signatures with pyHanko: make an inspector key and self-signed certificate, sign a record's
PDF, and validate a signed PDF.

`import pyhanko` costs most of a second, so it happens inside the functions, not at import time.
Runs on any thread (no Qt).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)

FIELD_NAME = "InspectorSignature"


class SigningError(Exception):
    """The key file or its passphrase cannot be used. The message is plain Chinese."""


@dataclass(frozen=True)
class CertInfo:
    name: str
    fingerprint: str  # SHA-256 of the certificate (DER), lowercase hex
    not_before: dt.datetime
    not_after: dt.datetime
    self_signed: bool
    pem: bytes


def cert_info(cert) -> CertInfo:  # cryptography x509.Certificate
    from cryptography.hazmat.primitives import serialization
    from cryptography.x509.oid import NameOID

    cn = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    der = cert.public_bytes(serialization.Encoding.DER)
    return CertInfo(
        name=cn[0].value if cn else cert.subject.rfc4514_string(),
        fingerprint=hashlib.sha256(der).hexdigest(),
        not_before=cert.not_valid_before_utc, not_after=cert.not_valid_after_utc,
        self_signed=cert.issuer == cert.subject,
        pem=cert.public_bytes(serialization.Encoding.PEM),
    )


def make_self_signed(name: str, passphrase: str, *, organisation: str = "", years: int = 10) -> tuple[bytes, CertInfo]:
    """A new ECDSA P-256 key and a self-signed signing certificate named after the inspector, as a
    PKCS#12 protected by `passphrase` (AES-256). Returns (pkcs12 bytes, certificate info)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    # P-256: as strong as RSA-3072, made in milliseconds (RSA-3072 takes seconds on a slow laptop),
    # and verified by NSS (pdfsig, Firefox), Adobe Reader and pyHanko.
    key = ec.generate_private_key(ec.SECP256R1())
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, name)]
    if organisation:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    subject = x509.Name(attrs)
    now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    cert = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=365 * years))
        # A self-signed certificate is its own trust anchor; verifiers (NSS, pyHanko) accept it as a
        # root only as a CA, and check the signing key usages on the signer.
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    p12 = pkcs12.serialize_key_and_certificates(
        name.encode("utf-8"), key, cert, None, serialization.BestAvailableEncryption(passphrase.encode("utf-8")))
    return p12, cert_info(cert)


def read_pkcs12(data: bytes, passphrase: str):
    """Open a PKCS#12 and check it holds a usable signing key and certificate.
    Returns (key, cert, extra certs). Raises SigningError with a clear message."""
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, passphrase.encode("utf-8") if passphrase else None)
    except ValueError as exc:
        # cryptography says "Invalid password or PKCS12 data" for both; tell which is likelier.
        if data[:1] != b"\x30":
            raise SigningError("文件不是有效的 PKCS#12 证书文件（.p12/.pfx）。") from exc
        raise SigningError("证书口令不正确，或证书文件已损坏。") from exc
    if key is None or cert is None:
        raise SigningError("证书文件中没有私钥或证书，不能用于签名。")
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise SigningError("证书的密钥类型不受支持（需要 RSA 或 EC 密钥）。")
    now = dt.datetime.now(dt.UTC)
    if not (cert.not_valid_before_utc <= now <= cert.not_valid_after_utc):
        raise SigningError(f"证书不在有效期内（{cert.not_valid_before_utc:%Y-%m-%d} 至 {cert.not_valid_after_utc:%Y-%m-%d}）。")
    return key, cert, list(extra or [])


def sign_pdf(pdf: bytes, p12: bytes, passphrase: str, *, reason: str = "", location: str = "") -> tuple[bytes, CertInfo]:
    """Sign `pdf` (PAdES B-B, SHA-256) with the key in `p12`. Returns (signed PDF, signer info)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    _key, cert, _extra = read_pkcs12(p12, passphrase)
    info = cert_info(cert)
    signer = signers.SimpleSigner.load_pkcs12_data(p12, other_certs=(), passphrase=passphrase.encode("utf-8"))
    if signer is None:
        raise SigningError("证书文件无法用于签名。")
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None, location=location or None, name=info.name,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    out = io.BytesIO()
    signers.sign_pdf(writer, meta, signer=signer, output=out)
    return out.getvalue(), info


@dataclass(frozen=True)
class SignatureCheck:
    intact: bool  # the signature is cryptographically valid and covers the whole file
    signer_name: str = ""
    fingerprint: str = ""
    signed_at: dt.datetime | None = None
    trusted: bool = False  # chains to one of the given trust roots
    subject: str = ""  # the document's Subject (our QR payload), if any
    problem: str = ""  # why it is not intact, in Chinese


def check_signature(pdf: bytes, *, trust_roots: list[bytes] = ()) -> SignatureCheck:
    """Validate the (last) signature of `pdf`. `trust_roots`: PEM or DER certificates to trust."""
    from asn1crypto import pem as asn1_pem
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        sigs = reader.embedded_signatures
    except Exception as exc:  # noqa: BLE001 - a damaged file is a verdict, not a crash
        log.info("unreadable PDF: %s", exc)
        return SignatureCheck(False, problem=f"文件已损坏，无法读取：{exc}")
    try:
        subject = str(reader.trailer["/Info"].get("/Subject", ""))
    except Exception:  # noqa: BLE001 - metadata is a hint only
        subject = ""
    if not sigs:
        return SignatureCheck(False, subject=subject, problem="文件中没有数字签名。")
    roots = []
    for data in trust_roots:
        if asn1_pem.detect(data):
            _, _, data = asn1_pem.unarmor(data)
        roots.append(asn1_x509.Certificate.load(data))
    vc = ValidationContext(trust_roots=roots, allow_fetching=False)
    sig = sigs[-1]
    # pyHanko logs an untrusted (e.g. self-signed) certificate as an error with a traceback; here
    # that is an expected answer (`trusted`), not a fault, so keep it out of the user's terminal.
    hanko_log = logging.getLogger("pyhanko")
    level = hanko_log.level
    hanko_log.setLevel(logging.CRITICAL)
    try:
        status = validate_pdf_signature(sig, vc)
    except Exception as exc:  # noqa: BLE001
        log.info("signature validation failed: %s", exc)
        return SignatureCheck(False, subject=subject, problem=f"签名无法校验：{exc}")
    finally:
        hanko_log.setLevel(level)
    cert = status.signing_cert
    name = ""
    fp = ""
    if cert is not None:
        name = cert.subject.native.get("common_name", "") or cert.subject.human_friendly
        fp = hashlib.sha256(cert.dump()).hexdigest()
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    intact = bool(status.intact and status.valid and whole)
    problem = ""
    if not status.intact:
        problem = "文件内容在签名后被改动（摘要不符）。"
    elif not status.valid:
        problem = "签名值无效。"
    elif not whole:
        problem = "签名后文件又被追加了内容，签名未覆盖整个文件。"
    return SignatureCheck(intact, signer_name=name, fingerprint=fp, signed_at=status.signer_reported_dt,
                          trusted=bool(status.trusted), subject=subject, problem=problem)
