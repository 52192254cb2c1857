"""One time zone everywhere: a time stored in UTC is shown in China time in the editor, the list
and the PDF alike, and edited back to the same UTC instant, whatever zone the laptop is set to."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest
from PySide6.QtCore import Qt

from inspector.domain.clock import fmt_china
from inspector.services import inspections as svc
from inspector.services.projects import create_project
from inspector.ui.context import AppContext, ChangeBus
from tests.ui.conftest import settle

# 21:46 UTC is 05:46 the next morning in Xining.
STARTED = dt.datetime(2026, 12, 1, 21, 46, tzinfo=dt.UTC)


@pytest.fixture(params=["UTC", "America/New_York"])
def laptop_zone(request, monkeypatch):
    """The laptop's own zone must not matter."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.delenv("TZ", raising=False)
    time.tzset()


def test_editor_and_list_show_the_same_china_time(qtbot, store, registry, laptop_zone):
    from inspector.ui.views.inspections import InspectionsView

    pid, _ = create_project(store, fields={"code": "XN-2026-T01", "name": "时区测试小区", "district": "城中区",
                                           "status": "在建"})
    iid, _ = svc.start_inspection(store, project_id=pid, kind="日常巡查",
                                  checklists=[registry.checklists["site-patrol"]], started_at=STARTED)
    view = InspectionsView(AppContext(store=store, bus=ChangeBus(), checklists=registry))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)  # the list's page comes off the UI thread
    listed = view.proxy.index(0, 3).data()
    assert listed == "2026-12-02 05:46" == fmt_china(STARTED)
    view.table.setFocus()
    view.table.setCurrentIndex(view.proxy.index(0, 0))
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # opens the inspection
    editor = view.editor
    assert editor.started.dateTime().toString("yyyy-MM-dd HH:mm") == "2026-12-02 05:46"
    # The inspector corrects the time to 06:10 (China): stored as 22:10 UTC the day before.
    editor.tabs.setCurrentIndex(0)
    editor.started.setFocus()
    editor.started.setDateTime(editor.started.dateTime().addSecs(24 * 60))
    editor.flush(wait=True)
    settle(qtbot)
    stored = svc.get_inspection(store, iid).header["started_at"]
    assert stored.replace(tzinfo=stored.tzinfo or dt.UTC) == STARTED + dt.timedelta(minutes=24)
    assert os.environ.get("TZ") == laptop_zone


def test_a_notice_is_dated_by_china_date(store, registry):
    from inspector.domain.clock import china_today
    from inspector.services import findings as fsvc

    pid, _ = create_project(store, fields={"code": "XN-2026-T02", "name": "通知日期测试", "district": "城中区",
                                           "status": "在建"})
    iid, _ = svc.start_inspection(store, project_id=pid, kind="日常巡查",
                                  checklists=[registry.checklists["site-patrol"]])
    from inspector.services.projects import save_party

    save_party(store, project_id=pid, fields={"role": "施工单位", "name": "青海某建设工程有限公司"})
    fsvc.add_finding(store, project_id=pid, inspection_id=iid, description="脚手架连墙件缺失")
    rid, _ = fsvc.issue_notice(store, inspection_id=iid)
    assert fsvc.get_rectification(store, rid).row.issued_on == china_today()
