"""Errors the domain defines, so every layer (the UI included) can recognise them without reaching
into the store."""

from __future__ import annotations


class RecordLockedError(Exception):
    """A change to a signed record, or to anything it prints; only a correcting revision may change
    what it says. The message is plain Chinese, shown as is."""
