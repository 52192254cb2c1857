"""`inspector report`, `inspector verify`, `inspector sign` and `inspector keys`: official records."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

KINDS = ("inspection", "rectification", "reply", "acceptance", "handover")


def register(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("report", help="导出记录 PDF（已签署的记录导出签署原件）")
    r.add_argument("kind", choices=KINDS, help="记录类型")
    r.add_argument("record_id", help="记录 ID")
    r.add_argument("--out", required=True, metavar="FILE.pdf", help="输出文件")
    r.set_defaults(handler=report)

    v = sub.add_parser("verify", help="校验已签署的 PDF：是否完整、谁签署、是否与库中记录一致")
    v.add_argument("file", metavar="FILE.pdf")
    v.add_argument("--no-store", action="store_true", help="只校验签名，不与数据库比对")
    v.set_defaults(handler=verify)

    s = sub.add_parser("sign", help="签署记录（生成 PDF、数字签名并锁定记录）")
    s.add_argument("kind", choices=KINDS)
    s.add_argument("record_id")
    s.add_argument("--passphrase-env", metavar="VAR", help="从环境变量读取证书口令（默认交互输入）")
    s.set_defaults(handler=sign)

    k = sub.add_parser("keys", help="监督员签名证书")
    ksub = k.add_subparsers(dest="keys_cmd", required=True)
    kc = ksub.add_parser("create", help="创建自签名证书")
    kc.add_argument("--name", required=True, help="监督员姓名")
    kc.add_argument("--passphrase-env", metavar="VAR")
    kc.add_argument("--replace", action="store_true", help="替换已有证书")
    kc.set_defaults(handler=keys_create)
    ki = ksub.add_parser("import", help="导入监督机构颁发的 PKCS#12 证书")
    ki.add_argument("file", metavar="FILE.p12")
    ki.add_argument("--passphrase-env", metavar="VAR")
    ki.add_argument("--replace", action="store_true")
    ki.set_defaults(handler=keys_import)
    ks = ksub.add_parser("show", help="显示当前证书")
    ks.set_defaults(handler=keys_show)


def _passphrase(args: argparse.Namespace, *, confirm: bool = False) -> str:
    if args.passphrase_env:
        return os.environ.get(args.passphrase_env, "")
    import getpass

    value = getpass.getpass("证书口令：")
    if confirm and getpass.getpass("再次输入口令：") != value:
        raise SystemExit("两次输入的口令不一致。")
    return value


def _fail(exc: Exception) -> int:
    print(f"错误：{exc}", file=sys.stderr)
    return 1


def report(args: argparse.Namespace) -> int:
    from inspector.commands.common import open_store
    from inspector.services import records
    from inspector.services.errors import UserError

    store = open_store(args)
    try:
        state = records.sign_state(store, kind=args.kind, record_id=args.record_id)
        if state.locked:
            pdf = records.signed_pdf(store, kind=args.kind, record_id=args.record_id)
            note = f"已签署（{state.signer_name}）：导出签署原件"
        else:
            pdf = records.render_record(store, kind=args.kind, record_id=args.record_id)
            note = "未签署：导出草稿 PDF"
    except UserError as exc:
        return _fail(exc)
    out = Path(args.out)
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(pdf)
    os.replace(tmp, out)
    print(f"{note}，{len(pdf)} 字节 → {out}")
    return 0


def verify(args: argparse.Namespace) -> int:
    from inspector.services import records
    from inspector.services.errors import UserError

    store = None
    if not args.no_store:
        from inspector.commands.common import open_store

        store = open_store(args)
    try:
        res = records.verify_pdf(store, args.file)
    except UserError as exc:
        return _fail(exc)
    print(f"文件：{args.file}")
    if res.intact:
        print("签名：完整（文件自签署后未被改动，签名覆盖整个文件）")
    else:
        print(f"签名：已破坏 — {res.problem}")
    if res.signer_name:
        from inspector.domain.clock import CHINA_TZ

        when = res.signed_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M:%S（北京时间）") if res.signed_at else "未知"
        print(f"签署人：{res.signer_name}  签署时间：{when}")
        print(f"证书指纹（SHA-256）：{res.fingerprint}  {'受信任' if res.trusted else '未在本机信任列表中'}")
    if res.kind:
        print(f"记录：{res.kind} {res.record_no or ''} {res.record_id}")
    if store is not None:
        print(f"与数据库比对：{res.store_note}")
    return 0 if res.ok and (store is None or res.matches_store) else 1


def sign(args: argparse.Namespace) -> int:
    from inspector.commands.common import open_store
    from inspector.services import records
    from inspector.services.errors import UserError

    store = open_store(args)
    try:
        changes = records.sign_record(store, kind=args.kind, record_id=args.record_id,
                                      passphrase=_passphrase(args))
    except UserError as exc:
        return _fail(exc)
    print(f"已签署并锁定：{args.kind} {args.record_id}，PDF {changes.extra.get('pdf_sha256', '')}")
    return 0


def keys_create(args: argparse.Namespace) -> int:
    from inspector.commands.common import open_store
    from inspector.services import keys
    from inspector.services.errors import UserError

    store = open_store(args)
    try:
        info = keys.create_key(store, name=args.name, passphrase=_passphrase(args, confirm=True),
                               replace=args.replace)
    except UserError as exc:
        return _fail(exc)
    print(f"已创建证书：{info.name}，指纹 {info.fingerprint}，有效期至 {info.not_after:%Y-%m-%d}")
    return 0


def keys_import(args: argparse.Namespace) -> int:
    from inspector.commands.common import open_store
    from inspector.services import keys
    from inspector.services.errors import UserError

    store = open_store(args)
    try:
        info = keys.import_key(store, data=Path(args.file).read_bytes(), passphrase=_passphrase(args),
                               replace=args.replace)
    except (UserError, OSError) as exc:
        return _fail(exc)
    print(f"已导入证书：{info.name}，指纹 {info.fingerprint}")
    return 0


def keys_show(args: argparse.Namespace) -> int:
    from inspector.commands.common import open_store
    from inspector.services import keys

    info = keys.key_info(open_store(args))
    if info is None:
        print("尚未设置签名证书。")
        return 1
    kind = "自签名" if info.self_signed else "机构颁发"
    print(f"{info.name}（{kind}）指纹 {info.fingerprint} 有效期 {info.not_before:%Y-%m-%d} 至 {info.not_after:%Y-%m-%d}")
    return 0
