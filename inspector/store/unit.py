"""Units of work: one use case, one transaction, one actor, one write mode (DESIGN.md §7, STYLE.md 11).

A `Unit` is handed to a use case: its `session` is the one transaction (committed when the unit
ends, rolled back on any exception), `actor` is who acts, `mode` is how the store's hooks treat the
writes:

* LOCAL — an edit made here: stamp the actor and this device, step the row's revision, put the row
  in the outbox (what to push), audit it as the actor's.
* REMOTE — rows applied from elsewhere (pulled from the office, or pushed to the office by a
  device): keep each row's own author, device and office revision, never put it in the outbox, audit
  it as applied ("made by X on device Y").
* ACK — the office acknowledged pushed rows: record its revision, clear the outbox, no audit.

A `Workspace` is a store seen by one actor (the inspector at the keyboard, a script): what the UI,
the CLI and tests hold. A use case decorated with `@use_case` takes a `Unit`; called with a
`Workspace` it opens its own unit, so the UI can call it directly, and a larger use case can call it
inside its own unit (both commit together or not at all)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeAlias, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.domain.system import Setting

if TYPE_CHECKING:
    from inspector.store.blobs import BlobStore
    from inspector.store.db import Store


class Mode(StrEnum):
    LOCAL = "local"
    REMOTE = "remote"
    ACK = "ack"


@dataclass(frozen=True)
class Actor:
    """Who acts: the name that goes on records and in the audit log, and, for an inspector, the
    login at the office and the 执法证号."""

    name: str
    login: str = ""
    badge_no: str = ""

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("an actor needs a name")


SYSTEM = Actor("系统")


@dataclass(frozen=True)
class WriteInfo:
    """What the store's hooks read from `session.info["unit"]`."""

    actor: Actor
    device_id: str
    mode: Mode
    role: str  # "device" (a laptop) or "office"


class Unit:
    """One use case's transaction. Do not keep ORM objects beyond it."""

    def __init__(self, store: Store, session: Session, actor: Actor, mode: Mode) -> None:
        self.store = store
        self.session = session
        self.actor = actor
        self.mode = mode

    @property
    def device_id(self) -> str:
        return self.store.device_id

    @property
    def blobs(self) -> BlobStore:
        return self.store.blobs

    @property
    def data_dir(self) -> Path:
        return self.store.data_dir

    @contextmanager
    def read(self) -> Iterator[Session]:
        """Reads inside the unit see its own pending writes."""
        yield self.session

    def get_setting(self, key: str, default: str = "") -> str:
        with self.session.no_autoflush:
            value = self.session.scalar(select(Setting.value).where(Setting.key == key))
        return default if value is None else value

    def set_setting(self, key: str, value: str) -> None:
        self.session.merge(Setting(key=key, value=value))


class Workspace:
    """A store as one actor uses it. Reads open their own session; writes open a unit."""

    def __init__(self, store: Store, actor: Actor) -> None:
        self.store = store
        self.actor = actor

    @contextmanager
    def unit(self, mode: Mode = Mode.LOCAL) -> Iterator[Unit]:
        with self.store.unit(self.actor, mode) as uow:
            yield uow

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A local-edit unit's session (for code that only needs the session)."""
        with self.unit() as uow:
            yield uow.session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.store.read() as s:
            yield s

    @property
    def readonly(self) -> bool:
        return self.store.readonly

    @property
    def blobs(self) -> BlobStore:
        return self.store.blobs

    @property
    def data_dir(self) -> Path:
        return self.store.data_dir

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def engine(self) -> Any:
        return self.store.engine

    @property
    def device_id(self) -> str:
        return self.store.device_id

    def get_setting(self, key: str, default: str = "") -> str:
        return self.store.get_setting(key, default)

    def set_setting(self, key: str, value: str) -> None:
        with self.unit() as uow:
            uow.set_setting(key, value)

    def as_actor(self, actor: Actor) -> Workspace:
        return Workspace(self.store, actor)

    def close(self) -> None:
        self.store.close()


# Anything a query can read through: a store, a workspace, or a unit (which sees its own writes).
Reader: TypeAlias = "Store | Workspace | Unit"

P = ParamSpec("P")
R = TypeVar("R")


def use_case(fn: Callable[Concatenate[Unit, P], R]) -> Callable[Concatenate[Unit | Workspace, P], R]:
    """A use case runs in the unit it is given, or opens one (local edit) on a workspace."""

    @functools.wraps(fn)
    def run(target: Unit | Workspace, /, *args: P.args, **kwargs: P.kwargs) -> R:
        if isinstance(target, Unit):
            return fn(target, *args, **kwargs)
        if isinstance(target, Workspace):
            with target.unit() as uow:
                return fn(uow, *args, **kwargs)
        raise TypeError(f"{fn.__name__} needs a Unit or a Workspace, not {type(target).__name__}")

    return run
