"""RF-05 around one project: which reports of its labs' numbering series the rule must see to judge
the project's reports exactly as a read of the whole series would, without reading the series.

The rule (`rules.redflags_evidence.report_number_order`) pairs each report with the highest-numbered
report its series issued on an earlier day (the first of equals, in (day, number, written) order),
when that number is higher. The project's flags are the pairs one of its reports is in: as the later
report, or as the earlier one for the reports issued after it, until a day on which a higher number
was issued. Those reports, and for every report taken the highest number before its day, again and
again (each step goes back in time), make a set on which the rule finds every one of those pairs and
no other pair with the project in it.

A report whose number is on another report too is RF-01's, not in any series: `_valid` leaves it
out, as the rule does; the caller loads such reports' twins, so the rule sees them repeated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from inspector.domain.rules.redflag_inputs import ReportIn
from inspector.domain.rules.redflags_evidence import numbering, numbering_key
from inspector.store.flag_keys import DAYS, NUMBERS, TABLE

_LOOK = 20  # candidates read at a time, best first; rarely does one need more

_VALID = text(f"""
    SELECT t.id, t.rowid FROM test_reports t JOIN projects p ON p.id = t.project_id
    WHERE t.id IN :ids AND t.deleted = 0 AND p.deleted = 0 AND NOT EXISTS (
        SELECT 1 FROM {TABLE} a JOIN {TABLE} b ON b.kind = 'report_no' AND b.key = a.key AND b.row_id <> a.row_id
        JOIN test_reports t2 ON t2.id = b.row_id JOIN projects p2 ON p2.id = t2.project_id AND p2.deleted = 0
        WHERE a.kind = 'report_no' AND a.row_id = t.id AND t2.deleted = 0)""").bindparams(
    bindparam("ids", expanding=True))
_BEFORE = text(f"SELECT row_id, day, number FROM {NUMBERS} INDEXED BY ix_{NUMBERS}_numbers"
               " WHERE series = :series AND day < :day"
               " ORDER BY number DESC LIMIT :n OFFSET :skip")
_TOP_BEFORE = text(f"SELECT max(top) FROM {DAYS} WHERE series = :series AND day < :day")
_AT = text(f"SELECT row_id, day FROM {NUMBERS} INDEXED BY ix_{NUMBERS}_numbers"
           " WHERE series = :series AND number = :number AND day < :day")
_DAYS_HIGHER = text(f"SELECT day FROM {DAYS} WHERE series = :series AND day > :day AND top > :number ORDER BY day")
_HIGHER_ON = text(f"SELECT row_id FROM {NUMBERS} WHERE series = :series AND day = :day AND number > :number")
_LOWER_UNTIL = text(f"SELECT row_id, day, number FROM {NUMBERS} WHERE series = :series AND day > :day"
                    " AND (:until IS NULL OR day <= :until) AND number < :number")


def _valid(s: Session, ids: Iterable[str]) -> dict[str, int]:
    """Of these reports, the ones the rule counts (live, in a live project, number not repeated),
    with their rowid (the rule's order among equals)."""
    ids = list(ids)
    return {rid: rowid for rid, rowid in s.execute(_VALID, {"ids": ids})} if ids else {}


def _day(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _best_before(s: Session, series: str, day: dt.date) -> list[tuple[str, dt.date, int]]:
    """The counted reports (id, day, number) with the series' highest number issued before `day`
    (all of them: equals)."""
    top = s.execute(_TOP_BEFORE, {"series": series, "day": day.isoformat()}).scalar()
    if top is None:
        return []
    rows = s.execute(_AT, {"series": series, "day": day.isoformat(), "number": top}).all()
    valid = _valid(s, (r[0] for r in rows))
    if valid:  # as good as always: the highest number is a counted report's
        return [(rid, _day(d), top) for rid, d in rows if rid in valid]
    return _best_before_walking(s, series, day)


def _best_before_walking(s: Session, series: str, day: dt.date) -> list[tuple[str, dt.date, int]]:
    """`_best_before` when the highest number before the day is a repeated one (RF-01's) or in a
    deleted project: the numbers walked down from the top until a counted one."""
    skip, top, out = 0, None, []
    while True:
        rows = s.execute(_BEFORE, {"series": series, "day": day.isoformat(), "n": _LOOK, "skip": skip}).all()
        valid = _valid(s, (r[0] for r in rows))
        for rid, d, number in rows:
            if top is not None and number < top:
                return out
            if rid in valid:
                top = number
                out.append((rid, _day(d), number))
        if len(rows) < _LOOK:
            return out
        skip += _LOOK


def _first(s: Session, found: list[tuple[str, dt.date, int]]) -> str | None:
    """The one the rule names among equals: the earliest day, then the first written."""
    if not found:
        return None
    rowids = _valid(s, (f[0] for f in found))
    return min(found, key=lambda f: (f[1], rowids.get(f[0], 0)))[0]


def _next_higher_day(s: Session, series: str, day: dt.date, number: int) -> dt.date | None:
    """The first day after `day` on which a counted report with a higher number was issued."""
    for (d,) in s.execute(_DAYS_HIGHER, {"series": series, "day": day.isoformat(), "number": number}):
        rows = s.execute(_HIGHER_ON, {"series": series, "day": d, "number": number}).all()
        if _valid(s, (r[0] for r in rows)):
            return _day(d)
    return None


def neighbours(s: Session, own: Iterable[ReportIn], others: Iterable[ReportIn]) -> set[str]:
    """The ids of the series reports RF-05 needs beside `own` (the project's reports) and `others`
    (reports read for other rules, which the rule will place in their series too)."""
    need: set[str] = set()
    mine: dict[str, list[tuple[dt.date, int]]] = {}  # series -> the project's (day, number) in it
    todo: list[tuple[str, dt.date, int, bool]] = []
    for r, is_mine in [*((r, True) for r in own), *((r, False) for r in others)]:
        place = numbering(r.agency, r.report_no, r.report_date.year if r.report_date else None)
        if not place or r.report_date is None:
            continue
        series = numbering_key(r.agency, r.report_no, r.report_date.year)
        todo.append((series, r.report_date, place[3], is_mine))
        if not is_mine:
            continue
        mine.setdefault(series, []).append((r.report_date, place[3]))
        # The reports after it that it is the highest number before: while it is the best at all.
        if _first(s, _best_before(s, series, r.report_date + dt.timedelta(days=1))) != r.id:
            continue
        until = _next_higher_day(s, series, r.report_date, place[3])
        for rid, d, number in s.execute(_LOWER_UNTIL, {"series": series, "day": r.report_date.isoformat(),
                                                       "until": until.isoformat() if until else None,
                                                       "number": place[3]}):
            if rid not in need:
                need.add(rid)
                todo.append((series, _day(d), number, False))
    done: set[tuple[str, dt.date]] = set()
    while todo:  # each step goes to an earlier day: it ends
        series, day, number, is_mine = todo.pop()
        # Another project's report needs its own best only where one of the project's could stand in
        # for it (issued earlier with a higher number); elsewhere its lead, if any, is not this project's.
        if (series, day) in done or not (is_mine or any(d < day and n > number for d, n in mine.get(series, ()))):
            continue
        done.add((series, day))
        for rid, d, number_ in _best_before(s, series, day):
            if rid not in need:
                need.add(rid)
                todo.append((series, d, number_, False))
    return need

