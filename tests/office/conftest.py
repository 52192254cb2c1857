"""The office under test: a real server process per test module and database dialect (SQLite file,
and a throwaway PostgreSQL cluster per test session), with an in-process handle on the same
database to look at what the server did (or did not) change."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from inspector.office.accounts import add_user, user_id_of
from inspector.office.config import OfficeSettings
from inspector.office.core import Office
from inspector.store import Workspace
from tests.office.postgres import Cluster, require_postgres
from tests.office.server import HttpPeer, OfficeServer, login
from tests.sync.helpers import fresh_store_dir, laptop

PASSWORD = "correct-horse-7"
DIALECTS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
_names = itertools.count()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    cluster = Cluster(require_postgres())
    cluster.start()
    yield cluster
    cluster.stop()


def new_database(request: pytest.FixtureRequest) -> str:
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database(f"office_{os.getpid()}_{next(_names)}")


@dataclass
class Deployment:
    dialect: str
    base: Path
    data_dir: Path
    db_url: str | None
    server: OfficeServer
    office: Office

    @property
    def url(self) -> str:
        return self.server.url

    def add_user(self, login_name: str, district: str = "城中区", *, admin: bool = False) -> str:
        add_user(self.office, login_name, PASSWORD, district=district, admin=admin)
        return user_id_of(login_name)

    def laptop(self, name: str) -> Workspace:
        return laptop(fresh_store_dir(self.base, f"{name}-{next(_names)}"), name)

    def token(self, user: str, device_id: str, *, address: str | None = None) -> str:
        r = login(self.url, user, PASSWORD, device_id, address=address)
        assert r.status_code == 200, r.text
        return r.json()["token"]

    def peer(self, ws: Workspace, user: str) -> HttpPeer:
        return HttpPeer(self.url, self.token(user, ws.device_id))

    def client(self, token: str) -> httpx.Client:
        return httpx.Client(base_url=self.url, headers={"Authorization": f"Bearer {token}"}, timeout=60)


def start_deployment(request: pytest.FixtureRequest, base: Path, dialect: str) -> Deployment:
    db_url = new_database(request) if dialect == "postgresql" else None
    data_dir = base / "office"
    office = Office(OfficeSettings(data_dir, db_url))  # migrates before the server starts
    server = OfficeServer(data_dir, db_url).start()
    return Deployment(dialect, base, data_dir, db_url, server, office)


@pytest.fixture(scope="module", params=DIALECTS)
def deployment(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    d = start_deployment(request, tmp_path_factory.mktemp(f"office-{request.param}"), request.param)
    d.add_user("li", "城中区")
    d.add_user("zhao", "城西区")
    d.add_user("boss", "", admin=True)
    yield d
    d.server.stop()
    d.office.close()
