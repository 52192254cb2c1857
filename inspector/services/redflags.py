"""风险提示: load the records, run the pure red-flag rules, attach the inspector's decisions.

Flags are computed, never stored; what is stored is the inspector's decision on a flag
(`RedFlagDecision`, one row per project and flag key, audit-logged by the store), so a decision
sticks for as long as the flag's subjects stay the same."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, fields

from sqlalchemy import literal_column, select
from sqlalchemy.orm import Session

from inspector.domain import Project, RedFlagDecision
from inspector.domain.clock import china_today
from inspector.domain.rules import redflags as rules
from inspector.services import redflag_inputs as inputs
from inspector.services import redflag_series
from inspector.services.changes import Cancelled, Changes, Progress
from inspector.services.errors import UserError, ValidationError
from inspector.services.lookup import live
from inspector.store import Reader, Unit, use_case

log = logging.getLogger(__name__)

# Tables whose changes can raise or clear a flag: views refresh their flags when one is touched.
FLAG_SOURCES = ("material_batches", "test_reports", "complaints", "public_postings", "persons", "parties", "projects",
                "rectifications", "findings", "red_flag_decisions", "inspections", "answers",
                "rectification_replies", "acceptances", "signatories")

DECISIONS = {"confirmed": "已确认", "dismissed": "已排除"}
STATUS_LABELS = {"open": "待核实", **DECISIONS}


@dataclass(frozen=True)
class FlagRow:
    """A flag as the UI shows it: the rule's output plus its project and the inspector's decision."""

    key: str
    rule: str
    project_id: str
    title: str
    message: str
    route: tuple[str, ...]
    subjects: tuple[rules.Subject, ...]
    project_code: str
    project_name: str
    status: str = "open"  # open / confirmed / dismissed
    reason: str = ""
    decided_by: str = ""
    decided_at: dt.datetime | None = None
    haystack: str = field(default="", repr=False)

    @property
    def id(self) -> str:
        return f"{self.project_id}|{self.key}"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def target(self) -> rules.Subject | None:
        return self.subjects[0] if self.subjects else None

    def concerns(self, kind: str, record_id: str) -> bool:
        return any(s.kind == kind and s.id == record_id for s in self.subjects)


def thresholds(store: Reader) -> rules.Thresholds:
    """Thresholds from the store's settings (`redflag.<name>`), defaults where unset or unreadable."""
    values = {}
    for f in fields(rules.Thresholds):
        raw = store.get_setting(f"redflag.{f.name}", "")
        if raw:
            try:
                values[f.name] = type(f.default)(raw)
            except ValueError:
                log.warning("ignoring unreadable setting redflag.%s=%r", f.name, raw)
    return rules.Thresholds(**values)


def _rows(s: Session, flags: list[rules.RedFlag], pids: Sequence[str] | None) -> list[FlagRow]:
    keep = set(pids) if pids is not None else None
    flags = [f for f in flags if keep is None or f.project_id in keep]
    wanted = sorted({f.project_id for f in flags})
    names = {pid: (code, name) for k in range(0, len(wanted), 500)
             for pid, code, name in s.execute(select(Project.id, Project.code, Project.name)
                                              .where(Project.id.in_(wanted[k:k + 500])))}
    q = select(RedFlagDecision).where(RedFlagDecision.deleted.is_(False))
    decisions = {(d.project_id, d.flag_key): d
                 for k in range(0, len(wanted), 500)
                 for d in s.scalars(q.where(RedFlagDecision.project_id.in_(wanted[k:k + 500])))}
    out = []
    for f in flags:
        code, name = names.get(f.project_id, ("", ""))
        d = decisions.get((f.project_id, f.key))
        hay = " ".join([f.rule, f.title, f.message, code, name, *f.route]).lower()
        out.append(FlagRow(f.key, f.rule, f.project_id, f.title, f.message, f.route, f.subjects, code, name,
                           d.decision if d else "open", d.reason if d else "", d.updated_by if d else "",
                           d.updated_at if d else None, hay))
    return out


def _judge(s: Session, pids: Sequence[str] | None, today: dt.date, th: rules.Thresholds,
           out_of_turn: redflag_series.OutOfTurn | None = None) -> list[FlagRow]:
    data = inputs.load(s, pids, cold_below=th.wet_work_min_temp, out_of_turn=out_of_turn)
    return _rows(s, rules.compute(data, today=today, thresholds=th), pids)


def flags_for_project(store: Reader, *, project_id: str, today: dt.date | None = None) -> list[FlagRow]:
    """The project's flags, decided ones included (their `status` says so). Runs off the GUI thread."""
    th = thresholds(store)
    with store.read() as s:
        live(s, Project, project_id, "项目")
        return _judge(s, [project_id], today or china_today(), th)


CHUNK = 1000  # projects judged together in a run over every project: the memory a run holds


def all_flags(store: Reader, *, today: dt.date | None = None, progress: Progress | None = None,
              chunk: int | None = CHUNK) -> list[FlagRow]:
    """Every project's flags, decided ones included, as of one moment (one read). Runs off the GUI
    thread. `chunk` projects at a time, each read around them as one project's flags are, so what
    the run holds is a chunk's rows and the flags, not the store; `progress` hears of each chunk
    (projects done, of how many) and may cancel. `chunk=None` reads the whole store at once (the
    rules' plain definition, which the tests hold the chunks to)."""
    progress = progress or Progress()
    th, day = thresholds(store), today or china_today()
    with store.read() as s:
        pids = list(s.scalars(select(Project.id).where(Project.deleted.is_(False))
                              .order_by(literal_column("projects.rowid"))))
        place = {pid: k for k, pid in enumerate(pids)}

        def in_order(rows: list[FlagRow]) -> list[FlagRow]:  # by project, the rules' order within one
            return sorted(rows, key=lambda r: place[r.project_id])

        if chunk is None or len(pids) <= chunk:  # one chunk: the whole store, read plainly, costs less
            progress.report(0, len(pids), "")
            rows = in_order(_judge(s, None, day, th))
            progress.report(len(pids), len(pids), "")
            return rows
        out_of_turn = redflag_series.OutOfTurn.read(s)
        out: list[FlagRow] = []
        for k in range(0, len(pids), chunk):
            if progress.cancelled:
                raise Cancelled("已取消计算风险提示")
            progress.report(k, len(pids), "")
            out += in_order(_judge(s, pids[k:k + chunk], day, th, out_of_turn))
            s.expunge_all()  # the chunk's records: one chunk's at a time
        progress.report(len(pids), len(pids), "")
        return out


@use_case
def decide(uow: Unit, *, project_id: str, flag_key: str, decision: str, reason: str,
           today: dt.date | None = None) -> Changes:
    """Confirm or dismiss a flag with a reason, or reopen it (`decision="open"`). The flag must still
    be raised: a flag that went away because the data was corrected cannot be decided."""
    reason = (reason or "").strip()
    if decision not in (*DECISIONS, "open"):
        raise ValidationError({"decision": f"未知的处理结果“{decision}”（应为确认或排除）"})
    if decision != "open" and len(reason) < 2:
        raise ValidationError({"reason": f"{DECISIONS[decision]}风险提示须填写理由"})
    current = {f.key for f in flags_for_project(uow, project_id=project_id, today=today)}
    if flag_key not in current:
        raise UserError("该风险提示已不存在（相关记录可能已更正），请刷新后再试")
    s = uow.session
    d = s.scalar(select(RedFlagDecision).where(RedFlagDecision.project_id == project_id,
                                               RedFlagDecision.flag_key == flag_key))
    if decision == "open":
        if d is None or d.deleted:
            raise UserError("该风险提示尚未处理，无需重新打开")
        d.deleted = True
        d.reason = reason or d.reason
    elif d is None:
        d = RedFlagDecision(project_id=project_id, flag_key=flag_key, decision=decision, reason=reason)
        s.add(d)
    else:
        d.deleted = False
        d.decision = decision
        d.reason = reason
    return Changes.of("red_flag_decisions", ids=[d.id, project_id])


def flags_by_subject(rows: list[FlagRow], *, include_dismissed: bool = False) -> dict[tuple[str, str], list[FlagRow]]:
    """(kind, id) -> the flags that concern that record, for markers on list rows."""
    out: dict[tuple[str, str], list[FlagRow]] = {}
    for r in rows:
        if r.status == "dismissed" and not include_dismissed:
            continue
        for subj in r.subjects:
            out.setdefault((subj.kind, subj.id), []).append(r)
    return out
