"""What one sync request does at the office, as `sync.client.LocalPeer` does it in-process: a push
is applied in one REMOTE unit with the sender's scope, a pull reads changes after a cursor for the
user's projects. Plus who may fetch a blob, and the audit-chain problems a push showed (kept per
device so the office can flag it). Runs on a worker thread of the server."""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.exc import DBAPIError

from inspector.domain import Project, utcnow
from inspector.office.auth import Auth
from inspector.office.core import Office, OfficeError
from inspector.office.models import ChainProblem, Device
from inspector.store import Mode
from inspector.store.locks import TRIGGER_MESSAGE
from inspector.sync import wire
from inspector.sync.client import SYNC_ACTOR
from inspector.sync.scope import reach, republish
from inspector.sync.state import apply_remote, changes_since
from inspector.sync.tables import BLOB_COLUMNS, model_of

log = logging.getLogger(__name__)


def parse_batch(body: bytes) -> wire.Batch:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise OfficeError(400, "bad_json", f"请求内容不是有效的 JSON（{exc.__class__.__name__}）：请升级或重新安装程序后再同步") from None
    try:
        return wire.Batch.from_json(data)
    except wire.WireError as exc:
        raise OfficeError(400, "bad_batch", str(exc)) from None


def push(office: Office, auth: Auth, body: bytes) -> dict[str, Any]:
    batch = parse_batch(body)
    if batch.source != auth.device_id:
        raise OfficeError(403, "wrong_device", "推送的数据来自另一台设备：每台设备只能用自己的登录推送，请在本机重新登录")
    if any(e.device_id != batch.source for e in batch.events):
        # A device pushes its own chain only; another's events here could be forged (the hashes
        # are not keyed) and would make the real device look tampered with.
        raise OfficeError(403, "foreign_events", "推送中含有其他设备的审计记录：每台设备只能推送自己的审计记录")
    try:
        with office.store.unit(SYNC_ACTOR, Mode.REMOTE) as uow:
            projects = [r.id for r in batch.rows if r.table == "projects"]
            before = reach(uow.session, projects)
            report = apply_remote(uow, batch, scope=auth.user.scope)
            uow.session.flush()
            after = reach(uow.session, projects)
            # A project moved to another district or inspector: its new viewers need all its rows.
            republish(uow.session, [p for p, was in before.items() if after.get(p) != was])
    except wire.WireError as exc:
        raise OfficeError(400, "bad_batch", str(exc)) from None
    except DBAPIError as exc:
        if TRIGGER_MESSAGE in str(exc.orig):
            raise OfficeError(409, "record_locked", "记录已签署锁定，任何人都不能修改；这批数据未被接收") from None
        raise
    if report.chain_problems:
        _flag(office, auth, report.chain_problems)
    return report.to_json()


def _flag(office: Office, auth: Auth, problems: list[str]) -> None:
    with office.session() as s:
        held = set(s.scalars(select(ChainProblem.problem).where(ChainProblem.device_id == auth.device_id)))
        now = utcnow()
        for p in problems:
            if p not in held:
                s.add(ChainProblem(device_id=auth.device_id, login=auth.user.login, found_at=now, problem=p))
        device = s.get(Device, auth.device_id)
        if device is not None:
            device.chain_problem = problems[-1]
    log.warning("device %s (%s): audit chain problems: %s", auth.device_id, auth.user.login, "; ".join(problems))


def pull(office: Office, auth: Auth, cursor: str, limit: int) -> dict[str, Any]:
    # Audit chains travel whole (each link verifies the one before), and their events name records
    # of every project: only someone who sees every project receives other devices' chains.
    try:
        batch = changes_since(office.store, cursor, limit=limit, scope=auth.user.scope, for_device=auth.device_id,
                              with_events=auth.user.admin)
    except wire.WireError as exc:
        raise OfficeError(400, "bad_cursor", f"{exc}：请在程序中重新同步") from None
    return batch.to_json()


def project_count(office: Office, auth: Auth) -> int:
    scope = auth.user.scope
    with office.store.read() as s:
        q = select(func.count()).select_from(Project).where(Project.deleted.is_(False))
        if scope is not None:
            q = q.where(scope.clause(Project))
        return s.scalar(q) or 0


def blob_visible(office: Office, auth: Auth, sha256: str) -> bool:
    """Does a row the user may see name this blob (a photo, a signed PDF, a drawn signature)?"""
    scope = auth.user.scope
    if scope is None:
        return True
    with office.store.read() as s:
        for table, columns in BLOB_COLUMNS.items():
            model = model_of(table)
            for c in columns:
                if s.scalar(select(exists().where(getattr(model, c) == sha256, scope.clause(model)))):
                    return True
    return False
