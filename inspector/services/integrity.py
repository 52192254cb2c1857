"""Is the store what it says it is? Every device's audit chain (against the head the office
acknowledged, once synced) and every signed record (its rows against its seal, its signed content
against its content hash, its PDF against its hash)."""

from __future__ import annotations

from dataclasses import dataclass

from inspector.domain.kinds import KIND_LABELS
from inspector.store import Reader
from inspector.store.audit import ChainReport, verify_all
from inspector.store.integrity import verify_records


@dataclass(frozen=True)
class RecordIssue:
    kind: str
    label: str
    record_id: str
    record_no: str
    problem: str


@dataclass(frozen=True)
class StoreReport:
    chains: tuple[ChainReport, ...]
    records_checked: int
    record_problems: tuple[RecordIssue, ...]

    @property
    def chains_ok(self) -> bool:
        return all(c.ok for c in self.chains)

    @property
    def ok(self) -> bool:
        return self.chains_ok and not self.record_problems


def check_store(store: Reader) -> StoreReport:
    """Runs off the GUI thread (reads every audit event and every signed record)."""
    with store.read() as s:
        chains = tuple(verify_all(s))
        checked, problems = verify_records(s, store.blobs)
    issues = tuple(RecordIssue(p.kind, KIND_LABELS[p.kind], p.record_id, p.record_no, p.problem) for p in problems)
    return StoreReport(chains, checked, issues)
