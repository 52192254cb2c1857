"""Everything a signed record prints is locked with it, on every path: the UI's controls, the
services, the command line and raw SQL on each table. Each refusal says why, and nothing changes."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from inspector.checklists.registry import load_registry
from inspector.domain import Finding, Party, Photo, PhotoLink, Project, RectificationFinding, Signatory
from inspector.domain.clock import china_today
from inspector.domain.errors import RecordLockedError
from inspector.services import findings as fsvc
from inspector.services import inspections as isvc
from inspector.services import photos as psvc
from inspector.services import signatures
from inspector.services.errors import UserError
from inspector.services.integrity import check_store
from tests.conftest import run_cli
from tests.sync.helpers import quick_sign, snapshot


@pytest.fixture
def signed(store, photos_dir):
    """A signed inspection with answers, a finding on a signed notice, photos on the inspection, on
    an item and on the finding, and a signatory."""
    with store.write() as s:
        s.add(Project(id="p-l", code="XN-L", name="锁定测试", district="城中区"))
        s.add(Party(project_id="p-l", role="施工单位", name="青海某建设工程有限公司"))
    checklist = load_registry().checklists["site-patrol"]
    iid, _ = isvc.start_inspection(store, project_id="p-l", kind="日常巡查", checklists=[checklist])
    d = isvc.get_inspection(store, iid)
    item = d.checklists[0]
    first = isvc.checklist_of(item).items[0]
    isvc.save_answers(store, inspection_id=iid, answers=[isvc.AnswerInput(item.version_id, first.id, "no", "缺")])
    fid, _ = fsvc.add_finding(store, project_id="p-l", inspection_id=iid, description="临边防护缺失",
                              today=dt.date(2026, 11, 1))
    rid, _ = fsvc.issue_notice(store, inspection_id=iid, issued_on=dt.date(2026, 11, 1))
    photo = photos_dir / "sony_cybershot.jpg"
    for kind, target, item_id in (("inspection", iid, ""), ("answer", iid, first.id), ("finding", fid, "")):
        [r] = psvc.import_photos(store, files=[photo], target_kind=kind, target_id=target, item_id=item_id)
        assert r.ok
    signatures.add_signatory(store, record_kind="inspection", record_id=iid, role="施工单位", person_name="张工")
    quick_sign(store, "inspection", iid)
    quick_sign(store, "rectification", rid)
    with store.read() as s:
        sha = s.query(Photo).one().id
    return {"inspection": iid, "finding": fid, "notice": rid, "item": first.id, "version": item.version_id,
            "photo": sha, "file": photo}


def test_services_refuse_every_change_and_change_nothing(store, signed):
    before = snapshot(store)
    iid, fid = signed["inspection"], signed["finding"]
    attempts = [
        lambda: fsvc.add_finding(store, project_id="p-l", inspection_id=iid, description="新问题"),
        lambda: fsvc.update_finding(store, finding_id=fid, values={"description": "改"}),
        lambda: fsvc.delete_finding(store, finding_id=fid),
        lambda: fsvc.findings_from_failed(store, inspection_id=iid),
        lambda: isvc.save_answers(store, inspection_id=iid, answers=[
            isvc.AnswerInput(signed["version"], signed["item"], "yes")]),
        lambda: isvc.update_header(store, inspection_id=iid, values={"summary": "改"}),
        lambda: psvc.set_caption(store, photo_id=signed["photo"], caption="改"),
        lambda: psvc.set_annotation(store, photo_id=signed["photo"], shapes=[
            {"type": "circle", "x1": 0.1, "y1": 0.1, "x2": 0.2, "y2": 0.2}]),
        lambda: psvc.unlink_photo(store, photo_id=signed["photo"], target_kind="finding", target_id=fid),
        lambda: psvc.import_photos(store, files=[signed["file"]], target_kind="finding", target_id=fid),
        lambda: psvc.import_photos(store, files=[signed["file"]], target_kind="inspection", target_id=iid),
        lambda: fsvc.update_notice(store, rectification_id=signed["notice"], values={"requirements": "改"}),
    ]
    for attempt in attempts:
        with pytest.raises((UserError, RecordLockedError)) as err:
            attempt()
        assert "锁定" in str(err.value) or "签署" in str(err.value), str(err.value)
    with store.read() as s:
        sid = s.query(Signatory).one().id
    for attempt in (lambda: signatures.update_signatory(store, signatory_id=sid, values={"title": "经理"}),
                    lambda: signatures.remove_signatory(store, signatory_id=sid)):
        with pytest.raises(RecordLockedError, match="已签署锁定"):
            attempt()
    assert snapshot(store) == before
    # The workflow goes on: the notice takes its reply and its finding moves with it.
    fsvc.record_reply(store, rectification_id=signed["notice"], replied_on=china_today(), measures="已整改")
    with store.read() as s:
        assert s.get(Finding, fid).status == "replied"
    assert check_store(store).ok


def test_the_command_line_refuses_photos_on_a_signed_finding(store, signed):
    proc = run_cli("photos", "import", "--to", f"finding:{signed['finding']}", str(signed["file"]),
                   data_dir=store.data_dir)
    assert proc.returncode != 0 and "锁定" in (proc.stdout + proc.stderr)
    with store.read() as s:
        assert s.query(PhotoLink).filter_by(target_kind="finding").count() == 1


def test_raw_sql_on_every_table_a_signed_record_prints_is_refused(store, signed):
    before = snapshot(store)
    iid, fid = signed["inspection"], signed["finding"]
    with store.read() as s:
        link = s.query(PhotoLink).filter_by(target_kind="finding").one().id
        listed = s.query(RectificationFinding).one().id
        sig = s.query(Signatory).one().id
    statements = [
        ("UPDATE inspections SET summary = 'x' WHERE id = ?", iid),
        ("DELETE FROM inspections WHERE id = ?", iid),
        ("UPDATE rectifications SET requirements = 'x' WHERE id = ?", signed["notice"]),
        ("UPDATE answers SET value = 'yes' WHERE inspection_id = ?", iid),
        ("DELETE FROM answers WHERE inspection_id = ?", iid),
        ("INSERT INTO answers (id, rev, base_rev, updated_at, updated_by, device_id, deleted, inspection_id,"
         " checklist_version_id, item_id, note, failed) VALUES ('x', 1, 0, '2026-01-01', '', '', 0, ?, 'v', 'i',"
         " '', 0)", iid),
        ("UPDATE inspection_checklists SET position = 9 WHERE inspection_id = ?", iid),
        ("UPDATE findings SET description = 'x' WHERE id = ?", fid),
        ("UPDATE findings SET deadline = '2030-01-01' WHERE id = ?", fid),
        ("DELETE FROM findings WHERE id = ?", fid),
        ("UPDATE rectification_findings SET position = 5 WHERE id = ?", listed),
        ("DELETE FROM rectification_findings WHERE id = ?", listed),
        ("UPDATE signatories SET person_name = 'x' WHERE id = ?", sig),
        ("UPDATE photo_links SET role = 'x' WHERE id = ?", link),
        ("DELETE FROM photo_links WHERE id = ?", link),
        ("UPDATE photos SET caption = 'x' WHERE id = ?", signed["photo"]),
        ("UPDATE photos SET deleted = 1 WHERE id = ?", signed["photo"]),
        ("UPDATE audit_events SET actor = 'x' WHERE seq = 1 AND ? IS NOT NULL", iid),
        ("DELETE FROM audit_events WHERE ? IS NOT NULL", iid),
    ]
    with sqlite3.connect(store.path) as c:
        for sql, arg in statements:
            with pytest.raises(sqlite3.IntegrityError, match="locked|append-only"):
                c.execute(sql, (arg,))
        # The workflow columns stay open to SQL as to the services.
        c.execute("UPDATE findings SET status = 'closed' WHERE id = ?", (fid,))
        c.execute("UPDATE findings SET status = 'notified' WHERE id = ?", (fid,))
    assert snapshot(store) == before


def test_switching_the_triggers_off_is_found_out(store, signed):
    with sqlite3.connect(store.path) as c:
        c.execute("DROP TRIGGER lock_photos_update")
        c.execute("UPDATE photos SET caption = '签署后改过' WHERE id = ?", (signed["photo"],))
    proc = run_cli("audit", "verify", data_dir=store.data_dir)
    assert proc.returncode == 1
    assert "签署后记录内容被改动" in proc.stdout and "监督检查记录" in proc.stdout
    with sqlite3.connect(store.path) as c:  # the store put the trigger back when it was opened
        names = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert "lock_photos_update" in names


def test_the_editor_offers_no_change_to_a_signed_inspection(qtbot, store, signed):
    from inspector.ui.context import AppContext, ChangeBus
    from inspector.ui.views.inspection_editor import InspectionEditor

    ctx = AppContext(store=store, bus=ChangeBus())
    ctx.checklists = load_registry()
    editor = InspectionEditor(ctx)
    qtbot.addWidget(editor)
    editor.load(signed["inspection"])
    panel = editor.findings
    assert not panel.add_btn.isEnabled() and not panel.from_failed_btn.isEnabled()
    assert not panel.delete_btn.isEnabled() and not editor.complete_btn.isEnabled()
    assert "已签署锁定" in editor.signing.banner.text()


def test_inspector_verify_without_a_file_checks_every_signed_record(store, signed):
    proc = run_cli("verify", data_dir=store.data_dir)
    assert proc.returncode == 0 and "2 份已签署记录，内容与签署时一致" in proc.stdout, proc.stdout + proc.stderr
    with sqlite3.connect(store.path) as c:
        c.execute("DROP TRIGGER lock_findings_update")
        c.execute("UPDATE findings SET description = '改写' WHERE id = ?", (signed["finding"],))
    proc = run_cli("verify", data_dir=store.data_dir)
    assert proc.returncode == 1
    # The finding is printed by both the inspection record and the notice: both are reported.
    assert "监督检查记录" in proc.stdout and "责令整改通知书" in proc.stdout and "签署后记录内容被改动" in proc.stdout
