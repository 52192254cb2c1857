"""Headless sub-commands of `inspector`. Each module has `register(subparsers)`; handlers take the
parsed args and return an exit status. Heavy imports happen inside handlers, not at module level."""

MODULES = [
    "inspector.commands.forms",     # forms check
    "inspector.commands.audit",     # audit verify
    "inspector.commands.data",      # demo, list, import-projects
    "inspector.commands.photos",    # photos import
    "inspector.commands.records",   # report, verify, sign, keys
    "inspector.commands.trust",     # trust add/list/remove
    "inspector.commands.sync",      # login, logout, sync
    "inspector.commands.export",    # export ledger
    "inspector.commands.redflags",  # redflags
]
