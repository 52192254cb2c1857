"""An inspector's scope, as the office applies it to every row of a push and to every pull: projects
assigned to them or in their district; a new project only in their district; a project cannot be
moved out of (or into) their reach by a push; their own user row only."""

from __future__ import annotations

import pytest

from inspector.domain import Party, Project, User
from inspector.domain.ids import fact_id
from inspector.store import Mode
from inspector.sync.client import SYNC_ACTOR
from inspector.sync.scope import InspectorScope, ProjectList, as_scope
from inspector.sync.state import apply_remote, changes_since
from tests.sync.helpers import fresh_store_dir, laptop, office

LI = fact_id("users", ["li"])
SCOPE = InspectorScope(LI, "城中区")


@pytest.fixture
def hub_and_laptop(tmp_path):
    hub, a = office(fresh_store_dir(tmp_path, "hub")), laptop(fresh_store_dir(tmp_path, "a"), "李")
    with hub.write() as s:
        s.add(Project(id="mine", code="CZ-1", name="本区", district="城中区"))
        s.add(Project(id="theirs", code="CX-1", name="他区", district="城西区"))
        s.add(Project(id="assigned", code="CX-2", name="分配", district="城西区", inspector_id=LI))
    yield hub, a
    hub.close()
    a.close()


def _push(hub, a):
    batch = changes_since(a, None)
    with hub.store.unit(SYNC_ACTOR, Mode.REMOTE) as uow:
        return {(r.table, r.id): r for r in apply_remote(uow, batch, scope=SCOPE).results}


def test_pull_sees_assigned_and_district_projects_only(hub_and_laptop):
    hub, _a = hub_and_laptop
    batch = changes_since(hub, "0", scope=SCOPE, for_device="a")
    assert {r.id for r in batch.rows if r.table == "projects"} == {"mine", "assigned"}


def test_push_rows_of_another_district_are_refused_and_own_new_project_applied(hub_and_laptop):
    hub, a = hub_and_laptop
    with a.write() as s:
        s.add(Project(id="theirs", code="CX-1", name="改名", district="城西区"))
        s.add(Party(id="pt", project_id="theirs", role="施工", name="某公司"))
        s.add(Project(id="new", code="CZ-9", name="新建", district="城中区"))
        s.add(Party(id="pt2", project_id="new", role="施工", name="本区公司"))
        s.add(Project(id="elsewhere", code="CD-9", name="他区新建", district="城东区"))
        s.add(User(login="wang", name="王", district="城中区"))
    results = _push(hub, a)
    assert results[("projects", "new")].status == "applied"
    assert results[("parties", "pt2")].status == "applied"
    for key in [("projects", "theirs"), ("parties", "pt"), ("projects", "elsewhere"),
                ("users", fact_id("users", ["wang"]))]:
        assert results[key].status == "refused" and "无权" in results[key].reason
    with hub.read() as s:
        assert s.get(Project, "theirs").name == "他区"
        assert s.get(Project, "elsewhere") is None and s.get(Party, "pt") is None


def test_a_push_cannot_move_a_project_out_of_reach(hub_and_laptop):
    hub, a = hub_and_laptop
    from tests.sync.helpers import sync_with

    sync_with(a, hub)  # the laptop holds the office's projects (unscoped here)
    with a.write() as s:
        s.get(Project, "mine").district = "城西区"
        s.get(Project, "assigned").inspector_id = None
    results = _push(hub, a)
    assert results[("projects", "mine")].status == "refused"
    assert results[("projects", "assigned")].status == "refused"
    with hub.read() as s:
        assert s.get(Project, "mine").district == "城中区" and s.get(Project, "assigned").inspector_id == LI


def test_a_list_is_still_a_scope():
    assert as_scope(None) is None
    assert as_scope(["p"]) == ProjectList(frozenset({"p"}))
    assert as_scope(SCOPE) is SCOPE


def test_a_new_signed_record_with_its_parts_and_photos_passes_a_scope_whole(hub_and_laptop):
    """Rows whose project is known only through rows later in the same batch (a signatory before
    its inspection, a photo and its link before the finding they show) are judged by that project.
    (Before: refused under any scope, a photo always, a link whenever its photo was there.)"""
    from inspector.domain import Finding, Inspection, Photo, PhotoLink, Signatory
    from tests.sync.helpers import quick_sign

    hub, a = hub_and_laptop
    with a.write() as s:
        s.add(Project(id="fresh", code="CZ-5", name="本区新项目", district="城中区"))
        s.add(Inspection(id="fresh-insp", project_id="fresh", kind="日常巡查"))
        s.add(Finding(id="fresh-f", project_id="fresh", inspection_id="fresh-insp", description="脚手架未挂网"))
        sha = a.blobs.put_bytes(b"finding photo")
        s.add(Photo(id=sha, byte_size=13, format="jpeg"))
        s.add(PhotoLink(photo_id=sha, target_kind="finding", target_id="fresh-f"))
        s.add(Signatory(record_kind="inspection", record_id="fresh-insp", role="监督员", person_name="李"))
    quick_sign(a, "inspection", "fresh-insp")
    results = _push(hub, a)
    assert {r.status for r in results.values()} == {"applied"}, [r for r in results.values() if r.reason]
    with hub.read() as s:
        assert s.get(Inspection, "fresh-insp").locked_at is not None and s.get(Photo, sha) is not None


def test_rows_hanging_from_a_refused_row_are_refused_and_the_rest_goes_in(hub_and_laptop):
    """A project refused (its code is taken at the office) takes its party with it; the batch still
    commits. (Before: the party went in, and the whole push failed at commit on its foreign key.)"""
    hub, a = hub_and_laptop
    with a.write() as s:
        s.add(Project(id="dup", code="CZ-1", name="编号重复", district="城中区"))
        s.add(Party(id="dup-party", project_id="dup", role="施工", name="某公司"))
        s.add(Project(id="fine", code="CZ-7", name="正常", district="城中区"))
    results = _push(hub, a)
    assert results[("projects", "dup")].status == "refused" and results[("projects", "dup")].retry
    party = results[("parties", "dup-party")]
    assert party.status == "refused" and party.retry and "未被接收" in party.reason
    assert results[("projects", "fine")].status == "applied"
    with hub.read() as s:
        assert s.get(Project, "fine") is not None and s.get(Party, "dup-party") is None
