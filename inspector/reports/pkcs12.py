"""The inspector's key file: PKCS#12 with a KDF that makes guessing the passphrase slow.

`cryptography` encrypts the key and certificate with PBES2 (PBKDF2-HMAC-SHA256, AES-256) at any
iteration count, but always writes the integrity MAC with 2 048 iterations of the old PKCS#12 KDF.
The MAC is checked first, so a stolen file could be attacked through it at 300 times the speed the
encryption allows. So the MAC is replaced here by PBMAC1 (RFC 9579): HMAC-SHA256 keyed by PBKDF2 with
the same 600 000 iterations (OWASP 2023 for PBKDF2-HMAC-SHA256). OpenSSL 3.4+ (inside `cryptography`)
verifies it; a wrong passphrase now costs an attacker as much as a right one costs the inspector.

Runs on any thread (no Qt).
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass

ITERATIONS = 600_000
_PBMAC1 = "1.2.840.113549.1.5.14"
_SALT_BYTES = 16


def serialize(key, cert, passphrase: str, *, name: str = "", extra_certs=None,  # type: ignore[no-untyped-def]
              iterations: int = ITERATIONS) -> bytes:
    """PKCS#12 of `key` and `cert` (cryptography objects) protected by `passphrase`: PBES2 with
    PBKDF2-HMAC-SHA256 × `iterations` and AES-256-CBC for key and certificates, PBMAC1 likewise.
    (Fewer iterations only where the passphrase is public anyway: the demo key.)"""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    secret = passphrase.encode("utf-8")
    enc = (serialization.PrivateFormat.PKCS12.encryption_builder().kdf_rounds(iterations)
           .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC).hmac_hash(hashes.SHA256()).build(secret))
    weak_mac = pkcs12.serialize_key_and_certificates(name.encode("utf-8") or None, key, cert, extra_certs, enc)
    return _with_pbmac1(weak_mac, secret, iterations)


def _with_pbmac1(p12: bytes, secret: bytes, iterations: int) -> bytes:
    from asn1crypto import algos, core
    from asn1crypto import pkcs12 as a12

    class Pbmac1Params(core.Sequence):  # RFC 9579 / RFC 8018 A.5
        _fields = [("key_derivation_func", algos.KdfAlgorithm), ("message_auth_scheme", algos.HmacAlgorithm)]

    pfx = a12.Pfx.load(p12)
    auth_safe = pfx["auth_safe"]["content"].contents  # the octets the MAC covers
    salt = os.urandom(_SALT_BYTES)
    # RFC 9579: the password goes into PBKDF2 as UTF-8 (not as the BMPString of the old PKCS#12 KDF).
    mac_key = hashlib.pbkdf2_hmac("sha256", secret, salt, iterations, dklen=32)
    digest = hmac.new(mac_key, auth_safe, hashlib.sha256).digest()
    params = Pbmac1Params({
        "key_derivation_func": {"algorithm": "pbkdf2", "parameters": {
            "salt": algos.Pbkdf2Salt(name="specified", value=core.OctetString(salt)),
            "iteration_count": iterations, "key_length": 32,
            "prf": {"algorithm": "sha256", "parameters": core.Null()}}},
        "message_auth_scheme": {"algorithm": "sha256", "parameters": core.Null()},
    })
    mac_data = a12.MacData({
        "mac": {"digest_algorithm": {"algorithm": _PBMAC1, "parameters": params}, "digest": digest},
        # Ignored by PBMAC1 (RFC 9579 §4); present because the structure requires them.
        "mac_salt": b"NOT USED", "iterations": 1,
    })
    return a12.Pfx({"version": pfx["version"], "auth_safe": pfx["auth_safe"], "mac_data": mac_data}).dump(force=True)


@dataclass(frozen=True)
class Protection:
    """How a PKCS#12 file is protected: the weakest KDF iteration count of its encrypted parts and
    of its MAC."""

    encryption_iterations: int
    mac: str  # "pbmac1", "pkcs12-kdf", "none"
    mac_iterations: int

    @property
    def modern(self) -> bool:
        return (self.encryption_iterations >= ITERATIONS and self.mac == "pbmac1"
                and self.mac_iterations >= ITERATIONS)

    def describe(self) -> str:
        mac = {"pbmac1": "PBMAC1", "pkcs12-kdf": "旧式 PKCS#12 MAC", "none": "无 MAC"}[self.mac]
        return f"密钥加密 PBKDF2 {self.encryption_iterations:,} 次；完整性校验 {mac} {self.mac_iterations:,} 次"


def protection(p12: bytes) -> Protection:
    """Read the KDF parameters (without the passphrase). Unknown layouts count as weak (0)."""
    from asn1crypto import pkcs12 as a12

    try:
        pfx = a12.Pfx.load(p12)
        mac_data = pfx["mac_data"]
        if mac_data.native is None:
            mac, mac_iter = "none", 0
        elif mac_data["mac"]["digest_algorithm"]["algorithm"].dotted == _PBMAC1:
            params = mac_data["mac"]["digest_algorithm"]["parameters"]
            mac, mac_iter = "pbmac1", _pbmac1_iterations(params)
        else:
            mac, mac_iter = "pkcs12-kdf", int(mac_data["iterations"].native or 1)
        iters = []
        for ci in pfx.authenticated_safe:
            kind = ci["content_type"].native
            if kind == "encrypted_data":
                iters.append(_iterations(ci["content"]["encrypted_content_info"]["content_encryption_algorithm"]))
            elif kind == "data":
                for bag in a12.SafeContents.load(ci["content"].native):
                    if bag["bag_id"].native == "pkcs8_shrouded_key_bag":
                        iters.append(_iterations(bag["bag_value"]["encryption_algorithm"]))
        return Protection(min(iters) if iters else 0, mac, mac_iter)
    except Exception:  # noqa: BLE001 - a layout we do not know is simply not "modern"
        return Protection(0, "none", 0)


def _iterations(alg) -> int:  # type: ignore[no-untyped-def]
    try:
        return int(alg.kdf_iterations) if alg.kdf == "pbkdf2" else 0
    except Exception:  # noqa: BLE001 - PKCS#12 PBE (3DES, RC2): the old KDF, weak by definition
        return 0


def _pbmac1_iterations(params) -> int:  # type: ignore[no-untyped-def]
    from asn1crypto import algos, core

    raw = params.dump() if hasattr(params, "dump") else bytes(params)
    seq = core.Sequence.load(raw)
    kdf = algos.KdfAlgorithm.load(seq[0].dump())
    if kdf["algorithm"].native != "pbkdf2":
        return 0
    return int(kdf["parameters"]["iteration_count"].native)
