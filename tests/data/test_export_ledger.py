"""`inspector export ledger FILE.xlsx`: the laptop's 台账 from the command line, as a real process;
a bad file name is refused with a Chinese message and writes nothing."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from tests.conftest import run_cli


def test_export_ledger_writes_a_workbook_that_opens_cleanly(demo_copy, tmp_path):
    data = demo_copy(tmp_path / "data")
    target = tmp_path / "台账.xlsx"
    proc = run_cli("export", "ledger", str(target), data_dir=data)
    assert proc.returncode == 0, proc.stderr
    assert "已导出台账" in proc.stdout and "项目 13 条" in proc.stdout
    wb = load_workbook(target)
    assert wb.sheetnames == ["项目", "监督检查", "整改通知", "联合验收", "红色预警", "按县区汇总"]
    for name in wb.sheetnames:
        ws = wb[name]
        assert ws.freeze_panes in ("A2", "B2") and all(c.value for c in ws[1]), name
    insp = wb["监督检查"]
    assert [c.value for c in insp[1]][:3] == ["记录编号", "项目编号", "项目名称"]
    times = [r[6].value for r in insp.iter_rows(min_row=2) if r[6].value is not None]
    assert times and all(isinstance(t, dt.datetime) and t.tzinfo is None for t in times)
    assert insp.cell(row=2, column=7).number_format == "yyyy-mm-dd hh:mm"
    totals = wb["按县区汇总"]
    last = [c.value for c in totals[totals.max_row]]
    assert last[0] == "合计" and last[1] == 13


def test_export_ledger_refuses_a_name_that_is_not_xlsx(demo_copy, tmp_path):
    data = demo_copy(tmp_path / "data")
    proc = run_cli("export", "ledger", str(tmp_path / "台账.txt"), data_dir=data)
    assert proc.returncode == 2 and "不是 .xlsx 文件名" in proc.stderr
    assert not (tmp_path / "台账.txt").exists()
