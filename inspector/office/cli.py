"""`inspector-office`: run the office server and manage its users, assignments and checklists.

Every sub-command takes --data-dir (else $INSPECTOR_OFFICE_HOME) and --db (else
$INSPECTOR_OFFICE_DB, else an SQLite file in the data directory); the database is migrated when a
command opens it."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from pathlib import Path

from inspector import __version__

DEFAULT_PORT = 8470


def _common(p: argparse.ArgumentParser, *, top: bool) -> None:
    default = None if top else argparse.SUPPRESS
    p.add_argument("--data-dir", metavar="DIR", default=default,
                   help="监督站数据目录（数据库、附件；默认 $INSPECTOR_OFFICE_HOME 或用户数据目录）")
    p.add_argument("--db", metavar="URL", default=default,
                   help="数据库地址：默认数据目录中的 SQLite 文件；正式使用 postgresql+psycopg://用户@主机:端口/库名")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="inspector-office", description="监督站服务器：同步、用户、项目分配、检查表发布。")
    parser.add_argument("--version", action="version", version=f"inspector-office {__version__}")
    _common(parser, top=True)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("serve", help="启动监督站服务（启动时自动升级数据库）")
    s.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1；局域网用 0.0.0.0）")
    s.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"端口（默认 {DEFAULT_PORT}）")
    s.add_argument("--tls-cert", metavar="FILE", help="TLS 证书（PEM），与 --tls-key 一起使用")
    s.add_argument("--tls-key", metavar="FILE", help="TLS 私钥（PEM）")
    s.add_argument("--token-days", type=float, default=180.0, help="设备登录的有效天数（默认 180）")
    s.add_argument("--station-name", default="", help="监督站名称（登录时告知设备，印在文书上）")
    s.add_argument("--forwarded-allow-ips", default="127.0.0.1",
                   help="信任其 X-Forwarded-For 的反向代理地址（默认 127.0.0.1）")
    s.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    s.set_defaults(handler=serve)

    u = sub.add_parser("user", help="用户：add / revoke / list")
    usub = u.add_subparsers(dest="user_cmd", required=True, metavar="ACTION")
    a = usub.add_parser("add", help="添加用户（密码从终端输入两次，或从标准输入读一行）")
    a.add_argument("name", metavar="NAME", help="登录名")
    a.add_argument("--district", default="", help="所属县区（监督员必填）")
    a.add_argument("--admin", action="store_true", help="管理员：可见全部项目")
    a.add_argument("--full-name", default="", help="姓名（默认同登录名）")
    a.add_argument("--badge", default="", help="执法证号")
    a.set_defaults(handler=user_add)
    r = usub.add_parser("revoke", help="停用用户：其所有设备的登录立即失效")
    r.add_argument("name", metavar="NAME")
    r.set_defaults(handler=user_revoke)
    ls = usub.add_parser("list", help="列出用户")
    ls.add_argument("--json", action="store_true", help="每行一个 JSON 对象")
    ls.set_defaults(handler=user_list)

    g = sub.add_parser("assign", help="把项目分配给监督员")
    g.add_argument("code", metavar="PROJECT_CODE", help="项目编号")
    g.add_argument("--to", required=True, metavar="NAME", help="监督员登录名")
    g.set_defaults(handler=assign)

    f = sub.add_parser("forms", help="检查表：publish")
    fsub = f.add_subparsers(dest="forms_cmd", required=True, metavar="ACTION")
    pub = fsub.add_parser("publish", help="校验并发布检查表，设备下次同步时收到")
    pub.add_argument("file", metavar="FILE.toml")
    pub.set_defaults(handler=forms_publish)

    c = sub.add_parser("ca", help="监督站签名证书颁发机构：export")
    csub = c.add_subparsers(dest="ca_cmd", required=True, metavar="ACTION")
    cx = csub.add_parser("export", help="输出监督站 CA 证书（PEM），供其他电脑用 inspector trust add 导入")
    cx.add_argument("--out", metavar="FILE", default="", help="写入文件（默认输出到标准输出）")
    cx.set_defaults(handler=ca_export)

    for p in (s, a, r, ls, g, pub, cx):
        _common(p, top=False)
    return parser


def _settings(args: argparse.Namespace, **kwargs: object):  # type: ignore[no-untyped-def]
    from inspector.office.config import OfficeSettings

    return OfficeSettings.from_env(args.data_dir, args.db, **kwargs)


def _office(args: argparse.Namespace, **kwargs: object):  # type: ignore[no-untyped-def]
    from inspector.office.core import Office

    return Office(_settings(args, **kwargs))


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from inspector.office.app import create_app

    if bool(args.tls_cert) != bool(args.tls_key):
        print("--tls-cert 和 --tls-key 须同时给出", file=sys.stderr)
        return 2
    settings = _settings(args, token_days=args.token_days, station_name=args.station_name)
    from inspector.office.core import Office

    office = Office(settings)  # migrate and check the database before listening
    print(f"监督站数据目录：{settings.data_dir}；数据库：{office.store.dialect}", flush=True)
    if args.host not in ("127.0.0.1", "localhost", "::1") and not args.tls_cert:
        print("注意：服务监听在网络上但未启用 TLS，密码和数据将明文传输；请用 --tls-cert/--tls-key，"
              "或只监听 127.0.0.1 并在反向代理上启用 HTTPS", file=sys.stderr, flush=True)
    uvicorn.run(create_app(settings, office), host=args.host, port=args.port, ssl_certfile=args.tls_cert,
                ssl_keyfile=args.tls_key, proxy_headers=True, forwarded_allow_ips=args.forwarded_allow_ips,
                log_level=args.log_level, timeout_graceful_shutdown=10)
    return 0


def ca_export(args: argparse.Namespace) -> int:
    from inspector.office.routes.certificates import station_ca

    office = _office(args)
    try:
        ca = station_ca(office)
    finally:
        office.close()
    if args.out:
        Path(args.out).write_bytes(ca.pem)
    else:
        sys.stdout.write(ca.pem.decode("ascii"))
    print(f"监督站 CA 证书指纹（SHA-256）：{ca.fingerprint}", file=sys.stderr)
    return 0


def read_password(prompt: str = "密码：") -> str:
    """From the terminal (asked twice), or one line of standard input when it is not a terminal."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(prompt)
    if getpass.getpass("再输入一次：") != first:
        raise ValueError("两次输入的密码不一致")
    return first


def user_add(args: argparse.Namespace) -> int:
    from inspector.office.accounts import add_user

    try:
        password = read_password()
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    office = _office(args)
    try:
        add_user(office, args.name, password, district=args.district, name=args.full_name, badge_no=args.badge,
                 admin=args.admin)
    finally:
        office.close()
    role = "管理员" if args.admin else f"监督员（{args.district}）"
    print(f"已添加用户 {args.name}：{role}")
    return 0


def user_revoke(args: argparse.Namespace) -> int:
    from inspector.office.accounts import revoke_user

    office = _office(args)
    try:
        n = revoke_user(office, args.name)
    finally:
        office.close()
    print(f"已停用用户 {args.name}，{n} 个设备登录已失效")
    return 0


def user_list(args: argparse.Namespace) -> int:
    from inspector.office.accounts import list_users

    office = _office(args)
    try:
        rows = list_users(office)
    finally:
        office.close()
    for r in rows:
        if args.json:
            print(json.dumps(r.__dict__, ensure_ascii=False))
        else:
            state = "已停用" if r.revoked else ("管理员" if r.admin else "监督员")
            print(f"{r.login}\t{r.name}\t{r.district or '-'}\t{state}\t设备 {r.devices}")
    return 0


def assign(args: argparse.Namespace) -> int:
    from inspector.office.accounts import assign as do_assign

    office = _office(args)
    try:
        name = do_assign(office, args.code, args.to)
    finally:
        office.close()
    print(f"项目 {args.code}（{name}）已分配给 {args.to}")
    return 0


def forms_publish(args: argparse.Namespace) -> int:
    from inspector.office.forms import check, publish

    problems, checklist = check(Path(args.file))
    if problems:
        for p in problems:
            print(p)
        print(f"共 {len(problems)} 个错误，未发布。")
        return 1
    office = _office(args)
    try:
        fresh = publish(office, checklist)
    finally:
        office.close()
    what = f"{checklist.id} 第 {checklist.version} 版（{checklist.title_zh}）"
    print(f"已发布 {what}：设备下次同步时收到" if fresh else f"{what} 已发布过，未作改动")
    return 0


def main(argv: list[str] | None = None) -> int:
    os.umask(0o077)  # every file the office writes (database, blobs, partial uploads) is its own
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    from inspector.office.core import OfficeError
    from inspector.office.store import OfficeStoreError

    try:
        return int(args.handler(args) or 0)
    except OfficeError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    except OfficeStoreError as exc:
        print(exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
