"""`inspector trust add|list|remove`: the certificates this laptop trusts when verifying records."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    t = sub.add_parser("trust", help="信任列表：校验签名时信任的监督站证书和本机证书",
                       description="校验已签署记录时，只有本机签名证书、以及由信任列表中的监督站 CA 证书签发的证书"
                                   "才算受信任。")
    tsub = t.add_subparsers(dest="trust_cmd", required=True)
    a = tsub.add_parser("add", help="信任一个监督站证书（.pem/.crt/.cer，可含多个证书）")
    a.add_argument("cert", metavar="CERT", help="证书文件")
    a.add_argument("--note", default="", help="备注（例如从何处取得、核对人）")
    a.set_defaults(handler=add)
    ls = tsub.add_parser("list", help="列出信任的证书")
    ls.set_defaults(handler=list_cmd)
    r = tsub.add_parser("remove", help="不再信任某个证书")
    r.add_argument("fingerprint", metavar="FINGERPRINT", help="证书指纹（SHA-256，至少前 8 位）")
    r.set_defaults(handler=remove)


def _folder(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from inspector.paths import data_dir

    return data_dir(getattr(args, "data_dir", None))


def _line(c) -> str:  # type: ignore[no-untyped-def]
    kind = "CA 证书（信任其签发的所有证书）" if c.is_ca and not c.source == "own" else "签名证书"
    org = f"（{c.organisation}）" if c.organisation else ""
    expired = "  已过期" if c.expired else ""
    note = f"  备注：{c.note}" if c.note else ""
    return (f"{c.fingerprint}  {c.name}{org}  {kind}  {c.source_label}  "
            f"有效期至 {c.not_after:%Y-%m-%d}{expired}{note}")


def add(args: argparse.Namespace) -> int:
    from inspector.services import trust
    from inspector.services.errors import UserError

    try:
        added = trust.add_file(_folder(args), args.cert, note=args.note)
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    for c in added:
        print(f"已信任：{_line(c)}")
    print("请核对指纹与监督站公布的一致（电话或当面核对），以防证书被冒充。")
    return 0


def list_cmd(args: argparse.Namespace) -> int:
    from inspector.services import trust

    certs = trust.entries(_folder(args))
    if not certs:
        print("信任列表为空：只有本机签名证书签署的记录会被视为受信任。")
        return 0
    for c in certs:
        print(_line(c))
    return 0


def remove(args: argparse.Namespace) -> int:
    from inspector.services import trust
    from inspector.services.errors import UserError

    try:
        c = trust.remove(_folder(args), args.fingerprint)
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    print(f"已不再信任：{c.name}（{c.fingerprint}）")
    return 0
