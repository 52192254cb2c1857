"""The photo rule of the red flags (the same photo, by SHA-256, as evidence in two projects), kept
current from the rows written since it last looked instead of joining every photo link again after
each push of answers: with 20 photos per inspection the links outnumber every other row the rules
read, and answers (which the rule joins through) are the most common push.

A link names its project through its target: an answer (through its inspection), an inspection, a
finding, a notice, an acceptance or a handover. So the photos a write can touch are those of the
links written since, those linked to targets written since, and those linked to the answers of
inspections written since (an inspection moved to another project moves its answers' photos).
Only those photos are grouped again, by the same query as the whole-store run, restricted to them
(the links' photo index); the index holds the flagged photos only, not the links."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, union_all
from sqlalchemy.orm import Session

from inspector.domain import Acceptance, Answer, Finding, Handover, Inspection, PhotoLink, Rectification

TARGETS: tuple[tuple[str, Any], ...] = (
    ("answer", Answer), ("inspection", Inspection), ("finding", Finding), ("rectification", Rectification),
    ("acceptance", Acceptance), ("handover", Handover))
TABLES = (PhotoLink, *(model for _, model in TARGETS))  # what the rule reads
DETAIL = "同一张照片（SHA-256 相同）作为多个项目的证据"
_CHUNK = 1000  # photos per regrouping query (its IN list appears once per kind of target)
_WHOLE = 50_000  # more photos touched than this: the whole-store run is cheaper


def title(sha: str) -> str:
    return f"照片 SHA-256 {sha[:16]}…"


def photo_projects(photo_ids: list[str] | None = None) -> Any:
    """(photo id, project id) for every live link of a photo to a record of a project (of the given
    photos only, when given)."""
    link = PhotoLink
    parts = [
        select(link.photo_id, Inspection.project_id).join(Answer, Answer.id == link.target_id)
        .join(Inspection, Inspection.id == Answer.inspection_id).where(link.target_kind == "answer"),
    ]
    for kind, model in TARGETS[1:]:
        parts.append(select(link.photo_id, model.project_id).join(model, model.id == link.target_id)
                     .where(link.target_kind == kind))
    live = [link.deleted.is_(False)] + ([link.photo_id.in_(photo_ids)] if photo_ids is not None else [])
    return union_all(*(p.where(*live) for p in parts)).subquery()


class PhotoIndex:
    """The flagged photos (SHA-256 -> the projects it is evidence in). Its owner serialises calls."""

    def __init__(self) -> None:
        self.flags: dict[str, set[str]] = {}

    def full(self, s: Session) -> set[str]:
        """Group every photo of the store that has more than one link; returns the photos whose
        flag may have changed. Most photos have one link: counting links per photo reads the links'
        photo index alone (deleted links counted too: a few more candidates, never one missed),
        and only the candidates' links are joined to their targets (the whole-store join of every
        link took 15 s at 1 000 000 links on SQLite)."""
        candidates = set(s.scalars(select(PhotoLink.photo_id).group_by(PhotoLink.photo_id)
                                   .having(func.count() > 1)))
        touched = set(self.flags) | candidates
        self.flags = {}
        self._regroup(s, candidates)
        return touched

    def update(self, s: Session, since: dict[str, int]) -> set[str]:
        """Regroup the photos that rows written since touched: `since` maps each table of `TABLES`
        that was written to the highest `rev` it had when last read. Returns those photos."""
        link = PhotoLink
        asks = []
        if link.__tablename__ in since:
            asks.append(select(link.photo_id).where(link.rev > since[link.__tablename__]))
        for kind, model in TARGETS:
            if model.__tablename__ in since:
                asks.append(select(link.photo_id).where(
                    link.target_kind == kind,
                    link.target_id.in_(select(model.id).where(model.rev > since[model.__tablename__]))))
        if Inspection.__tablename__ in since:
            asks.append(select(link.photo_id).join(Answer, Answer.id == link.target_id).where(
                link.target_kind == "answer",
                Answer.inspection_id.in_(select(Inspection.id).where(Inspection.rev > since[Inspection.__tablename__]))))
        touched: set[str] = set()
        for ask in asks:
            touched.update(s.scalars(ask))
            if len(touched) > _WHOLE:
                return self.full(s)
        self._regroup(s, touched)
        return touched

    def _regroup(self, s: Session, photos: set[str]) -> None:
        ordered = sorted(photos)
        for k in range(0, len(ordered), _CHUNK):
            chunk = ordered[k:k + _CHUNK]
            pp = photo_projects(chunk)
            found: dict[str, set[str]] = {}
            for sha, pid in s.execute(select(pp.c.photo_id, pp.c.project_id).distinct()):
                found.setdefault(sha, set()).add(pid)
            for sha in chunk:
                pids = found.get(sha, set())
                if len(pids) > 1:
                    self.flags[sha] = pids
                else:
                    self.flags.pop(sha, None)
