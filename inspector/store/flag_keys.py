"""The identifiers the cross-project red flags compare, normalized and indexed (`redflag_keys`).

Five rules look across projects: the same report number (RF-01), a lab's numbering series (RF-05),
one certificate's deliveries (RF-13), the same person on several projects (RF-18, RF-19) and one
phone behind several firms (RF-25). They compare identifiers as people mean them (`rules.norm`:
full-width = half-width, no spaces, any case; phones by their digits), which no column index can
answer. This table holds, per live row, each such identifier as the rules normalize it, so that a
project's neighbours across a city's store are an index look-up (`services/redflags`) rather than a
read of every person and report.

SQLite triggers keep it current in the same transaction whatever writes the row — a local edit, an
import, rows applied from the office. The normalizing is Python (`unicodedata` NFKC): the store
registers it on every connection it opens (`register`). A tool that opens the file without it can
read everything, but a write to one of these columns fails ("no such function") instead of leaving
the index behind the row."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from inspector.domain.rules.redflags import norm
from inspector.domain.rules.redflags_evidence import numbering, numbering_key
from inspector.domain.rules.redflags_people import phone_key

TABLE = "redflag_keys"


def _numbering(agency: str | None, report_no: str | None, day: str | None) -> str:
    return numbering_key(agency, report_no, int(day[:4]) if day else None)


def _running(agency: str | None, report_no: str | None, day: str | None) -> int | None:
    place = numbering(agency, report_no, int(day[:4]) if day else None)
    return place[3] if place else None


def register(conn: sqlite3.Connection) -> None:
    """Give a connection the functions the triggers call (deterministic: SQLite may reuse results)."""
    conn.create_function("inspector_norm", 1, norm, deterministic=True)
    conn.create_function("inspector_phone", 1, phone_key, deterministic=True)
    conn.create_function("inspector_numbering", 3, _numbering, deterministic=True)
    conn.create_function("inspector_running", 3, _running, deterministic=True)


@dataclass(frozen=True)
class Source:
    """A table whose rows carry compared identifiers: `keys` maps a kind to the SQL expressions
    (over the row `{r}`) that give its normalized values; `columns` are what they read."""

    table: str
    keys: tuple[tuple[str, str], ...]
    columns: str

    def _select(self, r: str, source: str) -> str:
        parts = [f"SELECT '{kind}' AS kind, {expr.format(r=r)} AS key, {r}.id AS row_id, {r}.project_id AS project_id"
                 f"{source} WHERE {r}.deleted = 0" for kind, expr in self.keys]
        return (f"INSERT OR IGNORE INTO {TABLE}(kind, key, row_id, project_id) SELECT kind, key, row_id, project_id"
                f" FROM ({' UNION ALL '.join(parts)}) WHERE key <> ''")

    def triggers(self) -> dict[str, str]:
        t = self.table
        forget = f"DELETE FROM {TABLE} WHERE row_id = OLD.id;"
        return {
            f"{TABLE}_{t}_insert": f"CREATE TRIGGER {TABLE}_{t}_insert AFTER INSERT ON {t} FOR EACH ROW BEGIN"
                                   f" {self._select('NEW', '')}; END",
            f"{TABLE}_{t}_update": f"CREATE TRIGGER {TABLE}_{t}_update AFTER UPDATE OF {self.columns}, project_id,"
                                   f" deleted ON {t} FOR EACH ROW BEGIN {forget} {self._select('NEW', '')}; END",
            f"{TABLE}_{t}_delete": f"CREATE TRIGGER {TABLE}_{t}_delete AFTER DELETE ON {t} FOR EACH ROW BEGIN"
                                   f" {forget} END",
        }

    def fill(self) -> str:
        return self._select("r", f" FROM {self.table} r")


FIRM_SEPARATOR = "\x1f"
_FIRM = ("CASE WHEN inspector_norm({r}.credit_code) <> '' THEN inspector_norm({r}.credit_code)"
         " ELSE inspector_norm({r}.name) END")
_PHONE_FIRM = ("CASE WHEN inspector_phone({phone}) = '' THEN '' ELSE inspector_phone({phone}) || char(31) || "
               + _FIRM + " END")

SOURCES = (
    Source("test_reports", (("report_no", "inspector_norm({r}.report_no)"),), "report_no"),
    Source("material_batches", (("certificate", "inspector_norm({r}.certificate_no)"),), "certificate_no"),
    # A person is the same by registration number; by name only when no number was recorded (RF-18,
    # RF-19), so only those carry a name key: common names would otherwise join thousands of rows.
    Source("persons", (("registration", "inspector_norm({r}.registration_no)"),
                       ("name", "CASE WHEN inspector_norm({r}.registration_no) = '' THEN inspector_norm({r}.name)"
                                " ELSE '' END"),
                       ("person_phone", "inspector_phone({r}.phone)")), "registration_no, name, phone"),
    # A phone with the firm behind it (credit code, else name: `FIRM`), so that "how many firms give
    # this number" is a look-up and a firm's own number, on every project it works on, is not read.
    Source("parties", (("party_phone", "inspector_phone({r}.contact_phone)"),
                       ("party_phone", "inspector_phone({r}.complaint_phone)"),
                       ("phone_firm", _PHONE_FIRM.format(phone="{r}.contact_phone", r="{r}")),
                       ("phone_firm", _PHONE_FIRM.format(phone="{r}.complaint_phone", r="{r}"))),
           "contact_phone, complaint_phone, credit_code, name"),
)


# RF-05 compares a report with the highest number its lab issued on earlier days, which no key
# look-up answers: each report in a numbering series has its day and running number here, indexed so
# that "the highest number before a day" and "the first higher number after it" are range scans.
NUMBERS = "redflag_numbers"
_SERIES = "inspector_numbering({r}.agency, {r}.report_no, {r}.report_date)"
_RUNNING = "inspector_running({r}.agency, {r}.report_no, {r}.report_date)"


def _number_row(r: str, source: str) -> str:
    return (f"INSERT INTO {NUMBERS}(row_id, series, day, number, project_id) SELECT {r}.id, {_SERIES.format(r=r)},"
            f" {r}.report_date, {_RUNNING.format(r=r)}, {r}.project_id{source}"
            f" WHERE {r}.deleted = 0 AND {_SERIES.format(r=r)} <> ''")


def _number_triggers() -> dict[str, str]:
    forget = f"DELETE FROM {NUMBERS} WHERE row_id = OLD.id;"
    return {
        f"{NUMBERS}_insert": f"CREATE TRIGGER {NUMBERS}_insert AFTER INSERT ON test_reports FOR EACH ROW BEGIN"
                             f" {_number_row('NEW', '')}; END",
        f"{NUMBERS}_update": f"CREATE TRIGGER {NUMBERS}_update AFTER UPDATE OF report_no, agency, report_date,"
                             f" project_id, deleted ON test_reports FOR EACH ROW BEGIN {forget}"
                             f" {_number_row('NEW', '')}; END",
        f"{NUMBERS}_delete": f"CREATE TRIGGER {NUMBERS}_delete AFTER DELETE ON test_reports FOR EACH ROW BEGIN"
                             f" {forget} END",
    }


# Each series' highest number per day: "the highest number before a day" is then a read of at most
# a year of days, whatever the number of reports, and "the first day with a higher number" a walk by day.
DAYS = "redflag_number_days"
_DAY_FILL = f"INSERT INTO {DAYS}(series, day, top) SELECT series, day, max(number) FROM {NUMBERS}"


def _day_triggers() -> dict[str, str]:
    return {
        f"{DAYS}_insert": f"CREATE TRIGGER {DAYS}_insert AFTER INSERT ON {NUMBERS} FOR EACH ROW BEGIN"
                          f" INSERT INTO {DAYS}(series, day, top) VALUES (NEW.series, NEW.day, NEW.number)"
                          f" ON CONFLICT(series, day) DO UPDATE SET top = max(top, excluded.top); END",
        f"{DAYS}_delete": f"CREATE TRIGGER {DAYS}_delete AFTER DELETE ON {NUMBERS} FOR EACH ROW BEGIN"
                          f" DELETE FROM {DAYS} WHERE series = OLD.series AND day = OLD.day;"
                          f" {_DAY_FILL} WHERE series = OLD.series AND day = OLD.day GROUP BY series, day; END",
    }


def create_statements() -> list[str]:
    """The tables, their triggers, and their rows for what the store already holds."""
    return [
        f"CREATE TABLE {TABLE} (kind VARCHAR(16) NOT NULL, key VARCHAR(200) NOT NULL, row_id VARCHAR(64) NOT NULL,"
        " project_id VARCHAR(64) NOT NULL, PRIMARY KEY (kind, key, row_id)) WITHOUT ROWID",
        f"CREATE INDEX ix_{TABLE}_row ON {TABLE}(row_id)",
        f"CREATE TABLE {NUMBERS} (row_id VARCHAR(64) NOT NULL PRIMARY KEY, series VARCHAR(300) NOT NULL,"
        " day DATE NOT NULL, number INTEGER NOT NULL, project_id VARCHAR(64) NOT NULL) WITHOUT ROWID",
        f"CREATE INDEX ix_{NUMBERS}_series ON {NUMBERS}(series, day, number)",
        # "The highest number before a day" walks the numbers down from the top: in a lab that
        # numbers in turn, it meets the day soon, where a walk by day would read the year so far.
        f"CREATE INDEX ix_{NUMBERS}_numbers ON {NUMBERS}(series, number, day)",
        f"CREATE TABLE {DAYS} (series VARCHAR(300) NOT NULL, day DATE NOT NULL, top INTEGER NOT NULL,"
        " PRIMARY KEY (series, day)) WITHOUT ROWID",
        *(t for s in SOURCES for t in s.triggers().values()),
        *_number_triggers().values(),
        *_day_triggers().values(),
        *fill_statements(),
    ]


def fill_statements() -> list[str]:
    """Refill both tables from the rows (after emptying them): what the triggers must have kept."""
    return [*(s.fill() for s in SOURCES), _number_row("r", " FROM test_reports r"),
            f"DELETE FROM {DAYS}", f"{_DAY_FILL} GROUP BY series, day"]


def drop_statements() -> list[str]:
    return ([f"DROP TRIGGER IF EXISTS {name}" for s in SOURCES for name in s.triggers()]
            + [f"DROP TRIGGER IF EXISTS {name}" for name in (*_number_triggers(), *_day_triggers())]
            + [f"DROP TABLE IF EXISTS {x}" for x in (DAYS, NUMBERS, TABLE)])
