"""Which rows a signed record's lock covers, said once and enforced twice: by the ORM flush hook
(with a message in Chinese) and by SQLite triggers (for every other path that writes SQL: an old
app version, a script, the sqlite3 shell).

A signed record covers its own row (but for its WORKFLOW_COLUMNS), and every row its PDF prints:
an inspection's checklists, answers and findings; a notice's list of findings
(`rectification_findings`) and those findings; a referral's list (`referral_findings`) and those; each record's signatories and photo links; the photos
themselves (caption, annotation). Findings keep their workflow columns (status, closing date,
current notice). Project, party and person rows are not locked: the record keeps them as they stood
at signing in `signed_content`.

The conditions are plain SQL over a row alias, so the triggers and the hook evaluate the same text.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from inspector.domain.base import Synced
from inspector.domain.kinds import RECORD_KINDS

log = logging.getLogger(__name__)

TRIGGER_MESSAGE = "已签署锁定的记录不能修改，请创建更正版本（record is signed and locked）"
AUDIT_MESSAGE = "审计日志只能追加，不能修改或删除（audit log is append-only）"
CHECKLIST_MESSAGE = "检查表版本一经保存不能修改（checklist versions are immutable）"
_PREFIX = "lock_"


def _owner_locked(kind_key: str, id_expr: str) -> str:
    table = RECORD_KINDS[kind_key].table
    return f"EXISTS (SELECT 1 FROM {table} o WHERE o.id = {id_expr} AND o.locked_at IS NOT NULL)"


def _finding_locked(id_expr: str) -> str:
    return ("(EXISTS (SELECT 1 FROM findings f JOIN inspections o ON o.id = f.inspection_id"
            f" WHERE f.id = {id_expr} AND o.locked_at IS NOT NULL)"
            " OR EXISTS (SELECT 1 FROM rectification_findings rf JOIN rectifications o"
            f" ON o.id = rf.rectification_id WHERE rf.finding_id = {id_expr} AND o.locked_at IS NOT NULL)"
            " OR EXISTS (SELECT 1 FROM referral_findings rf JOIN referrals o"
            f" ON o.id = rf.referral_id WHERE rf.finding_id = {id_expr} AND o.locked_at IS NOT NULL))")


def _link_locked(r: str) -> str:
    """A photo link on a signed record (or on a finding such a record prints)."""
    parts = []
    for k in RECORD_KINDS.values():
        kinds = ", ".join(f"'{t}'" for t in k.photo_targets)
        parts.append(f"({r}.target_kind IN ({kinds}) AND {_owner_locked(k.key, f'{r}.target_id')})")
    parts.append(f"({r}.target_kind = 'finding' AND {_finding_locked(f'{r}.target_id')})")
    return "(" + " OR ".join(parts) + ")"


def _signatory_locked(r: str) -> str:
    return "(" + " OR ".join(f"({r}.record_kind = '{k}' AND {_owner_locked(k, f'{r}.record_id')})"
                             for k in RECORD_KINDS) + ")"


@dataclass(frozen=True)
class PartRule:
    """Rows of `table` that belong to a signed record when `locked(alias)` holds."""

    table: str
    columns: tuple[str, ...]  # the row columns the condition reads
    locked: Callable[[str], str]
    exempt: frozenset[str]  # columns that may still change while locked (workflow)
    message: str


PART_RULES: dict[str, PartRule] = {r.table: r for r in (
    PartRule("answers", ("inspection_id",), lambda r: _owner_locked("inspection", f"{r}.inspection_id"),
             frozenset(), "该检查记录已签署锁定，检查项答案不能修改；如需更正，请创建更正版本。"),
    PartRule("inspection_checklists", ("inspection_id",),
             lambda r: _owner_locked("inspection", f"{r}.inspection_id"),
             frozenset(), "该检查记录已签署锁定，所用检查表不能修改；如需更正，请创建更正版本。"),
    PartRule("findings", ("id", "inspection_id"),
             lambda r: "(" + _owner_locked("inspection", f"{r}.inspection_id") + " OR "
             + _finding_locked(f"{r}.id") + ")",
             frozenset({"status", "closed_on", "rectification_id"}),
             "该问题已载入已签署的监督检查记录、整改通知书或移送函，内容不能修改；如需更正，请创建更正版本。"),
    PartRule("rectification_findings", ("rectification_id",),
             lambda r: _owner_locked("rectification", f"{r}.rectification_id"),
             frozenset(), "该整改通知书已签署锁定，所列问题不能增减；如需更正，请创建更正版本。"),
    PartRule("referral_findings", ("referral_id",),
             lambda r: _owner_locked("referral", f"{r}.referral_id"),
             frozenset(), "该案件线索移送函已签署锁定，所列问题不能增减；如需更正，请创建更正版本。"),
    PartRule("signatories", ("record_kind", "record_id"), _signatory_locked,
             frozenset(), "该记录已签署锁定，参加人员及其签名不能修改；如需更正，请创建更正版本。"),
    PartRule("photo_links", ("target_kind", "target_id"), _link_locked,
             frozenset(), "该照片已用于已签署锁定的记录，不能移除或改动；如需更正，请创建更正版本。"),
    PartRule("photos", ("id",),
             lambda r: f"EXISTS (SELECT 1 FROM photo_links l WHERE l.photo_id = {r}.id AND NOT l.deleted"
             f" AND {_link_locked('l')})",
             frozenset(), "该照片已用于已签署锁定的记录，其说明和标注不能修改。"),
)}


# ---- the hook's side: evaluate a rule for one row ----------------------------------------------

def part_locked(session: Session, rule: PartRule, row: dict[str, Any]) -> bool:
    """Does the rule hold for a row with these values (flushed state of this transaction)?"""
    select_list = ", ".join(f"CAST(:{c} AS VARCHAR(64)) AS {c}" for c in rule.columns)
    sql = f"SELECT CASE WHEN {rule.locked('r')} THEN 1 ELSE 0 END FROM (SELECT {select_list}) r"
    with session.no_autoflush:
        return bool(session.execute(text(sql), {c: row.get(c) for c in rule.columns}).scalar())


# ---- the triggers ------------------------------------------------------------------------------

def _columns(conn: Connection, table: str) -> list[str]:
    return [r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})").fetchall()]


def _unchanged(conn: Connection, table: str, exempt: frozenset[str]) -> str:
    skip = exempt | Synced.META_COLUMNS
    return " AND ".join(f"NEW.{c} IS OLD.{c}" for c in _columns(conn, table) if c not in skip)


def expected_triggers(conn: Connection) -> dict[str, str]:
    """name -> CREATE TRIGGER statement, for the tables as they are now."""
    out: dict[str, str] = {}

    def add(name: str, body: str) -> None:
        out[_PREFIX + name] = f"CREATE TRIGGER {_PREFIX}{name} {body}"

    abort = f"BEGIN SELECT RAISE(ABORT, '{TRIGGER_MESSAGE}'); END"
    for k in RECORD_KINDS.values():
        t = k.table
        # A record signed before seals existed gets its seal once (store/integrity.py), never again.
        same = _unchanged(conn, t, frozenset(k.model.WORKFLOW_COLUMNS) | {"seal_sha256"}) \
            + " AND (OLD.seal_sha256 IS NULL OR NEW.seal_sha256 IS OLD.seal_sha256)"
        add(f"{t}_update", f"BEFORE UPDATE ON {t} WHEN OLD.locked_at IS NOT NULL AND NOT ({same}) {abort}")
        add(f"{t}_delete", f"BEFORE DELETE ON {t} WHEN OLD.locked_at IS NOT NULL {abort}")
    for rule in PART_RULES.values():
        t = rule.table
        same = _unchanged(conn, t, rule.exempt)
        add(f"{t}_insert", f"BEFORE INSERT ON {t} WHEN {rule.locked('NEW')} {abort}")
        add(f"{t}_update", f"BEFORE UPDATE ON {t} WHEN NOT ({same}) AND ({rule.locked('OLD')}"
                           f" OR {rule.locked('NEW')}) {abort}")
        add(f"{t}_delete", f"BEFORE DELETE ON {t} WHEN {rule.locked('OLD')} {abort}")
    audit = f"BEGIN SELECT RAISE(ABORT, '{AUDIT_MESSAGE}'); END"
    add("audit_events_update", f"BEFORE UPDATE ON audit_events {audit}")
    add("audit_events_delete", f"BEFORE DELETE ON audit_events {audit}")
    same = _unchanged(conn, "checklist_versions", frozenset({"deleted", "published_at"}))
    add("checklist_versions_update", f"BEFORE UPDATE ON checklist_versions WHEN NOT ({same})"
                                     f" BEGIN SELECT RAISE(ABORT, '{CHECKLIST_MESSAGE}'); END")
    return out


def _fingerprint(sql: str) -> str:
    return hashlib.sha256(" ".join(sql.split()).encode()).hexdigest()


def ensure_triggers(conn: Connection) -> list[str]:
    """Create the lock triggers that are missing or differ from what they should be (dropped by hand,
    or a table gained a column); drop stale ones of ours. Returns the names it had to restore,
    which the caller reports: a missing trigger on an existing store means someone removed it."""
    expected = expected_triggers(conn)
    present = {name: sql for name, sql in conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()}
    restored = []
    for name in present:
        if (name.startswith(_PREFIX) and name not in expected) or name.startswith("trg_"):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    for name, sql in expected.items():
        have = present.get(name)
        if have is not None and _fingerprint(have) == _fingerprint(sql):
            continue
        if have is not None:
            conn.exec_driver_sql(f"DROP TRIGGER {name}")
        conn.exec_driver_sql(sql)
        restored.append(name)
    return restored
