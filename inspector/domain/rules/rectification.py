"""The rectification loop as pure rules: which status may follow which, deadlines, overdue.

Findings:      open ─notice─► notified ─reply─► replied ─同意销项─► closed
                 │                 │               └─未整改到位─► escalated ─re-issue─► notified
                 ├─现场整改─► closed   └─(overdue, no reply) escalate─► escalated
                 └─移送 (an item only for enforcement)─► referred
Notices:       issued ─reply─► replied ─同意销项─► closed
                 └───────────────┴─未整改到位/逾期─► escalated (a re-issued notice replaces it)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from inspector.domain.vocab import (
    FINDING_STATUS_LABELS,
    RECTIFICATION_STATUS_LABELS,
    RequiredAction,
    Severity,
)

FINDING_TRANSITIONS: dict[str, frozenset[str]] = {
    "open": frozenset({"notified", "closed", "referred"}),
    "notified": frozenset({"replied", "escalated", "closed"}),
    "replied": frozenset({"closed", "escalated"}),
    "escalated": frozenset({"notified"}),
    "closed": frozenset(),
    "referred": frozenset(),
}

NOTICE_TRANSITIONS: dict[str, frozenset[str]] = {
    "issued": frozenset({"replied", "escalated"}),
    "replied": frozenset({"closed", "escalated"}),
    "escalated": frozenset(),
    "closed": frozenset(),
}

# Days from the inspection to the deadline by severity (reference 2.0: 一般 7, 较重 3, 严重 立即).
DEADLINE_DAYS = {Severity.MINOR.value: 7, Severity.MAJOR.value: 3, Severity.SEVERE.value: 0}

SEVERITY_RANK = {Severity.MINOR.value: 1, Severity.MAJOR.value: 2, Severity.SEVERE.value: 3}

# A notice still waiting for the contractor: the deadline applies to these only. Once the reply
# is in, the next move is the inspector's, so the notice is no longer the contractor's overdue.
WAITING_FOR_CONTRACTOR = frozenset({"issued"})
FINDING_WAITING = frozenset({"open", "notified"})
NOTICE_OPEN = frozenset({"issued", "replied", "escalated"})


def finding_transition_error(old: str, new: str) -> str | None:
    """Chinese message when a finding may not go from `old` to `new`, else None."""
    if new in FINDING_TRANSITIONS.get(old, frozenset()):
        return None
    return (f"问题状态不能从“{FINDING_STATUS_LABELS.get(old, old)}”变为"
            f"“{FINDING_STATUS_LABELS.get(new, new)}”")


def notice_transition_error(old: str, new: str) -> str | None:
    """Chinese message when a notice may not go from `old` to `new`, else None."""
    if new in NOTICE_TRANSITIONS.get(old, frozenset()):
        return None
    return (f"整改通知书状态不能从“{RECTIFICATION_STATUS_LABELS.get(old, old)}”变为"
            f"“{RECTIFICATION_STATUS_LABELS.get(new, new)}”")


def next_working_day(day: dt.date) -> dt.date:
    """The first Monday–Friday after `day`. (Public holidays and swapped weekends are not known
    offline; near a holiday the inspector moves the date.)"""
    day += dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def default_deadline(severity: str, start: dt.date) -> dt.date:
    """By severity (一般 7, 较重 3 days, 严重 at once), but never before the next working day —
    nobody can rectify and reply on the day the notice arrives — and never on a weekend."""
    day = max(start + dt.timedelta(days=DEADLINE_DAYS.get(severity, 7)), next_working_day(start))
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def issue_date(today: dt.date, inspection_day: dt.date | None) -> dt.date:
    """A notice is never dated before the inspection it comes from."""
    return max(today, inspection_day) if inspection_day else today


# Sentences these rules write (shown translated by inspector.ui.texts).
MESSAGES = {
    "no_findings": "请至少选择一个问题列入通知书",
    "no_addressee": "请选择受检单位（接收通知书的参建单位）",
    "bad_action": "通知类型应为 限期整改 / 停工整改",
    "needs_stop": "所选问题中有须停工整改的，通知类型应为“停工整改”",
    "deadline_before": "整改期限不能早于下发日期（{date}）",
    "refer_only": "“移送处理”的问题不列入整改通知书，由案件线索移送函移送有关部门",
    "several_parties": "所选问题分属不同的责任单位，整改通知书应分别下发给各责任单位",
    "other_party": "所选问题的责任单位不是所选的受检单位：通知书应下发给负有整改责任的单位",
    "no_photos": "没有整改后的照片（整改回复或复查时拍摄）",
    "no_signoff": "整改回复单缺少整改责任人签认和监理单位意见",
    "evidence": "销项证据不足：{problems}。请补充后再销项，或写明越过的理由。",
    "override_note": "未附齐销项证据（{problems}），监督员决定销项，理由：{reason}",
    "finding_measured": "实测 {value}，不符合要求：{requirement}",
    "finding_unmet": "不符合要求：{requirement}",
}


NOTICE_ACTIONS = (RequiredAction.RECTIFY.value, RequiredAction.STOP_WORK.value)  # the two kinds of notice


def notice_problems(*, action: str, finding_actions: list[str], addressee_party_id: str | None,
                    deadline: dt.date | None, issued_on: dt.date,
                    finding_parties: Sequence[str | None] = ()) -> dict[str, str]:
    """What keeps a notice from being issued as chosen, by field (empty: it can be issued).
    `finding_parties`: the party each finding is addressed to (None: not said). A notice orders
    one party: the one that owes the duty."""
    problems: dict[str, str] = {}
    parties = {p for p in finding_parties if p}
    if not finding_actions:
        problems["findings"] = MESSAGES["no_findings"]
    elif RequiredAction.REFER.value in finding_actions:
        problems["findings"] = MESSAGES["refer_only"]
    elif len(parties) > 1:
        problems["findings"] = MESSAGES["several_parties"]
    if not addressee_party_id:
        problems["addressee"] = MESSAGES["no_addressee"]
    elif len(parties) == 1 and addressee_party_id not in parties:
        problems["addressee"] = MESSAGES["other_party"]
    if action not in NOTICE_ACTIONS:
        problems["action"] = MESSAGES["bad_action"]
    elif action == RequiredAction.RECTIFY.value and RequiredAction.STOP_WORK.value in finding_actions:
        problems["action"] = MESSAGES["needs_stop"]
    if deadline is not None and deadline < issued_on:
        problems["deadline"] = MESSAGES["deadline_before"].format(date=issued_on.isoformat())
    return problems


def closing_problems(*, photos: int, responsible_person: str, supervisor_opinion: str) -> list[str]:
    """What a 销项 (同意销项) lacks as evidence: photos of the rectified work (the reply's or the
    re-inspection's) and the reply signed off by the contractor's responsible person and the
    supervisor. Empty: the notice may be closed."""
    out = []
    if photos <= 0:
        out.append(MESSAGES["no_photos"])
    if not responsible_person.strip() or not supervisor_opinion.strip():
        out.append(MESSAGES["no_signoff"])
    return out


def finding_description(requirement: str, note: str, measured: str = "") -> str:
    """A finding says what was found: the inspector's note when there is one; otherwise the
    measured value, or that the requirement was not met (never the requirement alone)."""
    if note.strip():
        return note.strip()
    if measured:
        return MESSAGES["finding_measured"].format(value=measured, requirement=requirement)
    return MESSAGES["finding_unmet"].format(requirement=requirement)


def notice_action(actions: list[str] | set[str] | tuple[str, ...]) -> str:
    """A notice is a stop-work order if any of its findings requires stopping work."""
    return RequiredAction.STOP_WORK.value if RequiredAction.STOP_WORK.value in actions else RequiredAction.RECTIFY.value


def notice_title(action: str) -> str:
    return "停工整改通知书" if action == RequiredAction.STOP_WORK.value else "责令整改通知书"


def worst_severity(severities: list[str] | tuple[str, ...]) -> str:
    return max(severities, key=lambda s: SEVERITY_RANK.get(s, 0)) if severities else ""


def is_overdue(deadline: dt.date | None, status: str, today: dt.date) -> bool:
    """A notice (or finding) whose deadline has passed while it still waits for the contractor.
    The deadline day itself is not overdue."""
    if deadline is None:
        return False
    waiting = WAITING_FOR_CONTRACTOR | FINDING_WAITING
    return status in waiting and today > deadline


def days_overdue(deadline: dt.date | None, status: str, today: dt.date) -> int:
    return (today - deadline).days if deadline and is_overdue(deadline, status, today) else 0


def due_within(deadline: dt.date | None, status: str, today: dt.date, days: int = 7) -> bool:
    """Due from today up to `days` ahead and not yet answered (本周到期)."""
    if deadline is None or status not in (WAITING_FOR_CONTRACTOR | FINDING_WAITING):
        return False
    return today <= deadline <= today + dt.timedelta(days=days)
