"""Drawn signatures and the signatories of a record (acceptance attendees, handover sides).

Strokes are kept as data — a list of strokes, each a list of [x, y, t] with x and y normalised to
0..1 over a 3:1 signing box and t in milliseconds from the first point — and rendered headless with
Pillow into a PNG in the blob store (`Signatory.signature_sha256`). The same strokes always give the
same PNG bytes, so the hash identifies the drawing."""

from __future__ import annotations

import datetime as dt
import io
import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from inspector.domain import Signatory
from inspector.domain.base import utcnow
from inspector.domain.kinds import RECORD_KINDS
from inspector.domain.rules.acceptance import (
    HANDOVER_SIDES,
    SIGNING_ROLES,
    STATION_NOT_PARTY,
    SignatoryFact,
    opinion_problem,
)
from inspector.domain.vocab import COMPANION_ROLES, AcceptanceRole
from inspector.services.changes import Changes
from inspector.services.errors import NotFound, UserError, ValidationError
from inspector.services.lookup import live
from inspector.store import Reader, Unit, use_case

ASPECT = 3.0  # width / height of the signing box, on the pad and in the PNG
PNG_SIZE = (600, 200)
INK = (20, 30, 80, 255)
MAX_POINTS = 20_000
# Every signable record takes signatories (an inspection record: the 施工/监理 representatives present).
_RECORDS = {k.key: k.model for k in RECORD_KINDS.values()}
# Edits to these make an existing drawn signature meaningless: it attested another person/opinion.
_IDENTITY = frozenset({"role", "organisation", "person_name", "opinion", "reasons"})
_EDITABLE = _IDENTITY | {"title", "phone", "position"}


@dataclass(frozen=True)
class SignatorySnap:
    id: str
    record_kind: str
    record_id: str
    position: int
    role: str
    organisation: str
    person_name: str
    title: str
    phone: str
    opinion: str
    reasons: str
    signed: bool
    signature_sha256: str | None
    signed_at: dt.datetime | None

    def fact(self) -> SignatoryFact:
        return SignatoryFact(self.role, self.person_name, self.opinion, self.reasons, self.signed)


# ---- strokes -> PNG -------------------------------------------------------------------------------

def normalise_strokes(strokes: Any) -> list[list[list[float]]]:
    """Validate and canonicalise strokes: coordinates clamped to 0..1 and rounded, t as int ms.
    An empty drawing (no stroke with a visible mark) is refused."""
    if not isinstance(strokes, list):
        raise ValidationError({"strokes": "签名数据格式错误"})
    out: list[list[list[float]]] = []
    total = 0
    for stroke in strokes:
        if not isinstance(stroke, list):
            raise ValidationError({"strokes": "签名数据格式错误"})
        pts = []
        for p in stroke:
            if not isinstance(p, list | tuple) or len(p) < 2:
                raise ValidationError({"strokes": "签名数据格式错误"})
            try:
                x, y = float(p[0]), float(p[1])
                t = int(p[2]) if len(p) > 2 else 0
            except (TypeError, ValueError):
                raise ValidationError({"strokes": "签名数据格式错误"}) from None
            if not (math.isfinite(x) and math.isfinite(y)):
                raise ValidationError({"strokes": "签名数据格式错误"})
            pts.append([round(min(max(x, 0.0), 1.0), 5), round(min(max(y, 0.0), 1.0), 5), max(t, 0)])
        if pts:
            out.append(pts)
            total += len(pts)
    if total > MAX_POINTS:
        raise ValidationError({"strokes": "签名笔画过多，请清除后重签"})
    if not out or _extent(out) < 0.02:
        raise ValidationError({"strokes": "签名为空，请在签名板上签字"})
    return out


def _extent(strokes: list[list[list[float]]]) -> float:
    xs = [p[0] for s in strokes for p in s]
    ys = [p[1] for s in strokes for p in s]
    return max(max(xs) - min(xs), (max(ys) - min(ys)) / ASPECT)


def render_png(strokes: list[list[list[float]]], size: tuple[int, int] = PNG_SIZE) -> bytes:
    """Render normalised strokes as a transparent PNG with dark ink; deterministic bytes.
    Drawn 3× larger and reduced, for smooth edges without depending on Pillow's line AA."""
    from PIL import Image, ImageDraw

    scale = 3
    w, h = size[0] * scale, size[1] * scale
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    width = max(2, round(h * 0.018))
    r = width / 2
    for stroke in strokes:
        pts = [(p[0] * (w - 1), p[1] * (h - 1)) for p in stroke]
        if len(pts) > 1:
            draw.line(pts, fill=INK, width=width, joint="curve")
        for x, y in (pts[0], pts[-1]) if len(pts) > 1 else pts:  # round caps (and dots)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=INK)
    img = img.resize(size, Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


# ---- signatories ---------------------------------------------------------------------------------

def _snap(r: Signatory) -> SignatorySnap:
    return SignatorySnap(r.id, r.record_kind, r.record_id, r.position, r.role, r.organisation, r.person_name,
                         r.title, r.phone, r.opinion, r.reasons, bool(r.signature_sha256), r.signature_sha256,
                         r.signed_at)


def list_signatories(store: Reader, *, record_kind: str, record_id: str) -> list[SignatorySnap]:
    with store.read() as s:
        rows = s.scalars(select(Signatory).where(Signatory.record_kind == record_kind,
                                                 Signatory.record_id == record_id, Signatory.deleted.is_(False))
                         .order_by(Signatory.position, Signatory.role)).all()
        return [_snap(r) for r in rows]


def _validate(record_kind: str, values: dict[str, Any]) -> dict[str, Any]:
    clean = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    problems: dict[str, str] = {}
    role = clean.get("role")
    if role is not None:
        if record_kind == "acceptance" and role == AcceptanceRole.STATION.value:
            problems["role"] = STATION_NOT_PARTY
        elif record_kind == "acceptance" and role not in SIGNING_ROLES:
            problems["role"] = f"未知的验收方角色：{role}"
        elif record_kind == "handover" and role not in HANDOVER_SIDES:
            problems["role"] = "移交记录的签字方应为 移交方 / 接收方 / 见证方"
        elif record_kind == "inspection" and role not in COMPANION_ROLES:
            problems["role"] = "陪同检查人员的单位类别应为 " + " / ".join(COMPANION_ROLES)
    if "opinion" in clean or "reasons" in clean:
        p = opinion_problem(clean.get("opinion", "") or "", clean.get("reasons", "") or "")
        if p:
            problems["opinion" if "不合格" not in p else "reasons"] = p
    phone = clean.get("phone") or ""
    if phone and not all(c.isdigit() or c in "-+ ()" for c in phone):
        problems["phone"] = "电话只能包含数字和 - + ( )"
    for key, limit in (("organisation", 200), ("person_name", 60), ("title", 60), ("phone", 30)):
        if len(clean.get(key) or "") > limit:
            problems[key] = f"内容过长（最多 {limit} 字）"
    if problems:
        raise ValidationError(problems)
    return clean


def _record(s, record_kind: str, record_id: str):  # type: ignore[no-untyped-def]
    model = _RECORDS.get(record_kind)
    rec = s.get(model, record_id) if model else None
    if rec is None or rec.deleted:
        raise NotFound("记录不存在或已删除")
    return rec


@use_case
def add_signatory(uow: Unit, *, record_kind: str, record_id: str, role: str, organisation: str = "",
                  person_name: str = "", title: str = "", phone: str = "", opinion: str = "",
                  reasons: str = "") -> tuple[str, Changes]:
    """Add an attendee (acceptance) or a side (handover) to a record that is not signed."""
    clean = _validate(record_kind, {"role": role, "organisation": organisation, "person_name": person_name,
                                    "title": title, "phone": phone, "opinion": opinion, "reasons": reasons})
    s = uow.session
    _record(s, record_kind, record_id)
    last = s.scalar(select(func.max(Signatory.position)).where(Signatory.record_kind == record_kind,
                                                               Signatory.record_id == record_id))
    row = Signatory(record_kind=record_kind, record_id=record_id, position=(last or 0) + 1, **clean)
    s.add(row)
    return row.id, Changes.of("signatories", ids=[record_id, row.id])


def _signatory(s, signatory_id: str) -> Signatory:  # type: ignore[no-untyped-def]
    row = live(s, Signatory, signatory_id, "签字人")
    return row


@use_case
def update_signatory(uow: Unit, *, signatory_id: str, values: dict[str, Any]) -> Changes:
    """Edit an attendee. Changing who signs or their opinion clears a drawn signature: it attested
    the old values and must be given again."""
    unknown = set(values) - _EDITABLE
    if unknown:
        raise ValidationError({k: f"不能修改字段“{k}”" for k in unknown})
    s = uow.session
    row = _signatory(s, signatory_id)
    # Opinion and reasons are checked together, whichever of them changes.
    clean = _validate(row.record_kind, {"opinion": row.opinion, "reasons": row.reasons, **values})
    changed = {k for k in values if getattr(row, k) != clean[k]}
    for k in values:
        setattr(row, k, clean[k])
    cleared = bool(changed & _IDENTITY) and row.signature_sha256 is not None
    if cleared:
        row.strokes, row.signature_sha256, row.signed_at = None, None, None
    ch = Changes.of("signatories", ids=[row.record_id, row.id])
    ch.extra["signature_cleared"] = cleared
    return ch


@use_case
def remove_signatory(uow: Unit, *, signatory_id: str) -> Changes:
    s = uow.session
    row = _signatory(s, signatory_id)
    row.deleted = True
    return Changes.of("signatories", ids=[row.record_id, row.id])


@use_case
def sign(uow: Unit, *, signatory_id: str, strokes: Any, when: dt.datetime | None = None) -> Changes:
    """Keep a drawn signature: the strokes and their rendered PNG (blob). The attendee's name (and,
    on an acceptance, opinion) must be filled first, since the signature attests them."""
    clean = normalise_strokes(strokes)
    png = render_png(clean)
    s = uow.session
    row = _signatory(s, signatory_id)
    if not row.person_name.strip():
        raise ValidationError({"person_name": "请先填写签字人姓名，再签字"})
    if row.record_kind == "acceptance" and not row.opinion:
        raise ValidationError({"opinion": "请先选择验收意见（合格 / 不合格），再签字"})
    # The blob goes in before the row commits: a row never points at a missing file (an orphan
    # blob left by a rollback is harmless, content-addressed).
    sha = uow.blobs.put_bytes(png)
    row.strokes, row.signature_sha256, row.signed_at = clean, sha, when or utcnow()
    return Changes.of("signatories", ids=[row.record_id, row.id])


@use_case
def clear_signature(uow: Unit, *, signatory_id: str) -> Changes:
    s = uow.session
    row = _signatory(s, signatory_id)
    if row.signature_sha256 is None and row.strokes is None:
        raise UserError("该签字人尚未签字")
    row.strokes, row.signature_sha256, row.signed_at = None, None, None
    return Changes.of("signatories", ids=[row.record_id, row.id])


def get_strokes(store: Reader, *, signatory_id: str) -> list | None:
    with store.read() as s:
        return _signatory(s, signatory_id).strokes
