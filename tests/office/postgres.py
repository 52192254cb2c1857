"""A throwaway PostgreSQL cluster from Debian's `postgresql` package, for the office's tests: initdb
into a temporary directory, start on a free loopback port with its socket in that directory, stop
and delete it afterwards. initdb refuses root, so as root the cluster runs as the `postgres`
system user (created by the package) or, failing that, a user made here (`useradd`)."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

PG_USER = "app"  # the database role the tests connect as (trust authentication on loopback)


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


def require_postgres() -> Path:
    """The PostgreSQL binaries, or skip (never on CI: there a missing PostgreSQL is a failure)."""
    bins = _bin_dir()
    if bins is None:
        message = ("PostgreSQL is not installed, so the office's PostgreSQL tests cannot run: "
                   "`apt-get install --no-install-recommends postgresql` (scripts/test installs it)")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return bins


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _system_user() -> pwd.struct_passwd | None:
    """Who runs the cluster: ourselves, or (as root) an unprivileged system user."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "inspector-pg"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "inspector-pg"],
                   check=True, capture_output=True)
    return pwd.getpwnam("inspector-pg")


class Cluster:
    def __init__(self, bins: Path) -> None:
        self.bins = bins
        self.owner = _system_user()
        # /tmp, not pytest's tmp_path: the cluster's user must be able to reach the directory.
        self.dir = Path(tempfile.mkdtemp(prefix="inspector-pg-"))
        if self.owner is not None:
            os.chown(self.dir, self.owner.pw_uid, self.owner.pw_gid)
        self.data = self.dir / "data"
        self.port = 0

    def _run(self, *cmd: str) -> subprocess.CompletedProcess:
        kwargs = {}
        if self.owner is not None:
            kwargs = {"user": self.owner.pw_uid, "group": self.owner.pw_gid, "extra_groups": []}
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(self.dir)}
        proc = subprocess.run(list(cmd), capture_output=True, text=True, env=env, cwd=self.dir, timeout=120,
                              **kwargs)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        return proc

    def start(self) -> None:
        self._run(str(self.bins / "initdb"), "-D", str(self.data), "-U", PG_USER, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        for attempt in range(5):
            self.port = _free_port()
            # A test cluster: no fsync (its data is thrown away), socket in its own directory.
            opts = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                    "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
            try:
                self._run(str(self.bins / "pg_ctl"), "-D", str(self.data), "-o", opts, "-l",
                          str(self.dir / "log"), "-w", "-t", "60", "start")
                return
            except RuntimeError:
                if attempt == 4:
                    raise
                time.sleep(0.2)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{PG_USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={PG_USER} dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            if self.port:
                self._run(str(self.bins / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
