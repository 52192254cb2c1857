"""`inspector audit verify`: check every device's audit chain and every signed record."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="审计日志")
    asub = p.add_subparsers(dest="audit_cmd", required=True)
    v = asub.add_parser("verify", help="校验各设备审计日志的哈希链，以及每份已签署记录的内容")
    v.set_defaults(handler=verify)


def verify(args: argparse.Namespace) -> int:
    from inspector.commands.common import open_store
    from inspector.services.integrity import check_store

    store = open_store(args, read_only_ok=True)
    report = check_store(store)
    for chain in report.chains:
        who = "本机" if chain.device_id == store.device_id else "设备"
        if chain.ok:
            anchored = f"，监督站已确认至第 {chain.anchored_seq} 条" if chain.anchored_seq else "，尚未与监督站同步确认"
            print(f"审计日志完整（{who} {chain.device_id[:8]}）：{chain.events} 条记录，哈希链校验通过{anchored}。")
        else:
            print(f"审计日志被破坏（{who} {chain.device_id[:8]}）：第一处断点在序号 {chain.broken_at}。{chain.reason}")
    print(f"已签署记录：{report.records_checked} 份" + ("，内容与签署时一致。" if not report.record_problems else "。"))
    for p in report.record_problems:
        print(f"  {p.label} {p.record_no}（{p.record_id}）：{p.problem}")
    if not report.chains_ok and not any(not c.ok for c in report.chains):
        print("审计日志为空。")
    return 0 if report.ok else 1
