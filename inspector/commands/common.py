"""Helpers shared by the sub-commands."""

from __future__ import annotations

import argparse

from inspector.paths import data_dir
from inspector.store import Workspace, open_workspace


def open_store(args: argparse.Namespace) -> Workspace:
    """The store in the command's data folder, acting as the inspector the settings name."""
    return open_workspace(data_dir(getattr(args, "data_dir", None)))
