"""The office as a real HTTP server on 127.0.0.1, and laptops signed in to it."""

from __future__ import annotations

import pytest

from tests.sync.helpers import fresh_store_dir
from tests.sync.real_office import RealOffice


@pytest.fixture(scope="module")
def shared_office(tmp_path_factory):
    """One real `inspector-office serve` for a test module (a process start costs a second or two):
    tests that share it use their own project ids and compare what they made, not the whole office."""
    office = RealOffice(tmp_path_factory.mktemp("shared-office")).start()
    yield office
    office.close()


@pytest.fixture
def fresh_office(tmp_path):
    """A real office of the test's own: for tests that stop or kill it, or compare all it holds."""
    office = RealOffice(tmp_path).start()
    yield office
    office.close()


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
