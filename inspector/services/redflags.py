"""风险提示: load the records, run the pure red-flag rules, attach the inspector's decisions.

Flags are computed, never stored; what is stored is the inspector's decision on a flag
(`RedFlagDecision`, one row per project and flag key, audit-logged by the store), so a decision
sticks for as long as the flag's subjects stay the same."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, fields

from sqlalchemy import literal_column, select
from sqlalchemy.orm import Session

from inspector.domain import Project, RedFlagDecision, Setting
from inspector.domain.clock import china_today
from inspector.domain.rules import redflags as rules
from inspector.services import redflag_inputs as inputs
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
    with store.read() as s:  # one read, not one per threshold: every page of the kept flags asks
        saved = dict(s.execute(select(Setting.key, Setting.value).where(Setting.key.like("redflag.%"))).all())
    values = {}
    for f in fields(rules.Thresholds):
        raw = saved.get(f"redflag.{f.name}", "")
        if raw:
            try:
                values[f.name] = type(f.default)(raw)
            except ValueError:
                log.warning("ignoring unreadable setting redflag.%s=%r", f.name, raw)
    return rules.Thresholds(**values)


def _rows(s: Session, flags: list[rules.RedFlag], project_id: str | None) -> list[FlagRow]:
    if project_id:  # the rules also judge the neighbours read with it, on part of their data
        flags = [f for f in flags if f.project_id == project_id]
    pids = sorted({f.project_id for f in flags})
    names = {pid: (code, name) for k in range(0, len(pids), 500)
             for pid, code, name in s.execute(select(Project.id, Project.code, Project.name)
                                              .where(Project.id.in_(pids[k:k + 500])))}
    q = select(RedFlagDecision).where(RedFlagDecision.deleted.is_(False))
    if project_id:
        q = q.where(RedFlagDecision.project_id == project_id)
    # Two devices may each have decided a flag: the newest decision is the one shown (as kept, too).
    decisions = {(d.project_id, d.flag_key): d for d in s.scalars(q.order_by(RedFlagDecision.rev))}
    out = []
    for f in flags:
        code, name = names.get(f.project_id, ("", ""))
        d = decisions.get((f.project_id, f.key))
        out.append(FlagRow(f.key, f.rule, f.project_id, f.title, f.message, f.route, f.subjects, code, name,
                           d.decision if d else "open", d.reason if d else "", d.updated_by if d else "",
                           d.updated_at if d else None))
    return out


def _judge(s: Session, project_id: str | None, today: dt.date, th: rules.Thresholds,
           step: Callable[[], None] = lambda: None) -> list[FlagRow]:
    data = inputs.load(s, project_id, cold_below=th.wet_work_min_temp, step=step)
    step()
    flags = rules.compute(data, today=today, thresholds=th)
    step()
    return _rows(s, flags, project_id)


def flags_for_project(store: Reader, *, project_id: str, today: dt.date | None = None) -> list[FlagRow]:
    """The project's flags, decided ones included (their `status` says so). Runs off the GUI thread."""
    th = thresholds(store)
    with store.read() as s:
        live(s, Project, project_id, "项目")
        return _judge(s, project_id, today or china_today(), th)


def all_flags(store: Reader, *, today: dt.date | None = None, progress: Progress | None = None) -> list[FlagRow]:
    """Every project's flags, decided ones included, ordered by project. Runs off the GUI thread.
    What the views and the 台账 read is these flags as kept (`redflag_results`); this computes them."""
    th, day = thresholds(store), today or china_today()
    with store.read() as s:
        return judge_all(s, today=day, thresholds=th, progress=progress)


def judge_all(s: Session, *, today: dt.date, thresholds: rules.Thresholds,
              progress: Progress | None = None) -> list[FlagRow]:
    """Every project's flags in session `s`, ordered by project (the order projects were added),
    then by the rules' order.

    One read of the whole store, not one project or chunk of projects at a time: the cross-project
    rules' groups (a certificate's deliveries, a lab's series, a person's posts, a phone's firms)
    span the city, and a chunk reads each group it touches, so chunks read the dense groups once per
    chunk (at 100 000 projects, minutes instead of one). `progress` hears of each step of the read
    (`inputs.STEPS` and the rules) and may cancel between steps."""
    progress = progress or Progress()
    done = 0

    def step() -> None:
        nonlocal done
        if progress.cancelled:
            raise Cancelled("已取消计算风险提示")
        progress.report(done, ALL_STEPS, "")
        done += 1

    rows = _judge(s, None, today, thresholds, step)
    place = project_ranks(s)
    progress.report(ALL_STEPS, ALL_STEPS, "")
    return sorted(rows, key=lambda r: place[r.project_id])


def project_ranks(s: Session, project_id: str | None = None) -> dict[str, int]:
    """Project id -> its rowid (the order projects were added: the flags' order across projects)."""
    q = select(Project.id, literal_column("projects.rowid"))
    if project_id:
        q = q.where(Project.id == project_id)
    return {pid: rank for pid, rank in s.execute(q)}


ALL_STEPS = inputs.STEPS + 2  # the reads, the rules, the decisions


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
