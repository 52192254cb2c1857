"""The office server's settings, typed, with their defaults in one place. Everything a second server
process would need lives in the database or the data directory, never here: these are how this
process behaves, the same for every process of one office."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_HOME = "INSPECTOR_OFFICE_HOME"
ENV_DB = "INSPECTOR_OFFICE_DB"


def default_data_dir() -> Path:
    override = os.environ.get(ENV_HOME)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("inspector-office", appauthor=False))


@dataclass(frozen=True)
class LoginLimits:
    """Failed sign-ins are free up to `free_*` per account or per client address (within
    `window_s` of the last one); from then on the key is blocked for `first_block_s`, doubling with
    each further failure, at most `max_block_s`."""

    free_per_account: int = 5
    free_per_address: int = 10
    first_block_s: float = 30.0
    max_block_s: float = 900.0
    window_s: float = 900.0


@dataclass(frozen=True)
class OfficeSettings:
    data_dir: Path
    db_url: str | None = None  # None: an SQLite file in data_dir
    token_days: float = 180.0
    station_name: str = ""  # "" : the default station (services.numbering.DEFAULT_STATION)
    login: LoginLimits = LoginLimits()

    @staticmethod
    def from_env(data_dir: str | os.PathLike[str] | None = None, db_url: str | None = None,
                 **kwargs: object) -> OfficeSettings:
        """--data-dir / --db, else $INSPECTOR_OFFICE_HOME / $INSPECTOR_OFFICE_DB, else defaults."""
        return OfficeSettings(Path(data_dir) if data_dir else default_data_dir(),
                              db_url or os.environ.get(ENV_DB) or None, **kwargs)  # type: ignore[arg-type]
