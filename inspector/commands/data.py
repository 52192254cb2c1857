"""`inspector demo`, `inspector list KIND`, `inspector import-projects FILE.xlsx`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# The kinds of `inspector list`, spelled out so that building the parser imports no database code
# (a test keeps this equal to inspector.services.listing.KINDS).
LIST_KINDS = ("projects", "parties", "persons", "inspections", "findings", "rectifications", "materials",
              "test-reports", "complaints", "acceptances", "handovers", "photos")

_TABLE_NAMES = {
    "users": "监督员", "projects": "改造项目", "parties": "参建单位", "persons": "关键人员",
    "inspections": "监督检查", "findings": "问题", "rectifications": "整改通知",
    "rectification_replies": "整改回复", "material_batches": "材料批次", "test_reports": "检测报告",
    "complaints": "投诉", "public_postings": "公示", "acceptances": "联合验收", "handovers": "移交",
    "signatories": "签字人",
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="向数据库写入演示数据（已存在则不重复写入）")
    p.set_defaults(handler=demo)

    p = sub.add_parser("list", help="列出某类记录",
                       description=f"列出某类记录。KIND 可为：{'、'.join(LIST_KINDS)}")
    p.add_argument("kind", metavar="KIND", help="记录类型：" + ", ".join(LIST_KINDS))
    p.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象（日期为 ISO 格式）")
    p.set_defaults(handler=list_kind)

    p = sub.add_parser("import-projects", help="从 .xlsx 导入项目储备库",
                       description="从 .xlsx 导入项目储备库（按项目编号新增或更新）。退出码：0 全部导入；"
                                   "1 部分行有问题未导入；2 文件无法读取，未做任何更改。")
    p.add_argument("file", metavar="FILE.xlsx", help="项目储备库工作簿")
    p.set_defaults(handler=import_projects)


def demo(args: argparse.Namespace) -> int:
    from inspector.commands.common import open_store
    from inspector.demo import ensure_demo
    from inspector.services.errors import UserError

    store = open_store(args)
    try:
        changes = ensure_demo(store)
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    created = changes.extra.get("created", {})
    if not created:
        print("演示数据已存在，未做任何更改。")
        return 0
    print("已写入演示数据：")
    for table, count in created.items():
        print(f"  {_TABLE_NAMES.get(table, table)}：{count}")
    return 0


def list_kind(args: argparse.Namespace) -> int:
    from inspector.commands.common import open_store
    from inspector.commands.table import format_table, json_lines
    from inspector.services.errors import UserError
    from inspector.services.listing import KINDS, list_records

    if args.kind not in KINDS:
        print(f"错误：未知的记录类型“{args.kind}”。可用类型：{', '.join(KINDS)}", file=sys.stderr)
        return 2
    store = open_store(args, read_only_ok=True)
    try:
        listing = list_records(store, kind=args.kind)
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    if args.json:
        for line in json_lines(listing):
            print(line)
    else:
        print(format_table(listing))
    return 0


def import_projects(args: argparse.Namespace) -> int:
    from inspector.commands.common import open_store
    from inspector.services.errors import UserError
    from inspector.services.project_import import import_projects as run_import

    path = Path(args.file)
    store = open_store(args)
    try:
        report = run_import(store, path=path)
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    print(f"{path.name}：新增 {report.imported} 个项目，更新 {report.updated} 个，未变 {report.unchanged} 个，"
          f"有问题的行 {len(report.errors)} 行。")
    for row, message in report.errors:
        print(f"  第 {row} 行：{message}")
    return 1 if report.errors else 0
