"""Fetching the one record a use case is about, or telling the user it is gone."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from inspector.services.errors import NotFound

T = TypeVar("T")


def live(s: Session, model: type[T], record_id: str | None, what: str) -> T:
    """The row with this id, unless it is missing or tombstoned: then NotFound("<what>不存在或已删除")."""
    obj = s.get(model, record_id) if record_id else None
    if obj is None or getattr(obj, "deleted", False):
        raise NotFound(f"{what}不存在或已删除")
    return obj
