"""台账 exports in the background: a request starts one (or finds the same one already running) and
answers at once; a thread of the server process that took the request writes the workbook into
`exports/` of the data directory and records its progress in `office_export_jobs`, where every
server process on the database sees it. The status page polls that row; the file goes to the
account that asked, and only to it, and is removed `KEEP_S` after it was made.

A process that dies mid-export leaves its row running with a heartbeat that stops: after `STALE_S`
the job counts as interrupted (its page says so, and the same export may be started again)."""

from __future__ import annotations

import datetime as dt
import errno
import logging
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from inspector.domain import utcnow
from inspector.domain.clock import CHINA_TZ
from inspector.office.core import Office
from inspector.office.models import ExportJob
from inspector.office.store import secure_dir
from inspector.office.web import queries
from inspector.sync.scope import Scope

log = logging.getLogger(__name__)
EXPORT_DIR = "exports"
KEEP_S = 30 * 60  # a finished export's file is kept this long
STALE_S = 120.0  # a running job whose heartbeat is older than this was interrupted
PROGRESS_S = 0.5  # at most this often a progress write
INTERRUPTED = "导出被中断（监督站服务重启或进程退出），台账未生成：请重新导出"


@dataclass(frozen=True)
class JobView:
    id: str
    state: str  # running / done / failed
    stage: str
    done_rows: int
    total_rows: int
    size: int
    message: str
    query: str
    started_at: dt.datetime
    finished_at: dt.datetime | None

    @property
    def percent(self) -> int:
        if self.state == "done":
            return 100
        return min(99, int(100 * self.done_rows / self.total_rows)) if self.total_rows else 0

    @property
    def expires_at(self) -> dt.datetime | None:
        return self.finished_at + dt.timedelta(seconds=KEEP_S) if self.finished_at else None

    @property
    def file_name(self) -> str:
        return f"监督台账-{self.started_at.astimezone(CHINA_TZ):%Y%m%d-%H%M}.xlsx"


def _view(job: ExportJob, now: dt.datetime) -> JobView:
    state, message = job.state, job.message
    if state == "running" and (now - job.heartbeat_at).total_seconds() > STALE_S:
        state, message = "failed", INTERRUPTED
    return JobView(job.id, state, job.stage, job.done_rows, job.total_rows, job.size, message, job.query,
                   job.started_at, job.finished_at)


def export_dir(office: Office) -> Path:
    return Path(office.settings.data_dir) / EXPORT_DIR


def file_path(office: Office, job_id: str) -> Path:
    return export_dir(office) / f"{job_id}.xlsx"


def begin(office: Office, login: str, query: str, *, now: dt.datetime | None = None) -> tuple[str, bool]:
    """The export of `query` (the project list's filters) for `login`: (its job id, True) if this
    call started it (the caller runs it: `start`), or the id of the same export already running."""
    now = now or utcnow()
    sweep(office, now=now)
    key = f"{login}\n{query}"
    for attempt in range(3):  # two processes may insert the same export at once: look again
        try:
            with office.session() as s:
                running = s.scalars(select(ExportJob).where(ExportJob.running_key == key)).first()
                if running is not None:
                    if (now - running.heartbeat_at).total_seconds() <= STALE_S:
                        return running.id, False
                    running.state, running.message, running.running_key = "failed", INTERRUPTED, None
                    running.finished_at = now
                    s.flush()
                job = ExportJob(id=secrets.token_hex(16), login=login, query=query, running_key=key, state="running",
                                stage="", done_rows=0, total_rows=0, size=0, message="", started_at=now,
                                heartbeat_at=now)
                s.add(job)
            return job.id, True
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def start(office: Office, job_id: str, scope: Scope | None, f: queries.Filters, *, today: dt.date) -> threading.Thread:
    """Run the job on a thread of this process (it outlives the request that started it)."""
    thread = threading.Thread(target=run, args=(office, job_id, scope, f), kwargs={"today": today},
                              name=f"export-{job_id[:8]}", daemon=True)
    thread.start()
    return thread


def _update(office: Office, job_id: str, **values: object) -> None:
    with office.session() as s:
        job = s.get(ExportJob, job_id)
        if job is not None:
            for k, v in values.items():
                setattr(job, k, v)


_OS_REASONS = {
    errno.EEXIST: "同名的文件占用了导出文件夹的位置", errno.ENOTDIR: "导出文件夹的位置上是一个文件",
    errno.ENOENT: "导出文件夹不存在", errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限",
    errno.EROFS: "磁盘是只读的",
}


def failure_message(exc: BaseException) -> str:
    """What went wrong, in words an office user can act on."""
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return "监督站磁盘空间不足，台账未生成：请管理员清理磁盘后重新导出"
    if isinstance(exc, OSError):
        why = _OS_REASONS.get(exc.errno or 0, exc.strerror or str(exc))
        return (f"无法写入台账文件（{why}）：请管理员检查数据目录中的 {EXPORT_DIR} "
                "文件夹是否存在且可写，然后重新导出")
    if isinstance(exc, SQLAlchemyError):
        return "读取监督站数据库时出错，台账未生成：请稍后重新导出；如仍失败，请联系管理员查看服务日志"
    return f"生成台账时出错（{type(exc).__name__}），台账未生成：请重新导出；如仍失败，请联系管理员查看服务日志"


def run(office: Office, job_id: str, scope: Scope | None, f: queries.Filters, *, today: dt.date) -> None:
    """Write the workbook and record how far it is. Runs off the request, on its own thread."""
    from inspector.office.web import export

    path = file_path(office, job_id)
    last = 0.0

    def progress(stage: str, done: int, total: int) -> None:
        nonlocal last
        if time.monotonic() - last < PROGRESS_S and done < total:
            return
        last = time.monotonic()
        _update(office, job_id, stage=stage, done_rows=done, total_rows=total, heartbeat_at=utcnow())

    try:
        secure_dir(export_dir(office))
        export.write(office, path, scope, f, today=today, progress=progress)
        size = path.stat().st_size
    except Exception as exc:  # noqa: BLE001 - any failure ends the job with its reason
        log.exception("台账导出 %s 失败", job_id)
        try:  # the half-written file, if the folder is there at all
            path.with_name(path.name + ".part").unlink(missing_ok=True)
        except OSError:
            pass
        try:
            _update(office, job_id, state="failed", message=failure_message(exc), running_key=None,
                    finished_at=utcnow(), heartbeat_at=utcnow())
        except Exception:  # noqa: BLE001 - the row will read as interrupted once its heartbeat is stale
            log.exception("台账导出 %s：无法记录失败", job_id)
        return
    _update(office, job_id, state="done", size=size, running_key=None, finished_at=utcnow(), heartbeat_at=utcnow(),
            stage="")


def view(office: Office, job_id: str, login: str, *, now: dt.datetime | None = None) -> JobView | None:
    """The job if `login` started it (None for anyone else: they learn nothing of it)."""
    with office.reading() as s:
        job = s.get(ExportJob, job_id[:32])
        if job is None or job.login != login:
            return None
        return _view(job, now or utcnow())


def sweep(office: Office, *, now: dt.datetime | None = None) -> int:
    """Remove finished exports older than `KEEP_S` (rows and files), and files no job names any
    more (left by a process that died while writing). Returns how many files went."""
    now = now or utcnow()
    cutoff = now - dt.timedelta(seconds=KEEP_S)
    with office.session() as s:
        old = list(s.scalars(select(ExportJob.id).where(ExportJob.finished_at < cutoff)))
        if old:
            s.execute(delete(ExportJob).where(ExportJob.id.in_(old)))
        known = set(s.scalars(select(ExportJob.id)))
    removed = 0
    folder = export_dir(office)
    if not folder.is_dir():
        return 0
    for p in folder.iterdir():
        job_id = p.name.split(".", 1)[0]
        orphan = job_id not in known and p.stat().st_mtime < now.timestamp() - STALE_S
        if job_id in old or orphan:
            p.unlink(missing_ok=True)
            removed += 1
    return removed
