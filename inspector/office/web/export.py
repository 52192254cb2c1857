"""The office's 台账: what the project list shows (same filters, same scope), with the viewer's
inspections, notices, acceptances and red flags, as one workbook (`reports/ledger.py`)."""

from __future__ import annotations

import datetime as dt
import io

from inspector.office.core import Office
from inspector.office.web import crossflags, queries
from inspector.reports import ledger
from inspector.sync.scope import Scope


def ledger_bytes(office: Office, scope: Scope | None, f: queries.Filters, *, today: dt.date) -> bytes:
    from inspector.domain.vocab import INSPECTION_STATUS_LABELS, RECTIFICATION_STATUS_LABELS

    buf = io.BytesIO()
    with office.store.read() as s:
        flags = crossflags.compute(s, scope, today=today)
        if f.district:
            flags = [x for x in flags if f.district in x.districts]
        sheets = [
            ledger.Sheet("项目", ledger.PROJECT_COLUMNS, s.execute(queries.all_projects(s, scope, f)), 2),
            ledger.Sheet("监督检查", ledger.INSPECTION_COLUMNS,
                         ((*r[:7], INSPECTION_STATUS_LABELS.get(r[7], r[7]), r[8])
                          for r in s.execute(queries.ledger_inspections(scope, f))), 3),
            ledger.Sheet("整改通知", ledger.RECTIFICATION_COLUMNS,
                         ((*r[:8], RECTIFICATION_STATUS_LABELS.get(r[8], r[8]), *r[9:])
                          for r in s.execute(queries.ledger_rectifications(scope, f, today))), 3),
            ledger.Sheet("联合验收", ledger.ACCEPTANCE_COLUMNS,
                         ((*r[:7], "已签署" if r[7] == "signed" else "草稿", r[8])
                          for r in s.execute(queries.ledger_acceptances(scope, f))), 3),
            ledger.Sheet("红色预警", ledger.REDFLAG_COLUMNS,
                         ((x.label, f"{x.title}：{x.detail}", "、".join(f"{p[1]} {p[2]}" for p in x.projects),
                           "、".join(x.districts), crossflags.DECISIONS.get(x.decision, "待处理"), x.reason)
                          for x in flags), 3),
        ]
        ledger.write_ledger(buf, sheets)
    return buf.getvalue()
