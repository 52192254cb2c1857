"""照片: originals are content-addressed evidence; links say what each photo proves."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from inspector.domain.base import Base, JSONText, Synced, UTCDateTime

# What a photo can be attached to (PhotoLink.target_kind).
PHOTO_TARGETS = ("inspection", "answer", "finding", "rectification", "reply", "complaint",
                 "acceptance", "handover", "posting", "material", "test-report", "referral")


class Photo(Synced, Base):
    """`id` is the SHA-256 of the original bytes; the blob store holds the file under that name."""

    __tablename__ = "photos"

    original_name: Mapped[str] = mapped_column(String(260), default="")
    format: Mapped[str] = mapped_column(String(10), default="")
    byte_size: Mapped[int] = mapped_column(Integer, default=0)
    width: Mapped[int] = mapped_column(Integer, default=0)  # as displayed (orientation applied)
    height: Mapped[int] = mapped_column(Integer, default=0)
    orientation: Mapped[int | None] = mapped_column(Integer, nullable=True)
    taken_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    taken_at_local: Mapped[str | None] = mapped_column(String(32), nullable=True)  # EXIF wall-clock text
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    camera: Mapped[str] = mapped_column(String(120), default="")
    imported_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    imported_by: Mapped[str] = mapped_column(String(60), default="")
    caption: Mapped[str] = mapped_column(Text, default="")
    annotation: Mapped[list | None] = mapped_column(JSONText, nullable=True)  # vector overlay shapes


class PhotoLink(Synced, Base):
    __tablename__ = "photo_links"
    __table_args__ = (UniqueConstraint("photo_id", "target_kind", "target_id", "item_id"),)
    FACT_COLUMNS = ("photo_id", "target_kind", "target_id", "item_id")

    photo_id: Mapped[str] = mapped_column(ForeignKey("photos.id"), index=True)
    target_kind: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[str] = mapped_column(String(64), index=True)
    item_id: Mapped[str] = mapped_column(String(40), default="")  # checklist item, when on an answer
    role: Mapped[str] = mapped_column(String(20), default="")  # e.g. 整改前 / 整改后
    note: Mapped[str] = mapped_column(Text, default="")
