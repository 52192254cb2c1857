"""Stores that sync with each other in this process, and ways to compare them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspector.store import Actor, Workspace, open_workspace
from inspector.store.audit import verify_all
from inspector.store.rows import content_columns, values
from inspector.sync.client import LocalPeer, SyncSummary, sync
from inspector.sync.tables import blobs_of, synced_models


def office(path: Path) -> Workspace:
    return open_workspace(path, Actor("监督站"), role="office")


def laptop(path: Path, name: str) -> Workspace:
    return open_workspace(path, Actor(name))


def sync_with(device: Workspace, hub: Workspace, *, limit: int = 1000) -> SyncSummary:
    return sync(device, LocalPeer(hub, device.device_id), limit=limit)


def snapshot(ws: Workspace) -> dict[str, dict[str, dict[str, Any]]]:
    """Every synced row's content and author, by table and id (revisions are each store's own)."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    with ws.read() as s:
        for model in synced_models():
            cols = [*content_columns(model), "updated_by", "device_id"]
            out[model.__tablename__] = {o.id: values(o, cols) for o in s.query(model)}
    return out


def blob_hashes(ws: Workspace) -> set[str]:
    with ws.read() as s:
        return {b for model in synced_models() for o in s.query(model) for b in blobs_of(o)}


def chains(ws: Workspace) -> dict[str, tuple[int, str]]:
    """Each audit chain held: device -> (events, head hash); and every chain verifies."""
    from sqlalchemy import select

    from inspector.domain import AuditEvent

    with ws.read() as s:
        reports = verify_all(s)
        assert all(r.ok for r in reports), [r for r in reports if not r.ok]
        out = {}
        for r in reports:
            head = s.scalar(select(AuditEvent.hash).where(AuditEvent.device_id == r.device_id)
                            .order_by(AuditEvent.seq.desc()).limit(1))
            out[r.device_id] = (r.events, head)
        return out


def pending(ws: Workspace) -> int:
    from sqlalchemy import func, select

    from inspector.domain import Outbox

    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(Outbox)) or 0
