"""The text indexes of the inspections list and 整改跟踪 (SQLite FTS5, `trigram` tokenizer), the way
the register has one (`search_index.py`): a search word that matches few rows or none costs a look-up
in the index, not a read of every row.

Each list's index holds, per live row, the text the list's search looks in (the same fields its
`LIKE` test used: for an inspection its record number, project code and name, kind, inspector and
summary), lower-cased and padded with two spaces so that every character begins a trigram (one- and
two-character words go through the vocabulary table, as the register's do: `search_index.text_filter`
with `terms=`). A `<name>_rows` table maps a stable integer (the FTS rowid) to the row's id: the
rowid of `inspections` itself may change on VACUUM.

Triggers keep the index current in the same transaction whatever writes the row — a local edit, a
bulk insert, rows applied from the office (an inspection may arrive before its project: the
project's insert indexes it then), an undelete. The project's code and name are part of the text, so
renaming a project re-indexes its inspections and notices (a few rows each)."""

from __future__ import annotations

from dataclasses import dataclass

_PAD = "'  '"


@dataclass(frozen=True)
class ListSearch:
    """One list's text index: `name` (the FTS table), the listed `table` (aliased `i` in `text`,
    its project `p`), the indexed `text` as SQL, and the `columns` of `table` it reads."""

    name: str
    table: str
    text: str
    columns: str

    @property
    def rows(self) -> str:
        return f"{self.name}_rows"

    @property
    def terms(self) -> str:
        """The index's vocabulary (for `search_index.text_filter(..., terms=...)`)."""
        return f"{self.name}_terms"

    def _index(self, where: str) -> str:
        return (f"INSERT INTO {self.name}(rowid, text) SELECT r.rid, lower({self.text}) || {_PAD}"
                f" FROM {self.table} i JOIN projects p ON p.id = i.project_id JOIN {self.rows} r ON r.row_id = i.id"
                f" WHERE {where};")

    def _refresh(self, rid: str) -> str:
        """Rebuild row `rid`'s entry (an SQL expression for its id): none when it is deleted."""
        return (f"DELETE FROM {self.name} WHERE rowid = (SELECT rid FROM {self.rows} WHERE row_id = {rid});"
                f" DELETE FROM {self.rows} WHERE row_id = {rid}"
                f" AND NOT EXISTS (SELECT 1 FROM {self.table} WHERE id = {rid} AND deleted = 0);"
                f" INSERT OR IGNORE INTO {self.rows}(row_id) SELECT id FROM {self.table} WHERE id = {rid}"
                f" AND deleted = 0; " + self._index(f"i.id = {rid}"))

    def _refresh_project(self, pid: str) -> str:
        """Re-index the live rows of project `pid` (its code or name changed, or it just arrived)."""
        return (f"DELETE FROM {self.name} WHERE rowid IN (SELECT r.rid FROM {self.table} i"
                f" JOIN {self.rows} r ON r.row_id = i.id WHERE i.project_id = {pid} AND i.deleted = 0); "
                + self._index(f"i.project_id = {pid} AND i.deleted = 0"))

    def triggers(self) -> dict[str, str]:
        n, t = self.name, self.table
        return {
            f"{n}_insert": f"CREATE TRIGGER {n}_insert AFTER INSERT ON {t} FOR EACH ROW BEGIN"
                           f" {self._refresh('NEW.id')} END",
            f"{n}_update": f"CREATE TRIGGER {n}_update AFTER UPDATE OF {self.columns}, project_id, deleted ON {t}"
                           f" FOR EACH ROW BEGIN {self._refresh('NEW.id')} END",
            f"{n}_delete": f"CREATE TRIGGER {n}_delete AFTER DELETE ON {t} FOR EACH ROW BEGIN"
                           f" DELETE FROM {n} WHERE rowid = (SELECT rid FROM {self.rows} WHERE row_id = OLD.id);"
                           f" DELETE FROM {self.rows} WHERE row_id = OLD.id; END",
            f"{n}_project_insert": f"CREATE TRIGGER {n}_project_insert AFTER INSERT ON projects FOR EACH ROW BEGIN"
                                   f" {self._refresh_project('NEW.id')} END",
            f"{n}_project_update": f"CREATE TRIGGER {n}_project_update AFTER UPDATE OF code, name ON projects"
                                   f" FOR EACH ROW BEGIN {self._refresh_project('NEW.id')} END",
        }

    def create_statements(self) -> list[str]:
        """The tables, the triggers and the index filled from the rows already in the store."""
        return [
            f"CREATE TABLE {self.rows} (rid INTEGER PRIMARY KEY, row_id VARCHAR(64) NOT NULL UNIQUE)",
            f"CREATE VIRTUAL TABLE {self.name} USING fts5(text, tokenize = 'trigram')",
            f"CREATE VIRTUAL TABLE {self.terms} USING fts5vocab({self.name}, 'row')",
            *self.triggers().values(),
            f"INSERT INTO {self.rows}(row_id) SELECT id FROM {self.table} WHERE deleted = 0",
            self._index("1").removesuffix(";"),
            f"INSERT INTO {self.name}({self.name}) VALUES ('optimize')",  # one segment: fewer reads per query
        ]

    def drop_statements(self) -> list[str]:
        return ([f"DROP TRIGGER IF EXISTS {t}" for t in self.triggers()]
                + [f"DROP TABLE IF EXISTS {x}" for x in (self.terms, self.name, self.rows)])


# The text each list's search looks in: the same fields its `LIKE` test read before the index.
INSPECTIONS = ListSearch(
    "inspection_search", "inspections",
    "i.record_no || ' ' || p.code || ' ' || p.name || ' ' || i.kind || ' ' || i.inspector_name || ' ' || i.summary",
    "record_no, kind, inspector_name, summary")
RECTIFICATIONS = ListSearch(
    "rectification_search", "rectifications",
    "p.code || ' ' || p.name || ' ' || i.notice_no || ' ' || i.requirements || ' ' || i.action",
    "notice_no, requirements, action")
INDEXES = (INSPECTIONS, RECTIFICATIONS)


def create_statements() -> list[str]:
    return [s for index in INDEXES for s in index.create_statements()]


def drop_statements() -> list[str]:
    return [s for index in INDEXES for s in index.drop_statements()]
