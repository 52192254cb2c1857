"""Engine and sessions, SQLite pragmas, Alembic migrations, the content-addressed blob store."""

from inspector.store.blobs import BlobError, BlobStore
from inspector.store.db import Store, StoreError
from inspector.store.hooks import RecordLockedError

__all__ = ["BlobError", "BlobStore", "RecordLockedError", "Store", "StoreError"]
