"""Record numbers (文书编号) like 〔2026〕第0012号, from the `counters` table, per kind and year.

Call inside the write transaction that creates the record: the store's writers take the lock up
front (BEGIN IMMEDIATE), so two writers cannot draw the same number, and a rolled-back record
gives its number back."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.domain.system import Counter


def format_number(year: int, seq: int) -> str:
    return f"〔{year}〕第{seq:04d}号"


def next_number(session: Session, kind: str, year: int) -> str:
    """Draw the next number of `kind` (e.g. "inspection", "rectification") for `year`."""
    counter = session.scalars(select(Counter).where(Counter.kind == kind, Counter.year == year)).first()
    if counter is None:
        counter = Counter(kind=kind, year=year, last=0)
        session.add(counter)
    counter.last = (counter.last or 0) + 1
    session.flush()
    return format_number(year, counter.last)
