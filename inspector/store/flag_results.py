"""Every project's red flags as last computed (`redflag_results`): what the 风险提示 view under
全部项目, the 台账 and `inspector redflags` read a page or a sheet at a time, instead of computing the
whole store's flags each time they are shown (a minute at 100 000 projects).

A result, not a record: it is local to this store, never synced or audited, and can be thrown away
and computed again at any time (`services/redflag_results.py` does so when the records it was
computed from have changed). Two facts in it follow the records at once, by triggers in the same
transaction as the write, because they change without the flags changing:

* `st`, the inspector's decision (0 open, 1 confirmed, 2 dismissed), from `red_flag_decisions`
  whatever writes it (a local confirm, a decision applied from the office): a decided flag moves
  to its place in the list without the flags being computed again;
* the project's code and name, from `projects`, since the list shows and searches them; a deleted
  project's flags leave with it.

Rows are in `all_flags`' order: by project (`project_rank`, the project's rowid: the order projects
were added), then the rules' order within the project (`n`), the row's own rowid last (a VACUUM may
renumber projects, so two projects' kept rows may share a rank until all are computed again: the
order stays total). The indexes serve the list's default order under each status filter, with
or without a rule, one project's flags, and the triggers' look-ups."""

from __future__ import annotations

TABLE = "redflag_results"

# A flag's decision as `st`: the newest live decision on (project, key), as `redflags._rows` reads it.
_DECIDED = ("(SELECT CASE d.decision WHEN 'confirmed' THEN 1 ELSE 2 END FROM red_flag_decisions d"
            " WHERE d.project_id = {r}.project_id AND d.flag_key = {r}.flag_key AND d.deleted = 0"
            " ORDER BY d.rev DESC LIMIT 1)")
STATUS = "coalesce(" + _DECIDED + ", 0)"
ST = {"open": 0, "confirmed": 1, "dismissed": 2}


def _restatus(project: str, key: str) -> str:
    return (f"UPDATE {TABLE} SET st = {STATUS.format(r=TABLE)}"
            f" WHERE project_id = {project} AND flag_key = {key};")


def triggers() -> dict[str, str]:
    t = TABLE
    return {
        f"{t}_decided": f"CREATE TRIGGER {t}_decided AFTER INSERT ON red_flag_decisions FOR EACH ROW BEGIN"
                        f" {_restatus('NEW.project_id', 'NEW.flag_key')} END",
        f"{t}_redecided": f"CREATE TRIGGER {t}_redecided AFTER UPDATE OF decision, deleted, project_id, flag_key"
                          f" ON red_flag_decisions FOR EACH ROW BEGIN {_restatus('OLD.project_id', 'OLD.flag_key')}"
                          f" {_restatus('NEW.project_id', 'NEW.flag_key')} END",
        f"{t}_renamed": f"CREATE TRIGGER {t}_renamed AFTER UPDATE OF code, name ON projects FOR EACH ROW BEGIN"
                        f" UPDATE {t} SET project_code = NEW.code, project_name = NEW.name"
                        f" WHERE project_id = NEW.id; END",
        f"{t}_gone": f"CREATE TRIGGER {t}_gone AFTER UPDATE OF deleted ON projects FOR EACH ROW WHEN NEW.deleted"
                     f" BEGIN DELETE FROM {t} WHERE project_id = NEW.id; END",
    }


# name -> statement; `services/redflag_results` drops and builds them again around a whole rewrite.
INDEXES = {
    f"ix_{TABLE}_status": f"CREATE INDEX ix_{TABLE}_status ON {TABLE}(st, project_rank, n)",
    f"ix_{TABLE}_rule": f"CREATE INDEX ix_{TABLE}_rule ON {TABLE}(rule, st, project_rank, n)",
    f"ix_{TABLE}_flag": f"CREATE INDEX ix_{TABLE}_flag ON {TABLE}(project_id, flag_key)",
}


def create_statements() -> list[str]:
    t = TABLE
    return [
        f"CREATE TABLE {t} ("
        " project_rank INTEGER NOT NULL, n INTEGER NOT NULL, project_id VARCHAR(36) NOT NULL,"
        " flag_key TEXT NOT NULL, st INTEGER NOT NULL DEFAULT 0, rule TEXT NOT NULL, title TEXT NOT NULL,"
        " message TEXT NOT NULL, route TEXT NOT NULL, subjects TEXT NOT NULL, project_code TEXT NOT NULL,"
        " project_name TEXT NOT NULL, haystack TEXT NOT NULL)",
        *INDEXES.values(),
        *triggers().values(),
    ]


def drop_statements() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {name}" for name in triggers()] + [f"DROP TABLE IF EXISTS {TABLE}"]
