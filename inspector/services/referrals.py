"""移送: the findings the station refers to the authority that can investigate and punish them
(`Finding.refer_to`: 住建执法 / 市场监管 / 人社 / 园林绿化), one 案件线索移送函 per authority and
inspection. A finding only for referral (移送处理) leaves the rectification loop as 已移送; one that
is also to be rectified stays on its notice and is listed on the referral too.

Signing goes through `record_signing.py` like every record (kind "referral")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.domain import Finding, Inspection, Project, Referral, ReferralFinding
from inspector.domain.clock import china_today
from inspector.domain.kinds import RECORD_KINDS
from inspector.domain.rules import rectification as rules
from inspector.domain.vocab import REFERRAL_AUTHORITY_NAMES, ReferralAuthority, RequiredAction
from inspector.services.changes import Changes
from inspector.services.errors import UserError, ValidationError
from inspector.services.lookup import live
from inspector.services.numbering import next_number
from inspector.store import Reader, Unit, use_case

LABEL = RECORD_KINDS["referral"].label
_CHANGED = ("referrals", "referral_findings", "findings")
_TEXT = {"authority_name": 200, "facts": 4000, "evidence": 4000}


@dataclass(frozen=True)
class ReferralRow:
    id: str
    project_id: str
    inspection_id: str | None
    referral_no: str
    authority: str
    authority_name: str
    issued_on: dt.date
    facts: str
    evidence: str
    findings: tuple[str, ...]  # "FB-05 描述" per listed finding
    locked: bool
    signer_name: str
    locked_at: dt.datetime | None

    @property
    def title(self) -> str:
        return f"{LABEL} {self.referral_no}"


def _listed(s: Session, referral_id: str) -> list[Finding]:
    return list(s.scalars(select(Finding).join(ReferralFinding, ReferralFinding.finding_id == Finding.id)
                          .where(ReferralFinding.referral_id == referral_id, ReferralFinding.deleted.is_(False))
                          .order_by(ReferralFinding.position, Finding.id)))


@use_case
def refer_findings(uow: Unit, *, inspection_id: str, finding_ids: list[str] | None = None,
                   issued_on: dt.date | None = None) -> tuple[list[str], Changes]:
    """A 案件线索移送函 per authority for the inspection's findings marked for referral (or the
    given ones) that no referral lists yet. Findings only for referral become 已移送."""
    issued_on = issued_on or china_today()
    s = uow.session
    insp = live(s, Inspection, inspection_id, "检查记录")
    q = select(Finding).where(Finding.inspection_id == inspection_id, Finding.deleted.is_(False),
                              Finding.refer_to != "")
    if finding_ids:
        q = q.where(Finding.id.in_(finding_ids))
    listed = set(s.scalars(select(ReferralFinding.finding_id).where(ReferralFinding.deleted.is_(False))))
    findings = [f for f in s.scalars(q.order_by(Finding.checklist_item, Finding.id)) if f.id not in listed]
    if not findings:
        raise UserError("没有需要移送的问题（问题须标明移送部门，且尚未移送）")
    by_authority: dict[str, list[Finding]] = {}
    for f in findings:
        by_authority.setdefault(f.refer_to, []).append(f)
    ids = []
    for authority, rows in by_authority.items():
        r = Referral(project_id=insp.project_id, inspection_id=insp.id, authority=authority,
                     authority_name=REFERRAL_AUTHORITY_NAMES.get(authority, authority), issued_on=issued_on,
                     facts="", evidence=_default_evidence(insp), status="draft")
        r.referral_no = next_number(s, "referral", issued_on.year, r)
        s.add(r)
        for pos, f in enumerate(rows):
            s.add(ReferralFinding(referral_id=r.id, finding_id=f.id, position=pos))
            if f.action == RequiredAction.REFER.value and f.status == "open":
                problem = rules.finding_transition_error(f.status, "referred")
                if problem:
                    raise UserError(problem)
                f.status = "referred"
        ids.append(r.id)
    return ids, Changes.of(*_CHANGED, ids=ids)


def _default_evidence(insp: Inspection) -> str:
    return f"监督检查记录 {insp.record_no} 及其现场照片（复印件）" if insp.record_no else "现场检查照片（复印件）"


@use_case
def update_referral(uow: Unit, *, referral_id: str, values: dict[str, Any]) -> Changes:
    """Edit the receiving office, the facts and the evidence list of an unsigned referral."""
    unknown = set(values) - set(_TEXT)
    if unknown:
        raise ValidationError({k: f"不能修改字段“{k}”" for k in unknown})
    problems = {}
    clean = {}
    for k, v in values.items():
        v = (v or "").strip()
        if len(v) > _TEXT[k]:
            problems[k] = f"内容过长（最多 {_TEXT[k]} 字）"
        clean[k] = v
    if "authority_name" in clean and not clean["authority_name"]:
        problems["authority_name"] = "请填写接收移送的部门名称"
    if problems:
        raise ValidationError(problems)
    r = live(uow.session, Referral, referral_id, LABEL)
    for k, v in clean.items():
        setattr(r, k, v)
    return Changes.of("referrals", ids=[referral_id])


def _row(s: Session, r: Referral) -> ReferralRow:
    listed = tuple(f"{f.checklist_item} {f.description}".strip() for f in _listed(s, r.id))
    return ReferralRow(r.id, r.project_id, r.inspection_id, r.referral_no, r.authority, r.authority_name,
                       r.issued_on, r.facts, r.evidence, listed, r.locked_at is not None, r.signer_name or "",
                       r.locked_at)


def list_referrals(store: Reader, *, inspection_id: str | None = None,
                   project_id: str | None = None) -> list[ReferralRow]:
    q = select(Referral).where(Referral.deleted.is_(False))
    if inspection_id:
        q = q.where(Referral.inspection_id == inspection_id)
    if project_id:
        q = q.where(Referral.project_id == project_id)
    with store.read() as s:
        return [_row(s, r) for r in s.scalars(q.order_by(Referral.issued_on, Referral.referral_no))]


def get_referral(store: Reader, referral_id: str) -> ReferralRow:
    with store.read() as s:
        return _row(s, live(s, Referral, referral_id, LABEL))


def signing_problems(store: Reader, *, referral_id: str) -> list[str]:
    """What must hold before a referral is signed: findings listed, the receiving office named."""
    with store.read() as s:
        r = live(s, Referral, referral_id, LABEL)
        if r.locked_at is not None:
            return [f"{LABEL}已签署锁定"]
        problems = []
        if r.authority not in {a.value for a in ReferralAuthority}:
            problems.append(f"移送部门“{r.authority}”无效")
        if not r.authority_name.strip():
            problems.append("请填写接收移送的部门名称")
        listed = _listed(s, r.id)
        if not listed and r.amends_id:  # a correction lists what its original listed
            listed = _listed(s, r.amends_id)
        if not listed:
            problems.append("移送函没有列入任何问题，不能签发")
        if s.get(Project, r.project_id) is None:
            problems.append("项目不存在")
        return problems
