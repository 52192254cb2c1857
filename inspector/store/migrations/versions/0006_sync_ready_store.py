"""A store that can sync (DESIGN.md §7).

* Change tracking: `store_seq` (one step per transaction), `sync_outbox` (rows with local changes
  the office has not acknowledged; every existing row, since none was ever pushed), `sync_field_revs`
  (the office's per-field revisions), `audit_anchors`, `sync_conflicts`. Every row restarts at
  rev 1, base_rev 0.
* Same fact, same id: checklist versions, an inspection's checklists, answers, photo links, red-flag
  decisions and users get the id of the fact they record (`domain/ids.fact_id`); every reference
  follows. (A signed record's content hash names none of these ids, so signed PDFs still verify.)
* `rectification_findings`: the findings a notice listed when issued (before, only the finding's
  current notice was known, so a re-issued notice took the findings away from the one it replaced).
* Signed records gain `seal_sha256` and `signed_content`; the seal of a record signed before this
  revision is computed when the store is next opened (`store/integrity.py`).
* The audit log becomes one hash chain per device (device_id + seq). The old single chain is
  verified, then re-chained per device with ids rewritten; a last event on this device's chain
  records the old chain's head hash, length and whether it verified.
* The old lock triggers are dropped; the store creates those of `store/locks.py` when it opens
  (flag `lock_triggers_pending`), since they are generated from the current tables.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy import text

from inspector.domain.base import JSONText, UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Frozen copies of what this revision depends on: later code may change, this migration must not.
FACT_NAMESPACE = uuid.UUID("0b6c1f5e-8d4a-5f2b-9a37-4e1c2d3b5a60")  # = domain/ids.FACT_NAMESPACE
SYNCED_TABLES = (
    "projects", "parties", "persons", "users", "checklist_versions", "inspections", "inspection_checklists",
    "answers", "rectifications", "findings", "rectification_replies", "photos", "photo_links",
    "material_batches", "test_reports", "complaints", "public_postings", "red_flag_decisions",
    "acceptances", "handovers", "signatories",
)
LOCKABLE_TABLES = ("inspections", "rectifications", "rectification_replies", "acceptances", "handovers")
GENESIS = "0" * 64


def fact_id(table: str, parts: list[Any]) -> str:
    key = "\x1f".join("" if p is None else str(p) for p in parts)
    return str(uuid.uuid5(FACT_NAMESPACE, f"{table}\x1e{key}"))


def _utc(value: Any) -> dt.datetime:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _old_hash(prev: str, ev: dict) -> str:
    body = json.dumps({"at": ev["at"].isoformat(), "actor": ev["actor"], "device_id": ev["device_id"],
                       "action": ev["action"], "entity": ev["entity"], "entity_id": ev["entity_id"],
                       "before": ev["before"], "after": ev["after"]},
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((prev + body).encode("utf-8")).hexdigest()


def _new_hash(prev: str, ev: dict) -> str:  # = store/audit.event_hash
    body = json.dumps({"device_id": ev["device_id"], "seq": ev["seq"], "at": ev["at"].isoformat(),
                       "actor": ev["actor"], "action": ev["action"], "entity": ev["entity"],
                       "entity_id": ev["entity_id"], "before": ev["before"], "after": ev["after"]},
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((prev + body).encode("utf-8")).hexdigest()


def _rewrite_ids(conn: sa.Connection, table: str, new_of: dict[str, str], refs: list[tuple[str, str]]) -> None:
    """Give rows of `table` their new ids, and every (table, column) in `refs` the new reference."""
    changed = {old: new for old, new in new_of.items() if old != new}
    if not changed:
        return
    conn.exec_driver_sql("DELETE FROM _idmap")
    conn.execute(text("INSERT INTO _idmap (old, new) VALUES (:old, :new)"),
                 [{"old": o, "new": n} for o, n in changed.items()])
    conn.exec_driver_sql(f"UPDATE {table} SET id = (SELECT new FROM _idmap WHERE old = {table}.id)"
                         f" WHERE id IN (SELECT old FROM _idmap)")
    for ref_table, column in refs:
        conn.exec_driver_sql(
            f"UPDATE {ref_table} SET {column} = (SELECT new FROM _idmap WHERE old = {ref_table}.{column})"
            f" WHERE {column} IN (SELECT old FROM _idmap)")


def _deterministic_ids(conn: sa.Connection) -> dict[str, str]:
    """Rewrite the ids of fact rows; returns old id -> new id for all of them (for the audit log)."""
    mapping: dict[str, str] = {}
    conn.exec_driver_sql("CREATE TEMP TABLE _idmap (old TEXT PRIMARY KEY, new TEXT NOT NULL)")

    def run(table: str, rows: list[tuple], key, refs: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
        new_of = {r[0]: fact_id(table, key(r)) for r in rows}
        mapping.update({o: n for o, n in new_of.items() if o != n})
        _rewrite_ids(conn, table, new_of, refs)

    run("checklist_versions", conn.exec_driver_sql(
        "SELECT id, checklist_id, version, content_sha256 FROM checklist_versions").fetchall(),
        lambda r: [r[1], r[2], r[3]],
        [("inspection_checklists", "checklist_version_id"), ("answers", "checklist_version_id")])
    run("inspection_checklists", conn.exec_driver_sql(
        "SELECT id, inspection_id, checklist_version_id FROM inspection_checklists").fetchall(),
        lambda r: [r[1], r[2]], [])
    run("answers", conn.exec_driver_sql(
        "SELECT id, inspection_id, checklist_version_id, item_id FROM answers").fetchall(),
        lambda r: [r[1], r[2], r[3]], [("findings", "answer_id")])
    run("photo_links", conn.exec_driver_sql(
        "SELECT id, photo_id, target_kind, target_id, item_id FROM photo_links").fetchall(),
        lambda r: [r[1], r[2], r[3], r[4] or ""], [])
    run("red_flag_decisions", conn.exec_driver_sql(
        "SELECT id, project_id, flag_key FROM red_flag_decisions").fetchall(),
        lambda r: [r[1], r[2]], [])
    run("users", conn.exec_driver_sql("SELECT id, login FROM users").fetchall(),
        lambda r: [r[1]], [("projects", "inspector_id")])
    conn.exec_driver_sql("DROP TABLE _idmap")
    return mapping


def _notice_findings(conn: sa.Connection) -> None:
    """What each notice listed when issued: its findings, those of the notice it re-issued them
    from went with them, and a correction lists what its original listed."""
    on_notice: dict[str, list[tuple[str, str]]] = {}
    for fid, rid, item in conn.exec_driver_sql(
            "SELECT id, rectification_id, checklist_item FROM findings WHERE rectification_id IS NOT NULL"):
        on_notice.setdefault(rid, []).append((item or "", fid))
    notices = conn.exec_driver_sql("SELECT id, reissued_from_id, amends_id FROM rectifications").fetchall()
    successor = {r[1]: r[0] for r in notices if r[1]}
    listed: dict[str, list[tuple[str, str]]] = {}
    for rid, _from, _amends in notices:
        chain, seen, current = [], set(), rid
        while current and current not in seen:  # findings moved on to re-issued notices came from here
            seen.add(current)
            chain += on_notice.get(current, [])
            current = successor.get(current)
        listed[rid] = chain
    for rid, _from, amends in notices:
        if amends and not listed.get(rid):
            listed[rid] = listed.get(amends, [])
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = []
    for rid, items in listed.items():
        for pos, (_item, fid) in enumerate(sorted(set(items))):
            rows.append({"id": fact_id("rectification_findings", [rid, fid]), "rid": rid, "fid": fid, "pos": pos,
                         "now": now})
    if rows:
        conn.execute(text(
            "INSERT INTO rectification_findings (id, rev, base_rev, updated_at, updated_by, device_id, deleted,"
            " rectification_id, finding_id, position) VALUES (:id, 1, 0, :now, '', '', 0, :rid, :fid, :pos)"),
            rows)


# Personal data the old log copied in full; the new chain keeps it masked (= store/audit.PERSONAL_COLUMNS).
PERSONAL = {"complaints": ("complainant_phone", "complainant_name"), "signatories": ("phone",), "persons": ("phone",)}


def _mask(value: Any) -> Any:
    if not isinstance(value, str) or not value:
        return value
    text = value.strip()
    if not any(ch.isdigit() for ch in text):
        return text[:1] + "*" * max(len(text) - 1, 1)
    if len(text) <= 4:
        return "*" * len(text)
    return text[:3] + "*" * max(len(text) - 7, 1) + text[-4:]


def _masked(entity: str, data: Any) -> Any:
    cols = PERSONAL.get(entity)
    if not cols or not isinstance(data, dict):
        return data
    return {k: (_mask(v) if k in cols else v) for k, v in data.items()}


def _map_ids(value: Any, mapping: dict[str, str]) -> Any:
    if isinstance(value, str):
        return mapping.get(value, value)
    if isinstance(value, dict):
        return {k: _map_ids(v, mapping) for k, v in value.items()}
    if isinstance(value, list):
        return [_map_ids(v, mapping) for v in value]
    return value


def _rechain_audit(conn: sa.Connection, mapping: dict[str, str], device: str) -> None:
    old = [dict(r._mapping) for r in conn.exec_driver_sql(
        "SELECT seq, at, actor, device_id, action, entity, entity_id, before, after, prev_hash, hash"
        " FROM audit_events ORDER BY seq")]
    prev, ok, problem, head = GENESIS, True, "", GENESIS
    for ev in old:
        ev["at"] = _utc(ev["at"])
        ev["before"], ev["after"] = _json(ev["before"]), _json(ev["after"])
        if ok:
            if ev["prev_hash"] != prev:
                ok, problem = False, f"旧审计链在第 {ev['seq']} 条断开（记录被删除或插入）"
            elif _old_hash(prev, ev) != ev["hash"]:
                ok, problem = False, f"旧审计链第 {ev['seq']} 条内容与哈希不符"
        prev = ev["hash"]
        head = ev["hash"]
    op.drop_table("audit_events")
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_events"),
        sa.UniqueConstraint("device_id", "seq", name="uq_audit_events_device_id"),
    )
    op.create_index("ix_audit_events_entity_id", "audit_events", ["entity_id"])
    op.create_index("ix_audit_events_rev", "audit_events", ["rev"])
    heads: dict[str, tuple[int, str]] = {}
    rows = []

    def append(ev: dict) -> None:
        seq, prev_hash = heads.get(ev["device_id"], (0, GENESIS))
        ev = {**ev, "seq": seq + 1, "prev_hash": prev_hash}
        ev["hash"] = _new_hash(prev_hash, ev)
        heads[ev["device_id"]] = (ev["seq"], ev["hash"])
        rows.append({**ev, "rev": 1})

    for ev in old:
        append({"device_id": ev["device_id"] or device, "at": ev["at"], "actor": ev["actor"],
                "action": ev["action"], "entity": ev["entity"], "entity_id": mapping.get(ev["entity_id"],
                                                                                         ev["entity_id"]),
                "before": _masked(ev["entity"], _map_ids(ev["before"], mapping)),
                "after": _masked(ev["entity"], _map_ids(ev["after"], mapping))})
    if old:  # a new store has no history to account for
        append({"device_id": device, "at": dt.datetime.now(dt.UTC), "actor": "系统", "action": "system",
                "entity": "store", "entity_id": device, "before": None,
                "after": {"event": "升级为按设备分链的审计日志（迁移 0006）", "old_chain_events": len(old),
                          "old_chain_head": head, "old_chain_ok": ok, "old_chain_problem": problem,
                          "ids_rewritten": len(mapping)}})
    table = sa.table("audit_events", *(sa.column(c) for c in (
        "device_id", "seq", "rev", "actor", "action", "entity", "entity_id", "prev_hash", "hash")),
        sa.column("at", UTCDateTime()), sa.column("before", JSONText()), sa.column("after", JSONText()))
    if rows:
        conn.execute(table.insert(), rows)


def _synced_columns() -> list[sa.Column]:
    return [sa.Column("id", sa.String(64), nullable=False), sa.Column("rev", sa.Integer(), nullable=False),
            sa.Column("base_rev", sa.Integer(), nullable=False), sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.Column("updated_by", sa.String(64), nullable=False),
            sa.Column("device_id", sa.String(64), nullable=False), sa.Column("deleted", sa.Boolean(), nullable=False)]


def upgrade() -> None:
    conn = op.get_bind()
    conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
    for (name,) in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    device = conn.exec_driver_sql("SELECT value FROM settings WHERE key = 'device_id'").scalar()
    if not device:
        device = str(uuid.uuid4())
        conn.execute(text("INSERT INTO settings (key, value) VALUES ('device_id', :v)"), {"v": device})

    for table in LOCKABLE_TABLES:
        op.add_column(table, sa.Column("seal_sha256", sa.String(64), nullable=True))
        op.add_column(table, sa.Column("signed_content", sa.Text(), nullable=True))
    op.create_table("store_seq", sa.Column("id", sa.Integer(), nullable=False),
                    sa.Column("seq", sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint("id", name="pk_store_seq"))
    op.create_table("sync_outbox", sa.Column("tbl", sa.String(40), nullable=False),
                    sa.Column("row_id", sa.String(64), nullable=False), sa.Column("rev", sa.Integer(), nullable=False),
                    sa.Column("fields", sa.Text(), nullable=False),
                    sa.Column("error", sa.Text(), nullable=False, server_default=""),
                    sa.PrimaryKeyConstraint("tbl", "row_id", name="pk_sync_outbox"))
    op.create_table("sync_field_revs", sa.Column("tbl", sa.String(40), nullable=False),
                    sa.Column("row_id", sa.String(64), nullable=False), sa.Column("revs", sa.Text(), nullable=False),
                    sa.Column("echo_device", sa.String(64), nullable=True),
                    sa.PrimaryKeyConstraint("tbl", "row_id", name="pk_sync_field_revs"))
    op.create_table("sync_parked", sa.Column("tbl", sa.String(40), nullable=False),
                    sa.Column("row_id", sa.String(64), nullable=False), sa.Column("rev", sa.Integer(), nullable=False),
                    sa.Column("data", sa.Text(), nullable=False),
                    sa.PrimaryKeyConstraint("tbl", "row_id", name="pk_sync_parked"))
    op.create_table("audit_anchors", sa.Column("device_id", sa.String(64), nullable=False),
                    sa.Column("seq", sa.Integer(), nullable=False), sa.Column("hash", sa.String(64), nullable=False),
                    sa.Column("acked_at", sa.DateTime(), nullable=True), sa.Column("problem", sa.Text(), nullable=False),
                    sa.PrimaryKeyConstraint("device_id", name="pk_audit_anchors"))
    op.create_table(
        "sync_conflicts", *_synced_columns(),
        sa.Column("project_id", sa.String(64), nullable=True), sa.Column("tbl", sa.String(40), nullable=False),
        sa.Column("row_id", sa.String(64), nullable=False), sa.Column("field", sa.String(60), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False), sa.Column("kept_value", sa.Text(), nullable=True),
        sa.Column("other_value", sa.Text(), nullable=True), sa.Column("other_by", sa.String(64), nullable=False),
        sa.Column("other_device", sa.String(64), nullable=False), sa.Column("other_at", sa.DateTime(), nullable=True),
        sa.Column("resolved", sa.Boolean(), nullable=False), sa.Column("resolution", sa.String(10), nullable=False),
        sa.Column("resolved_by", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sync_conflicts"))
    op.create_index("ix_sync_conflicts_project_id", "sync_conflicts", ["project_id"])
    op.create_index("ix_sync_conflicts_row_id", "sync_conflicts", ["row_id"])
    op.create_index("ix_sync_conflicts_resolved", "sync_conflicts", ["resolved"])
    op.create_table(
        "rectification_findings", *_synced_columns(),
        sa.Column("rectification_id", sa.String(64), sa.ForeignKey(
            "rectifications.id", name="fk_rectification_findings_rectification_id_rectifications"), nullable=False),
        sa.Column("finding_id", sa.String(64), sa.ForeignKey(
            "findings.id", name="fk_rectification_findings_finding_id_findings"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_rectification_findings"),
        sa.UniqueConstraint("rectification_id", "finding_id", name="uq_rectification_findings_rectification_id"))
    op.create_index("ix_rectification_findings_rectification_id", "rectification_findings", ["rectification_id"])
    op.create_index("ix_rectification_findings_finding_id", "rectification_findings", ["finding_id"])

    mapping = _deterministic_ids(conn)
    _notice_findings(conn)
    _rechain_audit(conn, mapping, device)

    # The office pulls by revision: every synced table is read in `rev` order.
    for table in (*SYNCED_TABLES, "rectification_findings", "sync_conflicts"):
        op.create_index(f"ix_{table}_rev", table, ["rev"])

    # Nothing here was ever acknowledged by an office: every row waits in the outbox, at rev 1.
    conn.exec_driver_sql("INSERT INTO store_seq (id, seq) VALUES (1, 1)")
    for table in (*SYNCED_TABLES, "rectification_findings"):
        conn.exec_driver_sql(f"UPDATE {table} SET rev = 1, base_rev = 0")
        conn.exec_driver_sql(f"INSERT INTO sync_outbox (tbl, row_id, rev, fields, error) SELECT '{table}', id, 1,"
                             f" '[\"*\"]', '' FROM {table}")
    conn.exec_driver_sql("INSERT OR REPLACE INTO settings (key, value) VALUES ('lock_triggers_pending', '1')")


def downgrade() -> None:
    raise NotImplementedError("0006 rewrites ids and the audit log; restore a backup to go back")
