"""Helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
import os

from inspector.paths import data_dir
from inspector.store import Workspace, open_workspace


def open_store(args: argparse.Namespace, *, read_only_ok: bool = False) -> Workspace:
    """The store in the command's data folder, acting as the inspector the settings name. A command
    that only reads (`read_only_ok`) opens a store it may not write without touching it."""
    folder = data_dir(getattr(args, "data_dir", None))
    readonly = read_only_ok and folder.is_dir() and not os.access(folder, os.W_OK)
    return open_workspace(folder, readonly=readonly)
