"""`inspector report`, `inspector verify`, `inspector sign` and `inspector keys`: official records."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

KINDS = ("inspection", "rectification", "reply", "acceptance", "handover", "referral")


def register(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("report", help="导出记录 PDF（已签署的记录导出签署原件）")
    r.add_argument("kind", choices=KINDS, help="记录类型")
    r.add_argument("record_id", help="记录 ID")
    r.add_argument("--out", required=True, metavar="FILE.pdf", help="输出文件")
    r.set_defaults(handler=report)

    v = sub.add_parser(
        "verify", help="校验已签署的 PDF：每个签名是否完整、签名后是否被追加内容、签署人是否受信任、是否与库中记录一致",
        description="校验已签署的 PDF。退出码 0：每个签名完整、最后一个签名覆盖整个文件、每个签署人都受信任"
                    "（本机签名证书，或由 inspector trust add 导入的监督站证书签发），且（不带 --no-store 时）"
                    "与库中已签署记录一致；否则为 1。")
    v.add_argument("file", metavar="FILE.pdf", nargs="?",
                   help="要校验的 PDF；省略时校验库中每一份已签署记录（内容是否与签署时一致、PDF 是否完好）")
    v.add_argument("--no-store", action="store_true", help="不与数据库比对（仍使用本机信任列表）")
    v.add_argument("--allow-untrusted", action="store_true",
                   help="签名完整、但签署人不在信任列表中时也以 0 退出（仅在已用其他方式确认签署人时使用）")
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
    ki.add_argument("--passphrase-env", metavar="VAR", help="证书文件的口令")
    ki.add_argument("--new-passphrase-env", metavar="VAR",
                    help="本机保存时使用的新口令（证书文件的口令少于 10 个字符时必须给出）")
    ki.add_argument("--replace", action="store_true")
    ki.set_defaults(handler=keys_import)
    ks = ksub.add_parser("show", help="显示当前证书")
    ks.set_defaults(handler=keys_show)
    kf = ksub.add_parser("certify", help="向监督站申请签名证书（需已登录；私钥不离开本机）")
    kf.add_argument("--passphrase-env", metavar="VAR", help="从环境变量读取证书口令（默认交互输入）")
    kf.set_defaults(handler=keys_certify)


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


def _verify_store(args: argparse.Namespace) -> int:
    """Every signed record in the store still says what was signed: its rows match its seal, its
    signed content its content hash, its stored PDF its hash."""
    from inspector.commands.common import open_store
    from inspector.services.integrity import check_store

    report = check_store(open_store(args, read_only_ok=True))
    for p in report.record_problems:
        print(f"{p.label} {p.record_no}（{p.record_id}）：{p.problem}")
    if report.record_problems:
        print(f"共 {report.records_checked} 份已签署记录，{len(report.record_problems)} 份与签署时不一致。")
        return 1
    print(f"共 {report.records_checked} 份已签署记录，内容与签署时一致，PDF 完好。")
    return 0


def verify(args: argparse.Namespace) -> int:
    from inspector.commands.common import open_store
    from inspector.paths import data_dir
    from inspector.services import records
    from inspector.services.errors import UserError

    if args.file is None:
        return _verify_store(args)
    # The trust store lives in the data folder, so even --no-store checks the signers against it.
    folder = data_dir(getattr(args, "data_dir", None))
    store = None if args.no_store else open_store(args)
    try:
        res = records.verify_pdf(store, args.file, data_dir=folder)
    except UserError as exc:
        return _fail(exc)
    print(f"文件：{args.file}")
    _print_signatures(res)
    if res.signatures:
        if res.covers_file:
            print("签名覆盖：整个文件")
        else:
            print(f"签名覆盖：不完整 — 最后一个签名之后又被追加了 {res.unsigned_bytes} 字节，这些内容没有签名")
    # "签名：完整" only for a file that passes every check: a forger's file must never show it.
    if res.ok:
        print("签名：完整（文件自签署后未被改动，签名覆盖整个文件，签署人受信任）")
    elif not (res.intact and res.covers_file):
        print(f"签名：无效 — {res.problem or '签名未通过校验'}")
    elif not res.trusted:
        untrusted = "、".join(f"“{v.signer_name}”" for v in res.signatures if not v.trusted)
        print(f"签名：未受信任 — 文件自签署后未被改动，但签署人 {untrusted} 不在本机信任列表中，"
              "无法确认是谁签署的。")
    else:
        print("签名：文件自签署后未被改动、签署人受信任，但它不是库中保存的签署原件（见下方比对）。")
    if res.kind:
        print(f"记录：{res.kind} {res.record_no or ''} {res.record_id}")
    if store is not None:
        print(f"与数据库比对：{res.store_note}")
    if res.ok:
        return 0
    if args.allow_untrusted and res.sound:
        print("注意：按 --allow-untrusted 接受了不受信任的签署人；请确认已用其他方式核实签署人身份。")
        return 0
    return 1


def _print_signatures(res) -> None:  # type: ignore[no-untyped-def]
    from inspector.domain.clock import CHINA_TZ

    n = len(res.signatures)
    for v in res.signatures:
        state = "完整" if v.intact else f"已破坏 — {v.problem}"
        print(f"第 {v.index} 个签名（共 {n} 个）：{state}")
        when = v.signed_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M:%S（北京时间）") if v.signed_at else "未知"
        who = v.signer_name + (f"（{v.organisation}）" if v.organisation else "")
        claim = "签署人" if v.trusted else "签署人（证书自称）"
        print(f"  {claim}：{who or '未知'}  签署时间：{when}")
        if v.fingerprint:
            print(f"  证书指纹（SHA-256）：{v.fingerprint}")
        print(f"  {v.trust_note}")


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
    passphrase = _passphrase(args, confirm=True)
    try:
        info = keys.create_key(store, name=args.name, passphrase=passphrase, replace=args.replace)
    except UserError as exc:
        return _fail(exc)
    strength = keys.passphrase_strength(passphrase, name=args.name)
    print(f"已创建证书：{info.name}，指纹 {info.fingerprint}，有效期至 {info.not_after:%Y-%m-%d}")
    print(f"口令强度：{strength.label}。{strength.hint}")
    return 0


def keys_import(args: argparse.Namespace) -> int:
    from inspector.commands.common import open_store
    from inspector.services import keys
    from inspector.services.errors import UserError

    store = open_store(args)
    new = None
    if args.new_passphrase_env:
        new = os.environ.get(args.new_passphrase_env, "")
    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        return _fail(f"无法读取文件：{args.file}（{exc.strerror or exc}）")
    try:
        info = keys.import_key(store, data=data, passphrase=_passphrase(args), new_passphrase=new,
                               replace=args.replace)
    except UserError as exc:
        return _fail(exc)
    print(f"已导入证书：{info.name}，指纹 {info.fingerprint}")
    return 0


def keys_certify(args: argparse.Namespace) -> int:
    from inspector.commands.common import open_store
    from inspector.services import account
    from inspector.services.errors import UserError

    ws = open_store(args)
    try:
        info = account.certify(ws, _passphrase(args))
    except UserError as exc:
        return _fail(exc)
    print(f"监督站已签发签名证书：{info.name}，指纹 {info.fingerprint}，有效期至 {info.not_after:%Y-%m-%d}")
    return 0


def keys_show(args: argparse.Namespace) -> int:
    from inspector.commands.common import open_store
    from inspector.services import keys

    store = open_store(args)
    info = keys.key_info(store)
    if info is None:
        print("尚未设置签名证书。")
        return 1
    kind = "自签名，未经监督站签发" if info.self_signed else "机构颁发"
    print(f"{info.name}（{kind}）指纹 {info.fingerprint} 有效期 {info.not_before:%Y-%m-%d} 至 {info.not_after:%Y-%m-%d}")
    print(f"密钥文件保护：{keys.key_protection(store)}")
    return 0
