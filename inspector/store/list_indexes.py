"""The indexes behind the lists other than the register (issue 13): one per sort order a list
offers, over live rows only (`WHERE deleted = 0`, the term every list's query has), each ending in
the row id that breaks ties, so a page in any order reads about a page of rows.

The list queries (`services/inspection_list.py` and its siblings) name the same expressions: an
expression index serves only a query that writes the expression the same way."""

from __future__ import annotations


def inspection_status_rank(alias: str = "") -> str:
    """The inspections list's status column in workflow order: 草稿, 已完成, 已签署 (a locked
    record is 已签署 whatever its status says)."""
    a = f"{alias}." if alias else ""
    return (f"CASE WHEN {a}locked_at IS NOT NULL THEN 2 ELSE CASE {a}status WHEN 'draft' THEN 0"
            f" WHEN 'completed' THEN 1 WHEN 'signed' THEN 2 ELSE 3 END END")


def rectification_status_rank(alias: str = "") -> str:
    """整改跟踪's status column in workflow order: 已下发, 已回复, 已升级, 已销项."""
    a = f"{alias}." if alias else ""
    return (f"CASE {a}status WHEN 'issued' THEN 0 WHEN 'replied' THEN 1 WHEN 'escalated' THEN 2"
            f" WHEN 'closed' THEN 3 ELSE 4 END")


# A notice without a deadline sorts after every dated one (as the list always showed it).
NO_DEADLINE = "9999-12-31"

_LIVE = " WHERE deleted = 0"

INSPECTION_INDEXES = {
    "ix_list_inspections_started": f"ON inspections(started_at, id){_LIVE}",
    "ix_list_inspections_record_no": f"ON inspections(record_no, id){_LIVE}",
    "ix_list_inspections_kind": f"ON inspections(kind, started_at, id){_LIVE}",
    "ix_list_inspections_inspector": f"ON inspections(inspector_name, started_at, id){_LIVE}",
    "ix_list_inspections_status_rank": f"ON inspections(({inspection_status_rank()}), started_at, id){_LIVE}",
    # The project and status filters, in the default order (newest first) and the project column's.
    "ix_list_inspections_project": f"ON inspections(project_id, started_at, id){_LIVE}",
    "ix_list_inspections_status": f"ON inspections(status, started_at, id){_LIVE}",
}

_DEADLINE = f"coalesce(deadline, '{NO_DEADLINE}')"
RECTIFICATION_INDEXES = {
    "ix_list_rectifications_deadline": f"ON rectifications(({_DEADLINE}), notice_no, id){_LIVE}",
    "ix_list_rectifications_notice_no": f"ON rectifications(notice_no, id){_LIVE}",
    "ix_list_rectifications_action": f"ON rectifications(action, ({_DEADLINE}), id){_LIVE}",
    "ix_list_rectifications_status_rank":
        f"ON rectifications(({rectification_status_rank()}), ({_DEADLINE}), id){_LIVE}",
    "ix_list_rectifications_project": f"ON rectifications(project_id, ({_DEADLINE}), id){_LIVE}",
    # The quick filters (open, due, overdue) and the summary's counts: a status, then a deadline range.
    "ix_list_rectifications_status": f"ON rectifications(status, deadline){_LIVE}",
}

INDEXES: dict[str, str] = {**INSPECTION_INDEXES, **RECTIFICATION_INDEXES}
ANALYZED = ("inspections", "rectifications")


def create_statements() -> list[str]:
    return [f"CREATE INDEX IF NOT EXISTS {name} {body}" for name, body in INDEXES.items()] + \
        [f"ANALYZE {table}" for table in ANALYZED]


def drop_statements() -> list[str]:
    return [f"DROP INDEX IF EXISTS {name}" for name in INDEXES]
