"""The trust store as the CLI and the app use it: import station certificates from files, list
them (with this laptop's own certificate), stop trusting one. The store itself, and
`add_trusted_cert` for the sync client, are in `inspector/store/trust.py`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from inspector.services import keys
from inspector.services.errors import UserError
from inspector.store.trust import (
    TrustedCert,
    TrustError,
    add_trusted_cert,
    find_trusted,
    list_trusted,
    load_certificates,
    remove_trusted,
)


def add_file(data_dir: Path | str, path: Path | str, *, note: str = "") -> list[TrustedCert]:
    """Trust every certificate in the file (PEM, possibly several, or DER). All or nothing: a file
    with one unusable certificate adds none. Raises UserError."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.x509.oid import NameOID

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取文件：{path}（{exc.strerror or exc}）") from None
    if len(data) > 1_000_000:
        raise UserError("文件过大，不是证书文件。")
    try:
        certs = load_certificates(data)
    except TrustError as exc:
        raise UserError(str(exc)) from None
    now = dt.datetime.now(dt.UTC)
    for c in certs:  # checked first, so that nothing is added when one of them is refused
        if c.not_valid_after_utc < now:
            cn = c.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
            name = cn[0].value if cn else c.subject.rfc4514_string()
            raise UserError(f"证书“{name}”已于 {c.not_valid_after_utc:%Y-%m-%d} 过期，未加入信任列表。")
    out = []
    for c in certs:
        try:
            out.append(add_trusted_cert(data_dir, c.public_bytes(serialization.Encoding.PEM), source="station",
                                        note=note))
        except TrustError as exc:
            raise UserError(str(exc)) from None
    return out


def entries(data_dir: Path | str) -> list[TrustedCert]:
    return list_trusted(data_dir)


def remove(data_dir: Path | str, fingerprint: str) -> TrustedCert:
    """Stop trusting a certificate. The laptop's current signing certificate cannot be removed
    (it would only make the laptop's own records look forged). Raises UserError."""
    try:
        cert = find_trusted(data_dir, fingerprint)
        if cert.fingerprint == keys.own_fingerprint(data_dir):
            raise UserError("这是本机当前的签名证书，不能移出信任列表（本机签署的记录将无法验证）。")
        return remove_trusted(data_dir, cert.fingerprint)
    except TrustError as exc:
        raise UserError(str(exc)) from None
