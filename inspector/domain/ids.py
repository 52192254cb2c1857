"""Ids. Most rows get a random UUID; a row that stands for a fact gets an id derived from the fact, so
two laptops that record the same fact (this checklist version, the answer to this item of this
inspection, this photo on this record) make the same id and meet as one row when they sync, instead
of colliding on a unique constraint."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

# Fixed forever: every store computes the same ids from it. Changing it re-keys every fact.
FACT_NAMESPACE = uuid.UUID("0b6c1f5e-8d4a-5f2b-9a37-4e1c2d3b5a60")


def new_id() -> str:
    return str(uuid.uuid4())


def fact_id(table: str, parts: Iterable[object]) -> str:
    """The id of the row of `table` that records the fact `parts` (values of its fact columns)."""
    key = "\x1f".join("" if p is None else str(p) for p in parts)
    return str(uuid.uuid5(FACT_NAMESPACE, f"{table}\x1e{key}"))
