"""Findings go to the party that owes the duty; notices go one per responsible party; items marked
for referral (移送) produce a 案件线索移送函 to the named authority, signed and locked like any
record, instead of a place on an ordinary notice."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import select

from inspector.domain import Finding, Referral, ReferralFinding
from inspector.domain.rules.duty import duty_role
from inspector.services import findings as fsvc
from inspector.services import inspections as svc
from inspector.services import keys, record_signing, records, referrals
from inspector.services.errors import UserError
from inspector.services.projects import save_party
from inspector.store.hooks import RecordLockedError

from .conftest import answer_all

PASS = "监督员的签名口令2026"

TODAY = dt.date(2026, 5, 11)


@pytest.fixture
def lab(store, project) -> str:
    pid, _ = save_party(store, project_id=project["id"], fields={"role": "检测单位", "name": "西宁某检测有限公司"})
    return pid


def failed(store, registry, project, ids: tuple[str, ...], fail: set[str]) -> str:
    iid, _ = svc.start_inspection(store, project_id=project["id"], kind="专项检查",
                                  checklists=[registry.checklists[c] for c in ids])
    answer_all(store, iid, fail=fail)
    fsvc.findings_from_failed(store, inspection_id=iid, today=TODAY)
    return iid


def test_duty_rule() -> None:
    # The issue's list: the 建设单位 for FB-01/02/05/07, GS-01, YS-10; the lab for TR-*; else the contractor.
    for item in ("FB-01", "FB-02", "FB-05", "FB-07", "GS-01", "YS-10"):
        assert duty_role(item) == "建设单位", item
    assert duty_role("TR-15a") == duty_role("TR-03") == "检测单位"
    assert duty_role("XC-10") == duty_role("FB-09") == duty_role("") == "施工单位"
    assert duty_role("FB-28b") == "监理单位"  # 质量条例37: the chief supervisor is the 监理单位's duty


def test_findings_address_the_party_that_owes_the_duty(store, registry, project, lab) -> None:
    iid = failed(store, registry, project, ("illegal-contracting", "test-report-authenticity"),
                 {"FB-01", "FB-08a", "TR-02"})
    by_item = {f.checklist_item: f for f in fsvc.list_findings(store, inspection_id=iid)}
    assert by_item["FB-01"].responsible_party_id == project["owner"]
    assert by_item["FB-08a"].responsible_party_id == project["contractor"]
    assert by_item["TR-02"].responsible_party_id == lab
    # A by-hand finding on an item defaults the same way.
    fid, _ = fsvc.add_finding(store, project_id=project["id"], inspection_id=iid, description="未公示投诉电话",
                              checklist_item="GS-01", today=TODAY)
    assert next(f for f in fsvc.list_findings(store) if f.id == fid).responsible_party_id == project["owner"]


def test_one_notice_per_party_and_a_mixed_one_refused(store, registry, project, lab) -> None:
    iid = failed(store, registry, project, ("illegal-contracting", "test-report-authenticity"),
                 {"FB-01", "FB-08a", "TR-02"})
    with pytest.raises(UserError, match="分属不同的责任单位"):
        fsvc.issue_notice(store, inspection_id=iid, issued_on=TODAY)
    notices, referral_ids, _ = fsvc.issue_notices(store, inspection_id=iid, issued_on=TODAY)
    assert referral_ids == []
    details = [fsvc.get_rectification(store, n) for n in notices]
    by_party = {d.addressee_party_id: d for d in details}
    assert set(by_party) == {project["owner"], project["contractor"], lab}
    # FB-01 (no permit) stops work: the 建设单位's notice is a 停工整改通知书, numbered in its own series.
    owner = by_party[project["owner"]]
    assert owner.row.title == "停工整改通知书" and "停字" in owner.row.notice_no
    assert by_party[project["contractor"]].row.title == "责令整改通知书"
    assert [f.checklist_item for f in by_party[lab].findings] == ["TR-02"]


def test_refer_only_items_go_on_a_referral_not_on_a_notice(store, registry, project, lab) -> None:
    # FB-05 (tender not held): only referral; FB-09 (PM not employed): rectify and refer; TR-15a
    # (items never tested): referral to 市场监管; FB-08a: an ordinary notice.
    iid = failed(store, registry, project, ("illegal-contracting", "test-report-authenticity"),
                 {"FB-05", "FB-09", "FB-08a", "TR-15a"})
    by_item = {f.checklist_item: f for f in fsvc.list_findings(store, inspection_id=iid)}
    assert by_item["FB-05"].action == "移送处理" and by_item["FB-05"].refer_to == "住建执法"
    assert by_item["TR-15a"].refer_to == "市场监管" and by_item["FB-09"].refer_to == "住建执法"
    with pytest.raises(UserError, match="移送处理"):
        fsvc.issue_notice(store, inspection_id=iid, finding_ids=[by_item["FB-05"].id], issued_on=TODAY)

    notices, referral_ids, _ = fsvc.issue_notices(store, inspection_id=iid, issued_on=TODAY)
    listed = {f.checklist_item for n in notices for f in fsvc.get_rectification(store, n).findings}
    assert listed == {"FB-09", "FB-08a"}  # FB-05 and TR-15a are on no notice
    rows = {r.authority: r for r in referrals.list_referrals(store, inspection_id=iid)}
    assert set(rows) == {"住建执法", "市场监管"} and {r.id for r in rows.values()} == set(referral_ids)
    housing = rows["住建执法"]
    assert "送字〔2026〕" in housing.referral_no and housing.authority_name.startswith("住房和城乡建设")
    assert [x.split()[0] for x in housing.findings] == ["FB-05", "FB-09"]
    with store.read() as s:
        assert s.get(Finding, by_item["FB-05"].id).status == "referred"  # 已移送: out of the notice loop
        assert s.get(Finding, by_item["FB-09"].id).status == "notified"  # still to be rectified
    with pytest.raises(UserError, match="没有需要移送"):  # each finding is referred once
        referrals.refer_findings(store, inspection_id=iid)


def test_referral_record_signed_and_locked(store, registry, project, lab, tmp_path) -> None:
    iid = failed(store, registry, project, ("illegal-contracting",), {"FB-05"})
    _notices, [rid], _ = fsvc.issue_notices(store, inspection_id=iid, issued_on=TODAY)
    referrals.update_referral(store, referral_id=rid, values={"facts": "未见中标通知书", "evidence": "合同复印件"})
    text = records.record_data(store, kind="referral", record_id=rid).data
    assert text["authority_name"] and text["competence_basis"].startswith("《建设工程质量管理条例》第七十五条")
    assert "《建筑工程施工发包与承包违法行为认定查处管理办法》" in text["breached"]
    keys.create_key(store, name="王建国", passphrase=PASS, confirm=PASS)
    assert record_signing.problems_before_signing(store, kind="referral", record_id=rid) == []
    record_signing.sign(store, kind="referral", record_id=rid, passphrase=PASS)
    with store.read() as s:
        fid = s.scalars(select(Finding.id).where(Finding.inspection_id == iid)).one()
    with pytest.raises(RecordLockedError):
        with store.write() as s:
            s.get(Finding, fid).description = "改写"
            s.flush()
    with store.read() as s:
        assert s.get(Referral, rid).locked_at is not None
        listed = s.scalars(select(ReferralFinding.id).where(ReferralFinding.referral_id == rid)).one()
    with sqlite3.connect(store.path) as c:  # the triggers refuse any other tool as well
        for sql, arg in (("UPDATE referrals SET facts = 'x' WHERE id = ?", rid),
                         ("DELETE FROM referral_findings WHERE id = ?", listed),
                         ("UPDATE findings SET description = 'x' WHERE id = ?", fid)):
            with pytest.raises(sqlite3.IntegrityError, match="locked"):
                c.execute(sql, (arg,))
    path = tmp_path / "r.pdf"
    path.write_bytes(records.signed_pdf(store, kind="referral", record_id=rid))
    assert records.verify_pdf(store, path).matches_store
