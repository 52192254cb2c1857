"""Through the real widgets: the acceptance page marks the functional tests this project needs and
keeps the 监督人员 typed in; the handover page edits the equipment list (an elevator's 使用登记证号)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from inspector.domain import Acceptance, Project
from inspector.domain.base import utcnow
from inspector.services import acceptance as acc
from inspector.services import handover as hand
from inspector.ui.context import AppContext, ChangeBus
from inspector.ui.ops import wait_idle
from inspector.ui.views.acceptance_handover import HandoverPage
from inspector.ui.views.acceptance_page import AcceptancePage

from .helpers import DAY, add_attendees, make_project

# The roof's material test reports are not these tests' subject: the organiser records why it goes ahead.
GOES_AHEAD = {"override_reason": "防水材料复试报告在监理处核验", "override_by": "组织方"}


def _elevator_project(store) -> str:
    pid = make_project(store)
    with store.write() as s:
        p = s.get(Project, pid)
        p.renovation_items, p.elevators = ["elevator", "roof-waterproofing"], 1
    return pid


def test_required_tests_marked_and_supervisors_kept(qtbot, store) -> None:
    pid = _elevator_project(store)
    aid, _ = acc.start_acceptance(store, project_id=pid, held_on=DAY, **GOES_AHEAD)
    page = AcceptancePage(AppContext(store=store, bus=ChangeBus()))
    qtbot.addWidget(page)
    page.load(aid)
    qtbot.waitUntil(lambda: page.detail is not None, timeout=10000)
    labels = page.functional_labels
    assert labels["电梯监督检验"].text() == "电梯监督检验（本项目须做）"
    assert labels["屋面淋水/蓄水试验"].text().endswith("（本项目须做）")
    assert labels["燃气强度和严密性试验"].text() == "燃气强度和严密性试验"  # not renovated: not required
    edit = page.form.editors["supervisors"]
    edit.setText("王建国 青建监执字第0107号、李淑芬 青建监执字第0112号")
    edit.editingFinished.emit()
    wait_idle()
    qtbot.waitUntil(lambda: len(acc.get_acceptance(store, aid).supervisors) == 2, timeout=10000)
    assert acc.get_acceptance(store, aid).supervisors[1] == {"name": "李淑芬", "badge": "青建监执字第0112号"}


def test_handover_equipment_list_edited(qtbot, store) -> None:
    pid = _elevator_project(store)
    aid, _ = acc.start_acceptance(store, project_id=pid, held_on=DAY, **GOES_AHEAD)
    add_attendees(store, aid)
    acc.update_acceptance(store, acceptance_id=aid, values={"conclusion": "合格"})
    with store.write() as s:
        s.get(Acceptance, aid).locked_at = utcnow()
    hid, _ = hand.start_handover(store, project_id=pid, handed_on=DAY + dt.timedelta(days=3),
                                 receiver="南关街社区居委会")
    page = HandoverPage(AppContext(store=store, bus=ChangeBus()))
    qtbot.addWidget(page)
    page.load(hid)
    qtbot.waitUntil(lambda: page.detail is not None, timeout=10000)
    model, _table = page.lists["equipment"]
    assert model.rowCount() == 1 and model.data(model.index(0, 0)) == "电梯"
    headers = [model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
               for c in range(model.columnCount())]
    assert headers[:2] == ["名称", "型号"] and "使用登记证号" in headers
    column = [k for k, _label in model.fields].index("registration_no")
    assert model.setData(model.index(0, column), "梯11青A0001(26)")
    wait_idle()
    qtbot.waitUntil(lambda: hand.get_handover(store, hid).equipment[0]["registration_no"] == "梯11青A0001(26)",
                    timeout=10000)
    warranty, _t = page.lists["warranty_items"]
    assert {warranty.data(warranty.index(r, 0)) for r in range(warranty.rowCount())} == {"加装电梯", "屋面防水"}
