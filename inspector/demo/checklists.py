"""Demo inspections get what a real one has: the checklists they were answered against, every
answer (failing where the demo found a problem), a photo on each failed item, and — for those
the demo marks signed — a real signed PDF made with the demo certificate."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import select

from inspector.domain import Answer, Finding, Inspection, InspectionChecklist
from inspector.store import Unit, use_case

log = logging.getLogger(__name__)

# Which checklists an inspector runs on each kind of visit.
CHECKLISTS_BY_KIND = {
    "日常巡查": ("site-patrol",),
    "专项检查": ("materials-sampling", "test-report-authenticity"),
    "投诉核查": ("public-notice-complaints",),
    "验收前检查": ("completion-acceptance",),
    "双随机抽查": ("site-patrol", "materials-sampling"),
    "节点验收监督": ("materials-sampling", "site-patrol"),
    "竣工验收监督": ("completion-acceptance",),
}


def passing_value(item: Any, *, failing: bool = False) -> str:
    """An answer that passes the item (or fails it with failing=True)."""
    if item.answer == "yes-no-na":
        if failing:
            return item.fail_when
        return "yes" if item.fail_when != "yes" else "no"
    if item.answer == "choice":
        bad = set(item.fail_when or ())
        good = [c for c in item.choices if c not in bad]
        return sorted(bad)[0] if failing and bad else good[0]
    if item.answer == "number":
        lo = item.min if item.min is not None else 0
        hi = item.max if item.max is not None else lo + 1000
        for v in (lo, hi, (lo + hi) / 2, lo + 1, 0, 1, 50, 100):
            if lo <= v <= hi and item.is_failed(f"{v:g}") == failing:
                return f"{v:g}"
        return f"{lo:g}"
    if item.answer == "date":
        return "2026-01-01"
    return "现场核查，资料齐全"


def _demo_photo(path: Path, text: str, seed: int) -> None:
    """A stand-in for a site photo: a coloured card with the item it documents."""
    from PIL import Image, ImageDraw, ImageFont

    from inspector.paths import font_path

    img = Image.new("RGB", (1200, 900), ((seed * 47) % 160 + 60, (seed * 89) % 160 + 60, (seed * 29) % 160 + 60))
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(font_path()), 56)
    draw.text((60, 380), f"演示照片\n{text}", fill=(255, 255, 255), font=font, spacing=20)
    img.save(path, "JPEG", quality=80)
    # Complete once saved: dated a minute back, so the importer does not wait to see whether a
    # camera or a copy is still writing it (it waits for files written within the last second).
    made = path.stat().st_mtime - 60
    os.utime(path, (made, made))


@use_case
def add_demo_answers(uow: Unit, *, inspection_ids: list[str]) -> int:
    """Answer the demo inspections (an inspection with checklists is left alone), in the demo's
    unit of work. Returns how many were filled."""
    from inspector.checklists.registry import load_registry
    from inspector.services import inspections as isvc
    from inspector.services.photos import attach_file

    reg = load_registry()
    filled: list[tuple[str, list[tuple[str, str]]]] = []  # inspection, [(item, text)] failed
    s = uow.session
    for iid in inspection_ids:
        insp = s.get(Inspection, iid)
        if insp is None or insp.locked_at is not None or s.scalar(
                select(InspectionChecklist.id).where(InspectionChecklist.inspection_id == iid)):
            continue
        found = {f.checklist_item: f.description for f in s.scalars(
            select(Finding).where(Finding.inspection_id == iid))}
        ids = list(CHECKLISTS_BY_KIND.get(insp.kind, ("site-patrol",)))
        for item_id in found:
            hit = reg.find_item(item_id)
            if hit and hit[0].id not in ids:
                ids.append(hit[0].id)
        failed: list[tuple[str, str]] = []
        for position, cid in enumerate(ids):
            checklist = reg.get(cid)
            cv = isvc.snapshot_checklist(s, checklist)
            s.flush()
            s.add(InspectionChecklist(inspection_id=iid, checklist_version_id=cv.id, position=position))
            for index, item in enumerate(checklist.items):
                fails = item.id in found
                if insp.status == "draft" and (position > 0 or index >= 6) and not fails:
                    continue  # a draft is half done
                value, note = passing_value(item, failing=fails), ""
                if not fails and item.photo == "required":
                    value, note = "na", "本次检查未涉及该项"
                if fails:
                    note = found[item.id]
                    failed.append((item.id, found[item.id]))
                s.add(Answer(inspection_id=iid, checklist_version_id=cv.id, item_id=item.id, value=value,
                             note=note, failed=item.is_failed(value)))
        filled.append((iid, failed))
    s.flush()
    with tempfile.TemporaryDirectory(prefix="inspector-demo-") as tmp:
        for n, (iid, failed) in enumerate(filled):
            for k, (item_id, text) in enumerate(failed):
                path = Path(tmp) / f"{iid[:8]}-{item_id}.jpg"
                _demo_photo(path, f"{item_id} {text[:16]}", n * 7 + k)
                attach_file(uow, path=path, target_kind="answer", target_id=iid, item_id=item_id)
    log.info("demo answers added to %d inspections", len(filled))
    return len(filled)


@use_case
def sign_demo_inspections(uow: Unit, *, inspection_ids: list[str]) -> int:
    """Sign (with the demo certificate) the demo inspections whose status says signed."""
    from inspector.demo.acceptance import sign_with_demo_key

    s = uow.session
    todo = [i for i in s.scalars(select(Inspection).where(Inspection.id.in_(inspection_ids)))
            if i.status == "signed" and i.locked_at is None]
    for n, insp in enumerate(todo):
        _companions_sign(uow, insp, n)
        sign_with_demo_key(uow, "inspection", insp.id)
    return len(todo)


def _companions_sign(uow: Unit, insp: Inspection, seed: int) -> None:
    """The contractor's project manager and the chief supervisor accompanied the visit and sign its
    record beside the inspectors."""
    from inspector.demo.acceptance import _strokes
    from inspector.domain import Party, Person
    from inspector.services import signatures

    s = uow.session
    for k, (party_role, person_role) in enumerate((("施工单位", "项目负责人"), ("监理单位", "总监理工程师"))):
        party = s.scalars(select(Party).where(Party.project_id == insp.project_id, Party.role == party_role)).first()
        person = s.scalars(select(Person).where(Person.project_id == insp.project_id, Person.role == person_role)).first()
        if party is None or person is None:
            continue
        sid, _changes = signatures.add_signatory(uow, record_kind="inspection", record_id=insp.id, role=party_role,
                                                 organisation=party.name, person_name=person.name, title=person_role)
        signatures.sign(uow, signatory_id=sid, strokes=_strokes(seed * 2 + k + 3), when=insp.finished_at)
