"""A project with a contractor and key persons, the real checklist registry, and answer helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspector.checklists.registry import load_registry
from inspector.services import inspections as svc
from inspector.services.projects import create_project, save_party, save_person

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def registry():
    reg = load_registry()
    assert reg.checklists, reg.problems
    return reg


@pytest.fixture
def project(store) -> dict[str, str]:
    pid, _ = create_project(store, fields={"code": "XN-2026-001", "name": "城中区南关街小区改造",
                                           "district": "城中区", "status": "在建"})
    contractor, _ = save_party(store, project_id=pid, fields={"role": "施工单位", "name": "青海某建设工程有限公司"})
    owner, _ = save_party(store, project_id=pid, fields={"role": "建设单位", "name": "城中区住房和城乡建设局"})
    pm, _ = save_person(store, project_id=pid, party_id=contractor, fields={"name": "张工", "role": "项目负责人"})
    return {"id": pid, "contractor": contractor, "owner": owner, "pm": pm}


def answer_all(store, inspection_id: str, *, skip: set[str] = frozenset(), fail: set[str] = frozenset(),
               na_note: str = "") -> None:
    """Answer every item of the inspection with a passing value (or a failing one for `fail`)."""
    d = svc.get_inspection(store, inspection_id)
    answers = []
    for c in d.checklists:
        for item in svc.checklist_of(c).items:
            if item.id in skip:
                continue
            answers.append(svc.AnswerInput(c.version_id, item.id, passing(item, failing=item.id in fail)))
    svc.save_answers(store, inspection_id=inspection_id, answers=answers)


def passing(item, *, failing: bool = False) -> str:
    if item.answer == "yes-no-na":
        if failing:
            return item.fail_when
        return "yes" if item.fail_when != "yes" else "no"
    if item.answer == "choice":
        bad = set(item.fail_when or ())
        good = [c for c in item.choices if c not in bad]
        return (sorted(bad)[0] if failing and bad else good[0])
    if item.answer == "number":
        lo = item.min if item.min is not None else 0
        hi = item.max if item.max is not None else lo + 1000
        for v in (lo, hi, (lo + hi) / 2, lo + 1, 0, 1, 50, 100):
            if lo <= v <= hi and item.is_failed(str(v)) == failing:
                return str(v)
        return str(lo)
    if item.answer == "date":
        return "2026-01-01"
    return "现场核查记录"


@pytest.fixture(autouse=True)
def no_modal_warnings(monkeypatch):
    """A warning box would block the test forever offscreen: turn it into a test failure instead."""
    from PySide6.QtWidgets import QMessageBox

    def warning(_parent, title, text, *args, **kwargs):
        raise AssertionError(f"unexpected warning box: {title}: {text}")

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
