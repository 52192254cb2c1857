"""From the 风险提示 section in the real main window, opening a flag shows its record."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from inspector.domain.clock import china_today
from inspector.services import complaints as cs
from inspector.services import materials as ms
from inspector.services import projects as ps
from inspector.ui.context import AppContext, ChangeBus


def test_open_flag_subjects_from_main_window(qtbot, store):
    from inspector.ui.main_window import MainWindow

    today = china_today()
    old = (today - dt.timedelta(days=60)).isoformat()
    other, _ = ps.create_project(store, fields={"code": "XN-A", "name": "甲小区", "district": "城东区", "status": "在建"})
    pid, _ = ps.create_project(store, fields={"code": "XN-B", "name": "乙小区", "district": "城西区", "status": "在建"})
    bid, _ = ms.save_batch(store, project_id=pid, fields={"material": "镀锌钢管", "quantity": "30", "unit": "t",
                                                          "entry_date": old})
    cid, _ = cs.save_complaint(store, project_id=pid, fields={
        "received_at": f"{old} 08:00", "channel": "来访", "content": "围挡缺失", "deadline": old, "status": "待处理",
        "complainant_phone": "13900001111"})
    window = MainWindow(AppContext(store=store, bus=ChangeBus()))
    qtbot.addWidget(window)
    window.show()
    view = window.show_view("redflags")
    qtbot.waitUntil(lambda: view.list.model.rowCount() == 2 and not view.loading)
    materials = window.view("materials")
    qtbot.waitUntil(lambda: not materials.loading)
    assert materials.project_id == other  # the picker starts on another project

    flag = next(r for r in view.list.visible_rows() if r.rule == "RF-11")
    assert view.list.select(flag.id)
    view.list.table.doubleClicked.emit(view.list.table.currentIndex())
    qtbot.waitUntil(lambda: materials.project_id == pid and not materials.loading
                    and materials._current_id(materials.batch_table) == bid)
    assert window.stack.currentWidget() is materials

    window.show_view("redflags")
    flag = next(r for r in view.list.visible_rows() if r.rule == "RF-27")
    assert view.list.select(flag.id)
    view.list.open_btn.click()
    complaints = window.view("complaints")
    qtbot.waitUntil(lambda: complaints.project_id == pid and not complaints.loading
                    and complaints._current(complaints.complaint_table) is not None)
    row = complaints._current(complaints.complaint_table)
    assert row.id == cid and window.stack.currentWidget() is complaints
    shown = [complaints.complaints.index(0, c).data() for c in range(complaints.complaints.columnCount())]
    assert "139****1111" in shown
    assert complaints.complaints.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None  # flagged row
