"""`inspector-office` as an administrator uses it, as real processes beside the running server:
users from standard input, the list, assignment errors that say what to do, and checklist
publishing (checked as `inspector forms check` checks; a broken file publishes nothing; a published
version reaches a laptop on its next sync)."""

from __future__ import annotations

import json
import shutil

from sqlalchemy import select

from inspector.domain import ChecklistVersion
from inspector.sync.client import sync
from tests.conftest import REPO
from tests.office.server import login, office_cli


def _cli(d, *args: str, stdin: str = "", check: bool = True):
    return office_cli(*args, data_dir=d.data_dir, db_url=d.db_url, stdin=stdin, check=check)


def test_users_are_added_from_standard_input_listed_and_sign_in(deployment):
    d = deployment
    out = _cli(d, "user", "add", "cli-user", "--district", "城东区", "--full-name", "陈明", stdin="cli-secret-9\n")
    assert "已添加用户 cli-user" in out.stdout
    assert login(d.url, "cli-user", "cli-secret-9", "dev-cli").status_code == 200
    again = _cli(d, "user", "add", "cli-user", "--district", "城东区", stdin="cli-secret-9\n", check=False)
    assert again.returncode == 1 and "已存在" in again.stderr
    weak = _cli(d, "user", "add", "cli-weak", "--district", "城东区", stdin="123\n", check=False)
    assert weak.returncode == 1 and "密码至少" in weak.stderr
    nodistrict = _cli(d, "user", "add", "cli-nod", stdin="cli-secret-9\n", check=False)
    assert nodistrict.returncode == 1 and "--district" in nodistrict.stderr
    rows = [json.loads(line) for line in _cli(d, "user", "list", "--json").stdout.splitlines()]
    me = next(r for r in rows if r["login"] == "cli-user")
    assert (me["name"], me["district"], me["admin"], me["revoked"], me["devices"]) == ("陈明", "城东区", False, False, 1)
    assert not any(r["login"] in ("cli-weak", "cli-nod") for r in rows)


def test_assigning_an_unknown_project_or_user_says_what_to_do(deployment):
    d = deployment
    r = _cli(d, "assign", "NO-SUCH", "--to", "li", check=False)
    assert r.returncode == 1 and "没有编号为 NO-SUCH 的项目" in r.stderr
    r = _cli(d, "assign", "NO-SUCH", "--to", "nobody", check=False)
    assert r.returncode == 1 and "user add" in r.stderr


def test_a_checklist_is_published_to_devices_and_a_broken_one_is_not(deployment, tmp_path):
    d = deployment
    folder = tmp_path / "forms"
    folder.mkdir()
    shutil.copy(REPO / "forms" / "citations.toml", folder)
    good = folder / "site-patrol.toml"
    good.write_text((REPO / "forms" / "site-patrol.toml").read_text(encoding="utf-8")
                    .replace("version = 2", "version = 3", 1), encoding="utf-8")
    broken = folder / "broken.toml"
    broken.write_text('id = "broken-list"\nversion = 0\ntitle = { zh = "坏表", en = "Broken" }\n'
                      '[[items]]\nid = "B-01"\ntext = "缺少答案类型"\n', encoding="utf-8")

    def versions() -> set[tuple[str, int]]:
        with d.office.workspace.read() as s:
            return {(c.checklist_id, c.version) for c in s.scalars(select(ChecklistVersion))
                    if c.published_at is not None}

    before = versions()
    r = _cli(d, "forms", "publish", str(broken), check=False)
    assert r.returncode == 1 and "未发布" in r.stdout
    lines = [line for line in r.stdout.splitlines() if line.startswith(str(broken))]
    assert lines and all(line.count(":") >= 2 for line in lines)
    assert any(":version:" in line for line in lines)
    assert versions() == before
    out = _cli(d, "forms", "publish", str(good))
    assert "已发布 site-patrol 第 3 版" in out.stdout
    assert versions() == before | {("site-patrol", 3)}
    assert "已发布过" in _cli(d, "forms", "publish", str(good)).stdout
    laptop = d.laptop("李")
    sync(laptop, d.peer(laptop, "li"))
    with laptop.read() as s:
        got = s.scalars(select(ChecklistVersion).where(ChecklistVersion.checklist_id == "site-patrol",
                                                       ChecklistVersion.version == 3)).one()
        assert got.published_at is not None and got.content["version"] == 3


def test_run_office_passes_arguments_through():
    import os
    import subprocess

    proc = subprocess.run(["bash", str(REPO / "scripts" / "run-office"), "--version"], capture_output=True,
                          text=True, timeout=900, env={**os.environ, "INSPECTOR_NO_APT": "1"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().startswith("inspector-office ")


def test_serve_speaks_https_with_a_certificate(tmp_path):
    import datetime as dt
    import ipaddress

    import httpx
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    from inspector.sync import api
    from tests.office.server import OfficeServer

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = tmp_path / "office.pem", tmp_path / "office.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    server = OfficeServer(tmp_path / "office", None, "--tls-cert", str(cert_file), "--tls-key", str(key_file))
    try:
        import ssl

        server.start(health_url_scheme="https", verify=ssl.create_default_context(cafile=str(cert_file)))
        r = httpx.get(f"https://127.0.0.1:{server.port}{api.HEALTH}",
                      verify=ssl.create_default_context(cafile=str(cert_file)))
        assert r.status_code == 200 and r.json()["ok"] is True
        one_flag = office_cli("serve", "--tls-cert", str(cert_file), data_dir=tmp_path / "o2", db_url=None, check=False)
        assert one_flag.returncode == 2 and "--tls-key" in one_flag.stderr
    finally:
        server.stop()
