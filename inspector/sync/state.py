"""The sync state of a store, as the sync client and the office server use it (DESIGN.md §7):

* `changes_since(store, None)` — a laptop's local changes the office has not acknowledged (its
  outbox), in dependency order, a signed record always with its parts;
* `changes_since(store, cursor)` — everything this store (the office) holds that changed after a
  pull cursor, for one device and one set of projects, in dependency order with the parents and the
  parts of signed records a row needs;
* `apply_remote(unit, batch)` — apply a batch in the caller's unit of work, idempotently (an
  identical resend changes nothing), answering per row: applied, identical, conflict (both versions
  kept in `sync_conflicts`) or refused (a signed record cannot change; a record incomplete);
* `acknowledge(unit, report)` — the office's answer to a push: its revisions, the outbox cleared.

Nothing here touches the network or decides anything by a laptop's clock: an edit conflicts with
another when both changed one field since the revision the edit started from."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import UniqueConstraint, and_, func, insert, or_, select, true, tuple_, update
from sqlalchemy.orm import Session

from inspector.domain import (
    AuditAnchor,
    AuditEvent,
    Conflict,
    FieldRevs,
    Outbox,
    Parked,
    Project,
    StoreSeq,
    utcnow,
)
from inspector.domain.base import Lockable
from inspector.domain.ids import fact_id
from inspector.domain.kinds import RECORD_KINDS, kind_of_model
from inspector.domain.rules.rectification import NOTICE_TRANSITIONS
from inspector.domain.sync import WRITERS, with_field_revs
from inspector.store import Mode, Reader, Unit
from inspector.store import audit as audit_log
from inspector.store.locks import PART_RULES, part_locked
from inspector.store.rows import column_types, content_columns, from_json, to_json
from inspector.store.seal import record_rows, seal_of
from inspector.sync.scope import Scope, as_scope
from inspector.sync.tables import blobs_of, model_of, parents, rank, synced_models
from inspector.sync.wire import (
    APPLIED,
    CONFLICT,
    IDENTICAL,
    REFUSED,
    ApplyReport,
    Batch,
    RowResult,
    WireError,
    WireEvent,
    WireRow,
    row_of,
)

log = logging.getLogger(__name__)

# The workflow of a signed notice moves only forward: a value reachable from the current one wins.
_WORKFLOW = {"rectifications": ("status", NOTICE_TRANSITIONS, ("closed_on", "escalation_reason"))}


# ---- cursors --------------------------------------------------------------------------------------

def _parse_cursor(cursor: str) -> tuple[int, int, str]:
    """"REV" (everything up to REV seen) or "REV:RANK:ID" (a page cut inside REV)."""
    parts = (cursor or "0").split(":", 2)
    try:
        rev = int(parts[0])
        k = int(parts[1]) if len(parts) > 1 else 2 * len(synced_models())
    except ValueError:
        raise WireError(f"同步游标无效：{cursor!r:.40}") from None
    if rev < 0:
        raise WireError("同步游标无效")
    return rev, k, parts[2] if len(parts) > 2 else ""


def _after(model: type, cursor: tuple[int, int, str], mine: int) -> Any:
    rev, k, rid = cursor
    if mine > k:
        return model.rev >= rev
    if mine == k:
        return or_(model.rev > rev, and_(model.rev == rev, model.id > rid))
    return model.rev > rev


def _streams() -> list[tuple[type, int, Any]]:
    """The order a pull reads rows in, within one revision: tables parents first, and signed records
    after everything (so a signed record arrives after its parts, and is checked on arrival)."""
    n = len(synced_models())
    out: list[tuple[type, int, Any]] = []
    for model in synced_models():
        k = rank(model.__tablename__)
        if issubclass(model, Lockable):
            out.append((model, k, model.locked_at.is_(None)))
            out.append((model, n + k, model.locked_at.is_not(None)))
        else:
            out.append((model, k, true()))
    return out


# ---- what to send ---------------------------------------------------------------------------------

def changes_since(store: Reader, cursor: str | None, *, limit: int = 1000, scope: Scope | list[str] | None = None,
                  for_device: str = "", with_events: bool = True, failed: bool = False) -> Batch:
    """The next batch to send. cursor None: this laptop's unacknowledged local changes (what to
    push; call again after `acknowledge` for the rest; `failed`: the rows the office refused last
    time, instead of the others). A cursor: what changed here after it (what a device pulls; `scope`
    limits it to those projects (a list of ids or a `sync.scope.Scope`), `for_device` leaves out that device's own unchanged pushes and
    audit chain)."""
    with store.read() as s:
        device = _device_id(s)
        if cursor is None:
            return _outbox_batch(s, device, limit, with_events, failed)
        return _pull_batch(s, device, _parse_cursor(cursor), limit, as_scope(scope), for_device, with_events)


def _device_id(s: Session) -> str:
    from inspector.domain import Setting

    return s.scalar(select(Setting.value).where(Setting.key == "device_id")) or ""


def outbox_entries(s: Session, limit: int, failed: bool = False) -> list[Outbox]:
    """The next local changes to push, parents' tables first (the outbox's primary key serves it)."""
    entries: list[Outbox] = []
    which = Outbox.error != "" if failed else Outbox.error == ""
    # Only the tables that have entries (usually none or a few): a sync with nothing to push costs
    # one query, not one per synced table.
    tables = set(s.scalars(select(Outbox.tbl).where(which).distinct()))
    for model in synced_models():
        if len(entries) >= limit:
            break
        if model.__tablename__ not in tables:
            continue
        entries += s.scalars(select(Outbox).where(Outbox.tbl == model.__tablename__, which)
                             .order_by(Outbox.row_id).limit(limit - len(entries)))
    return entries


def _outbox_batch(s: Session, device: str, limit: int, with_events: bool, failed: bool) -> Batch:
    which = Outbox.error != "" if failed else Outbox.error == ""
    entries = outbox_entries(s, limit, failed)
    pending = {(e.tbl, e.row_id): e for e in entries}
    objs = _load(s, pending)
    # A signed record travels with its parts (the office locks it only once all of them are there),
    # and every row with the parents it needs that have not been pushed yet.
    todo = list(objs.values())
    while todo:
        wanted: set[tuple[str, str]] = set()
        for obj in todo:
            for column, parent in parents(type(obj)):
                ref = getattr(obj, column)
                if ref and (parent.__tablename__, ref) not in objs:
                    wanted.add((parent.__tablename__, ref))
            if isinstance(obj, Lockable) and obj.locked_at is not None:
                wanted |= {(p.__tablename__, p.id) for p in _flatten(record_rows(s, kind_of_model(type(obj)).key, obj.id))
                           if (p.__tablename__, p.id) not in objs}
        found = _pending(s, wanted, which)
        pending.update(found)
        added = _load(s, found)
        objs.update(added)
        todo = list(added.values())
    more = (s.scalar(select(func.count()).select_from(Outbox).where(which)) or 0) > len(pending)
    rows = [row_of(o, fields=list(pending[key].fields)) for key, o in _in_order(objs)]
    for r, (key, _o) in zip(rows, _in_order(objs), strict=True):
        r.rev = pending[key].rev
    events = _own_events(s, device) if with_events else []
    blobs = sorted({b for _k, o in objs.items() for b in blobs_of(o)})
    return Batch(device, rows, events, blobs, "", more, "push")


def _pending(s: Session, keys: set[tuple[str, str]], which: Any) -> dict[tuple[str, str], Outbox]:
    """The outbox entries among `keys` (read in bulk, per table)."""
    by_table: dict[str, list[str]] = {}
    for table, rid in keys:
        by_table.setdefault(table, []).append(rid)
    out = {}
    for table, ids in by_table.items():
        for i in range(0, len(ids), 500):
            for e in s.scalars(select(Outbox).where(Outbox.tbl == table, Outbox.row_id.in_(ids[i:i + 500]), which)):
                out[(e.tbl, e.row_id)] = e
    return out


def _own_events(s: Session, device: str, limit: int = 20000) -> list[WireEvent]:
    anchor = s.get(AuditAnchor, device)
    after = anchor.seq if anchor else 0
    t = AuditEvent.__table__
    q = (select(t.c.device_id, t.c.seq, t.c.at, t.c.actor, t.c.action, t.c.entity, t.c.entity_id, t.c.before,
                t.c.after, t.c.prev_hash, t.c.hash)
         .where(t.c.device_id == device, t.c.seq > after).order_by(t.c.seq).limit(limit))
    events = [WireEvent(r.device_id, r.seq, r.at.isoformat(), r.actor, r.action, r.entity, r.entity_id, r.before,
                        r.after, r.prev_hash, r.hash) for r in s.execute(q)]
    return audit_log.fill_links(s, events)


def _event_json(e: AuditEvent) -> WireEvent:
    return WireEvent(e.device_id, e.seq, e.at.isoformat(), e.actor, e.action, e.entity, e.entity_id, e.before,
                     e.after, e.prev_hash, e.hash)


def _load(s: Session, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Any]:
    by_table: dict[str, list[str]] = {}
    for table, rid in keys:
        by_table.setdefault(table, []).append(rid)
    out = {}
    for table, ids in by_table.items():
        model = model_of(table)
        for i in range(0, len(ids), 500):
            for obj in s.scalars(select(model).where(model.id.in_(ids[i:i + 500]))):
                out[(table, obj.id)] = obj
    return out


def _flatten(parts: dict[str, list[Any]]) -> list[Any]:
    return [o for rows in parts.values() for o in rows]


def _in_order(objs: dict[tuple[str, str], Any]) -> list[tuple[tuple[str, str], Any]]:
    return sorted(objs.items(), key=lambda kv: (rank(kv[0][0]), kv[0][1]))


def _pull_batch(s: Session, device: str, cursor: tuple[int, int, str], limit: int, scope: Scope | None,
                for_device: str, with_events: bool) -> Batch:
    upto = s.scalar(select(StoreSeq.seq).where(StoreSeq.id == 1)) or 0  # read first: rows up to it are final
    found: list[tuple[tuple[int, int, str], type]] = []
    for model, k, which in _streams():  # keys first: only the page's rows are loaded
        q = (select(model.rev, model.id).where(which, _after(model, cursor, k), model.rev <= upto,
                                                scope.clause(model) if scope is not None else true())
             .order_by(model.rev, model.id).limit(limit))
        found += [((rev, k, rid), model) for rev, rid in s.execute(q)]
    found.sort(key=lambda x: x[0])
    exhausted = len(found) <= limit
    keys = found[:limit]
    next_cursor = str(upto) if exhausted else ":".join(map(str, keys[-1][0]))
    loaded = _load(s, [(m.__tablename__, key[2]) for key, m in keys])
    page = [(key, loaded[(m.__tablename__, key[2])]) for key, m in keys]
    echoes = _echoes(s, [o for _k, o in page], for_device) if for_device else set()
    objs = {(o.__tablename__, o.id): o for _k, o in page if (o.__tablename__, o.id) not in echoes}
    rows = [row_of(o) for _key, o in _in_order(objs)]
    last_rev = upto if exhausted else keys[-1][0][0]
    events = _chain_events(s, cursor[0], last_rev, for_device) if with_events else []
    blobs = sorted({b for o in objs.values() for b in blobs_of(o)})
    return Batch(device, rows, events, blobs, next_cursor, not exhausted, "pull")


def _echoes(s: Session, objs: list[Any], device: str) -> set[tuple[str, str]]:
    """Rows whose content here is exactly what `device` pushed: it has them already."""
    out = set()
    by_table: dict[str, list[str]] = {}
    for o in objs:
        by_table.setdefault(o.__tablename__, []).append(o.id)
    for table, ids in by_table.items():
        for i in range(0, len(ids), 500):
            out |= {(table, rid) for rid in s.scalars(select(FieldRevs.row_id).where(
                FieldRevs.tbl == table, FieldRevs.row_id.in_(ids[i:i + 500]), FieldRevs.echo_device == device))}
    return out


def _chain_events(s: Session, after: int, upto: int, for_device: str) -> list[WireEvent]:
    q = select(AuditEvent).where(AuditEvent.rev > after, AuditEvent.rev <= upto)
    if for_device:
        q = q.where(AuditEvent.device_id != for_device)
    return audit_log.fill_links(s, [_event_json(e) for e in s.scalars(q.order_by(AuditEvent.device_id,
                                                                               AuditEvent.seq))])


# ---- applying what arrives ------------------------------------------------------------------------

def apply_remote(uow: Unit, batch: Batch, *, scope: Scope | list[str] | None = None) -> ApplyReport:
    """Apply a batch in the caller's unit (mode REMOTE). The office applies pushes, a laptop pulls;
    rows arrive in any order (a signed record and its parts included). `scope`: the projects the
    sender may write (the office checks every row against it); None: any."""
    if uow.mode is not Mode.REMOTE:
        raise RuntimeError("apply_remote needs a unit in REMOTE mode")
    office = uow.store.role == "office"
    if batch.kind != ("push" if office else "pull"):
        raise WireError("同步方向不符：监督站只接收推送，设备只接收拉取的数据")
    report = ApplyReport()
    _Applier(uow, batch, office, as_scope(scope), report).run()
    _apply_events(uow.session, batch.events, report, own=uow.device_id)
    if office:
        report.audit_heads[batch.source] = audit_log.head(uow.session, batch.source)
    return report


class _Applier:
    """Applies one batch. Rows go in dependency order; a record signed elsewhere is written unlocked
    first, its parts after it, then locked and checked against its seal."""

    def __init__(self, uow: Unit, batch: Batch, office: bool, scope: Scope | None, report: ApplyReport):
        self.uow, self.s, self.batch, self.office, self.scope, self.report = (
            uow, uow.session, batch, office, scope, report)
        self.locking: dict[tuple[str, str], dict[str, Any]] = {}  # rows signed elsewhere: lock columns
        self.arriving_parts: set[tuple[str, str]] = set()  # rows those records print
        self.conflicted: set[tuple[str, str]] = set()
        self.results: dict[tuple[str, str], RowResult] = {}
        self.held: list[Any] = []  # outbox entries / field revisions of the batch's rows
        self.absent: set[tuple[str, str]] = set()  # batch rows known to have none (no query, no autoflush)

    def run(self) -> None:
        if len({(r.table, r.id) for r in self.batch.rows}) != len(self.batch.rows):
            raise WireError("同一批中同一条记录出现了两次")
        rows = list(self.batch.rows)
        if not self.office:  # rows parked by an earlier page go first, unless this batch has them anew
            here = {(r.table, r.id) for r in rows}
            for parked in self.s.scalars(select(Parked)):
                if (parked.tbl, parked.row_id) not in here:
                    rows.append(WireRow.from_json(parked.data))
                self.s.delete(parked)
        rows.sort(key=lambda r: (rank(r.table), r.rev, r.id))
        self.keys = {(r.table, r.id) for r in rows}
        self.by_key = {(r.table, r.id): r for r in rows}
        self._find_arrivals(rows)
        self._preload(rows)
        table = None
        for row in rows:
            if row.table != table:
                self.s.flush()  # one flush per table: parents are written before their children
                table = row.table
            self.results[(row.table, row.id)] = self._one(row)
        self.s.flush()
        self._lock_arrivals()
        self.report.results = [self.results[(r.table, r.id)] for r in self.batch.rows]

    def _preload(self, rows: list[WireRow]) -> None:
        """What the rows' checks need, read once for the batch: the rows already here, their outbox
        entries (a laptop) or field revisions (the office), the parents they name, the holders of
        their unique values, and which of the records they belong to are signed."""
        by_table: dict[str, list[WireRow]] = {}
        for r in rows:
            by_table.setdefault(r.table, []).append(r)
        self.present: dict[str, set[str]] = {}
        self.here: dict[tuple[str, str], Any] = {}  # the batch's rows that are already in this store
        refs: dict[str, set[str]] = {}
        for table, group in by_table.items():
            model = model_of(table)
            ids = [r.id for r in group]
            for i in range(0, len(ids), 500):
                for obj in self.s.scalars(select(model).where(model.id.in_(ids[i:i + 500]))):
                    self.here[(table, obj.id)] = obj
                book = FieldRevs if self.office else Outbox
                found = list(self.s.scalars(select(book).where(book.tbl == table, book.row_id.in_(ids[i:i + 500]))))
                self.held += found  # the session's identity map holds them only weakly
                have = {e.row_id for e in found}
                self.absent |= {(table, rid) for rid in ids[i:i + 500] if rid not in have}
            for column, parent in parents(model):
                refs.setdefault(parent.__tablename__, set()).update(
                    v for r in group if isinstance(v := r.values.get(column), str) and v)
        for table, ids in refs.items():
            model, found = model_of(table), set()
            wanted = sorted(ids)
            for i in range(0, len(wanted), 500):
                found |= set(self.s.scalars(select(model.id).where(model.id.in_(wanted[i:i + 500]))))
            self.present[table] = found
        self.holders = self._unique_holders(by_table)
        self.locked_refs = self._locked_refs(rows)

    def _unique_holders(self, by_table: dict[str, list[WireRow]]) -> dict[tuple, str]:
        """(table, columns, values) -> id of the row here holding that unique value."""
        out: dict[tuple, str] = {}
        for table, group in by_table.items():
            model = model_of(table)
            for cols in _unique_columns(model):
                wanted = {tuple(r.values.get(x) for x in cols) for r in group}
                wanted = [w for w in wanted if all(v is not None for v in w)]
                for i in range(0, len(wanted), 300):
                    chunk = wanted[i:i + 300]
                    cond = tuple_(*(getattr(model, x) for x in cols)).in_(chunk) if len(cols) > 1 \
                        else getattr(model, cols[0]).in_([w[0] for w in chunk])
                    for hit in self.s.execute(select(model.id, *(getattr(model, x) for x in cols)).where(cond)):
                        out[(table, cols, tuple(to_json(v, column_types(model)[x]) for v, x in
                                                zip(hit[1:], cols, strict=True)))] = hit[0]
        return out

    def _locked_refs(self, rows: list[WireRow]) -> set[str]:
        """Ids the rows name (owner columns, themselves) that belong to a signed record here: only a
        row naming one of them can be part of a signed record, and only it needs the exact check."""
        named = {v for r in rows for c in ("inspection_id", "rectification_id", "referral_id", "record_id", "target_id",
                                           "finding_id")
                 if isinstance(v := r.values.get(c), str)} | {r.id for r in rows}
        named = sorted(named)
        out: set[str] = set()
        for k in RECORD_KINDS.values():
            for i in range(0, len(named), 500):
                out |= set(self.s.scalars(select(k.model.id).where(k.model.id.in_(named[i:i + 500]),
                                                                   k.model.locked_at.is_not(None))))
        if out:  # findings of those records are locked through them
            from inspector.domain import Finding, RectificationFinding, ReferralFinding

            out |= set(self.s.scalars(select(Finding.id).where(Finding.inspection_id.in_(out))))
            out |= set(self.s.scalars(select(RectificationFinding.finding_id)
                                      .where(RectificationFinding.rectification_id.in_(out))))
            out |= set(self.s.scalars(select(ReferralFinding.finding_id)
                                      .where(ReferralFinding.referral_id.in_(out))))
        return out

    def _may_be_locked(self, table: str, values: dict[str, Any], rid: str) -> bool:
        if table == "photos":
            return True  # locked through its links: always checked exactly
        return any(isinstance(v, str) and v in self.locked_refs for v in (rid, *values.values()))

    def _find_arrivals(self, rows: list[WireRow]) -> None:
        """Which rows of the batch belong to a record the batch signs (so they arrive as signed)."""
        signing = {(r.table, r.id) for r in rows
                   if issubclass(model_of(r.table), Lockable) and r.values.get("locked_at")}
        if not signing:
            return
        owners = {rid for _t, rid in signing}
        findings = {r.id for r in rows if r.table == "findings" and r.values.get("inspection_id") in owners}
        findings |= {r.values.get("finding_id") for r in rows
                     if r.table == "rectification_findings" and r.values.get("rectification_id") in owners}
        findings |= {r.values.get("finding_id") for r in rows
                     if r.table == "referral_findings" and r.values.get("referral_id") in owners}
        for r in rows:
            v = r.values
            part = (
                (r.table in ("answers", "inspection_checklists") and v.get("inspection_id") in owners)
                or (r.table == "rectification_findings" and v.get("rectification_id") in owners)
                or (r.table == "referral_findings" and v.get("referral_id") in owners)
                or (r.table == "findings" and r.id in findings)
                or (r.table == "signatories" and v.get("record_id") in owners)
                or (r.table == "photo_links" and (v.get("target_id") in owners or v.get("target_id") in findings)))
            if part:
                self.arriving_parts.add((r.table, r.id))
        photos = {r.values.get("photo_id") for r in rows if (r.table, r.id) in self.arriving_parts
                  and r.table == "photo_links"}
        self.arriving_parts |= {(r.table, r.id) for r in rows if r.table == "photos" and r.id in photos}

    # -- one row --
    def _one(self, row: WireRow) -> RowResult:
        model = model_of(row.table)
        types = column_types(model)
        values = {c: from_json(v, types[c]) for c, v in row.values.items()}
        values.pop("id", None)
        existing = self.here.get((row.table, row.id))
        if self.scope is not None:
            allowed = self._in_scope(model, row, values, existing)
            if allowed is None:
                return self._refuse(row, "照片尚未关联到任何记录，将在下次同步时重试", retry=True)
            if not allowed:
                return self._refuse(row, "无权修改该项目的数据（该项目未分配给您或您所在的县区）", retry=False)
        if issubclass(model, Lockable) and values.get("locked_at") is not None and (
                existing is None or existing.locked_at is None):
            self.locking[(row.table, row.id)] = {c: values.pop(c) for c in Lockable.SIGNING_COLUMNS if c in values}
        if existing is None:
            return self._insert(model, row, values)
        if (isinstance(existing, Lockable) and existing.locked_at is not None) or (
                self._may_be_locked(row.table, {c: getattr(existing, c, None) for c in
                                                ("inspection_id", "rectification_id", "record_id", "target_id")},
                                    row.id) and self._locked_part(model, existing)):
            return self._locked(model, row, existing, values)
        if (row.table, row.id) in self.arriving_parts:
            return self._signed_wins(model, row, existing, values)
        if self.office:
            return self._merge_at_office(model, row, existing, values)
        return self._pull_into_device(model, row, existing, values)

    def _in_scope(self, model: type, row: WireRow, values: dict[str, Any], existing: Any) -> bool | None:
        """The row's project, as it stands here and as the row would leave it, are both the sender's.
        None: not known yet (a photo linked to nothing here or in this batch)."""
        assert self.scope is not None
        if model.__tablename__ in ("checklist_versions", "users"):
            return self.scope.allows_shared(model.__tablename__, row.id)
        if model is Project:  # the project itself: its district and assignment decide
            after = Project(id=row.id, **values) if existing is None else _project_after(existing, row, values)
            return self.scope.allows(self.s, after) and (existing is None or self.scope.allows(self.s, existing))
        if model.__tablename__ == "photos":  # a photo belongs to the projects of what it is linked to
            projects = self._photo_projects(row.id)
            return all(self._allows(p) for p in projects) if projects else None
        probe = self._probe(model, row.id, values)
        with self.s.no_autoflush:
            pid = _project_of(self.s, probe, self._lookup)
            before = _project_of(self.s, existing, self._lookup) if existing is not None else pid
        return self._allows(pid) and self._allows(before)

    def _allows(self, project_id: str | None) -> bool:
        """The scope's verdict on a project held here or arriving in this batch."""
        assert self.scope is not None
        project = self._lookup(Project, project_id) if project_id else None
        return self.scope.allows(self.s, project if project is not None else project_id)

    def _probe(self, model: type, rid: str, values: dict[str, Any] | None = None) -> Any:
        """A row of the batch as an unsaved object (to find the project it belongs to), or None."""
        if values is None:
            row = self.by_key.get((model.__tablename__, rid))
            if row is None:
                return None
            types = column_types(model)
            values = {c: from_json(v, types[c]) for c, v in row.values.items() if c != "id"}
        probe = model(id=rid, **values)
        if probe in self.s:
            self.s.expunge(probe)
        return probe

    def _lookup(self, model: type, rid: str) -> Any:
        """A row here, else the batch's row of that id (which arrives later in this batch)."""
        with self.s.no_autoflush:
            obj = self.s.get(model, rid)
        return obj if obj is not None else self._probe(model, rid)

    def _photo_projects(self, photo_id: str) -> set[str | None]:
        from inspector.domain import PhotoLink

        with self.s.no_autoflush:
            links = list(self.s.scalars(select(PhotoLink).where(PhotoLink.photo_id == photo_id)))
            links += [self._probe(PhotoLink, r.id) for r in self.batch.rows
                      if r.table == "photo_links" and r.values.get("photo_id") == photo_id]
            return {_project_of(self.s, link, self._lookup) for link in links}

    def _unique_clash(self, model: type, rid: str, values: dict[str, Any]) -> tuple[Any, str] | None:
        types = column_types(model)
        for cols in _unique_columns(model):
            if all(values.get(x) is not None for x in cols):
                key = (model.__tablename__, cols, tuple(to_json(values[x], types[x]) for x in cols))
                holder = self.holders.get(key)
                if holder is not None and holder != rid:
                    other = self.s.get(model, holder)
                    if other is not None and all(to_json(getattr(other, x), types[x]) == key[2][i]
                                                 for i, x in enumerate(cols)):
                        return other, "、".join(f"{values[x]}" for x in cols)
                self.holders[key] = rid  # held by this row from now on (a second one in the batch clashes)
        return None

    def _insert(self, model: type, row: WireRow, values: dict[str, Any]) -> RowResult:
        clash = self._unique_clash(model, row.id, values)
        if clash is not None:
            other, what = clash
            if self.office:
                return self._refuse(row, f"{what} 已被另一条记录使用，请修改后重新同步", retry=True)
            self._move_aside(model, other, values)
        for column, parent in parents(model):
            ref = values.get(column)
            key = (parent.__tablename__, ref)
            # Missing here, and not arriving in this batch (or arriving but refused: a row cannot
            # go in without the row it hangs from, or the whole batch fails at commit).
            earlier = self.results.get(key)
            arriving = key in self.keys and (earlier is None or earlier.status != REFUSED)
            if ref and not arriving and ref not in self.present.get(parent.__tablename__, ()):
                if self.office:
                    if earlier is not None:
                        return self._refuse(row, f"所属的上级记录（{parent.__tablename__}）未被接收：{earlier.reason}",
                                            retry=earlier.retry)
                    return self._refuse(row, f"所属的上级记录（{parent.__tablename__}）尚未同步，稍后重试", retry=True)
                self.s.add(Parked(tbl=row.table, row_id=row.id, rev=row.rev, data=row.to_json()))
                return RowResult(row.table, row.id, IDENTICAL, row.rev, row.rev, "等待上级记录")
        rule = PART_RULES.get(model.__tablename__)
        if rule and (row.table, row.id) not in self.arriving_parts and self._may_be_locked(row.table, values, row.id) \
                and part_locked(self.s, rule, {"id": row.id, **values}):
            return self._refuse(row, "所属记录已签署锁定，不能增加内容", retry=False)
        obj = model(id=row.id, **values)
        seq = _step(self.s)  # the revision this transaction gives every row it writes
        obj.rev, obj.base_rev = seq, seq if self.office else row.rev
        self.s.add(obj)
        if self.office:
            self._field_revs(obj, ["*"], echo=True, writer=(self.batch.source, row.rev))
        return RowResult(row.table, row.id, APPLIED, seq if self.office else row.rev, row.rev)

    def _move_aside(self, model: type, other: Any, values: dict[str, Any]) -> None:
        """A row pulled from the office clashes with a local one on a unique value (two laptops gave
        two projects one code): the local row takes a marked value, as a local edit the inspector sees
        in the conflict list, and the office's row goes in."""
        for cols in _unique_columns(model):
            for name in cols:
                col = model.__table__.c[name]
                old = getattr(other, name)
                if isinstance(old, str) and old == values.get(name):
                    new = f"{old}#冲突{other.id[:4]}"[: col.type.length or 200]
                    setattr(other, name, new)
                    self._conflict(model, other, {**values, "updated_by": "", "device_id": ""}, [name],
                                   kind="unique", kept=new, other=old)
        self.s.flush()
        entry = self._book(Outbox, (other.__tablename__, other.id))
        fields = sorted({name for cols in _unique_columns(model) for name in cols})
        if entry is None:
            self._add_book(Outbox(tbl=other.__tablename__, row_id=other.id, rev=other.rev, fields=fields, error=""))
        elif entry.fields != ["*"]:
            entry.fields = sorted(set(entry.fields) | set(fields))

    def _locked_part(self, model: type, obj: Any) -> bool:
        rule = PART_RULES.get(model.__tablename__)
        if not rule:
            return False
        return part_locked(self.s, rule, {c: getattr(obj, c) for c in rule.columns})

    def _locked(self, model: type, row: WireRow, obj: Any, values: dict[str, Any]) -> RowResult:
        """A signed record (or a part of one) here: only an identical copy is accepted; a signed
        notice's workflow moves forward; a finding's workflow merges like any field."""
        rule = PART_RULES.get(model.__tablename__)
        exempt = set(model.WORKFLOW_COLUMNS) if isinstance(obj, Lockable) else set(rule.exempt if rule else ())
        types = column_types(model)
        fixed = [c for c in content_columns(model) if c != "id" and c not in exempt and c in values]
        differs = [c for c in fixed if to_json(values[c], types[c]) != to_json(getattr(obj, c), types[c])]
        if differs:
            self._conflict(model, obj, values, differs, kind="locked")
            if self.office:
                self._republish(obj)
            return RowResult(row.table, row.id, REFUSED, obj.rev if self.office else 0, row.rev,
                             "记录已签署锁定，任何人都不能修改；被拒绝的版本已保留在冲突列表中")
        workflow = {c: values[c] for c in exempt if c in values}
        if isinstance(obj, Lockable) and model.__tablename__ in _WORKFLOW:
            changed = self._forward(model, obj, row, workflow)
        elif self.office:
            changed = self._merge_fields(model, row, obj, values, list(workflow))
        else:
            changed = self._take(model, obj, values, list(workflow))
        return self._settled(row, obj, values, changed)

    def _forward(self, model: type, obj: Any, row: WireRow, workflow: dict[str, Any]) -> bool:
        column, transitions, companions = _WORKFLOW[model.__tablename__]
        new, cur = workflow.get(column), getattr(obj, column)
        if new is None or new == cur:
            return False
        if new in _reachable(transitions, cur):
            self._take(model, obj, workflow, [column, *companions])
            return True
        if cur not in _reachable(transitions, new):  # two branches (closed here, escalated there)
            self._conflict(model, obj, workflow, [column], kind="field")
        return False

    def _signed_wins(self, model: type, row: WireRow, obj: Any, values: dict[str, Any]) -> RowResult:
        """A part of a record signed elsewhere: the signed version is what was signed. What stood
        here and differs is kept as a conflict (nobody's work is thrown away)."""
        types = column_types(model)
        differs = [c for c in content_columns(model) if c != "id" and c in values
                   and to_json(values[c], types[c]) != to_json(getattr(obj, c), types[c])]
        if differs:
            before = {c: getattr(obj, c) for c in differs}
            self._take(model, obj, values, differs)
            self._conflict(model, obj, {**before, "updated_by": obj.updated_by, "device_id": obj.device_id},
                           differs, kind="locked", swap=True)
            entry = self._book(Outbox, (row.table, row.id))
            if entry is not None:
                self.s.delete(entry)
        return self._settled(row, obj, values, bool(differs))

    def _merge_at_office(self, model: type, row: WireRow, obj: Any, values: dict[str, Any]) -> RowResult:
        content = [c for c in content_columns(model) if c != "id"]
        fields = content if "*" in row.fields else [f for f in row.fields if f in content]
        clash = self._unique_clash(model, row.id, {**{c: getattr(obj, c) for c in content}, **values})
        if clash is not None:
            return self._refuse(row, f"{clash[1]} 已被另一条记录使用，请修改后重新同步", retry=True)
        changed = self._merge_fields(model, row, obj, values, fields)
        return self._settled(row, obj, values, changed)

    def _merge_fields(self, model: type, row: WireRow, obj: Any, values: dict[str, Any], fields: list[str]) -> bool:
        """Take each of the sender's changed fields unless the office changed it too since the
        sender's base revision: then keep the office's and record both (a conflict)."""
        types = column_types(model)
        revs = self._revs(obj)
        writers = revs.get(WRITERS) or {}
        taken, clashed = [], []
        for f in fields:
            if f not in values or to_json(getattr(obj, f), types[f]) == to_json(values[f], types[f]):
                continue
            if revs.get(f, revs.get("*", obj.rev or 0)) <= row.base_rev:
                taken.append(f)
                continue
            # Changed at the office since the sender's base. By the sender itself (a push whose
            # answer was lost, so its base stayed behind)? Then its newer revision follows its own
            # earlier one, and an older replay of it changes nothing; by anyone else: a conflict.
            by = writers.get(f) if f in revs else writers.get("*")
            if by and by[0] == self.batch.source:
                if by[1] <= row.rev:
                    taken.append(f)
            else:
                clashed.append(f)
        if clashed:
            self._conflict(model, obj, values, clashed, kind="field")
        return self._take(model, obj, values, taken, writer=(self.batch.source, row.rev)) if taken else False

    def _take(self, model: type, obj: Any, values: dict[str, Any], fields: list[str],
              writer: tuple[str, int] | None = None) -> bool:
        if not fields:
            return False
        for f in fields:
            setattr(obj, f, values[f])
        for c in ("updated_at", "updated_by", "device_id"):  # the author of the version taken
            if c in values:
                setattr(obj, c, values[c])
        if self.office:
            obj.rev = _step(self.s)
            self._field_revs(obj, fields, echo=False, writer=writer)
        return True

    def _pull_into_device(self, model: type, row: WireRow, obj: Any, values: dict[str, Any]) -> RowResult:
        """The office's version wins, but for the fields this laptop changed and has not pushed yet:
        those stay (and keep the base they started from), so the office sees both on the next push."""
        entry = self._book(Outbox, (row.table, row.id))
        content = [c for c in content_columns(model) if c != "id"]
        local = set(content) if entry is not None and "*" in entry.fields else set(entry.fields if entry else ())
        types = column_types(model)
        clash = self._unique_clash(model, row.id, {**{c: getattr(obj, c) for c in content}, **values})
        if clash is not None:
            self._move_aside(model, clash[0], values)
        fields = [c for c in content if c in values and c not in local
                  and to_json(getattr(obj, c), types[c]) != to_json(values[c], types[c])]
        changed = self._take(model, obj, values, fields) if fields else False
        return self._settled(row, obj, values, changed)

    def _settled(self, row: WireRow, obj: Any, values: dict[str, Any], changed: bool) -> RowResult:
        key = (row.table, row.id)
        if not self.office:
            if self._book(Outbox, key) is None:
                obj.base_rev = row.rev
            return RowResult(row.table, row.id, APPLIED if changed else IDENTICAL, row.rev, row.rev)
        if changed:
            obj.rev = obj.base_rev = _step(self.s)
            self._echo(obj, values)
        conflicted = key in self.conflicted
        if conflicted and not changed:
            self._republish(obj)
        status = CONFLICT if conflicted else (APPLIED if changed else IDENTICAL)
        return RowResult(row.table, row.id, status, obj.rev, row.rev)

    # -- signing arrivals --
    def _lock_arrivals(self) -> None:
        for (table, rid), lock in self.locking.items():
            if self.results[(table, rid)].status == REFUSED:
                continue
            k = kind_of_model(model_of(table))
            obj = self.s.get(k.model, rid)
            seal = seal_of(self.s, k.key, rid)
            if lock.get("seal_sha256") and seal != lock["seal_sha256"]:
                raise WireError(f"{k.label_of(obj)} {k.number_of(obj)}：签署记录不完整或内容与签署时不符，整批拒收")
            for c, v in lock.items():
                setattr(obj, c, v)
            self.s.flush()
            if self.office:
                obj.base_rev = obj.rev
                self._field_revs(obj, sorted(lock), echo=False)
                self._echo(obj, {**{c: getattr(obj, c) for c in content_columns(type(obj))}})

    # -- bookkeeping: outbox entries (a laptop), field revisions (the office) --
    def _book(self, book: type, key: tuple[str, str]) -> Any:
        """The row's entry, without a query (and its autoflush) where the batch's preload knows it."""
        if key in self.absent:
            return None
        return self.s.get(book, key)

    def _add_book(self, entry: Any) -> None:
        self.s.add(entry)
        self.absent.discard((entry.tbl, entry.row_id))
        self.held.append(entry)

    # -- bookkeeping at the office --
    def _revs(self, obj: Any) -> dict[str, int]:
        entry = self._book(FieldRevs, (obj.__tablename__, obj.id))
        return dict(entry.revs) if entry else {"*": obj.rev or 0}

    def _field_revs(self, obj: Any, fields: list[str], echo: bool, writer: tuple[str, int] | None = None) -> None:
        key = (obj.__tablename__, obj.id)
        entry = self._book(FieldRevs, key)
        if entry is None:
            entry = FieldRevs(tbl=key[0], row_id=key[1], revs={})
            self._add_book(entry)
        entry.revs = with_field_revs(entry.revs, fields, obj.rev, writer)
        entry.echo_device = self.batch.source if echo else None

    def _echo(self, obj: Any, values: dict[str, Any]) -> None:
        """The row is now exactly what the sender has: it need not be sent back to it."""
        row = next((r for r in self.batch.rows if r.table == obj.__tablename__ and r.id == obj.id), None)
        types = column_types(type(obj))
        same = row is not None and all(to_json(getattr(obj, c), types[c]) == row.values.get(c)
                                       for c in content_columns(type(obj)) if c in row.values)
        entry = self._book(FieldRevs, (obj.__tablename__, obj.id))
        if entry is not None:
            entry.echo_device = self.batch.source if same else None

    def _republish(self, obj: Any) -> None:
        """Step the row's revision (content unchanged) so the sender's next pull brings the office's
        version back, whatever its cursor."""
        self.s.flush()
        model = type(obj)
        seq = _step(self.s)
        self.s.execute(update(model).where(model.id == obj.id).values(rev=seq, base_rev=seq))
        self.s.refresh(obj, ["rev", "base_rev"])
        entry = self._book(FieldRevs, (obj.__tablename__, obj.id))
        if entry is not None:
            entry.echo_device = None

    def _conflict(self, model: type, obj: Any, values: dict[str, Any], fields: list[str], *, kind: str,
                  swap: bool = False, kept: Any = None, other: Any = None) -> None:
        """Keep both versions of each field: the one the row keeps, and the one it does not."""
        types = column_types(model)
        project = _project_of(self.s, obj)
        self.conflicted.add((obj.__tablename__, obj.id))
        for f in fields:
            other_value = other if other is not None else to_json(values.get(f), types[f])
            kept_value = kept if kept is not None else to_json(getattr(obj, f), types[f])
            digest = hashlib.sha256(json.dumps(other_value, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
            cid = fact_id(Conflict.__tablename__, [obj.__tablename__, obj.id, f, digest, values.get("device_id", "")])
            if self.s.get(Conflict, cid) is not None:
                continue  # the same conflict, sent again
            c = Conflict(id=cid, project_id=project, tbl=obj.__tablename__, row_id=obj.id, field=f, kind=kind,
                         kept_value=kept_value, other_value=other_value,
                         other_by=values.get("updated_by", "") or "", other_device=values.get("device_id", "") or "",
                         other_at=values.get("updated_at"), resolved=False)
            if self.office:
                c.base_rev = _step(self.s)
            self.s.add(c)
            self.s.flush()
            if self.office:
                self._field_revs(c, ["*"], echo=False)
            else:  # found on the laptop (a signed record overrode a local edit): the office must see it
                self._add_book(Outbox(tbl=c.__tablename__, row_id=c.id, rev=c.rev, fields=["*"], error=""))

    def _refuse(self, row: WireRow, reason: str, *, retry: bool) -> RowResult:
        return RowResult(row.table, row.id, REFUSED, 0, row.rev, reason, retry)


@cache
def _unique_columns(model: type) -> tuple[tuple[str, ...], ...]:
    """The column sets a row's values must not share with another row: unique constraints and
    unique indexes (a project's code is one: `unique=True, index=True` makes an index)."""
    table = model.__table__
    sets = [tuple(c.name for c in u.columns) for u in table.constraints if isinstance(u, UniqueConstraint)]
    sets += [tuple(c.name for c in ix.columns) for ix in table.indexes if ix.unique]
    return tuple(dict.fromkeys(s for s in sets if s != ("id",)))


def _project_after(existing: Any, row: WireRow, values: dict[str, Any]) -> Any:
    """A project as a push would leave it, as far as who may see it goes (not stored)."""
    taken = set(values) if "*" in row.fields else set(row.fields) & set(values)
    return Project(id=existing.id, **{c: values[c] if c in taken else getattr(existing, c)
                                      for c in ("district", "inspector_id")})


def _values_for(model: type, rid: str, values: dict[str, Any]) -> dict[str, Any]:
    return {"id": rid, **{k: v for k, v in values.items()}}


def _reachable(transitions: dict[str, frozenset[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for nxt in transitions.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _step(s: Session) -> int:
    from inspector.store.hooks import step_seq

    return step_seq(s)


def _project_of(s: Session, obj: Any, get: Any = None) -> str | None:
    """The project a row belongs to (None: a row everyone shares, like a checklist version).
    `get(model, id)`: how to find the rows it hangs from (default: in the session; `_Applier`
    also finds them among the rows of the batch it applies)."""
    get = get or s.get
    if type(obj).__tablename__ == "projects":
        return obj.id
    pid = getattr(obj, "project_id", None)
    if pid:
        return pid
    for column, parent in parents(type(obj)):
        ref = getattr(obj, column, None)
        p = get(parent, ref) if ref else None
        found = _project_of(s, p, get) if p is not None else None
        if found:  # a photo link's photo belongs to no project: its target decides
            return found
    if type(obj).__tablename__ == "signatories":
        k = RECORD_KINDS.get(obj.record_kind)
        owner = get(k.model, obj.record_id) if k else None
        return _project_of(s, owner, get) if owner is not None else None
    if type(obj).__tablename__ == "photo_links":
        from inspector.sync.tables import _TARGET_MODELS

        model = _TARGET_MODELS.get(obj.target_kind) or (RECORD_KINDS["reply"].model if obj.target_kind == "reply"
                                                        else None)
        owner = get(model, obj.target_id) if model else None
        return _project_of(s, owner, get) if owner is not None else None
    return None


# ---- audit chains ---------------------------------------------------------------------------------

def _apply_events(s: Session, events: list[WireEvent], report: ApplyReport, own: str) -> None:
    """Append other devices' events, each extending its chain here link by link. An event already
    held is skipped if identical; one that differs, or does not extend the chain, is a broken chain."""
    heads: dict[str, tuple[int, str]] = {}
    rows: list[dict[str, Any]] = []
    rev = _step(s) if events else 0
    for ev in sorted(events, key=lambda e: (e.device_id, e.seq)):
        if ev.device_id == own:
            continue
        seq, head_hash = heads.get(ev.device_id) or audit_log.head(s, ev.device_id)
        if ev.seq <= seq:
            held = s.scalar(select(AuditEvent.hash).where(AuditEvent.device_id == ev.device_id,
                                                          AuditEvent.seq == ev.seq))
            if held != ev.hash:
                report.chain_problems.append(f"设备 {ev.device_id[:8]} 的审计记录第 {ev.seq} 条与已保存的不一致（记录被改写）")
            continue
        if ev.seq != seq + 1 or ev.prev_hash != head_hash:
            report.chain_problems.append(
                f"设备 {ev.device_id[:8]} 的审计记录第 {ev.seq} 条未接续已保存的第 {seq} 条（记录被删除或改写）")
            continue
        at = from_json(ev.at, 0)
        if audit_log.event_hash(ev.prev_hash, device_id=ev.device_id, seq=ev.seq, at=at.isoformat(), actor=ev.actor,
                                action=ev.action, entity=ev.entity, entity_id=ev.entity_id, before=ev.before,
                                after=ev.after) != ev.hash:
            report.chain_problems.append(f"设备 {ev.device_id[:8]} 的审计记录第 {ev.seq} 条内容与哈希不符")
            continue
        rows.append({"device_id": ev.device_id, "seq": ev.seq, "rev": rev, "at": at, "actor": ev.actor,
                     "action": ev.action, "entity": ev.entity, "entity_id": ev.entity_id, "before": ev.before,
                     "after": ev.after, "prev_hash": ev.prev_hash, "hash": ev.hash})
        heads[ev.device_id] = (ev.seq, ev.hash)
    if rows:
        s.flush()
        s.execute(insert(AuditEvent), rows)  # many events, one statement
        report.events_added += len(rows)
    for device in {e.device_id for e in events} - {own}:
        report.audit_heads[device] = heads.get(device) or audit_log.head(s, device)


# ---- the office's answer to a push ------------------------------------------------------------------

def _preload(s: Session, results: list[Any], chunk: int = 500) -> list[Any]:
    """Load the acknowledged rows and their outbox entries in a few queries per table, so the loop
    below finds them in the session (one query per row made a 1 000-row answer cost seconds).
    Returned so they stay referenced: the session's identity map holds them only weakly."""
    held: list[Any] = []
    by_table: dict[str, list[str]] = {}
    for r in results:
        by_table.setdefault(r.table, []).append(r.id)
    for table, ids in by_table.items():
        model = model_of(table)
        for i in range(0, len(ids), chunk):
            part = ids[i:i + chunk]
            if model is not None:
                held += s.scalars(select(model).where(model.id.in_(part))).all()
            held += s.scalars(select(Outbox).where(Outbox.tbl == table, Outbox.row_id.in_(part))).all()
    return held


def acknowledge(uow: Unit, report: ApplyReport) -> None:
    """Record the office's answer to a push: each row's office revision; the outbox cleared of what
    was settled (unless the row changed again since it was pushed); refusals that may succeed later
    kept with their reason; the audit head the office now holds, as this chain's anchor."""
    if uow.mode not in (Mode.ACK, Mode.REMOTE):
        raise RuntimeError("acknowledge needs a unit in ACK mode")
    s = uow.session
    held = _preload(s, report.results)  # noqa: F841 - kept alive for the loop
    for r in report.results:
        model = model_of(r.table)
        entry = s.get(Outbox, (r.table, r.id))
        obj = s.get(model, r.id) if model else None
        if obj is None:
            continue
        if r.status in (APPLIED, IDENTICAL, CONFLICT):
            obj.base_rev = r.office_rev
        if entry is not None and entry.rev == r.pushed_rev and not (r.status == REFUSED and r.retry):
            s.delete(entry)
        elif entry is not None and r.status == REFUSED:
            entry.error = r.reason
    head = report.audit_heads.get(uow.device_id)
    if head is not None:
        anchor = s.get(AuditAnchor, uow.device_id) or AuditAnchor(device_id=uow.device_id, problem="")
        anchor.seq, anchor.hash, anchor.acked_at = head[0], head[1], utcnow()
        s.add(anchor)
