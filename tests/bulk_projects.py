"""Many projects at once, the way a bulk load does it (Core executemany, one transaction, the search
index rebuilt once): a register of thousands in well under a second, for tests that page and sort."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert

from inspector.domain import Party, Project
from inspector.store import search_index

DISTRICTS = ("城东区", "城中区", "城西区", "城北区")
STATUSES = ("储备", "计划", "在建", "待验收", "已验收", "已移交")


def bulk_projects(store, n: int, *, prefix: str = "XN") -> list[str]:  # type: ignore[no-untyped-def]
    """`n` live projects XN-00000… with a contractor each; household counts repeat every 97."""
    meta = {"rev": 1, "base_rev": 0, "updated_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "updated_by": "t",
            "device_id": "t", "deleted": False}
    projects = [{**meta, "id": f"{prefix}-p{i}", "code": f"{prefix}-{i:05d}", "name": f"小区{i}",
                 "community_name": "", "district": DISTRICTS[i % 4], "street": "", "community": "",
                 "address": f"西宁市{DISTRICTS[i % 4]}{i}号", "status": STATUSES[i % 6], "plan_year": 2020 + i % 7,
                 "households": 24 + (i * 37) % 97, "renovation_items": [], "notes": "", "permit_no": "",
                 "supervision_no": ""} for i in range(n)]
    parties = [{**meta, "id": f"{prefix}-c{i}", "project_id": f"{prefix}-p{i}", "role": "施工单位",
                "name": f"第{i % 13}建设工程有限公司", "credit_code": "", "qualification": "",
                "qualification_no": "", "safety_licence_no": "", "contact_person": "", "contact_phone": "",
                "complaint_phone": ""} for i in range(n)]
    with store.engine.begin() as conn:
        search_index.bulk_load_begin(conn)
        conn.execute(insert(Project.__table__), projects)
        conn.execute(insert(Party.__table__), parties)
        search_index.bulk_load_end(conn)
    return [p["id"] for p in projects]
