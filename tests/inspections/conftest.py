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
    """A passing (or failing) answer for the item: the demo dataset answers the same way."""
    from inspector.demo.checklists import passing_value

    return passing_value(item, failing=failing)


@pytest.fixture(autouse=True)
def no_modal_warnings(monkeypatch):
    """A warning box would block the test forever offscreen: turn it into a test failure instead."""
    from PySide6.QtWidgets import QMessageBox

    def warning(_parent, title, text, *args, **kwargs):
        raise AssertionError(f"unexpected warning box: {title}: {text}")

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
