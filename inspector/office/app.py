"""The office's ASGI app. `create_app(settings)` builds it; the database is opened (and migrated)
when the server starts, not when this module is imported. Every error answers
`{"error": "<plain Chinese: what happened, what to do>", "code": "<stable code>"}` (sync/api.py)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from inspector import __version__
from inspector.office.config import OfficeSettings
from inspector.office.core import Office, OfficeError

log = logging.getLogger(__name__)

_HTTP_MESSAGES = {
    404: ("not_found", "没有这个地址：请检查监督站地址，或升级程序"),
    405: ("method_not_allowed", "该地址不支持这种请求：请升级程序"),
}


def error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "code": code}, status_code=status, headers=headers)


def create_app(settings: OfficeSettings, office: Office | None = None) -> FastAPI:
    """The app for `settings`; `office`: one already opened (the CLI opens it first, so a database
    that cannot be opened is reported before the server listens)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.office = office or Office(settings)
        from inspector.office.security import warm_up

        warm_up()  # the first unknown user must not take longer than the next
        from inspector.office import web

        web.start(app.state.office)  # returns at once: the red flags are found on a thread of their own
        try:
            yield
        finally:
            app.state.office.close()

    app = FastAPI(title="inspector-office", version=__version__, lifespan=lifespan, docs_url=None,
                  redoc_url=None, openapi_url=None)

    @app.exception_handler(OfficeError)
    async def _office_error(request: Request, exc: OfficeError) -> JSONResponse:
        return error(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        where = "、".join(".".join(str(p) for p in e.get("loc", ())) for e in exc.errors()[:3])
        return error(400, "bad_request", f"请求参数无效（{where}）：请升级程序后重试")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, message = _HTTP_MESSAGES.get(exc.status_code, ("http_error", "请求无法处理：请升级程序后重试"))
        return error(exc.status_code, code, message, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error(500, "server_error", "监督站服务器内部错误，本次请求未生效：请稍后重试；如反复出现，请联系管理员查看服务器日志")

    from inspector.office.routes import auth, blobs, certificates, sync

    for module in (auth, sync, blobs, certificates):
        app.include_router(module.router)
    from inspector.office import web

    web.mount(app)  # the station's pages, apart from the sync API
    return app
