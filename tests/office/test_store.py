"""The office's database, on SQLite and PostgreSQL: its own Alembic chain builds exactly the models'
tables (the shared domain and the office's own), the laptop's chain never runs there, two processes
opening an empty database at once agree on one office, and the files are the server's alone."""

from __future__ import annotations

import stat
import subprocess
import sys

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from inspector.domain import Base
from inspector.office import migrate
from inspector.office.models import OfficeBase
from inspector.office.store import OFFICE_DB, OfficeStore
from inspector.office.web.crossflags import FLAG_INDEXES
from inspector.store.search_index import PG_SEARCH_INDEXES
from tests.office.conftest import DIALECTS, new_database
from tests.office.server import REPO


@pytest.fixture(params=DIALECTS)
def db(request, tmp_path):
    return request.param, (new_database(request) if request.param == "postgresql" else None), tmp_path / "office"


def test_the_office_chain_builds_the_models_tables_and_nothing_of_the_laptops(db):
    dialect, url, data_dir = db
    store = OfficeStore(data_dir, url)
    try:
        assert store.dialect == dialect and migrate.current(store.engine) == migrate.head() == "0006"
        assert migrate.alembic_heads() == ["0006"]
        with store.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            assert "alembic_version" not in tables and "office_alembic_version" in tables
            assert set(Base.metadata.tables) | set(OfficeBase.metadata.tables) <= tables
            ctx = MigrationContext.configure(conn, opts={"compare_type": dialect == "sqlite",
                                                         "version_table": migrate.VERSION_TABLE})
            diff = compare_metadata(ctx, [Base.metadata, OfficeBase.metadata])
            # Deferred foreign keys are this chain's choice (checked at commit, as on the laptop).
            diff = [d for d in diff if not (isinstance(d, tuple) and d[0] in ("add_fk", "remove_fk"))]
            # So are the search's trigram indexes (PostgreSQL expressions the models do not declare) and
            # the red-flag rules' covering indexes (office-only).
            trigram = {name for name, _t, _e in PG_SEARCH_INDEXES} | {name for name, _t, _c in FLAG_INDEXES}
            diff = [d for d in diff if not (isinstance(d, tuple) and d[0] == "remove_index" and d[1].name in trigram)]
            assert diff == [], diff
            if dialect == "postgresql":
                triggers = conn.execute(text("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal")).scalar()
                assert triggers == 0  # the lock triggers are SQLite's; here the hook and seals guard
                collation = conn.execute(text(
                    "SELECT collation_name FROM information_schema.columns "
                    "WHERE table_name = 'projects' AND column_name = 'id'")).scalar()
                assert collation == "C"
            else:
                names = [r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))]
                assert any(n.startswith("lock_inspections") for n in names)
        assert store.role == "office" and store.device_id
    finally:
        store.close()


def test_two_processes_opening_an_empty_database_at_once_agree_on_one_office(db):
    _dialect, url, data_dir = db
    code = ("import sys; from inspector.office.store import OfficeStore; "
            "s = OfficeStore(sys.argv[1], sys.argv[2] or None); print(s.device_id); s.close()")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(data_dir), url or ""], cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    ids = {o[0].strip() for o in outs}
    assert len(ids) == 1 and OfficeStore(data_dir, url).device_id in ids


def test_the_data_directory_and_database_file_are_the_servers_alone(tmp_path):
    data_dir = tmp_path / "office"
    data_dir.mkdir(mode=0o755)
    store = OfficeStore(data_dir)
    try:
        assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
        for name in (OFFICE_DB, OFFICE_DB + "-wal", OFFICE_DB + "-shm"):
            assert stat.S_IMODE((data_dir / name).stat().st_mode) == 0o600, name
    finally:
        store.close()


def test_a_bad_database_url_says_what_to_do(tmp_path):
    from inspector.office.store import OfficeStoreError

    for url, words in (("mysql://x/y", "不支持"), ("sqlite://", "必须是文件"), ("not a url", "数据库地址无效"),
                       ("postgresql+psycopg://nobody@127.0.0.1:1/none", "无法连接")):
        with pytest.raises(OfficeStoreError) as err:
            OfficeStore(tmp_path / "o", url)
        assert words in str(err.value), (url, err.value)
