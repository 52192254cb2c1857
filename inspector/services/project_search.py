"""One query per question about the project register: which projects match a search, in which order,
one page at a time, and how many there are. The register (a page per scroll step), the CLI and the
office's search all go through `find_projects`.

The words are looked up in the FTS5 index the store keeps current (`store/search_index.py`), the
filters and the sort order are served by indexes, so a page costs the same at 1 000 and at 100 000
projects."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from inspector.store import Reader
from inspector.store.search_index import OWN_TEXT, STATUS_RANK, TextFilter, text_filter, words_of

# Register column → ORDER BY terms (each matched by an index in search_index.SORT_INDEXES).
SORTS: dict[str, tuple[str, ...]] = {
    "code": ("p.code",),
    "name": ("p.name", "p.code"),
    "district": ("p.district", "p.code"),
    "status": (STATUS_RANK, "p.code"),
    "plan_year": ("coalesce(p.plan_year, 0)", "p.code"),
    "households": ("coalesce(p.households, 0)", "p.code"),
    "street": ("p.street", "p.code"),
    "contractor": ("m.contractor", "m.project_id"),
    "address": ("p.address", "p.code"),
}

_COLUMNS = ("p.id, p.code, p.name, p.community_name, p.district, p.street, p.address, p.status, p.plan_year,"
            " p.households, m.contractor")


@dataclass(frozen=True)
class ProjectQuery:
    """What the register shows: the search words, the filters, the sort column and direction.
    `ranked` puts projects whose code or name holds every word first (the CLI's and office's search);
    the register keeps the column order the inspector chose."""

    text: str = ""
    district: str | None = None
    status: str | None = None
    year: int | None = None
    sort: str = "code"
    descending: bool = False
    ranked: bool = False


@dataclass(frozen=True)
class Found:
    total: int  # how many projects match (all pages)
    rows: list[Any]  # one page of ProjectRow
    offset: int
    capped: bool = False  # `total` is COUNT_CAP: at least that many match


# A search matching more projects than this walks the sort order's index and tests each project
# against the matches (it stops after a page); a narrower one starts from the matches and sorts them.
BROAD = 3000
# A one-character word tested as a substring is counted up to here ("1000+"), not to the end.
COUNT_CAP = 1000


_FILTERS = (("district", "district"), ("status", "status"), ("year", "plan_year"))

# In the narrow rows (`project_search_rows m`), the orders they can serve alone.
_NARROW_SORTS: dict[str, tuple[str, ...]] = {
    "code": ("m.code",),
    "name": ("m.name", "m.code"),
    "district": ("m.district", "m.code"),
    "status": (STATUS_RANK.replace("p.", "m."), "m.code"),
    "plan_year": ("coalesce(m.plan_year, 0)", "m.code"),
    "contractor": SORTS["contractor"],
}


def _where(q: ProjectQuery, tf: TextFilter, params: dict[str, Any], *, table: str = "p",
           broad: bool = False) -> list[str]:
    """The conditions on the projects (`table` "p") or on their narrow rows ("m")."""
    where = ["p.deleted = 0"] if table == "p" else []
    for key, col in _FILTERS:
        value = getattr(q, key)
        if value:
            where.append(f"{table}.{col} = :{key}")
            params[key] = value
    if tf.match:
        # `+`: a filter on each row in the sort order, not the way in (see BROAD).
        probe = "+m.rid" if broad else "m.rid"
        where.append(f"{probe} IN (SELECT rowid FROM project_search WHERE project_search MATCH :match)")
        params["match"] = tf.match
    for i, word in enumerate(tf.substrings):
        where.append(f"instr((SELECT code || ' ' || name || ' ' || other FROM project_search"
                     f" WHERE rowid = m.rid), :s{i}) > 0")
        params[f"s{i}"] = word
    return where


def _rank(words: list[str], params: dict[str, Any]) -> str:
    """0 when every word is in the code or the name, else 1 (tested on the narrow row: a word has no
    space, so it cannot match across the two)."""
    tests = []
    for i, word in enumerate(dict.fromkeys(words)):
        tests.append(f"instr(lower(m.code) || ' ' || lower(m.name), :r{i}) > 0")
        params[f"r{i}"] = word
    return f"CASE WHEN {' AND '.join(tests)} THEN 0 ELSE 1 END" if tests else "0"


def _page(limit: int | None, offset: int, params: dict[str, Any]) -> str:
    if limit is not None:
        params.update(limit=int(limit), offset=int(offset))
        return " LIMIT :limit OFFSET :offset"
    if offset:
        params["offset"] = int(offset)
        return " LIMIT -1 OFFSET :offset"
    return ""


def find_projects(s: Session, q: ProjectQuery, *, offset: int = 0, limit: int | None = None,
                  count: bool = True) -> Found:
    """The page [offset, offset+limit) of the projects matching `q` in its order, and their number
    (when `count`). Runs in the caller's read session (the register calls it off the GUI thread).

    With words, the matches are filtered, counted and ordered in their narrow rows
    (`project_search_rows`), and `projects` is read for the page only; words matching many projects
    (BROAD) walk an index in the sort order instead and stop after the page — the narrow rows' in
    code order, the register's over `projects` in any other. With no words, the register's indexes
    serve a filter, the order and the count; two or three filters take their projects from the
    narrow rows' index of all three."""
    from inspector.services.projects import ProjectRow

    if q.sort not in SORTS:
        raise ValueError(f"unknown sort column {q.sort!r}")
    raw = s.connection().connection.driver_connection
    words = words_of(q.text)
    tf = text_filter(raw, words)
    if tf.nothing:
        return Found(0, [], offset)
    matches = None
    if tf.match and not q.ranked:  # ranked, the order is not an index's: start from the matches anyway
        matches = raw.execute("SELECT count(*) FROM project_search WHERE project_search MATCH ?",
                              (tf.match,)).fetchone()[0]
    broad = matches is not None and matches > BROAD
    filters = sum(1 for value in (q.district, q.status, q.year) if value)
    # In code order (the register's first view) even a broad search walks the narrow rows' index.
    narrow = ((tf.match is not None and (not broad or q.sort == "code"))
              or (not tf.match and not tf.substrings and filters >= 2))
    direction = " DESC" if q.descending else ""
    params: dict[str, Any] = {}
    if narrow:
        where = " AND ".join(_where(q, tf, params, table="m", broad=broad))
        terms = _NARROW_SORTS.get(q.sort)
        joined = "" if terms else " JOIN projects p ON p.id = m.project_id"
        order = [t + direction for t in terms or SORTS[q.sort]]
        if q.ranked:
            order.insert(0, _rank(words, params))
        # The order's terms as the page's columns: computed once, and the page keeps its order.
        keys = ", ".join(f"{term.removesuffix(' DESC')} AS o{i}" for i, term in enumerate(order))
        by = ", ".join(f"o{i}{' DESC' if term.endswith(' DESC') else ''}" for i, term in enumerate(order))
        inner = (f"SELECT m.rid, {keys} FROM project_search_rows m{joined} WHERE {where}"
                 f" ORDER BY {by}{_page(limit, offset, params)}")
        sql = (f"SELECT {_COLUMNS} FROM ({inner}) k JOIN project_search_rows m ON m.rid = k.rid"
               f" JOIN projects p ON p.id = m.project_id ORDER BY {by}")
    else:
        where = " AND ".join(_where(q, tf, params, broad=broad))
        order = [t + direction for t in SORTS[q.sort]]
        if q.ranked and tf.substrings:
            order.insert(0, _rank(words, params))
        sql = (f"SELECT {_COLUMNS} FROM projects p JOIN project_search_rows m ON m.project_id = p.id"
               f" WHERE {where} ORDER BY {', '.join(order)}{_page(limit, offset, params)}")
    # The driver's cursor, not SQLAlchemy's result rows: a search may answer 100 000 projects.
    rows = [ProjectRow(*r) for r in raw.execute(sql, params)]
    total, capped = len(rows) + offset, False
    if count and (limit is not None and (len(rows) == limit or offset)):
        if matches is not None and not tf.substrings and not filters:
            total = matches  # the index holds exactly the live projects
        else:
            counted: dict[str, Any] = {}
            if tf.match or tf.substrings or filters != 1:  # the narrow rows are the live projects
                where = " AND ".join(_where(q, tf, counted, table="m")) or "1"
                base = f" FROM project_search_rows m WHERE {where}"
            else:  # one filter: the register's partial index for it counts them
                base = " FROM projects p WHERE " + " AND ".join(_where(q, tf, counted))
            if tf.substrings:
                total = raw.execute(f"SELECT count(*) FROM (SELECT 1{base} LIMIT {COUNT_CAP})", counted).fetchone()[0]
                capped = total >= COUNT_CAP
            else:
                total = raw.execute("SELECT count(*)" + base, counted).fetchone()[0]
    return Found(total, rows, offset, capped)


def position_of(s: Session, q: ProjectQuery, project_id: str) -> int:
    """Where project `project_id` stands in `q`'s order, or -1 when `q` does not match it."""
    found = find_projects(s, q, count=False)  # ids only would be leaner; positions are asked rarely
    for i, row in enumerate(found.rows):
        if row.id == project_id:
            return i
    return -1


def plan_years(store: Reader) -> list[int]:
    """The plan years in the register, newest first (the year filter's choices)."""
    with store.read() as s:
        return [y for (y,) in s.execute(sql_text(
            "SELECT DISTINCT plan_year FROM projects WHERE deleted = 0 AND plan_year IS NOT NULL"
            " ORDER BY plan_year DESC"))]


def page_projects(store: Reader, q: ProjectQuery, *, offset: int = 0, limit: int = 200) -> Found:
    """One page of the register, in its own read transaction (called off the GUI thread)."""
    with store.read() as s:
        return find_projects(s, q, offset=offset, limit=limit)


# -- the office (PostgreSQL with pg_trgm, or SQLite without the laptop's index) -------------------

def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def office_search_projects(s: Session, *, text: str = "", district: str | None = None,
                           status: str | None = None, year: int | None = None,
                           limit: int | None = None) -> list[Any]:
    """The office's project search, the laptop's semantics (every word in the project's text or
    the names of its parties and people; code and name matches first, then by code), in the
    caller's session. On PostgreSQL each word's projects come from trigram indexes (`pg_trgm`,
    office migration 0004); a word of one or two characters has no trigram and is a scan there."""
    from inspector.services.projects import ProjectRow

    params: dict[str, Any] = {}
    where = ["p.deleted = false"]
    filters = {"district": district, "status": status, "year": year}
    for key, col in (("district", "p.district"), ("status", "p.status"), ("year", "p.plan_year")):
        value = filters[key]
        if value:
            where.append(f"{col} = :{key}")
            params[key] = value
    rank = []
    for i, word in enumerate(dict.fromkeys(text.lower().split())):
        params[f"w{i}"] = _like(word)
        where.append(
            f"p.id IN (SELECT id FROM projects WHERE {OWN_TEXT} LIKE :w{i} ESCAPE '\\'"
            f" UNION SELECT project_id FROM parties WHERE deleted = false AND lower(name) LIKE :w{i} ESCAPE '\\'"
            f" UNION SELECT project_id FROM persons WHERE deleted = false AND lower(name) LIKE :w{i} ESCAPE '\\')")
        rank.append(f"lower(p.code || ' ' || p.name) LIKE :w{i} ESCAPE '\\'")
    order = (f"CASE WHEN {' AND '.join(rank)} THEN 0 ELSE 1 END, " if rank else "") + "p.code"
    sql = (f"SELECT {_COLUMNS.replace('m.contractor', _CONTRACTOR)} FROM projects p"
           f" WHERE {' AND '.join(where)} ORDER BY {order}" + (f" LIMIT {int(limit)}" if limit else ""))
    return [ProjectRow(*r) for r in s.execute(sql_text(sql), params)]


_CONTRACTOR = ("coalesce((SELECT min(name) FROM parties WHERE project_id = p.id AND role = '施工单位'"
               " AND deleted = false), '')")


def project_choices(store: Reader) -> list[tuple[str, str, str]]:
    """(id, code, name) of every live project in code order: what a project picker lists (one
    narrow query; no parties, no search text)."""
    with store.read() as s:
        raw = s.connection().connection.driver_connection
        return list(raw.execute("SELECT id, code, name FROM projects WHERE deleted = 0 ORDER BY code"))
