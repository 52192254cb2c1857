"""The real office for the laptop's tests: `inspector-office serve` as a process on 127.0.0.1 (SQLite
in its data directory), with an in-process handle on the same database and blob directory to see
what the server holds. A migrated office data directory is copied from a template, so a new office
costs only the server's start."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import httpx
from sqlalchemy import select

from inspector.office.accounts import add_user
from inspector.office.config import OfficeSettings
from inspector.office.core import Office
from inspector.office.models import Device, Token
from inspector.store import Workspace
from inspector.sync import api
from tests.office.server import OfficeServer

PASSWORD = "secret-1"
STATION = "西宁市建设工程质量安全监督站（测试）"
_TEMPLATE: dict[str, Path] = {}


def _template() -> Path:
    if "dir" not in _TEMPLATE:
        tpl = Path(tempfile.mkdtemp(prefix="inspector-office-tpl-")) / "office"
        atexit.register(shutil.rmtree, tpl.parent, True)  # one per test process, not left in /tmp
        Office(OfficeSettings(tpl)).close()
        _TEMPLATE["dir"] = tpl
    return _TEMPLATE["dir"]


class RealOffice:
    """One office: its data directory, its server process, and `hub`, the office store as a Workspace."""

    def __init__(self, base: Path, *server_args: str, users: bool = True, db_url: str | None = None) -> None:
        """`db_url`: a PostgreSQL database for the office (migrated here), else SQLite in its data dir."""
        self.data_dir = base / "office"
        blobs = self.data_dir / "blobs"
        premade = blobs.exists()  # e.g. a small filesystem mounted there by the test
        if db_url is None:
            shutil.copytree(_template(), self.data_dir, dirs_exist_ok=premade,
                            ignore=shutil.ignore_patterns("blobs") if premade else None)
        self.office = Office(OfficeSettings(self.data_dir, db_url))
        self.server = OfficeServer(self.data_dir, db_url, "--station-name", STATION, *server_args,
                                   log=base / "office-server.log")
        if users:
            self.add_user("li")

    @property
    def hub(self) -> Workspace:
        return self.office.workspace

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def port(self) -> int:
        return self.server.port

    def start(self, **kwargs: object) -> RealOffice:
        self.server.start(**kwargs)  # type: ignore[arg-type]
        return self

    def restart(self) -> None:
        """Start the server again on the same port (after `server.kill()` or `server.stop()`)."""
        self.server.start(port=self.server.port)

    def add_user(self, login: str, *, district: str = "城中区", name: str = "李淑芬", badge_no: str = "QH-0101",
                 admin: bool = False) -> None:
        add_user(self.office, login, PASSWORD, district=district, name=name, badge_no=badge_no, admin=admin)

    def token_valid(self, token: str) -> bool:
        """Whether the office still takes this token (asked the server, as a laptop would)."""
        r = httpx.get(self.url + api.ME, headers={"Authorization": f"Bearer {token}"}, timeout=30)
        assert r.status_code in (200, 401), r.text
        return r.status_code == 200

    def live_tokens(self) -> int:
        with self.office.reading() as s:
            return len([t for t in s.scalars(select(Token)) if t.revoked_at is None])

    def revoke_tokens(self, device_id: str) -> None:
        """The device signed out at the office (as revoking its user does to all their devices)."""
        from inspector.domain import utcnow

        with self.office.session() as s:
            for t in s.scalars(select(Token).where(Token.device_id == device_id)):
                t.revoked_at = t.revoked_at or utcnow()

    def device(self, device_id: str) -> Device | None:
        with self.office.reading() as s:
            return s.get(Device, device_id)

    def blob_path(self, sha256: str) -> Path:
        return self.office.store.blobs.path(sha256)

    def partial(self, sha256: str) -> Path:
        """Where the server keeps the bytes of an unfinished upload."""
        return self.office.store.blobs.root / "partial" / sha256

    def close(self) -> None:
        self.server.stop()
        self.office.close()
