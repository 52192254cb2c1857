"""文件 → 导出台账 in the desktop app writes the inspector's own 台账 off the GUI thread; the file is
the office's workbook (same sheets and columns), read back with openpyxl."""

from __future__ import annotations

from openpyxl import load_workbook

from tests.ui.conftest import settle


def test_the_file_menu_exports_the_ledger_in_the_background(qtbot, demo_window, tmp_path):
    window = demo_window
    assert window.ledger_act.text() == "导出台账（Excel）…"
    assert window.ledger_act in window.menuBar().actions()[0].menu().actions()
    target = tmp_path / "台账.xlsx"
    op = window.export_ledger_to(str(target))
    with qtbot.waitSignal(op.succeeded, timeout=60000):
        pass
    settle(qtbot)
    assert "已导出台账" in window.statusBar().currentMessage()
    wb = load_workbook(target)
    assert wb.sheetnames == ["项目", "监督检查", "整改通知", "联合验收", "红色预警", "按县区汇总"]
    projects = wb["项目"]
    with demo_window.ctx.store.read() as s:
        from sqlalchemy import func, select

        from inspector.domain import Project

        n = s.scalar(select(func.count()).select_from(Project).where(Project.deleted.is_(False)))
    assert projects.max_row - 1 == n and projects.freeze_panes == "A2"
    assert wb["红色预警"].max_row > 1  # the laptop's own rules find flags in the demo
