"""Declarative base, column types and the sync metadata every synced table carries (DESIGN.md §3)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, ClassVar

from sqlalchemy import Boolean, DateTime, Integer, MetaData, String, Text, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.orm.decl_base import _declarative_constructor

from inspector.domain.ids import fact_id, new_id

# Stable constraint names so Alembic batch migrations on SQLite can find them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes; SQLite has no time zones, so naive values are refused on the way in."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store times in UTC with tzinfo")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC)


class JSONText(TypeDecorator[Any]):
    """JSON kept as canonical text (sorted keys), so equal values compare and hash equal."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def process_result_value(self, value: str | None, dialect: Any) -> Any:
        if value is None:
            return None
        return json.loads(value)


class CompactJSONText(JSONText):
    """Canonical JSON without the spaces after separators: for the audit log, which holds a copy of
    every change and is never edited (the event's hash is over the parsed value, not this text)."""

    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _fact_value(obj: Any, column: str, kwargs: dict[str, Any]) -> Any:
    if kwargs.get(column) is not None:
        return kwargs[column]
    default = obj.__table__.c[column].default
    if default is not None and default.is_scalar:
        return default.arg
    raise ValueError(f"{type(obj).__name__}: {column} is needed to derive its id")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)

    def __init__(self, **kwargs: Any) -> None:
        # Ids are known from construction, so services can link new rows before any flush. A row
        # that records a fact (FACT_COLUMNS) takes the id of that fact, the same on every laptop.
        if isinstance(self, Synced) and kwargs.get("id") is None:
            facts = type(self).FACT_COLUMNS
            if facts:
                kwargs["id"] = fact_id(self.__tablename__, [_fact_value(self, c, kwargs) for c in facts])
            else:
                kwargs["id"] = new_id()
        _declarative_constructor(self, **kwargs)


class Synced:
    """Columns every synced table has (DESIGN.md §3, §7).

    `rev`: this store's change sequence at the row's last write (one step per transaction, whatever
    wrote it: a local edit or a row applied from the office). `base_rev`: the office's revision the
    row's content is based on (0: the office has never acknowledged it). Which rows hold local
    changes the office has not acknowledged is kept in `sync_outbox`, written in the same
    transaction as the change. `FACT_COLUMNS`: set on a model whose rows stand for a fact, whose id
    is then derived from those columns (`ids.fact_id`)."""

    FACT_COLUMNS: ClassVar[tuple[str, ...]] = ()

    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=new_id)
    rev: Mapped[int] = mapped_column(Integer, default=1, nullable=False, index=True)
    base_rev: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    updated_by: Mapped[str] = mapped_column(String(64), default="", nullable=False)
    device_id: Mapped[str] = mapped_column(String(64), default="", nullable=False)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)

    # Columns that are bookkeeping, not content: left out of audit diffs and content hashes.
    META_COLUMNS: ClassVar[frozenset[str]] = frozenset({"rev", "base_rev", "updated_at", "updated_by",
                                                        "device_id"})


class Lockable:
    """A record that becomes immutable once signed. The store refuses any change to a row whose
    committed `locked_at` is set, and to every row its signed PDF prints (flush hook and SQLite
    triggers, see `store/locks.py`); corrections are new rows that point at the original through
    `amends_id`.

    At signing: `content_sha256` = SHA-256 of `signed_content`, exactly what the PDF prints (the
    project block included, as it stood then); `seal_sha256` = SHA-256 of the record's own rows as
    they stood (`store/seal.py`), so a change that got past the locks is found by `inspector verify`
    and `inspector audit verify`."""

    # Columns that track the record's workflow after signing (not its signed content): they may
    # still change on a locked row, each change audited. Empty for most records.
    WORKFLOW_COLUMNS: ClassVar[frozenset[str]] = frozenset()
    # Set when the record is signed, and never after.
    SIGNING_COLUMNS: ClassVar[frozenset[str]] = frozenset({
        "locked_at", "pdf_sha256", "content_sha256", "signer_fingerprint", "signer_name", "seal_sha256",
        "signed_content"})

    locked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    amends_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    content_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    signer_fingerprint: Mapped[str | None] = mapped_column(String(128), nullable=True)
    signer_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    seal_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    signed_content: Mapped[dict | None] = mapped_column(JSONText, nullable=True)

