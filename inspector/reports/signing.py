"""PAdES signatures with pyHanko: make an inspector key and self-signed certificate, open a key file,
sign a record's PDF. (Checking a signed PDF is in verification.py.)

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


def make_self_signed(name: str, passphrase: str, *, organisation: str = "", years: int = 10,
                     iterations: int | None = None) -> tuple[bytes, CertInfo]:
    """A new ECDSA P-256 key and a self-signed signing certificate named after the inspector, as a
    PKCS#12 protected by `passphrase` (see pkcs12.py for the KDF). Returns (pkcs12 bytes, info)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    from inspector.reports import pkcs12

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
    return (pkcs12.serialize(key, cert, passphrase, name=name, iterations=iterations or pkcs12.ITERATIONS),
            cert_info(cert))


@dataclass(frozen=True)
class SigningKey:
    """An opened key file: the private key, its certificate and any chain certificates (cryptography
    objects). Opened once per signing: each opening costs the full KDF."""

    key: object
    cert: object
    chain: tuple
    info: CertInfo

    def to_pkcs12(self, passphrase: str) -> bytes:
        """The same key and certificates under `passphrase`, with the modern KDF."""
        from inspector.reports import pkcs12

        return pkcs12.serialize(self.key, self.cert, passphrase, name=self.info.name,
                                extra_certs=list(self.chain) or None)


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


def open_pkcs12(data: bytes, passphrase: str) -> SigningKey:
    """read_pkcs12 as a SigningKey. Raises SigningError."""
    key, cert, extra = read_pkcs12(data, passphrase)
    return SigningKey(key, cert, tuple(extra), cert_info(cert))


def sign_pdf(pdf: bytes, signing_key: SigningKey, *, reason: str = "", location: str = "") -> tuple[bytes, CertInfo]:
    """Sign `pdf` (PAdES B-B, SHA-256) with an opened key. Returns (signed PDF, signer info)."""
    from pyhanko.keys.internal import (
        translate_pyca_cryptography_cert_to_asn1,
        translate_pyca_cryptography_key_to_asn1,
    )
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    info = signing_key.info
    registry = SimpleCertificateStore()
    registry.register_multiple([translate_pyca_cryptography_cert_to_asn1(c) for c in signing_key.chain])
    signer = signers.SimpleSigner(signing_cert=translate_pyca_cryptography_cert_to_asn1(signing_key.cert),
                                  signing_key=translate_pyca_cryptography_key_to_asn1(signing_key.key),
                                  cert_registry=registry)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None, location=location or None, name=info.name,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    out = io.BytesIO()
    signers.sign_pdf(writer, meta, signer=signer, output=out)
    return out.getvalue(), info
