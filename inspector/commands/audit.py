"""`inspector audit verify`: check the hash-chained audit log."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="审计日志")
    asub = p.add_subparsers(dest="audit_cmd", required=True)
    v = asub.add_parser("verify", help="校验审计日志的哈希链")
    v.set_defaults(handler=verify)


def verify(args: argparse.Namespace) -> int:
    from inspector.commands.common import open_store
    from inspector.store.audit import verify_chain

    store = open_store(args)
    with store.read() as s:
        report = verify_chain(s)
    if report.ok:
        print(f"审计日志完整：{report.events} 条记录，哈希链校验通过。")
        return 0
    print(f"审计日志被破坏：第一处断点在序号 {report.broken_at}。{report.reason}")
    return 1
