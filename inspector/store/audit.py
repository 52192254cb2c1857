"""The hash-chained audit log: how an event is hashed, and how the chain is verified."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.domain.system import AuditEvent

GENESIS = "0" * 64


def event_hash(prev_hash: str, *, at: str, actor: str, device_id: str, action: str, entity: str,
               entity_id: str, before: Any, after: Any) -> str:
    body = json.dumps(
        {"at": at, "actor": actor, "device_id": device_id, "action": action, "entity": entity,
         "entity_id": entity_id, "before": before, "after": after},
        ensure_ascii=False, sort_keys=True, separators=(",", ":"),
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def hash_of(ev: AuditEvent) -> str:
    return event_hash(ev.prev_hash, at=ev.at.isoformat(), actor=ev.actor, device_id=ev.device_id,
                      action=ev.action, entity=ev.entity, entity_id=ev.entity_id,
                      before=ev.before, after=ev.after)


@dataclass(frozen=True)
class ChainReport:
    events: int
    broken_at: int | None  # seq of the first event that does not verify
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify_chain(session: Session) -> ChainReport:
    prev = GENESIS
    count = 0
    for ev in session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).yield_per(2000):
        count += 1
        if ev.prev_hash != prev:
            return ChainReport(count, ev.seq, "链接断开：上一条记录的哈希与本条记录的 prev_hash 不一致（记录被删除或插入）")
        if hash_of(ev) != ev.hash:
            return ChainReport(count, ev.seq, "内容被篡改：本条记录的哈希与内容不符")
        prev = ev.hash
    return ChainReport(count, None)
