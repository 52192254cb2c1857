"""Helpers shared by the sub-commands."""

from __future__ import annotations

import argparse

from inspector.paths import data_dir
from inspector.store import Store


def open_store(args: argparse.Namespace) -> Store:
    return Store(data_dir(getattr(args, "data_dir", None)))
