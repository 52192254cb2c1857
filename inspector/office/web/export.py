"""The office's 台账: what the project list shows (same filters, same scope), with the viewer's
inspections, notices, acceptances and red flags across inspectors, as one workbook (the sheets are
the laptop's too: `services/ledger.py`)."""

from __future__ import annotations

import datetime as dt
import io

from inspector.office.core import Office
from inspector.office.web import crossflags, queries
from inspector.reports import ledger
from inspector.services import ledger as ledger_rows
from inspector.sync.scope import Scope


def ledger_bytes(office: Office, scope: Scope | None, f: queries.Filters, *, today: dt.date) -> bytes:
    buf = io.BytesIO()
    with office.store.read() as s:
        flags = crossflags.compute(s, scope, today=today)
        if f.district:
            flags = [x for x in flags if f.district in x.districts]
        flag_rows = [(x.label, f"{x.title}：{x.detail}", "、".join(f"{p[1]} {p[2]}" for p in x.projects),
                      "、".join(x.districts), crossflags.DECISIONS.get(x.decision, "待处理"), x.reason) for x in flags]
        ledger.write_ledger(buf, ledger_rows.sheets(s, queries.project_filter(scope, f), today=today, flags=flag_rows))
    return buf.getvalue()
