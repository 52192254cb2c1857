"""`inspector redflags`: the red flags (风险提示) as the 风险提示 view shows them, for one project or
every project, as a text table or JSON lines."""

from __future__ import annotations

import argparse
import sys

STATUSES = ("open", "confirmed", "dismissed")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("redflags", help="列出风险提示（红色预警）",
                       description="列出风险提示（红色预警）及监督员的处理结果。默认列出全部项目中未排除的；"
                                   "退出码：0 已列出；2 项目编号不存在或参数有误，未做任何更改。")
    p.add_argument("--project", metavar="CODE", help="只列出该项目（项目编号）的风险提示；不填为全部项目")
    p.add_argument("--status", action="append", choices=STATUSES,
                   help="只列出该处理状态（open 待核实、confirmed 已确认、dismissed 已排除；可重复）；"
                        "默认 open 和 confirmed")
    p.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
    p.add_argument("--refresh", action="store_true",
                   help="重新检查全部项目的风险并保存结果（风险提示视图和台账读取保存的结果），不列出")
    p.add_argument("--progress-lines", action="store_true", help=argparse.SUPPRESS)  # the app's child process
    p.set_defaults(handler=list_flags)


class _LineProgress:
    """Progress as lines on stdout ("progress DONE TOTAL"), for the app that started this process."""

    cancelled = False

    def report(self, done: int, total: int, text: str = "") -> None:
        print(f"progress {done} {total}", flush=True)


def _exit_with_parent() -> None:
    """The app holds this process's stdin open and never writes to it: end of input means the app
    has gone (closed, killed, crashed), and the computation is no longer wanted. A write under way is
    rolled back by SQLite."""
    import os
    import threading

    def watch() -> None:
        sys.stdin.read()
        os._exit(3)

    threading.Thread(target=watch, daemon=True).start()


def refresh_flags(args: argparse.Namespace) -> int:
    import time

    from inspector.commands.common import open_store
    from inspector.services import redflag_results as results
    from inspector.store import StoreError

    if args.progress_lines:
        _exit_with_parent()
    try:
        store = open_store(args)
        start = time.perf_counter()
        results.refresh(store, progress=_LineProgress() if args.progress_lines else None)  # type: ignore[arg-type]
    except StoreError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    with store.read() as s:
        n = s.connection().exec_driver_sql(f"SELECT count(*) FROM {results.TABLE}").scalar()
    if not args.progress_lines:
        print(f"已重新检查全部项目的风险：{n} 条风险提示（用时 {time.perf_counter() - start:.1f} 秒）")
    return 0


def list_flags(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from inspector.commands.common import open_store
    from inspector.commands.table import print_listing
    from inspector.domain import Project
    from inspector.services import redflags as svc
    from inspector.services.errors import UserError
    from inspector.services.listing import Column, Listing
    from inspector.services.redflag_results import current_flags

    if args.refresh:
        return refresh_flags(args)
    store = open_store(args, read_only_ok=True)
    statuses = set(args.status or ("open", "confirmed"))
    try:
        if args.project:
            with store.read() as s:
                pid = s.scalar(select(Project.id).where(Project.code == args.project.strip(),
                                                        Project.deleted.is_(False)))
            if pid is None:
                print(f"错误：没有项目编号为“{args.project}”的项目（可用 inspector list projects 查看）",
                      file=sys.stderr)
                return 2
            flags = svc.flags_for_project(store, project_id=pid)
        else:
            flags = current_flags(store)  # the kept flags; computed again first when the records changed
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    columns = (Column("project_code", "项目编号"), Column("rule", "规则"), Column("title", "风险提示"),
               Column("status", "状态", labels=svc.STATUS_LABELS), Column("message", "说明", wide=True),
               Column("reason", "处理理由", wide=True), Column("key", "标识", wide=True))
    rows = [{"project_code": f.project_code, "rule": f.rule, "title": f.title, "status": f.status,
             "message": f.message, "reason": f.reason, "key": f.key} for f in flags if f.status in statuses]
    listing = Listing("redflags", "风险提示", columns, rows)
    print_listing(listing, as_json=args.json)
    return 0
