"""The trust store: a record signed on another laptop with a certificate the station's CA issued
verifies as trusted once the CA certificate is trusted (by `inspector trust add`, or handed over by
the office through `add_trusted_cert`), and as untrusted before and after; bad certificates are
refused and change nothing; the laptop's own certificates stay trusted across a key change."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from inspector.services import keys, records
from inspector.services.errors import UserError
from inspector.store import Actor, open_workspace
from inspector.store.trust import TrustError, add_trusted_cert, list_trusted
from tests.conftest import run_cli, run_main
from tests.reports import builders as b
from tests.reports import forgery
from tests.reports.conftest import PASS, nss_db_for

OFFICE_PASS = "office-issued-口令-2027"


@pytest.fixture
def station():
    return forgery.StationCA()


@pytest.fixture
def other_laptop_pdf(tmp_path, station):
    """Laptop B: the key the office issued (imported), a record signed with it."""
    other = open_workspace(tmp_path / "laptop-b", Actor("马晓燕"))
    try:
        info = keys.import_key(other, data=station.issue_p12("马晓燕", OFFICE_PASS), passphrase=OFFICE_PASS)
        assert not info.self_signed
        aid = b.make_acceptance(other, b.make_project(other), attendees=2)
        records.sign_record(other, kind="acceptance", record_id=aid, passphrase=OFFICE_PASS)
        path = tmp_path / "from-laptop-b.pdf"
        path.write_bytes(records.signed_pdf(other, kind="acceptance", record_id=aid))
        # On the laptop that signed it, its own certificate vouches for it.
        res = records.verify_pdf(other, path)
        assert res.ok and res.last.trust_note == "受信任：本机的监督员签名证书"
    finally:
        other.close()
    return path


def test_station_ca_trusted_by_cli_then_removed(data_dir, tmp_path, station, other_laptop_pdf):
    before = run_cli("verify", str(other_laptop_pdf), "--no-store", data_dir=data_dir)
    assert before.returncode == 1 and "签名：未受信任" in before.stdout
    assert "不受信任：证书不是由本机信任的监督站证书签发" in before.stdout
    ca = tmp_path / "station-ca.pem"
    ca.write_bytes(station.pem)
    added = run_cli("trust", "add", str(ca), "--note", "监督站公布的指纹已核对", data_dir=data_dir)
    assert added.returncode == 0, added.stderr
    assert station.fingerprint in added.stdout and "CA 证书" in added.stdout
    listing = run_main("trust", "list", data_dir=data_dir).stdout
    assert station.fingerprint in listing and "监督站公布的指纹已核对" in listing
    after = run_cli("verify", str(other_laptop_pdf), "--no-store", data_dir=data_dir)
    assert after.returncode == 0, after.stdout
    assert "签名：完整" in after.stdout and "受信任：由“西宁市老旧小区改造质量安全监督站 CA”签发" in after.stdout
    # pdfsig agrees, given the same CA: the chain is in the signature.
    nss = nss_db_for(station.pem, tmp_path)
    sig = subprocess.run(["pdfsig", "-nssdir", nss, str(other_laptop_pdf)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in sig and "Certificate is Trusted." in sig
    removed = run_main("trust", "remove", station.fingerprint[:12], data_dir=data_dir)
    assert removed.returncode == 0 and "已不再信任" in removed.stdout
    again = run_main("verify", str(other_laptop_pdf), "--no-store", data_dir=data_dir)
    assert again.returncode == 1 and "签名：完整" not in again.stdout


def test_ca_handed_over_by_the_office_at_sign_in(store, data_dir, station, other_laptop_pdf):
    """What the sync client will do at sign-in: store.trust.add_trusted_cert(..., source="office")."""
    assert not records.verify_pdf(None, other_laptop_pdf, data_dir=data_dir).trusted
    entry = add_trusted_cert(data_dir, station.pem, source="office")
    assert entry.is_ca and entry.source_label == "监督站证书（登录时由监督站下发）"
    assert add_trusted_cert(data_dir, station.pem, source="office") == entry  # idempotent
    res = records.verify_pdf(store, other_laptop_pdf)
    assert res.trusted and res.intact and res.covers_file
    assert res.matches_store is False and not res.ok  # trusted, but not a record of this store
    assert "登录时由监督站下发" in res.last.trust_note


def _expired_cert() -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "过期的监督站 CA")])
    then = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(then).not_valid_after(then + dt.timedelta(days=365))
            .sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM)


def test_bad_certificates_are_refused_and_change_nothing(data_dir, tmp_path, station):
    cases = {"key.p12": station.issue_p12("某人", OFFICE_PASS), "page.pem": b"<html>404</html>",
             "expired.pem": _expired_cert(), "bundle-with-expired.pem": station.pem + _expired_cert()}
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        proc = (run_cli if name == "key.p12" else run_main)("trust", "add", str(path), data_dir=data_dir)
        assert proc.returncode == 1 and proc.stderr.startswith("错误："), (name, proc.stderr)
        assert list_trusted(data_dir) == [], name
    assert "“过期的监督站 CA”已于 2020-12-31 过期" in proc.stderr
    with pytest.raises(TrustError, match="不是 X.509 证书"):
        add_trusted_cert(data_dir, b"garbage", source="office")
    with pytest.raises(TrustError, match="未知的证书来源"):
        add_trusted_cert(data_dir, station.pem, source="anyone")
    proc = run_main("trust", "remove", "abc", data_dir=data_dir)
    assert proc.returncode == 1 and "至少前 8 位" in proc.stderr
    assert list_trusted(data_dir) == []


def test_own_certificates_stay_trusted_across_a_key_change(store, data_dir, tmp_path, project, signing_key):
    first = b.make_acceptance(store, project, attendees=1)
    records.sign_record(store, kind="acceptance", record_id=first, passphrase=PASS)
    old_pdf = tmp_path / "old.pdf"
    old_pdf.write_bytes(records.signed_pdf(store, kind="acceptance", record_id=first))
    new_info = keys.create_key(store, name="王建国", passphrase="换了新证书的口令2027", replace=True)
    assert new_info.fingerprint != signing_key.fingerprint
    res = records.verify_pdf(store, old_pdf)
    assert res.ok and "本机" in res.last.trust_note
    own = {c.fingerprint for c in list_trusted(data_dir) if c.source == "own"}
    assert own == {signing_key.fingerprint, new_info.fingerprint}
    with pytest.raises(UserError, match="本机当前的签名证书"):
        from inspector.services import trust

        trust.remove(data_dir, new_info.fingerprint)
    proc = run_main("trust", "remove", signing_key.fingerprint[:16], data_dir=data_dir)
    assert proc.returncode == 0
    assert not records.verify_pdf(store, old_pdf).trusted  # the user chose to stop trusting it
