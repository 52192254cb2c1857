"""The office as a real HTTP server on 127.0.0.1, and laptops signed in to it."""

from __future__ import annotations

import pytest

from tests.sync.helpers import fresh_store_dir, office
from tests.sync.http_office import Served, TestOffice


@pytest.fixture
def http_office(tmp_path):
    """(office store, the test office, its server) — a real uvicorn on a free port."""
    hub = office(tmp_path / "office")
    srv = TestOffice(hub)
    served = Served(srv.app).start()
    yield hub, srv, served
    served.stop()
    hub.close()


@pytest.fixture
def make_laptop(tmp_path):
    """Fresh laptop stores (copied from a migrated template: fast), closed at the end."""
    from inspector.store import Actor, open_workspace

    opened = []

    def make(name: str):
        ws = open_workspace(fresh_store_dir(tmp_path, name), Actor(name))
        opened.append(ws)
        return ws

    yield make
    for ws in opened:
        ws.close()
