"""Every kind of inspection starts with checklists made for it, and each one it names exists."""

from __future__ import annotations

from inspector.checklists.registry import load_registry
from inspector.domain.rules.checklist_choice import KIND_CHECKLISTS, suggested_checklists
from inspector.domain.vocab import InspectionKind


def test_every_inspection_kind_has_checklists_that_exist() -> None:
    registry = load_registry()
    assert set(KIND_CHECKLISTS) == {k.value for k in InspectionKind}
    for kind, ids in KIND_CHECKLISTS.items():
        assert ids and set(ids) <= set(registry.checklists), kind


def test_a_completion_supervision_starts_with_the_acceptance_checklist_not_a_patrol() -> None:
    registry = load_registry()
    items = {cid: [i.id for i in c.items] for cid, c in registry.checklists.items()}
    every = {i for ids in items.values() for i in ids}
    chosen = suggested_checklists("竣工验收监督", items, every)
    assert "completion-acceptance" in chosen and "site-patrol" not in chosen
    assert "illegal-contracting" in suggested_checklists("双随机抽查", items, every)
