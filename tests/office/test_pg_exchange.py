"""The in-process exchange suite (tests/sync/test_exchange.py) with the office's store on a real
PostgreSQL: the sync-state functions (changes_since, apply_remote, acknowledge) behave the same on
both databases. (A signed record refused from elsewhere: over HTTP, in test_access.py.)"""

from __future__ import annotations

import pytest

from inspector.office.store import open_office
from tests.office.conftest import new_database
from tests.sync import test_exchange as exchange
from tests.sync.helpers import laptop
from tests.sync.test_exchange import (  # noqa: F401 - collected here, with the PostgreSQL office below
    test_a_replayed_batch_changes_nothing,
    test_edits_of_different_fields_merge_and_of_one_field_keep_both,
)

pytestmark = pytest.mark.postgres


def _trio(request, tmp_path):  # type: ignore[no-untyped-def]
    hub = open_office(tmp_path / "office", new_database(request))
    a, b = laptop(tmp_path / "a", "李淑芬"), laptop(tmp_path / "b", "王建国")
    assert hub.store.dialect == "postgresql"
    yield hub, a, b
    for ws in (hub, a, b):
        ws.close()


@pytest.fixture
def trio(request, tmp_path):
    yield from _trio(request, tmp_path)


@pytest.fixture
def demo_trio(request, tmp_path, demo_copy):
    """The three, laptop a holding a copy of the demo."""
    demo_copy(tmp_path / "a")
    yield from _trio(request, tmp_path)


@pytest.mark.slow
def test_the_demo_crosses_whole_through_a_postgresql_office(demo_trio):
    exchange.test_demo_crosses_to_the_office_and_to_another_laptop_whole(demo_trio)
