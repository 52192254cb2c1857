"""`inspector verify` as an attacker meets it: every forged or damaged variant of a real signed record
exits 1 and never says 签名：完整; the genuine file exits 0. Real PDFs, forged with pyHanko; the first
check of each case runs `inspector verify` as a real process, its variants (--no-store,
--allow-untrusted) through the same entry point in-process to keep the suite fast; pdfsig is asked
too where it has an opinion."""

from __future__ import annotations

import subprocess

import pytest

from inspector.services import records
from tests.conftest import run_cli, run_main
from tests.reports import builders as b
from tests.reports import forgery
from tests.reports.conftest import PASS, nss_db_for

OK_LINE = "签名：完整"


@pytest.fixture
def genuine(store, project, signing_key, tmp_path):
    aid = b.make_acceptance(store, project, attendees=3)
    records.sign_record(store, kind="acceptance", record_id=aid, passphrase=PASS)
    pdf = records.signed_pdf(store, kind="acceptance", record_id=aid)
    (tmp_path / "genuine.pdf").write_bytes(pdf)
    return pdf


def _verify(data_dir, tmp_path, name: str, pdf: bytes, *extra: str):
    """The first call for a file runs a real process; repeated calls for it run in-process."""
    path = tmp_path / name
    fresh = not path.exists() or path.read_bytes() != pdf
    path.write_bytes(pdf)
    proc = (run_cli if fresh else run_main)("verify", str(path), *extra, data_dir=data_dir)
    return proc, proc.stdout


def test_genuine_record_verifies_with_and_without_the_store(data_dir, tmp_path, genuine):
    for extra in ((), ("--no-store",)):
        proc, out = _verify(data_dir, tmp_path, "g.pdf", genuine, *extra)
        assert proc.returncode == 0, out + proc.stderr
        assert OK_LINE in out and "第 1 个签名（共 1 个）：完整" in out and "签名覆盖：整个文件" in out
        assert "受信任：本机的监督员签名证书" in out


def test_byte_flipped_in_signed_range(data_dir, tmp_path, genuine):
    pos = genuine.index(b"stream\n", len(genuine) // 4) + 40
    bad = genuine[:pos] + bytes([genuine[pos] ^ 1]) + genuine[pos + 1:]
    for extra in ((), ("--no-store",), ("--allow-untrusted",)):
        proc, out = _verify(data_dir, tmp_path, "flip.pdf", bad, *extra)
        assert proc.returncode == 1 and OK_LINE not in out and "摘要不符" in out


@pytest.mark.parametrize("change_content", [False, True])
def test_incremental_update_without_a_new_signature(data_dir, tmp_path, genuine, change_content):
    bad = forgery.append_update(genuine, change_content=change_content)
    assert bad.startswith(genuine)  # the signed bytes are all still there
    for extra in ((), ("--no-store",), ("--allow-untrusted",)):
        proc, out = _verify(data_dir, tmp_path, "upd.pdf", bad, *extra)
        assert proc.returncode == 1, out
        assert OK_LINE not in out and f"又被追加了 {len(bad) - len(genuine)} 字节" in out


@pytest.mark.parametrize("change_content", [False, True])
def test_update_re_signed_by_a_self_made_key_named_like_the_inspector(store, data_dir, tmp_path, genuine,
                                                                     signing_key, change_content):
    attacker = forgery.attacker_key("王建国")
    forged = forgery.resign(forgery.append_update(genuine, change_content=change_content), attacker)
    for extra in ((), ("--no-store",)):
        proc, out = _verify(data_dir, tmp_path, "forged.pdf", forged, *extra)
        assert proc.returncode == 1, out
        assert OK_LINE not in out
        assert "第 2 个签名（共 2 个）" in out and "签署人（证书自称）：王建国" in out
        assert attacker.info.fingerprint in out and "不受信任：自签名证书" in out
    # The store knows the record and its file: this is not it.
    res = records.verify_pdf(store, tmp_path / "forged.pdf")
    assert res.matches_store is False and "不一致" in res.store_note and not res.ok
    if change_content:  # the first signature's content was changed under it: not even --allow-untrusted
        assert "签署之后文件内容又被修改" in out
        proc, out = _verify(data_dir, tmp_path, "forged.pdf", forged, "--no-store", "--allow-untrusted")
        assert proc.returncode == 1
    # pdfsig, trusting the real inspector only, does not vouch for the second signer either.
    nss = nss_db_for(signing_key.pem, tmp_path)
    sig = subprocess.run(["pdfsig", "-nssdir", nss, str(tmp_path / "forged.pdf")], capture_output=True,
                         text=True).stdout
    first, second = sig.split("Signature #2")
    assert "Certificate is Trusted" in first and "Certificate is Trusted" not in second


def test_re_signed_without_any_change_still_untrusted_with_the_store(data_dir, tmp_path, genuine):
    forged = forgery.resign(genuine, forgery.attacker_key("王建国"))
    proc, out = _verify(data_dir, tmp_path, "resigned.pdf", forged)
    assert proc.returncode == 1 and OK_LINE not in out
    assert "签名：未受信任" in out and "“王建国”" in out and "与库中该记录的已签署文件不一致" in out


@pytest.mark.parametrize("keep", [0.5, 0.98])
def test_truncated_file(data_dir, tmp_path, genuine, keep):
    bad = genuine[: int(len(genuine) * keep)]
    for extra in ((), ("--no-store",), ("--allow-untrusted",)):
        proc, out = _verify(data_dir, tmp_path, "cut.pdf", bad, *extra)
        assert proc.returncode == 1 and OK_LINE not in out, out
        assert "签名：无效" in out


def test_swapped_certificate(data_dir, tmp_path, genuine, signing_key):
    """An attacker signs with their own key but shows the inspector's real certificate, so that the
    file carries the inspector's name and fingerprint: swapped into a finished signature, or named
    as the signer from the start (signer info and signed attributes point at it)."""
    attacker = forgery.attacker_key("攻击者")
    swapped = forgery.swap_certificate(forgery.resign(genuine, attacker), signing_key.pem)
    claimed = forgery.resign(genuine, attacker, claim_cert_pem=signing_key.pem)
    for name, forged in (("swap.pdf", swapped), ("claim.pdf", claimed)):
        for extra in ((), ("--no-store", "--allow-untrusted")):
            proc, out = _verify(data_dir, tmp_path, name, forged, *extra)
            assert proc.returncode == 1 and OK_LINE not in out, out
            assert "证书被替换" in out and "签名：无效" in out
    # The claimed signer is the inspector, fingerprint and all; only the signature value betrays it.
    assert signing_key.fingerprint in out and "签名值与所附证书不符" in out


def test_self_signed_signer_not_in_the_trust_store(data_dir, tmp_path, genuine):
    """A colleague's record, signed on another laptop with a self-signed certificate."""
    from inspector.reports.signing import sign_pdf

    colleague = forgery.attacker_key("马晓燕")
    unsigned_revision = genuine[: genuine.rindex(b"%%EOF", 0, genuine.index(b"/ByteRange")) + 6]
    pdf, _ = sign_pdf(unsigned_revision, colleague)
    proc, out = _verify(data_dir, tmp_path, "colleague.pdf", pdf, "--no-store")
    assert proc.returncode == 1 and OK_LINE not in out
    assert "签署人（证书自称）：马晓燕" in out and colleague.info.fingerprint in out
    assert "签名：未受信任" in out and "inspector trust add" in out
    proc, out = _verify(data_dir, tmp_path, "colleague.pdf", pdf, "--no-store", "--allow-untrusted")
    assert proc.returncode == 0 and "--allow-untrusted" in out and OK_LINE not in out
    # Once the inspector has checked the colleague's fingerprint and trusts the certificate:
    cert = tmp_path / "colleague.pem"
    cert.write_bytes(colleague.info.pem)
    added = run_cli("trust", "add", str(cert), "--note", "电话核对", data_dir=data_dir)
    assert added.returncode == 0 and colleague.info.fingerprint in added.stdout
    proc, out = _verify(data_dir, tmp_path, "colleague.pdf", pdf, "--no-store")
    assert proc.returncode == 0 and OK_LINE in out and "受信任：监督站证书（手动导入）" in out
