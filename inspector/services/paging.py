"""One page of a list, asked of the store: the pieces every list's query shares (the inspections,
the notices, complaints, materials and red flags lists; the register has its own in
`project_search`).

A list's query names its columns, tables, filters and sort order in SQL; `fetch_page` adds the page
window and counts the matches only when the page does not already say how many there are.

Search words (every word must match) are looked up in the list's text index when it has one
(`store/list_search.py`, `indexed_words`): a word matching few rows or none costs a look-up, not a
read of the list. A word matching many rows (BROAD) is a `LIKE` test on the rows in the list's order
instead, which stops after a page. In a `LIKE` test `%`, `_` and `\\` are escaped, and in the index
every word is a quoted phrase, so whatever the inspector types is a literal string, never a pattern,
FTS syntax or SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

# A search is counted up to the register's cap ("1000+"); filters without words count exactly.
from inspector.services.project_search import COUNT_CAP as COUNT_CAP
from inspector.store.list_search import ListSearch
from inspector.store.search_index import text_filter, words_of

# A search matching more rows than this tests its words on the rows in the list's order (the first
# page comes after about a page of rows); a narrower one starts from its matches and sorts them.
BROAD = 3000


@dataclass(frozen=True)
class Page:
    total: int  # how many rows match (all pages)
    rows: list[Any]  # this page's row snapshots
    offset: int
    capped: bool = False  # `total` is the count cap: at least that many match


def utc(value: str | None) -> dt.datetime | None:
    """A stored UTC time as the driver returns it (text, no zone) made aware, as the ORM would."""
    return dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC) if value else None


def like_pattern(word: str) -> str:
    """`%word%` with LIKE's wildcards and the escape character taken literally (ESCAPE '\\')."""
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def word_tests(text: str, haystack: str, params: dict[str, Any]) -> list[str]:
    """One WHERE term per distinct word of `text`: the word is somewhere in `haystack` (an SQL
    expression), case-insensitively for Latin letters (LIKE's rule; Chinese has no case)."""
    tests = []
    for i, word in enumerate(dict.fromkeys(text.lower().split())):
        params[f"w{i}"] = like_pattern(word)
        tests.append(f"{haystack} LIKE :w{i} ESCAPE '\\'")
    return tests


@dataclass(frozen=True)
class Words:
    """A search's words as WHERE terms. `nothing`: no row can match. `exact`: the terms read the
    index alone (no join, no row-by-row test), so the matches are counted exactly."""

    where: list[str]
    nothing: bool = False
    exact: bool = True
    # Rows known to match the words: the index's matches counted up to BROAD + 1 (0 when some word
    # is not looked up in the index).
    found: int = 0


def indexed_words(raw: Any, index: ListSearch, text: str, haystack: str, key: str,
                  params: dict[str, Any]) -> Words:
    """The words of `text` as WHERE terms on the list's rows: `key` (the row id's SQL) among the
    index's matches when they are few, else `LIKE` tests on `haystack` (what the index holds, as
    SQL). `raw`: the driver's connection of the caller's read session."""
    words = words_of(text)
    if not words:
        return Words([])
    tf = text_filter(raw, words, terms=index.terms)
    if tf.nothing:
        return Words([], nothing=True)
    if tf.match:
        found = raw.execute(f"SELECT count(*) FROM (SELECT 1 FROM {index.name} WHERE {index.name} MATCH ?"
                            f" LIMIT {BROAD + 1})", (tf.match,)).fetchone()[0]
        if not found:
            return Words([], nothing=True)
        known = 0 if tf.substrings else found
        if found <= BROAD:
            params["match"] = tf.match
            where = [f"{key} IN (SELECT row_id FROM {index.rows} WHERE rid IN"
                     f" (SELECT rowid FROM {index.name} WHERE {index.name} MATCH :match))"]
            # A common one-character word is no narrower in the index: tested on the few matches.
            where += word_tests(" ".join(tf.substrings), haystack, params)
            return Words(where, exact=not tf.substrings, found=known)
        return Words(word_tests(text, haystack, params), exact=False, found=known)
    return Words(word_tests(text, haystack, params), exact=False)


def fetch_page(s: Session, *, columns: str, tables: str, where: Sequence[str], order: Sequence[str],
               descending: bool, params: dict[str, Any], offset: int, limit: int | None,
               make: Callable[..., Any], count_tables: str | None = None, count_cap: int | None = None,
               at_least_cap: bool = False, narrow: str | None = None) -> Page:
    """Rows [offset, offset+limit) of `SELECT columns FROM tables WHERE where ORDER BY order` (each
    order term reversed when `descending`), made into snapshots by `make(*row)`, and the number of
    matching rows. `count_tables` is a narrower FROM for the count (without joins the WHERE does not
    need). With `count_cap` the count stops there (a search's words are tested row by row: a broad
    word would read the whole list to be counted exactly); `at_least_cap` says the caller knows that
    at least `count_cap` rows match (a broad word's matches in the index, no other filter), and the
    count is not run. With `narrow` (the rows' key, as SQL), a page is chosen on the sort terms and
    that key alone, then its rows are read whole: a sort no index serves then sorts narrow keys, not
    every row's wide columns. Runs in the caller's read session."""
    raw = s.connection().connection.driver_connection
    cond = " AND ".join(where) or "1"
    direction = " DESC" if descending else ""
    ordered = f"ORDER BY {', '.join(t + direction for t in order)}"
    sql = f"SELECT {columns} FROM {tables} WHERE {cond} {ordered}"
    page = dict(params)
    if limit is not None and narrow:
        chosen = f"SELECT {narrow} FROM {tables} WHERE {cond} {ordered} LIMIT :limit OFFSET :offset"
        sql = f"SELECT {columns} FROM {tables} WHERE {narrow} IN ({chosen}) {ordered}"
        page.update(limit=int(limit), offset=int(offset))
    elif limit is not None:
        sql += " LIMIT :limit OFFSET :offset"
        page.update(limit=int(limit), offset=int(offset))
    elif offset:
        sql += " LIMIT -1 OFFSET :offset"
        page["offset"] = int(offset)
    # The driver's cursor, not SQLAlchemy's result rows: a page is small, but `limit=None` is not.
    rows = [make(*r) for r in raw.execute(sql, page)]
    total, capped = offset + len(rows), False
    if limit is not None and (len(rows) == limit or (offset and not rows)) and at_least_cap and count_cap:
        total, capped = count_cap, True
    elif limit is not None and (len(rows) == limit or (offset and not rows)):
        counted = f"SELECT 1 FROM {count_tables or tables} WHERE {cond}"
        if count_cap:
            counted += f" LIMIT {int(count_cap)}"
        total = raw.execute(f"SELECT count(*) FROM ({counted})", params).fetchone()[0]
        capped = bool(count_cap) and total >= count_cap  # type: ignore[operator]
    return Page(total, rows, offset, capped)
