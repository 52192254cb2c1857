"""Every project's red flags, kept (`store/flag_results.py`) and read a page at a time: the 风险提示
view under 全部项目, the 台账 and `inspector redflags`.

Computing every project's flags is one read of the whole store (`redflags.judge_all`: seconds at
10 000 projects, a minute at 100 000). So the result is kept, with what it was computed from
(`State`): the store's change sequence over the tables the rules read (each synced row carries the
`rev` of its last write, indexed), the day (several rules count days) and the rules' settings. When
any of these moved on, the kept flags are stale: the view keeps showing them, says when they were
computed, and computes them again in the background (`refresh`). One project's flags, read around
the project, take milliseconds (`refresh_project`).

Decisions do not make the flags stale: the kept rows follow them by trigger, and their reason and
author are read with the page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import queue
import subprocess
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy.orm import Session

import inspector
from inspector.domain.base import utcnow
from inspector.domain.clock import china_today
from inspector.domain.rules import redflags as rules
from inspector.paths import command_line
from inspector.services import redflags as flags
from inspector.services.changes import Cancelled, Progress, Writer, write_directly
from inspector.services.errors import UserError
from inspector.services.paging import COUNT_CAP, Page, fetch_page, utc, word_tests
from inspector.store import SYSTEM, Reader, Store
from inspector.store.flag_results import INDEXES, ST, STATUS, TABLE

STATE_KEY = "redflag_results.state"

# What the rules read, less the decisions (they change a flag's status, not the flags).
SOURCES = tuple(t for t in flags.FLAG_SOURCES if t != "red_flag_decisions")

_STATUS_OF = {v: k for k, v in ST.items()}

# Column → ORDER BY terms; the flag's place (project, then the rules' order) breaks ties.
SORTS: dict[str, tuple[str, ...]] = {
    "status": ("r.st", "r.project_rank", "r.n", "r.rowid"),
    "place": ("r.project_rank", "r.n", "r.rowid"),
    "title": ("r.title", "r.project_rank", "r.n", "r.rowid"),
    "project": ("r.project_code", "r.project_rank", "r.n", "r.rowid"),
    "message": ("r.message", "r.project_rank", "r.n", "r.rowid"),
}
_TEXT = "(r.haystack || ' ' || lower(r.project_code || ' ' || r.project_name))"
_COLUMNS = ("r.project_id, r.flag_key, r.rule, r.title, r.message, r.route, r.subjects, r.project_code,"
            " r.project_name, r.st")


@dataclass(frozen=True)
class State:
    """What is kept: when it was computed (None: never), and whether it is what the rules say of
    the records now (`fresh`)."""

    computed_at: dt.datetime | None
    fresh: bool


@dataclass(frozen=True)
class FlagQuery:
    """What the list shows: the project (all when empty), the rule, the statuses, the search words,
    the sort column and direction."""

    project_id: str = ""
    rule: str = ""
    statuses: frozenset[str] = frozenset({"open", "confirmed"})
    text: str = ""
    sort: str = "status"
    descending: bool = False


@dataclass(frozen=True)
class FlagPage(Page):
    open: int = 0  # flags waiting for a decision, in the query's project (or all)
    state: State = State(None, False)


def sources_rev(s: Session) -> int:
    """The store's change sequence at the newest write to a table the rules read (index look-ups)."""
    raw = s.connection().connection.driver_connection
    newest = " UNION ALL ".join(f"SELECT max(rev) AS m FROM {t}" for t in SOURCES)
    return raw.execute(f"SELECT coalesce(max(m), 0) FROM ({newest})").fetchone()[0]


def _basis(s: Session, day: dt.date, th: rules.Thresholds) -> dict[str, Any]:
    return {"rev": sources_rev(s), "day": day.isoformat(), "rules": f"{inspector.__version__} {th!r}"}


def _saved(s: Session) -> dict[str, Any]:
    raw = s.connection().connection.driver_connection
    found = raw.execute("SELECT value FROM settings WHERE key = ?", (STATE_KEY,)).fetchone()
    try:
        saved = json.loads(found[0]) if found else {}
    except ValueError:
        saved = {}
    return saved if isinstance(saved, dict) else {}


def _state(s: Session, day: dt.date, th: rules.Thresholds) -> State:
    saved = _saved(s)
    at = saved.get("at")
    computed = dt.datetime.fromisoformat(at) if isinstance(at, str) else None
    fresh = computed is not None and {k: saved.get(k) for k in ("rev", "day", "rules")} == _basis(s, day, th)
    return State(computed, fresh)


def state(store: Reader, *, today: dt.date | None = None) -> State:
    """When the kept flags were computed, and whether they are still current."""
    th = flags.thresholds(store)
    with store.read() as s:
        return _state(s, today or china_today(), th)


def _row_values(rows: Iterable[flags.FlagRow], ranks: dict[str, int]) -> Iterable[tuple[Any, ...]]:
    n, last = 0, None
    for f in rows:
        n = n + 1 if f.project_id == last else 0
        last = f.project_id
        yield (ranks[f.project_id], n, f.project_id, f.key, f.rule, f.title, f.message,
               json.dumps(list(f.route), ensure_ascii=False),
               json.dumps([[x.kind, x.id, x.label] for x in f.subjects], ensure_ascii=False),
               f.project_code, f.project_name, " ".join([f.rule, f.title, f.message, *f.route]).lower())


_INSERT = (f"INSERT INTO {TABLE}(project_rank, n, project_id, flag_key, rule, title, message, route, subjects,"
           " project_code, project_name, haystack) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _unit(store: Reader) -> Any:
    """A transaction for bookkeeping: the kept flags are no record, and nobody authored them."""
    return store.unit(SYSTEM) if isinstance(store, Store) else store.unit()  # type: ignore[union-attr]


def _keep(store: Reader, values: list[tuple[Any, ...]], *, project_id: str | None,
          basis: dict[str, Any] | None) -> None:
    """Replace the kept flags (one project's, or all with the `basis` they were computed from) in one
    transaction. The decisions are read in that transaction, so one written since the flags were
    read is not lost. All of them are written with the indexes dropped and built again after: at
    200 000 flags that holds the writer 3 s instead of 6."""
    with _unit(store) as uow:
        raw = uow.session.connection().connection.driver_connection
        mine = " WHERE project_id = ?" if project_id else ""
        args = (project_id,) if project_id else ()
        raw.execute(f"DELETE FROM {TABLE}{mine}", args)
        if project_id is None:
            for name in INDEXES:
                raw.execute(f"DROP INDEX IF EXISTS {name}")
        raw.executemany(_INSERT, values)
        if project_id is None:
            for statement in INDEXES.values():
                raw.execute(statement)
        decided = ("SELECT project_id, flag_key FROM red_flag_decisions WHERE deleted = 0"
                   + (" AND project_id = ?" if project_id else ""))
        raw.execute(f"UPDATE {TABLE} SET st = {STATUS.format(r=TABLE)} WHERE (project_id, flag_key) IN ({decided})",
                    args)
        if basis is not None:
            uow.set_setting(STATE_KEY, json.dumps({**basis, "at": utcnow().isoformat()}))


def refresh(store: Reader, *, today: dt.date | None = None, progress: Progress | None = None,
            write: Writer = write_directly) -> State:
    """Compute every project's flags and keep them. Off the GUI thread; `write` runs the one write
    (the app queues it on its writer thread). Cancellable between the steps of the read."""
    th, day = flags.thresholds(store), today or china_today()
    with store.read() as s:
        basis = _basis(s, day, th)  # the snapshot the flags are read from
        rows = flags.judge_all(s, today=day, thresholds=th, progress=progress)
        values = list(_row_values(rows, flags.project_ranks(s)))  # before the writer is held
    del rows
    write(lambda: _keep(store, values, project_id=None, basis=basis))
    return state(store, today=day)


# Above this many projects the app computes every project's flags in a process of its own: the
# whole-store read then holds gigabytes (2 GB at 100 000 projects) and long runs of C code holding the
# interpreter's lock (sorts, the collector over that heap: UI-thread stalls over a second) in that
# process, not the window's. Below, starting a process would cost more than the computation.
APART_ABOVE = 5000


def refresh_apart(store: Reader, *, progress: Progress | None = None, write: Writer = write_directly) -> State:
    """`refresh`, in a process of its own when the store is large (`APART_ABOVE`); its progress is
    reported here, and a cancel stops that process."""
    with store.read() as s:
        projects = s.connection().exec_driver_sql("SELECT count(*) FROM projects").scalar() or 0
    if projects <= APART_ABOVE:
        return refresh(store, progress=progress, write=write)
    _in_child(Path(store.data_dir), progress or Progress())  # type: ignore[union-attr]
    return state(store)


def _in_child(data_dir: Path, progress: Progress) -> None:
    command = [*command_line(), "--data-dir", str(data_dir), "redflags", "--refresh", "--progress-lines"]
    # stdin stays open and unwritten while this process lives: the child ends itself when it closes.
    # Its messages in UTF-8 whatever the console's code page (a Chinese Windows' is GBK).
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8", errors="replace",
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    lines: queue.Queue[str | None] = queue.Queue()

    def read(stream: IO[str]) -> None:
        for line in stream:
            lines.put(line)
        lines.put(None)

    errors: list[str] = []
    threading.Thread(target=read, args=(proc.stdout,), daemon=True).start()
    threading.Thread(target=lambda: errors.extend(proc.stderr or ()), daemon=True).start()  # type: ignore[arg-type]
    try:
        while True:
            if progress.cancelled:
                raise Cancelled("已取消计算风险提示")
            try:
                line = lines.get(timeout=0.2)
            except queue.Empty:
                continue
            if line is None:
                break
            word, *numbers = line.split()
            if word == "progress" and len(numbers) == 2:
                progress.report(int(numbers[0]), int(numbers[1]), "")
        if proc.wait() != 0:
            said = next((e.strip() for e in reversed(errors) if e.strip()), f"退出码 {proc.returncode}")
            raise UserError(f"计算风险提示失败：{said.removeprefix('错误：')}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdin is not None:
            proc.stdin.close()


def refresh_project(store: Reader, *, project_id: str, today: dt.date | None = None,
                    write: Writer = write_directly) -> None:
    """Compute one project's flags (read around it) and keep them in place of its kept ones, unless
    every kept flag is current already. The other projects' stay as they were (stale or not)."""
    day = today or china_today()
    if state(store, today=day).fresh:
        return
    rows = flags.flags_for_project(store, project_id=project_id, today=day)
    with store.read() as s:
        values = list(_row_values(rows, flags.project_ranks(s, project_id)))
    write(lambda: _keep(store, values, project_id=project_id, basis=None))


def _subjects(raw: str) -> tuple[rules.Subject, ...]:
    return tuple(rules.Subject(*x) for x in json.loads(raw))


def _row(pid, key, rule, title, message, route, subjects, code, name, st) -> flags.FlagRow:  # type: ignore[no-untyped-def]
    return flags.FlagRow(key, rule, pid, title, message, tuple(json.loads(route)), _subjects(subjects), code, name,
                         _STATUS_OF.get(st, "open"))


def _with_decisions(s: Session, rows: list[flags.FlagRow]) -> list[flags.FlagRow]:
    """The reason, author and time of the decided rows' decisions (read for the page only, in one
    statement; the newest decision on a flag wins, as in `redflags._rows`)."""
    decided = {(r.project_id, r.key) for r in rows if r.status != "open"}
    if not decided:
        return rows
    raw = s.connection().connection.driver_connection
    found = {}
    for pid, key, reason, by, at in raw.execute(
            "SELECT project_id, flag_key, reason, updated_by, updated_at FROM red_flag_decisions WHERE deleted = 0"
            " AND project_id IN (SELECT value FROM json_each(?)) ORDER BY rev",
            (json.dumps(sorted({pid for pid, _k in decided})),)):
        if (pid, key) in decided:
            found[(pid, key)] = (reason, by, utc(at))
    return [dataclasses.replace(r, reason=d[0], decided_by=d[1], decided_at=d[2])
            if (d := found.get((r.project_id, r.key))) else r for r in rows]


def find_flags(s: Session, q: FlagQuery, *, offset: int = 0, limit: int | None = None) -> FlagPage:
    """The page [offset, offset+limit) of the kept flags matching `q`, in its order, their number,
    and how many wait for a decision. Runs in the caller's read session. A page is chosen on the sort
    keys and the rowid alone (`fetch_page(narrow=)`): sorting by title, project or text then sorts
    narrow keys, not every flag's text and subjects."""
    if q.sort not in SORTS or not q.statuses <= ST.keys():
        raise ValueError(f"unknown sort {q.sort!r} or statuses {sorted(q.statuses)!r}")
    params: dict[str, Any] = {}
    # With a project, its own index finds its few flags; the status index would walk every flag.
    status = "+r.st" if q.project_id else "r.st"
    where = [f"{status} IN ({', '.join(str(ST[x]) for x in sorted(q.statuses))})" if q.statuses else "0"]
    if q.project_id:
        where.append("r.project_id = :project_id")
        params["project_id"] = q.project_id
    if q.rule:
        where.append("r.rule = :rule")
        params["rule"] = q.rule
    words = word_tests(q.text, _TEXT, params)
    page = fetch_page(s, columns=_COLUMNS, tables=f"{TABLE} r", where=where + words, order=SORTS[q.sort],
                      descending=q.descending, params=params, offset=offset, limit=limit, make=_row,
                      count_cap=COUNT_CAP if words else None, narrow="r.rowid")
    raw = s.connection().connection.driver_connection
    mine = " AND project_id = ?" if q.project_id else ""
    waiting = raw.execute(f"SELECT count(*) FROM {TABLE} WHERE {'+' if mine else ''}st = 0{mine}",
                          (q.project_id,) if q.project_id else ()).fetchone()[0]
    return FlagPage(page.total, _with_decisions(s, page.rows), page.offset, page.capped, open=waiting)


def page_flags(store: Reader, q: FlagQuery, *, offset: int = 0, limit: int | None = 200,
               today: dt.date | None = None) -> FlagPage:
    """One page of the kept flags with the state they are in, in one read transaction (off the GUI
    thread)."""
    th = flags.thresholds(store)
    with store.read() as s:
        found = find_flags(s, q, offset=offset, limit=limit)
        return dataclasses.replace(found, state=_state(s, today or china_today(), th))


def current_flags(store: Reader, *, today: dt.date | None = None, progress: Progress | None = None,
                  write: Writer = write_directly, apart: bool = False) -> list[flags.FlagRow]:
    """Every project's flags as the rules say now, in the order projects were added: the kept ones,
    computed again first when stale (`apart`: as `refresh_apart`, for the app). A read-only store
    computes them without keeping them."""
    day = today or china_today()
    if getattr(store, "readonly", False):  # a unit is never read-only
        return flags.all_flags(store, today=day, progress=progress)
    if not state(store, today=day).fresh:
        if apart and day == china_today():  # the child computes for today
            refresh_apart(store, progress=progress, write=write)
        else:
            refresh(store, today=day, progress=progress, write=write)
    everything = FlagQuery(statuses=frozenset(ST), sort="place")
    return page_flags(store, everything, limit=None, today=day).rows
