"""What a request handler is handed (as in the FastAPI full-stack template's `api/deps.py`): the
office of this server process, and who is calling (from the bearer token). Plain functions run on
a worker thread, since they read the database."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from inspector.office.auth import Auth, authenticate
from inspector.office.core import Office, OfficeError


def get_office(request: Request) -> Office:
    return request.app.state.office


def current_auth(request: Request, office: Annotated[Office, Depends(get_office)]) -> Auth:
    return authenticate(office, request.headers.get("authorization"))


OfficeDep = Annotated[Office, Depends(get_office)]
AuthDep = Annotated[Auth, Depends(current_auth)]


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it passes `limit` bytes (never held whole)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_big(limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_big(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def too_big(limit: int) -> OfficeError:
    size = f"{limit >> 20} MB" if limit >= 1 << 20 else f"{limit >> 10} KB"
    return OfficeError(413, "too_large", f"请求内容超过 {size} 的上限：请减少每批的记录数后重新同步")
