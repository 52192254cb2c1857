"""What the UI does with any signable record (inspection, notice, reply, acceptance, handover, referral):
check it may be signed, sign and lock it, preview, save the signed PDF, create a correction. The
one place the UI reaches the records service (`records.py`) and the keys (`keys.py`). A signed
acceptance or handover also moves its project on (已验收 / 已移交)."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from inspector.domain import Project
from inspector.domain.kinds import RECORD_KINDS
from inspector.domain.vocab import AcceptanceConclusion, ProjectStatus
from inspector.services import acceptance as acc
from inspector.services import handover as hand
from inspector.services import keys, records
from inspector.services.changes import Changes, Progress
from inspector.services.errors import UserError
from inspector.store import Reader, Unit, use_case

log = logging.getLogger(__name__)

KINDS = tuple(RECORD_KINDS)
_ORDER = [s.value for s in ProjectStatus]


def problems_before_signing(store: Reader, *, kind: str, record_id: str) -> list[str]:
    if kind == "acceptance":
        return acc.signing_problems(store, acceptance_id=record_id)
    if kind == "handover":
        return hand.signing_problems(store, handover_id=record_id)
    if kind in ("inspection", "rectification", "reply"):
        return _field_record_problems(store, kind=kind, record_id=record_id)
    if kind == "referral":
        from inspector.services import referrals

        return referrals.signing_problems(store, referral_id=record_id)
    raise UserError(f"未知的记录类型：{kind}")


def _field_record_problems(store: Reader, *, kind: str, record_id: str) -> list[str]:
    """What must be true before an inspection record, a notice or a reply is signed."""
    from sqlalchemy import func, select

    from inspector.domain import Inspection, RectificationFinding, RectificationReply

    with store.read() as s:
        if kind == "inspection":
            row = s.get(Inspection, record_id)
            if row is None:
                raise UserError("检查记录不存在")
            return [] if row.status == "completed" or row.locked_at else ["请先完成检查（必填项、照片齐全）再签署检查记录"]
        if kind == "rectification":
            r = s.get(RECORD_KINDS["rectification"].model, record_id)
            if r is None:
                raise UserError("整改通知书不存在")
            n = s.scalar(select(func.count()).select_from(RectificationFinding)
                         .where(RectificationFinding.rectification_id == record_id,
                                RectificationFinding.deleted.is_(False)))
            if not n and r.amends_id:  # a correction lists what its original listed
                n = s.scalar(select(func.count()).select_from(RectificationFinding)
                             .where(RectificationFinding.rectification_id == r.amends_id))
            return [] if n else ["通知书没有列入任何问题，不能签发"]
        row = s.get(RectificationReply, record_id)
        if row is None:
            raise UserError("整改回复单不存在")
        return [] if row.verdict else ["请先完成监督机构复查（同意销项或未整改到位）再签署整改回复单"]


def has_key(store: Reader) -> bool:
    return keys.has_key(store)


@use_case
def sign(uow: Unit, *, kind: str, record_id: str, passphrase: str, progress: Progress | None = None) -> Changes:
    """Check, render, sign, lock and move the project on, in one unit of work: all of it commits, or
    nothing does. Runs off the GUI thread."""
    problems = problems_before_signing(uow, kind=kind, record_id=record_id)
    if problems:
        raise UserError("尚不能签署：\n" + "\n".join(f"· {p}" for p in problems))
    changes = Changes()
    if kind == "acceptance":
        # The signed record keeps the blockers as they stand at signing (with the override, if any).
        _blockers, changes = acc.recheck(uow, acceptance_id=record_id)
    changes = changes | records.sign_record(uow, kind=kind, record_id=record_id, passphrase=passphrase,
                                            progress=progress)
    return changes | _advance_project(uow, kind, record_id)


def _advance_project(uow: Unit, kind: str, record_id: str) -> Changes:
    """A passing signed acceptance makes the project 已验收; a signed handover makes it 已移交.
    A project already further along is left as it is. Other records do not move the project."""
    if kind not in ("acceptance", "handover"):
        return Changes()
    s = uow.session
    row = s.get(RECORD_KINDS[kind].model, record_id)
    if kind == "acceptance":
        if row.conclusion != AcceptanceConclusion.PASS.value:
            return Changes()
        target = ProjectStatus.ACCEPTED.value
    else:
        target = ProjectStatus.HANDED_OVER.value
    p = s.get(Project, row.project_id)
    current = _ORDER.index(p.status) if p.status in _ORDER else -1
    if current >= _ORDER.index(target):
        return Changes()
    p.status = target
    return Changes.of("projects", ids=[p.id])


def preview(store: Reader, *, kind: str, record_id: str, progress: Progress | None = None) -> bytes:
    """The PDF as it would be signed now (or the signed one, once signed). Off the GUI thread."""
    state = records.sign_state(store, kind=kind, record_id=record_id)
    if state.locked:
        return records.signed_pdf(store, kind=kind, record_id=record_id)
    return records.render_record(store, kind=kind, record_id=record_id, progress=progress)


def save_pdf(store: Reader, *, kind: str, record_id: str, path: str | Path) -> Path:
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


@use_case
def create_correction(uow: Unit, *, kind: str, record_id: str) -> tuple[str, Changes]:
    """创建更正版本 in one unit of work: check there is no pending one, copy the signed record
    (`records.amend`), and number the copy after the original (…-更1) so both can be told apart."""
    from sqlalchemy import func, select

    k = RECORD_KINDS.get(kind)
    if k is None:
        raise UserError(f"未知的记录类型：{kind}")
    model, number = k.model, getattr(k.model, k.number_column)
    s = uow.session
    orig = s.get(model, record_id)
    if orig is None:
        raise UserError("记录不存在")
    pending = s.scalar(select(number).where(model.amends_id == record_id, model.deleted.is_(False),
                                            model.locked_at.is_(None)))
    if pending:
        raise UserError(f"已有未签署的更正版本 {pending}，请在其上修改")
    done = s.scalar(select(func.count()).select_from(model).where(model.amends_id == record_id)) or 0
    new_id = records.amend(uow, kind=kind, record_id=record_id)
    new = s.get(model, new_id)
    setattr(new, k.number_column, f"{k.number_of(orig)}-更{done + 1}"[:40])
    return new_id, Changes.of(k.table, "signatories", "photo_links", ids=[record_id, new_id])


def verify(store: Reader, path: str | Path) -> records.VerifyResult:
    return records.verify_pdf(store, path)
