"""移交: handing the renovated community over to the residents' or owners' committee, after a
passing, signed joint acceptance (YS-17, RF-35). What was handed over (facilities from the
renovated items, documents, keys, equipment with the elevators' 使用登记证号), the utility networks
handed to their 专营单位, the warranty (the real contractor and its project manager, each item's
period from the acceptance: 质量条例40), the maintenance arrangement, open issues and the three
sides' drawn signatures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.domain import Acceptance, Handover, Party, Person, Project, Signatory
from inspector.domain.clock import china_today
from inspector.domain.rules import acceptance as rules
from inspector.domain.rules import handover as items_rules
from inspector.domain.vocab import PartyRole
from inspector.services import signatures
from inspector.services.acceptance import latest_signed
from inspector.services.changes import Changes
from inspector.services.errors import UserError, ValidationError
from inspector.services.lookup import live
from inspector.services.numbering import next_number
from inspector.store import Reader, Unit, use_case

_CHANGED = ("handovers", "signatories")
_TEXT = {"giver": 200, "receiver": 200, "witness": 200, "maintenance": 4000, "open_issues": 4000}
LISTS = ("facilities", "documents", "keys")
# The lists with their own columns (name first: a row without a name is not kept).
ITEM_LISTS: dict[str, tuple[str, ...]] = {
    "warranty_items": ("item", "scope", "period", "from", "to", "basis"),
    "equipment": ("name", "model", "serial", "location", "maintainer", "registration_no", "valid_to", "note"),
    "utility_assets": ("name", "location", "quantity", "receiver", "note"),
}
WARRANTY_KEYS = ("unit", "from", "to", "contact", "phone")
EDITABLE = frozenset({"handed_on", "receiver_kind", "warranty", *LISTS, *ITEM_LISTS, *_TEXT})


@dataclass(frozen=True)
class HandoverDetail:
    id: str
    project_id: str
    record_no: str
    acceptance_id: str | None
    acceptance_no: str
    acceptance_held_on: dt.date | None
    handed_on: dt.date | None
    giver: str
    receiver_kind: str
    receiver: str
    witness: str
    facilities: tuple[dict, ...]
    documents: tuple[dict, ...]
    keys: tuple[dict, ...]
    warranty: dict[str, str]
    maintenance: str
    open_issues: str
    locked: bool
    locked_at: dt.datetime | None
    signer_name: str
    amends_id: str | None
    pdf_sha256: str | None
    signatories: tuple[signatories.SignatorySnap, ...] = ()
    warranty_items: tuple[dict, ...] = ()
    equipment: tuple[dict, ...] = ()
    utility_assets: tuple[dict, ...] = ()

    @property
    def state(self) -> str:
        return "已签署锁定" if self.locked else "草稿"


def _handover(s: Session, handover_id: str) -> Handover:
    h = live(s, Handover, handover_id, "移交记录")
    return h


def _precondition(s: Session, project_id: str, handed_on: dt.date | None) -> Acceptance:
    acc = latest_signed(s, project_id)
    problem = rules.handover_precondition(
        acceptance_locked=acc is not None, acceptance_conclusion=acc.conclusion if acc else "",
        acceptance_held_on=acc.held_on if acc else None, handed_on=handed_on)
    if problem:
        raise UserError(problem)
    assert acc is not None
    return acc


@use_case
def start_handover(uow: Unit, *, project_id: str, handed_on: dt.date | None = None,
                   receiver_kind: str = "社区居委会", receiver: str = "", giver: str = "",
                   witness: str = "") -> tuple[str, Changes]:
    """Open a handover record on the project's signed, passing acceptance, with the three sides
    (移交方, 接收方, 见证方) ready to sign. Refused without such an acceptance (YS-17)."""
    if receiver_kind not in rules.RECEIVER_KINDS:
        raise ValidationError({"receiver_kind": "接收方应为 " + " / ".join(rules.RECEIVER_KINDS)})
    s = uow.session
    live(s, Project, project_id, "项目")
    acc = _precondition(s, project_id, handed_on)
    if handed_on is None:  # today, but never before the acceptance it rests on
        handed_on = max(china_today(), acc.held_on or dt.date.min)
    h = Handover(project_id=project_id, acceptance_id=acc.id, handed_on=handed_on,
                 receiver_kind=receiver_kind, receiver=receiver.strip(), witness=witness.strip(),
                 documents=[], keys=[], status="draft",
                 record_no=next_number(s, "handover", (handed_on or china_today()).year), **prefill(s, project_id, acc))
    if giver.strip():
        h.giver = giver.strip()
    s.add(h)
    for i, (side, org) in enumerate(zip(rules.HANDOVER_SIDES, (h.giver, h.receiver, h.witness), strict=True)):
        s.add(Signatory(record_kind="handover", record_id=h.id, position=i + 1, role=side,
                                   organisation=org))
    return h.id, Changes.of(*_CHANGED, ids=[h.id, project_id])


def prefill(s: Session, project_id: str, acc: Acceptance) -> dict[str, Any]:
    """What a new handover starts with, from the project: the giver (建设单位), the facilities and
    utility networks and equipment of its renovated items, each item's warranty period from the
    passed acceptance, and the warranty's party and person (the real contractor and its 项目负责人;
    blank to fill in where the project does not record them)."""
    project = s.get(Project, project_id)
    parties = {p.role: p for p in s.scalars(select(Party).where(Party.project_id == project_id,
                                                                Party.deleted.is_(False)).order_by(Party.name))}
    owner = parties.get(PartyRole.OWNER.value)
    items = list(project.renovation_items or [])
    names = _item_names()
    return {"giver": owner.name if owner else "", "facilities": items_rules.facilities(items, names),
            "warranty": _warranty(s, parties, acc),
            "warranty_items": items_rules.warranty_items(items, acc.held_on, names),
            "equipment": items_rules.equipment(items, project.elevators),
            "utility_assets": items_rules.utility_assets(items, {r: p.name for r, p in parties.items()}, names)}


def _item_names() -> dict[str, str]:
    """Renovation item id -> its Chinese name in the catalogue."""
    from inspector.checklists.registry import load_registry

    return {item.id: item.zh for item in load_registry().renovation_items}


def _warranty(s: Session, parties: dict[str, Party], acc: Acceptance) -> dict[str, str]:
    """The warranty as the contractor gives it: its name, its registered 项目负责人 and phone, from
    the passed acceptance; what the project does not record stays blank to be filled in."""
    out = {"from": acc.held_on.isoformat()} if acc.held_on else {}
    contractor = parties.get(PartyRole.CONTRACTOR.value)
    if contractor is None:
        return out
    out["unit"] = contractor.name
    pm = s.scalars(select(Person).where(Person.party_id == contractor.id, Person.role == "项目负责人",
                                        Person.deleted.is_(False)).order_by(Person.name)).first()
    if pm is not None:
        out["contact"] = pm.name
        if pm.phone:
            out["phone"] = pm.phone
    elif contractor.contact_person:
        out["contact"] = contractor.contact_person
        if contractor.contact_phone:
            out["phone"] = contractor.contact_phone
    return out


def _clean_rows(name: str, items: Any, keys: tuple[str, ...]) -> list[dict[str, str]]:
    if not isinstance(items, list | tuple):
        raise ValidationError({name: "清单格式错误"})
    out = []
    for i, item in enumerate(items, 1):
        if not isinstance(item, dict) or set(item) - set(keys):
            raise ValidationError({name: f"清单第 {i} 行格式错误"})
        row = {k: str(item.get(k) or "").strip()[:200] for k in keys}
        if not any(row.values()):
            continue
        if not row[keys[0]]:
            raise ValidationError({name: f"清单第 {i} 行：请填写名称"})
        for k in ("maintainer", "receiver"):
            if items_rules.placeholder(row.get(k, "")):
                raise ValidationError({name: f"清单第 {i} 行：“{row[k]}”不是单位名称，请填写全称或留空待填"})
        out.append(row)
    return out


def _clean_list(name: str, items: Any) -> list[dict[str, str]]:
    if not isinstance(items, list | tuple):
        raise ValidationError({name: "清单格式错误"})
    keys = {k for k, _label in rules.LIST_FIELDS}
    out = []
    for i, item in enumerate(items, 1):
        if not isinstance(item, dict) or set(item) - keys:
            raise ValidationError({name: f"清单第 {i} 行格式错误"})
        row = {k: str(item.get(k) or "").strip()[:200] for k in keys}
        if not any(row.values()):
            continue  # an empty row the user added and left
        if not row["name"]:
            raise ValidationError({name: f"清单第 {i} 行：请填写名称"})
        out.append(row)
    return out


def _clean_warranty(w: Any) -> dict[str, str]:
    if not isinstance(w, dict) or set(w) - set(WARRANTY_KEYS):
        raise ValidationError({"warranty": "保修信息格式错误"})
    clean = {k: str(w.get(k) or "").strip()[:200] for k in WARRANTY_KEYS if str(w.get(k) or "").strip()}
    problems = rules.warranty_problems(clean)
    # 保修单位：施工单位 / 联系人：项目经理 says nothing: the real party and person, or blank to fill in.
    for key, what in (("unit", "保修单位应填写单位全称"), ("contact", "联系人应填写姓名")):
        if items_rules.placeholder(clean.get(key, "")):
            problems[f"warranty.{key}"] = f"“{clean[key]}”不是名称：{what}，或留空待填"
    phone = clean.get("phone", "")
    if phone and not all(c.isdigit() or c in "-+ ()" for c in phone):
        problems["warranty.phone"] = "保修联系电话只能包含数字和 - + ( )"
    if problems:
        raise ValidationError(problems)
    return clean


@use_case
def update_handover(uow: Unit, *, handover_id: str, values: dict[str, Any]) -> Changes:
    unknown = set(values) - EDITABLE
    if unknown:
        raise ValidationError({k: f"不能修改字段“{k}”" for k in unknown})
    clean: dict[str, Any] = {}
    for k, v in values.items():
        if k in _TEXT:
            v = (v or "").strip()
            if len(v) > _TEXT[k]:
                raise ValidationError({k: f"内容过长（最多 {_TEXT[k]} 字）"})
        elif k in LISTS:
            v = _clean_list(k, v)
        elif k in ITEM_LISTS:
            v = _clean_rows(k, v, ITEM_LISTS[k])
        elif k == "warranty":
            v = _clean_warranty(v)
        elif k == "receiver_kind" and v not in rules.RECEIVER_KINDS:
            raise ValidationError({k: "接收方应为 " + " / ".join(rules.RECEIVER_KINDS)})
        elif k == "handed_on" and v is not None and not isinstance(v, dt.date):
            raise ValidationError({k: "移交日期应为日期"})
        clean[k] = v
    s = uow.session
    h = _handover(s, handover_id)
    if "handed_on" in clean and clean["handed_on"] is not None:
        acc = s.get(Acceptance, h.acceptance_id) if h.acceptance_id else None
        if acc and acc.held_on and clean["handed_on"] < acc.held_on:
            raise ValidationError({"handed_on": f"移交日期不能早于联合验收日期（{acc.held_on.isoformat()}）（RF-35）"})
    for k, v in clean.items():
        setattr(h, k, v)
    return Changes.of("handovers", ids=[handover_id])


def list_handovers(store: Reader, *, project_id: str) -> list[HandoverDetail]:
    with store.read() as s:
        ids = s.scalars(select(Handover.id).where(Handover.project_id == project_id, Handover.deleted.is_(False))
                        .order_by(Handover.record_no)).all()
    return [get_handover(store, i) for i in ids]


def get_handover(store: Reader, handover_id: str) -> HandoverDetail:
    with store.read() as s:
        h = _handover(s, handover_id)
        acc = s.get(Acceptance, h.acceptance_id) if h.acceptance_id else None
        d = HandoverDetail(h.id, h.project_id, h.record_no, h.acceptance_id, acc.record_no if acc else "",
                           acc.held_on if acc else None, h.handed_on, h.giver, h.receiver_kind, h.receiver,
                           h.witness, tuple(h.facilities or []), tuple(h.documents or []), tuple(h.keys or []),
                           dict(h.warranty or {}), h.maintenance, h.open_issues, h.locked_at is not None,
                           h.locked_at, h.signer_name or "", h.amends_id, h.pdf_sha256,
                           warranty_items=tuple(h.warranty_items or []), equipment=tuple(h.equipment or []),
                           utility_assets=tuple(h.utility_assets or []))
    sigs = signatures.list_signatories(store, record_kind="handover", record_id=handover_id)
    return replace(d, signatories=tuple(sigs))


def signing_problems(store: Reader, *, handover_id: str) -> list[str]:
    d = get_handover(store, handover_id)
    if d.locked:
        return ["移交记录已签署锁定"]
    problems = []
    with store.read() as s:
        acc = s.get(Acceptance, d.acceptance_id) if d.acceptance_id else None
        problem = rules.handover_precondition(
            acceptance_locked=acc is not None and acc.locked_at is not None,
            acceptance_conclusion=acc.conclusion if acc else "", acceptance_held_on=acc.held_on if acc else None,
            handed_on=d.handed_on)
    if problem:
        problems.append(problem)
    problems += rules.handover_signing_problems(signatories=[x.fact() for x in d.signatories],
                                                handed_on=d.handed_on, receiver=d.receiver, warranty=d.warranty)
    problems += items_rules.equipment_problems(d.equipment)
    for key, what in (("unit", "保修单位"), ("contact", "保修联系人")):
        if items_rules.placeholder(d.warranty.get(key, "")):
            problems.append(f"{what}“{d.warranty[key]}”不是名称，请填写实际的单位或人员")
    return problems


@use_case
def delete_handover(uow: Unit, *, handover_id: str) -> Changes:
    s = uow.session
    _handover(s, handover_id).deleted = True
    return Changes.of("handovers", ids=[handover_id])
