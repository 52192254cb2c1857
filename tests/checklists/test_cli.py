"""`inspector forms check` as a real process: output lines and exit codes."""

from __future__ import annotations

from pathlib import Path

from tests.checklists.test_loader import GOOD
from tests.conftest import REPO, run_cli


def test_shipped_forms_are_valid() -> None:
    proc = run_cli("forms", "check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == ("7 个检查表，共 187 项，全部有效；改造内容 42 项；"
                                   "节假日日历 2023、2024、2025、2026 年")


def test_one_file(tmp_path: Path) -> None:
    proc = run_cli("forms", "check", str(REPO / "forms" / "site-patrol.toml"))
    assert (proc.returncode, proc.stdout.strip()) == (0, "1 个检查表，共 66 项，全部有效")


def test_broken_files_print_one_line_per_problem_and_exit_1(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(GOOD, encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD.replace('id = "demo"', 'id = "bad"').replace('id = "D-02"', 'id = "D-01"')
                   .replace('answer = "yes-no-na"', 'answer = "bool"'), encoding="utf-8")
    proc = run_cli("forms", "check", str(tmp_path), str(tmp_path / "missing.toml"))
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        f"{bad}:D-01: “answer” 的值 “bool” 无效（invalid answer; 可选：yes-no-na / number / text / date / choice）",
        f"{bad}:D-01: 检查项 id 重复（duplicate item id）",
        f"{tmp_path / 'missing.toml'}:-: 文件不存在（file not found）",
        "共 3 个错误。",
    ]


def test_a_broken_holiday_calendar_is_reported(tmp_path: Path) -> None:
    (tmp_path / "good.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "calendar").mkdir()
    bad = tmp_path / "calendar" / "2027.toml"
    bad.write_text('year = 2027\nsource = "通知"\nholidays = [{ name = "元旦", from = 2027-01-01, to = 2027-01-03 }]\n'
                   "workdays = [2027-01-05]\n", encoding="utf-8")
    proc = run_cli("forms", "check", str(tmp_path))
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        f"{bad}:workdays[1]: 2027-01-05 不是周六或周日，无需列为调休上班日（not a weekend day）", "共 1 个错误。"]
    bad.write_text(bad.read_text(encoding="utf-8").replace("2027-01-05", "2027-01-09"), encoding="utf-8")
    proc = run_cli("forms", "check", str(tmp_path))
    assert (proc.returncode, proc.stdout.strip()) == (0, "1 个检查表，共 2 项，全部有效；节假日日历 2027 年")
def test_deeply_nested_file_is_one_problem_and_the_run_goes_on(tmp_path: Path) -> None:
    """A TOML nested thousands deep exhausts tomllib's recursion; a few dozen deep would exhaust
    the validators'. Both are one `FILE:-: problem` line, and the next file is still checked."""
    arrays = tmp_path / "a-arrays.toml"
    arrays.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    tables = tmp_path / "b-tables.toml"
    tables.write_text("title = " + "{ x = " * 40 + "1" + " }" * 40 + "\n", encoding="utf-8")
    bad = tmp_path / "c-bad.toml"
    bad.write_text(GOOD.replace('id = "demo"', 'id = "Demo"'), encoding="utf-8")
    proc = run_cli("forms", "check", str(arrays), str(tables), str(bad))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and proc.stderr == ""
    lines = proc.stdout.splitlines()
    assert lines[0] == f"{arrays}:-: 嵌套层次过深，无法读取（nesting too deep; 检查表最多 16 层）"
    assert lines[1] == f"{tables}:-: 嵌套层次过深（nesting too deep; 检查表最多 16 层）"
    assert lines[2].startswith(f"{bad}:id: 检查表 id “Demo”") and lines[-1] == "共 3 个错误。"


def test_a_fifo_is_not_read(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe.toml")  # reading it would wait for a writer forever
    proc = run_cli("forms", "check", str(tmp_path / "pipe.toml"), timeout=60)
    assert proc.returncode == 1 and f"{tmp_path / 'pipe.toml'}:-: 不是普通文件" in proc.stdout
