"""Signing field records from their editors: an inspection record, a notice (signed when issued,
its workflow then goes on), and the reply/复查记录 — each locked and verifiable afterwards."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit, QPushButton

from inspector.domain.clock import china_today
from inspector.services import findings as fsvc
from inspector.services import inspections as svc
from inspector.services import keys, records
from inspector.ui.context import AppContext, ChangeBus
from inspector.ui.ops import wait_idle
from tests.conftest import set_identity, when_modal
from tests.inspections.conftest import answer_all

PASS = "field-sign-123"


@pytest.fixture
def warnings_shown(monkeypatch) -> list[str]:
    return []


@pytest.fixture(autouse=True)
def no_modal_warnings(monkeypatch, warnings_shown):
    """Overrides the package's fixture: here a refusal box is expected, so record what it said."""
    from PySide6.QtWidgets import QMessageBox

    def warning(_parent, title, text, *args, **kwargs):
        warnings_shown.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))


@pytest.fixture
def ctx(store, registry):
    set_identity(store)
    keys.create_key(store, name="测试监督员", passphrase=PASS, confirm=PASS)
    c = AppContext(store=store, bus=ChangeBus())
    c.checklists = registry
    return c


def _enter_passphrase(dlg) -> None:  # type: ignore[no-untyped-def]
    dlg.findChild(QLineEdit, "passphrase").setText(PASS)
    [b for b in dlg.findChildren(QPushButton) if b.text() == "确定"][0].click()


def _sign(qtbot, bar, warnings_shown) -> None:
    warnings_shown.clear()
    done = when_modal(_enter_passphrase)
    bar.sign_btn.click()
    qtbot.waitUntil(lambda: bool(done))
    qtbot.waitUntil(lambda: not bar.busy, timeout=30000)
    wait_idle()
    qtbot.waitUntil(lambda: bar.locked or bool(warnings_shown), timeout=10000)
    assert bar.locked, warnings_shown


def _verified(store, kind, record_id, tmp_path) -> records.VerifyResult:
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(records.signed_pdf(store, kind=kind, record_id=record_id))
    return records.verify_pdf(store, path)


def test_inspection_record_signed_from_the_editor(qtbot, ctx, store, project, registry, tmp_path,
                                                  warnings_shown):
    from inspector.ui.views.inspection_editor import InspectionEditor

    iid, _ = svc.start_inspection(store, project_id=project["id"], kind="日常巡查",
                                  checklists=[registry.get("site-patrol")])
    editor = InspectionEditor(ctx)
    qtbot.addWidget(editor)
    editor.load(iid)
    assert not editor.signing.save_btn.isEnabled()
    # An unfinished inspection cannot be signed: the user is told why and nothing changes.
    editor.signing.sign_btn.click()
    assert warnings_shown and "请先完成检查" in warnings_shown[0]
    assert not records.sign_state(store, kind="inspection", record_id=iid).locked
    answer_all(store, iid)
    svc.complete_inspection(store, inspection_id=iid)
    editor.reload()

    _sign(qtbot, editor.signing, warnings_shown)
    editor.reload()
    assert "已签署锁定" in editor.signing.banner.text()
    assert "只读" in editor.status.text() and not editor.complete_btn.isEnabled()
    result = _verified(store, "inspection", iid, tmp_path)
    assert result.intact and result.matches_store and result.record_id == iid


def test_signed_notice_still_takes_its_reply_and_recheck(qtbot, ctx, store, project, registry, tmp_path,
                                                         warnings_shown):
    from inspector.ui.views.inspection_notice import NoticeDialog

    iid, _ = svc.start_inspection(store, project_id=project["id"], kind="日常巡查",
                                  checklists=[registry.get("site-patrol")])
    answer_all(store, iid, fail={"XC-13"})
    fsvc.findings_from_failed(store, inspection_id=iid)
    rid, _ = fsvc.issue_notice(store, inspection_id=iid, requirements="立即设置临边防护栏杆")

    dlg = NoticeDialog(ctx, rid)
    qtbot.addWidget(dlg)
    _sign(qtbot, dlg.notice_signing, warnings_shown)
    dlg.reload()
    assert dlg.reply_box.isEnabled(), "the signed notice must still take the contractor's reply"
    assert not dlg.reply_signing.isVisible() or dlg.reply_signing.record_id is None

    fsvc.record_reply(store, rectification_id=rid, replied_on=china_today(), measures="已加设1.2米防护栏杆")
    fsvc.reinspect(store, rectification_id=rid, verdict=fsvc.VERDICT_CLOSE, reinspected_on=china_today(),
                   reinspector_name="测试监督员", override_reason="现场复查确认，照片由监理单位留存")
    dlg.reload()
    assert dlg.detail.row.status == "closed"
    reply_id = dlg.detail.replies[-1].id
    _sign(qtbot, dlg.reply_signing, warnings_shown)

    for kind, record_id in (("rectification", rid), ("reply", reply_id)):
        result = _verified(store, kind, record_id, tmp_path)
        assert result.intact and result.matches_store, (kind, result)
    from inspector.domain import Rectification
    from inspector.store import RecordLockedError

    with pytest.raises(RecordLockedError, match="已签署锁定"), store.write() as s:
        s.get(Rectification, rid).requirements = "改写已签发的通知内容"
