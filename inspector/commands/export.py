"""`inspector export ledger FILE.xlsx`: the inspector's own 台账 as an Excel workbook (the same
sheets and columns as the office's export)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser("export", help="导出：台账（Excel）")
    esub = e.add_subparsers(dest="export_cmd", required=True, metavar="WHAT")
    led = esub.add_parser("ledger", help="导出本机全部项目的监督台账（.xlsx）",
                          description="导出项目、监督检查、整改通知、联合验收、红色预警各一页，另有按县区汇总页。")
    led.add_argument("file", metavar="FILE.xlsx", help="要写入的工作簿（已存在则覆盖）")
    led.set_defaults(handler=ledger)


def ledger(args: argparse.Namespace) -> int:
    from inspector.commands.common import open_store
    from inspector.services.ledger import export_ledger

    target = Path(args.file)
    if target.suffix.lower() != ".xlsx":
        print(f"错误：{target} 不是 .xlsx 文件名：请以 .xlsx 结尾", file=sys.stderr)
        return 2
    if not target.parent.is_dir():
        print(f"错误：文件夹 {target.parent} 不存在", file=sys.stderr)
        return 2
    store = open_store(args)
    try:
        totals = export_ledger(store, target)
    except OSError as exc:
        print(f"错误：无法写入 {target}：{exc.strerror or exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    counts = "，".join(f"{sheet} {sum(by.values())} 条" for sheet, by in totals.items())
    print(f"已导出台账：{target}（{counts}）")
    return 0
