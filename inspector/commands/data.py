"""`inspector demo`, `inspector list KIND`, `inspector import-projects FILE.xlsx`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# The kinds of `inspector list`, spelled out so that building the parser imports no database code
# (a test keeps this equal to inspector.services.listing.KINDS).
LIST_KINDS = ("projects", "parties", "persons", "inspections", "findings", "rectifications", "materials",
              "test-reports", "complaints", "acceptances", "handovers", "referrals", "photos")

_TABLE_NAMES = {
    "users": "监督员", "projects": "改造项目", "parties": "参建单位", "persons": "关键人员",
    "inspections": "监督检查", "findings": "问题", "rectifications": "整改通知",
    "rectification_replies": "整改回复", "material_batches": "材料批次", "test_reports": "检测报告",
    "complaints": "投诉", "public_postings": "公示", "acceptances": "联合验收", "handovers": "移交",
    "referrals": "案件线索移送", "referral_findings": "移送问题",
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
                       description="从 .xlsx 导入项目储备库（按项目编号新增或更新；没有编号列时按县区+项目名称）。"
                                   "退出码：0 全部导入；1 部分行有问题未导入；2 文件无法读取，未做任何更改。")
    p.add_argument("file", metavar="FILE.xlsx", help="项目储备库工作簿")
    p.add_argument("--dry-run", action="store_true", help="只预览每行将如何处理（新增、更新、不导入及原因），不写入")
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
    from inspector.commands.table import print_listing
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
    print_listing(listing, as_json=args.json)
    return 0


def import_projects(args: argparse.Namespace) -> int:
    from inspector.commands.common import open_store
    from inspector.services.errors import UserError
    from inspector.services.project_import import ACTION_LABELS, apply_plan, plan_import

    path = Path(args.file)
    store = open_store(args)
    try:
        plan = plan_import(store, path=path)
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    if not plan.has_code_column:
        print("表中没有“项目编号”列：按县区+项目名称识别已有项目，新项目自动编号。")
    if args.dry_run:
        for r in plan.rows:
            what = f"{r.code} {r.name}".strip()
            note = f" — {r.note}" if r.note else ""
            print(f"第 {r.row} 行：{ACTION_LABELS[r.action]} {what}{note}")
        print(f"预览：新增 {plan.count('create')}，更新 {plan.count('update')}，不变 {plan.count('unchanged')}，"
              f"不导入 {plan.count('refuse')}，重复行 {plan.count('duplicate')}。未写入数据库。")
        return 1 if plan.count("refuse") else 0
    report = apply_plan(store, plan)
    extra = f"，重复行 {len(report.duplicates)} 行（只导入一次）" if report.duplicates else ""
    print(f"{path.name}：新增 {report.imported} 个项目，更新 {report.updated} 个，未变 {report.unchanged} 个，"
          f"有问题的行 {len(report.errors)} 行{extra}。")
    for row, message in report.errors:
        print(f"  第 {row} 行：{message}")
    for row, message in report.duplicates:
        print(f"  第 {row} 行：重复 — {message}")
    for row, message in report.warnings:
        print(f"  第 {row} 行：提示 — {message}")
    return 1 if report.errors else 0
