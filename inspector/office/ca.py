"""The station's certificate authority: the office issues each inspector's signing certificate, so
any machine that trusts the station's one CA certificate can verify every record the station's
inspectors sign, offline.

The laptop sends a certificate request (PKCS#10) signed with its own key; the private key never
leaves the laptop. The office takes only the public key from the request: the name and station on
the certificate come from the office's account, never from what the laptop asked for.

The CA key and certificate live in one 0600 file in the data directory (`ca/station-ca.pem`), which
every server process of the office reaches (as they reach the blobs): made once, by the first
process that needs it (an atomic link, so two processes starting together agree on one CA). An
office that already has a CA (e.g. from the province) puts its key and certificate there instead.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from inspector.office.core import OfficeError
from inspector.office.store import secure_dir

CA_DIR = "ca"
CA_FILE = "station-ca.pem"
CA_YEARS = 20
ISSUED_DAYS = 2 * 365
MAX_CSR = 16 * 1024
_CURVES = (ec.SECP256R1, ec.SECP384R1, ec.SECP521R1)


@dataclass(frozen=True)
class StationCA:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def fingerprint(self) -> str:
        return self.cert.fingerprint(hashes.SHA256()).hex()


@dataclass(frozen=True)
class Issued:
    pem: bytes
    serial: str
    fingerprint: str
    not_after: dt.datetime


def ca_path(data_dir: Path) -> Path:
    return Path(data_dir) / CA_DIR / CA_FILE


def _fit(text: str, limit: int = 64) -> str:
    """`text` cut to X.509's 64-byte limit on a name attribute (counted in UTF-8)."""
    while len(text.encode("utf-8")) > limit:
        text = text[:-1]
    return text


def _new_ca(station: str) -> bytes:
    key = ec.generate_private_key(ec.SECP384R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, _fit(station, 61) + " CA"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, _fit(station))])
    now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=365 * CA_YEARS))
        # It issues inspectors' certificates and nothing that issues further.
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA384())
    )
    return (key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption())
            + cert.public_bytes(serialization.Encoding.PEM))


def load_or_create(data_dir: Path, station: str) -> StationCA:
    """The office's CA, made on first use. Raises OfficeError when the file is unreadable."""
    path = ca_path(data_dir)
    if not path.exists():
        secure_dir(path.parent)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".new-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(_new_ca(station))
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o600)
            try:
                os.link(tmp, path)  # fails if another process made one first: then that one counts
            except FileExistsError:
                pass
        finally:
            os.unlink(tmp)
    return _read(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _read(path: Path, _mtime_ns: int) -> StationCA:
    """The CA file parsed once per process (every sign-in hands out the certificate); read again
    when the file changes (an office that installs its own CA)."""
    data = path.read_bytes()
    try:
        key = serialization.load_pem_private_key(data, password=None)
        cert = x509.load_pem_x509_certificate(data[data.index(b"-----BEGIN CERTIFICATE"):])
    except (ValueError, TypeError) as exc:
        raise OfficeError(500, "ca_broken", f"监督站证书文件 {path} 无法读取：请检查或恢复该文件") from exc
    return StationCA(key, cert)  # type: ignore[arg-type]


def _checked_request(csr_pem: str) -> x509.CertificateSigningRequest:
    if not isinstance(csr_pem, str) or len(csr_pem) > MAX_CSR or "BEGIN CERTIFICATE REQUEST" not in csr_pem:
        raise OfficeError(400, "bad_csr", "证书申请格式错误：应为 PEM 格式的证书申请（PKCS#10）")
    try:
        csr = x509.load_pem_x509_csr(csr_pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        raise OfficeError(400, "bad_csr", "证书申请无法解析：请升级程序后重新登录") from None
    if not csr.is_signature_valid:
        raise OfficeError(400, "bad_csr", "证书申请的签名无效：申请须由本机签名密钥签署")
    key = csr.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        if key.key_size < 2048:
            raise OfficeError(400, "weak_key", "签名密钥太短（RSA 至少 2048 位）：请在本机重新创建签名证书")
    elif not (isinstance(key, ec.EllipticCurvePublicKey) and isinstance(key.curve, _CURVES)):
        raise OfficeError(400, "weak_key", "签名密钥类型不受支持（需要 RSA 或 P-256/P-384/P-521 椭圆曲线）")
    return csr


def issue(ca: StationCA, csr_pem: str, *, name: str, station: str, badge_no: str = "") -> Issued:
    """A signing certificate for the key in `csr_pem`, named after the account. Raises OfficeError."""
    csr = _checked_request(csr_pem)
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, _fit(name)),
             x509.NameAttribute(NameOID.ORGANIZATION_NAME, _fit(station))]
    if badge_no:  # the 执法证号 tells apart two inspectors of one name (serialNumber is ASCII-only)
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, _fit(f"执法证号 {badge_no}")))
    now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    not_after = min(now + dt.timedelta(days=ISSUED_DAYS), ca.cert.not_valid_after_utc)
    serial = x509.random_serial_number()
    cert = (
        x509.CertificateBuilder().subject_name(x509.Name(attrs)).issuer_name(ca.cert.subject)
        .public_key(csr.public_key()).serial_number(serial).not_valid_before(now).not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION,
                                              x509.ObjectIdentifier("1.2.840.113583.1.1.5")]),  # Adobe PDF signing
                       critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(csr.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False)
        .sign(ca.key, hashes.SHA384())
    )
    der = cert.public_bytes(serialization.Encoding.DER)
    return Issued(cert.public_bytes(serialization.Encoding.PEM), format(serial, "x"),
                  hashlib.sha256(der).hexdigest(), not_after)
