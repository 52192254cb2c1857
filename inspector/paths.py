"""Where resources/, forms/ and user data live, from a source checkout and when frozen, and how
the data folder is kept private.

The data folder holds residents' names and phone numbers, evidence photos, signed records and the
signing key, so it is readable by its owner only: the folder and every folder in it 0700, every
file 0600, set explicitly (not left to the umask, which may be 022 or even 000 on a shared laptop).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_ENV_HOME = "INSPECTOR_HOME"
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
DB_NAME = "inspector.sqlite3"  # the store's SQLite file inside the data folder


def bundle_root() -> Path:
    """Root that holds resources/ and forms/: the repository, or PyInstaller's unpack folder."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def command_line() -> list[str]:
    """How to start this program's command line in a process of its own: the frozen executable
    (its entry point is the command line), or this Python running the package."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "inspector"]


def resources_dir() -> Path:
    return bundle_root() / "resources"


def forms_dir() -> Path:
    """The checklists: `$INSPECTOR_FORMS` (an office's own set, or a test's), else the shipped ones."""
    override = os.environ.get("INSPECTOR_FORMS")
    return Path(override) if override else bundle_root() / "forms"


def font_path() -> Path:
    """The CJK TrueType font embedded in PDFs and loaded into Qt (WenQuanYi Micro Hei)."""
    return resources_dir() / "fonts" / "wqy-microhei.ttf"


def fallback_font_path() -> Path:
    """The records' fallback for symbols the CJK font draws as nothing, such as ℃ (DejaVu Sans)."""
    return resources_dir() / "fonts" / "dejavu-sans.ttf"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The user's data folder: --data-dir, else $INSPECTOR_HOME, else the platform's data dir."""
    if override:
        path = Path(override)
    elif os.environ.get(_ENV_HOME):
        path = Path(os.environ[_ENV_HOME])
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir("inspector", appauthor=False))
    return private_dir(path)


def private_dir(path: str | os.PathLike[str]) -> Path:
    """Create `path` (and missing parents) 0700, whatever the umask. An existing folder loses its
    group and other permissions (a data folder made by an older version was 0755) but gains none:
    a folder its owner made read-only stays read-only."""
    path = Path(path)
    if not path.is_dir():
        if not path.parent.exists() and path.parent != path:
            private_dir(path.parent)  # mkdir(parents=True) would make the missing parents 0755
        try:
            path.mkdir(mode=PRIVATE_DIR)
            os.chmod(path, PRIVATE_DIR)  # mkdir's mode is masked by the umask
            return path
        except FileExistsError:
            pass  # made by another thread meanwhile
    _tighten(path)
    return path


def _tighten(path: str | os.PathLike[str]) -> None:
    mode = os.stat(path).st_mode & 0o777
    if mode & 0o077:
        try:
            os.chmod(path, mode & 0o700)
        except PermissionError:  # not ours (a shared folder): nothing this program may change
            pass


def private_file(path: str | os.PathLike[str]) -> None:
    """Take group and other permissions off an existing file (if it exists): for files another
    library creates, and for those an older version left 0644."""
    try:
        _tighten(path)
    except FileNotFoundError:
        pass


def create_private_file(path: str | os.PathLike[str]) -> None:
    """Create an empty file 0600 unless it exists, so that a library that then opens it (SQLite)
    never makes it readable by others, not even for a moment; an existing one is tightened."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        private_file(path)
        return
    try:
        os.fchmod(fd, PRIVATE_FILE)  # O_CREAT's mode is masked by the umask: 0o277 would give 0400
    finally:
        os.close(fd)


def write_private(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to `path` atomically (temp file 0600, fsync, rename, fsync of the folder), in a
    private folder: a kill leaves the old file or the new one, never half of one."""
    import tempfile

    path = Path(path)
    private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        os.fchmod(fd, PRIVATE_FILE)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
