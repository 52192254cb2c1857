"""冲突: one field changed on two sides. The row keeps one version, the conflict keeps the other, with
who wrote it on which device; the inspector compares them and keeps one or writes another. Nothing
is decided by clocks. A resolution is one local edit — the row's field and the conflict marked
resolved, in one unit of work — so it syncs like any edit, and the office and every laptop end up
with the same value and the conflict closed."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from inspector.domain import Conflict, Project
from inspector.domain.clock import fmt_china
from inspector.domain.kinds import kind_of_table
from inspector.services.changes import Changes
from inspector.services.errors import NotFound, UserError, ValidationError
from inspector.services.paging import COUNT_CAP, Page, fetch_page
from inspector.store import Reader, Unit, use_case
from inspector.store.rows import column_types, from_json, to_json
from inspector.sync.tables import model_of

KEPT, OTHER, EDITED = "kept", "other", "edited"
KIND_LABELS = {"field": "两处修改", "locked": "签署后修改", "unique": "编号重复"}

TABLE_LABELS = {
    "projects": "项目", "parties": "参建单位", "persons": "人员", "inspections": "监督检查记录",
    "answers": "检查项答复", "findings": "问题", "rectifications": "责令整改通知书",
    "rectification_replies": "整改回复单", "rectification_findings": "通知书所列问题",
    "material_batches": "材料进场批次", "test_reports": "检测报告", "complaints": "投诉",
    "public_postings": "公示核查", "red_flag_decisions": "风险提示处理", "acceptances": "竣工联合验收记录",
    "handovers": "移交记录", "photos": "照片", "photo_links": "照片关联", "signatories": "签字人",
    "checklist_versions": "检查表版本", "inspection_checklists": "检查所用检查表", "users": "用户",
    "sync_conflicts": "冲突",
}

# Columns no listing names (the listings' headers cover the rest).
_FIELD_LABELS = {
    "notes": "备注", "note": "备注", "name": "名称", "community_name": "小区名称", "address": "地址",
    "buildings": "楼栋数", "floor_area": "建筑面积", "contract_price": "合同价", "value": "答复",
    "failed": "不合格", "summary": "检查小结", "progress_note": "形象进度", "weather": "天气",
    "temperature_c": "气温", "wind_level": "风力等级", "co_inspector_name": "同行监督员", "attendance": "到岗情况",
    "finished_at": "结束时间", "location": "部位", "requirements": "整改要求", "measures": "整改措施",
    "result": "整改结果", "verdict": "复查结论", "verdict_note": "复查说明", "caption": "照片说明",
    "resolution": "办理结果", "phone": "电话", "contact_person": "联系人", "contact_phone": "联系电话",
    "decision": "处理决定", "reason": "理由", "opinion": "意见", "manufacturer": "生产厂家",
    "certificate_no": "合格证编号", "conclusion": "结论", "station_opinion": "监督站意见",
    "resident_opinion": "居民意见", "receiver": "接收方", "open_issues": "遗留问题", "code": "项目编号",
    "status": "状态", "deleted": "删除", "record_no": "记录编号", "notice_no": "通知书编号",
}


def field_label(table: str, field: str) -> str:
    if field in _FIELD_LABELS:
        return _FIELD_LABELS[field]
    from inspector.services.listing import KINDS

    for kind in KINDS.values():
        if kind.model.__tablename__ == table:
            for col in kind.columns:
                if col.key == field:
                    return col.header
    return field


@dataclass(frozen=True)
class ConflictRow:
    id: str
    table: str
    row_id: str
    field: str
    kind: str
    kind_label: str
    record_label: str  # 项目 XN-1 南关小区 / 监督检查记录 宁建质监检字〔2026〕第…号
    field_label: str
    kept_value: Any  # as JSON
    other_value: Any
    kept_text: str  # as the inspector reads it
    other_text: str
    kept_by: str  # who wrote the version the row keeps
    kept_device: str
    kept_at: dt.datetime | None
    other_by: str
    other_device: str
    other_at: dt.datetime | None
    project_id: str | None
    resolved: bool
    resolution: str
    resolved_by: str
    current_text: str  # what the row holds now (it may have moved on since)

    @property
    def editable(self) -> bool:
        """A signed record's conflict can only be closed keeping the signed version."""
        return self.kind != "locked"


def value_text(value: Any, kind: int | None = None) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and "T" in value:
        try:
            return fmt_china(dt.datetime.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, indent=1)
    return str(value)


def _record_label(table: str, row: Any, projects: dict[str, Any]) -> str:
    name = TABLE_LABELS.get(table, table)
    if row is None:
        return f"{name}（已不在本机）"
    k = kind_of_table(table)
    if k is not None:
        return f"{k.label_of(row)} {k.number_of(row) or row.id[:8]}"
    if table == "projects":
        return f"项目 {row.code} {row.name}"
    bits = [name]
    for attr in ("record_no", "report_no", "batch_no", "name", "item_id", "material", "role"):
        v = getattr(row, attr, None)
        if v:
            bits.append(str(v))
            break
    project = projects.get(getattr(row, "project_id", None) or "")
    if project is not None:
        bits.insert(0, f"{project.code}")
    if len(bits) == 1:
        bits.append(row.id[:8])
    return " ".join(bits)


def _snap(c: Any, row: Any, projects: dict[str, Any]) -> ConflictRow:
    """Conflict `c` as the list shows it; `row`: the record it is on (None: not on this laptop)."""
    model = model_of(c.tbl)
    kind = column_types(model).get(c.field) if model is not None else None
    current = to_json(getattr(row, c.field), kind) if row is not None and kind is not None else None
    return ConflictRow(
        c.id, c.tbl, c.row_id, c.field, c.kind, KIND_LABELS.get(c.kind, c.kind), _record_label(c.tbl, row, projects),
        field_label(c.tbl, c.field), c.kept_value, c.other_value, value_text(c.kept_value),
        value_text(c.other_value), getattr(row, "updated_by", "") if row is not None else "",
        getattr(row, "device_id", "") if row is not None else "",
        getattr(row, "updated_at", None) if row is not None else None, c.other_by, c.other_device, c.other_at,
        c.project_id, bool(c.resolved), c.resolution, c.resolved_by, value_text(current))


def _snaps(s: Session, ids: list[str]) -> list[ConflictRow]:
    """The conflicts `ids`, in that order, as the list shows them. The conflicts, the records they
    are on and those records' projects (for the labels) are read with one query per table and 500
    conflicts, as plain rows (the types' conversions, not the ORM's objects: a page of 200 is a
    worker's few milliseconds, not tens)."""
    out: list[ConflictRow] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        t = Conflict.__table__
        found = {c.id: c for c in s.execute(select(t).where(t.c.id.in_(chunk)))}
        by_table: dict[str, set[str]] = {}
        for c in found.values():
            by_table.setdefault(c.tbl, set()).add(c.row_id)
        rows: dict[tuple[str, str], Any] = {}
        for table, row_ids in by_table.items():
            model = model_of(table)
            if model is not None:
                # As namespaces: the labels ask for columns a table may not have, and a row's miss
                # is an exception caught (half the page's time).
                rows.update(((table, r.id), SimpleNamespace(**r._mapping))
                            for r in s.execute(select(model.__table__).where(model.__table__.c.id.in_(row_ids))))
        wanted = {pid for r in rows.values() if (pid := getattr(r, "project_id", None))}
        p = Project.__table__
        projects = {r.id: r for r in s.execute(select(p.c.id, p.c.code).where(p.c.id.in_(wanted)))} if wanted else {}
        out += [_snap(found[i], rows.get((found[i].tbl, found[i].row_id)), projects) for i in chunk if i in found]
    return out


@dataclass(frozen=True)
class ConflictQuery:
    """What the conflicts list shows: the open conflicts, or all of them (`include_resolved`), the
    last changed first."""

    include_resolved: bool = False


@dataclass(frozen=True)
class ConflictPage(Page):
    open: int = 0  # open conflicts in all


# The last changed first (a resolution is a change: it comes to the top); the id breaks ties (one
# sync's conflicts share its revision) so that pages never overlap. All of them: read backwards along
# ix_sync_conflicts_rev, a page's worth. The open ones are few (each is on the inspector's list until
# resolved) but a store's statistics cannot say so (`resolved` has two values): left to itself the
# planner walks the same index past every resolved one (37 ms at 50 000), where the open ones' own
# index and a sort of them cost 2 ms.
_ORDER = ("c.rev", "c.id")
_OPEN = "c.resolved = 0"
_ALL_TABLE, _OPEN_TABLE = "sync_conflicts c", "sync_conflicts c INDEXED BY ix_sync_conflicts_resolved"


def find_conflicts(s: Session, q: ConflictQuery, *, offset: int = 0, limit: int | None = None) -> ConflictPage:
    """The page [offset, offset+limit) of the conflicts `q` asks for and their number. Years of
    syncing leave tens of thousands of resolved conflicts: the page reads its rows by index and the
    count of all of them stops at COUNT_CAP ("1000+"), so the list costs the same at any size. Runs in
    the caller's read session."""
    where = ["c.deleted = 0"] + ([] if q.include_resolved else [_OPEN])
    # The open ones are counted exactly, as the sync bar counts them (their index: a millisecond a
    # thousand); all of them, up to the cap.
    page = fetch_page(s, columns="c.id", tables=_ALL_TABLE if q.include_resolved else _OPEN_TABLE, where=where,
                      order=_ORDER, descending=True, params={}, offset=offset, limit=limit, make=lambda cid: cid,
                      count_cap=COUNT_CAP if q.include_resolved else None)
    open_ = page.total
    if q.include_resolved and offset == 0:
        raw = s.connection().connection.driver_connection
        open_ = raw.execute(f"SELECT count(*) FROM {_OPEN_TABLE} WHERE c.deleted = 0 AND {_OPEN}").fetchone()[0]
    return ConflictPage(page.total, _snaps(s, page.rows), offset, page.capped, open=open_)


def page_conflicts(store: Reader, q: ConflictQuery, *, offset: int = 0, limit: int | None = 200) -> ConflictPage:
    """One page of the conflicts list in its own read transaction (called off the GUI thread)."""
    with store.read() as s:
        return find_conflicts(s, q, offset=offset, limit=limit)


def conflicts(store: Reader, *, include_resolved: bool = False) -> list[ConflictRow]:
    """Every conflict to show, the last changed first (open ones only unless asked)."""
    return page_conflicts(store, ConflictQuery(include_resolved), limit=None).rows


def get_conflict(store: Reader, conflict_id: str) -> ConflictRow:
    with store.read() as s:
        c = s.get(Conflict, conflict_id)
        if c is None or c.deleted:
            raise NotFound("该冲突已不存在（可能已在其他设备处理并同步）。")
        return _snaps(s, [conflict_id])[0]


@use_case
def resolve(uow: Unit, conflict_id: str, choice: str, value: Any = None) -> Changes:
    """Close a conflict: keep the row's version (`kept`), take the other (`other`), or write
    `value` (`edited`, as the field's JSON value or text). One unit: the row's field, the conflict."""
    if choice not in (KEPT, OTHER, EDITED):
        raise ValidationError({"choice": f"未知的处理方式：{choice}"})
    s = uow.session
    c = s.get(Conflict, conflict_id)
    if c is None or c.deleted:
        raise NotFound("该冲突已不存在（可能已在其他设备处理并同步）。")
    if c.resolved:
        raise UserError("该冲突已处理。")
    model = model_of(c.tbl)
    row = s.get(model, c.row_id) if model is not None else None
    if row is None:
        raise NotFound("冲突所涉及的记录已不在本机。")
    if c.kind == "locked" and choice != KEPT:
        raise UserError("该记录已签署锁定，任何人都不能修改；只能保留已签署的版本。如内容有误，请出具更正记录。")
    kind = column_types(model)[c.field]
    chosen = {KEPT: c.kept_value, OTHER: c.other_value}.get(choice, value)
    try:
        new = from_json(chosen, kind) if choice != EDITED else _parse(value, kind, c.kept_value)
    except (TypeError, ValueError):
        raise ValidationError({"value": f"“{value}”不是{field_label(c.tbl, c.field)}的有效值"}) from None
    before = to_json(getattr(row, c.field), kind)
    if before != to_json(new, kind):
        setattr(row, c.field, new)
    c.resolved, c.resolution, c.resolved_by = True, choice, uow.actor.name
    try:
        s.flush()
    except IntegrityError:
        raise UserError(f"“{value_text(to_json(new, kind))}”已被另一条记录使用，请改用其他值。") from None
    changes = Changes.of(c.tbl, "sync_conflicts", ids=[c.row_id, c.id])
    changes.extra["previous"] = before  # what undo puts back
    return changes


@use_case
def unresolve(uow: Unit, conflict_id: str, previous: Any) -> Changes:
    """Undo a resolution made here: the field back to `previous` (its JSON value), the conflict open
    again. Also a local edit that syncs."""
    s = uow.session
    c = s.get(Conflict, conflict_id)
    if c is None or not c.resolved:
        raise UserError("该冲突未处理，无需撤销。")
    model = model_of(c.tbl)
    row = s.get(model, c.row_id) if model is not None else None
    if row is None:
        raise NotFound("冲突所涉及的记录已不在本机。")
    kind = column_types(model)[c.field]
    if to_json(getattr(row, c.field), kind) != previous and c.kind != "locked":
        setattr(row, c.field, from_json(previous, kind))
    c.resolved, c.resolution, c.resolved_by = False, "", ""
    s.flush()
    return Changes.of(c.tbl, "sync_conflicts", ids=[c.row_id, c.id])


def edit_text(value: Any) -> str:
    """A value as the inspector edits it: text as is, anything else as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    return json.dumps(value, ensure_ascii=False)


def _parse(value: Any, kind: int, like: Any) -> Any:
    """An edited value: typed text is read as the field's type (text, a date, a number, 是/否, JSON)."""
    if not isinstance(value, str):
        return from_json(value, kind)
    text = value.strip()
    try:
        return from_json(value, kind)  # text, dates and times
    except (TypeError, ValueError):
        pass
    if text == "":
        return None
    text = {"是": "true", "否": "false"}.get(text, text)
    return from_json(json.loads(text), kind)  # numbers, yes/no, JSON
