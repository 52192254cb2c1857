"""Engine and sessions, units of work, SQLite pragmas, Alembic migrations, the blob store."""

from inspector.store.blobs import BlobError, BlobStore
from inspector.store.db import Store, StoreError, open_workspace
from inspector.store.hooks import RecordLockedError
from inspector.store.unit import SYSTEM, Actor, Mode, Reader, Unit, Workspace, use_case

__all__ = ["SYSTEM", "Actor", "BlobError", "BlobStore", "Mode", "Reader", "RecordLockedError", "Store", "StoreError",
           "Unit", "Workspace", "open_workspace", "use_case"]
