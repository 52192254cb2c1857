"""Through the real widgets: add a batch and a report with the dialogs, see the red flag on the rows,
in the 风险提示 list and on the project panel, dismiss it with a reason."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QLabel, QLineEdit, QPlainTextEdit

from inspector.domain.clock import china_today
from inspector.services import projects as ps
from inspector.ui.context import AppContext, ChangeBus
from inspector.ui.ops import wait_idle
from tests.conftest import type_text

TODAY = china_today()


def ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


@pytest.fixture
def ctx(store):
    return AppContext(store=store, bus=ChangeBus())


@pytest.fixture
def pid(store):
    project_id, _ = ps.create_project(store, fields={"code": "XN-2026-001", "name": "民和巷小区改造",
                                                     "district": "城东区", "status": "在建"})
    return project_id


def count_runs(monkeypatch):  # type: ignore[no-untyped-def]
    """Every project's flags computed in this process, counted; each run waits at its start until
    `release` is set, after setting `held`. Returns (runs, held, release)."""
    import threading

    from inspector.services import redflags as rs

    runs: list[int] = []
    held, release = threading.Event(), threading.Event()
    real = rs.judge_all

    def counted(*args, **kw):  # type: ignore[no-untyped-def]
        runs.append(1)
        held.set()
        release.wait(30)
        return real(*args, **kw)

    monkeypatch.setattr(rs, "judge_all", counted)
    return runs, held, release


def fill_and_save(qtbot, dialog, values: dict[str, str], problems: list) -> None:
    """Type into the dialog's editors as a user would, then press 保存."""
    for name, text in values.items():
        editor = dialog.form.editors[name]
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findText(text))
        elif isinstance(editor, QLineEdit):
            editor.clear()
            type_text(qtbot, editor, text)
        else:
            raise AssertionError(name)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    if dialog.isVisible():  # refused: record why and get out of the modal loop
        problems.append(dialog.error.text())
        dialog.reject()


def test_add_batch_and_report_then_dismiss_flag(qtbot, qtmodeltester, ctx, pid):
    from inspector.ui.views.materials import MaterialsView
    from inspector.ui.views.redflags import RedFlagsView
    from inspector.ui.widgets.redflag_panel import RedFlagPanel

    view = MaterialsView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.project_id == pid and not view.loading)
    panel = RedFlagPanel(ctx)
    qtbot.addWidget(panel)
    panel.set_project(pid)
    qtbot.waitUntil(lambda: not panel.loading)
    flags_view = RedFlagsView(ctx)
    qtbot.addWidget(flags_view)
    flags_view.show()
    qtbot.waitUntil(lambda: not flags_view.loading)
    assert panel.model.rowCount() == 0 and flags_view.list.model.rowCount() == 0

    def activate(widget) -> None:
        widget.activateWindow()
        qtbot.waitUntil(widget.isActiveWindow)

    problems: list[str] = []
    activate(view)
    view.batch_table.setFocus()
    # A bad quantity is refused in the dialog and nothing is saved.
    QTimer.singleShot(0, lambda: fill_and_save(qtbot, view.dialog, {"material": "XPS挤塑板", "quantity": "-3",
                                                                     "unit": "m2", "entry_date": ago(40)}, problems))
    qtbot.keyClick(view.batch_table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert problems == ["未保存：进场数量不能为负数"]
    problems.clear()
    QTimer.singleShot(0, lambda: fill_and_save(
        qtbot, view.dialog, {"material": "XPS挤塑板", "spec": "50mm", "batch_no": "B0501", "quantity": "1200",
                             "unit": "m2", "entry_date": ago(40), "sampled_on": ago(38)}, problems))
    view.add_batch_btn.click()
    assert problems == []
    qtbot.waitUntil(lambda: view.batches.rowCount() == 1 and not view.loading)
    batch = view.batches.rows[0]
    assert (batch.material, batch.quantity, batch.retest) == ("XPS挤塑板", 1200.0, "未复验")
    # The new batch is selected, so the report dialog offers it; the report predates its sampling.
    assert view._current_id(view.batch_table) == batch.id
    QTimer.singleShot(0, lambda: fill_and_save(
        qtbot, view.dialog, {"agency": "青海建科检测有限公司", "report_no": "BG-2026-0815", "sampled_on": ago(38),
                             "tested_on": ago(36), "report_date": ago(39), "conclusion": "合格",
                             "verification": "扫码核对，与监管平台一致"}, problems))
    view.add_report_btn.click()
    assert problems == []
    qtbot.waitUntil(lambda: view.reports.rowCount() == 1 and not view.loading)
    report = view.reports.rows[0]
    assert report.batch_id == batch.id
    qtmodeltester.check(view.batches)
    qtmodeltester.check(view.report_proxy)

    # The flag marks both rows, shows in the 风险提示 list and on the project panel.
    qtbot.waitUntil(lambda: view.reports.index(0, 0).data() == "⚠ 1")
    assert view.batches.index(0, 0).data() == "⚠ 1"
    tip = view.reports.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "检测日期链异常" in tip and "RF-02" not in tip  # plain words; the code is the office's
    qtbot.waitUntil(lambda: flags_view.list.model.rowCount() == 1 and not flags_view.loading)
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 1 and not panel.loading)
    qtmodeltester.check(flags_view.list.model)
    (flag,) = flags_view.list.visible_rows()
    assert (flag.rule, flag.status_label, flag.project_code) == ("RF-02", "待核实", "XN-2026-001")
    assert panel.visible_rows()[0].key == flag.key

    # Dismiss it with a reason, by keyboard.
    activate(flags_view)
    flags_view.list.table.setFocus()
    flags_view.list.select(flag.id)
    assert "报告日期" in flags_view.list.detail.text()

    def give_reason() -> None:
        dlg = QApplication.activeModalWidget()
        edit = dlg.findChild(QPlainTextEdit, "reason")
        dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        assert dlg.isVisible()  # no reason: not accepted
        type_text(qtbot, edit, "笔误，原件为2026年")
        dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, give_reason)
    qtbot.keyClick(flags_view.list.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    wait_idle()
    # Hidden from the default list, shown and labelled under 全部状态 and on the panel with 显示已排除.
    qtbot.waitUntil(lambda: flags_view.list.model.rowCount() == 0 and not flags_view.loading)
    flags_view.status.setCurrentIndex(flags_view.status.findData("全部状态"))
    qtbot.waitUntil(lambda: flags_view.list.model.rowCount() == 1 and not flags_view.loading)
    (row,) = flags_view.list.visible_rows()
    assert (row.status_label, row.reason) == ("已排除", "笔误，原件为2026年")
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 0 and not panel.loading)
    panel.show_dismissed.setChecked(True)
    assert panel.visible_rows()[0].status == "dismissed"
    qtbot.waitUntil(lambda: view.reports.index(0, 0).data() == "" and not view.loading)


def test_hidden_flags_view_recomputes_once_when_shown(qtbot, ctx, store, pid, monkeypatch):
    """Edits elsewhere do not recompute the whole store's flags behind a hidden 风险提示 view; it
    catches up when shown, and a burst of changes while it computes queues one more run, not one each."""

    from inspector.services import materials as ms
    from inspector.ui.views.redflags import RedFlagsView

    runs, held, release = count_runs(monkeypatch)
    release.set()
    view = RedFlagsView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.loading and len(runs) == 1)
    view.hide()
    for n in range(3):  # batches that need a re-test and entered long ago: one flag each
        bid, changes = ms.save_batch(store, project_id=pid, today=TODAY, fields={
            "material": "XPS挤塑板", "batch_no": f"B{n}", "quantity": "10", "unit": "m2", "entry_date": ago(60)})
        ctx.bus.announce(changes)
    wait_idle()
    assert len(runs) == 1 and view.list.model.rowCount() == 0  # nothing recomputed while hidden
    view.show()
    qtbot.waitUntil(lambda: not view.loading and view.list.model.rowCount() == 3)
    assert len(runs) == 2
    held.clear()
    release.clear()
    _bid, changes = ms.save_batch(store, project_id=pid, today=TODAY, fields={
        "material": "XPS挤塑板", "batch_no": "C0", "quantity": "10", "unit": "m2", "entry_date": ago(60)})
    ctx.bus.announce(changes)
    qtbot.waitUntil(held.is_set)  # the third run is under way, the list still shows the kept flags
    assert view.list.model.rowCount() == 3 and view.loading
    for n in range(1, 3):  # while it computes: one more run, whatever the number of changes
        _bid, changes = ms.save_batch(store, project_id=pid, today=TODAY, fields={
            "material": "XPS挤塑板", "batch_no": f"C{n}", "quantity": "10", "unit": "m2", "entry_date": ago(60)})
        ctx.bus.announce(changes)
        qtbot.wait(100)  # each change's page arrives and asks for a run
    release.set()
    qtbot.waitUntil(lambda: not view.loading and view.list.model.rowCount() == 6)
    wait_idle()
    assert len(runs) == 4


def test_choosing_a_project_computes_that_projects_flags_only(qtbot, ctx, store, pid, monkeypatch):
    """At a city's scale every project's flags take a minute; one project's are read around it. A
    chosen project's flags are the kept ones while nothing changed, and computed for that project
    alone when its records did; 全部项目 computes them all again."""
    from inspector.services import materials as ms
    from inspector.services import redflags as rs
    from inspector.ui.views.redflags import RedFlagsView

    other, _ = ps.create_project(store, fields={"code": "XN-2026-002", "name": "南川东路小区改造",
                                                "district": "城中区", "status": "在建"})
    for project, n in ((pid, 1), (other, 2)):  # one flag in each: a batch long overdue for its re-test
        ms.save_batch(store, project_id=project, today=TODAY, fields={
            "material": "XPS挤塑板", "batch_no": f"B{n}", "quantity": "10", "unit": "m2", "entry_date": ago(60)})
    asked: list[str] = []
    whole, one = rs.judge_all, rs.flags_for_project
    monkeypatch.setattr(rs, "judge_all", lambda *a, **kw: asked.append("all") or whole(*a, **kw))
    monkeypatch.setattr(rs, "flags_for_project",
                        lambda store, **kw: asked.append(kw["project_id"]) or one(store, **kw))
    view = RedFlagsView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.loading and view.list.model.rowCount() == 2)
    assert view.project.select(other)
    qtbot.waitUntil(lambda: not view.loading and [r.project_id for r in view.list.visible_rows()] == [other])
    assert asked == ["all"]  # the kept flags are current: nothing computed
    _bid, changes = ms.save_batch(store, project_id=other, today=TODAY, fields={
        "material": "XPS挤塑板", "batch_no": "B3", "quantity": "10", "unit": "m2", "entry_date": ago(60)})
    ctx.bus.announce(changes)
    qtbot.waitUntil(lambda: not view.loading and view.list.model.rowCount() == 2)
    assert asked == ["all", other]
    assert {r.project_id for r in view.list.visible_rows()} == {other}
    view.project.setCurrentIndex(0)  # 全部项目
    qtbot.waitUntil(lambda: not view.loading and view.list.model.rowCount() == 3)
    assert asked == ["all", other, "all"]
    # Opening another project's flag from elsewhere (a marker, a link) while one project is chosen.
    assert view.project.select(pid)
    qtbot.waitUntil(lambda: not view.loading and {r.project_id for r in view.list.visible_rows()} == {pid})
    theirs = one(store, project_id=other)[0]
    assert view.open_record("redflag", theirs.id)
    qtbot.waitUntil(lambda: not view.loading and view.list.current_flag() is not None)
    assert view.list.current_flag().id == theirs.id


def test_every_projects_flags_say_how_far_they_are_and_stop_when_a_project_is_chosen(qtbot, ctx, store, pid,
                                                                                      monkeypatch):
    """At a city's scale every project's flags take a while: the list says how far the run is, and
    choosing one project meanwhile stops that run at its next step."""
    import threading

    from inspector.services import materials as ms
    from inspector.services import redflags as rs
    from inspector.services.changes import Cancelled
    from inspector.ui.views.redflags import RedFlagsView

    chosen = pid
    for n in range(5):
        project = pid if n == 0 else ps.create_project(store, fields={"code": f"XN-2026-01{n}", "name": f"小区{n}", "district": "城中区",
                                                                      "status": "在建"})[0]
        ms.save_batch(store, project_id=project, today=TODAY, fields={
            "material": "XPS挤塑板", "batch_no": f"B{n}", "quantity": "10", "unit": "m2", "entry_date": ago(60)})
    held, release, outcomes = threading.Event(), threading.Event(), []
    real = rs.judge_all

    def by_one(s, *, progress, **kw):  # type: ignore[no-untyped-def]
        class Held(type(progress)):  # the view's own progress, held after two steps
            def report(self, done: int, total: int, text: str = "") -> None:
                super().report(done, total, text)
                if done == 2:
                    held.set()
                    release.wait(30)

        progress.__class__ = Held
        try:
            return real(s, progress=progress, **kw)
        except Cancelled as exc:
            outcomes.append(exc)
            raise

    monkeypatch.setattr(rs, "judge_all", by_one)
    view = RedFlagsView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(held.is_set)
    empty = view.list.table.viewport().findChild(QLabel, "emptyText")
    qtbot.waitUntil(lambda: empty.text() == "正在检查全部项目的风险（已完成 22%）…")
    assert empty.isVisible() and view.list.count.text() == ""  # not "0 shown" while nothing is known yet
    assert view.project.select(chosen)
    release.set()
    qtbot.waitUntil(lambda: not view.loading and view.list.model.rowCount() == 1)
    wait_idle()
    assert len(outcomes) == 1  # the run over every project stopped at its next step
    assert [r.project_id for r in view.list.visible_rows()] == [chosen]


def test_the_view_opens_on_the_kept_flags_says_when_and_keeps_them_while_computing(qtbot, ctx, store, pid,
                                                                                     monkeypatch):
    """The kept flags are shown at once, with when they were computed; records changed, they stay on
    screen while the new ones are computed, and the count line says how far that is. A decision
    moves its flag without computing anything."""

    from inspector.domain.clock import fmt_china
    from inspector.services import materials as ms
    from inspector.services import redflag_results as rr
    from inspector.services import redflags as rs
    from inspector.ui.views.redflags import RedFlagsView

    for n in range(2):
        ms.save_batch(store, project_id=pid, today=TODAY, fields={
            "material": "XPS挤塑板", "batch_no": f"B{n}", "quantity": "10", "unit": "m2", "entry_date": ago(60)})
    kept = rr.refresh(store)  # an earlier session computed them
    runs, held, release = count_runs(monkeypatch)
    view = RedFlagsView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.loading and view.list.model.rowCount() == 2)
    assert runs == []  # current: nothing computed
    assert view.list.count.text() == f"显示 2 条，待核实 2 条 · 检查于 {fmt_china(kept.computed_at)}"

    _bid, changes = ms.save_batch(store, project_id=pid, today=TODAY, fields={
        "material": "XPS挤塑板", "batch_no": "B2", "quantity": "10", "unit": "m2", "entry_date": ago(60)})
    ctx.bus.announce(changes)
    qtbot.waitUntil(held.is_set)
    qtbot.waitUntil(lambda: "正在重新检查（已完成" in view.list.count.text())
    assert view.list.model.rowCount() == 2 and view.list.count.text().startswith("显示 2 条")  # the kept ones stay
    release.set()
    qtbot.waitUntil(lambda: not view.loading and view.list.model.rowCount() == 3)
    assert runs == [1] and "检查于" in view.list.count.text()

    flag = view.list.visible_rows()[0]
    changes = rs.decide(store, project_id=pid, flag_key=flag.key, decision="dismissed", reason="已补复验")
    ctx.bus.announce(changes)
    qtbot.waitUntil(lambda: not view.loading and view.list.model.rowCount() == 2)
    assert flag.id not in {r.id for r in view.list.visible_rows()} and runs == [1]
    assert view.list.count.text().startswith("显示 2 条，待核实 2 条")

    # Changed by another process (a command, a second window): nothing was announced here. Shown
    # again, the view asks, finds its kept flags stale and computes them again.
    view.hide()
    ms.save_batch(store, project_id=pid, today=TODAY, fields={
        "material": "XPS挤塑板", "batch_no": "B3", "quantity": "10", "unit": "m2", "entry_date": ago(60)})
    wait_idle()
    assert runs == [1]
    view.show()
    qtbot.waitUntil(lambda: not view.loading and view.list.model.rowCount() == 3)
    assert runs == [1, 1]
