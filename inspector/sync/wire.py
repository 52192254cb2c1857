"""The sync protocol's data, as plain JSON: rows, audit events, batches and per-row results. Whatever
arrives is checked here (known table and columns, values of the right type, sizes) before any of it
touches a store: bad input gets a clear error and changes nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from inspector.store.rows import column_types, from_json, to_json
from inspector.sync.tables import model_of

MAX_ROWS = 5000  # rows in one batch
MAX_EVENTS = 20000  # audit events in one batch
MAX_TEXT = 200_000  # characters in one value

APPLIED, IDENTICAL, CONFLICT, REFUSED = "applied", "identical", "conflict", "refused"


class WireError(ValueError):
    """A batch or a row that does not follow the protocol (message in Chinese)."""


@dataclass
class WireRow:
    table: str
    id: str
    values: dict[str, Any]  # every column but rev/base_rev, as JSON
    rev: int  # the sender's revision of the row (a device: its local one; the office: the office's)
    base_rev: int = 0  # the office revision the sender's content is based on
    fields: list[str] = field(default_factory=lambda: ["*"])  # columns changed since base ("*": all)

    def to_json(self) -> dict[str, Any]:
        return {"t": self.table, "id": self.id, "v": self.values, "rev": self.rev, "base": self.base_rev,
                "f": self.fields}

    @staticmethod
    def from_json(data: Any) -> WireRow:
        if not isinstance(data, dict):
            raise WireError("行数据格式错误：应为对象")
        table, rid = data.get("t"), data.get("id")
        model = model_of(table) if isinstance(table, str) else None
        if model is None:
            raise WireError(f"未知的数据表：{table!r}")
        if not isinstance(rid, str) or not 0 < len(rid) <= 64:
            raise WireError(f"{table}：记录 id 无效")
        values, rev, base, fields = data.get("v"), data.get("rev"), data.get("base", 0), data.get("f", ["*"])
        if not isinstance(values, dict):
            raise WireError(f"{table} {rid}：缺少字段值")
        for name, number in (("rev", rev), ("base", base)):
            if isinstance(number, bool) or not isinstance(number, int) or number < 0:
                raise WireError(f"{table} {rid}：{name} 应为非负整数")
        types = column_types(model)
        unknown = set(values) - set(types)
        if unknown:
            raise WireError(f"{table} {rid}：未知字段 {'、'.join(sorted(unknown))}")
        if not isinstance(fields, list) or not all(isinstance(f, str) for f in fields) \
                or not set(fields) <= set(types) | {"*"}:
            raise WireError(f"{table} {rid}：变更字段列表无效")
        for name, value in values.items():
            if isinstance(value, str) and len(value) > MAX_TEXT:
                raise WireError(f"{table} {rid}：字段 {name} 过长")
            try:
                from_json(value, types[name])
            except (TypeError, ValueError):
                raise WireError(f"{table} {rid}：字段 {name} 的值无效：{value!r:.60}") from None
        if values.get("id", rid) != rid:
            raise WireError(f"{table} {rid}：id 与字段值不一致")
        return WireRow(table, rid, values, rev, base, list(fields))


def row_of(obj: Any, *, fields: list[str] | None = None) -> WireRow:
    types = column_types(type(obj))
    values = {c: to_json(getattr(obj, c), k) for c, k in types.items() if c not in ("rev", "base_rev")}
    return WireRow(obj.__tablename__, obj.id, values, obj.rev or 0, obj.base_rev or 0, fields or ["*"])


@dataclass
class WireEvent:
    """One audit event of a device's chain, as it travels."""

    device_id: str
    seq: int
    at: str
    actor: str
    action: str
    entity: str
    entity_id: str
    before: Any
    after: Any
    prev_hash: str
    hash: str

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @staticmethod
    def from_json(data: Any) -> WireEvent:
        if not isinstance(data, dict):
            raise WireError("审计记录格式错误")
        try:
            ev = WireEvent(**{k: data[k] for k in WireEvent.__dataclass_fields__})
        except KeyError as exc:
            raise WireError(f"审计记录缺少字段 {exc.args[0]}") from None
        if not isinstance(ev.seq, int) or isinstance(ev.seq, bool) or ev.seq < 1:
            raise WireError("审计记录序号无效")
        for name in ("device_id", "actor", "action", "entity", "entity_id", "prev_hash", "hash", "at"):
            if not isinstance(getattr(ev, name), str):
                raise WireError(f"审计记录字段 {name} 无效")
        try:
            dt.datetime.fromisoformat(ev.at)
        except ValueError:
            raise WireError("审计记录时间无效") from None
        return ev


@dataclass
class Batch:
    """What one side sends: rows (with tombstones) in dependency order, audit events, the blobs the
    rows need, and where the next batch starts (`cursor`, for pulls) or whether more waits (`more`)."""

    source: str  # the sending store's device id
    rows: list[WireRow] = field(default_factory=list)
    events: list[WireEvent] = field(default_factory=list)
    blobs: list[str] = field(default_factory=list)
    cursor: str = ""
    more: bool = False
    kind: str = "push"  # push (a device's changes) or pull (the office's)

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "kind": self.kind, "rows": [r.to_json() for r in self.rows],
                "events": [e.to_json() for e in self.events], "blobs": self.blobs, "cursor": self.cursor,
                "more": self.more}

    @staticmethod
    def from_json(data: Any) -> Batch:
        if not isinstance(data, dict):
            raise WireError("同步数据格式错误：应为对象")
        rows, events = data.get("rows", []), data.get("events", [])
        if not isinstance(rows, list) or not isinstance(events, list):
            raise WireError("同步数据格式错误：rows/events 应为列表")
        if len(rows) > MAX_ROWS:
            raise WireError(f"一批最多 {MAX_ROWS} 行，收到 {len(rows)} 行")
        if len(events) > MAX_EVENTS:
            raise WireError(f"一批最多 {MAX_EVENTS} 条审计记录，收到 {len(events)} 条")
        blobs = data.get("blobs", [])
        if not isinstance(blobs, list) or not all(isinstance(b, str) and len(b) == 64 for b in blobs):
            raise WireError("附件哈希列表无效")
        kind = data.get("kind", "push")
        if kind not in ("push", "pull"):
            raise WireError("同步数据类型无效")
        source = data.get("source")
        if not isinstance(source, str) or not source:
            raise WireError("缺少来源设备")
        return Batch(source, [WireRow.from_json(r) for r in rows], [WireEvent.from_json(e) for e in events],
                     list(blobs), str(data.get("cursor", "")), bool(data.get("more", False)), kind)


@dataclass
class RowResult:
    table: str
    id: str
    status: str  # applied / identical / conflict / refused
    office_rev: int = 0  # the row's revision at the office after this batch
    pushed_rev: int = 0  # the sender's revision that was pushed (so an older ack leaves a newer edit)
    reason: str = ""
    retry: bool = False  # refused for now (e.g. a record still incomplete): keep it to send again

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @staticmethod
    def from_json(data: dict[str, Any]) -> RowResult:
        return RowResult(**{k: data[k] for k in RowResult.__dataclass_fields__ if k in data})


@dataclass
class ApplyReport:
    """What `apply_remote` did: a result per row, and what became of the audit events."""

    results: list[RowResult] = field(default_factory=list)
    events_added: int = 0
    chain_problems: list[str] = field(default_factory=list)
    audit_heads: dict[str, tuple[int, str]] = field(default_factory=dict)  # device -> (seq, hash) now held

    def to_json(self) -> dict[str, Any]:
        return {"results": [r.to_json() for r in self.results], "events_added": self.events_added,
                "chain_problems": self.chain_problems,
                "audit_heads": {d: list(h) for d, h in self.audit_heads.items()}}

    @staticmethod
    def from_json(data: dict[str, Any]) -> ApplyReport:
        return ApplyReport([RowResult.from_json(r) for r in data.get("results", [])], data.get("events_added", 0),
                           list(data.get("chain_problems", [])),
                           {d: (h[0], h[1]) for d, h in data.get("audit_heads", {}).items()})
