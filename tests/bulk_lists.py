"""Rows for the paged lists, the way a bulk load writes them (Core executemany, one transaction):
hundreds of inspections in a fraction of a second, for tests that page, sort and filter."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import insert

from inspector.domain import Inspection

KINDS = ("日常巡查", "专项检查", "投诉核查", "验收前检查")
INSPECTORS = ("王监督", "李监督", "张监督")
STATUSES = ("draft", "completed", "signed")
_META = {"rev": 1, "base_rev": 0, "updated_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "updated_by": "t",
         "device_id": "t", "deleted": False}


def bulk_inspections(store, project_ids: list[str], n: int) -> list[str]:  # type: ignore[no-untyped-def]
    """`n` live inspections JC-0000… spread over `project_ids`, one a day back from 2026-06-01
    (inspection i started i days before), kinds, inspectors and statuses in turn."""
    start = dt.datetime(2026, 6, 1, 2, 0, tzinfo=dt.UTC)
    rows = [{**_META, "id": f"insp-{i}", "project_id": project_ids[i % len(project_ids)],
             "record_no": f"JC-{i:04d}", "kind": KINDS[i % 4], "inspector_name": INSPECTORS[i % 3],
             "started_at": start - dt.timedelta(days=i), "status": STATUSES[i % 3],
             "summary": f"第{i}次检查", "locked_at": start if STATUSES[i % 3] == "signed" else None}
            for i in range(n)]
    with store.engine.begin() as conn:
        conn.execute(insert(Inspection.__table__), rows)
    return [r["id"] for r in rows]


NOTICE_STATUSES = ("issued", "replied", "closed", "escalated")
TODAY = dt.date(2026, 6, 1)


def bulk_rectifications(store, project_ids: list[str], n: int) -> list[dict]:  # type: ignore[no-untyped-def]
    """`n` live notices ZG-0000… over `project_ids`: deadlines from 30 days before TODAY onwards, one
    a day (notice i is due on TODAY - 30 + i), statuses and the two actions in turn."""
    from inspector.domain import Rectification

    rows = [{**_META, "id": f"rect-{i}", "project_id": project_ids[i % len(project_ids)], "notice_no": f"ZG-{i:04d}",
             "action": "停工整改" if i % 5 == 0 else "限期整改", "issued_on": TODAY - dt.timedelta(days=40),
             "deadline": TODAY + dt.timedelta(days=i - 30), "requirements": f"第{i}项整改要求",
             "status": NOTICE_STATUSES[i % 4]} for i in range(n)]
    with store.engine.begin() as conn:
        conn.execute(insert(Rectification.__table__), rows)
    return rows


COMPLAINT_STATUSES = ("open", "in_progress", "resolved")


def bulk_complaints(store, project_id: str, n: int) -> list[dict]:  # type: ignore[no-untyped-def]
    """`n` live complaints of one project, received one an hour back from 2026-06-01 10:00 (Xining
    time; complaint i an hour before i-1), statuses in turn, complainants 投诉人0…, deadlines one a
    day from TODAY on, content 第i件投诉."""
    from inspector.domain import Complaint

    start = dt.datetime(2026, 6, 1, 2, 0, tzinfo=dt.UTC)
    rows = [{**_META, "id": f"cmp-{project_id}-{i}", "project_id": project_id, "received_at": start - dt.timedelta(hours=i),
             "channel": "12345热线" if i % 2 else "电话", "content": f"第{i}件投诉", "location": f"{i % 9}号楼",
             "complainant_name": f"投诉人{i}", "complainant_phone": f"1390000{i:04d}", "finding_id": None,
             "deadline": TODAY + dt.timedelta(days=i), "status": COMPLAINT_STATUSES[i % 3], "resolution": "",
             "resolved_on": None} for i in range(n)]
    with store.engine.begin() as conn:
        conn.execute(insert(Complaint.__table__), rows)
    return rows


def bulk_conflicts(store, project_ids: list[str], n: int) -> list[dict]:  # type: ignore[no-untyped-def]
    """`n` conflicts on the projects' 备注 (notes), conflict i on project i % len: synced in pairs (i
    and i+1 share revision 1 + i // 2, as one sync's conflicts do), every fourth one open (i % 4 == 0),
    the rest resolved; the other version says 另一版本{i}."""
    from inspector.domain import Conflict

    start = dt.datetime(2026, 6, 1, 2, 0, tzinfo=dt.UTC)
    rows = [{**_META, "rev": 1 + i // 2, "id": f"conflict-{i:05d}", "project_id": project_ids[i % len(project_ids)],
             "tbl": "projects", "row_id": project_ids[i % len(project_ids)], "field": "notes", "kind": "field",
             "kept_value": "", "other_value": f"另一版本{i}", "other_by": f"王{i % 5}", "other_device": "dev-b",
             "other_at": start - dt.timedelta(minutes=i), "resolved": i % 4 != 0,
             "resolution": "" if i % 4 == 0 else "kept", "resolved_by": "" if i % 4 == 0 else "李淑芬"}
            for i in range(n)]
    # Not in id order: the store's row order must not stand in for the list's tie-break.
    random.Random(7).shuffle(rows)
    with store.engine.begin() as conn:
        conn.execute(insert(Conflict.__table__), rows)
    return rows
