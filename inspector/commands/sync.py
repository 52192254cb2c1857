"""`inspector login`, `inspector logout`, `inspector sync`: this laptop and the office, headless."""

from __future__ import annotations

import argparse
import os
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("login", help="登录监督站（设备获得令牌，不保存密码）",
                       description="登录监督站。密码从终端读取；标准输入不是终端时从标准输入读取第一行。")
    p.add_argument("--server", required=True, metavar="URL", help="监督站服务器地址，例如 https://jdz.example.cn")
    p.add_argument("--user", required=True, metavar="NAME", help="用户名")
    p.add_argument("--ca-file", metavar="PEM", default="", help="监督站自签证书的 CA 文件（可选）")
    p.add_argument("--key-passphrase-env", metavar="VAR", default="",
                   help="本机签名证书口令所在的环境变量：给出时同时申请监督站签发签名证书（私钥不离开本机）；"
                        "不给出而在终端登录时会询问，直接回车则跳过")
    p.set_defaults(handler=login)

    p = sub.add_parser("logout", help="退出登录：通知监督站注销本设备令牌，并在本机删除")
    p.set_defaults(handler=logout)

    p = sub.add_parser("sync", help="与监督站同步（上传本机更改和照片，接收监督站的数据）",
                       description="与监督站同步。退出码：0 完成；1 同步失败（原因见输出）；"
                                   "2 完成，但有记录被监督站拒收或审计链有问题。")
    p.add_argument("--status", action="store_true", help="只显示同步状态，不同步")
    p.set_defaults(handler=sync)


def _password() -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        return getpass.getpass("密码：")
    return (sys.stdin.readline() if sys.stdin is not None else "").rstrip("\r\n")


def login(args: argparse.Namespace) -> int:
    from inspector.commands.common import open_store
    from inspector.services import account, keys

    ws = open_store(args)
    password = _password()
    key_passphrase = ""
    if args.key_passphrase_env:
        key_passphrase = os.environ.get(args.key_passphrase_env, "")
    elif keys.has_key(ws.store) and sys.stdin is not None and sys.stdin.isatty():
        import getpass

        key_passphrase = getpass.getpass("签名证书口令（申请监督站签发证书；直接回车跳过）：")
    try:
        acct = account.login(ws, args.server, args.user, password, ca_file=args.ca_file,
                             key_passphrase=key_passphrase)
    except account.LoginFailed as exc:
        print(f"登录失败：{exc}", file=sys.stderr)
        return 1
    where = "系统钥匙串" if acct.token_store == "keyring" else f"仅本用户可读的文件 {ws.data_dir / account.TOKEN_FILE}"
    print(f"已登录 {acct.server}：{acct.name or acct.login}（{acct.login}），{acct.station_name}。")
    print(f"本设备编号代码：{acct.device_code}；令牌保存在{where}，密码未保存。")
    if acct.certificate_note:
        print(acct.certificate_note)
    return 0


def logout(args: argparse.Namespace) -> int:
    from inspector.commands.common import open_store
    from inspector.services import account

    ws = open_store(args)
    if not account.current(ws).signed_in:
        print("本机尚未登录监督站。")
        return 0
    note = account.logout(ws)
    print(note or "已退出登录，本设备的令牌已在监督站注销并从本机删除。")
    return 0


def sync(args: argparse.Namespace) -> int:
    from inspector.commands.common import open_store
    from inspector.domain.clock import fmt_china
    from inspector.services import sync as svc
    from inspector.services.changes import Progress

    ws = open_store(args)
    if args.status:
        st = svc.status(ws)
        print(f"监督站：{st.server or '未登录'}" + (f"（{st.login}）" if st.signed_in else "（未登录）"))
        print(f"上次同步：{fmt_china(st.last_at) if st.last_at else '从未'}" + (f"，{st.last_result}" if st.last_result else ""))
        print(f"待上传更改：{st.pending} 条" + (f"（其中 {st.refused} 条上次被拒收）" if st.refused else ""))
        print(f"待处理冲突：{st.conflicts_open} 处")
        if st.last_error:
            print(f"上次错误：{st.last_error}")
        return 0

    class Printer(Progress):
        def __init__(self) -> None:
            self.last = ""

        def report(self, done: int, total: int, text: str = "") -> None:
            if text and text != self.last and sys.stderr.isatty():
                print(f"\r{text}\033[K", end="", file=sys.stderr, flush=True)
            self.last = text

    try:
        result = svc.sync_now(ws, Printer())
    except svc.SyncFailed as exc:
        if sys.stderr.isatty():
            print(file=sys.stderr)
        print(f"同步失败：{exc}", file=sys.stderr)
        return 1
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"同步完成：上传 {result.pushed} 条更改，接收 {result.pulled} 条；"
          f"照片和文件上传 {result.blobs_up} 个、下载 {result.blobs_down} 个"
          f"（{result.bytes_up / 1e6:.1f} MB / {result.bytes_down / 1e6:.1f} MB）。")
    st = svc.status(ws)
    if st.conflicts_open:
        print(f"冲突：{st.conflicts_open} 处待处理（同一字段在两处被修改，两个版本都已保留）。请在程序的“冲突”页比较并选择。")
    for line in result.refused:
        print(f"被拒收：{line}")
    for line in result.chain_problems:
        print(f"审计链问题：{line}")
    if st.pending:
        print(f"仍有 {st.pending} 条更改未被监督站接收，下次同步会再发送。")
    return 2 if result.refused or result.chain_problems else 0
