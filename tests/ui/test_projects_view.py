"""The project register, driven through its real widgets like an inspector would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

from inspector.domain import Project
from inspector.domain.rules.validation import credit_code_check_char
from inspector.services import projects as svc
from inspector.ui.context import AppContext, ChangeBus
from inspector.ui.ops import wait_idle
from tests.conftest import type_text, when_modal


def _code(prefix17: str) -> str:
    return prefix17 + credit_code_check_char(prefix17)


@pytest.fixture
def ctx(store):
    return AppContext(store=store, bus=ChangeBus())


@pytest.fixture
def seeded(store):
    ids = {}
    for code, name, district, status, year, contractor, pm in [
        ("XN-2026-001", "城东区民和巷小区改造", "城东区", "在建", 2026, "青海宏远建设工程有限公司", "马建国"),
        ("XN-2026-002", "城中区南关街小区改造", "城中区", "计划", 2026, "西宁城建集团有限公司", "李海平"),
        ("XN-2025-014", "城西区胜利路小区改造", "城西区", "已验收", 2025, "青海宏远建设工程有限公司", "王文斌"),
    ]:
        pid, _ = svc.create_project(store, fields={"code": code, "name": name, "district": district,
                                                   "status": status, "plan_year": str(year),
                                                   "address": f"{district}{name[3:6]}路1号"})
        party_id, _ = svc.save_party(store, project_id=pid, fields={"role": "施工单位", "name": contractor})
        svc.save_person(store, project_id=pid, party_id=party_id, fields={"role": "项目负责人", "name": pm})
        ids[code] = pid
    return ids


@pytest.fixture
def view(qtbot, ctx, seeded):
    from inspector.ui.views.projects import ProjectsView

    v = ProjectsView(ctx)
    qtbot.addWidget(v)
    v.show()
    qtbot.waitUntil(lambda: v.model.rowCount() == 3 and not v.loading)
    return v


def _visible_codes(v) -> list[str]:
    return sorted(v.proxy.index(r, 0).data() for r in range(v.proxy.rowCount()))


def test_register_model_is_well_behaved(qtmodeltester, view):
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)


def test_search_by_name_code_address_party_and_person(qtbot, view):
    for text, expected in [("南关", ["XN-2026-002"]), ("xn-2025", ["XN-2025-014"]),
                           ("宏远", ["XN-2025-014", "XN-2026-001"]), ("马建国", ["XN-2026-001"]),
                           ("宏远 胜利", ["XN-2025-014"]), ("不存在的小区", [])]:
        view.search.clear()
        type_text(qtbot, view.search, text)
        qtbot.waitUntil(lambda e=expected: _visible_codes(view) == e, timeout=2000)
    assert "共 0 个项目" in view.count.text()


def test_filters_by_district_status_and_year(qtbot, view):
    """Each filter is one query to the store, answered off the GUI thread."""
    view.district.setCurrentIndex(view.district.findData("城东区"))
    qtbot.waitUntil(lambda: _visible_codes(view) == ["XN-2026-001"])
    view.district.setCurrentIndex(0)
    view.status.setCurrentIndex(view.status.findData("已验收"))
    qtbot.waitUntil(lambda: _visible_codes(view) == ["XN-2025-014"])
    view.status.setCurrentIndex(0)
    view.year.setCurrentIndex(view.year.findData(2026))
    qtbot.waitUntil(lambda: _visible_codes(view) == ["XN-2026-001", "XN-2026-002"])
    assert "共 2 个项目" in view.count.text()


def _open(qtbot, view, pid):
    assert view.open_record("project", pid)
    qtbot.waitUntil(lambda: view.page.project_id == pid)


def _type_into(qtbot, page, name, text):
    editor = page.basic.editors.get(name) or page.funding.editors[name]
    editor.setFocus()
    editor.selectAll()
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_edit_saves_at_once_and_undo_redo(qtbot, view, store, seeded):
    pid = seeded["XN-2026-001"]
    _open(qtbot, view, pid)
    page = view.page
    with qtbot.waitSignal(page.saved, timeout=5000):
        _type_into(qtbot, page, "households", "318")
    with store.read() as s:
        assert s.get(Project, pid).households == 318
    with qtbot.waitSignal(page.saved, timeout=5000):
        _type_into(qtbot, page, "street", "八一路街道")

    with qtbot.waitSignal(page.saved, timeout=5000):
        page.undo_action.trigger()  # undo the street
    with qtbot.waitSignal(page.saved, timeout=5000):
        page.undo_action.trigger()  # undo the households
    with store.read() as s:
        p = s.get(Project, pid)
        assert p.households is None and p.street == ""
    assert page.basic.editors["households"].text() == ""

    with qtbot.waitSignal(page.saved, timeout=5000):
        page.redo_action.trigger()
    with store.read() as s:
        assert s.get(Project, pid).households == 318


@pytest.mark.parametrize("field,text,message", [
    ("households", "-12", "户数不能为负数"),
    ("households", "十二", "户数应为整数"),
    ("year_built", "1700", "建成年代应在"),
])
def test_invalid_input_is_refused_and_nothing_saved(qtbot, view, store, seeded, field, text, message):
    pid = seeded["XN-2026-002"]
    _open(qtbot, view, pid)
    with store.read() as s:
        before = s.get(Project, pid).rev
    with qtbot.waitSignal(view.page.refused, timeout=5000) as blocker:
        _type_into(qtbot, view.page, field, text)
    assert message in blocker.args[1]
    label = view.page.basic.errors[field]
    assert label.isVisible() and message in label.text()
    assert view.page.basic.editors[field].text() == ""  # shows what is stored, not the refused text
    with store.read() as s:
        assert s.get(Project, pid).rev == before
    assert view.page.undo_stack.count() == 0


def test_finish_before_start_is_refused(qtbot, view, store, seeded):
    pid = seeded["XN-2026-001"]
    _open(qtbot, view, pid)
    view.page.tabs.setCurrentIndex(1)
    with qtbot.waitSignal(view.page.saved, timeout=5000):
        _type_into(qtbot, view.page, "start_date", "2026-05-10")
    with qtbot.waitSignal(view.page.refused, timeout=5000) as blocker:
        _type_into(qtbot, view.page, "finish_date", "2026-04-01")
    assert "竣工日期（2026-04-01）不能早于开工日期（2026-05-10）" in blocker.args[1]
    with store.read() as s:
        assert s.get(Project, pid).finish_date is None


def test_party_with_bad_credit_code_is_refused_then_saved(qtbot, view, store, seeded):
    pid = seeded["XN-2026-002"]
    _open(qtbot, view, pid)
    view.page.tabs.setCurrentWidget(view.page.parties)
    good = _code("91630100MA7XYW12K")
    seen = {}

    def fill(dlg):
        form = dlg.form
        form.editors["role"].setCurrentIndex(form.editors["role"].findText("监理单位"))
        form.editors["name"].setText("青海正衡工程监理有限公司")
        form.editors["credit_code"].setText(good[:17] + ("0" if good[17] != "0" else "1"))
        save = [b for b in dlg.findChildren(QPushButton) if b.text() == "保存"][0]
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        seen["error"] = form.errors["credit_code"].text()
        seen["still_open"] = dlg.isVisible()
        form.editors["credit_code"].setText(good)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    done = when_modal(fill)
    qtbot.mouseClick(view.page.parties.add_btn, Qt.MouseButton.LeftButton)
    assert done
    assert "校验位不正确" in seen["error"] and seen["still_open"]
    qtbot.waitUntil(lambda: any(r.name == "青海正衡工程监理有限公司" for r in view.page.parties.model.rows))
    with store.read() as s:
        from inspector.domain import Party

        codes = [p.credit_code for p in s.query(Party).filter_by(project_id=pid)]
    assert good in codes and len(codes) == 2


def test_keyboard_new_search_close(qtbot, view, store):
    window = view.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    def fill(dlg):
        dlg.form.editors["code"].setText("XN-2026-099")
        dlg.form.editors["name"].setText("城北区小桥小区改造")
        dlg.form.editors["district"].setCurrentIndex(dlg.form.editors["district"].findText("城北区"))
        dlg.try_save()

    done = when_modal(fill)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert done
    qtbot.waitUntil(lambda: view.page.title.text().startswith("XN-2026-099"), timeout=5000)
    window.activateWindow()  # the user is back in the main window after the dialog
    qtbot.waitUntil(window.isActiveWindow)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert view.page.project_id is None
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(QApplication.focusWidget(), QLineEdit) and QApplication.focusWidget() is view.search


def test_import_reserve_sheet_from_the_register(qtbot, view, ctx, store, tmp_path):
    """导入储备库…: the sheet is read and checked first and shown as a preview (nothing written);
    导入 writes it and the register shows the new projects; the same sheet again changes nothing."""
    from inspector.ui.views.project_import_dialog import ImportPreviewDialog, run_import
    from tests.conftest import REPO

    sample = REPO / "tests" / "fixtures" / "reserve-sample.xlsx"
    before = view.model.rowCount()
    with qtbot.waitSignal(run_import(ctx, view, path=str(sample)).finished, timeout=20000):
        pass
    preview = view._import_preview
    assert isinstance(preview, ImportPreviewDialog) and preview.isVisible()
    assert "将新增 8 个项目" in preview.summary.text() and "6 行不导入" in preview.summary.text()
    assert preview.proxy.rowCount() == 14
    preview.grab().save(str(tmp_path / "import-preview.png"))
    # Only the refused rows, with their reasons.
    preview.filter_group.button(1).click()
    assert preview.proxy.rowCount() == 6
    reasons = [preview.proxy.index(r, 5).data() for r in range(6)]
    assert any("户数不能为负数" in r for r in reasons) and any("乐都区" in r for r in reasons)
    with store.read() as s:
        assert s.query(Project).count() == before  # the preview wrote nothing
    with qtbot.waitSignal(preview.imported, timeout=20000) as done:
        qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    assert done.args[0].imported == 8
    qtbot.waitUntil(lambda: view.model.rowCount() == before + 8, timeout=5000)
    report = view._import_report
    assert "新增 8 个项目" in report.summary.text()
    rows = [int(report.table.item(i, 0).text()) for i in range(report.table.rowCount())]
    assert rows == [11, 12, 13, 14, 15, 16]  # sheet row numbers, after the title and header rows
    report.close()

    with qtbot.waitSignal(run_import(ctx, view, path=str(sample)).finished, timeout=20000):
        pass
    again = view._import_preview
    assert again is not preview and "将新增 0 个项目，更新 0 个，8 个不变" in again.summary.text()
    assert not again.import_button.isEnabled() and again.import_button.text() == "没有可导入的项目"
    again.reject()
    view.reload()
    qtbot.waitUntil(lambda: not view.loading)
    assert view.model.rowCount() == before + 8


def test_import_preview_of_an_office_sheet_and_cancel_writes_nothing(qtbot, view, ctx, store, tmp_path):
    from inspector.ui.views.project_import_dialog import run_import
    from tests.data.office_sheets import office_sheet

    path = office_sheet(tmp_path / "储备清单.xlsx")
    with qtbot.waitSignal(run_import(ctx, view, path=str(path)).finished, timeout=20000):
        pass
    preview = view._import_preview
    assert "表中没有“项目编号”列" in preview.notes.text()
    texts = [[preview.proxy.index(r, c).data() for c in range(6)] for r in range(preview.proxy.rowCount())]
    assert [t[1] for t in texts] == ["新增"] * 5 + ["重复行"]
    assert texts[4][5].startswith("自动编号 CZ-AUTO-") and "建成年代“八十年代”不是年份" in texts[4][5]
    preview.filter_group.button(4).click()  # 有提示
    assert preview.proxy.rowCount() == 1
    preview.filter_group.button(0).click()
    preview.resize(1100, 420)
    preview.grab().save(str(tmp_path / "office-preview.png"))
    preview.reject()
    wait_idle()
    with store.read() as s:
        assert s.query(Project).count() == 3  # the seeded ones only


def _titles_shown(page) -> list[str]:
    """Every title the page shows from now on (the page sets it through this label's setText)."""
    shown: list[str] = []
    set_text = page.title.setText
    page.title.setText = lambda text: (shown.append(text), set_text(text))
    return shown


def test_walking_the_register_ends_on_the_last_project_and_never_shows_an_older_one(qtbot, view, seeded):
    """The page reads each project off the GUI thread: arrowing down the list asks for each, and only
    the last one asked for is shown, whatever order the store's answers land in."""
    page = view.page
    first = view.model.row_at(0).id
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: page.project_id == first and not page.loading)
    shown = _titles_shown(page)
    view.table.setFocus()
    for _ in range(2):
        qtbot.keyClick(view.table, Qt.Key.Key_Down)
    last = view.model.row_at(2)
    assert page.wanted_id == last.id and page.loading
    assert page.project_id == first and page.isEnabled()  # the shown project stays until the next lands
    qtbot.waitUntil(lambda: page.project_id == last.id and not page.loading)
    wait_idle(10000)
    qtbot.wait(50)  # an older answer landing now must change nothing
    assert page.detail.id == last.id and page.basic.editors["name"].text() == last.name
    assert shown and all(t.startswith(last.code) for t in shown), shown
    # Back and forth faster than the store answers: the page ends where the inspector stopped.
    for pid in (seeded["XN-2026-001"], seeded["XN-2026-002"], seeded["XN-2025-014"], seeded["XN-2026-002"]):
        page.load(pid)
    qtbot.waitUntil(lambda: not page.loading)
    wait_idle(10000)
    qtbot.wait(50)
    assert page.project_id == seeded["XN-2026-002"] and page.title.text().startswith("XN-2026-002")


def test_red_flags_are_asked_for_when_their_tab_is_shown(qtbot, view, seeded):
    page = view.page
    page.load(seeded["XN-2026-001"])
    qtbot.waitUntil(lambda: page.project_id == seeded["XN-2026-001"] and not page.loading)
    assert page.redflags.project_id == ""  # not on the 风险提示 tab: nothing asked of the store
    page.tabs.setCurrentWidget(page.redflags)
    assert page.redflags.project_id == seeded["XN-2026-001"]
    page.load(seeded["XN-2026-002"])  # on the tab: each project shown asks for its own
    qtbot.waitUntil(lambda: page.redflags.project_id == seeded["XN-2026-002"])
    qtbot.waitUntil(lambda: not page.redflags.loading)


def test_a_project_deleted_meanwhile_leaves_the_page_empty_with_why(qtbot, view, store, seeded):
    page = view.page
    pid = seeded["XN-2026-002"]
    with store.write() as s:
        s.get(Project, pid).deleted = True
    page.load(pid)
    qtbot.waitUntil(lambda: not page.loading)
    assert page.project_id is None and page.detail is None and not page.isEnabled()
    assert page.message.text()
