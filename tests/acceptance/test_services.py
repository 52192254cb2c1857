"""Acceptance and handover services on the real store: preconditions, override, roles, opinions,
drawn signatures, locks, corrections."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image
from sqlalchemy import select

from inspector.domain import Acceptance, Signatory
from inspector.domain.rules import acceptance as rules
from inspector.services import acceptance as acc
from inspector.services import handover as hand
from inspector.services import record_signing as acc_records
from inspector.services import signatures
from inspector.services.errors import NotFound, UserError, ValidationError
from inspector.store.hooks import RecordLockedError
from tests.acceptance.helpers import (
    DAY,
    ROLES,
    add_attendees,
    add_batch,
    close_rectification,
    make_project,
    open_rectification,
    wave,
)


def test_open_rectification_blocks_then_closing_clears(store):
    pid = make_project(store)
    rid = open_rectification(store, pid)
    blockers = acc.check_preconditions(store, project_id=pid)
    assert [(b.code, b.kind, b.record_id) for b in blockers] == [("YS-09", "rectification", rid)]
    assert "未销项" in blockers[0].text
    with pytest.raises(acc.AcceptanceBlocked) as err:
        acc.start_acceptance(store, project_id=pid, held_on=DAY)
    assert err.value.blockers == blockers
    with store.read() as s:
        assert s.scalars(select(Acceptance)).all() == []  # refused: nothing written
    close_rectification(store, rid)
    assert acc.check_preconditions(store, project_id=pid) == []
    aid, changes = acc.start_acceptance(store, project_id=pid, held_on=DAY, organiser="城中区人民政府")
    assert changes.touches("acceptances")
    d = acc.get_acceptance(store, aid)
    assert d.blockers == () and d.override_reason == "" and d.row.record_no.startswith("宁建质监验字〔2026〕")
    assert d.location == "西宁市城中区南关街12号"  # defaults to the project address


def test_override_is_recorded_with_reason_and_who(store):
    pid = make_project(store)
    rid = open_rectification(store, pid)
    aid, _ = acc.start_acceptance(store, project_id=pid, held_on=DAY, override_reason="  居民急需入住，遗留问题限期整改 ",
                                  override_by="王区长")
    d = acc.get_acceptance(store, aid)
    assert d.override_reason == "居民急需入住，遗留问题限期整改" and d.override_by == "王区长"
    assert [b.record_id for b in d.blockers] == [rid]
    assert d.row.overridden and d.row.blockers == 1
    # Closing the notice and re-checking drops the blockers and the override with them.
    close_rectification(store, rid)
    blockers, _ = acc.recheck(store, acceptance_id=aid)
    d = acc.get_acceptance(store, aid)
    assert blockers == [] and d.blockers == () and d.override_reason == ""


def test_material_preconditions(store):
    pid = make_project(store)
    missing = add_batch(store, pid, reports=())
    ok = add_batch(store, pid, reports=("合格",))
    failed_used = add_batch(store, pid, reports=("不合格", "合格"), used=True)
    add_batch(store, pid, reports=("不合格", "合格"), used=False)  # failing but not used: passes
    blockers = acc.check_preconditions(store, project_id=pid)
    kinds = sorted((b.code, b.kind) for b in blockers)
    assert kinds == [("RF-12", "test-report"), ("YS-06", "material")]
    assert next(b for b in blockers if b.code == "YS-06").record_id == missing
    assert ok not in {b.record_id for b in blockers}
    assert "不合格" in next(b for b in blockers if b.code == "RF-12").text and failed_used


def test_missing_roles_block_signing_and_station_is_no_party(store):
    pid = make_project(store)
    aid, _ = acc.start_acceptance(store, project_id=pid, held_on=DAY)
    with pytest.raises(ValidationError) as err:
        signatures.add_signatory(store, record_kind="acceptance", record_id=aid, role="质量安全监督机构",
                                 person_name="监督员")
    assert "列席" in str(err.value)
    left_out = ("组织单位", "街道办事处", "设计单位", "社区居委会", "业主代表")
    add_attendees(store, aid, roles=[r for r in ROLES if r[0] not in left_out])
    acc.update_acceptance(store, acceptance_id=aid, values={"conclusion": "合格"})
    problems = acc.signing_problems(store, acceptance_id=aid)
    assert problems == ["缺少必需的验收方签字：组织单位、相关部门（县区住建部门、街道办事处等）、设计单位、"
                        "社区居委会、业主委员会或业主代表"]
    # A 街道办事处 is a 相关部门, not the residents' committee: it does not stand in for one.
    add_attendees(store, aid, roles=[r for r in ROLES if r[0] in ("组织单位", "街道办事处", "设计单位")])
    assert acc.signing_problems(store, acceptance_id=aid) == [
        "缺少必需的验收方签字：社区居委会、业主委员会或业主代表"]
    add_attendees(store, aid, roles=[r for r in ROLES if r[0] in ("社区居委会", "业主代表")])
    assert acc.signing_problems(store, acceptance_id=aid) == []


def test_opinions_and_conclusion_must_agree(store):
    pid = make_project(store)
    aid, _ = acc.start_acceptance(store, project_id=pid, held_on=DAY)
    ids = add_attendees(store, aid)
    with pytest.raises(ValidationError):
        signatures.update_signatory(store, signatory_id=ids[2], values={"opinion": "不合格"})  # no reasons
    ch = signatures.update_signatory(store, signatory_id=ids[2], values={"opinion": "不合格", "reasons": "外墙空鼓"})
    assert ch.extra["signature_cleared"]  # the old signature attested 合格
    signatures.sign(store, signatory_id=ids[2], strokes=wave())
    acc.update_acceptance(store, acceptance_id=aid, values={"conclusion": "合格"})
    problems = acc.signing_problems(store, acceptance_id=aid)
    assert len(problems) == 1 and "意见不一致" in problems[0] and "施工单位 张项目" in problems[0]
    acc.update_acceptance(store, acceptance_id=aid, values={"conclusion": "整改后复验"})
    assert acc.signing_problems(store, acceptance_id=aid) == []


def test_checks_validated_and_printed(store):
    pid = make_project(store)
    aid, _ = acc.start_acceptance(store, project_id=pid, held_on=DAY)
    with pytest.raises(ValidationError) as err:
        acc.set_check(store, acceptance_id=aid, row="subunits", field_name="ok", value=-1)
    assert "subunits.ok" in err.value.problems
    acc.set_check(store, acceptance_id=aid, row="subunits", field_name="total", value=8)
    with pytest.raises(ValidationError) as err:
        acc.set_check(store, acceptance_id=aid, row="subunits", field_name="ok", value=9)
    assert "不能多于" in str(err.value)
    acc.set_check(store, acceptance_id=aid, row="subunits", field_name="ok", value=7)
    acc.set_check(store, acceptance_id=aid, row="functional", field_name="给水管道试压", value="不合格")
    d = acc.get_acceptance(store, aid)
    assert d.checks == {"subunits": {"total": 8, "ok": 7}, "functional": {"给水管道试压": "不合格"}}
    rows = dict(rules.check_rows(d.checks))
    assert rows["分部(子项)工程"] == "共8项，符合设计及标准7项"
    assert "给水管道试压：不合格" in rows["功能性试验"] and "消防联动试验：未做" in rows["功能性试验"]
    text = " ".join(rules.checks_contradict_pass(d.checks))
    assert "未全部符合" in text and "功能性试验不合格" in text


def test_signature_png_is_rendered_stored_and_deterministic(store):
    pid = make_project(store)
    aid, _ = acc.start_acceptance(store, project_id=pid, held_on=DAY)
    sid, _ = signatures.add_signatory(store, record_kind="acceptance", record_id=aid, role="施工单位",
                                      person_name="张项目")
    with pytest.raises(ValidationError, match="验收意见"):
        signatures.sign(store, signatory_id=sid, strokes=wave())  # opinion first
    signatures.update_signatory(store, signatory_id=sid, values={"opinion": "合格"})
    with pytest.raises(ValidationError, match="签名为空"):
        signatures.sign(store, signatory_id=sid, strokes=[[[0.5, 0.5, 0]]])
    with pytest.raises(ValidationError):
        signatures.sign(store, signatory_id=sid, strokes=[[["x", 1, 0]]])
    signatures.sign(store, signatory_id=sid, strokes=wave())
    snap = signatures.list_signatories(store, record_kind="acceptance", record_id=aid)[0]
    png = store.blobs.read(snap.signature_sha256)
    img = Image.open(io.BytesIO(png))
    assert img.size == signatures.PNG_SIZE and img.mode == "RGBA"
    alpha = img.getchannel("A")
    inked = sum(alpha.histogram()[129:])
    assert 500 < inked < 20000  # a visible line, not a filled box
    assert signatures.render_png(signatures.normalise_strokes(wave())) == png
    assert signatures.get_strokes(store, signatory_id=sid) == signatures.normalise_strokes(wave())
    signatures.clear_signature(store, signatory_id=sid)
    assert not signatures.list_signatories(store, record_kind="acceptance", record_id=aid)[0].signed


def _lock(store, model, record_id):
    """What the records service does on signing (tests that do not need a PDF)."""
    with store.write() as s:
        row = s.get(model, record_id)
        row.locked_at, row.status, row.signer_name = dt.datetime.now(dt.UTC), "signed", "测试监督员"


def test_handover_requires_signed_passing_acceptance(store):
    pid = make_project(store)
    with pytest.raises(UserError, match="须先完成并签署竣工联合验收记录|验收合格后方可移交"):
        hand.start_handover(store, project_id=pid, handed_on=DAY)
    aid, _ = acc.start_acceptance(store, project_id=pid, held_on=DAY)
    add_attendees(store, aid)
    acc.update_acceptance(store, acceptance_id=aid, values={"conclusion": "整改后复验"})
    _lock(store, Acceptance, aid)
    with pytest.raises(UserError, match="整改后复验"):
        hand.start_handover(store, project_id=pid, handed_on=DAY)
    cid, _ = acc_records.create_correction(store, kind="acceptance", record_id=aid)
    acc.update_acceptance(store, acceptance_id=cid, values={"conclusion": "合格"})
    with pytest.raises(UserError, match="验收合格后方可移交"):  # the correction is not signed yet
        hand.start_handover(store, project_id=pid, handed_on=DAY)
    for sid in (x.id for x in acc.get_acceptance(store, cid).signatories):
        signatures.sign(store, signatory_id=sid, strokes=wave())
    assert acc.signing_problems(store, acceptance_id=cid) == []
    _lock(store, Acceptance, cid)
    with pytest.raises(UserError, match="不能早于联合验收日期"):
        hand.start_handover(store, project_id=pid, handed_on=DAY - dt.timedelta(days=1))
    hid, _ = hand.start_handover(store, project_id=pid, handed_on=DAY + dt.timedelta(days=3),
                                 receiver="南关街社区居委会", witness="南关街街道办事处")
    d = hand.get_handover(store, hid)
    assert d.acceptance_id == cid and d.giver == "城中区住房和城乡建设局"
    assert [x.role for x in d.signatories] == ["移交方", "接收方", "见证方"]
    # The warranty starts at the passed acceptance and names the real contractor and its registered
    # 项目负责人 (no phone registered: it stays blank to fill in), never “项目经理”.
    assert d.warranty == {"from": DAY.isoformat(), "unit": "青海安居建设有限公司", "contact": "张项目"}
    hand.update_handover(store, handover_id=hid, values={
        "facilities": [{"name": "楼道声控灯", "quantity": "48盏", "condition": "完好"}, {"name": ""}],
        "keys": [{"name": "单元门禁卡", "quantity": "12张"}],
        "warranty": {"unit": "青海安居建设有限公司", "from": "2026-09-01", "to": "2031-08-31", "phone": "0971-8888888"},
        "maintenance": "由社区物业服务中心负责日常维护"})
    with pytest.raises(ValidationError):
        hand.update_handover(store, handover_id=hid, values={"warranty": {"from": "2026-09-01", "to": "2025-01-01"}})
    with pytest.raises(ValidationError):
        hand.update_handover(store, handover_id=hid, values={"documents": [{"location": "档案室"}]})
    d = hand.get_handover(store, hid)
    assert len(d.facilities) == 1 and d.facilities[0]["quantity"] == "48盏"
    problems = hand.signing_problems(store, handover_id=hid)
    assert problems == ["移交方尚未签字", "接收方尚未签字", "见证方尚未签字", "移交方：请填写签字人姓名",
                        "接收方：请填写签字人姓名", "见证方：请填写签字人姓名"]
    for x, name in zip(d.signatories, ("李建设", "刘主任", "周主任"), strict=True):
        signatures.update_signatory(store, signatory_id=x.id, values={"person_name": name})
        signatures.sign(store, signatory_id=x.id, strokes=wave())
    assert hand.signing_problems(store, handover_id=hid) == []


def test_locked_record_and_its_attendees_refuse_changes(store):
    pid = make_project(store)
    aid, _ = acc.start_acceptance(store, project_id=pid, held_on=DAY)
    ids = add_attendees(store, aid)
    _lock(store, Acceptance, aid)
    with pytest.raises(RecordLockedError):
        acc.update_acceptance(store, acceptance_id=aid, values={"problems": "改一下"})
    with pytest.raises(RecordLockedError):
        signatures.update_signatory(store, signatory_id=ids[0], values={"phone": "110"})
    with pytest.raises(RecordLockedError):
        signatures.add_signatory(store, record_kind="acceptance", record_id=aid, role="设计单位", person_name="x")
    cid, _ = acc_records.create_correction(store, kind="acceptance", record_id=aid)
    with pytest.raises(UserError, match="未签署的更正版本"):
        acc_records.create_correction(store, kind="acceptance", record_id=aid)
    d = acc.get_acceptance(store, cid)
    assert d.amends_id == aid and d.row.amends_no == acc.get_acceptance(store, aid).row.record_no
    assert len(d.signatories) == len(ROLES) and not any(x.signed for x in d.signatories)
    assert acc.get_acceptance(store, aid).corrected_by == (d.row.record_no,)
    with store.read() as s:  # the original keeps its signed attendees
        assert all(r.signature_sha256 for r in s.scalars(select(Signatory).where(Signatory.record_id == aid)))


def test_unknown_records_and_fields(store):
    with pytest.raises(NotFound):
        acc.check_preconditions(store, project_id="nope")
    pid = make_project(store)
    aid, _ = acc.start_acceptance(store, project_id=pid, held_on=DAY)
    with pytest.raises(ValidationError):
        acc.update_acceptance(store, acceptance_id=aid, values={"locked_at": None})
    with pytest.raises(ValidationError):
        acc.update_acceptance(store, acceptance_id=aid, values={"conclusion": "优秀"})
    with pytest.raises(ValidationError):
        signatures.add_signatory(store, record_kind="acceptance", record_id=aid, role="施工单位", phone="abc")
