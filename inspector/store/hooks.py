"""Session hooks that make every write honest, according to the unit's write mode (`unit.py`):

* every transaction that changes synced rows steps the store's change sequence once and stamps it
  as their `rev`;
* a local edit stamps the actor and this device, refuses changes to signed records and everything
  they print (`locks.py`), records the changed columns in the outbox (a laptop) or the field
  revisions (the office), and appends an audit event to this device's chain;
* a remote apply keeps each row's author and device and appends a short "applied" event;
* an acknowledgement may only change `base_rev` and the outbox, and is not audited.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import event, inspect, select, update
from sqlalchemy.orm import Session

from inspector.domain.base import Lockable, Synced, utcnow
from inspector.domain.errors import RecordLockedError
from inspector.domain.kinds import kind_of_model
from inspector.domain.sync import AuditAnchor, FieldRevs, Outbox, Parked, StoreSeq, with_field_revs
from inspector.domain.system import AuditEvent, Counter, Setting
from inspector.store import audit
from inspector.store.locks import PART_RULES, part_locked
from inspector.store.rows import changed_columns, committed_values, content_columns, sha256_of, values
from inspector.store.unit import Mode, WriteInfo

# Bookkeeping rows, not records: not audited, no revision.
BOOKKEEPING = (AuditEvent, Counter, Setting, StoreSeq, Outbox, FieldRevs, AuditAnchor, Parked)


def install(session_cls: type[Session]) -> None:
    event.listen(session_cls, "before_flush", _before_flush)
    event.listen(session_cls, "before_commit", _before_commit)
    event.listen(session_cls, "after_transaction_end", _after_transaction_end)


def _before_commit(session: Session) -> None:
    """Rows applied from elsewhere are audited once per transaction: which rows, at which office
    revision, made by whom on which device (their own events are in their authors' chains)."""
    applied = session.info.pop("applied", None)
    info: WriteInfo | None = session.info.get("unit")
    if not applied or info is None:
        return
    by: dict[str, int] = {}
    tables: dict[str, int] = {}
    for table, _rid, author, device, _rev in applied:
        who = f"{author or ''}@{(device or '')[:8]}"
        by[who] = by.get(who, 0) + 1
        tables[table] = tables.get(table, 0) + 1
    listing = sorted(f"{table}:{rid}:{rev}" for table, rid, _a, _d, rev in applied)
    digest = sha256_of(listing)
    append_event(session, info, action="apply", entity="batch", entity_id=digest[:32], before=None,
                 after={"rows": len(applied), "tables": tables, "made_by": by, "rows_sha256": digest})
    session.flush()


def _after_transaction_end(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop("txn_seq", None)
        session.info.pop("audit_head", None)


def step_seq(session: Session) -> int:
    """This transaction's revision: the store's sequence, stepped once per transaction."""
    seq = session.info.get("txn_seq")
    if seq is None:
        with session.no_autoflush:
            seq = session.execute(update(StoreSeq).where(StoreSeq.id == 1).values(seq=StoreSeq.seq + 1)
                                  .returning(StoreSeq.seq)).scalar_one()
        session.info["txn_seq"] = seq
    return seq


def append_event(session: Session, info: WriteInfo, *, action: str, entity: str, entity_id: str,
                 before: Any, after: Any) -> AuditEvent:
    """Append one event to this device's chain (inside the current transaction)."""
    heads = session.info.setdefault("audit_head", {})
    seq, prev = heads.get(info.device_id) or audit.head(session, info.device_id)
    now = utcnow()
    # The link is not stored: it is the hash of the event before (see `audit.fill_links`).
    ev = AuditEvent(device_id=info.device_id, seq=seq + 1, rev=step_seq(session), at=now,
                    actor=info.actor.name, action=action, entity=entity, entity_id=entity_id,
                    before=before, after=after, prev_hash="")
    ev.hash = audit.hash_of(ev, prev)
    session.add(ev)
    heads[info.device_id] = (ev.seq, ev.hash)
    return ev


def _label(obj: Any) -> str:
    k = kind_of_model(type(obj))
    if k is None:
        return type(obj).__name__
    no = k.number_of(obj)
    return f"{k.label_of(obj)}{(' ' + no) if no else ''}"


def _committed_locked(obj: Any) -> bool:
    hist = inspect(obj).attrs["locked_at"].history
    old = hist.deleted[0] if hist.deleted else (hist.unchanged[0] if hist.unchanged else None)
    return old is not None


def _check_locks(session: Session, new: list[Any], dirty: list[tuple[Any, dict]], deleted: list[Any]) -> None:
    seen: dict[tuple, bool] = {}  # nothing is flushed during this check: one answer per question

    def locked_part(rule: Any, row: dict[str, Any]) -> bool:
        key = (rule.table, *sorted(row.items()))
        if key not in seen:
            seen[key] = part_locked(session, rule, row)
        return seen[key]

    for obj in new:  # e.g. 16 photo links onto one record ask about that record once
        rule = PART_RULES.get(obj.__tablename__)
        if rule and locked_part(rule, values(obj, rule.columns)):
            raise RecordLockedError(rule.message)
    for obj, changes in dirty:
        content = set(changes) - Synced.META_COLUMNS
        if isinstance(obj, Lockable) and inspect(obj).persistent and _committed_locked(obj) \
                and not content <= obj.WORKFLOW_COLUMNS:
            raise RecordLockedError(f"{_label(obj)}已签署锁定，不能修改；如需更正，请创建更正版本。")
        rule = PART_RULES.get(obj.__tablename__)
        if rule and not content <= rule.exempt and (
                part_locked(session, rule, committed_values(obj, rule.columns))
                or part_locked(session, rule, values(obj, rule.columns))):
            raise RecordLockedError(rule.message)
    for obj in deleted:
        if isinstance(obj, Lockable) and _committed_locked(obj):
            raise RecordLockedError(f"{_label(obj)}已签署锁定，不能删除。")
        rule = PART_RULES.get(obj.__tablename__)
        if rule and part_locked(session, rule, committed_values(obj, rule.columns)):
            raise RecordLockedError(rule.message)


def _outbox(session: Session, obj: Any, rev: int, fields: list[str], absent: frozenset = frozenset()) -> None:
    """`absent`: keys known to have no entry (looked up together for a flush's new rows)."""
    key = (obj.__tablename__, obj.id)
    if key in absent:
        session.add(Outbox(tbl=key[0], row_id=key[1], rev=rev, fields=sorted(fields)))
        return
    with session.no_autoflush:
        entry = session.get(Outbox, key)
    if entry is None:
        session.add(Outbox(tbl=key[0], row_id=key[1], rev=rev, fields=sorted(fields)))
        return
    entry.rev = rev
    if entry.fields != ["*"]:
        entry.fields = ["*"] if "*" in fields else sorted(set(entry.fields) | set(fields))


def _absent_from_outbox(session: Session, new: list[Any]) -> frozenset:
    """The outbox keys of a flush's new synced rows that have no entry, found with one query rather
    than one per row (a batch of imported photos adds dozens of rows in one flush)."""
    keys = {(o.__tablename__, o.id) for o in new if isinstance(o, Synced) and o.id is not None}
    if len(keys) < 2:
        return frozenset()
    present: set[tuple[str, str]] = set()
    with session.no_autoflush:
        for tbl in {t for t, _ in keys}:
            ids = [i for t, i in keys if t == tbl]
            for n in range(0, len(ids), 500):  # a pulled page flushes thousands: stay under SQLite's limit
                present.update((t, i) for t, i in session.execute(select(Outbox.tbl, Outbox.row_id).where(
                    Outbox.tbl == tbl, Outbox.row_id.in_(ids[n:n + 500]))))
    # An entry added earlier in this transaction but not flushed yet is in the session, not the table.
    pending = {(o.tbl, o.row_id) for o in session.new if isinstance(o, Outbox)}
    return frozenset(keys - present - pending)


def _field_revs(session: Session, obj: Any, rev: int, fields: list[str]) -> None:
    key = (obj.__tablename__, obj.id)
    with session.no_autoflush:
        entry = session.get(FieldRevs, key)
    if entry is None:
        session.add(FieldRevs(tbl=key[0], row_id=key[1], revs={"*": rev}))
        return
    entry.revs = with_field_revs(entry.revs, fields, rev)  # the office's own write: no device wrote these
    entry.echo_device = None  # a local edit at the office: every device must receive it


@cache
def _scalar_defaults(model: type) -> dict[str, Any]:
    return {c.key: c.default.arg for c in model.__table__.columns
            if c.default is not None and c.default.is_scalar}


def _creation_values(obj: Any) -> dict[str, Any]:
    """A new row as the audit log keeps it: what was set on it, and nothing the event already says.
    The id is the event's `entity_id`; an empty value or one equal to the column's default (a row
    that is not deleted, an answer that did not fail) tells nothing. Through autosave the audit log
    is most of a store's size, so what it leaves out matters (bench/store.py)."""
    defaults = _scalar_defaults(type(obj))
    return {k: v for k, v in values(obj, content_columns(type(obj))).items()
            if k != "id" and v not in (None, "", [], {}) and not (k in defaults and v == defaults[k])}


def _check_acknowledgement(session: Session, new: list[Any]) -> None:
    """An acknowledgement records the office's revision (base_rev) and nothing else. Checked from the
    attributes touched (cheap) before comparing values: it writes thousands of rows per answer."""
    if new or any(not isinstance(o, BOOKKEEPING) for o in session.deleted):
        raise RuntimeError("an acknowledgement adds and removes no records")
    for o in session.dirty:
        if isinstance(o, BOOKKEEPING) or not set(inspect(o).committed_state) - {"base_rev"}:
            continue
        changes = set(changed_columns(o)) - {"base_rev"}
        if changes:
            raise RuntimeError(f"an acknowledgement may only record base_rev, not {sorted(changes)}")


def _before_flush(session: Session, flush_context: Any, instances: Any) -> None:
    info: WriteInfo | None = session.info.get("unit")
    if info is None:
        raise RuntimeError("write outside a unit of work: open one with Store.unit() / Workspace.unit()")
    new = [o for o in session.new if not isinstance(o, BOOKKEEPING)]
    if info.mode is Mode.ACK:
        _check_acknowledgement(session, new)
        return
    dirty = []
    for o in session.dirty:
        if isinstance(o, BOOKKEEPING) or not session.is_modified(o, include_collections=False):
            continue
        changes = changed_columns(o)
        if changes:
            dirty.append((o, changes))
    deleted = [o for o in session.deleted if not isinstance(o, BOOKKEEPING)]
    if any(isinstance(o, Synced) for o in deleted):
        raise RuntimeError("synced rows are never deleted: set `deleted` (a tombstone) instead")

    if info.mode is Mode.LOCAL:
        _check_locks(session, new, dirty, deleted)

    now = utcnow()
    local = info.mode is Mode.LOCAL
    absent = _absent_from_outbox(session, new) if local and info.role != "office" else frozenset()

    def written(obj: Any, fields: list[str]) -> None:
        """A synced row this transaction writes: its revision; for a local edit, who and where, and
        what the office must be told (the outbox) or, on the office, which fields changed when."""
        if not isinstance(obj, Synced):
            return
        rev = step_seq(session)
        obj.rev = rev
        if not local:
            return
        obj.updated_at, obj.updated_by, obj.device_id = now, info.actor.name, info.device_id
        if info.role == "office":
            obj.base_rev = rev
            _field_revs(session, obj, rev, fields)
        else:
            _outbox(session, obj, rev, fields, absent)

    events: list[tuple[str, Any, Any, Any]] = []
    for obj in new:
        written(obj, ["*"])
        events.append(("create", obj, None, None))
    for obj, changes in dirty:
        content = sorted(set(changes) - Synced.META_COLUMNS)
        if not content:
            continue
        written(obj, content)
        events.append(("update", obj, {k: changes[k][0] for k in content}, {k: changes[k][1] for k in content}))
    if not events:
        return
    for action, obj, before, after in events:
        table = obj.__tablename__
        if not local:
            # The row's own events are in its author's chain; here, one event per transaction says
            # what arrived (written before the commit).
            session.info.setdefault("applied", []).append(
                (table, str(obj.id), getattr(obj, "updated_by", ""), getattr(obj, "device_id", ""),
                 getattr(obj, "base_rev", 0)))
            continue
        if action == "create":
            after = _creation_values(obj)
        append_event(session, info, action=action, entity=table, entity_id=str(obj.id),
                     before=audit.masked(table, before), after=audit.masked(table, after))
