"""Every item model the app shows — each list, the checklist tree, the photo grid, the handover
lists, the proxies in front of them — passes qtmodeltester, filled with the demo data."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel

from inspector.services.projects import list_projects
from inspector.ui.views.registry import VIEWS
from tests.ui.conftest import settle


def _ours(model: QAbstractItemModel) -> bool:
    return type(model).__module__.startswith("inspector.")


def test_every_item_model_is_well_behaved(qtbot, qtmodeltester, demo_window):
    win = demo_window
    store = win.ctx.store
    pid = next(p.id for p in list_projects(store) if "CZ-01" in p.code)
    roots = [win]
    for key, _label, _t in VIEWS:
        view = win.show_view(key)
        settle(qtbot, 150)
        if key in ("materials", "complaints"):
            view.project.select(pid)
        if key == "projects":
            view.open_record("project", pid)
        if key == "inspections":
            row = next(r for r in view.model.rows if r.findings)
            view.open_inspection(row.id)
            for tab in range(view.editor.tabs.count()):
                view.editor.tabs.setCurrentIndex(tab)
                settle(qtbot, 60)
        if key == "rectifications":
            view.set_quick_filter(0)
            dialog = view.open_notice(view.model.rows[0].id)
            qtbot.addWidget(dialog)
            roots.append(dialog)
        if key == "acceptance":
            from inspector.services import acceptance as acc

            with_acc = next(p.id for p in list_projects(store) if acc.list_acceptances(store, project_id=p.id))
            view.picker.select(with_acc)
            qtbot.waitUntil(lambda v=view: v.acc_model.rowCount() > 0, timeout=10000)
            view.acc_table.setCurrentIndex(view.acc_table.model().index(0, 0))
            qtbot.waitUntil(lambda v=view: v.page.detail is not None, timeout=10000)
        settle(qtbot)
    models = {id(m): m for root in roots for m in root.findChildren(QAbstractItemModel) if _ours(m)}
    kinds = {type(m).__name__ for m in models.values()}
    assert {"RowTableModel", "FilterProxy", "ChecklistModel", "PhotoGridModel", "ItemListModel"} <= kinds, kinds
    for model in models.values():  # empty ones too: an empty model must behave as well
        qtmodeltester.check(model)
    assert len(models) >= 20, len(models)
    assert sum(m.rowCount() > 0 for m in models.values()) >= 10  # most were checked with rows in them
