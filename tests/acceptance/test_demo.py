"""The demo's acceptance records: signed and verifiable (demo certificate), blocked one blocked,
idempotent, and the user's own key untouched."""

from __future__ import annotations

from inspector.checklists.registry import load_registry
from inspector.demo.acceptance import add_acceptance_demo
from inspector.demo.seed import demo_id, ensure_demo
from inspector.services import acceptance as acc
from inspector.services import handover as hand
from inspector.services import keys, projects, records


def test_demo_acceptances(tmp_path, demo_copy):
    from inspector.store import Actor, open_workspace

    store = open_workspace(demo_copy(tmp_path / "data"), Actor("测试监督员"))
    ensure_demo(store)  # already there: nothing added
    cz, cx, cd = (demo_id("project", k) for k in ("CZ-02", "CX-02", "CD-02"))
    [a] = acc.list_acceptances(store, project_id=cz)
    assert a.locked and a.conclusion == "合格" and "演示证书" in a.signer_name
    [h] = hand.list_handovers(store, project_id=cz)
    assert h.locked and h.acceptance_id == a.id
    # Handed over what the project renovated; CZ-02's elevator with its 使用登记证号 and maintainer.
    names = {i.id: i.zh for i in load_registry().renovation_items}
    renovated = {names[i] for i in projects.get_project(store, cz).renovation_items}
    assert h.facilities and {f["name"] for f in h.facilities} <= renovated
    [lift] = [e for e in h.equipment if "电梯" in e["name"]]
    assert lift["registration_no"] and lift["maintainer"]
    assert h.warranty["unit"] != "施工单位" and h.warranty["contact"] != "项目经理" and h.warranty_items
    assert acc.list_acceptances(store, project_id=cx)[0].locked and hand.list_handovers(store, project_id=cx) == []
    [blocked] = acc.list_acceptances(store, project_id=cd)
    assert not blocked.locked and blocked.blockers >= 1
    assert any("前置条件未满足" in p for p in acc.signing_problems(store, acceptance_id=blocked.id))
    for kind, rid in (("acceptance", a.id), ("handover", h.id)):
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(records.signed_pdf(store, kind=kind, record_id=rid))
        result = records.verify_pdf(store, path)
        assert result.intact and result.matches_store and result.record_id == rid
        # Signed with the demo certificate: intact, but nobody vouches for it — not an official record.
        assert not result.trusted and not result.ok and "自签名证书" in result.last.trust_note
        assert "演示证书" in result.signer_name
    assert not keys.has_key(store)  # the demo certificate is not the user's key
    assert add_acceptance_demo(store).ids == frozenset()  # idempotent
    numbers = [r.record_no for p in (cz, cx, cd) for r in acc.list_acceptances(store, project_id=p)]
    assert len(set(numbers)) == 3


def test_demo_shows_the_new_records(store):
    """The demo has a signed 案件线索移送函, a signed reply with each item's photos before and after,
    an acceptance signed by the new roles with its supervisors, and a handover with its equipment."""
    from inspector.services import referrals

    ensure_demo(store)
    [referral] = [r for p in ("CX-01",) for r in referrals.list_referrals(store, project_id=demo_id("project", p))]
    assert referral.locked and referral.authority == "住建执法" and referral.findings[0].startswith("FB-09")
    reply = records.record_data(store, kind="reply", record_id=demo_id("reply", "CD-01:-90"))
    assert reply.locked
    [item] = reply.data["items"]
    assert item["before"] and item["after"] and item["measures"] and item["done_on"]
    acceptance = records.record_data(store, kind="acceptance",
                                     record_id=acc.list_acceptances(store, project_id=demo_id("project", "CZ-02"))[0].id)
    roles = {x["role"] for x in acceptance.data["signatories"]}
    assert {"组织单位", "县区住建部门", "街道办事处", "设计单位", "社区居委会", "业主代表"} <= roles
    assert [x["badge"] for x in acceptance.data["supervisors"]] == ["青建监执字第0107号", "青建监执字第0112号"]
    assert acceptance.data["checks"]["functional"]["电梯监督检验"] == "合格"  # CZ-02 added an elevator
