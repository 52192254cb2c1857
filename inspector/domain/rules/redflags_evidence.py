"""Red flags about evidence on paper: test reports (RF-05 numbering, RF-07 witness, RF-08 client,
RF-10 authenticity check), the day's weather against the work recorded (RF-31), who signed the
joint acceptance (RF-37) and the 监理's word against the station's 复查 (RF-38). Pure functions
over the plain inputs of `redflag_inputs`; `redflags.compute` runs them with the rest.

RF-37 and RF-38 are this app's own numbers: the reference's table stops at RF-36."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from inspector.domain.rules.redflag_inputs import (
    BatchIn,
    InspectionIn,
    PartyIn,
    PersonIn,
    ReplyIn,
    ReportIn,
    SignatoryIn,
)
from inspector.domain.rules.redflags import (
    RedFlag,
    Subject,
    Thresholds,
    _d,
    _flag,
    _report_label,
    flag_key,
    norm,
)

# 报告编号: a prefix and the running number at its end, e.g. "JC-2026-0417" -> ("JC-2026-", 417).
_REPORT_NO = re.compile(r"^(.*?)(\d+)$")
# What a verification note says when the check found the report false or could not find it.
_CHECK_FAILED = re.compile(r"不一致|不符|查无|未查到|查不到|无此报告|失败|伪造|虚假|未通过")
# What a verification note says when nobody checked.
_NOT_CHECKED = re.compile(r"^(未核验|未核查|未核实|未查询|未扫码|无|暂无|待核验|待核查)[。.]?$")
WITNESS_ROLE = "见证人员"
OWNER_ROLE = "建设单位"


# One template per sentence (shown in the interface language by `ui/texts.py`, which matches a shown
# sentence back to its template); adjacent values are kept apart so a sentence reads back one way.
MESSAGES = {
    "out_of_order": "{agency} {year}年的检测报告 {later} 于 {later_date} 签发，编号却小于 {first_date} 已签发的 {first}。"
                    "检测报告应按年度连续编号，编号倒序可能是补出具或套用编号，请到检测机构核对台账。",
    "witness": "{report}的见证人“{name}”不在本项目授权的见证人员名单中（{who}）。"
               "见证人员应由建设单位或监理单位书面授权，并告知检测机构和监督机构。",
    "witnesses": "本项目登记的见证人员为{names}",
    "no_witnesses": "本项目未登记任何见证人员",
    "client": "{report}的委托单位是“{client}”，不是本项目的建设单位“{owners}”。非建设单位委托的检测报告不得作为工程质量验收资料。",
    "check_failed": "{report}的真伪核查记录为“{note}”。报告真伪存疑，应作为虚假报告线索移送，并由建设单位另行委托检测。",
    "no_code": "{report}没有防伪码，也没有记录扫码或监管平台核查的结果，真伪未经核实。",
    "code_unchecked": "{report}有防伪码“{code}”，但没有记录扫码或平台核查的结果，真伪未经核实。",
    "wet_work": "{inspection}（{day}）{why}，{what}。雨雪天和低温下不得进行外墙保温、抹灰、防水等湿作业，"
                "请核实当日是否施工及已施工部位的质量。",
    "wet_weather": "天气“{weather}”",
    "wet_cold": "气温 {temperature}℃（低于 {least}℃）",
    "wet_progress": "形象进度记有{work}作业",
    "wet_items": "检查表对{items}作了答复（当日有该项作业）",
    "wet_items_too": "，检查表对{items}作了答复（当日有该项作业）",
    "inspection_label": "检查记录 {record_no}",
    "signer": "{acceptance} 中{role}的签字人是“{signer}”，而本项目登记的{party}的{post}是{names}。应由登记的{post}签署，"
              "他人代签的须有书面授权，请核实是否挂证或未到岗。",
    "acceptance_label": "竣工联合验收记录 {record_no}",
    "supervisor_done": "整改回复单 {reply_no}（原通知 {notice_no}）上监理单位的复查意见为“{opinion}”，"
                       "而本站复查结论为未整改到位。监理单位签认了未完成的整改，应核查监理履职情况。",
    "supervisor_done_on": "整改回复单 {reply_no}（原通知 {notice_no}）上监理单位的复查意见为“{opinion}”，"
                          "而本站于 {day} 复查结论为未整改到位。监理单位签认了未完成的整改，应核查监理履职情况。",
    "unnumbered": "（未编号）",
    "notice_label": "通知 {notice_no}",
}


def _m(key: str, **values: object) -> str:
    return MESSAGES[key].format(**values)


def _report_subject(r: ReportIn) -> Subject:
    return Subject("test-report", r.id, _report_label(r))


def numbering(agency: str | None, report_no: str | None, year: int | None) -> tuple[str, int, str, int] | None:
    """Where a report sits in its lab's numbering: (lab, year, prefix, running number), or None when
    the number has no running part or the lab or date is missing (RF-05 then cannot judge it)."""
    m = _REPORT_NO.match(norm(report_no or ""))
    if not m or year is None or not norm(agency or ""):
        return None
    return norm(agency or ""), year, m.group(1), int(m.group(2))


def numbering_key(agency: str | None, report_no: str | None, year: int | None) -> str:
    """`numbering`'s series (lab, year, prefix) as one string, "" when none: the reports RF-05
    compares with each other share it."""
    place = numbering(agency, report_no, year)
    return "\x1f".join(str(x) for x in place[:3]) if place else ""


def report_number_order(reports: Sequence[ReportIn]) -> list[RedFlag]:
    """RF-05: within one lab, one year and one numbering prefix, a report issued later carries a
    smaller running number than one issued earlier (numbers are issued in sequence: 检测办法)."""
    # A number on two reports is RF-01's lead; it is left out here, or it would be flagged twice.
    seen: dict[str, int] = defaultdict(int)
    for r in reports:
        seen[norm(r.report_no)] += 1
    groups: dict[tuple[str, int, str], list[tuple[int, ReportIn]]] = defaultdict(list)
    for r in reports:
        if seen[norm(r.report_no)] > 1:
            continue
        place = numbering(r.agency, r.report_no, r.report_date.year if r.report_date else None)
        if place:
            lab, year, prefix, number = place
            groups[(lab, year, prefix)].append((number, r))
    flags = []
    for (_lab, year, _prefix), group in groups.items():
        for later, first in issued_out_of_order(group):
            msg = _m("out_of_order", agency=later.agency, year=year, later=later.report_no,
                     later_date=_d(later.report_date), first=first.report_no, first_date=_d(first.report_date))
            pids = sorted({later.project_id, first.project_id})
            for pid in pids:
                flags.append(_flag("RF-05", flag_key("RF-05", [later.id, first.id]), pid, msg, ("TR-05",),
                                   [_report_subject(later), _report_subject(first)]))
    return flags


def issued_out_of_order(group: list[tuple[int, ReportIn]]) -> list[tuple[ReportIn, ReportIn]]:
    """(report, the highest-numbered report issued on an earlier day) wherever that one's number is
    higher, for one series' (running number, report) pairs. One sweep by day, keeping the highest number issued before the day (the first
    of equals): a lab's year holds thousands of reports, and comparing each with every earlier one
    took seconds."""
    group.sort(key=lambda x: (x[1].report_date, x[0]))
    out = []
    best: tuple[int, ReportIn] | None = None
    i = 0
    while i < len(group):
        day = group[i][1].report_date
        j = i
        while j < len(group) and group[j][1].report_date == day:
            j += 1
        for num, later in group[i:j]:
            if best is not None and best[0] > num:
                out.append((later, best[1]))
        for num, r in group[i:j]:
            if best is None or num > best[0]:
                best = (num, r)
        i = j
    return out


def witness_not_on_roster(reports: Sequence[ReportIn], batches: dict[str, BatchIn],
                          persons: Sequence[PersonIn]) -> list[RedFlag]:
    """RF-07: the witness named on a report (or on its batch) is not a 见证人员 registered for the
    project. A project with no registered witness at all is flagged too: then nobody was authorised."""
    roster: dict[str, set[str]] = defaultdict(set)
    for p in persons:
        if p.role == WITNESS_ROLE:
            roster[p.project_id].add(norm(p.name))
    flags = []
    for r in reports:
        batch = batches.get(r.batch_id or "")
        name = r.witness_name or (batch.witness_name if batch else "")
        if not norm(name) or norm(name) in roster[r.project_id]:
            continue
        known = "、".join(sorted(p.name for p in persons if p.project_id == r.project_id and p.role == WITNESS_ROLE))
        who = _m("witnesses", names=known) if known else _m("no_witnesses")
        flags.append(_flag("RF-07", flag_key("RF-07", [r.id]), r.project_id,
                           _m("witness", report=_report_label(r), name=name, who=who),
                           ("TR-08", "CL-07"), [_report_subject(r)]))
    return flags


def client_not_owner(reports: Sequence[ReportIn], parties: Sequence[PartyIn]) -> list[RedFlag]:
    """RF-08: the report's client (委托单位) is not the project's 建设单位."""
    owners: dict[str, list[str]] = defaultdict(list)
    for p in parties:
        if p.role == OWNER_ROLE:
            owners[p.project_id].append(p.name)
    flags = []
    for r in reports:
        names = owners.get(r.project_id)
        if not norm(r.client) or not names or norm(r.client) in {norm(n) for n in names}:
            continue
        flags.append(_flag("RF-08", flag_key("RF-08", [r.id]), r.project_id,
                           _m("client", report=_report_label(r), client=r.client, owners="、".join(names)),
                           ("TR-03",), [_report_subject(r)]))
    return flags


def authenticity_unchecked(reports: Sequence[ReportIn]) -> list[RedFlag]:
    """RF-10: no anti-forgery code and no platform check recorded, or the check found a mismatch."""
    flags = []
    for r in reports:
        note = (r.verification or "").strip()
        if _NOT_CHECKED.match(note):
            note = ""
        if note and _CHECK_FAILED.search(note):
            msg = _m("check_failed", report=_report_label(r), note=note)
            variant = "failed"
        elif not note and not norm(r.anti_forgery_code):
            msg = _m("no_code", report=_report_label(r))
            variant = "unchecked"
        elif not note:
            msg = _m("code_unchecked", report=_report_label(r), code=r.anti_forgery_code)
            variant = "unchecked"
        else:
            continue
        flags.append(_flag("RF-10", flag_key("RF-10", [r.id], variant), r.project_id, msg, ("TR-12",),
                           [_report_subject(r)]))
    return flags


# Rain or snow in the recorded weather (雨, 雪, 雨夹雪, 冻雨…).
WET_WEATHER = re.compile(r"[雨雪]")
# Work that must not be done in rain or below the minimum temperature (JGJ 144, GB 50207).
_WET_WORK = re.compile(r"抹灰|抹面|保温|粘贴|防水|卷材|涂料|涂刷|砌筑|砂浆|混凝土|浇筑|灌浆")


def wet_work_in_bad_weather(inspections: Sequence[InspectionIn], th: Thresholds) -> list[RedFlag]:
    """RF-31: an inspection day whose recorded weather is rain or snow, or colder than the wet-work
    minimum, while the same record shows wet work (plastering, insulation, waterproofing…) going on."""
    flags = []
    for i in inspections:
        rain = bool(WET_WEATHER.search(i.weather or ""))
        cold = i.temperature_c is not None and i.temperature_c < th.wet_work_min_temp
        if not (rain or cold):
            continue
        work = sorted(set(_WET_WORK.findall(i.progress_note or "")))
        if not work and not i.wet_items:
            continue
        why = "、".join(x for x in (_m("wet_weather", weather=i.weather) if rain else "",
                                    _m("wet_cold", temperature=f"{i.temperature_c:g}", least=f"{th.wet_work_min_temp:g}")
                                    if cold else "") if x)
        what = (_m("wet_progress", work="、".join(work)) if work else "") + \
            (_m("wet_items_too" if work else "wet_items", items="、".join(i.wet_items)) if i.wet_items else "")
        label = _m("inspection_label", record_no=i.record_no)
        flags.append(_flag("RF-31", flag_key("RF-31", [i.id]), i.project_id,
                           _m("wet_work", inspection=label, day=_d(i.day), why=why, what=what),
                           ("XC-29", "XC-23c"), [Subject("inspection", i.id, label)]))
    return flags


# Acceptance role -> (party role, the person registered for that party who signs for it).
SIGNING_POSTS = {
    "施工单位": ("施工单位", "项目负责人"),
    "监理单位": ("监理单位", "总监理工程师"),
    "建设单位/实施主体": ("建设单位", "项目负责人"),
    "设计单位": ("设计单位", "项目负责人"),
    "勘察单位": ("勘察单位", "项目负责人"),
}


def acceptance_signer_not_registered(signatories: Sequence[SignatoryIn], persons: Sequence[PersonIn],
                                     parties: Sequence[PartyIn]) -> list[RedFlag]:
    """RF-37: a party's signer at the joint acceptance is not the person registered for that post
    (施工单位 项目负责人, 监理单位 总监理工程师 …). Posts with nobody registered are not judged."""
    party_role = {p.id: p.role for p in parties}
    registered: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for p in persons:
        registered[(p.project_id, party_role.get(p.party_id, ""), p.role)].append(p.name)
    flags = []
    for sg in signatories:
        post = SIGNING_POSTS.get(sg.role)
        if post is None or not norm(sg.person_name):
            continue
        names = registered.get((sg.project_id, *post))
        if not names or norm(sg.person_name) in {norm(n) for n in names}:
            continue
        label = _m("acceptance_label", record_no=sg.record_no)
        flags.append(_flag("RF-37", flag_key("RF-37", [sg.id]), sg.project_id,
                           _m("signer", acceptance=label, role=sg.role, signer=sg.person_name, party=post[0],
                              post=post[1], names="、".join(names)), ("YS-11", "FB-08a"),
                           [Subject("acceptance", sg.acceptance_id, label)]))
    return flags


_DONE = re.compile(r"整改完成|完成整改|整改到位|已整改|已完成|符合要求|同意销项|复查合格|已落实|情况属实")
_NOT_DONE = re.compile(r"(未|没有|不)(整改|完成|到位|符合|同意|合格|落实)")


def supervisor_said_done(replies: Sequence[ReplyIn]) -> list[RedFlag]:
    """RF-38: the 监理's opinion on a reply says the work is done, and the station's 复查 found it
    not done (未整改到位): the 监理 signed off work that was not done."""
    flags = []
    for r in replies:
        op = (r.supervisor_opinion or "").strip()
        if r.verdict != "未整改到位" or not _DONE.search(op) or _NOT_DONE.search(op):
            continue
        message = (_m("supervisor_done_on", reply_no=r.reply_no or _m("unnumbered"), notice_no=r.notice_no,
                      opinion=op, day=_d(r.reinspected_on)) if r.reinspected_on else
                   _m("supervisor_done", reply_no=r.reply_no or _m("unnumbered"), notice_no=r.notice_no, opinion=op))
        flags.append(_flag("RF-38", flag_key("RF-38", [r.id]), r.project_id, message, ("FB-28b",),
                           [Subject("rectification", r.rectification_id, _m("notice_label", notice_no=r.notice_no))]))
    return flags


