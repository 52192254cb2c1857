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


def quick_sign(ws: Workspace, kind: str, record_id: str) -> None:
    """Lock a record as signing does (status, seal, signed content), without rendering a PDF: for
    tests that sign many records and look at the sync, not at the PDF."""
    from inspector.domain import utcnow
    from inspector.domain.kinds import RECORD_KINDS
    from inspector.store.rows import sha256_of
    from inspector.store.seal import seal_of

    k = RECORD_KINDS[kind]
    with ws.write() as s:
        row = s.get(k.model, record_id)
        if k.status_when_signed:
            row.status = k.status_when_signed
            s.flush()
        content = {"title": k.label, "record_id": record_id, "kind": kind}
        row.seal_sha256 = seal_of(s, kind, record_id)
        row.signed_content, row.content_sha256 = content, sha256_of(content)
        row.signer_name, row.signer_fingerprint, row.locked_at = ws.actor.name, "test", utcnow()


_TEMPLATE: dict[str, Path] = {}


def fresh_store_dir(base: Path, name: str) -> Path:
    """A migrated empty store copied from a template (opening a new one migrates, which is slow
    for many stores); each copy gets its own device id."""
    import shutil
    import sqlite3
    import uuid

    if "dir" not in _TEMPLATE:
        import tempfile

        tpl = Path(tempfile.mkdtemp(prefix="inspector-tpl-")) / "store"
        open_workspace(tpl, Actor("模板")).close()
        _TEMPLATE["dir"] = tpl
    dest = base / name
    shutil.copytree(_TEMPLATE["dir"], dest)
    with sqlite3.connect(dest / "inspector.sqlite3") as c:
        c.execute("UPDATE settings SET value = ? WHERE key = 'device_id'", (str(uuid.uuid4()),))
    return dest


def photo_on_inspection(ws: Workspace, data: bytes, *, project_id: str, district: str = "城中区",
                        name: str = "photo.jpg") -> str:
    """A photo (the bytes as they are) on an inspection of the project, made if need be: a photo is
    seen at the office by the inspectors of the project it belongs to."""
    import uuid

    from inspector.domain import Inspection, Photo, PhotoLink, Project
    from inspector.domain.vocab import InspectionKind

    sha = ws.blobs.put_bytes(data)
    with ws.write() as s:
        if s.get(Project, project_id) is None:
            s.add(Project(id=project_id, code=f"XN-{project_id}", name=f"{project_id} 小区", district=district))
        insp = f"{project_id}-i1"
        if s.get(Inspection, insp) is None:
            s.add(Inspection(id=insp, project_id=project_id, kind=InspectionKind.ROUTINE.value))
        s.add(Photo(id=sha, original_name=name, format="JPEG", byte_size=len(data)))
        s.add(PhotoLink(id=str(uuid.uuid4()), photo_id=sha, target_kind="inspection", target_id=insp))
    return sha


def fingerprint(ws: Workspace) -> dict[str, Any]:
    """What two sides must agree on after a sync: per synced table its row count and a hash of every
    row's content, and the blobs the rows name, each read back and hashed (a blob missing here shows
    as "<sha>:missing", one whose bytes do not match its name as "<sha>:bad")."""
    import hashlib
    import json

    out: dict[str, Any] = {}
    for table, rows in snapshot(ws).items():
        text = json.dumps(rows, sort_keys=True, default=str, ensure_ascii=False)
        out[table] = (len(rows), hashlib.sha256(text.encode()).hexdigest())
    blobs = []
    for h in sorted(blob_hashes(ws)):
        if not ws.blobs.exists(h):
            blobs.append(f"{h}:missing")
        elif hashlib.sha256(ws.blobs.read(h)).hexdigest() != h:
            blobs.append(f"{h}:bad")
        else:
            blobs.append(h)
    out["blobs"] = blobs
    return out


def row_counts(ws: Workspace) -> dict[str, int]:
    return {table: len(rows) for table, rows in snapshot(ws).items() if rows}
