"""The trust store: the certificates this laptop trusts when it verifies a signed record.

Kept as files in `<data>/trust/`, one `<sha256>.pem` per certificate and a `<sha256>.json` beside it
(where it came from, when, a note), so that it works without the database (`inspector verify
--no-store`) and can be read by any part of the program, the sync client included.

What goes in:
* the station's CA certificate(s): `inspector trust add CERT` (source "station"), or handed over by
  the office at sign-in (source "office": the sync client calls `add_trusted_cert`);
* the inspector's own signing certificates (source "own"): the current one, and earlier ones after
  a key is replaced, so records signed before still verify.

A CA certificate vouches for every certificate it issued; any other certificate vouches only for
itself. Runs on any thread (no Qt, no database).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from inspector.paths import private_dir, write_private

log = logging.getLogger(__name__)

TRUST_DIR = "trust"
SOURCES = {
    "station": "监督站证书（手动导入）",
    "office": "监督站证书（登录时由监督站下发）",
    "own": "本机签名证书",
}


class TrustError(Exception):
    """A certificate that cannot be trusted or found; the message is plain Chinese."""


@dataclass(frozen=True)
class TrustedCert:
    fingerprint: str  # SHA-256 of the DER certificate, lowercase hex
    name: str  # common name
    organisation: str
    issuer: str
    is_ca: bool
    self_signed: bool
    not_before: dt.datetime
    not_after: dt.datetime
    source: str  # a key of SOURCES
    added_at: dt.datetime | None
    note: str
    pem: bytes

    @property
    def source_label(self) -> str:
        return SOURCES.get(self.source, self.source)

    @property
    def expired(self) -> bool:
        return self.not_after < dt.datetime.now(dt.UTC)


def trust_dir(data_dir: Path | str) -> Path:
    return Path(data_dir) / TRUST_DIR


def load_certificates(data: bytes) -> list:
    """Every X.509 certificate in `data`: one DER certificate, or one or more PEM blocks.
    Raises TrustError when there is none."""
    from cryptography import x509

    try:
        if b"-----BEGIN" in data:
            certs = x509.load_pem_x509_certificates(data)
        else:
            certs = [x509.load_der_x509_certificate(data)]
    except ValueError as exc:
        raise TrustError("文件不是 X.509 证书（应为 .pem/.crt/.cer 格式的证书，不是私钥或 .p12 文件）。") from exc
    if not certs:
        raise TrustError("文件中没有证书。")
    return certs


def _describe(cert, *, source: str, added_at: dt.datetime | None, note: str) -> TrustedCert:  # type: ignore[no-untyped-def]
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.x509.oid import NameOID

    def attr(name: x509.Name, oid) -> str:  # type: ignore[no-untyped-def]
        values = name.get_attributes_for_oid(oid)
        return str(values[0].value) if values else ""

    try:
        is_ca = bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        is_ca = False
    der = cert.public_bytes(serialization.Encoding.DER)
    return TrustedCert(
        fingerprint=hashlib.sha256(der).hexdigest(),
        name=attr(cert.subject, NameOID.COMMON_NAME) or cert.subject.rfc4514_string(),
        organisation=attr(cert.subject, NameOID.ORGANIZATION_NAME),
        issuer=attr(cert.issuer, NameOID.COMMON_NAME) or cert.issuer.rfc4514_string(),
        is_ca=is_ca, self_signed=cert.issuer == cert.subject,
        not_before=cert.not_valid_before_utc, not_after=cert.not_valid_after_utc,
        source=source, added_at=added_at, note=note,
        pem=cert.public_bytes(serialization.Encoding.PEM),
    )


def add_trusted_cert(data_dir: Path | str, cert: bytes, *, source: str = "station", note: str = "") -> TrustedCert:
    """Trust one certificate (PEM or DER bytes) from now on. Idempotent: a certificate already
    trusted keeps its entry (a later source "own" or "office" does not demote or rename it).
    Refuses an expired certificate or one not yet valid. Raises TrustError.

    This is what the sync client calls at sign-in with the station's CA certificate
    (`source="office"`), and what `inspector trust add` calls (`source="station"`)."""
    if source not in SOURCES:
        raise TrustError(f"未知的证书来源：{source}")
    certs = load_certificates(cert)
    if len(certs) != 1:
        raise TrustError(f"应为一个证书，文件中有 {len(certs)} 个。")
    info = _describe(certs[0], source=source, added_at=dt.datetime.now(dt.UTC), note=note.strip()[:200])
    now = dt.datetime.now(dt.UTC)
    if info.not_after < now:
        raise TrustError(f"证书“{info.name}”已于 {info.not_after:%Y-%m-%d} 过期，不能加入信任列表。")
    if info.not_before > now + dt.timedelta(days=1):
        raise TrustError(f"证书“{info.name}”自 {info.not_before:%Y-%m-%d} 起才生效，请检查本机日期。")
    existing = {c.fingerprint: c for c in list_trusted(data_dir)}
    if info.fingerprint in existing:
        return existing[info.fingerprint]
    folder = private_dir(trust_dir(data_dir))
    meta = {"source": info.source, "added_at": info.added_at.isoformat(), "note": info.note}
    # The metadata first: a kill in between leaves nothing trusted, not a certificate of unknown origin.
    write_private(folder / f"{info.fingerprint}.json", json.dumps(meta, ensure_ascii=False).encode("utf-8"))
    write_private(folder / f"{info.fingerprint}.pem", info.pem)
    log.info("trusting %s (%s, %s)", info.name, info.fingerprint, source)
    return info


def list_trusted(data_dir: Path | str) -> list[TrustedCert]:
    """Every trusted certificate, oldest entry first. An unreadable file is skipped (and logged)."""
    from cryptography import x509

    folder = trust_dir(data_dir)
    if not folder.is_dir():
        return []
    out = []
    for pem_path in sorted(folder.glob("*.pem")):
        try:
            cert = x509.load_pem_x509_certificate(pem_path.read_bytes())
        except (OSError, ValueError):
            log.warning("unreadable trusted certificate %s", pem_path)
            continue
        meta: dict = {}
        try:
            meta = json.loads(pem_path.with_suffix(".json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
        added = None
        try:
            added = dt.datetime.fromisoformat(meta.get("added_at", ""))
        except (TypeError, ValueError):
            pass
        info = _describe(cert, source=str(meta.get("source", "station")), added_at=added,
                         note=str(meta.get("note", "")))
        if info.fingerprint != pem_path.stem:
            log.warning("trusted certificate %s does not match its file name; ignored", pem_path)
            continue
        out.append(info)
    far = dt.datetime.min.replace(tzinfo=dt.UTC)
    out.sort(key=lambda c: (c.added_at or far, c.fingerprint))
    return out


def find_trusted(data_dir: Path | str, fingerprint: str) -> TrustedCert:
    """The trusted certificate whose fingerprint starts with `fingerprint` (at least 8 hex digits,
    colons and case ignored). Raises TrustError when none or several match."""
    prefix = fingerprint.replace(":", "").strip().lower()
    if len(prefix) < 8 or any(c not in "0123456789abcdef" for c in prefix):
        raise TrustError("请给出证书指纹（SHA-256，至少前 8 位十六进制数字，见 inspector trust list）。")
    found = [c for c in list_trusted(data_dir) if c.fingerprint.startswith(prefix)]
    if not found:
        raise TrustError(f"信任列表中没有指纹为 {prefix}… 的证书。")
    if len(found) > 1:
        raise TrustError(f"指纹 {prefix}… 对应多个证书，请多给几位。")
    return found[0]


def remove_trusted(data_dir: Path | str, fingerprint: str) -> TrustedCert:
    """Stop trusting a certificate (records it signed then verify as untrusted). Raises TrustError."""
    cert = find_trusted(data_dir, fingerprint)
    folder = trust_dir(data_dir)
    # The certificate first: a kill in between leaves an orphan note, never a trusted leftover.
    (folder / f"{cert.fingerprint}.pem").unlink(missing_ok=True)
    (folder / f"{cert.fingerprint}.json").unlink(missing_ok=True)
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    log.info("no longer trusting %s (%s)", cert.name, cert.fingerprint)
    return cert


def trusted_pems(data_dir: Path | str) -> list[bytes]:
    """The certificates to hand to the verifier."""
    return [c.pem for c in list_trusted(data_dir)]
