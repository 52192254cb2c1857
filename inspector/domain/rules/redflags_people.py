"""Red flags about people and firms: a 总监 on several active projects (RF-19), a key person with
no employment relation to the contractor (RF-20), a key person absent from too many inspections
(RF-21), one phone number behind several "independent" firms (RF-25). Pure functions over the plain
inputs of `redflag_inputs`; `redflags.compute` runs them with the rest."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from inspector.domain.rules.attendance import tally
from inspector.domain.rules.redflag_inputs import InspectionIn, PartyIn, PersonIn, ProjectIn
from inspector.domain.rules.redflags import (
    ACTIVE_PROJECT_STATUSES,
    EXCLUSIVE_ROLES,
    RedFlag,
    Subject,
    Thresholds,
    _d,
    _flag,
    _span,
    flag_key,
    norm,
)

CHIEF = "总监理工程师"
CONTRACTOR = "施工单位"

# One template per sentence (shown in the interface language by `ui/texts.py`, which matches a shown
# sentence back to its template); adjacent values are kept apart so a sentence reads back one way.
MESSAGES = {
    "chief": "总监理工程师 {name} 同时在{count}个在建项目任职：{projects}。同时担任多个项目总监的，{limit}，"
             "请核查书面同意和到岗情况。",
    "chief_reg": "总监理工程师 {name}（注册号 {registration_no}）同时在{count}个在建项目任职：{projects}。"
                 "同时担任多个项目总监的，{limit}，请核查书面同意和到岗情况。",
    "chief_over": "已超过3项的上限",
    "chief_consent": "须逐项取得建设单位书面同意，且最多不得超过3项",
    "no_contract_or_insurance": "{party}的{role} {name} 经 {day} 核查，没有劳动合同，也没有施工单位缴纳的社会保险。"
                                "二者均无，又不能合理解释并提供证明的，按发承包办法第八条第（三）项推定为转包。",
    "no_contract": "{party}的{role} {name} 经 {day} 核查，没有劳动合同。请施工单位说明原因并提供证明。",
    "no_insurance": "{party}的{role} {name} 经 {day} 核查，没有施工单位缴纳的社会保险。请施工单位说明原因并提供证明。",
    "absent": "{role} {name} 在本项目{recorded}次检查中到岗{present}次，到岗率 {rate}%，低于 {least}%。"
              "关键人员长期不在岗的，可能未对施工活动进行组织管理，请核查。",
    "contact_phone": "联系电话",
    "complaint_phone": "投诉电话",
    "person_phone": "{role} {name} 的电话",
    "phone_use": "{role}“{name}”（{how}）",
    "shared_phone": "电话 {phone} 同时是{n}家单位的联系方式：{uses}。互相独立的单位共用一个电话，可能是挂靠或同一实际控制人，请核实。",
}


def _m(key: str, **values: object) -> str:
    return MESSAGES[key].format(**values)


def _project_label(p: ProjectIn) -> str:
    return f"{p.code} {p.name}"


def chief_on_several_projects(persons: Sequence[PersonIn], projects: dict[str, ProjectIn],
                              th: Thresholds) -> list[RedFlag]:
    """RF-19: one 总监理工程师 (same registration number, else same name) on more active projects
    with overlapping dates than the threshold allows (default: more than one). Holding up to three
    is lawful only with each 建设单位's written consent, so from the second one it is a lead."""
    groups: dict[tuple[str, ...], list[PersonIn]] = defaultdict(list)
    for p in persons:
        proj = projects.get(p.project_id)
        if p.role != CHIEF or proj is None or proj.status not in ACTIVE_PROJECT_STATUSES:
            continue
        groups[("reg", norm(p.registration_no)) if norm(p.registration_no) else ("name", norm(p.name))].append(p)
    flags = []
    for group in groups.values():
        spans = {p.id: _span(p, projects[p.project_id]) for p in group}
        overlapping = {a.id for a in group for b in group if a.project_id != b.project_id
                       and spans[a.id][0] <= spans[b.id][1] and spans[b.id][0] <= spans[a.id][1]}
        members = [p for p in group if p.id in overlapping]
        count = len({p.project_id for p in members})
        if count <= th.chief_max_projects:
            continue
        who = members[0]
        names = "、".join(_project_label(projects[pid]) for pid in sorted({p.project_id for p in members}))
        limit = _m("chief_over") if count > 3 else _m("chief_consent")
        msg = (_m("chief_reg", name=who.name, registration_no=who.registration_no, count=count, projects=names,
                  limit=limit) if who.registration_no else
               _m("chief", name=who.name, count=count, projects=names, limit=limit))
        key = flag_key("RF-19", overlapping)
        for pid in sorted({p.project_id for p in members}):
            subjects = [Subject("person", p.id, f"{p.role} {p.name}") for p in members if p.project_id == pid]
            subjects += [Subject("project", o, _project_label(projects[o]))
                         for o in sorted({p.project_id for p in members} - {pid})]
            flags.append(_flag("RF-19", key, pid, msg, ("FB-28b", "FB-28c"), subjects))
    return flags


def no_employment_relation(persons: Sequence[PersonIn], parties: dict[str, PartyIn]) -> list[RedFlag]:
    """RF-20: a contractor's key person whose HR evidence was checked (verified_on set) and lacks a
    labour contract or paid social insurance. Both missing is the presumption of 发承包办法8(三)."""
    flags = []
    for p in persons:
        party = parties.get(p.party_id)
        if p.role not in EXCLUSIVE_ROLES or p.verified_on is None or party is None or party.role != CONTRACTOR:
            continue
        contract, insurance = p.labour_contract_verified, p.social_insurance_verified
        if contract and insurance:
            continue
        key = "no_contract" if insurance else "no_insurance" if contract else "no_contract_or_insurance"
        flags.append(_flag("RF-20", flag_key("RF-20", [p.id]), p.project_id,
                           _m(key, party=party.name, role=p.role, name=p.name, day=_d(p.verified_on)),
                           ("FB-09", "FB-11", "FB-12", "FB-13a"), [Subject("person", p.id, f"{p.role} {p.name}")]))
    return flags


def low_attendance(persons: Sequence[PersonIn], inspections: Sequence[InspectionIn], th: Thresholds) -> list[RedFlag]:
    """RF-21: a key person present at fewer than the threshold share of the project's inspections
    that recorded them (at least `attendance_min_inspections` such inspections, to avoid noise)."""
    by_project: dict[str, list[InspectionIn]] = defaultdict(list)
    for i in inspections:
        by_project[i.project_id].append(i)
    flags = []
    for p in persons:
        if p.role not in (*EXCLUSIVE_ROLES, CHIEF):
            continue
        a = tally((i.attendance or {} for i in by_project[p.project_id]), [p.id])
        if a.recorded < th.attendance_min_inspections or a.rate is None or a.rate >= th.attendance_min_rate:
            continue
        flags.append(_flag("RF-21", flag_key("RF-21", [p.id]), p.project_id,
                           _m("absent", role=p.role, name=p.name, recorded=a.recorded, present=a.present,
                              rate=f"{a.rate:g}", least=f"{th.attendance_min_rate:g}"),
                           ("FB-14", "FB-28b") if p.role == CHIEF else ("FB-14",),
                           [Subject("person", p.id, f"{p.role} {p.name}")]))
    return flags


_NOT_DIGIT = re.compile(r"\D")


def phone_key(raw: str | None) -> str:
    """A phone number as its digits (a leading +86 dropped), "" when too short to be one: what makes
    two firms' numbers the same (RF-25)."""
    digits = _NOT_DIGIT.sub("", raw or "")
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits if len(digits) >= 7 else ""


def shared_phone(parties: Sequence[PartyIn], persons: Sequence[PersonIn], projects: dict[str, ProjectIn]) -> list[RedFlag]:
    """RF-25: one phone number given as the contact of two or more different firms (a firm is the
    same across projects by credit code, else by name), whether as the firm's phone or a person's."""
    party_by_id = {p.id: p for p in parties}
    uses: dict[str, list[tuple[PartyIn, str]]] = defaultdict(list)  # phone -> (firm, how it is used)
    for p in parties:
        for raw, how in ((p.contact_phone, _m("contact_phone")), (p.complaint_phone, _m("complaint_phone"))):
            if phone_key(raw):
                uses[phone_key(raw)].append((p, how))
    for person in persons:
        party = party_by_id.get(person.party_id)
        if party is not None and phone_key(person.phone):
            uses[phone_key(person.phone)].append((party, _m("person_phone", role=person.role, name=person.name)))
    flags = []
    for phone, found in uses.items():
        firms = {(norm(p.credit_code) or norm(p.name)): p for p, _ in found}
        if len(firms) < 2:
            continue
        shown = "、".join(_m("phone_use", role=p.role, name=p.name, how=how) for p, how in found)
        msg = _m("shared_phone", phone=phone, n=len(firms), uses=shown)
        key = flag_key("RF-25", sorted({p.id for p, _ in found}))
        for pid in sorted({p.project_id for p, _ in found}):
            proj = projects.get(pid)
            label = _project_label(proj) if proj else pid
            flags.append(_flag("RF-25", key, pid, msg, ("FB-26", "FB-20"), [Subject("project", pid, label)]))
    return flags
