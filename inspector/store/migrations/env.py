"""Alembic environment: uses the engine handed in by inspector.store.migrate (no alembic.ini)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from inspector.domain import Base

target_metadata = Base.metadata
cfg = context.config


def run() -> None:
    engine = cfg.attributes.get("engine")
    if engine is None:  # `alembic` command line: -x url=sqlite:///path
        url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///autogen.sqlite3")
        engine = create_engine(url)
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True,
                          compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
        conn.commit()


run()
