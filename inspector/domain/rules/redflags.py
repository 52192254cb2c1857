"""Red flags (风险提示) as pure functions over plain inputs: no session, no clock, no I/O.

Each flag is a lead for the inspector, not a finding (reference §4). It carries the reference rule
id, the checklist items it routes to, a Chinese explanation, the records it concerns as link
targets `(kind, id)`, and a stable key (rule + subject ids) so that a confirm/dismiss decision
sticks across recomputations. A flag that spans projects (the same report number, the same person)
is emitted once per project involved, with the same key, because decisions are kept per project.

Validation refuses garbage input; it deliberately lets suspicious facts through (a report dated
before its sampling), because catching those is the job of these rules."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from inspector.domain.rules.rectification import is_overdue
from inspector.domain.rules.redflag_inputs import (  # noqa: F401 - re-exported: the rules' inputs
    BatchIn,
    ComplaintIn,
    FindingIn,
    Inputs,
    InspectionIn,
    NoticeIn,
    PartyIn,
    PersonIn,
    PostingIn,
    ProjectIn,
    ReplyIn,
    ReportIn,
    SignatoryIn,
)

# Project statuses in which people are on site and rules about concurrent posts apply.
ACTIVE_PROJECT_STATUSES = frozenset({"在建", "待验收"})
# Roles whose holder may not serve two active projects at once (建造师办法9, 发承包办法8(三)).
EXCLUSIVE_ROLES = frozenset({"项目负责人", "技术负责人", "质量负责人", "安全负责人"})
POSTING_PHONE_KINDS = ("质量监督投诉电话", "监理单位投诉电话")
FAIL = "不合格"
PASS = "合格"
_KEY_MAX = 190  # RedFlagDecision.flag_key is String(200)


@dataclass(frozen=True)
class Thresholds:
    """The configurable parts of the rules (reference §4: every rule carries thresholds)."""

    retest_grace_days: int = 30  # a batch may wait this long for its re-test report before it is flagged
    quantity_tolerance: float = 0.0  # share over the certified quantity that is tolerated (0.02 = 2 %)
    repeat_complaints: int = 2  # complaints at one location that make a repeat (GS-09)
    posting_days: int = 3  # days after the permit by which the complaint phones must be posted (RF-26)
    chief_max_projects: int = 1  # active projects one 总监 may hold before it is a lead (RF-19)
    attendance_min_rate: float = 80.0  # percent of inspections a key person must be present at (RF-21)
    attendance_min_inspections: int = 3  # inspections recording a person before RF-21 judges them
    wet_work_min_temp: float = 5.0  # ℃ below which wet work (ETICS, plaster, membranes) must stop (RF-31)


# ---- output ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Subject:
    """A record a flag concerns: what the UI can open with `open_record(kind, id)`."""

    kind: str  # material, test-report, complaint, posting, person, project, rectification, finding,
    #            inspection, acceptance
    id: str
    label: str


@dataclass(frozen=True)
class RedFlag:
    key: str
    rule: str  # reference §4 id, e.g. RF-01
    project_id: str
    title: str  # short, for lists
    message: str  # what is wrong, with the facts
    route: tuple[str, ...]  # checklist items to check, e.g. ("TR-05", "TR-11")
    subjects: tuple[Subject, ...] = field(default=())

    @property
    def target(self) -> Subject | None:
        """The record to open first (double-click)."""
        return self.subjects[0] if self.subjects else None


RULE_TITLES = {
    "RF-01": "检测报告编号重复",
    "RF-02": "检测日期链异常",
    "RF-04": "检测机构资质过期",
    "RF-05": "检测报告编号倒序",
    "RF-07": "见证人不在授权名单",
    "RF-08": "检测委托方非建设单位",
    "RF-10": "报告真伪未核实或不符",
    "RF-11": "批次未复验",
    "RF-12": "不合格材料已使用",
    "RF-13": "累计进场超出证明数量",
    "RF-15": "材料进场晚于使用/隐蔽",
    "RF-18": "关键人员多项目兼职",
    "RF-19": "总监多项目任职",
    "RF-20": "关键人员无劳动关系",
    "RF-21": "关键人员到岗率低",
    "RF-24": "参建单位资质过期",
    "RF-25": "多家单位共用电话",
    "RF-26": "投诉电话公示问题",
    "RF-27": "投诉逾期或重复投诉",
    "RF-30": "整改逾期",
    "RF-31": "雨雪低温天湿作业",
    "RF-37": "验收签字人非登记人员",
    "RF-38": "监理签认未完成的整改",
}


# The sentences the rules write, one template per clause: flags keep them in Chinese, and the
# interface shows them in its language by matching them back (inspector.ui.texts). A message may
# be several clauses in a row (RF-01, RF-02).
MESSAGES = {
    "batch_label": "{material} 批号{batch_no}",
    "report_label": "检测报告 {report_no}",
    "complaint_label": "投诉 {date} {summary}",
    "notice_label": "{title} {notice_no}",
    "dup_head": "检测报告编号“{report_no}”出现在 {n} 份报告上",
    "dup_batches": "，对应 {n} 个材料批次（{batches}）",
    "dup_projects": "，涉及 {n} 个项目",
    "dup_agencies": "，检测机构分别为{agencies}。",
    "stop": "。",
    "dup_tail": "除同一复验代表同一施工单位多个单位工程的同一批材料外，应一号一报；请核对报告真伪及其对应的批次。",
    "chain_head": "{report}：",
    "chain_report_before_sampling": "报告日期（{report_date}）早于取样日期（{sampled_on}）",
    "chain_test_before_sampling": "检测日期（{tested_on}）早于取样日期（{sampled_on}）",
    "chain_report_before_test": "报告日期（{report_date}）早于检测日期（{tested_on}）",
    "chain_sampling_before_entry": "取样日期（{sampled_on}）早于材料进场日期（{entry_date}）",
    "and": "；",
    "chain_tail": "。日期应依次为 进场 ≤ 取样 ≤ 检测 ≤ 签发。",
    "agency_expired": "{report}：检测机构“{agency}”的资质有效期至 {expiry}，报告签发时（{issued}）已过期，"
                      "该报告不能作为验收资料。",
    "failed_used": "{batch}的{report}结论为不合格，但该批材料已使用或隐蔽{used}，且没有其后的合格复检报告。"
                   "应局部停工，查封存和退场记录。",
    "untested_used": "{batch}按规定需复验，但没有任何检测报告，且已使用或隐蔽{used}。",
    "untested_waiting": "{batch}按规定需复验，但没有任何检测报告，进场（{entry_date}）已超过 {days} 天。",
    "over_certificate": "合格证或质量证明文件“{certificate_no}”载明数量 {limit}，其项下 {n} 批累计进场 {total}，"
                        "超出 {over}。证明文件可能被重复使用。",
    "entry_after_use": "{batch}的使用或隐蔽日期（{used_on}）早于进场日期（{entry_date}），隐蔽部位所用材料可能并非该批。",
    "concurrent_reg": "{role} {name}（注册号 {registration_no}）同时登记在在建项目“{projects}”，到岗期间重叠。"
                      "除相邻分段、已验收或停工满 120 天经同意外不得兼任，请核实是否挂证或未到岗。",
    "concurrent_name": "{role} {name}（未录注册号，按姓名和岗位匹配）同时登记在在建项目“{projects}”，到岗期间重叠。"
                       "除相邻分段、已验收或停工满 120 天经同意外不得兼任，请核实是否挂证或未到岗。",
    "party_expired": "{role}“{name}”的资质证书有效期至 {expiry}，已过期 {days} 天，而项目状态仍为“{status}”。"
                     "请核查资质是否延续，或更换单位。",
    "posting_late": "{kind}：施工许可日期为 {permit_date}，应在 {due} 前公示，实际公示日期为 {posted_on}，晚了 {late} 天。",
    "posting_missing": "{kind}：施工许可日期为 {permit_date}，应在 {due} 前公示，但没有公示记录。",
    "posting_no_answer": "公示的{kind}（{phone}）在 {checked_on} 试拨时无人接听。",
    "complaint_overdue": "投诉（{received_on} 受理，部位：{location}）的处理期限是 {deadline}，已逾期 {days} 天仍未办结。",
    "complaint_repeat": "同一部位“{location}”已收到 {n} 次投诉（{dates}），应启动专项检查。",
    "notice_overdue": "{title} {notice_no} 的期限是 {deadline}，已逾期 {days} 天仍未回复。",
    "finding_overdue": "问题“{description}”的整改期限是 {deadline}，已逾期 {days} 天，仍未下发通知或销项。",
    "not_filled": "未填",
    "no_location": "未填部位",
    "no_phone": "未录号码",
}


def flag_key(rule: str, ids: Iterable[str], variant: str = "") -> str:
    """Rule + sorted subject ids; hashed when too long for the decision column, still stable."""
    joined = "+".join(sorted(set(ids)))
    head = f"{rule}{'/' + variant if variant else ''}:"
    if len(head) + len(joined) > _KEY_MAX:
        joined = "h" + hashlib.sha256(joined.encode()).hexdigest()[:48]
    return head + joined


def norm(text: str) -> str:
    """Compare identifiers as people mean them: full-width = half-width, no spaces, any case."""
    if not text:
        return ""
    if text.isascii():  # most numbers and codes: NFKC leaves ASCII as it is (a city's store calls this millions of times)
        return "".join(text.split()).upper()
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def _d(day: dt.date | None) -> str:
    return day.isoformat() if day else MESSAGES["not_filled"]


def _batch_label(b: BatchIn) -> str:
    what = " ".join(x for x in (b.material, b.spec) if x) or "材料批次"
    return MESSAGES["batch_label"].format(material=what, batch_no=b.batch_no) if b.batch_no else what


def _report_label(r: ReportIn) -> str:
    return MESSAGES["report_label"].format(report_no=r.report_no)


def _m(key: str, **values: object) -> str:
    return MESSAGES[key].format(**values)


def _flag(rule: str, key: str, project_id: str, message: str, route: tuple[str, ...],
          subjects: Iterable[Subject]) -> RedFlag:
    return RedFlag(key, rule, project_id, RULE_TITLES[rule], message, route, tuple(subjects))


# ---- materials and reports ------------------------------------------------------------------------

def duplicate_report_numbers(reports: Sequence[ReportIn], batches: dict[str, BatchIn]) -> list[RedFlag]:
    """RF-01: one report number on two or more batches, or in two or more projects."""
    groups: dict[str, list[ReportIn]] = defaultdict(list)
    for r in reports:
        if norm(r.report_no):
            groups[norm(r.report_no)].append(r)
    flags = []
    for group in groups.values():
        batch_ids = {r.batch_id for r in group if r.batch_id}
        projects = sorted({r.project_id for r in group})
        if len(batch_ids) < 2 and len(projects) < 2:
            continue
        key = flag_key("RF-01", (r.id for r in group))
        labels = "、".join(_batch_label(batches[b]) for b in sorted(batch_ids) if b in batches)
        agencies = sorted({r.agency for r in group})
        msg = (_m("dup_head", report_no=group[0].report_no, n=len(group))
               + (_m("dup_batches", n=len(batch_ids), batches=labels) if len(batch_ids) >= 2 else "")
               + (_m("dup_projects", n=len(projects)) if len(projects) >= 2 else "")
               + (_m("dup_agencies", agencies="、".join(agencies)) if len(agencies) > 1 else _m("stop"))
               + _m("dup_tail"))
        for pid in projects:
            own = [r for r in group if r.project_id == pid]
            others = [r for r in group if r.project_id != pid]
            subjects = [Subject("test-report", r.id, _report_label(r)) for r in own + others]
            subjects += [Subject("material", b, _batch_label(batches[b])) for b in sorted(batch_ids) if b in batches]
            flags.append(_flag("RF-01", key, pid, msg, ("TR-05", "TR-11"), subjects))
    return flags


def date_chain(reports: Sequence[ReportIn], batches: dict[str, BatchIn]) -> list[RedFlag]:
    """RF-02: 进场 ≤ 取样 ≤ 检测 ≤ 签发 broken anywhere."""
    flags = []
    for r in reports:
        b = batches.get(r.batch_id or "")
        problems = []
        dates = {"report_date": _d(r.report_date), "sampled_on": _d(r.sampled_on), "tested_on": _d(r.tested_on),
                 "entry_date": _d(b.entry_date if b else None)}
        if r.sampled_on and r.report_date and r.report_date < r.sampled_on:
            problems.append(_m("chain_report_before_sampling", **dates))
        if r.sampled_on and r.tested_on and r.tested_on < r.sampled_on:
            problems.append(_m("chain_test_before_sampling", **dates))
        if r.tested_on and r.report_date and r.report_date < r.tested_on:
            problems.append(_m("chain_report_before_test", **dates))
        if b and b.entry_date and r.sampled_on and r.sampled_on < b.entry_date:
            problems.append(_m("chain_sampling_before_entry", **dates))
        if not problems:
            continue
        subjects = [Subject("test-report", r.id, _report_label(r))]
        if b:
            subjects.append(Subject("material", b.id, _batch_label(b)))
        flags.append(_flag("RF-02", flag_key("RF-02", [r.id]), r.project_id,
                           _m("chain_head", report=_report_label(r)) + _m("and").join(problems) + _m("chain_tail"),
                           ("TR-09",), subjects))
    return flags


def agency_expired(reports: Sequence[ReportIn]) -> list[RedFlag]:
    """RF-04: the lab's qualification had expired on the report (issue) date."""
    flags = []
    for r in reports:
        issued = r.report_date or r.tested_on
        if r.qualification_expiry and issued and r.qualification_expiry < issued:
            flags.append(_flag(
                "RF-04", flag_key("RF-04", [r.id]), r.project_id,
                _m("agency_expired", report=_report_label(r), agency=r.agency, expiry=_d(r.qualification_expiry),
                   issued=_d(issued)),
                ("TR-01", "TR-02"), [Subject("test-report", r.id, _report_label(r))]))
    return flags


def _reports_by_batch(reports: Sequence[ReportIn]) -> dict[str, list[ReportIn]]:
    out: dict[str, list[ReportIn]] = defaultdict(list)
    for r in reports:
        if r.batch_id:
            out[r.batch_id].append(r)
    return out


def failed_but_used(batches: Sequence[BatchIn], reports: Sequence[ReportIn]) -> list[RedFlag]:
    """RF-12: a failing report on a batch that was used or concealed, with no later passing re-test."""
    by_batch = _reports_by_batch(reports)
    flags = []
    for b in batches:
        if not b.used:
            continue
        for r in by_batch.get(b.id, []):
            if r.conclusion != FAIL:
                continue
            when = r.report_date or dt.date.min
            retested = any(o.conclusion == PASS and o.id != r.id and (o.report_date or dt.date.min) > when
                           for o in by_batch[b.id])
            if retested:
                continue
            used = f"（{_d(b.used_on)}）" if b.used_on else ""
            flags.append(_flag(
                "RF-12", flag_key("RF-12", [b.id, r.id]), b.project_id,
                _m("failed_used", batch=_batch_label(b), report=_report_label(r), used=used),
                ("CL-13", "CL-14", "TR-14"),
                [Subject("material", b.id, _batch_label(b)), Subject("test-report", r.id, _report_label(r))]))
    return flags


def missing_retest(batches: Sequence[BatchIn], reports: Sequence[ReportIn], today: dt.date,
                   th: Thresholds) -> list[RedFlag]:
    """批次未复验 (RF-11 at its extreme, routed to CL-05): a batch that needs a re-test has no report,
    and it was already used, or has waited longer than the grace period since entry."""
    by_batch = _reports_by_batch(reports)
    flags = []
    for b in batches:
        if not b.retest_required or by_batch.get(b.id):
            continue
        overdue = b.entry_date is not None and (today - b.entry_date).days > th.retest_grace_days
        if not (b.used or overdue):
            continue
        message = _m("untested_used", batch=_batch_label(b), used=f"（{_d(b.used_on)}）" if b.used_on else "") \
            if b.used else _m("untested_waiting", batch=_batch_label(b), entry_date=_d(b.entry_date),
                              days=th.retest_grace_days)
        flags.append(_flag(
            "RF-11", flag_key("RF-11", [b.id]), b.project_id, message, ("CL-05", "CL-13"),
            [Subject("material", b.id, _batch_label(b))]))
    return flags


def over_certificate(batches: Sequence[BatchIn], th: Thresholds) -> list[RedFlag]:
    """RF-13: deliveries under one certificate add up to more than the certificate states. A
    certificate is one maker's: numbers that merely coincide between makers are not summed."""
    groups: dict[tuple[str, str, str], list[BatchIn]] = defaultdict(list)
    for b in batches:
        if norm(b.certificate_no) and b.quantity is not None:
            groups[(norm(b.manufacturer), norm(b.certificate_no), norm(b.unit))].append(b)
    flags = []
    for group in groups.values():
        certified = [b.certificate_quantity for b in group if b.certificate_quantity is not None]
        if not certified:
            continue
        limit = max(certified)
        total = sum(b.quantity or 0.0 for b in group)
        if total <= limit * (1 + th.quantity_tolerance) + 1e-9:
            continue
        unit = group[0].unit
        key = flag_key("RF-13", (b.id for b in group))
        msg = _m("over_certificate", certificate_no=group[0].certificate_no, limit=f"{limit:g}{unit}", n=len(group),
                 total=f"{total:g}{unit}", over=f"{total - limit:g}{unit}")
        subjects = {b.id: Subject("material", b.id, _batch_label(b)) for b in group}  # once per group, not per project
        for pid in sorted({b.project_id for b in group}):
            ordered = sorted(group, key=lambda b: (b.project_id != pid, b.entry_date or dt.date.min))
            flags.append(_flag("RF-13", key, pid, msg, ("CL-04", "CL-02"), [subjects[b.id] for b in ordered]))
    return flags


def entry_after_use(batches: Sequence[BatchIn]) -> list[RedFlag]:
    """RF-15: the recorded use/concealment predates the material's entry."""
    return [
        _flag("RF-15", flag_key("RF-15", [b.id]), b.project_id,
              _m("entry_after_use", batch=_batch_label(b), used_on=_d(b.used_on), entry_date=_d(b.entry_date)),
              ("CL-18",), [Subject("material", b.id, _batch_label(b))])
        for b in batches if b.used and b.used_on and b.entry_date and b.used_on < b.entry_date
    ]


# ---- people ---------------------------------------------------------------------------------------

def _span(p: PersonIn, proj: ProjectIn) -> tuple[dt.date, dt.date]:
    start = p.active_from or proj.start_date or proj.permit_date or dt.date.min
    end = p.active_to or proj.finish_date or dt.date.max
    return start, end


def concurrent_posts(persons: Sequence[PersonIn], projects: dict[str, ProjectIn]) -> list[RedFlag]:
    """RF-18: the same key person on two active projects with overlapping dates. A person is the same
    by registration number, or by name and role when no number is recorded."""
    groups: dict[tuple[str, ...], list[PersonIn]] = defaultdict(list)
    for p in persons:
        proj = projects.get(p.project_id)
        if p.role not in EXCLUSIVE_ROLES or proj is None or proj.status not in ACTIVE_PROJECT_STATUSES:
            continue
        ident = ("reg", norm(p.registration_no)) if norm(p.registration_no) else ("name", norm(p.name), p.role)
        groups[ident].append(p)
    flags = []
    for group in groups.values():
        clashing: set[str] = set()
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.project_id == b.project_id:
                    continue
                a0, a1 = _span(a, projects[a.project_id])
                b0, b1 = _span(b, projects[b.project_id])
                if a0 <= b1 and b0 <= a1:
                    clashing |= {a.id, b.id}
        if not clashing:
            continue
        members = [p for p in group if p.id in clashing]
        key = flag_key("RF-18", clashing)
        who = members[0]
        for pid in sorted({p.project_id for p in members}):
            others = sorted({p.project_id for p in members if p.project_id != pid})
            names = "、".join(f"{projects[o].code} {projects[o].name}" for o in others)
            mine = [p for p in members if p.project_id == pid]
            msg = (_m("concurrent_reg", role=who.role, name=who.name, registration_no=who.registration_no,
                      projects=names) if who.registration_no
                   else _m("concurrent_name", role=who.role, name=who.name, projects=names))
            subjects = [Subject("project", o, f"{projects[o].code} {projects[o].name}") for o in others]
            subjects += [Subject("person", p.id, f"{p.role} {p.name}") for p in mine]
            flags.append(_flag("RF-18", key, pid, msg, ("FB-15", "FB-08a"), subjects))
    return flags


# Parties whose lapsed qualification makes their work or reports unusable (FB-03, FB-28a, TR-01).
QUALIFIED_ROLES = {"施工单位": ("FB-03", "FB-19"), "监理单位": ("FB-28a",), "检测单位": ("TR-01",)}


def party_qualification(parties: Sequence[PartyIn], projects: dict[str, ProjectIn], today: dt.date) -> list[RedFlag]:
    """RF-24 (applied to every qualified party, not only subcontractors): a contractor, supervisor
    or lab on an active project whose qualification certificate has expired."""
    flags = []
    for p in parties:
        proj = projects.get(p.project_id)
        if (p.role not in QUALIFIED_ROLES or proj is None or proj.status not in ACTIVE_PROJECT_STATUSES
                or p.qualification_expiry is None or p.qualification_expiry >= today):
            continue
        flags.append(_flag(
            "RF-24", flag_key("RF-24", [p.id]), p.project_id,
            _m("party_expired", role=p.role, name=p.name, expiry=_d(p.qualification_expiry),
               days=(today - p.qualification_expiry).days, status=proj.status),
            QUALIFIED_ROLES[p.role], [Subject("project", p.project_id, f"{proj.code} {proj.name}")]))
    return flags


# ---- complaints, postings, rectifications ---------------------------------------------------------

def complaint_flags(complaints: Sequence[ComplaintIn], today: dt.date, th: Thresholds) -> list[RedFlag]:
    """RF-27: a complaint still open past its deadline; or repeat complaints at one location."""
    flags = []
    for c in complaints:
        if c.status != "resolved" and c.deadline and today > c.deadline:
            flags.append(_flag(
                "RF-27", flag_key("RF-27", [c.id], "overdue"), c.project_id,
                _m("complaint_overdue", received_on=_d(c.received_on), location=c.location or _m("no_location"),
                   deadline=_d(c.deadline), days=(today - c.deadline).days), ("GS-08",),
                [Subject("complaint", c.id, _m("complaint_label", date=_d(c.received_on), summary=c.summary))]))
    by_place: dict[tuple[str, str], list[ComplaintIn]] = defaultdict(list)
    for c in complaints:
        if norm(c.location):
            by_place[(c.project_id, norm(c.location))].append(c)
    for (pid, _loc), group in by_place.items():
        if len(group) < th.repeat_complaints:
            continue
        group = sorted(group, key=lambda c: c.received_on)
        flags.append(_flag(
            "RF-27", flag_key("RF-27", (c.id for c in group), "repeat"), pid,
            _m("complaint_repeat", location=group[0].location, n=len(group),
               dates="、".join(_d(c.received_on) for c in group)), ("GS-09", "GS-08"),
            [Subject("complaint", c.id, _m("complaint_label", date=_d(c.received_on), summary=c.summary))
             for c in group]))
    return flags


def posting_flags(projects: Sequence[ProjectIn], postings: Sequence[PostingIn], today: dt.date,
                  th: Thresholds) -> list[RedFlag]:
    """RF-26: the complaint phones not posted within N days of the permit; a posted number that did
    not answer the inspector's test call (GS-06)."""
    flags = []
    by_project: dict[str, list[PostingIn]] = defaultdict(list)
    for p in postings:
        by_project[p.project_id].append(p)
    for proj in projects:
        if proj.permit_date is None:
            continue
        due = proj.permit_date + dt.timedelta(days=th.posting_days)
        if today <= due:
            continue
        for kind in POSTING_PHONE_KINDS:
            found = [p for p in by_project[proj.id] if p.kind == kind]
            on_time = [p for p in found if p.posted_on and p.posted_on <= due]
            if on_time:
                continue
            late = min((p.posted_on for p in found if p.posted_on), default=None)
            message = (_m("posting_late", kind=kind, permit_date=_d(proj.permit_date), due=_d(due), posted_on=_d(late),
                          late=(late - due).days) if late
                       else _m("posting_missing", kind=kind, permit_date=_d(proj.permit_date), due=_d(due)))
            flags.append(_flag(
                "RF-26", flag_key("RF-26", [proj.id], kind), proj.id, message,
                ("GS-01", "GS-02", "GS-03"),
                [Subject("posting", p.id, f"{p.kind} {p.phone}") for p in found]
                or [Subject("project", proj.id, f"{proj.code} {proj.name}")]))
    for p in postings:
        if p.call_answered is False:
            flags.append(_flag(
                "RF-26", flag_key("RF-26", [p.id], "no-answer"), p.project_id,
                _m("posting_no_answer", kind=p.kind, phone=p.phone or _m("no_phone"), checked_on=_d(p.checked_on)),
                ("GS-06",), [Subject("posting", p.id, f"{p.kind} {p.phone}")]))
    return flags


def overdue_rectifications(notices: Sequence[NoticeIn], findings: Sequence[FindingIn],
                           today: dt.date) -> list[RedFlag]:
    """RF-30: a notice (or a finding not on any notice) past its deadline and still unanswered."""
    flags = []
    for n in notices:
        if is_overdue(n.deadline, n.status, today):
            flags.append(_flag(
                "RF-30", flag_key("RF-30", [n.id]), n.project_id,
                _m("notice_overdue", title=n.title, notice_no=n.notice_no, deadline=_d(n.deadline),
                   days=(today - n.deadline).days),
                ("3.3",), [Subject("rectification", n.id, _m("notice_label", title=n.title, notice_no=n.notice_no))]))
    for f in findings:
        if f.rectification_id is None and f.status == "open" and is_overdue(f.deadline, f.status, today):
            flags.append(_flag(
                "RF-30", flag_key("RF-30", [f.id]), f.project_id,
                _m("finding_overdue", description=f.description[:40], deadline=_d(f.deadline),
                   days=(today - f.deadline).days), ("3.3",), [Subject("finding", f.id, f.description[:40])]))
    return flags


# ---- all ------------------------------------------------------------------------------------------

def compute(data: Inputs, *, today: dt.date, thresholds: Thresholds | None = None) -> list[RedFlag]:
    """Every flag the inputs raise, ordered by project, rule and key."""
    from inspector.domain.rules import redflags_evidence as ev
    from inspector.domain.rules import redflags_people as ppl

    th = thresholds or Thresholds()
    batches = {b.id: b for b in data.batches}
    projects = {p.id: p for p in data.projects}
    parties = {p.id: p for p in data.parties}
    flags = [
        *duplicate_report_numbers(data.reports, batches),
        *date_chain(data.reports, batches),
        *agency_expired(data.reports),
        *missing_retest(data.batches, data.reports, today, th),
        *failed_but_used(data.batches, data.reports),
        *over_certificate(data.batches, th),
        *entry_after_use(data.batches),
        *concurrent_posts(data.persons, projects),
        *party_qualification(data.parties, projects, today),
        *posting_flags(data.projects, data.postings, today, th),
        *complaint_flags(data.complaints, today, th),
        *overdue_rectifications(data.notices, data.findings, today),
        *ev.report_number_order(data.reports),
        *ev.witness_not_on_roster(data.reports, batches, data.persons),
        *ev.client_not_owner(data.reports, data.parties),
        *ev.authenticity_unchecked(data.reports),
        *ev.wet_work_in_bad_weather(data.inspections, th),
        *ev.acceptance_signer_not_registered(data.signatories, data.persons, data.parties),
        *ev.supervisor_said_done(data.replies),
        *ppl.chief_on_several_projects(data.persons, projects, th),
        *ppl.no_employment_relation(data.persons, parties),
        *ppl.low_attendance(data.persons, data.inspections, th),
        *ppl.shared_phone(data.parties, data.persons, projects),
    ]
    flags.sort(key=lambda f: (f.project_id, f.rule, f.key))
    return flags
