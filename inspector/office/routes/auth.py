"""Sign in, sign out, who am I, and the health check."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from inspector import __version__
from inspector.office import auth, exchange
from inspector.office.core import OfficeError
from inspector.office.deps import AuthDep, OfficeDep, read_body
from inspector.office.routes.certificates import station_ca
from inspector.services.numbering import DEFAULT_STATION
from inspector.sync import api

router = APIRouter()
LOGIN_BODY = 64 << 10


def _json(data: Any, status: int = 200) -> Response:
    return Response(json.dumps(data, ensure_ascii=False), status_code=status, media_type="application/json")


def _text(data: dict[str, Any], key: str, *, limit: int, required: bool = True) -> str:
    value = data.get(key, "" if not required else None)
    if not isinstance(value, str) or (required and not value.strip()) or len(value) > limit:
        raise OfficeError(400, "bad_request", f"登录请求缺少或含无效的 “{key}”：请填写后重试")
    return value


@router.post(api.LOGIN)
async def login(request: Request, office: OfficeDep) -> Response:
    try:
        data = json.loads(await read_body(request, LOGIN_BODY))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise OfficeError(400, "bad_json", "登录请求不是有效的 JSON：请升级或重新安装程序") from None
    if not isinstance(data, dict):
        raise OfficeError(400, "bad_json", "登录请求格式错误：应为 JSON 对象")
    user = _text(data, "user", limit=60)
    password = _text(data, "password", limit=1024)
    device_id = _text(data, "device_id", limit=64)
    device_name = _text(data, "device_name", limit=100, required=False)
    address = request.client.host if request.client else "unknown"
    result = await run_in_threadpool(lambda: auth.login(office, login=user.strip(), password=password,
                                                        device_id=device_id.strip(), device_name=device_name.strip(),
                                                        address=address))
    return _json({"token": result.token, "expires_at": result.expires_at.isoformat(), "user": result.user.to_json(),
                  "device_code": result.device_code,
                  "station_name": office.settings.station_name or DEFAULT_STATION,
                  "ca_pem": station_ca(office).pem.decode("ascii")})


@router.post(api.LOGOUT, status_code=204)
def logout(office: OfficeDep, who: AuthDep) -> Response:
    auth.logout(office, who)
    return Response(status_code=204)


@router.get(api.ME)
def me(office: OfficeDep, who: AuthDep) -> Response:
    return _json({"user": who.user.to_json(), "device_code": who.device_code,
                  "projects": exchange.project_count(office, who)})


@router.get(api.HEALTH)
def health() -> Response:
    return _json({"ok": True, "version": __version__})
