"""验收与移交 driven like a user: blocked by an open notice, the blocker opens its record, the notice is
closed, attendees added and signing on the pad with the mouse, missing roles refused, the record
signed (first use creates the key), locked, verified, corrected; override; handover."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QMessageBox, QPushButton

from inspector.checklists.registry import load_registry
from inspector.services import acceptance as acc
from inspector.services import record_signing as recs
from inspector.services import signatures
from inspector.store.hooks import RecordLockedError
from inspector.ui.context import AppContext, ChangeBus
from inspector.ui.ops import wait_idle
from inspector.ui.widgets.signature_pad import SignatureDialog, SignaturePad
from tests.acceptance.helpers import DAY, ROLES, close_rectification, make_project, open_rectification
from tests.conftest import set_identity, type_text

PASS = "ui-pass-123"


@pytest.fixture
def ctx(store):
    set_identity(store)
    c = AppContext(store=store, bus=ChangeBus())
    c.checklists = load_registry()
    return c


class Modals:
    """Answers the modal dialogs that open, in order, as a user would."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.handlers: list[Callable] = []
        self.seen: list[str] = []
        self.stuck: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(30)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def expect(self, *handlers: Callable) -> None:
        self.handlers.extend(handlers)

    def _tick(self) -> None:
        w = QApplication.activeModalWidget()
        if w is None or not self.handlers or getattr(w, "_handled", False):
            return
        w._handled = True
        self.seen.append(type(w).__name__)
        try:
            self.handlers.pop(0)(w)
        finally:
            # A dialog the handler left open would block the test forever: close it, and fail.
            QTimer.singleShot(5000, lambda: self._left_open(w))

    def _left_open(self, w) -> None:
        try:
            visible = w.isVisible()
        except RuntimeError:  # already deleted
            return
        if visible:
            self.stuck.append(type(w).__name__)
            w.reject()

    def wait_done(self) -> None:
        self.qtbot.waitUntil(lambda: not self.handlers, timeout=15000)
        assert not self.stuck, f"dialogs left open: {self.stuck}"


def drag(widget, points: list[tuple[float, float]]) -> None:
    """Press, move with the left button held, release (QTest's mouseMove carries no buttons)."""
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    mods = Qt.KeyboardModifier.NoModifier

    def send(kind, pos, button, buttons) -> None:
        p = QPointF(*pos)
        QApplication.sendEvent(widget, QMouseEvent(kind, p, widget.mapToGlobal(p), button, buttons, mods))

    send(QEvent.Type.MouseButtonPress, points[0], left, left)
    for pos in points[1:]:
        send(QEvent.Type.MouseMove, pos, none, left)
    send(QEvent.Type.MouseButtonRelease, points[-1], left, none)


def scribble(pad: SignaturePad) -> None:
    b = pad.box()
    drag(pad, [(b.left() + b.width() * (0.1 + 0.02 * i), b.top() + b.height() * (0.3 + 0.4 * (i % 3) / 2))
               for i in range(30)])
    drag(pad, [(b.left() + b.width() * 0.5, b.top() + b.height() * 0.2),
               (b.left() + b.width() * 0.55, b.top() + b.height() * 0.8)])


def sign_in_dialog(dlg) -> None:
    assert isinstance(dlg, SignatureDialog)
    assert not dlg.ok_btn.isEnabled()  # nothing drawn yet
    scribble(dlg.pad)
    dlg.ok_btn.click()


def button(dlg, text: str) -> QPushButton:
    return next(b for b in dlg.findChildren(QPushButton) if b.text() == text)


def enter_passphrase(*, confirm: bool) -> Callable:
    def handle(dlg) -> None:
        qtb = dlg.findChild(QLineEdit, "passphrase")
        qtb.setText(PASS)
        if confirm:
            dlg.findChild(QLineEdit, "confirm").setText(PASS)
        button(dlg, "确定").click()
    return handle


@pytest.fixture
def window(qtbot, ctx):
    from inspector.ui.main_window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    return win


def _view(qtbot, window, pid):
    view = window.show_view("acceptance")
    view.picker.select(pid)
    qtbot.waitUntil(lambda: view.project_id == pid)
    return view


def test_acceptance_like_a_user(qtbot, ctx, store, window, tmp_path, qtmodeltester):
    pid = make_project(store)
    rid = open_rectification(store, pid)
    ctx.bus.announce(acc.Changes.of("projects"))
    qtbot.waitUntil(lambda: window.view("acceptance").picker.findData(pid) >= 0)
    view = _view(qtbot, window, pid)
    modals = Modals(qtbot)

    # 1. Blocked: the dialog lists the open notice and refuses; double-click opens the notice in the
    #    main window while the dialog stays open with what was typed.
    qtbot.mouseClick(view.new_acc_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.new_dialog is not None and view.new_dialog.isVisible(), timeout=10000)
    dlg = view.new_dialog
    assert not dlg.isModal()
    assert "建设单位" in dlg.findChild(QLabel, "required_roles").text()  # who must sign, from the start
    assert dlg.table.model().rowCount() == 1
    assert "未销项" in dlg.table.model().index(0, 0).data()
    assert "YS-09" not in dlg.table.model().index(0, 0).data()  # the code is the office's: tooltip only
    assert "YS-09" in dlg.table.model().index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert not dlg.ok.isEnabled()  # no override reason: cannot proceed
    type_text(qtbot, dlg.location, "南关街小区活动室")
    rect = dlg.table.visualRect(dlg.table.model().index(0, 0))
    qtbot.mouseClick(dlg.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dlg.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait_idle()
    qtbot.waitUntil(lambda: window._keys[window.nav.currentRow()] == "rectifications")
    assert acc.list_acceptances(store, project_id=pid) == []
    assert dlg.isVisible() and dlg.location.text() == "南关街小区活动室"  # the dialog's work is kept
    notice = window.view("rectifications").notice_dialog
    notice.close()

    # 2. Close it (findings service), check again from the same dialog, start the acceptance.
    close_rectification(store, rid)
    dlg.recheck_btn.click()
    qtbot.waitUntil(lambda: dlg.table.isHidden() and dlg.ok.isEnabled(), timeout=10000)  # nothing blocks now
    dlg.held_on.clear()
    qtbot.keyClicks(dlg.held_on, DAY.isoformat())
    dlg.ok.click()
    qtbot.waitUntil(lambda: view.page.detail is not None, timeout=10000)
    assert view.page.detail.location == "南关街小区活动室"
    page = view.page
    aid = page.acceptance_id
    assert page.detail.blockers == () and page.detail.row.held_on == DAY
    assert "草稿" in page.signing.banner.text()

    # 3. One attendee through the dialog, the rest through the service; each signs on the pad.
    def fill_attendee(dlg) -> None:
        form = dlg.form
        role = form.editors["role"]
        role.setCurrentIndex(role.findText("施工单位"))
        role.activated.emit(role.currentIndex())
        type_text(qtbot, form.editors["person_name"], "张项目")
        type_text(qtbot, form.editors["phone"], "0971-1234567")
        op = form.editors["opinion"]
        op.setCurrentIndex(op.findText("合格"))
        button(dlg, "保存").click()

    modals.expect(fill_attendee)
    view.page.attendees.add_btn.click()
    modals.wait_done()
    qtbot.waitUntil(lambda: page.attendees.model.rowCount() == 1)
    qtmodeltester.check(page.attendees.model)
    for role, org, person in [r for r in ROLES if r[0] not in ("施工单位", "业主代表")]:
        _sid, ch = signatures.add_signatory(store, record_kind="acceptance", record_id=aid, role=role,
                                            organisation=org, person_name=person, opinion="合格")
        ctx.bus.announce(ch)
    present = len(ROLES) - 1  # all required roles but the 业主代表
    qtbot.waitUntil(lambda: page.attendees.model.rowCount() == present)
    for row in range(present):
        page.attendees.table.setCurrentIndex(page.attendees.proxy.index(row, 0))
        modals.expect(sign_in_dialog)
        qtbot.mouseClick(page.attendees.sign_btn, Qt.MouseButton.LeftButton)
        modals.wait_done()
        wait_idle()
        qtbot.waitUntil(lambda r=row: bool(page.attendees.model.rows) and sum(x.signed for x in page.attendees.model.rows) == r + 1)
    strokes = signatures.list_signatories(store, record_kind="acceptance", record_id=aid)
    assert all(s.signature_sha256 and store.blobs.exists(s.signature_sha256) for s in strokes)

    # 4. Conclusion through the form; signing is refused while 业委会/业主代表 is missing (RF-33).
    combo: QComboBox = page.form.editors["conclusion"]
    combo.setCurrentIndex(combo.findText("合格"))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: page.detail.row.conclusion == "合格", timeout=10000)
    warned = []
    modals.expect(lambda box: (warned.append(box.text()), box.done(0)))
    page.signing.sign_btn.click()
    modals.wait_done()
    assert "缺少必需的验收方签字" in warned[0] and "业主委员会或业主代表" in warned[0]
    assert "RF-33" not in warned[0]  # plain words for the inspector; codes are for the office
    assert not acc.get_acceptance(store, aid).locked

    sid, ch = signatures.add_signatory(store, record_kind="acceptance", record_id=aid, role="业主代表",
                                       organisation="3号楼", person_name="陈业主", opinion="合格")
    ctx.bus.announce(ch)
    qtbot.waitUntil(lambda: page.attendees.model.rowCount() == len(ROLES))
    page.attendees.select(sid)
    modals.expect(sign_in_dialog)
    page.attendees.sign_btn.click()
    modals.wait_done()
    wait_idle()
    qtbot.waitUntil(lambda: all(x.signed for x in page.attendees.model.rows))

    # 5. Sign: first use creates the key (passphrase twice), then the passphrase to sign.
    modals.expect(lambda box: button(box, "创建证书").click(), enter_passphrase(confirm=True),
                  enter_passphrase(confirm=False))
    page.signing.sign_btn.click()
    modals.wait_done()
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.locked, timeout=30000)
    assert "已签署锁定" in page.signing.banner.text() and "测试监督员" in page.signing.banner.text()
    assert not page.form.editors["conclusion"].isEnabled() and not page.form.editors["problems"].isEnabled()
    assert not page.attendees.add_btn.isEnabled() and not page.attendees.sign_btn.isEnabled()
    assert not page.signing.sign_btn.isEnabled() and page.signing.save_btn.isEnabled()
    assert not page.counts[("subunits", "total")].isEnabled()
    with pytest.raises(RecordLockedError):
        acc.update_acceptance(store, acceptance_id=aid, values={"problems": "改"})
    out = tmp_path / "signed.pdf"
    page.signing.save_pdf(str(out))
    qtbot.waitUntil(out.exists, timeout=10000)
    result = recs.verify(store, out)
    assert result.intact and result.matches_store and result.record_id == aid

    # 6. 创建更正版本: a new draft referring to the original, which stays signed.
    modals.expect(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    page.signing.correct_btn.click()
    modals.wait_done()
    qtbot.waitUntil(lambda: page.detail is not None and page.acceptance_id != aid and page.detail.amends_id == aid,
                    timeout=10000)
    assert page.form.editors["problems"].isEnabled() and "更正" in page.signing.banner.text()
    assert acc.get_acceptance(store, aid).locked

    # 7. Handover on the signed, passing acceptance.
    view.tabs.setCurrentIndex(1)
    view.new_hand_btn.click()
    qtbot.waitUntil(lambda: view.hpage.detail is not None, timeout=10000)
    hp = view.hpage
    assert hp.detail.acceptance_id == aid and [x.role for x in hp.detail.signatories] == ["移交方", "接收方", "见证方"]
    model, table = hp.lists["facilities"]
    qtmodeltester.check(model)
    hp.findChild(QPushButton, "facilities_add").click()
    model.setData(model.index(0, 0), "楼道声控灯")
    model.setData(model.index(0, 2), "48盏")
    qtbot.waitUntil(lambda: bool(hp.detail is not None and hp.detail.facilities
                                 and hp.detail.facilities[0].get("quantity") == "48盏"), timeout=10000)
    assert [f["name"] for f in hp.detail.facilities] == ["楼道声控灯"]


def test_override_is_recorded_from_the_dialog(qtbot, ctx, store, window):
    pid = make_project(store)
    rid = open_rectification(store, pid)
    ctx.bus.announce(acc.Changes.of("projects"))
    qtbot.waitUntil(lambda: window.view("acceptance").picker.findData(pid) >= 0)
    view = _view(qtbot, window, pid)

    qtbot.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.new_dialog is not None and view.new_dialog.isVisible(), timeout=10000)
    dlg = view.new_dialog
    assert not dlg.ok.isEnabled()
    type_text(qtbot, dlg.reason, "居民急需使用，遗留问题限期整改")
    type_text(qtbot, dlg.by, "王区长")
    assert dlg.ok.isEnabled()
    dlg.ok.click()
    qtbot.waitUntil(lambda: view.page.detail is not None, timeout=10000)
    d = view.page.detail
    assert d.override_reason == "居民急需使用，遗留问题限期整改" and d.override_by == "王区长"
    assert [b.record_id for b in d.blockers] == [rid]
    assert "越过" in view.page.pre_summary.text()
    assert view.page.blocker_model.rowCount() == 1


def test_pad_records_normalised_strokes_and_clears(qtbot):
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(600, 300)
    pad.show()
    assert pad.is_empty()
    with qtbot.waitSignal(pad.changed):
        scribble(pad)
    strokes = pad.strokes()
    assert len(strokes) == 2 and len(strokes[0]) >= 20
    assert all(0 <= x <= 1 and 0 <= y <= 1 for s in strokes for x, y, _t in s)
    assert strokes[0][-1][2] >= strokes[0][0][2]
    assert signatures.normalise_strokes(strokes)  # the service accepts what the pad records
    b = pad.box()
    assert abs(b.width() / b.height() - signatures.ASPECT) < 0.01
    pad.clear()
    assert pad.is_empty() and pad.strokes() == []
