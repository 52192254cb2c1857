"""`inspector forms check [PATH...]`: validate checklist files, one `FILE:ITEM: problem` line each."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("forms", help="检查表定义（forms/*.toml）")
    fsub = p.add_subparsers(dest="forms_cmd", required=True)
    c = fsub.add_parser("check", help="校验检查表文件，逐条列出错误",
                        description="校验检查表 TOML 文件。每个错误输出一行“文件:检查项: 问题”；"
                                    "有错误时退出码为 1。不给路径时校验程序自带的 forms 目录。")
    c.add_argument("paths", nargs="*", metavar="PATH", help="检查表文件或目录（默认：forms 目录）")
    c.set_defaults(handler=check)


def check(args: argparse.Namespace) -> int:
    from inspector.checklists.loader import RENOVATION_FILE, check_paths, checklist_files
    from inspector.checklists.renovation import load_renovation_file
    from inspector.paths import forms_dir

    paths = [Path(p) for p in args.paths] or [forms_dir()]
    # The renovation catalogue has its own validator; it is checked when its directory is given or
    # when it is named, against the checklists of its own directory.
    catalogues = [p / RENOVATION_FILE for p in paths if p.is_dir() and (p / RENOVATION_FILE).exists()]
    catalogues += [p for p in paths if p.name == RENOVATION_FILE and not p.is_dir()]
    checklists, problems = check_paths([p for p in paths if p.is_dir() or p.name != RENOVATION_FILE])
    n_renovation = 0
    for cat_path in catalogues:
        siblings, _ = check_paths(checklist_files(cat_path.parent)) if cat_path.parent.is_dir() else ([], [])
        cat, found = load_renovation_file(cat_path, checklists=siblings)
        problems.extend(found)
        n_renovation += len(cat.items) if cat else 0
    years: list[int] = []
    # The citation table and the holiday calendar of each folder checked: every item's basis is
    # read against the table; working-day rules count on the calendar.
    for folder in [p for p in paths if p.is_dir()]:
        problems.extend(_folder_extras(folder, years))
    for p in problems:
        print(p)
    if problems:
        print(f"共 {len(problems)} 个错误。")
        return 1
    n_items = sum(len(c.items) for c in checklists)
    extra = f"；改造内容 {n_renovation} 项" if catalogues else ""
    if years:
        extra += f"；节假日日历 {'、'.join(str(y) for y in sorted(years))} 年"
    print(f"{len(checklists)} 个检查表，共 {n_items} 项，全部有效{extra}")
    return 0


def _folder_extras(folder: Path, years: list[int]) -> list:
    from inspector.checklists.calendar import load_calendar
    from inspector.checklists.citations import CITATIONS_FILE, load_table
    from inspector.checklists.loader import Problem

    found: list = []
    table = folder / CITATIONS_FILE
    if table.exists():
        found += [Problem(str(table), "-", msg.split(": ", 1)[-1]) for msg in load_table(table)[1]]
    calendar, cal_problems = load_calendar(folder)
    found += cal_problems
    years.extend(calendar.years)
    return found
