"""Record numbers (文书字号) like 宁建质监整字〔2026〕第7K2QF-0012号: the station's prefix, the series of
the record kind (检 整 停 复 验 移 送, `domain/kinds.SERIES`), the year, this device's code and a
sequence per device, series and year.

Numbers cannot collide across laptops: each device numbers only inside its own code. The code is
the one the office assigned to the device at sign-in (unique at the office), else one derived from
the device's random id (5 characters of base 32: two devices share one with odds of 1 in 33 million).

Draw a number inside the unit of work that creates the record: the store's writers take the lock up
front (BEGIN IMMEDIATE), so two writers cannot draw the same number, and a rolled-back record gives
its number back."""

from __future__ import annotations

import base64
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.domain.kinds import RECORD_KINDS
from inspector.domain.system import Counter, Setting

DEFAULT_PREFIX = "宁建质监"
DEFAULT_STATION = "西宁市建设工程质量安全监督站"
PREFIX_SETTING = "doc_prefix"
CODE_SETTING = "number_code"


def derived_code(device_id: str) -> str:
    """A short code from the device's id (used until the office assigns one)."""
    try:
        raw = uuid.UUID(device_id).bytes
    except ValueError:
        raw = device_id.encode()
    return base64.b32encode(raw).decode()[:5]


def _setting(session: Session, key: str) -> str:
    with session.no_autoflush:
        return session.scalar(select(Setting.value).where(Setting.key == key)) or ""


def device_code(session: Session, device_id: str) -> str:
    return _setting(session, CODE_SETTING).strip() or derived_code(device_id)


def prefix(session: Session) -> str:
    return _setting(session, PREFIX_SETTING).strip() or DEFAULT_PREFIX


def format_number(prefix_text: str, series: str, year: int, code: str, seq: int) -> str:
    return f"{prefix_text}{series}字〔{year}〕第{code}-{seq:04d}号"


def next_number(session: Session, kind: str, year: int, row: object | None = None) -> str:
    """Draw the next number for a record of `kind` (its series; `row` decides a notice's: 整 or 停)
    in `year`, on this device (the session's unit says which)."""
    series = RECORD_KINDS[kind].series_of(row)
    device = session.info["unit"].device_id
    counter = session.scalars(select(Counter).where(Counter.kind == series, Counter.year == year)).first()
    if counter is None:
        counter = Counter(kind=series, year=year, last=0)
        session.add(counter)
    counter.last = (counter.last or 0) + 1
    session.flush()
    return format_number(prefix(session), series, year, device_code(session, device), counter.last)
