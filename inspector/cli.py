"""`inspector`: the desktop app by default, plus headless sub-commands (see inspector/commands/)."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from inspector import __version__


def build_parser() -> argparse.ArgumentParser:
    from inspector.commands import MODULES

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", help="数据目录（默认：用户数据目录，或 $INSPECTOR_HOME）")
    parser = argparse.ArgumentParser(
        prog="inspector", parents=[common],
        description="老旧小区改造质量安全监督 — 不带子命令时启动桌面程序。",
    )
    parser.add_argument("--version", action="version", version=f"inspector {__version__}")
    parser.add_argument("--demo", action="store_true", help="启动前向空数据库写入演示数据")
    parser.add_argument("--selftest", action="store_true", help="离屏启动、打开数据库、加载检查表、显示主窗口后退出")
    parser.add_argument("--lang", choices=["zh", "en"], help="界面语言（默认中文）")
    parser.add_argument("-v", "--verbose", action="store_true", help="输出调试日志")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # a sub-command not built yet
            raise
        module.register(sub)
    # Every sub-command takes --data-dir as well, before or after its own name.
    for action in sub.choices.values():
        _add_common(action)
    return parser


def _add_common(p: argparse.ArgumentParser) -> None:
    if not any("--data-dir" in a.option_strings for a in p._actions):
        p.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="数据目录")
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _add_common(child)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    from inspector.paths import data_dir

    if args.selftest:
        from inspector.app import selftest

        return selftest(data_dir(args.data_dir))
    handler = getattr(args, "handler", None)
    if handler is None:
        from inspector.app import run_gui

        return run_gui(data_dir(args.data_dir), lang=args.lang, demo=args.demo)
    try:
        return int(handler(args) or 0)
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a failing store is explained, not dumped
        from inspector.services.errors import UserError, explain

        message = str(exc) if isinstance(exc, UserError) else explain(exc)
        if message is None:
            raise
        print(f"错误：{message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
