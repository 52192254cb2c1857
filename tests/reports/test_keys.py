"""The signing key file as a thief would attack it: PBKDF2 × 600 000 for the encryption *and* the
MAC (read here independently of the code under test), an older weak file upgraded when next used,
passphrases of at least 10 characters, the demo passphrase and the demo key refused for the user."""

from __future__ import annotations

import os
import stat

import pytest
from asn1crypto import algos, core
from asn1crypto import pkcs12 as a12
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from inspector.services import keys, records
from inspector.services.errors import UserError
from tests.conftest import run_main
from tests.reports import builders as b
from tests.reports.conftest import PASS

PBMAC1 = "1.2.840.113549.1.5.14"


def _kdf(p12: bytes) -> dict[str, int]:
    """Iteration counts of every encrypted part and of the MAC, parsed with asn1crypto alone."""
    pfx = a12.Pfx.load(p12)
    out = {}
    mac_alg = pfx["mac_data"]["mac"]["digest_algorithm"]
    if mac_alg["algorithm"].dotted == PBMAC1:
        params = core.Sequence.load(mac_alg["parameters"].dump())
        kdf = algos.KdfAlgorithm.load(params[0].dump())
        assert kdf["algorithm"].native == "pbkdf2"
        assert kdf["parameters"]["prf"]["algorithm"].native == "sha256"
        out["mac"] = kdf["parameters"]["iteration_count"].native
    else:
        out["mac-old"] = pfx["mac_data"]["iterations"].native
    for i, ci in enumerate(pfx.authenticated_safe):
        if ci["content_type"].native == "encrypted_data":
            alg = ci["content"]["encrypted_content_info"]["content_encryption_algorithm"]
            out[f"certs{i}"] = alg.kdf_iterations if alg.kdf == "pbkdf2" else 0
        else:
            for bag in a12.SafeContents.load(ci["content"].native):
                if bag["bag_id"].native == "pkcs8_shrouded_key_bag":
                    alg = bag["bag_value"]["encryption_algorithm"]
                    assert alg.encryption_cipher == "aes"
                    out[f"key{i}"] = alg.kdf_iterations if alg.kdf == "pbkdf2" else 0
    return out


def test_key_file_uses_pbkdf2_600k_for_encryption_and_mac(store, signing_key):
    p12 = (keys.key_dir(store) / keys.P12_NAME).read_bytes()
    kdf = _kdf(p12)
    assert set(kdf) == {"mac", "certs0", "key1"} and min(kdf.values()) >= 600_000, kdf
    assert "PBMAC1 600,000" in keys.key_protection(store)
    # A wrong passphrase is refused by the MAC, a right one opens it (OpenSSL inside cryptography).
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(p12, b"wrong passphrase!")
    _key, cert, _ = pkcs12.load_key_and_certificates(p12, PASS.encode())
    assert cert.fingerprint(hashes.SHA256()).hex() == signing_key.fingerprint
    assert stat.S_IMODE(os.stat(keys.key_dir(store) / keys.P12_NAME).st_mode) == 0o600


def test_an_old_weak_key_file_is_upgraded_when_next_used(store, project, tmp_path):
    from inspector.reports.signing import make_self_signed, open_pkcs12

    modern, info = make_self_signed("王建国", PASS)
    opened = open_pkcs12(modern, PASS)
    # What earlier versions wrote: cryptography's default (PBKDF2 20 000, MAC with 2 048 iterations).
    old = pkcs12.serialize_key_and_certificates(b"x", opened.key, opened.cert, None,
                                                serialization.BestAvailableEncryption(PASS.encode()))
    assert min(_kdf(old).values()) < 30_000
    keys.key_dir(store).mkdir(parents=True, exist_ok=True)
    (keys.key_dir(store) / keys.CERT_NAME).write_bytes(info.pem)
    (keys.key_dir(store) / keys.P12_NAME).write_bytes(old)
    assert "旧格式" in keys.key_protection(store)
    aid = b.make_acceptance(store, project, attendees=1)
    records.sign_record(store, kind="acceptance", record_id=aid, passphrase=PASS)
    upgraded = (keys.key_dir(store) / keys.P12_NAME).read_bytes()
    assert min(_kdf(upgraded).values()) >= 600_000 and "mac" in _kdf(upgraded)
    assert keys.open_key(store, passphrase=PASS).info.fingerprint == info.fingerprint


def test_passphrase_rules_and_the_demo_key(store, tmp_path):
    from inspector.demo.acceptance import _demo_key

    for short in ("123", "nine-char"):
        with pytest.raises(UserError, match="至少需要 10 个字符"):
            keys.create_key(store, name="王建国", passphrase=short)
    with pytest.raises(UserError, match="演示数据公开使用的口令"):
        keys.create_key(store, name="王建国", passphrase=keys.DEMO_PASSPHRASE)
    with pytest.raises(UserError, match="很容易被猜中"):
        keys.create_key(store, name="王建国", passphrase="aaaaaaaaaaaa")
    assert not keys.has_key(store)
    _demo_key(store.data_dir)  # what the demo signs its records with
    demo_p12 = store.data_dir / "keys" / "demo" / "demo.p12"
    assert stat.S_IMODE(demo_p12.stat().st_mode) == 0o600
    with pytest.raises(UserError, match="演示证书"):
        keys.import_key(store, data=demo_p12.read_bytes(), passphrase=keys.DEMO_PASSPHRASE, new_passphrase=PASS)
    assert not keys.has_key(store)


def test_import_with_a_short_office_passphrase_needs_a_new_one(data_dir, tmp_path):
    from tests.reports.forgery import StationCA

    p12 = tmp_path / "office.p12"
    p12.write_bytes(StationCA().issue_p12("马晓燕", "short-1"))
    env_run = dict(os.environ, OLD="short-1", NEW="马晓燕在城西区的签名口令")
    import subprocess
    import sys

    from tests.conftest import REPO

    def cli(*args: str):
        return subprocess.run([sys.executable, "-m", "inspector", *args, "--data-dir", str(data_dir)],
                              capture_output=True, text=True, env=env_run, cwd=REPO, timeout=120)

    refused = cli("keys", "import", str(p12), "--passphrase-env", "OLD")
    assert refused.returncode == 1 and "请为本机设置一个新口令" in refused.stderr
    assert not (data_dir / "keys" / keys.P12_NAME).exists()
    done = cli("keys", "import", str(p12), "--passphrase-env", "OLD", "--new-passphrase-env", "NEW")
    assert done.returncode == 0, done.stderr
    shown = run_main("keys", "show", data_dir=data_dir).stdout
    assert "马晓燕（机构颁发）" in shown and "PBMAC1 600,000" in shown
    stored = (data_dir / "keys" / keys.P12_NAME).read_bytes()
    assert pkcs12.load_key_and_certificates(stored, "马晓燕在城西区的签名口令".encode())[1] is not None
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(stored, b"short-1")
