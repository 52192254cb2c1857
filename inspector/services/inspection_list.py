"""One query per question about the inspections list (监督检查): which inspections match the project,
status and search words, in which order, one page at a time, and how many there are.

Each sort order is an index of the live inspections (`store/list_indexes.py`), so the first page of
50 000 inspections reads about a page of rows whichever column the inspector sorts by. The search
words are looked up in the list's text index (`store/list_search.py`): a rare word costs its few
matches; a broad one is tested on the rows in the list's order and stops after a page
(`paging.indexed_words`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from inspector.services.inspections import InspectionRow
from inspector.services.paging import COUNT_CAP, Page, fetch_page, indexed_words, utc
from inspector.store import Reader
from inspector.store.list_indexes import inspection_status_rank
from inspector.store.list_search import INSPECTIONS

# Column → ORDER BY terms (each served by an index in list_indexes.INSPECTION_INDEXES); `id` breaks
# ties so that pages never overlap or skip a row.
SORTS: dict[str, tuple[str, ...]] = {
    "record_no": ("i.record_no", "i.id"),
    "project": ("p.code", "i.started_at", "i.id"),
    "kind": ("i.kind", "i.started_at", "i.id"),
    "started_at": ("i.started_at", "i.id"),
    "inspector": ("i.inspector_name", "i.started_at", "i.id"),
    "status": (inspection_status_rank("i"), "i.started_at", "i.id"),
}

# What a search word is looked for in (the list's old in-memory haystack, same fields; what the
# text index holds, list_search.INSPECTIONS).
_TEXT = ("(i.record_no || ' ' || p.code || ' ' || p.name || ' ' || i.kind || ' ' || i.inspector_name"
         " || ' ' || i.summary)")
_FINDINGS = "(SELECT count(*) FROM findings f WHERE f.inspection_id = i.id AND f.deleted = 0)"
_COLUMNS = (f"i.id, i.project_id, p.code, p.name, i.record_no, i.kind, i.started_at, i.status,"
            f" i.locked_at IS NOT NULL, i.inspector_name, {_FINDINGS}")


@dataclass(frozen=True)
class InspectionQuery:
    """What the inspections list shows: the project and status filters, the search words, the sort
    column and direction (newest first by default)."""

    text: str = ""
    project_id: str | None = None
    status: str | None = None
    sort: str = "started_at"
    descending: bool = True


def _row(iid, pid, code, name, record_no, kind, started_at, status, locked, inspector, findings):  # type: ignore[no-untyped-def]
    return InspectionRow(iid, pid, code, name, record_no, kind, utc(started_at), status, bool(locked), inspector,
                         findings)


def find_inspections(s: Session, q: InspectionQuery, *, offset: int = 0, limit: int | None = None) -> Page:
    """The page [offset, offset+limit) of the inspections matching `q`, in its order, and their
    number. Runs in the caller's read session (the list calls it off the GUI thread)."""
    if q.sort not in SORTS:
        raise ValueError(f"unknown sort column {q.sort!r}")
    params: dict[str, object] = {}
    where = ["i.deleted = 0"]
    if q.project_id:
        where.append("i.project_id = :project_id")
        params["project_id"] = q.project_id
    if q.status:
        where.append("i.status = :status")
        params["status"] = q.status
    words = indexed_words(s.connection().connection.driver_connection, INSPECTIONS, q.text, _TEXT, "i.id", params)
    if words.nothing:
        return Page(0, [], offset)
    where += words.where
    # The project's code and name are shown and searched: the join is there for every page, but the
    # count needs it only for a search.
    tables = "inspections i JOIN projects p ON p.id = i.project_id"
    if q.sort == "project" and not q.project_id and not (words.where and words.exact):
        # Walk the projects in code order and each one's inspections by index, stopping after a
        # page. With many more projects than inspections the planner would rather sort every
        # inspection (0.5 s at 100 000 projects, against 30 ms this way): CROSS JOIN keeps the order.
        # A search's few matches (from the index) are sorted instead.
        tables = "projects p CROSS JOIN inspections i ON p.id = i.project_id"
    return fetch_page(s, columns=_COLUMNS, tables=tables, where=where, order=SORTS[q.sort],
                      descending=q.descending, params=params, offset=offset, limit=limit, make=_row,
                      count_tables="inspections i" if words.exact else None,
                      count_cap=None if words.exact else COUNT_CAP,
                      at_least_cap=words.found > COUNT_CAP and not (q.project_id or q.status))


def page_inspections(store: Reader, q: InspectionQuery, *, offset: int = 0, limit: int = 200) -> Page:
    """One page of the inspections list in its own read transaction (called off the GUI thread)."""
    with store.read() as s:
        return find_inspections(s, q, offset=offset, limit=limit)
