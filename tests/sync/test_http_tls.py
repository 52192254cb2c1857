"""TLS: the laptop verifies the office's certificate; an office with its own CA is reached with the
CA file the administrator hands out, and an unknown certificate is refused in plain Chinese."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl

import pytest

from inspector.services import account
from inspector.services import sync as sync_svc
from tests.sync.real_office import RealOffice


def _pki(folder):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(name("测试监督站 CA")).issuer_name(name("测试监督站 CA"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(name("127.0.0.1")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(ca_key, hashes.SHA256()))
    paths = {n: folder / f"{n}.pem" for n in ("ca", "cert", "key")}
    paths["ca"].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths["cert"].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths["key"].write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    return paths


@pytest.fixture
def tls_office(tmp_path):
    """`inspector-office serve --tls-cert … --tls-key …` with a certificate from the office's own CA."""
    pki = _pki(tmp_path)
    office = RealOffice(tmp_path, "--tls-cert", str(pki["cert"]), "--tls-key", str(pki["key"]))
    office.start(health_url_scheme="https", verify=ssl.create_default_context(cafile=str(pki["ca"])))
    yield f"https://127.0.0.1:{office.port}", pki
    office.close()


def test_the_office_certificate_is_verified_against_the_ca_file(tls_office, make_laptop):
    url, pki = tls_office
    ws = make_laptop("a")
    with pytest.raises(account.LoginFailed, match="证书无法验证") as exc:
        account.login(ws, url, "li", "secret-1")
    assert "向管理员索取证书文件" in str(exc.value)
    acct = account.login(ws, url, "li", "secret-1", ca_file=str(pki["ca"]))
    assert acct.signed_in and ws.get_setting(account.CA_FILE) == str(pki["ca"].resolve())
    result = sync_svc.sync_now(ws)  # the sync uses the same CA file
    assert result.pulled == 1 and result.changes.kinds == {"users"}  # the office's own user row for li
    assert sync_svc.status(ws).last_error == ""
