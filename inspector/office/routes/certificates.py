"""The station's CA over HTTP: its certificate for anyone, a signing certificate for a signed-in
inspector's own key (`office/ca.py`)."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from inspector.domain.base import utcnow
from inspector.office import ca
from inspector.office.auth import Auth
from inspector.office.core import Office, OfficeError
from inspector.office.deps import AuthDep, OfficeDep, read_body
from inspector.office.models import IssuedCertificate
from inspector.services.numbering import DEFAULT_STATION
from inspector.sync import api

router = APIRouter()


def _json(data: Any) -> Response:
    return Response(json.dumps(data, ensure_ascii=False), media_type="application/json")


def station(office: Office) -> str:
    return office.settings.station_name or DEFAULT_STATION


def station_ca(office: Office) -> ca.StationCA:
    return ca.load_or_create(office.settings.data_dir, station(office))


def issue_for(office: Office, who: Auth, csr_pem: str, authority: ca.StationCA) -> ca.Issued:
    """Issue `who` a certificate for the key that signed `csr_pem`, and keep the record of it."""
    issued = ca.issue(authority, csr_pem, name=who.user.name or who.user.login, station=station(office),
                      badge_no=who.user.badge_no)
    with office.session() as s:
        s.add(IssuedCertificate(serial=issued.serial, login=who.user.login, device_id=who.device_id,
                                fingerprint=issued.fingerprint, subject=who.user.name or who.user.login,
                                issued_at=utcnow(), not_after=issued.not_after, pem=issued.pem.decode("ascii")))
    return issued


@router.get(api.STATION_CA)
def get_station_ca(office: OfficeDep) -> Response:
    return _json({"certificate": station_ca(office).pem.decode("ascii")})


@router.post(api.CERTIFICATE)
async def post_certificate(request: Request, office: OfficeDep, who: AuthDep) -> Response:
    try:
        data = json.loads(await read_body(request, ca.MAX_CSR * 2))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise OfficeError(400, "bad_json", "证书申请不是有效的 JSON：请升级或重新安装程序") from None
    if not isinstance(data, dict):
        raise OfficeError(400, "bad_json", "证书申请格式错误：应为 JSON 对象")
    authority = station_ca(office)
    issued = await run_in_threadpool(issue_for, office, who, data.get("csr"), authority)
    return _json({"certificate": issued.pem.decode("ascii"), "ca": authority.pem.decode("ascii")})
