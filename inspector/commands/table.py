"""The command line's output of a listing: a text table (status labels, China time, CJK-aware
column widths) or JSON lines (stored codes, ISO dates)."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Iterator
from typing import Any

from inspector.domain.clock import CHINA_TZ
from inspector.services.listing import Column, Listing


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def json_lines(listing: Listing) -> Iterator[str]:
    """One JSON object per record, keys as the column keys, dates and times in ISO 8601."""
    for row in listing.rows:
        yield json.dumps({c.key: _json_value(row.get(c.key)) for c in listing.columns}, ensure_ascii=False)


def _text(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    if column.key == "days_overdue":
        return str(value) if value else ""
    text = str(value).replace("\n", " ")
    return column.labels.get(text, text) if column.labels else text


def display_width(text: str) -> int:
    """Terminal columns: CJK (wide and full-width) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cut(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def format_table(listing: Listing, *, max_width: int = 28) -> str:
    """A readable table with Chinese headers; long free text is cut at `max_width` columns."""
    cells = [[_text(c, row.get(c.key)) for c in listing.columns] for row in listing.rows]
    cells = [[_cut(v, max_width) if c.wide else v for c, v in zip(listing.columns, line, strict=True)]
             for line in cells]
    headers = [c.header for c in listing.columns]
    widths = [max([display_width(h)] + [display_width(line[i]) for line in cells])
              for i, h in enumerate(headers)]
    out = ["  ".join(_pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip(),
           "  ".join("-" * w for w in widths)]
    out += ["  ".join(_pad(v, w) for v, w in zip(line, widths, strict=True)).rstrip() for line in cells]
    out.append(f"共 {len(listing.rows)} 条{listing.title}记录")
    return "\n".join(out)


def print_listing(listing: Listing, *, as_json: bool) -> None:
    """What `inspector list` and `inspector redflags` print: JSON lines, else the table."""
    if as_json:
        for line in json_lines(listing):
            print(line)
    else:
        print(format_table(listing))
