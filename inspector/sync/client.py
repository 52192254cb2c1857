"""One sync of a laptop's store with the office, over any `Peer` (the office in this process for
tests and tools, or over HTTP): push the outbox batch by batch (blobs first), record each answer,
then pull from the saved cursor, applying each batch and advancing the cursor in the same
transaction. A sync cut anywhere resumes where it stopped: nothing is applied twice, nothing lost."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from inspector.store import SYSTEM, Actor, Mode, Workspace
from inspector.sync.state import acknowledge, apply_remote, changes_since
from inspector.sync.wire import CONFLICT, REFUSED, ApplyReport, Batch

log = logging.getLogger(__name__)

CURSOR_SETTING = "sync_cursor"
SYNC_ACTOR = Actor("同步")

T = TypeVar("T")
# Runs one write (a unit of work) and returns its result. The desktop app passes one that runs it on
# its single writer thread, so a sync's writes queue with the inspector's edits between batches
# instead of holding the writer for the whole sync; headless callers write directly.
Writer = Callable[[Callable[[], Any]], Any]


def _direct(fn: Callable[[], T]) -> T:
    return fn()


class Peer(Protocol):
    """The office, as a laptop reaches it."""

    def push(self, batch: Batch) -> ApplyReport: ...
    def pull(self, cursor: str, limit: int) -> Batch: ...
    def missing_blobs(self, hashes: list[str]) -> list[str]: ...
    def put_blob(self, sha256: str, data: bytes) -> None: ...
    def get_blob(self, sha256: str) -> bytes: ...


@dataclass
class SyncSummary:
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    refused: list[str] = field(default_factory=list)
    blobs_up: int = 0
    blobs_down: int = 0
    chain_problems: list[str] = field(default_factory=list)
    tables: set[str] = field(default_factory=set)  # the tables pulled rows belong to (what views refresh)


def sync(ws: Workspace, peer: Peer, *, limit: int = 1000,
         progress: Callable[[str, int], None] | None = None, write: Writer = _direct) -> SyncSummary:
    """Push everything, then pull everything. Runs off the GUI thread."""
    summary = SyncSummary()
    push(ws, peer, summary, limit=limit, progress=progress, write=write)
    pull(ws, peer, summary, limit=limit, progress=progress, write=write)
    return summary


def push(ws: Workspace, peer: Peer, summary: SyncSummary, *, limit: int = 1000,
         progress: Callable[[str, int], None] | None = None, write: Writer = _direct) -> None:
    """First one batch of what the office refused last time (it may go through now), then the rest
    until the outbox is empty or holds only rows refused in this sync."""
    for retrying in (True, False):
        while True:
            batch = changes_since(ws, None, limit=limit, failed=retrying)
            if not batch.rows and not batch.events:
                break
            for sha in peer.missing_blobs(batch.blobs):
                peer.put_blob(sha, ws.blobs.read(sha))
                summary.blobs_up += 1
            report = peer.push(batch)
            write(lambda report=report: _acknowledge(ws, report))
            summary.pushed += sum(r.status != REFUSED for r in report.results)
            summary.conflicts += sum(r.status == CONFLICT for r in report.results)
            summary.refused += [f"{r.table} {r.id}：{r.reason}" for r in report.results if r.status == REFUSED]
            summary.chain_problems += report.chain_problems
            if progress:
                progress("push", summary.pushed)
            if retrying or not batch.more:
                break


def _acknowledge(ws: Workspace, report: ApplyReport) -> None:
    with ws.store.unit(SYSTEM, Mode.ACK) as uow:
        acknowledge(uow, report)


def _apply_pulled(ws: Workspace, batch: Batch) -> ApplyReport:
    with ws.store.unit(SYNC_ACTOR, Mode.REMOTE) as uow:
        report = apply_remote(uow, batch)
        uow.set_setting(CURSOR_SETTING, batch.cursor)  # advances only with the applied rows
    return report


def pull(ws: Workspace, peer: Peer, summary: SyncSummary, *, limit: int = 1000,
         progress: Callable[[str, int], None] | None = None, write: Writer = _direct) -> None:
    while True:
        cursor = ws.get_setting(CURSOR_SETTING, "0")
        batch = peer.pull(cursor, limit)
        for sha in batch.blobs:
            if not ws.blobs.exists(sha):
                ws.blobs.put_verified(peer.get_blob(sha), sha)
                summary.blobs_down += 1
        report = write(lambda batch=batch: _apply_pulled(ws, batch))
        summary.pulled += len(batch.rows)
        summary.tables |= {r.table for r in batch.rows}
        summary.chain_problems += report.chain_problems
        if progress:
            progress("pull", summary.pulled)
        if not batch.more:
            return


class LocalPeer:
    """The office's store in this process: the same calls the office server makes for a request."""

    def __init__(self, office: Workspace, device_id: str, scope: list[str] | None = None) -> None:
        self.office, self.device_id, self.scope = office, device_id, scope

    def push(self, batch: Batch) -> ApplyReport:
        batch = Batch.from_json(batch.to_json())  # what crosses the wire is checked as the server would
        with self.office.store.unit(SYNC_ACTOR, Mode.REMOTE) as uow:
            return apply_remote(uow, batch, scope=self.scope)

    def pull(self, cursor: str, limit: int) -> Batch:
        batch = changes_since(self.office, cursor, limit=limit, scope=self.scope, for_device=self.device_id)
        return Batch.from_json(batch.to_json())

    def missing_blobs(self, hashes: list[str]) -> list[str]:
        return [h for h in hashes if not self.office.blobs.exists(h)]

    def put_blob(self, sha256: str, data: bytes) -> None:
        self.office.blobs.put_verified(data, sha256)

    def get_blob(self, sha256: str) -> bytes:
        return self.office.blobs.read(sha256)
