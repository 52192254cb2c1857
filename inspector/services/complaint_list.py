"""One query per question about 投诉台账, a project's complaints: which match the status filter and
the search words, in which column's order, one page at a time (`services/paging`), and how many
there are, open and in all.

The list is per project: the project's complaints come from its index (`ix_complaints_project_id`),
tens of rows, filtered and sorted by SQL. The complainant's phone leaves the query only masked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from inspector.domain.rules import validation as v
from inspector.domain.vocab import COMPLAINT_STATUS_LABELS, FINDING_STATUS_LABELS
from inspector.services.complaints import ComplaintRow
from inspector.services.paging import Page, fetch_page, utc, word_tests
from inspector.store import Reader

_STATUS_RANK = ("CASE c.status " + " ".join(f"WHEN '{code}' THEN {i}" for i, code in enumerate(COMPLAINT_STATUS_LABELS))
                + " ELSE 99 END")

# Column → ORDER BY terms; the id breaks ties so that pages never overlap.
SORTS: dict[str, tuple[str, ...]] = {
    "received_at": ("c.received_at", "c.id"),
    "channel": ("c.channel", "c.received_at", "c.id"),
    "content": ("c.content", "c.id"),
    "location": ("c.location", "c.received_at", "c.id"),
    "complainant": ("c.complainant_name", "c.received_at", "c.id"),
    "deadline": ("coalesce(c.deadline, '9999-12-31')", "c.received_at", "c.id"),
    "status": (_STATUS_RANK, "c.received_at", "c.id"),
}

# What a search word is looked for in: the complaint's text, its complainant's name (not the phone)
# and the linked finding's description.
_TEXT = ("(c.content || ' ' || c.location || ' ' || c.complainant_name || ' ' || c.channel || ' ' || c.resolution"
         " || ' ' || coalesce(f.description, ''))")
_COLUMNS = ("c.id, c.project_id, c.received_at, c.channel, c.content, c.location, c.complainant_name,"
            " c.complainant_phone, c.deadline, c.status, c.resolution, c.resolved_on, c.finding_id,"
            " f.description, f.status, f.closed_on")
_TABLES = "complaints c LEFT JOIN findings f ON f.id = c.finding_id"


@dataclass(frozen=True)
class ComplaintQuery:
    """What 投诉台账 shows: the project, the status filter ("unresolved", "resolved" or None), the
    search words, the sort column and direction (newest first by default)."""

    project_id: str = ""
    text: str = ""
    status: str | None = None
    sort: str = "received_at"
    descending: bool = True


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def _row(cid, pid, received, channel, content, location, name, phone, deadline, status, resolution,  # type: ignore[no-untyped-def]
         resolved_on, fid, description, finding_status, closed_on) -> ComplaintRow:
    linked = ""
    if fid and description is not None:
        linked = f"{description[:30]}（{FINDING_STATUS_LABELS.get(finding_status, finding_status)}" + \
            (f"，{closed_on[:10]}销项）" if closed_on else "）")
    return ComplaintRow(cid, pid, utc(received), channel, content, location, name,
                        v.mask_phone(phone) if phone else "", _date(deadline), status, resolution,
                        _date(resolved_on), fid, linked)


def find_complaints(s: Session, q: ComplaintQuery, *, offset: int = 0, limit: int | None = None) -> Page:
    """The page [offset, offset+limit) of project `q.project_id`'s complaints matching `q`, in its
    order, and their number. Runs in the caller's read session (the list calls it off the GUI thread)."""
    if q.sort not in SORTS or q.status not in (None, "unresolved", "resolved"):
        raise ValueError(f"unknown sort {q.sort!r} or status {q.status!r}")
    params: dict[str, object] = {"project_id": q.project_id}
    where = ["c.deleted = 0", "c.project_id = :project_id"]
    if q.status:
        where.append("c.status = 'resolved'" if q.status == "resolved" else "c.status <> 'resolved'")
    where += word_tests(q.text, _TEXT, params)
    return fetch_page(s, columns=_COLUMNS, tables=_TABLES, where=where, order=SORTS[q.sort],
                      descending=q.descending, params=params, offset=offset, limit=limit, make=_row)


def page_complaints(store: Reader, q: ComplaintQuery, *, offset: int = 0, limit: int = 200) -> Page:
    """One page of 投诉台账 in its own read transaction (called off the GUI thread)."""
    if not q.project_id:
        return Page(0, [], offset)
    with store.read() as s:
        return find_complaints(s, q, offset=offset, limit=limit)


def complaint_counts(store: Reader, *, project_id: str) -> tuple[int, int]:
    """(all, not yet resolved) complaints of the project: the list's summary line. Off the GUI thread."""
    with store.read() as s:
        raw = s.connection().connection.driver_connection
        return tuple(raw.execute(
            "SELECT count(*), coalesce(sum(status <> 'resolved'), 0) FROM complaints WHERE project_id = ?"
            " AND deleted = 0", (project_id,)).fetchone())  # type: ignore[return-value]
