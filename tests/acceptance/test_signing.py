"""Signing a joint acceptance and its handover for real: PDF, PAdES, lock, verify, correction."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from inspector.services import acceptance as acc
from inspector.services import handover as hand
from inspector.services import keys, signatures
from inspector.services import record_signing as recs
from inspector.services.errors import UserError
from inspector.store.hooks import RecordLockedError
from tests.acceptance.helpers import DAY, add_attendees, make_project, wave

PASS = "demo-pass-1"


def _ready_acceptance(store) -> tuple[str, str]:
    pid = make_project(store)
    aid, _ = acc.start_acceptance(store, project_id=pid, held_on=DAY, organiser="城中区人民政府")
    add_attendees(store, aid)
    acc.update_acceptance(store, acceptance_id=aid, values={
        "conclusion": "合格", "station_opinion": "验收组织形式、程序符合规定", "problems": "无",
        "checks": {"subunits": {"total": 6, "ok": 6}, "functional": {"给水管道试压": "合格"}}})
    return pid, aid


def test_sign_lock_verify_and_correct(store, tmp_path):
    pid, aid = _ready_acceptance(store)
    with pytest.raises(UserError, match="签名证书"):
        recs.sign(store, kind="acceptance", record_id=aid, passphrase=PASS)
    keys.create_key(store, name="测试监督员", passphrase=PASS, confirm=PASS)
    with pytest.raises(UserError):
        recs.sign(store, kind="acceptance", record_id=aid, passphrase="wrong-pass")
    assert not acc.get_acceptance(store, aid).locked  # a wrong passphrase changes nothing
    changes = recs.sign(store, kind="acceptance", record_id=aid, passphrase=PASS)
    assert changes.touches("acceptances", "projects")
    d = acc.get_acceptance(store, aid)
    assert d.locked and d.row.signer_name == "测试监督员" and d.pdf_sha256
    from inspector.services.projects import get_project
    assert get_project(store, pid).values["status"] == "已验收"

    out = recs.save_pdf(store, kind="acceptance", record_id=aid, path=tmp_path / "验收.pdf")
    result = recs.verify(store, out)
    assert result.intact and result.matches_store and result.kind == "acceptance" and result.record_id == aid
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    for word in ("联合验收", "赵总监", "业主代表", "城中区人民政府"):
        assert word in text
    sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in sig or "Digest Match" in sig

    # Locked: the service refuses edits; a correction is a new draft pointing at the original.
    with pytest.raises(RecordLockedError):
        acc.update_acceptance(store, acceptance_id=aid, values={"problems": "补充"})
    with pytest.raises(RecordLockedError):
        signatures.update_signatory(store, signatory_id=d.signatories[0].id, values={"title": "副区长"})
    cid, _ = recs.create_correction(store, kind="acceptance", record_id=aid)
    c = acc.get_acceptance(store, cid)
    assert c.amends_id == aid and not c.locked and c.row.record_no == d.row.record_no + "-更1"
    assert not any(x.signed for x in c.signatories) and len(c.signatories) == len(d.signatories)
    assert acc.get_acceptance(store, aid).locked  # the original stays

    # A tampered copy is not intact.
    data = bytearray(out.read_bytes())
    i = data.find(b"/Contents") - 200
    data[i] = (data[i] + 1) % 256
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(bytes(data))
    assert not recs.verify(store, bad).ok

    # Handover on the signed acceptance, signed in turn.
    hid, _ = hand.start_handover(store, project_id=pid, handed_on=DAY + dt.timedelta(days=5),
                                 receiver="南关街社区居委会", witness="南关街街道办事处")
    hand.update_handover(store, handover_id=hid, values={"keys": [{"name": "配电房钥匙", "quantity": "2把"}],
                                                         "warranty": {"unit": "青海安居建设有限公司", "to": "2031-09-01"}})
    for x, name in zip(hand.get_handover(store, hid).signatories, ("李建设", "刘主任", "周主任"), strict=True):
        signatures.update_signatory(store, signatory_id=x.id, values={"person_name": name})
        signatures.sign(store, signatory_id=x.id, strokes=wave())
    recs.sign(store, kind="handover", record_id=hid, passphrase=PASS)
    assert hand.get_handover(store, hid).locked
    assert get_project(store, pid).values["status"] == "已移交"
    hpdf = recs.save_pdf(store, kind="handover", record_id=hid, path=tmp_path / "移交.pdf")
    assert recs.verify(store, hpdf).ok
    htext = subprocess.run(["pdftotext", str(hpdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "配电房钥匙" in htext and "移交" in htext


def test_unsigned_record_cannot_be_signed_with_problems(store):
    pid = make_project(store)
    aid, _ = acc.start_acceptance(store, project_id=pid, held_on=DAY)
    keys.create_key(store, name="测试监督员", passphrase=PASS, confirm=PASS)
    with pytest.raises(UserError, match="缺少必需的验收方签字"):
        recs.sign(store, kind="acceptance", record_id=aid, passphrase=PASS)
    assert not acc.get_acceptance(store, aid).locked
