"""Signing locks the record and yields a PAdES PDF that pdfsig, pyHanko and `inspector verify` accept,
and that all three reject after one changed byte."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from inspector.domain import Acceptance, Signatory
from inspector.services import keys, records
from inspector.services.errors import UserError
from inspector.store.hooks import RecordLockedError
from tests.conftest import run_cli
from tests.reports import builders as b
from tests.reports.conftest import PASS, nss_db_for

PYHANKO = str(Path(sys.executable).parent / "pyhanko")


def _pdfsig(nss: str, path: Path) -> str:
    return subprocess.run(["pdfsig", "-nssdir", nss, str(path)], capture_output=True, text=True).stdout


def _pyhanko(cert: Path, path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([PYHANKO, "sign", "validate", "--pretty-print", "--no-revocation-check", "--trust-replace", "--trust",
                           str(cert), str(path)], capture_output=True, text=True)


def _flip_inside_signed_range(pdf: bytes) -> bytes:
    """Change one byte of a content stream, well inside the first signed range."""
    sig_at = pdf.index(b"/Contents <")
    pos = pdf.index(b"stream\n", len(pdf) // 4) + 40
    assert pos < sig_at
    return pdf[:pos] + bytes([pdf[pos] ^ 0x01]) + pdf[pos + 1:]


@pytest.fixture
def signed(store, project, signing_key, tmp_path):
    aid = b.make_acceptance(store, project, attendees=6)
    changes = records.sign_record(store, kind="acceptance", record_id=aid, passphrase=PASS)
    assert changes.touches("acceptances") and aid in changes.ids
    return aid


def test_signed_pdf_verifies_everywhere_and_breaks_on_one_byte(store, data_dir, signed, signing_key, tmp_path):
    pdf = records.signed_pdf(store, kind="acceptance", record_id=signed)
    good = tmp_path / "good.pdf"
    good.write_bytes(pdf)
    cert = tmp_path / "inspector.pem"
    cert.write_bytes(signing_key.pem)
    nss = nss_db_for(signing_key.pem, tmp_path)

    out = _pdfsig(nss, good)
    assert "Signature is Valid." in out and "Total document signed" in out and "王建国" in out
    val = _pyhanko(cert, good)
    assert val.returncode == 0 and "judged VALID" in val.stdout and "entire file" in val.stdout
    cli = run_cli("verify", str(good), data_dir=data_dir)
    assert cli.returncode == 0, cli.stdout + cli.stderr
    assert "完整" in cli.stdout and "王建国" in cli.stdout and "与库中已签署记录一致" in cli.stdout

    bad = tmp_path / "bad.pdf"
    bad.write_bytes(_flip_inside_signed_range(pdf))
    assert "Digest Mismatch." in _pdfsig(nss, bad)
    val = _pyhanko(cert, bad)
    assert "judged VALID" not in val.stdout
    cli = run_cli("verify", str(bad), data_dir=data_dir)
    assert cli.returncode == 1 and "已破坏" in cli.stdout
    res = records.verify_pdf(store, bad)
    assert not res.intact and res.matches_store is False and res.record_id == signed


def test_report_of_signed_record_is_the_signed_pdf(store, data_dir, signed, tmp_path):
    out = tmp_path / "out.pdf"
    proc = run_cli("report", "acceptance", signed, "--out", str(out), data_dir=data_dir)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == records.signed_pdf(store, kind="acceptance", record_id=signed)
    with store.read() as s:
        row = s.get(Acceptance, signed)
        assert row.status == "signed" and row.locked_at is not None and row.signer_name == "王建国"
        assert row.content_sha256 == records.record_data(store, kind="acceptance", record_id=signed).content_sha256


def test_locked_record_refuses_service_orm_and_raw_sql_changes(store, signed):
    with pytest.raises(UserError, match="已签署锁定"):
        records.sign_record(store, kind="acceptance", record_id=signed, passphrase=PASS)
    with pytest.raises(RecordLockedError, match="已签署锁定"):
        with store.write() as s:
            s.get(Acceptance, signed).conclusion = "不合格"
    with pytest.raises(RecordLockedError, match="已签署锁定"):
        with store.write() as s:
            sig = s.query(Signatory).filter_by(record_id=signed).first()
            sig.opinion = "不合格"
    con = sqlite3.connect(store.path)
    with pytest.raises(sqlite3.IntegrityError, match="signed and locked"):
        con.execute("UPDATE acceptances SET conclusion = '不合格' WHERE id = ?", (signed,))
    with pytest.raises(sqlite3.IntegrityError, match="signed and locked"):
        con.execute("DELETE FROM signatories WHERE record_id = ?", (signed,))
    con.close()
    with store.read() as s:
        assert s.get(Acceptance, signed).conclusion == "合格"
        assert s.query(Signatory).filter_by(record_id=signed).count() == 6


def test_wrong_passphrase_signs_nothing(store, project, signing_key):
    aid = b.make_acceptance(store, project, attendees=2)
    blobs_before = sorted(p.name for p in store.blobs.root.rglob("*") if p.is_file())
    with pytest.raises(UserError, match="口令不正确"):
        records.sign_record(store, kind="acceptance", record_id=aid, passphrase="错误的口令")
    with store.read() as s:
        row = s.get(Acceptance, aid)
        assert row.locked_at is None and row.pdf_sha256 is None and row.status == "draft"
    assert sorted(p.name for p in store.blobs.root.rglob("*") if p.is_file()) == blobs_before


def test_sign_without_key_asks_for_one(store, project):
    aid = b.make_acceptance(store, project, attendees=1)
    with pytest.raises(UserError, match="尚未设置签名证书"):
        records.sign_record(store, kind="acceptance", record_id=aid, passphrase=PASS)


def test_amend_makes_unlocked_copy_without_signatures(store, signed):
    new_id = records.amend(store, kind="acceptance", record_id=signed)
    with store.read() as s:
        new = s.get(Acceptance, new_id)
        assert new.amends_id == signed and new.locked_at is None and new.status == "draft"
        sigs = s.query(Signatory).filter_by(record_kind="acceptance", record_id=new_id).all()
        assert len(sigs) == 6 and all(x.signature_sha256 is None and x.strokes is None for x in sigs)
        assert s.get(Acceptance, signed).locked_at is not None
    with store.write() as s:  # the correction is editable
        s.get(Acceptance, new_id).conclusion = "整改后复验"
    with pytest.raises(UserError, match="尚未签署"):
        records.amend(store, kind="acceptance", record_id=new_id)


def test_reply_and_inspection_sign_and_lock(store, project, signing_key, photos_dir):
    iid = b.make_inspection(store, project, [b.read_photo(photos_dir, "orient_3.jpg")])
    rid = b.make_rectification(store, project, iid)
    reply = b.make_reply(store, rid)
    for kind, rec in (("reply", reply), ("inspection", iid)):
        records.sign_record(store, kind=kind, record_id=rec, passphrase=PASS)
        assert records.sign_state(store, kind=kind, record_id=rec).locked
    con = sqlite3.connect(store.path)
    with pytest.raises(sqlite3.IntegrityError, match="signed and locked"):
        con.execute("UPDATE rectification_replies SET measures = 'x' WHERE id = ?", (reply,))
    with pytest.raises(sqlite3.IntegrityError, match="signed and locked"):
        con.execute("UPDATE answers SET value = 'yes' WHERE inspection_id = ?", (iid,))
    con.close()
    new = records.amend(store, kind="inspection", record_id=iid)
    text = records.record_data(store, kind="inspection", record_id=new).data
    assert [c["counts"] for c in text["checklists"]] == [{"pass": 2, "fail": 2, "na": 1, "open": 0}]


def test_import_pkcs12_checks_passphrase(store, tmp_path):
    from inspector.reports.signing import make_self_signed

    p12, info = make_self_signed("马晓燕", "office-issued-1")
    with pytest.raises(UserError, match="口令不正确"):
        keys.import_key(store, data=p12, passphrase="wrong-pass")
    assert not keys.has_key(store)
    with pytest.raises(UserError, match="不是有效的 PKCS#12"):
        keys.import_key(store, data=b"not a certificate", passphrase="x")
    got = keys.import_key(store, data=p12, passphrase="office-issued-1")
    assert got.fingerprint == info.fingerprint and keys.key_info(store).name == "马晓燕"
    with pytest.raises(UserError, match="已有签名证书"):
        keys.create_key(store, name="王建国", passphrase=PASS)


def test_create_key_validates_input(store):
    with pytest.raises(UserError, match="至少需要"):
        keys.create_key(store, name="王建国", passphrase="123")
    with pytest.raises(UserError, match="不一致"):
        keys.create_key(store, name="王建国", passphrase=PASS, confirm=PASS + "x")
    with pytest.raises(UserError, match="姓名"):
        keys.create_key(store, name=" ", passphrase=PASS)
    assert not keys.has_key(store)


def test_tampered_stored_pdf_is_reported_not_exported(store, data_dir, signed, tmp_path):
    """Someone edits the signed PDF inside the data folder: `report`, save and preview refuse it."""
    from inspector.services import record_signing

    sha = records.sign_state(store, kind="acceptance", record_id=signed).pdf_sha256
    blob = store.blobs.path(sha)
    data = bytearray(blob.read_bytes())
    data[len(data) // 2] ^= 0x01
    blob.write_bytes(bytes(data))
    out = tmp_path / "out.pdf"
    proc = run_cli("report", "acceptance", signed, "--out", str(out), data_dir=data_dir)
    assert proc.returncode == 1 and "签署原件已被改动或损坏" in proc.stderr and str(blob) in proc.stderr
    assert not out.exists() and not out.with_name("out.pdf.part").exists()
    with pytest.raises(UserError, match="不能作为签署原件导出"):
        record_signing.save_pdf(store, kind="acceptance", record_id=signed, path=out)
    with pytest.raises(UserError, match="已被改动"):
        record_signing.preview(store, kind="acceptance", record_id=signed)
    assert not out.exists()
    blob.unlink()
    proc = run_cli("report", "acceptance", signed, "--out", str(out), data_dir=data_dir)
    assert proc.returncode == 1 and "签署原件缺失" in proc.stderr and not out.exists()
