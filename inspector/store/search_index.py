"""The project search index of the laptop store (SQLite FTS5, `trigram` tokenizer).

What a project can be found by — code, name, 小区/县区/街道/社区, address, the names of its parties
and key people — is kept as one row per live project in `project_search`, lower-cased, by SQLite
triggers on `projects`, `parties` and `persons`. Triggers, not session hooks: every write path
(a local edit, a bulk import, rows applied from the office, an undo, a migration) changes those
tables through SQL, so the index is current in the same transaction whatever wrote the row.

`project_search_rows` holds one small row per live project: a stable integer (the FTS rowid; the
rowid of `projects` itself may change on VACUUM), the code and name (a ranked search puts the
projects whose code or name holds every word first), the register's filter columns, and the
contractor's name, which the register shows and sorts by without touching `parties`. A search
counts, filters and orders its matches in this narrow table and reads `projects` only for the page
it shows: at 100 000 projects a word matching 5 000 of them costs 5 ms, not the 18 ms of reading
5 000 wide project rows (bench/store.py).

The trigram tokenizer finds any substring of three characters or more. Shorter words take their own
path (`word_filter`): a two-character word is every indexed trigram that begins with it (read from
the `fts5vocab` table — each field ends with two spaces so that every character begins a trigram);
a one-character word does the same when few trigrams begin with it, and otherwise (a common
character matches most projects anyway) is a plain substring test on the matched rows.

The register sorts by any of its columns through an index (`SORT_INDEXES`), so opening, sorting
and paging 100 000 projects reads one page's worth of rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inspector.domain.vocab import ProjectStatus

# Field separator and end padding inside an index row (see the module docstring).
_PAD = "'  '"

STATUS_RANK = ("CASE p.status " + " ".join(f"WHEN '{s.value}' THEN {i}" for i, s in enumerate(ProjectStatus))
               + " ELSE 99 END")

_PEOPLE = ("coalesce((SELECT group_concat(name, ' ') FROM parties WHERE project_id = p.id AND deleted = 0), '')"
           " || ' ' || coalesce((SELECT group_concat(name, ' ') FROM persons WHERE project_id = p.id"
           " AND deleted = 0), '')")


# The narrow row's columns, and their values from a project row `p`.
_ROW_COLUMNS = "code, name, district, status, plan_year, contractor"
_ROW_VALUES = ("p.code, p.name, p.district, p.status, p.plan_year, coalesce((SELECT min(name) FROM parties"
               " WHERE project_id = p.id AND role = '施工单位' AND deleted = 0), '')")
# What a project is found by, lower-cased, each field padded (see the module docstring).
_INDEXED = (f"lower(p.code) || {_PAD}, lower(p.name) || {_PAD},"
            " lower(p.community_name || ' ' || p.district || ' ' || p.street || ' ' || p.community || ' ' ||"
            f" p.address || ' ' || {_PEOPLE}) || {_PAD}")


def _refresh(pid: str) -> str:
    """The statements that rebuild project `pid`'s index rows (pid: an SQL expression): none for a
    deleted project."""
    return f"""
    DELETE FROM project_search WHERE rowid = (SELECT rid FROM project_search_rows WHERE project_id = {pid});
    DELETE FROM project_search_rows WHERE project_id = {pid}
        AND NOT EXISTS (SELECT 1 FROM projects WHERE id = {pid} AND deleted = 0);
    INSERT OR IGNORE INTO project_search_rows(project_id) SELECT id FROM projects WHERE id = {pid} AND deleted = 0;
    UPDATE project_search_rows SET ({_ROW_COLUMNS}) = (SELECT {_ROW_VALUES} FROM projects p WHERE p.id = {pid})
        WHERE project_id = {pid};
    INSERT INTO project_search(rowid, code, name, other)
        SELECT m.rid, {_INDEXED} FROM projects p JOIN project_search_rows m ON m.project_id = p.id
        WHERE p.id = {pid};"""


def _trigger(name: str, when: str, table: str, body: str, condition: str = "") -> str:
    cond = f" WHEN {condition}" if condition else ""
    return f"CREATE TRIGGER {name} {when} ON {table} FOR EACH ROW{cond} BEGIN {body} END"


_PROJECT_TEXT = "code, name, community_name, district, street, community, address, deleted"

TRIGGERS: dict[str, str] = {
    "search_projects_insert": _trigger("search_projects_insert", "AFTER INSERT", "projects", _refresh("NEW.id")),
    "search_projects_update": _trigger("search_projects_update", f"AFTER UPDATE OF {_PROJECT_TEXT}", "projects",
                                       _refresh("NEW.id")),
    # A status or plan year is a filter, not text: the narrow row alone follows it.
    "search_projects_filters": _trigger(
        "search_projects_filters", "AFTER UPDATE OF status, plan_year", "projects",
        "UPDATE project_search_rows SET status = NEW.status, plan_year = NEW.plan_year WHERE project_id = NEW.id;"),
    "search_projects_delete": _trigger(
        "search_projects_delete", "AFTER DELETE", "projects",
        "DELETE FROM project_search WHERE rowid = (SELECT rid FROM project_search_rows WHERE project_id = OLD.id);"
        " DELETE FROM project_search_rows WHERE project_id = OLD.id;"),
}
for _table, _cols in (("parties", "project_id, role, name, deleted"), ("persons", "project_id, name, deleted")):
    TRIGGERS[f"search_{_table}_insert"] = _trigger(f"search_{_table}_insert", "AFTER INSERT", _table,
                                                   _refresh("NEW.project_id"))
    TRIGGERS[f"search_{_table}_update"] = _trigger(f"search_{_table}_update", f"AFTER UPDATE OF {_cols}", _table,
                                                   _refresh("NEW.project_id"))
    TRIGGERS[f"search_{_table}_move"] = _trigger(  # moved to another project: the old one loses the name
        f"search_{_table}_move", "AFTER UPDATE OF project_id", _table, _refresh("OLD.project_id"),
        "OLD.project_id <> NEW.project_id")
    TRIGGERS[f"search_{_table}_delete"] = _trigger(f"search_{_table}_delete", "AFTER DELETE", _table,
                                                   _refresh("OLD.project_id"))

TABLES = (
    "CREATE TABLE project_search_rows (rid INTEGER PRIMARY KEY, project_id VARCHAR(64) NOT NULL UNIQUE,"
    " code VARCHAR(40) NOT NULL DEFAULT '', name VARCHAR(200) NOT NULL DEFAULT '',"
    " district VARCHAR(20) NOT NULL DEFAULT '',"
    " status VARCHAR(10) NOT NULL DEFAULT '', plan_year INTEGER, contractor VARCHAR(200) NOT NULL DEFAULT '')",
    "CREATE VIRTUAL TABLE project_search USING fts5(code, name, other, tokenize = 'trigram')",
    "CREATE VIRTUAL TABLE project_search_terms USING fts5vocab(project_search, 'row')",
)

# The register's sort orders, each served by an index of the live projects (ties broken by the
# unique code); `district`/`status`/`plan_year` lead for their filters, so a filtered page in code
# order and its count read an index and stop (migration 0010 dropped the plain indexes on those
# columns, which the planner preferred and which read every project row to test `deleted`).
_LIVE = " WHERE deleted = 0"
SORT_INDEXES = (
    f"CREATE INDEX ix_register_code ON projects(code){_LIVE}",
    f"CREATE INDEX ix_register_name ON projects(name, code){_LIVE}",
    f"CREATE INDEX ix_register_district ON projects(district, code){_LIVE}",
    f"CREATE INDEX ix_register_status ON projects(status, code){_LIVE}",
    f"CREATE INDEX ix_register_status_rank ON projects(({STATUS_RANK.replace('p.', '')}), code){_LIVE}",
    f"CREATE INDEX ix_register_plan_year ON projects(plan_year, code){_LIVE}",
    f"CREATE INDEX ix_register_plan_year_sort ON projects(coalesce(plan_year, 0), code){_LIVE}",
    f"CREATE INDEX ix_register_households ON projects(coalesce(households, 0), code){_LIVE}",
    f"CREATE INDEX ix_register_street ON projects(street, code){_LIVE}",
    f"CREATE INDEX ix_register_address ON projects(address, code){_LIVE}",
    "CREATE INDEX ix_register_contractor ON project_search_rows(contractor, project_id)",
    # A word matching many projects: walk the narrow rows in code order, stop after the page.
    "CREATE INDEX ix_search_rows_code ON project_search_rows(code)",
    # Two or three filters at once: their projects from one index (a skip-scan over the few districts
    # when the district is not among them), then ordered in the narrow rows.
    "CREATE INDEX ix_search_rows_filters ON project_search_rows(district, status, plan_year)",
)

REBUILD = (
    "DELETE FROM project_search",
    "DELETE FROM project_search_rows",
    f"INSERT INTO project_search_rows(project_id, {_ROW_COLUMNS}) SELECT p.id, {_ROW_VALUES} FROM projects p"
    " WHERE p.deleted = 0 ORDER BY p.code",
    f"INSERT INTO project_search(rowid, code, name, other) SELECT m.rid, {_INDEXED}"
    " FROM projects p JOIN project_search_rows m ON m.project_id = p.id",
)


def create_statements() -> list[str]:
    """Everything the index needs, in order, filled from the projects already in the store."""
    return [*TABLES, *TRIGGERS.values(), *SORT_INDEXES, *REBUILD]


def drop_statements() -> list[str]:
    names = [s.split()[2] for s in SORT_INDEXES]
    return ([f"DROP TRIGGER IF EXISTS {t}" for t in TRIGGERS] + [f"DROP INDEX IF EXISTS {i}" for i in names]
            + ["DROP TABLE IF EXISTS project_search_terms", "DROP TABLE IF EXISTS project_search",
               "DROP TABLE IF EXISTS project_search_rows"])


# -- queries ---------------------------------------------------------------------------------------

# A one-character word with more trigrams than this is tested as a substring instead (see above).
MAX_TERMS = 400


def ascii_lower(text: str) -> str:
    """Lower-case as SQLite's lower() does (ASCII only), so the query folds like the index."""
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def words_of(text: str) -> list[str]:
    """The words of a search: every whitespace-separated word must occur."""
    return [w for w in ascii_lower(text).split() if w]


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@dataclass
class TextFilter:
    """A search's words as SQL: an FTS5 MATCH expression (or None) and substring tests on the row.
    `nothing` is set when some word cannot match at all."""

    match: str | None
    substrings: list[str]
    nothing: bool = False


def text_filter(conn: Any, words: list[str], *, terms: str = "project_search_terms") -> TextFilter:
    """Build the filter for `words`; `conn` (a DB-API connection or cursor with execute) reads the
    index's vocabulary for one- and two-character words: the register's by default, another index
    built the same way (`terms`: its fts5vocab table, see `store/list_search.py`) when named."""
    parts: list[str] = []
    substrings: list[str] = []
    for word in dict.fromkeys(words):
        if len(word) >= 3:
            parts.append(_phrase(word))
            continue
        found = [r[0] for r in conn.execute(
            f"SELECT term FROM {terms} WHERE term >= ? AND term < ? LIMIT ?",
            (word, word + "\U0010ffff", MAX_TERMS + 1))]
        if not found:
            return TextFilter(None, [], nothing=True)
        if len(word) == 1 and len(found) > MAX_TERMS:
            substrings.append(word)
        else:
            parts.append("(" + " OR ".join(_phrase(t) for t in found) + ")")
    return TextFilter(" AND ".join(parts) or None, substrings)


def bulk_load_begin(conn: Any) -> None:
    """Before a bulk load of projects, parties and persons (a benchmark's generator, a large import
    in one transaction): drop the per-row triggers. `bulk_load_end` puts them back and rebuilds the
    index once, in the same transaction. `conn`: anything with exec_driver_sql."""
    for name in TRIGGERS:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")


def bulk_load_end(conn: Any) -> None:
    for statement in (*TRIGGERS.values(), *REBUILD):
        conn.exec_driver_sql(statement)


# -- the office's PostgreSQL (office migration 0004; queried by services.project_search) ----------

OWN_TEXT = ("lower(code || ' ' || name || ' ' || community_name || ' ' || district || ' ' || street || ' ' ||"
            " community || ' ' || address)")

# (index name, table, indexed expression): trigram GIN indexes (pg_trgm) for LIKE '%word%'.
PG_SEARCH_INDEXES = (
    ("ix_projects_search_trgm", "projects", OWN_TEXT),
    ("ix_parties_name_trgm", "parties", "lower(name)"),
    ("ix_persons_name_trgm", "persons", "lower(name)"),
)
