"""Errors a use case raises for the user: the message is plain Chinese, shown as is."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or a refused action. Nothing was changed."""


class ValidationError(UserError):
    """One or more fields are invalid: `problems` maps field name -> message."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("；".join(problems.values()))


class NotFound(UserError):
    pass


def explain(exc: BaseException) -> str | None:
    """A failure of the store (read-only folder, full disk, locked, damaged) in plain Chinese."""
    from inspector.store.errors import explain as store_explain

    return store_explain(exc)
