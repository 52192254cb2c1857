"""The inspector's signing key: a passphrase-protected PKCS#12 under `<data_dir>/keys/`, either made
here (self-signed certificate named after the inspector) or issued by the office and imported.

The certificate (public) is also kept as PEM beside it, so who signs can be shown without asking
for the passphrase.
"""

from __future__ import annotations

import logging
from pathlib import Path

from inspector.paths import write_private
from inspector.reports.signing import CertInfo, SigningError, cert_info, make_self_signed, read_pkcs12
from inspector.services.errors import UserError
from inspector.store import Store

log = logging.getLogger(__name__)

P12_NAME = "inspector.p12"
CERT_NAME = "inspector.crt.pem"
MIN_PASSPHRASE = 6


def key_dir(store: Store) -> Path:
    return store.data_dir / "keys"


def has_key(store: Store) -> bool:
    return (key_dir(store) / P12_NAME).is_file()


def key_info(store: Store) -> CertInfo | None:
    """The current signing certificate, or None if there is no key yet."""
    from cryptography import x509

    path = key_dir(store) / CERT_NAME
    if not path.is_file() or not has_key(store):
        return None
    return cert_info(x509.load_pem_x509_certificate(path.read_bytes()))


def _save(store: Store, p12: bytes, pem: bytes) -> None:
    d = key_dir(store)
    # The certificate first: a kill in between leaves no key (not a key without its certificate).
    write_private(d / CERT_NAME, pem)
    write_private(d / P12_NAME, p12)


def _check_passphrase(passphrase: str, confirm: str | None) -> None:
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise UserError(f"口令至少需要 {MIN_PASSPHRASE} 个字符。")
    if confirm is not None and confirm != passphrase:
        raise UserError("两次输入的口令不一致。")


def create_key(store: Store, *, name: str, passphrase: str, confirm: str | None = None,
               organisation: str = "", replace: bool = False) -> CertInfo:
    """Make the inspector's key and self-signed certificate. Refuses to overwrite an existing key
    unless `replace` (records signed with the old key stay verifiable: the PDFs carry the certificate)."""
    name = (name or "").strip()
    if not name:
        raise UserError("请填写监督员姓名（证书上的签名人）。")
    _check_passphrase(passphrase, confirm)
    if has_key(store) and not replace:
        raise UserError("已有签名证书；如需更换，请先确认替换。")
    p12, info = make_self_signed(name, passphrase, organisation=organisation)
    _save(store, p12, info.pem)
    log.info("created signing key for %s (%s)", name, info.fingerprint)
    return info


def import_key(store: Store, *, data: bytes, passphrase: str, replace: bool = False) -> CertInfo:
    """Take a PKCS#12 issued by the office. The passphrase is checked before anything is written."""
    if has_key(store) and not replace:
        raise UserError("已有签名证书；如需更换，请先确认替换。")
    try:
        _key, cert, _extra = read_pkcs12(data, passphrase)
    except SigningError as exc:
        raise UserError(str(exc)) from None
    info = cert_info(cert)
    _save(store, data, info.pem)
    log.info("imported signing key of %s (%s)", info.name, info.fingerprint)
    return info


def load_key(store: Store, *, passphrase: str) -> tuple[bytes, CertInfo]:
    """The PKCS#12 bytes, after checking the passphrase opens them. Raises UserError."""
    if not has_key(store):
        raise UserError("尚未设置签名证书：请先创建或导入监督员证书。")
    data = (key_dir(store) / P12_NAME).read_bytes()
    try:
        _key, cert, _extra = read_pkcs12(data, passphrase)
    except SigningError as exc:
        raise UserError(str(exc)) from None
    return data, cert_info(cert)


def trusted_certs(store: Store) -> list[bytes]:
    """Certificates this store trusts for verification: the inspector's own."""
    path = key_dir(store) / CERT_NAME
    return [path.read_bytes()] if path.is_file() else []
