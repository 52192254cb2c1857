"""What a request handler is handed (as in the FastAPI full-stack template's `api/deps.py`): the
office of this server process, and who is calling (from the bearer token). Plain functions run on
a worker thread, since they read the database."""

from __future__ import annotations

import zlib
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


async def read_json_body(request: Request, limit: int) -> bytes:
    """The body, inflated when it comes gzip-compressed: `limit` bounds both the bytes received and
    the bytes they inflate to (a small bomb is refused, never inflated whole)."""
    body = await read_body(request, limit)
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding != "gzip":
        raise OfficeError(415, "bad_encoding", f"不支持的内容编码 {encoding[:20]}：请升级程序后重试")
    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(body, limit + 1)
    except zlib.error:
        raise OfficeError(400, "bad_gzip", "请求内容的 gzip 压缩数据已损坏：请重新同步") from None
    if len(out) > limit:
        raise too_big(limit)
    if not inflater.eof or inflater.unused_data:
        raise OfficeError(400, "bad_gzip", "请求内容的 gzip 压缩数据不完整：请重新同步")
    return out


def too_big(limit: int) -> OfficeError:
    size = f"{limit >> 20} MB" if limit >= 1 << 20 else f"{limit >> 10} KB"
    return OfficeError(413, "too_large", f"请求内容超过 {size} 的上限：请减少每批的记录数后重新同步")
