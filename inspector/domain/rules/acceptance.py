"""Joint acceptance (联合验收) and handover (移交) as pure rules: preconditions, required signatory
roles (RF-33), the verification rows of the record, and what must hold before signing (YS-09,
YS-11, YS-15, YS-17). Inputs are plain values, so the rules are testable without a store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from inspector.domain.rules.acceptance_tests import FUNCTIONAL_TESTS, LEGACY_TESTS
from inspector.domain.vocab import (
    RECTIFICATION_STATUS_LABELS,
    AcceptanceConclusion,
    AcceptanceRole,
    Opinion,
    TestConclusion,
)

# The sentences these rules write, one template each: records keep them in Chinese, and the
# interface shows them in its language by matching them back (inspector.ui.texts).
MESSAGES = {
    "notice_open": "{title} {notice_no} 未销项（{status}）",
    "finding_open": "问题未处理：{description}",
    "batch_untested": "{batch}：缺少合格的进场复试报告",
    "failed_used": "{batch}：检测报告 {report_no} 不合格，但该批材料已使用",
    "project_status": "项目状态为“{status}”，只有“在建”或“待验收”的项目可以组织联合验收",
    "project_parties": "项目未登记{roles}",
    "project_person": "项目未登记{party}的{role}",
    "project_permit": "项目未登记施工许可证号和许可日期",
    "project_material": "改造内容含“{item}”，但没有{material}的合格进场复试报告",
    "blocked_no_reason": "前置条件未满足（{n} 项），且未记录组织方越过的理由",
    "missing_roles": "缺少必需的验收方签字：{roles}",
    "no_name": "{role}：请填写参加人员姓名",
    "no_opinion": "{who}：未填写验收意见",
    "opinion_problem": "{who}：{problem}",
    "not_signed": "{who}：尚未签字",
    "opinion_choice": "意见应为“合格”或“不合格”",
    "fail_reason": "意见为“不合格”时须写明理由",
    "no_conclusion": "请选择综合验收结论（合格 / 不合格 / 整改后复验）",
    "disagree": "各方意见不一致：{who} 意见为不合格，不能作出合格结论；应协商后重新组织验收",
    "held_on": "请填写验收日期",
    "not_all_ok": "{row}未全部符合（{ok}/{total}），不能作出合格结论",
    "functional_failed": "功能性试验不合格：{tests}，不能作出合格结论",
    "handover_unsigned": "移交前须先完成并签署竣工联合验收记录",
    "handover_not_passed": "联合验收结论为“{conclusion}”，验收合格后方可移交",
    "handover_before": "移交日期不能早于联合验收日期（{date}）",
}


@dataclass(frozen=True)
class Blocker:
    """One unmet precondition, with the record that causes it (opened by double-click)."""

    code: str  # YS-09 rectification / YS-06 test report / red flag id
    kind: str  # record kind for open_record: rectification, finding, material, test-report, redflag
    record_id: str
    text: str

    def to_json(self) -> dict[str, str]:
        return asdict(self)

    @staticmethod
    def from_json(d: Mapping[str, Any]) -> Blocker:
        return Blocker(str(d.get("code", "")), str(d.get("kind", "")), str(d.get("record_id", "")),
                       str(d.get("text", "")))


# ---- preconditions ------------------------------------------------------------------------------

@dataclass(frozen=True)
class NoticeFact:
    id: str
    notice_no: str
    title: str
    status: str
    reissued: bool  # an escalated notice replaced by a re-issued one no longer blocks by itself


@dataclass(frozen=True)
class FindingFact:
    id: str
    description: str
    status: str
    on_notice: bool


@dataclass(frozen=True)
class BatchFact:
    id: str
    label: str  # material, spec, batch no.
    retest_required: bool
    used: bool


@dataclass(frozen=True)
class ReportFact:
    id: str
    batch_id: str | None
    report_no: str
    conclusion: str


def rectification_blockers(notices: Iterable[NoticeFact], findings: Iterable[FindingFact]) -> list[Blocker]:
    """YS-09: every station-ordered rectification closed; no finding left outside a notice."""
    out = []
    for n in notices:
        if n.status == "closed" or (n.status == "escalated" and n.reissued):
            continue
        label = RECTIFICATION_STATUS_LABELS.get(n.status, n.status)
        out.append(Blocker("YS-09", "rectification", n.id,
                           MESSAGES["notice_open"].format(title=n.title, notice_no=n.notice_no, status=label)))
    for f in findings:
        if f.status != "closed" and not f.on_notice:
            out.append(Blocker("YS-09", "finding", f.id,
                               MESSAGES["finding_open"].format(description=_short(f.description))))
    return out


def material_blockers(batches: Iterable[BatchFact], reports: Iterable[ReportFact]) -> list[Blocker]:
    """YS-06 / RF-12: each batch that requires a re-test has a passing report, and no used batch
    has a failing one."""
    by_batch: dict[str, list[ReportFact]] = {}
    for r in reports:
        if r.batch_id:
            by_batch.setdefault(r.batch_id, []).append(r)
    out = []
    for b in batches:
        mine = by_batch.get(b.id, [])
        if b.retest_required and not any(r.conclusion == TestConclusion.PASS.value for r in mine):
            out.append(Blocker("YS-06", "material", b.id, MESSAGES["batch_untested"].format(batch=b.label)))
        if b.used:
            for r in mine:
                if r.conclusion == TestConclusion.FAIL.value:
                    out.append(Blocker("RF-12", "test-report", r.id,
                                       MESSAGES["failed_used"].format(batch=b.label, report_no=r.report_no)))
    return out


# ---- the project itself ---------------------------------------------------------------------------

ACCEPTANCE_STATUSES = ("在建", "待验收")  # a project still in reserve/plan, or already accepted, is not
REQUIRED_PARTIES = ("建设单位", "施工单位", "监理单位")
REQUIRED_PERSONS = (("施工单位", "项目负责人"), ("监理单位", "总监理工程师"))
# Renovation items whose materials must arrive with a passing re-test (进场复试) before acceptance:
# item id -> (what the item is, what the material is, words that name such a material on a batch).
TESTED_MATERIALS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "roof-waterproofing": ("屋面防水", "防水材料", ("防水",)),
    "wall-insulation": ("外墙保温", "保温材料", ("保温", "聚苯", "挤塑", "岩棉", "XPS", "EPS")),
    "gas": ("燃气管线改造", "燃气管材", ("燃气管", "燃气用")),
    "power-supply": ("供电线路改造", "电线电缆", ("电缆", "电线")),
    "water-supply": ("供水管线改造", "给水管材", ("给水管", "供水管", "PPR")),
}


@dataclass(frozen=True)
class ProjectFact:
    id: str
    status: str
    permit_no: str
    permit_date: dt.date | None
    party_roles: frozenset[str]
    person_roles: frozenset[tuple[str, str]]  # (party role, person role)
    renovation_items: tuple[str, ...]
    tested_materials: tuple[str, ...]  # material names of batches with a passing report


def project_blockers(p: ProjectFact) -> list[Blocker]:
    """(Codes XM-01…05: this software's own project checks.) The project itself must be ready: under construction or awaiting acceptance, its parties and
    key people registered, its permit on record, and tested materials for what was renovated."""
    out = []
    if p.status not in ACCEPTANCE_STATUSES:
        out.append(Blocker("XM-01", "project", p.id, MESSAGES["project_status"].format(status=p.status or "未填")))
    missing = [r for r in REQUIRED_PARTIES if r not in p.party_roles]
    if missing:
        out.append(Blocker("XM-02", "project", p.id, MESSAGES["project_parties"].format(roles="、".join(missing))))
    for party, role in REQUIRED_PERSONS:
        if party in p.party_roles and (party, role) not in p.person_roles:
            out.append(Blocker("XM-03", "project", p.id, MESSAGES["project_person"].format(party=party, role=role)))
    if not p.permit_no.strip() or p.permit_date is None:
        out.append(Blocker("XM-04", "project", p.id, MESSAGES["project_permit"]))
    for item in p.renovation_items:
        if item not in TESTED_MATERIALS:
            continue
        label, material, words = TESTED_MATERIALS[item]
        if not any(w.lower() in name.lower() for name in p.tested_materials for w in words):
            out.append(Blocker("XM-05", "project-materials", p.id,
                               MESSAGES["project_material"].format(item=label, material=material)))
    return out


def required_role_names() -> list[str]:
    """The roles that must attend and sign, as printed (业主委员会或业主代表)."""
    return ["或".join(alts) for alts in REQUIRED_ROLES]


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# ---- attendees and signing ------------------------------------------------------------------------

# RF-33 / YS-11: roles that must be present and sign. Each entry is a set of alternatives. The
# joint acceptance is organised by the 县区 with the 相关部门 and the firms, together with the
# residents' committee and the owners' committee or representatives (西宁方案 三(六)); the design
# firm signs its 质量合格文件 (质量条例16(四)). A 街道办事处 is one of the 相关部门, never the
# residents' committee.
REQUIRED_ROLES: tuple[tuple[str, ...], ...] = (
    (AcceptanceRole.ORGANISER.value,),
    (AcceptanceRole.DISTRICT_BUREAU.value, AcceptanceRole.RELATED_DEPARTMENT.value,
     AcceptanceRole.STREET_OFFICE.value),
    (AcceptanceRole.OWNER.value,),
    (AcceptanceRole.CONTRACTOR.value,),
    (AcceptanceRole.SUPERVISOR.value,),
    (AcceptanceRole.DESIGN.value,),
    (AcceptanceRole.RESIDENTS_COMMITTEE.value,),
    (AcceptanceRole.OWNERS_COMMITTEE.value, AcceptanceRole.OWNER_REPRESENTATIVE.value),
)
# How the alternatives read when one is missing (the second group is "a 相关部门").
_REQUIRED_NAMES = {1: "相关部门（县区住建部门、街道办事处等）"}

# Roles an attendee may sign as. The station attends and supervises (监督意见) but is no party.
SIGNING_ROLES: tuple[str, ...] = tuple(r.value for r in AcceptanceRole if r is not AcceptanceRole.STATION)
STATION_NOT_PARTY = "质量安全监督机构列席监督，不作为验收方签字；请在“监督意见”中记录。"


@dataclass(frozen=True)
class SignatoryFact:
    role: str
    person_name: str
    opinion: str
    reasons: str
    signed: bool


def missing_roles(roles: Iterable[str]) -> list[str]:
    """Required roles with no signed attendee, as printable names (业主委员会或业主代表)."""
    have = set(roles)
    return [_REQUIRED_NAMES.get(i, "或".join(alts)) for i, alts in enumerate(REQUIRED_ROLES)
            if not have.intersection(alts)]


def opinion_problem(opinion: str, reasons: str) -> str | None:
    if opinion and opinion not in {o.value for o in Opinion}:
        return MESSAGES["opinion_choice"]
    if opinion == Opinion.FAIL.value and not reasons.strip():
        return MESSAGES["fail_reason"]
    return None


def acceptance_signing_problems(*, signatories: Sequence[SignatoryFact], conclusion: str,
                                blockers: Sequence[Blocker], override_reason: str,
                                checks: Mapping[str, Any], held_on: dt.date | None,
                                required_tests: Mapping[str, Sequence[str]] | None = None) -> list[str]:
    """Everything that must be fixed before the record can be signed, in plain Chinese.
    `required_tests`: the functional tests the project's renovation items call for (test -> the
    items that need it, `acceptance_tests.required_tests`)."""
    problems: list[str] = []
    if held_on is None:
        problems.append(MESSAGES["held_on"])
    if blockers and not override_reason.strip():
        problems.append(MESSAGES["blocked_no_reason"].format(n=len(blockers)))
    signed_roles = [s.role for s in signatories if s.signed]
    missing = missing_roles(signed_roles)
    if missing:
        problems.append(MESSAGES["missing_roles"].format(roles="、".join(missing)))
    for s in signatories:
        who = f"{s.role} {s.person_name}".strip()
        if not s.person_name.strip():
            problems.append(MESSAGES["no_name"].format(role=s.role))
        if not s.opinion:
            problems.append(MESSAGES["no_opinion"].format(who=who))
        elif (p := opinion_problem(s.opinion, s.reasons)) is not None:
            problems.append(MESSAGES["opinion_problem"].format(who=who, problem=p))
        if not s.signed:
            problems.append(MESSAGES["not_signed"].format(who=who))
    if conclusion not in {c.value for c in AcceptanceConclusion}:
        problems.append(MESSAGES["no_conclusion"])
    elif conclusion == AcceptanceConclusion.PASS.value:
        failing = [f"{s.role} {s.person_name}".strip() for s in signatories if s.opinion == Opinion.FAIL.value]
        if failing:
            problems.append(MESSAGES["disagree"].format(who="、".join(failing)))
        problems.extend(checks_contradict_pass(checks))
        problems.extend(missing_tests(checks, required_tests or {}))
    return problems


def missing_tests(checks: Mapping[str, Any], required: Mapping[str, Sequence[str]]) -> list[str]:
    """YS-06 for this project: every functional test its renovation items call for was done and
    passed. A test the project needs cannot be 不涉及 (an elevator project with 电梯监督检验:
    不涉及 does not pass: 特设法25)."""
    done = checks.get("functional") or {}
    out = []
    for test, items in required.items():
        result = done.get(test) or ""
        why = "、".join(items)
        if result == "不涉及":
            out.append(f"本项目改造内容含{why}，{test}不能填“不涉及”，须试验合格后方能作出合格结论（YS-06）")
        elif result != "合格" and result != "不合格":
            out.append(f"本项目改造内容含{why}，尚未记录{test}的结果，不能作出合格结论（YS-06）")
    return out


# ---- verification rows (核查) ---------------------------------------------------------------------

# (key, label, [(field, label)]) — counts per row of 表H.0.1-1 as extended for 老旧小区改造.
COUNT_ROWS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("subunits", "分部(子项)工程", (("total", "共"), ("ok", "符合设计及标准"))),
    ("quality_docs", "质量控制资料核查", (("total", "共"), ("ok", "符合"))),
    ("safety_function", "安全和使用功能核查及抽查",
     (("checked", "核查"), ("checked_ok", "符合"), ("sampled", "抽查"), ("sampled_ok", "符合"),
      ("reworked_ok", "返工处理符合"))),
    ("appearance", "观感质量", (("sampled", "抽查"), ("good", "“好”和“一般”"), ("repaired_ok", "返修符合"))),
    ("residents", "居民(业主)意见", (("surveyed", "征求"), ("satisfied", "满意"))),
)
# The unit a row counts in: residents' opinions are counted in households (户), the rest in items.
ROW_UNITS = {"residents": "户"}
# Pairs (part, whole) inside a row: the part cannot exceed the whole.
_PARTS = {"subunits": (("ok", "total"),), "quality_docs": (("ok", "total"),),
          "safety_function": (("checked_ok", "checked"), ("sampled_ok", "sampled")),
          "appearance": (("good", "sampled"),), "residents": (("satisfied", "surveyed"),)}

FUNCTIONAL_RESULTS: tuple[str, ...] = ("", "合格", "不合格", "不涉及")


def validate_checks(checks: Mapping[str, Any]) -> dict[str, str]:
    """Problems keyed by "row.field" (or "functional.test"): counts are whole numbers ≥ 0 and
    parts do not exceed their whole; functional results come from the list."""
    problems: dict[str, str] = {}
    rows = {key: (label, dict(fields)) for key, label, fields in COUNT_ROWS}
    for key, value in checks.items():
        if key == "functional":
            if not isinstance(value, Mapping):
                problems["functional"] = "功能性试验格式错误"
                continue
            for test, result in value.items():
                if test not in FUNCTIONAL_TESTS:
                    problems[f"functional.{test}"] = f"未知的功能性试验：{test}"
                elif result not in FUNCTIONAL_RESULTS:
                    problems[f"functional.{test}"] = f"{test}：结果应为 合格 / 不合格 / 不涉及"
            continue
        if key not in rows or not isinstance(value, Mapping):
            problems[key] = f"未知的核查项：{key}"
            continue
        label, fields = rows[key]
        for field, n in value.items():
            if field not in fields:
                problems[f"{key}.{field}"] = f"{label}：未知的栏目 {field}"
            elif n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 0):
                problems[f"{key}.{field}"] = f"{label}：{fields[field]}项数应为不小于 0 的整数"
        for part, whole in _PARTS.get(key, ()):
            p, w = value.get(part), value.get(whole)
            if isinstance(p, int) and isinstance(w, int) and p > w and f"{key}.{part}" not in problems:
                problems[f"{key}.{part}"] = f"{label}：{fields[part]}项数（{p}）不能多于{fields[whole]}项数（{w}）"
    return problems


def checks_contradict_pass(checks: Mapping[str, Any]) -> list[str]:
    """A 合格 conclusion needs the GB 50300 conditions (YS-12) and passing functional tests (YS-06)."""
    out = []
    for key, total, ok in (("subunits", "total", "ok"), ("quality_docs", "total", "ok")):
        row = checks.get(key) or {}
        if isinstance(row.get(total), int) and isinstance(row.get(ok), int) and row[ok] < row[total]:
            label = dict((k, lbl) for k, lbl, _f in COUNT_ROWS)[key]
            out.append(MESSAGES["not_all_ok"].format(row=label, ok=row[ok], total=row[total]))
    failed = [t for t, r in (checks.get("functional") or {}).items() if r == "不合格"]
    if failed:
        out.append(MESSAGES["functional_failed"].format(tests="、".join(failed)))
    return out


def check_rows(checks: Mapping[str, Any], required: Sequence[str] | None = None) -> list[tuple[str, str]]:
    """The verification rows as printed: (项目, 验收记录). Blank counts print as "__". Functional
    tests: those the project requires (`required`) and any other recorded, in the list's order;
    without `required` (a record signed before), all of the old list."""
    out = []
    for key, label, fields in COUNT_ROWS:
        row = checks.get(key) or {}
        unit = ROW_UNITS.get(key, "项")
        parts = [f"{flabel}{_n(row.get(field))}{unit}" for field, flabel in fields]
        if key == "residents" and isinstance(row.get("surveyed"), int) and isinstance(row.get("satisfied"), int) \
                and row["surveyed"] > 0:
            parts.append(f"满意率{row['satisfied'] * 100 / row['surveyed']:.1f}%")
        out.append((label, "，".join(parts)))
    functional = checks.get("functional") or {}
    if required is None:
        shown = [t for t in FUNCTIONAL_TESTS if t in LEGACY_TESTS or t in functional]
    else:
        shown = [t for t in FUNCTIONAL_TESTS if t in required or t in functional]
    out.append(("功能性试验", "；".join(f"{t}：{functional.get(t) or '未做'}" for t in shown) or "（本项目无）"))
    return out


def _n(value: Any) -> str:
    return "__" if value is None or value == "" else str(value)


# ---- handover -------------------------------------------------------------------------------------

HANDOVER_SIDES: tuple[str, ...] = ("移交方", "接收方", "见证方")
RECEIVER_KINDS: tuple[str, ...] = ("社区居委会", "业主委员会", "物业服务企业", "专营单位")
LIST_FIELDS: tuple[tuple[str, str], ...] = (("name", "名称"), ("location", "位置/编号"), ("quantity", "数量/规格"),
                                            ("condition", "状况"), ("note", "备注"))


def handover_precondition(*, acceptance_locked: bool, acceptance_conclusion: str,
                          acceptance_held_on: dt.date | None, handed_on: dt.date | None) -> str | None:
    """YS-17 / RF-35: a handover needs a signed, passing acceptance dated no later than itself."""
    if not acceptance_locked:
        return MESSAGES["handover_unsigned"]
    if acceptance_conclusion != AcceptanceConclusion.PASS.value:
        return MESSAGES["handover_not_passed"].format(conclusion=acceptance_conclusion or "未填写")
    if handed_on and acceptance_held_on and handed_on < acceptance_held_on:
        return MESSAGES["handover_before"].format(date=acceptance_held_on.isoformat())
    return None


def handover_signing_problems(*, signatories: Sequence[SignatoryFact], handed_on: dt.date | None,
                              receiver: str, warranty: Mapping[str, Any]) -> list[str]:
    problems = []
    if handed_on is None:
        problems.append("请填写移交日期")
    if not receiver.strip():
        problems.append("请填写接收方名称")
    signed = {s.role for s in signatories if s.signed}
    for side in HANDOVER_SIDES:
        if side not in signed:
            problems.append(f"{side}尚未签字")
    for s in signatories:
        if not s.person_name.strip():
            problems.append(f"{s.role}：请填写签字人姓名")
    problems.extend(warranty_problems(warranty).values())
    return problems


def warranty_problems(warranty: Mapping[str, Any]) -> dict[str, str]:
    problems = {}
    start, end = warranty.get("from") or "", warranty.get("to") or ""
    dates = {}
    for key, value, label in (("from", start, "起"), ("to", end, "止")):
        if value:
            try:
                dates[key] = dt.date.fromisoformat(str(value))
            except ValueError:
                problems[f"warranty.{key}"] = f"保修期{label}日期格式应为 YYYY-MM-DD"
    if "from" in dates and "to" in dates and dates["to"] < dates["from"]:
        problems["warranty.to"] = "保修期止日期不能早于起始日期"
    return problems
