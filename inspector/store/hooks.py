"""Session hooks that make every write honest: bump `rev`, stamp who/when/where, refuse changes to
signed (locked) records, and append a hash-chained audit event for each create/update/delete."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from inspector.domain.acceptance import Acceptance, Handover, Signatory
from inspector.domain.base import Lockable, Synced, new_id, utcnow
from inspector.domain.evidence import Photo, PhotoLink
from inspector.domain.inspection import (
    Answer,
    Inspection,
    InspectionChecklist,
    Rectification,
    RectificationReply,
)
from inspector.domain.system import AuditEvent, Counter, Setting
from inspector.store.audit import GENESIS, event_hash

# Bookkeeping rows, not records: their changes are not audit events.
_NOT_AUDITED = (AuditEvent, Counter, Setting)


class RecordLockedError(Exception):
    """A change to a signed record, which can only be corrected by a new revision."""


_LOCKABLE_BY_KIND: dict[str, type] = {
    "acceptance": Acceptance, "handover": Handover, "inspection": Inspection,
    "rectification": Rectification, "reply": RectificationReply,
}
# Photo links on a checklist item point at the inspection (item_id says which item).
_LOCK_OWNER_BY_TARGET = {**_LOCKABLE_BY_KIND, "answer": Inspection}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def row_dict(obj: Any, *, committed: bool = False) -> dict[str, Any]:
    """Column values of an ORM object (the committed ones with committed=True)."""
    state = inspect(obj)
    out: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if committed:
            hist = state.attrs[key].history
            if hist.deleted:
                value = hist.deleted[0]
            elif hist.unchanged:
                value = hist.unchanged[0]
            else:
                value = state.committed_state.get(key, getattr(obj, key))
        else:
            value = getattr(obj, key)
        out[key] = _jsonable(value)
    return out


def _changed(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        hist = state.attrs[attr.key].history
        if hist.has_changes():
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if old != new:
                before[attr.key] = _jsonable(old)
                after[attr.key] = _jsonable(new)
    return before, after


def _committed_locked(obj: Any) -> bool:
    hist = inspect(obj).attrs["locked_at"].history
    old = hist.deleted[0] if hist.deleted else (hist.unchanged[0] if hist.unchanged else None)
    return old is not None


def _only_workflow_changed(obj: Any) -> bool:
    if obj in inspect(obj).session.deleted or not obj.WORKFLOW_COLUMNS:
        return False
    _before, after = _changed(obj)
    content = {k for k in after if k not in Synced.META_COLUMNS}
    return bool(content) and content <= obj.WORKFLOW_COLUMNS


def _parent_ref(obj: Any) -> tuple[type, str] | None:
    """The signed record whose lock also covers this row."""
    if isinstance(obj, Answer | InspectionChecklist):
        return Inspection, obj.inspection_id
    if isinstance(obj, Signatory):
        model = _LOCKABLE_BY_KIND.get(obj.record_kind)
        return (model, obj.record_id) if model else None
    if isinstance(obj, PhotoLink):
        model = _LOCK_OWNER_BY_TARGET.get(obj.target_kind)
        return (model, obj.target_id) if model else None
    return None


def _photo_on_signed_record(session: Session, photo_id: str) -> bool:
    """A photo shown on a signed record keeps its caption and annotation: they are part of it."""
    with session.no_autoflush:
        links = session.execute(
            select(PhotoLink.target_kind, PhotoLink.target_id)
            .where(PhotoLink.photo_id == photo_id, PhotoLink.deleted.is_(False))
        ).all()
        for kind, target_id in links:
            model = _LOCK_OWNER_BY_TARGET.get(kind)
            if model is not None and session.execute(
                select(model.locked_at).where(model.id == target_id)  # type: ignore[attr-defined]
            ).scalar_one_or_none() is not None:
                return True
    return False


def _check_locks(session: Session, objs: list[Any]) -> None:
    for obj in objs:
        if isinstance(obj, Photo) and inspect(obj).persistent and _photo_on_signed_record(session, obj.id):
            raise RecordLockedError("该照片已用于已签署锁定的记录，其说明和标注不能修改。")
        if (isinstance(obj, Lockable) and inspect(obj).persistent and _committed_locked(obj)
                and not _only_workflow_changed(obj)):
            raise RecordLockedError(f"{_label(obj)}已签署锁定，不能修改；如需更正，请创建更正版本。")
        ref = _parent_ref(obj)
        if ref is None:
            continue
        model, pid = ref
        with session.no_autoflush:
            locked = session.execute(
                select(model.locked_at).where(model.id == pid)  # type: ignore[attr-defined]
            ).scalar_one_or_none()
        if locked is not None:
            parent = model(id=pid)
            raise RecordLockedError(f"{_label(parent)}已签署锁定，其内容不能修改；如需更正，请创建更正版本。")


_LABELS = {"Acceptance": "联合验收记录", "Handover": "移交记录", "Inspection": "监督检查记录",
           "Rectification": "整改通知单", "RectificationReply": "整改回复单"}


def _label(obj: Any) -> str:
    name = type(obj).__name__
    no = (getattr(obj, "record_no", "") or getattr(obj, "notice_no", "") or getattr(obj, "reply_no", "")
          or "")
    return f"{_LABELS.get(name, name)}{(' ' + no) if no else ''}"


def install(session_cls: type[Session]) -> None:
    event.listen(session_cls, "before_flush", _before_flush)


def _before_flush(session: Session, flush_context: Any, instances: Any) -> None:
    actor = session.info.get("actor", "")
    device = session.info.get("device_id", "")
    now = utcnow()
    new = [o for o in session.new if not isinstance(o, _NOT_AUDITED)]
    dirty = [o for o in session.dirty
             if not isinstance(o, _NOT_AUDITED) and session.is_modified(o, include_collections=False)]
    deleted = [o for o in session.deleted if not isinstance(o, _NOT_AUDITED)]
    _check_locks(session, new + dirty + deleted)

    events: list[tuple[str, Any, Any, Any]] = []
    for obj in new:
        if isinstance(obj, Synced):
            obj.rev = 1 if obj.rev is None else obj.rev
            obj.updated_at = now
            obj.updated_by = obj.updated_by or actor
            obj.device_id = obj.device_id or device
            if obj.id is None:
                obj.id = new_id()
        events.append(("create", obj, None, None))
    for obj in dirty:
        before, after = _changed(obj)
        content = {k for k in after if k not in Synced.META_COLUMNS}
        if not content:
            continue
        if isinstance(obj, Synced):
            obj.rev = (obj.rev or 0) + 1
            obj.updated_at = now
            obj.updated_by = actor
            obj.device_id = device
        events.append(("update", obj, {k: before[k] for k in content}, {k: after[k] for k in content}))
    for obj in deleted:
        events.append(("delete", obj, row_dict(obj, committed=True), None))
    if not events or session.info.get("audit", True) is False:
        return

    with session.no_autoflush:
        prev = session.execute(
            select(AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
        ).scalar_one_or_none() or GENESIS
    at = now.isoformat()
    for action, obj, before, after in events:
        if action == "create":
            after = {k: v for k, v in row_dict(obj).items() if k not in Synced.META_COLUMNS}
        entity = obj.__tablename__
        entity_id = str(obj.id)
        h = event_hash(prev, at=at, actor=actor, device_id=device, action=action, entity=entity,
                       entity_id=entity_id, before=before, after=after)
        session.add(AuditEvent(at=now, actor=actor, device_id=device, action=action, entity=entity,
                               entity_id=entity_id, before=before, after=after, prev_hash=prev, hash=h))
        prev = h
