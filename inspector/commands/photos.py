"""`inspector photos import --to KIND:ID FILE...`: headless photo import, one JSON line per file."""

from __future__ import annotations

import argparse
import json
import sys

# Record kinds the command accepts (the service accepts every PHOTO_TARGETS kind).
CLI_KINDS = ("inspection", "finding", "rectification", "complaint", "acceptance")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("photos", help="照片证据")
    psub = p.add_subparsers(dest="photos_cmd", required=True)
    imp = psub.add_parser(
        "import", help="导入照片并关联到记录",
        description="导入照片（文件或文件夹）并关联到记录；每个文件输出一行 JSON。",
    )
    imp.add_argument("--to", required=True, metavar="KIND:ID",
                     help=f"关联到的记录，KIND 为 {'、'.join(CLI_KINDS)} 之一")
    imp.add_argument("--item", default="", metavar="ITEM", help="检查项编号（可选）")
    imp.add_argument("files", nargs="+", metavar="FILE", help="照片文件或文件夹")
    imp.epilog = "退出码：0 至少导入或关联了一张照片；1 没有可导入的文件、全部被拒绝或被取消；2 目标记录有误。"
    imp.set_defaults(handler=import_cmd)


def import_cmd(args: argparse.Namespace) -> int:
    kind, sep, target_id = args.to.partition(":")
    if not sep or kind not in CLI_KINDS or not target_id:
        print(f"错误：--to 应为 KIND:ID，KIND 为 {'、'.join(CLI_KINDS)} 之一（收到 {args.to!r}）",
              file=sys.stderr)
        return 2

    from inspector.commands.common import open_store
    from inspector.services import photos as svc
    from inspector.services.errors import UserError

    store = open_store(args)
    try:
        try:
            svc.check_target(store, target_kind=kind, target_id=target_id)
        except UserError as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return 2
        # Each line is printed as its file is committed, so a killed run shows what it finished.
        try:
            results = svc.import_paths(
                store, paths=args.files, target_kind=kind, target_id=target_id, item_id=args.item,
                on_result=lambda r: print(json.dumps(r.to_json(), ensure_ascii=False), flush=True),
            )
        except UserError as exc:  # nothing to import at all
            print(f"错误：{exc}", file=sys.stderr)
            return 1
    finally:
        store.close()
    if svc.nothing_imported(results):
        print(f"错误：没有导入任何照片：{len(results)} 个文件都未能导入（原因见各行 reason）。", file=sys.stderr)
        return 1
    return 0 if all(r.status != svc.CANCELLED for r in results) else 1
