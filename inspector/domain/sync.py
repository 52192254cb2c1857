"""What the store knows about sync (DESIGN.md §7): its change sequence, the local changes the office
has not acknowledged (the outbox), per-field revisions (on the office), the audit chain heads the
office acknowledged, and conflicts kept with both versions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from inspector.domain.base import Base, JSONText, Synced, UTCDateTime


class StoreSeq(Base):
    """One row: the store's change sequence. Each writing transaction steps it once (lazily, at its
    first change to a synced row) and stamps that number as `rev` on every row it writes. Taking the
    step locks the row until commit, so numbers are handed out in commit order: a reader that has
    seen every row up to N never later finds a row below N appear (the office's pull cursors)."""

    __tablename__ = "store_seq"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)


class Outbox(Base):
    """A synced row holding local changes the office has not acknowledged, written in the same
    transaction as the change. `rev` is the row's `rev` at its latest local change (an
    acknowledgement of an older rev leaves the entry); `fields` are the columns changed locally
    since the office last acknowledged the row (["*"] for a row the office has never seen)."""

    __tablename__ = "sync_outbox"
    # Read only by its key: without a rowid the key is stored once, not in a table and an index.
    __table_args__ = {"sqlite_with_rowid": False}

    tbl: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    rev: Mapped[int] = mapped_column(Integer)
    fields: Mapped[list] = mapped_column(JSONText, default=list)
    error: Mapped[str] = mapped_column(Text, default="")  # why the office refused it last time (sent again)


class Parked(Base):
    """A row pulled from the office before the row it belongs to (its foreign-key parent) arrived:
    kept as it came, applied as soon as the parent is here (a later page of the same pull)."""

    __tablename__ = "sync_parked"

    tbl: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    rev: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict] = mapped_column(JSONText)


class FieldRevs(Base):
    """On the office store: the revision at which each field of a row last changed ({"*": rev of
    creation, field: rev}). A pushed change whose base is older than a field's revision meets a
    concurrent change of that field. `echo_device`: the device whose push produced the row's
    current content exactly, so that device is not sent its own change back."""

    __tablename__ = "sync_field_revs"

    tbl: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    revs: Mapped[dict] = mapped_column(JSONText, default=dict)
    echo_device: Mapped[str | None] = mapped_column(String(64), nullable=True)


# In FieldRevs.revs, beside {field: office revision}: who wrote each field's current value from a
# push, {field: [device, that device's revision]} ("*": at creation). A local write at the office
# clears it. It tells a device's own earlier version from another's concurrent change.
WRITERS = "@w"


def with_field_revs(revs: dict[str, Any] | None, fields: list[str], rev: int,
                    writer: tuple[str, int] | None = None) -> dict[str, Any]:
    """`revs` after `fields` (["*"]: the whole row) changed at office revision `rev`, written by
    `writer` (device, its revision) from a push, or at the office itself (None)."""
    if "*" in fields:
        return {"*": rev, **({WRITERS: {"*": list(writer)}} if writer else {})}
    out = {**(revs or {}), **{f: rev for f in fields}}
    writers = dict(out.get(WRITERS) or {})
    for f in fields:
        if writer:
            writers[f] = list(writer)
        else:
            writers.pop(f, None)
    if writers:
        out[WRITERS] = writers
    else:
        out.pop(WRITERS, None)
    return out



class AuditAnchor(Base):
    """The head (seq, hash) of a device's audit chain that the office acknowledged. A chain that no
    longer contains that event with that hash was cut or rewritten after the sync."""

    __tablename__ = "audit_anchors"

    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64), default="")
    acked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    problem: Mapped[str] = mapped_column(Text, default="")


class Conflict(Synced, Base):
    """The same field changed on two sides: the row keeps `kept_value` (the office's version, which
    arrived first), `other_value` is the version that was not applied, with who wrote it and where.
    Nothing is decided by clocks: the inspector resolves it (keeps one or writes another), and the
    resolution is an ordinary edit that syncs. kind: field (two edits of one field) / locked (an
    edit of a signed record, which nobody can change)."""

    __tablename__ = "sync_conflicts"

    project_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    tbl: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(64), index=True)
    field: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(10), default="field")
    kept_value: Mapped[object | None] = mapped_column(JSONText, nullable=True)
    other_value: Mapped[object | None] = mapped_column(JSONText, nullable=True)
    other_by: Mapped[str] = mapped_column(String(64), default="")
    other_device: Mapped[str] = mapped_column(String(64), default="")
    other_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    resolution: Mapped[str] = mapped_column(String(10), default="")  # kept / other / edited
    resolved_by: Mapped[str] = mapped_column(String(64), default="")
