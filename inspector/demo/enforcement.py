"""The demo's 移送 and closing evidence: the 案件线索移送函 for the demo's referable finding (FB-09 at
CX-01: the project manager employed and insured elsewhere, referred to 住建执法), and a 整改回复单
with each item's photos before and after (CD-01's scaffold boards), both signed with the demo
certificate. Runs inside the demo's unit of work."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from sqlalchemy import select

from inspector.domain import Finding, Rectification, RectificationReply
from inspector.store import Unit, use_case

log = logging.getLogger(__name__)


def _id(kind: str, key: str) -> str:
    from inspector.demo.seed import demo_id

    return demo_id(kind, key)


@use_case
def add_enforcement_demo(uow: Unit) -> list[str]:
    """The demo referral and the reply with before/after photos, each signed. Returns their ids."""
    from inspector.demo.acceptance import sign_with_demo_key
    from inspector.demo.checklists import _demo_photo
    from inspector.services import referrals
    from inspector.services.photos import attach_file

    s = uow.session
    made: list[str] = []
    referable = s.get(Finding, _id("finding", "CX-01:-10:7"))
    if referable is not None and referable.refer_to:
        ids, _changes = referrals.refer_findings(uow, inspection_id=referable.inspection_id,
                                                 finding_ids=[referable.id],
                                                 issued_on=s.get(Rectification, referable.rectification_id).issued_on
                                                 if referable.rectification_id else None)
        for rid in ids:
            referrals.update_referral(uow, referral_id=rid, values={
                "facts": "经查，施工单位提供的项目负责人社会保险缴费记录显示其近3个月养老保险由另一企业缴纳，"
                         "与施工单位未订立劳动合同，涉嫌《建筑工程施工发包与承包违法行为认定查处管理办法》第八条"
                         "第一款第（三）项所列转包情形。",
                "evidence": "1. 监督检查记录（复印件）；2. 项目负责人社保缴费记录（复印件）；3. 现场照片2张。"})
            sign_with_demo_key(uow, "referral", rid)
            made.append(rid)
    reply = s.get(RectificationReply, _id("reply", "CD-01:-90"))
    if reply is not None and reply.locked_at is None:
        findings = s.scalars(select(Finding).where(Finding.rectification_id == reply.rectification_id)).all()
        with tempfile.TemporaryDirectory(prefix="inspector-demo-") as tmp:
            for n, f in enumerate(findings):
                for k, role in enumerate(("整改前", "整改后")):
                    path = Path(tmp) / f"reply-{n}-{k}.jpg"
                    _demo_photo(path, f"{role} {f.checklist_item}\n{f.location}", 40 + n * 2 + k)
                    attach_file(uow, path=path, target_kind="reply", target_id=reply.id, item_id=f.id, role=role)
        sign_with_demo_key(uow, "reply", reply.id)
        made.append(reply.id)
    log.info("demo referral and reply evidence: %d records", len(made))
    return made
