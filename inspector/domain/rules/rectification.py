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


def default_deadline(severity: str, start: dt.date) -> dt.date:
    return start + dt.timedelta(days=DEADLINE_DAYS.get(severity, 7))


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
