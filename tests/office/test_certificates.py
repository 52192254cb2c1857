"""The office as the station's CA, through the real server: at sign-in the laptop sends a request
signed by its key and receives the certificate the station issued (the key never leaves it); any
other machine that signed in trusts the station's CA and verifies the record offline; records signed
before with the self-signed certificate still verify on the laptop and say they are self-signed;
bad requests are refused and nothing is issued."""

from __future__ import annotations

import os
import subprocess
import sys

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from sqlalchemy import func, select

from inspector.domain import Acceptance, Project
from inspector.office.accounts import add_user
from inspector.office.models import IssuedCertificate
from inspector.services import account, keys, records
from inspector.store import Actor, open_workspace
from inspector.sync import api
from tests.office.conftest import PASSWORD, start_deployment
from tests.office.server import office_cli
from tests.reports import builders as b
from tests.sync.helpers import fresh_store_dir

KEY_PASS = "本机签名口令-2026-ok"
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(scope="module")
def office(request, tmp_path_factory):
    d = start_deployment(request, tmp_path_factory.mktemp("ca"), "sqlite")
    add_user(d.office, "li", PASSWORD, district="城中区", name="李淑芬", badge_no="青建监执字第0107号")
    add_user(d.office, "ma", PASSWORD, district="城中区", name="马晓燕")
    yield d
    d.server.stop()
    d.office.close()


def _issued(office) -> int:
    with office.office.reading() as s:
        return s.scalar(select(func.count()).select_from(IssuedCertificate))


def _cli(*args: str, data_dir, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "inspector", *args, "--data-dir", str(data_dir)], input=stdin,
                          capture_output=True, text=True, timeout=180, cwd=REPO,
                          env={**os.environ, "PYTHONPATH": REPO, account.NO_KEYRING_ENV: "1", **(env or {})})


def _public(p12_dir) -> bytes:
    """The laptop's public key as its current certificate names it."""
    cert = x509.load_pem_x509_certificate((p12_dir / keys.CERT_NAME).read_bytes())
    return cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def _renamed(ws, ids: dict[str, str]) -> dict[str, str]:
    with ws.write() as s:
        s.get(Project, ids["project"]).code = "XN-2026-CD-016"
    return ids


def test_sign_in_gets_the_station_certificate_and_any_signed_in_machine_verifies(office, tmp_path):
    a_dir = fresh_store_dir(tmp_path, "a")
    a = open_workspace(a_dir, Actor("李淑芬"))
    try:
        keys.create_key(a, name="李淑芬", passphrase=KEY_PASS)
        before_key = _public(keys.key_dir(a))
        old_aid = b.make_acceptance(a, _renamed(a, b.make_project(a)), attendees=2)
        with a.write() as s:  # the builders' numbers are fixed: free them for the record signed later
            s.get(Acceptance, old_aid).record_no = "西建验〔2026〕第0004号"
        records.sign_record(a, kind="acceptance", record_id=old_aid, passphrase=KEY_PASS)
        old_pdf = tmp_path / "self-signed.pdf"
        old_pdf.write_bytes(records.signed_pdf(a, kind="acceptance", record_id=old_aid))
        # Before it met the office, its own laptop trusts it and says it is self-signed.
        assert "自签名" in records.verify_pdf(a, old_pdf).last.trust_note
    finally:
        a.close()

    # `inspector login` with the key's passphrase: the station issues the certificate.
    out = _cli("login", "--server", office.url, "--user", "li", "--key-passphrase-env", "KP", data_dir=a_dir,
               stdin=PASSWORD + "\n", env={"KP": KEY_PASS})
    assert out.returncode == 0, out.stderr
    assert "监督站已为“李淑芬”签发签名证书" in out.stdout
    shown = _cli("keys", "show", data_dir=a_dir)
    assert "机构颁发" in shown.stdout and "自签名" not in shown.stdout
    assert _issued(office) == 1

    a = open_workspace(a_dir, Actor("李淑芬"))
    try:
        # The same key, now certified by the station: name and 执法证号 from the office's account.
        assert _public(keys.key_dir(a)) == before_key
        cert = x509.load_pem_x509_certificate((keys.key_dir(a) / keys.CERT_NAME).read_bytes())
        assert cert.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)[0].value == "执法证号 青建监执字第0107号"
        with office.office.reading() as s:
            row = s.scalars(select(IssuedCertificate)).one()
        assert (row.login, row.device_id) == ("li", a.device_id) and "PRIVATE" not in row.pem
        new_aid = b.make_acceptance(a, b.make_project(a), attendees=2)
        records.sign_record(a, kind="acceptance", record_id=new_aid, passphrase=KEY_PASS)
        new_pdf = tmp_path / "station-issued.pdf"
        new_pdf.write_bytes(records.signed_pdf(a, kind="acceptance", record_id=new_aid))
        # What it signed before the office still verifies here (its old certificate stays trusted).
        assert records.verify_pdf(a, old_pdf).ok
    finally:
        a.close()

    # Another laptop: untrusted before it signs in, trusted (offline) after, with no key of its own.
    c_dir = fresh_store_dir(tmp_path, "c")
    no_store = _cli("verify", str(new_pdf), "--no-store", data_dir=c_dir)
    assert no_store.returncode == 1 and "不受信任" in no_store.stdout
    signed_in = _cli("login", "--server", office.url, "--user", "ma", data_dir=c_dir, stdin=PASSWORD + "\n")
    assert signed_in.returncode == 0, signed_in.stderr
    office.server.stop()  # verification needs no office
    try:
        ok = _cli("verify", str(new_pdf), "--no-store", data_dir=c_dir)
        assert ok.returncode == 0, ok.stdout + ok.stderr
        assert "受信任" in ok.stdout and "监督站 CA" in ok.stdout
        # The self-signed record is still not trusted elsewhere, and says why.
        old = _cli("verify", str(old_pdf), "--no-store", data_dir=c_dir)
        assert old.returncode == 1 and "自签名" in old.stdout
    finally:
        office.server.start()


def _csr(key, name: str = "李淑芬") -> str:
    csr = x509.CertificateSigningRequestBuilder().subject_name(
        x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])).sign(key, hashes.SHA256())
    return csr.public_bytes(serialization.Encoding.PEM).decode("ascii")


def test_bad_requests_are_refused_and_nothing_is_issued(office, tmp_path):
    before = _issued(office)
    ws = open_workspace(fresh_store_dir(tmp_path, "x"), Actor("x"))
    token = office.token("li", ws.device_id)
    ws.close()
    good = _csr(ec.generate_private_key(ec.SECP256R1()))
    with office.client(token) as c:
        anonymous = c.post(api.CERTIFICATE, json={"csr": good}, headers={"Authorization": ""})
        assert anonymous.status_code == 401
        for body, code in (({"csr": "not a request"}, "bad_csr"), ({"csr": 42}, "bad_csr"), ([1, 2], "bad_json"),
                           ({"csr": _csr(rsa.generate_private_key(65537, 1024))}, "weak_key")):
            r = c.post(api.CERTIFICATE, json=body)
            assert r.status_code == 400 and r.json()["code"] == code, r.text
        # A request whose signature does not match its key.
        tampered = good.replace(good.splitlines()[3], good.splitlines()[3][:-4] + "AAAA")
        r = c.post(api.CERTIFICATE, json={"csr": tampered})
        assert r.status_code == 400 and r.json()["code"] == "bad_csr"
        assert c.post(api.CERTIFICATE, content=b"x" * (200 << 10)).status_code == 413
        assert _issued(office) == before
        # The name on the certificate is the account's, whatever the request asks for.
        r = c.post(api.CERTIFICATE, json={"csr": _csr(ec.generate_private_key(ec.SECP256R1()), "站长")})
        assert r.status_code == 200, r.text
        cert = x509.load_pem_x509_certificate(r.json()["certificate"].encode())
        assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "李淑芬"
        assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False
    # The CA certificate is public; its file at the office is the server user's alone.
    public = httpx.get(office.url + api.STATION_CA, timeout=30)
    assert public.status_code == 200
    # The same certificate for other office machines, from the command line (inspector trust add).
    exported = office_cli("ca", "export", data_dir=office.data_dir, db_url=office.db_url)
    assert exported.stdout == public.json()["certificate"] and "指纹" in exported.stderr
    assert oct((office.data_dir / "ca" / "station-ca.pem").stat().st_mode & 0o777) == "0o600"


def test_the_sign_in_dialog_asks_for_the_key_passphrase_only_where_it_helps(qtbot, office, tmp_path):
    from PySide6.QtCore import Qt

    from inspector.ui.context import AppContext, ChangeBus
    from inspector.ui.login_dialog import LoginDialog
    from tests.conftest import type_text

    ws = open_workspace(fresh_store_dir(tmp_path, "ui"), Actor("李淑芬"))
    try:
        plain = LoginDialog(AppContext(store=ws, bus=ChangeBus()))
        qtbot.addWidget(plain)
        assert plain.key_passphrase.isHidden()  # no key yet: nothing to certify
        keys.create_key(ws, name="李淑芬", passphrase=KEY_PASS)
        dialog = LoginDialog(AppContext(store=ws, bus=ChangeBus()))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert not dialog.key_passphrase.isHidden()
        dialog.server.setText(office.url)
        type_text(qtbot, dialog.user, "li")
        type_text(qtbot, dialog.password, PASSWORD)
        type_text(qtbot, dialog.key_passphrase, KEY_PASS)
        with qtbot.waitSignal(dialog.accepted, timeout=60000):
            qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        assert "签发签名证书" in dialog.account.certificate_note
        assert not keys.key_info(ws).self_signed
        again = LoginDialog(AppContext(store=ws, bus=ChangeBus()))
        qtbot.addWidget(again)
        assert again.key_passphrase.isHidden()  # already issued by the station
    finally:
        ws.close()
