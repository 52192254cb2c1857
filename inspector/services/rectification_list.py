"""One query per question about 整改跟踪, the notices across projects: which notices match the quick
filter (open, due this week, overdue), the project and the search words, in which order, a page at a
time; and how many are open, due and overdue.

The sort orders are indexes of the live notices (`store/list_indexes.py`), except 逾期天数, which
depends on today: it is an SQL sort over the matching notices (most of them closed long ago and
filtered out by the 未销项/已逾期 filters that go with it). 问题数 and 严重程度 come from the notice's
findings, counted per shown row, and are not sort orders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from inspector.domain.clock import china_today
from inspector.domain.rules import rectification as rules
from inspector.services.findings import RectRow
from inspector.services.paging import COUNT_CAP, Page, fetch_page, indexed_words
from inspector.store import Reader
from inspector.store.list_indexes import NO_DEADLINE, rectification_status_rank
from inspector.store.list_search import RECTIFICATIONS

_WAITING = tuple(sorted(rules.WAITING_FOR_CONTRACTOR | rules.FINDING_WAITING))
_OPEN = tuple(sorted(rules.NOTICE_OPEN))
_IN_WAITING = "r.status IN (" + ", ".join(f"'{s}'" for s in _WAITING) + ")"
_IN_OPEN = "r.status IN (" + ", ".join(f"'{s}'" for s in _OPEN) + ")"
_DEADLINE = f"coalesce(r.deadline, '{NO_DEADLINE}')"
_DAYS_OVERDUE = (f"CASE WHEN {_IN_WAITING} AND r.deadline < :today"
                 " THEN julianday(:today) - julianday(r.deadline) ELSE 0 END")

SORTS: dict[str, tuple[str, ...]] = {
    "project": ("p.code", _DEADLINE, "r.id"),
    "notice_no": ("r.notice_no", "r.id"),
    "action": ("r.action", _DEADLINE, "r.id"),
    "deadline": (_DEADLINE, "r.notice_no", "r.id"),
    "days_overdue": (_DAYS_OVERDUE, _DEADLINE, "r.id"),
    "status": (rectification_status_rank("r"), _DEADLINE, "r.id"),
}

# Quick filter → WHERE terms (rules.is_overdue, rules.due_within and RectRow.open in SQL).
QUICK: dict[str, tuple[str, ...]] = {
    "all": (),
    "open": (_IN_OPEN,),
    "due": (_IN_WAITING, "r.deadline >= :today", "r.deadline <= :week"),
    "overdue": (_IN_WAITING, "r.deadline < :today"),
}

# What a search word is looked for in (what the text index holds, list_search.RECTIFICATIONS).
_TEXT = "(p.code || ' ' || p.name || ' ' || r.notice_no || ' ' || r.requirements || ' ' || r.action)"
_FINDINGS = "FROM findings f WHERE f.rectification_id = r.id AND f.deleted = 0"
_SEVERITY = ("(SELECT CASE max(CASE f.severity " + " ".join(f"WHEN '{s}' THEN {n}" for s, n in
             rules.SEVERITY_RANK.items()) + " ELSE 0 END) " + " ".join(
             f"WHEN {n} THEN '{s}'" for s, n in rules.SEVERITY_RANK.items()) + f" ELSE '' END {_FINDINGS})")
_COLUMNS = (f"r.id, r.project_id, p.code, p.name, r.notice_no, r.action, (SELECT count(*) {_FINDINGS}),"
            f" {_SEVERITY}, r.issued_on, r.deadline, r.status")


@dataclass(frozen=True)
class RectificationQuery:
    """What 整改跟踪 shows: the quick filter, the project, the search words, the sort column and
    direction (deadline first by default), and the day that decides what is due and overdue."""

    text: str = ""
    project_id: str | None = None
    quick: str = "open"
    today: dt.date = field(default_factory=china_today)
    sort: str = "deadline"
    descending: bool = False


@dataclass(frozen=True)
class NoticeCounts:
    open: int
    due: int
    overdue: int


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def find_rectifications(s: Session, q: RectificationQuery, *, offset: int = 0, limit: int | None = None) -> Page:
    """The page [offset, offset+limit) of the notices matching `q`, in its order, and their number.
    Runs in the caller's read session (the list calls it off the GUI thread)."""
    if q.sort not in SORTS or q.quick not in QUICK:
        raise ValueError(f"unknown sort {q.sort!r} or filter {q.quick!r}")
    today = q.today
    params: dict[str, object] = {"today": today.isoformat(), "week": (today + dt.timedelta(days=7)).isoformat()}
    where = ["r.deleted = 0", *QUICK[q.quick]]
    if q.project_id:
        where.append("r.project_id = :project_id")
        params["project_id"] = q.project_id
    words = indexed_words(s.connection().connection.driver_connection, RECTIFICATIONS, q.text, _TEXT, "r.id",
                          params)
    if words.nothing:
        return Page(0, [], offset)
    where += words.where

    def make(rid, pid, code, name, notice_no, action, findings, severity, issued_on, deadline, status):  # type: ignore[no-untyped-def]
        due = _date(deadline)
        return RectRow(rid, pid, code, name, notice_no, rules.notice_title(action), action, findings, severity,
                       _date(issued_on), due, rules.days_overdue(due, status, today),
                       rules.due_within(due, status, today), status)

    return fetch_page(s, columns=_COLUMNS, tables="rectifications r JOIN projects p ON p.id = r.project_id",
                      where=where, order=SORTS[q.sort], descending=q.descending, params=params, offset=offset,
                      limit=limit, make=make, count_tables="rectifications r" if words.exact else None,
                      count_cap=None if words.exact else COUNT_CAP,
                      at_least_cap=words.found > COUNT_CAP and not q.project_id and q.quick == "all")


def page_rectifications(store: Reader, q: RectificationQuery, *, offset: int = 0, limit: int = 200) -> Page:
    """One page of 整改跟踪 in its own read transaction (called off the GUI thread)."""
    with store.read() as s:
        return find_rectifications(s, q, offset=offset, limit=limit)


def notice_counts(store: Reader, *, today: dt.date | None = None) -> NoticeCounts:
    """How many notices are open, due within the week and overdue (the list's summary line): three
    counts on the status-and-deadline index. Called off the GUI thread."""
    today = today or china_today()
    params = {"today": today.isoformat(), "week": (today + dt.timedelta(days=7)).isoformat()}
    with store.read() as s:
        raw = s.connection().connection.driver_connection

        def count(quick: str) -> int:
            where = " AND ".join(("r.deleted = 0", *QUICK[quick]))
            return raw.execute(f"SELECT count(*) FROM rectifications r WHERE {where}", params).fetchone()[0]

        return NoticeCounts(count("open"), count("due"), count("overdue"))
