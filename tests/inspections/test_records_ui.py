"""Through the real widgets: the inspectors' 执法证号 in the editor, the accompanying 施工/监理
representatives signing the inspection record, issuing notices one per responsible party with a
移送函 for the referred findings, the 移送函 dialog, and the reply item by item with its photos
before and after."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from inspector.domain.clock import china_today
from inspector.services import findings as fsvc
from inspector.services import inspections as svc
from inspector.services import records, referrals, signatures
from inspector.services.errors import ValidationError
from inspector.ui.ops import wait_idle
from inspector.ui.views.inspection_editor import InspectionEditor
from tests.conftest import when_modal

from .conftest import answer_all
from .test_ui import make_ctx, type_text

# Inspections start now, and a notice is never dated before its inspection.
TODAY = china_today()


def _editor(qtbot, store, registry, project, fail: set[str]) -> tuple[InspectionEditor, str]:
    iid, _ = svc.start_inspection(store, project_id=project["id"], kind="专项检查",
                                  checklists=[registry.checklists["illegal-contracting"]])
    answer_all(store, iid, fail=fail)
    fsvc.findings_from_failed(store, inspection_id=iid, today=TODAY)
    ctx = make_ctx(store, registry)
    editor = InspectionEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    editor.load(iid)
    return editor, iid


def test_badges_and_companions_reach_the_record(qtbot, store, registry, project) -> None:
    editor, iid = _editor(qtbot, store, registry, project, set())
    editor.tabs.setCurrentIndex(0)
    editor.co_inspector.setText("马晓燕")
    editor.co_inspector.textEdited.emit("马晓燕")
    editor.inspector_badge.setFocus()
    type_text(editor.inspector_badge, "QJ0107")
    editor.co_inspector_badge.setFocus()
    type_text(editor.co_inspector_badge, "QJ0112")
    editor.flush(wait=True)
    wait_idle()
    header = svc.get_inspection(store, iid).header
    assert (header["inspector_badge"], header["co_inspector_badge"]) == ("QJ0107", "QJ0112")

    # The contractor's and the supervisor's representatives are added and sign on the pad.
    panel = editor.companions
    assert editor.tabs.indexOf(panel) >= 0
    for role, org, person in (("施工单位", "青海某建设工程有限公司", "张工"), ("监理单位", "青海某监理公司", "赵总监")):
        sid, ch = signatures.add_signatory(store, record_kind="inspection", record_id=iid, role=role,
                                           organisation=org, person_name=person)
        editor.ctx.bus.announce(ch)
        signatures.sign(store, signatory_id=sid, strokes=[[[0.1, 0.5, 0], [0.9, 0.4, 300]]])
    panel.refresh()
    qtbot.waitUntil(lambda: panel.attendees.model.rowCount() == 2)
    assert all(r.signed for r in panel.attendees.model.rows)
    data = records.record_data(store, kind="inspection", record_id=iid).data
    assert [x["name"] for x in data["staff"]] == ["测试监督员", "马晓燕"]
    assert [x["badge"] for x in data["staff"]] == ["QJ0107", "QJ0112"]
    assert [(x["role"], x["name"]) for x in data["signatories"]] == [("施工单位", "张工"), ("监理单位", "赵总监")]
    # Only the units that accompany an inspection sign it as such.
    with pytest.raises(ValidationError, match="陪同检查人员"):
        signatures.add_signatory(store, record_kind="inspection", record_id=iid, role="业主代表", person_name="x")


def test_issue_opens_notices_per_party_and_the_referral(qtbot, store, registry, project) -> None:
    # FB-02 is the 建设单位's, FB-08a the contractor's; FB-05 is only referred (移送).
    editor, iid = _editor(qtbot, store, registry, project, {"FB-02", "FB-08a", "FB-05"})
    panel = editor.findings
    editor.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.next_step.isVisible())
    assert "分属 2 个责任单位" in panel.next_step.text() and "移送函" in panel.next_step.text()
    addressed = []
    for _ in range(2):  # one notice per responsible party, each through the dialog
        def confirm(dlg) -> None:  # type: ignore[no-untyped-def]
            # The dialog ticks one party's findings and addresses that party; the referral-only FB-05
            # is not offered for a notice.
            items = [dlg.list.item(i).data(Qt.ItemDataRole.UserRole + 41).checklist_item
                     for i in range(dlg.list.count())]
            assert "FB-05" not in items
            addressed.append(dlg.addressee.currentData())
            assert dlg.show_preview()
            dlg.confirm_btn.click()

        when_modal(confirm)
        panel.notice_dialog = None
        qtbot.mouseClick(panel.issue_btn, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: getattr(panel, "notice_dialog", None) is not None, timeout=10000)
        panel.notice_dialog.close()
        wait_idle()
    assert set(addressed) == {project["owner"], project["contractor"]}
    notices = fsvc.list_rectifications(store)
    assert len(notices) == 2 and {n.title for n in notices} == {"责令整改通知书"}
    qtbot.waitUntil(lambda: "下发整改通知" not in panel.next_step.text())
    assert "移送函" in panel.next_step.text()

    panel.open_referral()
    qtbot.waitUntil(lambda: getattr(panel, "referral_dialog", None) is not None, timeout=10000)
    dlg = panel.referral_dialog
    qtbot.waitUntil(lambda: dlg.pick.count() == 1)
    assert dlg.findings.count() == 1 and dlg.findings.item(0).text().startswith("FB-05")
    dlg.authority_name.setText("西宁市城市管理综合行政执法局")
    qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
    wait_idle()
    [row] = referrals.list_referrals(store, inspection_id=iid)
    qtbot.waitUntil(lambda: referrals.get_referral(store, row.id).authority_name == "西宁市城市管理综合行政执法局")
    assert dlg.signing.record_id == row.id and not dlg.signing.locked
    dlg.close()


def test_reply_item_by_item_with_photos_before_and_after(qtbot, store, registry, project, photos_dir) -> None:
    editor, iid = _editor(qtbot, store, registry, project, {"FB-08a", "FB-08b"})
    rid, _ = fsvc.issue_notice(store, inspection_id=iid, issued_on=TODAY)
    fsvc.record_reply(store, rectification_id=rid, replied_on=TODAY + dt.timedelta(days=2), measures="逐项整改",
                      responsible_person="张工", supervisor_opinion="属实")
    editor.findings.open_notice(rid)
    dlg = editor.findings.notice_dialog
    items = dlg.reply_items
    qtbot.waitUntil(lambda: items.model.rowCount() == 2)
    assert not dlg.reply_items_box.isHidden() and items.save_btn.isEnabled()
    items.model.item(0, 2).setText("更换项目负责人为投标文件载明人员")
    items.model.item(0, 3).setText((TODAY + dt.timedelta(days=1)).isoformat())
    items.model.item(0, 4).setText("已整改")
    items.model.item(1, 3).setText((TODAY + dt.timedelta(days=9)).isoformat())  # after the reply: refused
    qtbot.mouseClick(items.save_btn, Qt.MouseButton.LeftButton)
    wait_idle()
    qtbot.waitUntil(lambda: "不能晚于回复日期" in items.error.text())
    items.model.item(1, 3).setText((TODAY + dt.timedelta(days=2)).isoformat())
    qtbot.mouseClick(items.save_btn, Qt.MouseButton.LeftButton)
    wait_idle()
    qtbot.waitUntil(lambda: fsvc.get_rectification(store, rid).replies[0].items != ())

    # The first item's photos, before and after, each on its own panel.
    items.table.selectRow(0)
    before, after = items.before, items.after
    assert before.role == "整改前" and after.role == "整改后" and before.target[2] == items.current_finding()
    before.import_paths([photos_dir / "orient_6.jpg"])
    qtbot.waitUntil(lambda: before._op is None, timeout=30000)
    after.import_paths([photos_dir / "apple_iphone6_gps.jpg"])
    qtbot.waitUntil(lambda: after._op is None, timeout=30000)
    assert before.model.rowCount() == 1 and after.model.rowCount() == 1
    reply_id = fsvc.get_rectification(store, rid).replies[0].id
    data = records.record_data(store, kind="reply", record_id=reply_id).data
    first = data["items"][0]
    assert first["measures"] == "更换项目负责人为投标文件载明人员" and first["done_on"] == (
        TODAY + dt.timedelta(days=1)).isoformat()
    roles = [p["role"] for p in data["photos"]]
    assert first["before"] == [roles.index("整改前") + 1] and first["after"] == [roles.index("整改后") + 1]
    dlg.close()
