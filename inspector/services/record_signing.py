"""What the UI does with any signable record (inspection, notice, reply, acceptance, handover):
check it may be signed, sign and lock it, preview, save the signed PDF, create a correction. The
one place the UI reaches the records service (`records.py`) and the keys (`keys.py`). A signed
acceptance or handover also moves its project on (已验收 / 已移交)."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from inspector.domain import Project
from inspector.domain.vocab import AcceptanceConclusion, ProjectStatus
from inspector.services import acceptance as acc
from inspector.services import handover as hand
from inspector.services import keys, records
from inspector.services.changes import Changes, Progress
from inspector.services.errors import UserError
from inspector.store import Store

log = logging.getLogger(__name__)

KINDS = ("acceptance", "handover", "inspection", "rectification", "reply")
_ORDER = [s.value for s in ProjectStatus]


# The column that holds each record's printed number.
_NUMBER_COLUMN = {"rectification": "notice_no", "reply": "reply_no"}


def problems_before_signing(store: Store, *, kind: str, record_id: str) -> list[str]:
    if kind == "acceptance":
        return acc.signing_problems(store, acceptance_id=record_id)
    if kind == "handover":
        return hand.signing_problems(store, handover_id=record_id)
    if kind in ("inspection", "rectification", "reply"):
        return _field_record_problems(store, kind=kind, record_id=record_id)
    raise UserError(f"未知的记录类型：{kind}")


def _field_record_problems(store: Store, *, kind: str, record_id: str) -> list[str]:
    """What must be true before an inspection record, a notice or a reply is signed."""
    from sqlalchemy import func, select

    from inspector.domain import Finding, Inspection, Rectification, RectificationReply

    with store.read() as s:
        if kind == "inspection":
            row = s.get(Inspection, record_id)
            if row is None:
                raise UserError("检查记录不存在")
            return [] if row.status == "completed" or row.locked_at else ["请先完成检查（必填项、照片齐全）再签署检查记录"]
        if kind == "rectification":
            if s.get(Rectification, record_id) is None:
                raise UserError("整改通知单不存在")
            n = s.scalar(select(func.count()).select_from(Finding)
                         .where(Finding.rectification_id == record_id, Finding.deleted.is_(False)))
            return [] if n else ["通知单没有列入任何问题，不能签发"]
        row = s.get(RectificationReply, record_id)
        if row is None:
            raise UserError("整改回复单不存在")
        return [] if row.verdict else ["请先完成监督机构复查（同意销项或未整改到位）再签署回复单/复查记录"]


def has_key(store: Store) -> bool:
    return keys.has_key(store)


def sign(store: Store, *, kind: str, record_id: str, passphrase: str, progress: Progress | None = None) -> Changes:
    """Check, then sign and lock the record (PDF kept in the blob store). Runs off the GUI thread."""
    problems = problems_before_signing(store, kind=kind, record_id=record_id)
    if problems:
        raise UserError("尚不能签署：\n" + "\n".join(f"· {p}" for p in problems))
    changes = Changes()
    if kind == "acceptance":
        # The signed record keeps the blockers as they stand at signing (with the override, if any).
        _blockers, changes = acc.recheck(store, acceptance_id=record_id)
    changes = changes | records.sign_record(store, kind=kind, record_id=record_id, passphrase=passphrase,
                                            progress=progress)
    return changes | _advance_project(store, kind, record_id)


def _advance_project(store: Store, kind: str, record_id: str) -> Changes:
    """A passing signed acceptance makes the project 已验收; a signed handover makes it 已移交.
    A project already further along is left as it is. Other records do not move the project."""
    if kind not in ("acceptance", "handover"):
        return Changes()
    if kind == "acceptance":
        d = acc.get_acceptance(store, record_id)
        if d.row.conclusion != AcceptanceConclusion.PASS.value:
            return Changes()
        project_id, target = d.row.project_id, ProjectStatus.ACCEPTED.value
    else:
        project_id, target = hand.get_handover(store, record_id).project_id, ProjectStatus.HANDED_OVER.value
    with store.write() as s:
        p = s.get(Project, project_id)
        current = _ORDER.index(p.status) if p.status in _ORDER else -1
        if current >= _ORDER.index(target):
            return Changes()
        p.status = target
    return Changes.of("projects", ids=[project_id])


def preview(store: Store, *, kind: str, record_id: str, progress: Progress | None = None) -> bytes:
    """The PDF as it would be signed now (or the signed one, once signed). Off the GUI thread."""
    state = records.sign_state(store, kind=kind, record_id=record_id)
    if state.locked:
        return records.signed_pdf(store, kind=kind, record_id=record_id)
    return records.render_record(store, kind=kind, record_id=record_id, progress=progress)


def save_pdf(store: Store, *, kind: str, record_id: str, path: str | Path) -> Path:
    """Write the signed PDF, byte for byte, atomically (temp file, fsync, rename)."""
    data = records.signed_pdf(store, kind=kind, record_id=record_id)
    dest = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".tmp-", suffix=".pdf")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, dest)
    except OSError as exc:
        raise UserError(f"无法保存文件：{dest}（{exc.strerror or exc}）") from None
    return dest


def create_correction(store: Store, *, kind: str, record_id: str) -> tuple[str, Changes]:
    """创建更正版本 through the records service (copies content, parties without signatures, photo
    links); the correction is numbered after the original (…-更1) so that both can be told apart."""
    from sqlalchemy import select

    model = records.MODELS[kind]
    number = getattr(model, _NUMBER_COLUMN.get(kind, "record_no"))
    with store.read() as s:
        orig = s.get(model, record_id)
        if orig is None:
            raise UserError("记录不存在")
        orig_no = getattr(orig, number.key)
        pending = s.scalar(select(number).where(model.amends_id == record_id, model.deleted.is_(False),
                                                model.locked_at.is_(None)))
        done = len(s.scalars(select(model.id).where(model.amends_id == record_id)).all())
    if pending:
        raise UserError(f"已有未签署的更正版本 {pending}，请在其上修改")
    new_id = records.amend(store, kind=kind, record_id=record_id)
    with store.write() as s:
        new = s.get(model, new_id)
        setattr(new, number.key, f"{orig_no}-更{done + 1}"[:40])
    table = model.__tablename__
    return new_id, Changes.of(table, "signatories", "photo_links", ids=[record_id, new_id])


def verify(store: Store, path: str | Path) -> records.VerifyResult:
    return records.verify_pdf(store, path)
