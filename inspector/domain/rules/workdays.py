"""Working days (工作日) under China's public-holiday schedule, as a pure rule over plain dates.

A day is a working day when it is Monday–Friday and not a public holiday, or when it is a weekend
day the State Council moved work to (调休上班). The schedule itself is data published each year
(`forms/calendar/*.toml`, read by `inspector.checklists.calendar`); a year with no schedule counts
Monday–Friday, and `covers()` says so, so a caller can tell the user the count may be off there."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class WorkCalendar:
    holidays: frozenset[dt.date] = field(default_factory=frozenset)   # 放假日 (weekdays and weekends)
    workdays: frozenset[dt.date] = field(default_factory=frozenset)   # 调休上班的周六、周日
    years: frozenset[int] = field(default_factory=frozenset)          # years whose schedule is known

    @classmethod
    def of(cls, holidays: Iterable[dt.date] = (), workdays: Iterable[dt.date] = (),
           years: Iterable[int] = ()) -> WorkCalendar:
        return cls(frozenset(holidays), frozenset(workdays), frozenset(years))

    def covers(self, day: dt.date) -> bool:
        return day.year in self.years

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The day `n` working days after `start` (before it for negative `n`); `start` itself is
        not counted, as a period counts from the next day (YS-10: 7 working days before the
        acceptance day is the 7th working day going back from the day before it)."""
        step = 1 if n >= 0 else -1
        day, left = start, abs(n)
        while left:
            day += dt.timedelta(days=step)
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, earlier: dt.date, later: dt.date) -> int:
        """Working days after `earlier` up to and including `later` (0 when later <= earlier)."""
        n, day = 0, earlier
        while day < later:
            day += dt.timedelta(days=1)
            n += self.is_working_day(day)
        return n


# Monday–Friday only: what a date rule falls back to when no schedule is loaded at all.
WEEKDAYS_ONLY = WorkCalendar()
