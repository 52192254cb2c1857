"""A checklist version the office publishes reaches the laptop by sync; new inspections use it, an
inspection started before keeps the version it was started with."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select

from inspector.checklists.registry import load_registry
from inspector.domain import ChecklistVersion, InspectionChecklist, Project, utcnow
from inspector.services import inspections as isvc
from inspector.services.checklist_versions import registry
from tests.sync.helpers import laptop, office, sync_with


def test_a_published_version_is_offered_to_new_inspections_and_old_ones_keep_theirs(tmp_path):
    hub, a = office(tmp_path / "office"), laptop(tmp_path / "a", "李淑芬")
    try:
        shipped = load_registry()
        patrol = shipped.get("site-patrol")
        with a.write() as s:
            s.add(Project(id="p1", code="XN-1", name="南关小区", district="城中区"))
        old_id, _c = isvc.start_inspection(a, project_id="p1", kind="日常巡查", checklists=[patrol])
        # The office publishes version N+1 with one item reworded (what `forms publish` stores).
        first = patrol.items[0]
        newer = dataclasses.replace(patrol, version=patrol.version + 1, content_sha256="",
                                    items=(dataclasses.replace(first, text_zh=first.text_zh + "（监督站修订）"),
                                           *patrol.items[1:]))
        with hub.write() as s:
            s.add(ChecklistVersion(checklist_id=newer.id, version=newer.version,
                                   content_sha256=newer.content_sha256, title_zh=newer.title_zh,
                                   content=newer.to_json(), published_at=utcnow()))
        assert registry(a).get("site-patrol").version == patrol.version  # not pulled yet
        sync_with(a, hub)
        reg = registry(a, base=shipped)
        offered = reg.get("site-patrol")
        assert offered.version == patrol.version + 1 and offered.items[0].text_zh.endswith("（监督站修订）")
        assert offered.content_sha256 == newer.content_sha256
        assert reg.get("completion-acceptance") == shipped.get("completion-acceptance")
        new_id, _c = isvc.start_inspection(a, project_id="p1", kind="日常巡查", checklists=[offered])
        with a.read() as s:
            def version_of(iid: str) -> int:
                link = s.scalars(select(InspectionChecklist).where(InspectionChecklist.inspection_id == iid)).one()
                return s.get(ChecklistVersion, link.checklist_version_id).version

            assert version_of(old_id) == patrol.version and version_of(new_id) == patrol.version + 1
            # The new inspection answers against the pulled row itself: no second copy of the version.
            assert len(s.scalars(select(ChecklistVersion).where(
                ChecklistVersion.checklist_id == "site-patrol",
                ChecklistVersion.version == patrol.version + 1)).all()) == 1
        assert isvc.get_inspection(a, old_id).checklists[0].version == patrol.version
        # An older published version never replaces a newer shipped one.
        with hub.write() as s:
            s.add(ChecklistVersion(checklist_id="completion-acceptance", version=1, content_sha256="x" * 64,
                                   title_zh="旧版", content=shipped.get("completion-acceptance").to_json(),
                                   published_at=utcnow()))
        sync_with(a, hub)
        assert registry(a, base=shipped).get("completion-acceptance") == shipped.get("completion-acceptance")
    finally:
        hub.close()
        a.close()
