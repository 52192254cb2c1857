"""The supervision station's web pages (server-rendered: Jinja2 templates, plain CSS and the CJK
font served from the package; no page loads anything from elsewhere and no page runs a script).
Kept apart from the sync API: its own routes, its own sign-in (a session cookie, see `session.py`)."""

from __future__ import annotations

from fastapi import FastAPI


def mount(app: FastAPI) -> None:
    from inspector.office.web import pages

    pages.install(app)
