"""What a failing database means to the person at the keyboard: the few ways SQLite refuses (the
folder is read-only, the disk is full, another program holds the lock, the file is damaged), each
said in plain Chinese with what to do. Never a raw SQLAlchemy traceback."""

from __future__ import annotations

import errno

from sqlalchemy.exc import DBAPIError

_KNOWN = (
    (("database is locked", "database table is locked"),
     "数据库正被另一个程序使用（可能已打开了另一个 Inspector 窗口或命令）。请关闭它后重试。"),
    # A full disk often shows as an I/O error: SQLite could not create its journal files.
    (("disk is full", "database or disk is full", "no space left", "disk i/o error"),
     "磁盘已满（或磁盘读写出错），数据未能保存。请清理磁盘空间（或更换数据目录）后重试；已保存的数据不受影响。"),
    (("readonly database", "attempt to write a readonly", "read-only file system"),
     "数据目录是只读的，无法写入。请检查数据目录的权限（或以 --data-dir 指定可写的目录）。"),
    (("unable to open database file",),
     "无法打开数据库文件。请检查数据目录是否存在、是否有读写权限。"),
    (("file is not a database", "database disk image is malformed"),
     "数据库文件已损坏，无法读取。请从备份恢复数据目录，或联系管理员。"),
)


def explain(exc: BaseException) -> str | None:
    """The Chinese explanation of a database failure, or None if it is not one of those."""
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return _KNOWN[1][1]
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return _KNOWN[2][1]
        return None
    if not isinstance(exc, DBAPIError):
        cause = exc.__cause__ or exc.__context__
        return explain(cause) if cause is not None and cause is not exc else None
    text = str(exc.orig if exc.orig is not None else exc).lower()
    for needles, message in _KNOWN:
        if any(n in text for n in needles):
            return message
    return None
