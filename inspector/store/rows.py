"""Row values as plain JSON data: one conversion for the audit log, the seal of a signed record and
the sync wire, so the same row hashes and compares the same everywhere."""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Date, Float, Integer, Numeric, inspect
from sqlalchemy.orm import Mapper

from inspector.domain.base import JSONText, Synced, UTCDateTime

_DATETIME, _DATE, _BOOL, _INT, _FLOAT, _JSON, _TEXT = range(7)


@cache
def column_types(model: type) -> dict[str, int]:
    """Column name -> how its value travels as JSON."""
    mapper: Mapper = inspect(model)
    out: dict[str, int] = {}
    for attr in mapper.column_attrs:
        t = attr.columns[0].type
        if isinstance(t, UTCDateTime):
            out[attr.key] = _DATETIME
        elif isinstance(t, Date):
            out[attr.key] = _DATE
        elif isinstance(t, Boolean):
            out[attr.key] = _BOOL
        elif isinstance(t, Integer):
            out[attr.key] = _INT
        elif isinstance(t, Float | Numeric):
            out[attr.key] = _FLOAT
        elif isinstance(t, JSONText):
            out[attr.key] = _JSON
        else:
            out[attr.key] = _TEXT
    return out


@cache
def content_columns(model: type) -> tuple[str, ...]:
    """Every column but the sync bookkeeping (what a row says, not who wrote it when)."""
    meta = Synced.META_COLUMNS if issubclass(model, Synced) else frozenset()
    return tuple(c for c in column_types(model) if c not in meta)


def to_json(value: Any, kind: int) -> Any:
    if value is None:
        return None
    if kind == _DATETIME:
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).isoformat()
    if kind == _DATE:
        return value.isoformat()
    if kind == _BOOL:
        return bool(value)
    if kind == _INT:
        return int(value)
    if kind == _FLOAT:
        return float(value) if isinstance(value, int | float | decimal.Decimal) else value
    return value


def from_json(value: Any, kind: int) -> Any:
    """The Python value of a JSON value; raises ValueError/TypeError on a value of the wrong shape."""
    if value is None:
        return None
    if kind == _DATETIME:
        parsed = dt.datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
    if kind == _DATE:
        return dt.date.fromisoformat(value)
    if kind == _BOOL:
        if not isinstance(value, bool | int):
            raise TypeError(f"not a boolean: {value!r}")
        return bool(value)
    if kind == _INT:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"not an integer: {value!r}")
        return value
    if kind == _FLOAT:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"not a number: {value!r}")
        return float(value)
    if kind == _TEXT and not isinstance(value, str):
        raise TypeError(f"not text: {value!r}")
    return value


def values(obj: Any, columns: tuple[str, ...] | list[str] | None = None) -> dict[str, Any]:
    """The row's values (current, as set on the object) as JSON data."""
    types = column_types(type(obj))
    cols = columns if columns is not None else tuple(types)
    return {c: to_json(getattr(obj, c), types[c]) for c in cols}


def committed_values(obj: Any, columns: tuple[str, ...] | list[str] | None = None) -> dict[str, Any]:
    """The row's values as last flushed (before the changes pending on the object)."""
    state = inspect(obj)
    types = column_types(type(obj))
    out = {}
    for c in (columns if columns is not None else tuple(types)):
        hist = state.attrs[c].history
        if hist.deleted:
            value = hist.deleted[0]
        elif hist.unchanged:
            value = hist.unchanged[0]
        else:
            value = state.committed_state.get(c, getattr(obj, c))
        out[c] = to_json(value, types[c])
    return out


def changed_columns(obj: Any) -> dict[str, tuple[Any, Any]]:
    """Columns whose pending value differs from the flushed one: name -> (before, after) as JSON."""
    state = inspect(obj)
    types = column_types(type(obj))
    out = {}
    for c, kind in types.items():
        hist = state.attrs[c].history
        if not hist.has_changes():
            continue
        old = hist.deleted[0] if hist.deleted else None
        new = hist.added[0] if hist.added else None
        before, after = to_json(old, kind), to_json(new, kind)
        if before != after:
            out[c] = (before, after)
    return out


def canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sha256_of(data: Any) -> str:
    return hashlib.sha256(canonical(data).encode("utf-8")).hexdigest()
