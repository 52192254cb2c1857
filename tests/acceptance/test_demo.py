"""The demo's acceptance records: signed and verifiable (demo certificate), blocked one blocked,
idempotent, and the user's own key untouched."""

from __future__ import annotations

from inspector.demo.acceptance import add_acceptance_demo
from inspector.demo.seed import demo_id, ensure_demo
from inspector.services import acceptance as acc
from inspector.services import handover as hand
from inspector.services import keys, records


def test_demo_acceptances(tmp_path, demo_copy):
    from inspector.store import Actor, open_workspace

    store = open_workspace(demo_copy(tmp_path / "data"), Actor("测试监督员"))
    ensure_demo(store)  # already there: nothing added
    cz, cx, cd = (demo_id("project", k) for k in ("CZ-02", "CX-02", "CD-02"))
    [a] = acc.list_acceptances(store, project_id=cz)
    assert a.locked and a.conclusion == "合格" and "演示证书" in a.signer_name
    [h] = hand.list_handovers(store, project_id=cz)
    assert h.locked and h.acceptance_id == a.id and len(h.facilities) == 3
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
