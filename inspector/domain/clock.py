"""China time: the one time zone the product shows. Times are stored in UTC (`base.UTCDateTime`)
and shown in China Standard Time (UTC+8, no daylight saving), on screen, in the CLI and on records."""

from __future__ import annotations

import datetime as dt

CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "CST")


def china_time(value: dt.datetime) -> dt.datetime:
    """An aware time as China wall-clock time (a naive value is taken as UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(CHINA_TZ)


def fmt_china(value: dt.datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """`value` in China time, formatted; empty for None."""
    return china_time(value).strftime(fmt) if value is not None else ""


def china_today() -> dt.date:
    """Today's date in China (the date a record is issued on), whatever the machine's zone."""
    return dt.datetime.now(CHINA_TZ).date()
