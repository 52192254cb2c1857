"""Official records: render a record's PDF, sign it (PAdES) and lock the record, hand back the
signed PDF exactly, make a correcting revision, and verify a PDF file against the store.

Kinds: those of `domain/kinds.RECORD_KINDS` — inspection (监督检查记录), rectification (责令整改通知书 /
停工整改通知书), reply (整改回复单), acceptance (竣工联合验收记录), handover (移交记录), referral
(案件线索移送函). Rendering and signing are slow (photos, keys): call them through `run_op` from the UI.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select

from inspector.domain import (
    Answer,
    InspectionChecklist,
    PhotoLink,
    RectificationFinding,
    ReferralFinding,
    Signatory,
    utcnow,
)
from inspector.domain.base import Lockable, Synced
from inspector.domain.kinds import KIND_LABELS, RECORD_KINDS, RecordKind, kind_of_model
from inspector.reports.record import RecordData
from inspector.services import keys
from inspector.services.changes import Cancelled, Changes, Progress
from inspector.services.errors import NotFound, UserError
from inspector.services.record_content import RecordNotFound, load
from inspector.store import Reader, Unit, use_case
from inspector.store.seal import seal_of

log = logging.getLogger(__name__)

KINDS = tuple(RECORD_KINDS)
MODELS = {k: v.model for k, v in RECORD_KINDS.items()}


def _kind(kind: str) -> RecordKind:
    try:
        return RECORD_KINDS[kind]
    except KeyError:
        raise UserError(f"未知的记录类型：{kind}（可用：{'、'.join(KINDS)}）") from None


def _model(kind: str) -> type:
    return _kind(kind).model


def _issuer(store: Reader) -> str:
    from inspector.services.numbering import DEFAULT_STATION

    return store.get_setting("station_name", "") or DEFAULT_STATION


def _load(store: Reader, s: Any, kind: str, record_id: str) -> RecordData:
    _kind(kind)
    try:
        return load(s, kind=kind, record_id=record_id, issuer=_issuer(store))
    except RecordNotFound:
        raise NotFound(f"找不到{KIND_LABELS[kind]}：{record_id}") from None


def record_data(store: Reader, *, kind: str, record_id: str) -> RecordData:
    """The record's printed content as plain data (and its content hash)."""
    with store.read() as s:
        return _load(store, s, kind, record_id)


def render_record(store: Reader, *, kind: str, record_id: str, progress: Progress | None = None) -> bytes:
    """The record's PDF as it would be signed now (unsigned). Runs off the GUI thread."""
    from inspector.reports.render import render_pdf

    progress = progress or Progress()
    rec = record_data(store, kind=kind, record_id=record_id)
    progress.report(0, 2, "正在生成 PDF…")
    pdf = render_pdf(rec, store.blobs.read, cancelled=lambda: progress.cancelled)
    if progress.cancelled:
        raise Cancelled()
    progress.report(2, 2, "")
    return pdf


@use_case
def sign_record(uow: Unit, *, kind: str, record_id: str, passphrase: str,
                progress: Progress | None = None, key: Any = None) -> Changes:
    """Render what the record prints now, sign it with the inspector's key, keep the signed PDF, and
    lock the record with what it printed (`signed_content`, `content_sha256`) and the seal of its
    rows (`seal_sha256`), all in the caller's unit of work. A wrong passphrase, a cancel or a record
    already signed changes nothing. `key`: an opened key other than the inspector's (the demo's own
    certificate). Runs off the GUI thread."""
    from inspector.reports.render import render_pdf
    from inspector.reports.signing import SigningError, sign_pdf

    k = _kind(kind)
    progress = progress or Progress()
    s = uow.session
    rec = _load(uow, s, kind, record_id)
    if rec.locked:
        raise UserError(f"{KIND_LABELS[kind]} {rec.record_no} 已签署锁定，不能再次签署。")
    signing_key = key if key is not None else keys.open_key(uow, passphrase=passphrase)  # fails fast on a wrong passphrase
    progress.report(0, 3, "正在生成 PDF…")
    pdf = render_pdf(rec, uow.blobs.read, cancelled=lambda: progress.cancelled)
    if progress.cancelled:
        raise Cancelled()
    progress.report(1, 3, "正在签名…")
    location = rec.data["project"].get("address", "") if isinstance(rec.data.get("project"), dict) else ""
    try:
        signed, info = sign_pdf(pdf, signing_key, reason=f"签署{rec.title} {rec.record_no}", location=location)
    except SigningError as exc:
        raise UserError(str(exc)) from None
    if progress.cancelled:
        raise Cancelled()
    # The blob goes in before the row commits: a row never points at a missing file.
    sha = uow.blobs.put_bytes(signed)
    progress.report(2, 3, "正在锁定记录…")
    s.flush()
    row = s.get(k.model, record_id)
    if k.status_when_signed:
        row.status = k.status_when_signed
        s.flush()
    row.seal_sha256 = seal_of(s, kind, record_id)  # over the rows exactly as they are locked
    row.signed_content = rec.data
    row.pdf_sha256 = sha
    row.content_sha256 = rec.content_sha256
    row.signer_fingerprint = info.fingerprint
    row.signer_name = info.name
    row.locked_at = utcnow()
    progress.report(3, 3, "")
    log.info("signed %s %s (%s) as %s", kind, record_id, sha, info.name)
    changes = Changes.of(k.table, ids=[record_id])
    changes.extra["pdf_sha256"] = sha
    return changes


def signed_pdf(store: Reader, *, kind: str, record_id: str) -> bytes:
    """The stored signed PDF, byte for byte, after checking it is still the file that was signed
    (its SHA-256, recorded at signing). Raises UserError when the record is not signed, or when the
    stored file is missing or was changed: a tampered file is never handed out as the original."""
    from inspector.store import BlobError

    model = _model(kind)
    with store.read() as s:
        row = s.get(model, record_id)
        if row is None:
            raise NotFound(f"找不到{KIND_LABELS[kind]}：{record_id}")
        sha = row.pdf_sha256 if row.locked_at is not None else None
        number = _record_no(row)
    if not sha:
        raise UserError(f"{KIND_LABELS[kind]}尚未签署，没有已签署的 PDF。")
    try:
        return store.blobs.read_verified(sha)
    except BlobError as exc:
        log.error("signed PDF of %s %s unusable: %s", kind, record_id, exc)
        what = "缺失" if "missing" in str(exc) else "已被改动或损坏（与签署时记录的 SHA-256 不符）"
        raise UserError(f"本机保存的{KIND_LABELS[kind]} {number} 签署原件{what}，不能作为签署原件导出。"
                        f"请从备份或监督站存档恢复该文件（{store.blobs.path(sha)}），"
                        "并检查本机是否被他人动过。") from None


def _copy(obj: Any, **overrides: Any) -> Any:
    skip = {"id", *Synced.META_COLUMNS, "deleted", *Lockable.SIGNING_COLUMNS}
    values = {a.key: getattr(obj, a.key) for a in sa_inspect(obj).mapper.column_attrs if a.key not in skip}
    values.update(overrides)
    return type(obj)(**values)


@use_case
def amend(uow: Unit, *, kind: str, record_id: str) -> str:
    """A correcting revision of a signed record: an unlocked copy with `amends_id` = the original,
    with its checklists and answers (inspection), the findings it listed (notice), its parties
    without their signatures and its photo links. The original stays as signed. Returns the new
    record's id."""
    k = _kind(kind)
    s = uow.session
    orig = s.get(k.model, record_id)
    if orig is None or orig.deleted:
        raise NotFound(f"找不到{KIND_LABELS[kind]}：{record_id}")
    if orig.locked_at is None:
        raise UserError(f"{KIND_LABELS[kind]}尚未签署，可直接修改，无需创建更正版本。")
    extra = {"status": "draft"} if k.status_when_signed else {}
    new = _copy(orig, amends_id=orig.id, **extra)
    s.add(new)
    if kind == "inspection":
        for ic in s.scalars(select(InspectionChecklist).where(InspectionChecklist.inspection_id == orig.id)):
            s.add(_copy(ic, inspection_id=new.id))
        for a in s.scalars(select(Answer).where(Answer.inspection_id == orig.id)):
            s.add(_copy(a, inspection_id=new.id))
    if kind == "rectification":
        for rf in s.scalars(select(RectificationFinding).where(RectificationFinding.rectification_id == orig.id)):
            s.add(_copy(rf, rectification_id=new.id))
    if kind == "referral":
        for rf in s.scalars(select(ReferralFinding).where(ReferralFinding.referral_id == orig.id)):
            s.add(_copy(rf, referral_id=new.id))
    for sig in s.scalars(select(Signatory).where(Signatory.record_kind == kind, Signatory.record_id == orig.id)):
        s.add(_copy(sig, record_id=new.id, strokes=None, signature_sha256=None, signed_at=None))
    # Item photos hang on the inspection ("answer", inspection id, item): they follow it.
    for link in s.scalars(select(PhotoLink).where(PhotoLink.target_kind.in_(k.photo_targets),
                                                  PhotoLink.target_id == orig.id)):
        s.add(_copy(link, target_id=new.id))
    new_id = new.id
    log.info("amended %s %s -> %s", kind, record_id, new_id)
    return new_id


@dataclass(frozen=True)
class SignerView:
    """One signature of a verified file, ready to print."""

    index: int
    signer_name: str
    organisation: str
    fingerprint: str
    signed_at: dt.datetime | None
    self_signed: bool
    intact: bool
    trusted: bool
    trust_note: str  # who vouches for the signer, or why nobody does
    problem: str


@dataclass(frozen=True)
class VerifyResult:
    signatures: tuple[SignerView, ...]
    intact: bool  # every signature intact, and nothing but signatures added between them
    covers_file: bool  # the last signature covers the whole file
    unsigned_bytes: int  # bytes appended after the last signature
    unsigned_revisions: int
    trusted: bool  # every signer chains to a trusted certificate
    matches_store: bool | None  # None when no store was given
    kind: str | None
    record_id: str | None
    record_no: str
    problem: str  # the first thing wrong with the file's signatures, in Chinese
    store_note: str

    @property
    def last(self) -> SignerView | None:
        return self.signatures[-1] if self.signatures else None

    # The last signer, for callers that show one.
    @property
    def signer_name(self) -> str:
        return self.last.signer_name if self.last else ""

    @property
    def fingerprint(self) -> str:
        return self.last.fingerprint if self.last else ""

    @property
    def signed_at(self) -> dt.datetime | None:
        return self.last.signed_at if self.last else None

    @property
    def sound(self) -> bool:
        """Intact, whole file covered, and (with a store) the stored record: all but trust."""
        return self.intact and self.covers_file and self.matches_store is not False

    @property
    def ok(self) -> bool:
        """What `inspector verify` exits 0 for: sound, and every signer trusted."""
        return self.sound and self.trusted


def _find_by_pdf(s: Any, sha: str) -> tuple[str, Any] | None:
    for kind, model in MODELS.items():
        row = s.scalars(select(model).where(model.pdf_sha256 == sha)).first()
        if row is not None:
            return kind, row
    return None


def _trust_note(report: Any, entries: dict[str, Any], own: str) -> str:
    if report.trusted:
        anchor = entries.get(report.anchor)
        if report.anchor == own or (anchor is not None and anchor.source == "own"):
            if report.anchor != report.fingerprint:
                return "受信任：由本机签名证书签发"
            # Trusted here because it is this laptop's own; another machine will not trust it.
            return ("受信任：本机的监督员签名证书（自签名，未经监督站签发；其他电脑核验需导入该证书，"
                    "或登录监督站申请签发）") if report.self_signed else "受信任：本机的监督员签名证书"
        if anchor is not None and anchor.fingerprint != report.fingerprint:
            return f"受信任：由“{anchor.name}”签发（{anchor.source_label}）"
        if anchor is not None:
            return f"受信任：{anchor.source_label}"
        return "受信任"
    if report.self_signed:
        return ("不受信任：自签名证书（由签署人自己生成，未经监督站签发），且不在本机信任列表中；"
                "如确认是同事的证书，可用 inspector trust add 导入")
    return "不受信任：证书不是由本机信任的监督站证书签发"


def verify_pdf(store: Reader | None, path: str | Path, *, data_dir: str | Path | None = None) -> VerifyResult:
    """Check every signature of the PDF at `path`: intact, nothing appended after the last one,
    each signer trusted (trust store in `data_dir`, default the store's folder: station CA
    certificates and this laptop's own), and, given a store, whether it is the signed record kept
    there. Runs off the GUI thread."""
    from inspector.reports.render import parse_payload
    from inspector.reports.verification import check_pdf
    from inspector.store.trust import list_trusted

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取文件：{path}（{exc.strerror or exc}）") from None
    folder = Path(data_dir) if data_dir is not None else (store.data_dir if store is not None else None)
    roots = keys.trusted_certs(folder) if folder is not None else []
    check = check_pdf(data, trust_roots=roots)
    entries = {c.fingerprint: c for c in list_trusted(folder)} if folder is not None else {}
    own = keys.own_fingerprint(folder) if folder is not None else ""
    views = tuple(SignerView(r.index, r.signer_name, r.organisation, r.fingerprint, r.signed_at, r.self_signed,
                             r.intact and not r.changed_after, r.trusted, _trust_note(r, entries, own), r.problem)
                  for r in check.signatures)
    problem = check.problem or next((f"第 {v.index} 个签名：{v.problem}" for v in views if v.problem), "")
    if not problem and not check.covers_file:
        problem = (f"最后一个签名之后文件又被追加了 {check.unsigned_bytes} 字节"
                   f"（{max(check.unsigned_revisions, 1)} 次增量更新），这些内容没有签名。")
    ref = parse_payload(check.subject)
    kind, record_id = (ref[0], ref[1]) if ref else (None, None)
    record_no, note, matches = "", "", None
    if store is not None:
        sha = hashlib.sha256(data).hexdigest()
        with store.read() as s:
            found = _find_by_pdf(s, sha)
            if found is not None:
                kind, row = found
                record_id, record_no = row.id, _record_no(row)
                matches = row.locked_at is not None and row.signer_fingerprint == check.last.fingerprint \
                    if check.last else False
                note = "与库中已签署记录一致。" if matches else "库中记录的签署信息与文件不符。"
            else:
                matches = False
                row = s.get(MODELS[kind], record_id) if kind in MODELS and record_id else None
                if row is None:
                    note = "库中没有对应的记录。"
                else:
                    record_no = _record_no(row)
                    note = ("库中该记录尚未签署。" if row.locked_at is None
                            else "与库中该记录的已签署文件不一致。")
    return VerifyResult(signatures=views, intact=check.intact, covers_file=check.covers_file,
                        unsigned_bytes=check.unsigned_bytes, unsigned_revisions=check.unsigned_revisions,
                        trusted=check.trusted, matches_store=matches, kind=kind, record_id=record_id,
                        record_no=record_no, problem=problem, store_note=note)


def _record_no(row: Any) -> str:
    k = kind_of_model(type(row))
    return k.number_of(row) if k is not None else ""


@dataclass(frozen=True)
class SignState:
    locked: bool
    signer_name: str
    locked_at: dt.datetime | None
    pdf_sha256: str
    amends_id: str


def sign_state(store: Reader, *, kind: str, record_id: str) -> SignState:
    """Whether a record is signed, by whom and when (for the UI's "已签署锁定" banner)."""
    model = _model(kind)
    with store.read() as s:
        row = s.get(model, record_id)
        if row is None:
            raise NotFound(f"找不到{KIND_LABELS[kind]}：{record_id}")
        return SignState(row.locked_at is not None, row.signer_name or "", row.locked_at, row.pdf_sha256 or "",
                         row.amends_id or "")
