"""Alembic environment of the office database: the shared domain tables and the office's own, on
SQLite or PostgreSQL, versioned in `office_alembic_version` (the laptop's chain, with its SQLite
batch operations, PRAGMAs and triggers, never runs here). The engine is handed in by
`inspector.office.migrate`; no alembic.ini."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from inspector.domain import Base
from inspector.office.models import OfficeBase

VERSION_TABLE = "office_alembic_version"
target_metadata = [Base.metadata, OfficeBase.metadata]
cfg = context.config


def run() -> None:
    engine = cfg.attributes.get("engine")
    if engine is None:  # `alembic` command line: -x url=...
        url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///office-autogen.sqlite3")
        engine = create_engine(url)
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, version_table=VERSION_TABLE,
                          render_as_batch=conn.dialect.name == "sqlite", compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
        conn.commit()


run()
