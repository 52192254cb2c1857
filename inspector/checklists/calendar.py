"""The shipped public-holiday and 调休 schedule (`forms/calendar/<year>.toml`, one file per year, as
published by the State Council): loaded, validated and turned into a `WorkCalendar` that every
working-day rule uses. The office updates it by adding next year's file; no program change."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

from inspector.checklists.loader import Collector, Problem, read_toml
from inspector.domain.rules.workdays import WorkCalendar

CALENDAR_DIR = "calendar"
TOP_KEYS = {"year", "source", "holidays", "workdays"}
HOLIDAY_KEYS = {"name", "from", "to"}


def calendar_files(forms: Path) -> list[Path]:
    return sorted((forms / CALENDAR_DIR).glob("*.toml"))


def _date(c: Collector, where: str, value: Any, year: int | None, what: str) -> dt.date | None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        c.add(where, f"{what}应为日期，如 2026-10-01（expected a TOML date）")
        return None
    return value


def load_calendar_file(path: Path) -> tuple[tuple[int, set[dt.date], set[dt.date]] | None, list[Problem]]:
    """(year, holidays, workdays) of one year's file, or None with every problem found."""
    c = Collector(str(path))
    data = read_toml(path, c)
    if data is None:
        return None, c.problems
    for key in data:
        if key not in TOP_KEYS:
            c.add(key, f"未知的键 “{key}”（unknown key; 允许：{', '.join(sorted(TOP_KEYS))}）")
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        c.add("year", "“year” 应为年份，如 2026（expected a year）")
        year = None
    c.string("source", data, "source")
    holidays: set[dt.date] = set()
    for n, h in enumerate(data.get("holidays") or [], 1):
        where = f"holidays[{n}]"
        if not isinstance(h, dict):
            c.add(where, "应为 { name = ..., from = 日期, to = 日期 }（expected table）")
            continue
        c.unknown_keys(where, h, HOLIDAY_KEYS)
        c.string(where, h, "name")
        start = _date(c, where, h.get("from"), year, "from ")
        end = _date(c, where, h.get("to"), year, "to ")
        if start is None or end is None:
            continue
        if end < start or (end - start).days > 15:
            c.add(where, f"放假起止日期不合理：{start} 至 {end}（from/to out of order or too long）")
            continue
        if year is not None and (start.year != year or end.year != year):
            c.add(where, f"放假日期不在 {year} 年内（dates outside the file's year）")
        holidays.update(start + dt.timedelta(days=i) for i in range((end - start).days + 1))
    workdays: set[dt.date] = set()
    for n, w in enumerate(data.get("workdays") or [], 1):
        day = _date(c, f"workdays[{n}]", w, year, "调休上班日")
        if day is None:
            continue
        if day.weekday() < 5:
            c.add(f"workdays[{n}]", f"{day} 不是周六或周日，无需列为调休上班日（not a weekend day）")
        if day in holidays:
            c.add(f"workdays[{n}]", f"{day} 同时列为放假日和上班日（both holiday and workday）")
        if year is not None and day.year != year:
            c.add(f"workdays[{n}]", f"{day} 不在 {year} 年内（outside the file's year）")
        workdays.add(day)
    if c.problems or year is None:
        return None, c.problems
    return (year, holidays, workdays), []


def load_calendar(forms: Path) -> tuple[WorkCalendar, list[Problem]]:
    """Every year's file of `forms/calendar/` merged; a broken file is left out and reported, and
    two files for one year are a problem (the second is left out)."""
    holidays: set[dt.date] = set()
    workdays: set[dt.date] = set()
    years: set[int] = set()
    problems: list[Problem] = []
    for path in calendar_files(forms):
        loaded, found = load_calendar_file(path)
        problems.extend(found)
        if loaded is None:
            continue
        year, h, w = loaded
        if year in years:
            problems.append(Problem(str(path), "year", f"{year} 年的日历重复（duplicate year）"))
            continue
        years.add(year)
        holidays |= h
        workdays |= w
    return WorkCalendar.of(holidays, workdays, years), problems


@lru_cache(maxsize=4)
def _cached(forms: str) -> WorkCalendar:
    return load_calendar(Path(forms))[0]


def default_calendar() -> WorkCalendar:
    """The calendar of the forms folder the app runs with (`$INSPECTOR_FORMS` or the shipped one)."""
    from inspector.paths import forms_dir

    return _cached(str(forms_dir()))
