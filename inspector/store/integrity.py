"""What the store checks about itself: the lock triggers are in place (restored, and the restoring
audited, if someone dropped or changed one), and every signed record still matches its seal, its
signed content and its PDF."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.domain.kinds import RECORD_KINDS
from inspector.store.locks import ensure_triggers
from inspector.store.rows import sha256_of
from inspector.store.seal import seal_of

if TYPE_CHECKING:
    from inspector.store.db import Store

log = logging.getLogger(__name__)


def on_open(store: Store) -> None:
    """Lock triggers in place; seals for records signed before seals existed."""
    from sqlalchemy import update

    from inspector.domain.system import Setting
    from inspector.store.hooks import append_event
    from inspector.store.unit import SYSTEM, Mode, WriteInfo

    info = WriteInfo(SYSTEM, store.device_id, Mode.LOCAL, store.role)
    with store.unit(SYSTEM) as uow:
        s = uow.session
        pending = s.get(Setting, "lock_triggers_pending")
        restored = ensure_triggers(s.connection())
        if pending is not None:
            s.delete(pending)  # a migration asked for them: creating them is expected
        elif restored:
            log.warning("lock triggers missing or altered, restored: %s", ", ".join(restored))
            append_event(s, info, action="system", entity="store", entity_id=store.device_id, before=None,
                         after={"event": "锁定触发器缺失或被改动，已按当前表结构恢复", "triggers": restored})
        sealed = []
        for k in RECORD_KINDS.values():
            model = k.model
            for rid in s.scalars(select(model.id).where(model.locked_at.is_not(None), model.seal_sha256.is_(None))):
                # Core UPDATE: the hook would refuse touching a signed row; the triggers let a
                # missing seal be set once (and never changed).
                s.execute(update(model).where(model.id == rid).values(seal_sha256=seal_of(s, k.key, rid)))
                sealed.append(f"{k.key}:{rid}")
        if sealed:
            append_event(s, info, action="system", entity="store", entity_id=store.device_id, before=None,
                         after={"event": "为升级前签署的记录补记封存哈希", "records": len(sealed)})


@dataclass(frozen=True)
class RecordProblem:
    kind: str
    record_id: str
    record_no: str
    problem: str


def verify_records(session: Session, blobs=None) -> tuple[int, list[RecordProblem]]:  # type: ignore[no-untyped-def]
    """(signed records checked, problems): a record whose rows no longer match its seal, whose
    signed content no longer matches its content hash, or whose stored PDF is missing or changed."""
    checked, problems = 0, []
    for k in RECORD_KINDS.values():
        model = k.model
        for row in session.scalars(select(model).where(model.locked_at.is_not(None))):
            checked += 1
            no = k.number_of(row)

            def bad(text: str, row=row, no=no, k=k) -> None:
                problems.append(RecordProblem(k.key, row.id, no, text))

            if row.seal_sha256 and seal_of(session, k.key, row.id) != row.seal_sha256:
                bad("签署后记录内容被改动：当前内容与签署时的封存哈希不符")
            if row.signed_content is not None and sha256_of(row.signed_content) != row.content_sha256:
                bad("签署时的内容快照与内容哈希不符")
            if blobs is not None and row.pdf_sha256:
                try:
                    data = blobs.read(row.pdf_sha256)
                except Exception:  # noqa: BLE001 - any failure to read is the finding
                    bad("已签署的 PDF 文件缺失")
                else:
                    if hashlib.sha256(data).hexdigest() != row.pdf_sha256:
                        bad("已签署的 PDF 文件被改动")
    return checked, problems
