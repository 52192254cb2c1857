"""Push and pull (DESIGN.md §7)."""

from __future__ import annotations

import gzip
import json

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from inspector.office import exchange
from inspector.office.core import OfficeError
from inspector.office.deps import AuthDep, OfficeDep, read_json_body
from inspector.sync import api, wire

router = APIRouter()


def _json(data: object, request: Request) -> Response:
    """Compact JSON, gzip-compressed for a client that accepts it (pull pages and push answers are
    the bulk of what the office sends; blobs are not compressed: photos and PDFs do not shrink)."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    if len(body) > 1024 and "gzip" in request.headers.get("accept-encoding", "").lower():
        return Response(gzip.compress(body, compresslevel=api.GZIP_LEVEL), media_type="application/json",
                        headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
    return Response(body, media_type="application/json", headers={"Vary": "Accept-Encoding"})


@router.post(api.PUSH)
async def push(request: Request, office: OfficeDep, who: AuthDep) -> Response:
    body = await read_json_body(request, api.MAX_BODY)
    return _json(await run_in_threadpool(exchange.push, office, who, body), request)


@router.get(api.PULL)
async def pull(request: Request, office: OfficeDep, who: AuthDep, cursor: str = "0", limit: str = "1000") -> Response:
    if not limit.isdigit() or not 1 <= int(limit) <= wire.MAX_ROWS:
        raise OfficeError(400, "bad_limit", f"limit 应为 1 到 {wire.MAX_ROWS} 的整数")
    if len(cursor) > 200:
        raise OfficeError(400, "bad_cursor", "同步游标无效：请在程序中重新同步")
    return _json(await run_in_threadpool(exchange.pull, office, who, cursor, int(limit)), request)
