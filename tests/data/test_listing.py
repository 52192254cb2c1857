"""`inspector list` and `inspector demo`, run as real processes against a demo store."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from inspector.commands.table import display_width, format_table, json_lines
from inspector.services.listing import KINDS, list_records
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("listing")
    proc = run_cli("demo", data_dir=d, check=True)
    assert "已写入演示数据" in proc.stdout and "改造项目：13" in proc.stdout
    return d


def test_demo_command_twice_says_it_is_there(demo_dir):
    proc = run_cli("demo", data_dir=demo_dir, check=True)
    assert "演示数据已存在" in proc.stdout


def test_list_projects_as_a_table(demo_dir):
    proc = run_cli("list", "projects", data_dir=demo_dir, check=True)
    lines = proc.stdout.splitlines()
    assert lines[0].split()[:4] == ["ID", "项目编号", "项目名称", "县区"]
    assert "XN-DEMO-CD-01" in proc.stdout and "城东区" in proc.stdout
    assert lines[-1] == "共 13 条改造项目记录"
    # Columns line up on screen: the code column starts at the same terminal column in every row.
    starts = {display_width(line[:line.index("XN-DEMO-")]) for line in lines[2:-1]}
    assert len(starts) == 1


def test_cli_knows_every_kind():
    from inspector.commands.data import LIST_KINDS

    assert list(LIST_KINDS) == list(KINDS)


def test_json_lines_for_every_kind(demo_dir):
    from inspector.store import open_workspace

    store = open_workspace(demo_dir)
    for kind in KINDS:
        rows = [json.loads(line) for line in json_lines(list_records(store, kind=kind))]
        keys = [c.key for c in KINDS[kind].columns]
        for row in rows:
            assert list(row) == keys
        assert rows, kind  # the demo has every kind, photos and signed acceptance/handover included
        assert len({r["id"] for r in rows}) == len(rows)
    store.close()


def test_json_dates_are_iso_and_phones_masked(demo_dir):
    proc = run_cli("list", "rectifications", "--json", data_dir=demo_dir, check=True)
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    for r in rows:
        dt.date.fromisoformat(r["issued_on"])
    assert any(r["days_overdue"] > 0 for r in rows)
    assert {r["status"] for r in rows} >= {"issued", "closed"}
    from inspector.store import open_workspace

    store = open_workspace(demo_dir)
    listing = list_records(store, kind="complaints")
    store.close()
    for r in map(json.loads, json_lines(listing)):
        assert dt.datetime.fromisoformat(r["received_at"]).tzinfo is not None
        assert "****" in r["complainant_phone"]
    table = format_table(listing)
    assert "13897123456" not in table and "138****3456" in table


def test_table_shows_labels_not_codes(demo_dir):
    proc = run_cli("list", "inspections", data_dir=demo_dir, check=True)
    assert "已签署" in proc.stdout and "草稿" in proc.stdout and "signed" not in proc.stdout


def test_unknown_kind_is_refused(demo_dir):
    proc = run_cli("list", "widgets", data_dir=demo_dir)
    assert proc.returncode == 2
    assert "未知的记录类型" in proc.stderr and "projects" in proc.stderr
    assert proc.stdout == ""


def test_empty_store_lists_nothing(store):
    listing = list_records(store, kind="projects")
    assert listing.rows == []
    assert format_table(listing).splitlines()[-1] == "共 0 条改造项目记录"
