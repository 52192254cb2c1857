"""Syncing this laptop with the office, and what the window shows about it.

`sync_now` pushes every local change and the photos and PDFs the office lacks, then pulls what the
office has for this inspector (sync/client.py over HTTP). One sync at a time on this data folder,
across threads and processes (a lock file); a sync cut anywhere resumes next time. The outcome
(time, what moved, the error in plain Chinese) is kept in the settings for the status bar and for
`inspector sync`. Runs off the GUI thread."""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from inspector.domain import Conflict, Outbox, utcnow
from inspector.services import account
from inspector.services.changes import Cancelled, Changes, Progress, Writer, write_directly
from inspector.services.conflicts import ConflictRow, conflicts, resolve  # noqa: F401 - part of this API
from inspector.services.errors import UserError
from inspector.store import Workspace
from inspector.sync import client
from inspector.sync.http import HttpPeer, SyncError
from inspector.sync.wire import WireError

log = logging.getLogger(__name__)

LAST_AT, LAST_RESULT, LAST_ERROR = "sync_last_at", "sync_last_result", "sync_last_error"
LOCK_FILE = "sync.lock"
PARTIAL_DIR = "sync-partial"  # downloads in progress (not the blob store's tmp, which is swept at open)


class SyncFailed(UserError):
    """A sync that did not finish; the message says why and what to do. What was done stays done."""

    def __init__(self, message: str, *, code: str = "", status: int = 0) -> None:
        super().__init__(message)
        self.code, self.status = code, status


class NotSignedIn(SyncFailed):
    pass


class SyncBusy(SyncFailed):
    pass


@dataclass
class SyncResult:
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    refused: list[str] = field(default_factory=list)
    blobs_up: int = 0
    blobs_down: int = 0
    bytes_up: int = 0
    bytes_down: int = 0
    chain_problems: list[str] = field(default_factory=list)
    at: dt.datetime | None = None
    changes: Changes = field(default_factory=Changes)

    def text(self) -> str:
        parts = [f"上传 {self.pushed} 条更改", f"接收 {self.pulled} 条"]
        if self.blobs_up or self.blobs_down:
            parts.append(f"照片和文件 上传 {self.blobs_up} 个、下载 {self.blobs_down} 个")
        if self.conflicts:
            parts.append(f"{self.conflicts} 处冲突待处理")
        if self.refused:
            parts.append(f"{len(self.refused)} 条被监督站拒收")
        return "，".join(parts)


@dataclass(frozen=True)
class SyncStatus:
    signed_in: bool
    server: str
    login: str
    pending: int  # local changes not yet acknowledged by the office
    refused: int  # of those, the ones the office refused last time
    conflicts_open: int
    last_at: dt.datetime | None
    last_result: str
    last_error: str


# ---- one sync at a time ------------------------------------------------------------------------------

class _Lock:
    """An exclusive lock on a file in the data folder: another thread or process syncing the same
    store holds it; released when the process dies, so a killed sync never blocks the next."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd = -1

    def __enter__(self) -> _Lock:
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if os.name == "nt":
                import msvcrt

                msvcrt.locking(self.fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self.fd)
            raise SyncBusy("另一个同步正在进行，请等它结束。", code="busy") from None
        return self

    def __exit__(self, *_exc: object) -> None:
        if os.name == "nt":
            import msvcrt

            try:
                msvcrt.locking(self.fd, msvcrt.LK_UNLCK, 1)
            except OSError:
                pass
        os.close(self.fd)  # closing releases flock


def _fmt_bytes(n: int) -> str:
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


class _Reporter:
    """Turns the sync loop's and the peer's callbacks into Progress reports (and honours cancel)."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress

    def _check(self) -> None:
        if self.progress.cancelled:
            raise Cancelled()

    def stage(self, stage: str, count: int) -> None:
        self._check()
        text = f"已上传 {count} 条更改" if stage == "push" else f"已接收 {count} 条数据"
        self.progress.report(count, 0, text)

    def bytes(self, direction: str, done: int, total: int) -> None:
        self._check()
        verb = "上传" if direction == "up" else "下载"
        self.progress.report(done, total, f"正在{verb}照片和文件：{_fmt_bytes(done)} / {_fmt_bytes(total)}")


# ---- use cases ------------------------------------------------------------------------------------

def sync_now(ws: Workspace, progress: Progress | None = None, *,
             write: Writer | None = None, timeout: float = 30.0,
             retries: int = 3, limit: int = 1000) -> SyncResult:
    """Sync with the office this laptop signed in to. `write` runs each unit of work (the app
    passes its single writer); raises SyncFailed with the reason in plain Chinese."""
    progress = progress or Progress()
    write = write or write_directly
    acct = account.current(ws)
    tok = account.token(ws) if acct.signed_in else ""
    if not acct.server or not tok:
        raise NotSignedIn("尚未登录监督站。请先登录（菜单“同步 → 登录监督站”，或命令 inspector login）。",
                          code="signed-out")
    reporter = _Reporter(progress)
    with _Lock(ws.data_dir / LOCK_FILE):
        progress.report(0, 0, "正在连接监督站…")
        peer = HttpPeer(acct.server, tok, ca_file=ws.get_setting(account.CA_FILE) or None, timeout=timeout,
                        retries=retries, partial_dir=ws.data_dir / PARTIAL_DIR, on_bytes=reporter.bytes)
        try:
            summary = client.sync(ws, peer, limit=limit, progress=reporter.stage, write=write)
        except SyncError as exc:
            if exc.status == 401:
                account.forget_token(ws)
            message = exc.message
            write(lambda: _record(ws, error=message))
            raise SyncFailed(exc.message, code=exc.code, status=exc.status) from exc
        except WireError as exc:
            text = f"监督站发来的数据无法使用（{exc}）。请把软件更新到最新版本；仍不行请联系管理员。"
            write(lambda: _record(ws, error=text))
            raise SyncFailed(text, code="wire") from exc
        except Cancelled:
            write(lambda: _record(ws, error="同步已取消，下次同步将从中断处继续。"))
            raise
        finally:
            peer.close()
    result = SyncResult(summary.pushed, summary.pulled, summary.conflicts, list(summary.refused),
                        summary.blobs_up, summary.blobs_down, peer.bytes_up, peer.bytes_down,
                        list(summary.chain_problems), utcnow())
    opened = _open_conflicts(ws)
    kinds = set(summary.tables) | ({"sync_conflicts"} if opened else set())
    result.changes = Changes.of(*sorted(kinds))
    text = result.text()
    problem = "；".join(summary.chain_problems)
    write(lambda: _record(ws, at=result.at, result=text, error=problem))
    return result


def _record(ws: Workspace, *, at: dt.datetime | None = None, result: str | None = None, error: str = "") -> None:
    with ws.store.unit(ws.actor) as uow:  # bookkeeping: settings are neither synced nor audited
        if at is not None:
            uow.set_setting(LAST_AT, at.isoformat())
        if result is not None:
            uow.set_setting(LAST_RESULT, result)
        uow.set_setting(LAST_ERROR, error)


def _open_conflicts(ws: Workspace) -> int:
    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(Conflict).where(
            Conflict.resolved.is_(False), Conflict.deleted.is_(False))) or 0


def status(ws: Workspace) -> SyncStatus:
    """What the status bar shows. Cheap: counts on indexed tables and a few settings."""
    acct = account.current(ws)
    with ws.read() as s:
        pending = s.scalar(select(func.count()).select_from(Outbox)) or 0
        refused = s.scalar(select(func.count()).select_from(Outbox).where(Outbox.error != "")) or 0
    raw = ws.get_setting(LAST_AT)
    try:
        last = dt.datetime.fromisoformat(raw) if raw else None
    except ValueError:
        last = None
    return SyncStatus(acct.signed_in, acct.server, acct.login, pending, refused, _open_conflicts(ws), last,
                      ws.get_setting(LAST_RESULT), ws.get_setting(LAST_ERROR))
