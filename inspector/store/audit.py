"""The audit log: one hash chain per device. How an event is hashed, appended and verified.

Each device appends its own events (seq 1, 2, …), each hash covering the one before, so a chain
verifies on its own and the office can hold many. Alone, a chain proves that nothing inside it was
changed without recomputing everything after the change; it cannot prove that its last events were
not cut off or the whole tail recomputed. Once the office has acknowledged a head (seq, hash), kept
as an `AuditAnchor`, any cut or rewrite up to that head is found."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector.domain.sync import AuditAnchor
from inspector.domain.system import AuditEvent

GENESIS = "0" * 64

# Personal data the audit log never copies (a mask shows that it changed, not what it is).
PERSONAL_COLUMNS = {
    "complaints": frozenset({"complainant_phone", "complainant_name"}),
    "signatories": frozenset({"phone"}),
    "persons": frozenset({"phone"}),
}


def mask(value: Any) -> Any:
    """138****5678 (a number), 张** (a name): enough to see what changed, not who or how to call."""
    if not isinstance(value, str) or not value:
        return value
    text = value.strip()
    if not any(ch.isdigit() for ch in text):
        return text[:1] + "*" * max(len(text) - 1, 1)
    if len(text) <= 4:
        return "*" * len(text)
    return text[:3] + "*" * max(len(text) - 7, 1) + text[-4:]


def masked(table: str, data: dict[str, Any] | None) -> dict[str, Any] | None:
    cols = PERSONAL_COLUMNS.get(table)
    if not cols or not data:
        return data
    return {k: (mask(v) if k in cols else v) for k, v in data.items()}


def event_hash(prev_hash: str, *, device_id: str, seq: int, at: str, actor: str, action: str, entity: str,
               entity_id: str, before: Any, after: Any) -> str:
    body = json.dumps(
        {"device_id": device_id, "seq": seq, "at": at, "actor": actor, "action": action, "entity": entity,
         "entity_id": entity_id, "before": before, "after": after},
        ensure_ascii=False, sort_keys=True, separators=(",", ":"),
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def hash_of(ev: AuditEvent, prev_hash: str | None = None) -> str:
    """The event's hash over `prev_hash` (default: the one it stores) and its content."""
    return event_hash(ev.prev_hash if prev_hash is None else prev_hash, device_id=ev.device_id, seq=ev.seq,
                      at=ev.at.isoformat(), actor=ev.actor, action=ev.action, entity=ev.entity,
                      entity_id=ev.entity_id, before=ev.before, after=ev.after)


# The link to the event before. An event appended here since store revision 0009 keeps an empty
# `prev_hash`: its link is the hash of the event before it in the same chain, which the log holds
# anyway (64 bytes an event, a tenth of the log). Its hash still covers the link, so the chain means
# what it meant; verification supplies the link as it walks the chain, and every event leaves the
# store with its link filled in (`fill_links`), so the office verifies it as before. Events written
# earlier, or received from other devices, keep the link they came with, which must match.


def fill_links(session: Session, events: list[Any]) -> list[Any]:
    """Fill in the empty `prev_hash` of events about to leave the store (wire events, ordered by
    device and seq): the hash of the event before, from the list or the log."""
    last: dict[str, tuple[int, str]] = {}
    for ev in events:
        if not ev.prev_hash:
            held = last.get(ev.device_id)
            if held and held[0] == ev.seq - 1:
                ev.prev_hash = held[1]
            elif ev.seq == 1:
                ev.prev_hash = GENESIS
            else:
                ev.prev_hash = session.scalar(select(AuditEvent.hash).where(
                    AuditEvent.device_id == ev.device_id, AuditEvent.seq == ev.seq - 1)) or ""
        last[ev.device_id] = (ev.seq, ev.hash)
    return events


def head(session: Session, device_id: str) -> tuple[int, str]:
    """(seq, hash) of the device's last event here, (0, GENESIS) for none."""
    with session.no_autoflush:
        row = session.execute(select(AuditEvent.seq, AuditEvent.hash).where(AuditEvent.device_id == device_id)
                              .order_by(AuditEvent.seq.desc()).limit(1)).first()
    return (row[0], row[1]) if row else (0, GENESIS)


@dataclass(frozen=True)
class ChainReport:
    device_id: str
    events: int
    broken_at: int | None  # seq of the first event that does not verify
    reason: str = ""
    anchored_seq: int = 0  # the head the office acknowledged (0: never synced)

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify_chain(session: Session, device_id: str) -> ChainReport:
    anchor = session.get(AuditAnchor, device_id)
    prev, expected_seq, count = GENESIS, 1, 0
    q = select(AuditEvent).where(AuditEvent.device_id == device_id).order_by(AuditEvent.seq)
    for ev in session.scalars(q).yield_per(2000):
        count += 1
        if ev.seq != expected_seq:
            return ChainReport(device_id, count, expected_seq,
                               f"缺少第 {expected_seq} 条记录（记录被删除）", anchor.seq if anchor else 0)
        if ev.prev_hash and ev.prev_hash != prev:
            return ChainReport(device_id, count, ev.seq,
                               "链接断开：上一条记录的哈希与本条记录的 prev_hash 不一致（记录被删除或插入）",
                               anchor.seq if anchor else 0)
        if hash_of(ev, prev) != ev.hash:
            return ChainReport(device_id, count, ev.seq, "内容被篡改：本条记录的哈希与内容不符",
                               anchor.seq if anchor else 0)
        if anchor and ev.seq == anchor.seq and ev.hash != anchor.hash:
            return ChainReport(device_id, count, ev.seq,
                               "与监督站已确认的审计记录不一致：同步之后该记录被改写", anchor.seq)
        prev = ev.hash
        expected_seq += 1
    if anchor and anchor.seq > count:
        return ChainReport(device_id, count, count + 1,
                           f"监督站已确认到第 {anchor.seq} 条，本机只剩 {count} 条：同步之后记录被删除", anchor.seq)
    return ChainReport(device_id, count, None, "", anchor.seq if anchor else 0)


def verify_all(session: Session) -> list[ChainReport]:
    """Every chain held here (and every anchored chain, even if its events are all gone)."""
    devices = set(session.scalars(select(AuditEvent.device_id).distinct()))
    devices |= set(session.scalars(select(AuditAnchor.device_id)))
    return [verify_chain(session, d) for d in sorted(devices)]


def count_events(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEvent)) or 0
