"""Which checklists a new inspection starts with, ticked in advance: those that fit the kind of
inspection *and* hold items that apply to the project's renovation items. A 日常巡查 does not
start with the 竣工联合验收 checklist; a 验收前检查 does."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# Kind of inspection -> the checklists it is about (ids of forms/*.toml), in the order shown.
KIND_CHECKLISTS: dict[str, tuple[str, ...]] = {
    "日常巡查": ("site-patrol", "materials-sampling", "public-notice-complaints"),
    "专项检查": ("illegal-contracting", "materials-sampling", "test-report-authenticity"),
    "投诉核查": ("public-notice-complaints", "site-patrol"),
    "验收前检查": ("completion-acceptance", "test-report-authenticity", "materials-sampling"),
    # 双随机、一公开: a random site gets the whole round — who builds it, with what, how safely.
    "双随机抽查": ("illegal-contracting", "site-patrol", "materials-sampling", "test-report-authenticity"),
    # A 分部/隐蔽工程 node: what went in and its test reports, before it is covered.
    "节点验收监督": ("materials-sampling", "test-report-authenticity", "site-patrol"),
    # Supervising the owner's 竣工验收: its procedure, the records and the tests it rests on.
    "竣工验收监督": ("completion-acceptance", "renovation-procedure", "test-report-authenticity"),
}


def suggested_checklists(kind: str, checklist_items: Mapping[str, Iterable[str]],
                         applicable_items: Iterable[str]) -> set[str]:
    """Checklist ids to tick: made for `kind`, and holding at least one item applicable to the
    project (`applicable_items`, from its renovation items and the common items)."""
    wanted = set(applicable_items)
    return {cid for cid in KIND_CHECKLISTS.get(kind, ()) if wanted.intersection(checklist_items.get(cid, ()))}
