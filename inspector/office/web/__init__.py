"""The supervision station's web pages (server-rendered: Jinja2 templates, plain CSS and the CJK
font served from the package; no page loads anything from elsewhere and no page runs a script).
Kept apart from the sync API: its own routes, its own sign-in (a session cookie, see `session.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import FastAPI

if TYPE_CHECKING:
    from inspector.office.core import Office


def mount(app: FastAPI) -> None:
    from inspector.office.web import pages

    pages.install(app)


def start(office: Office) -> None:
    """What the pages start as the server starts: the red flags' first run, in the background (a
    visitor meanwhile is told they are being computed)."""
    from inspector.domain.clock import china_today
    from inspector.office.web import crossflags

    crossflags.warm(office.store.read, today=china_today)
