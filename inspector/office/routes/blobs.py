"""Photos and signed PDFs: which the office lacks, resumable uploads (`uploads.py`), downloads with
Range for rows the user may see."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from inspector.office import exchange
from inspector.office.core import Office, OfficeError
from inspector.office.deps import AuthDep, OfficeDep, read_body
from inspector.office.uploads import Uploads, check_name
from inspector.sync import api

router = APIRouter()
MAX_HASHES = 20000


def _uploads(office: Office) -> Uploads:
    return Uploads(office.store.blobs)


@router.post(api.BLOBS_MISSING)
async def missing(request: Request, office: OfficeDep, who: AuthDep) -> Response:
    try:
        data = json.loads(await read_body(request, 2 << 20))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise OfficeError(400, "bad_json", "请求内容不是有效的 JSON") from None
    hashes = data.get("hashes") if isinstance(data, dict) else None
    if not isinstance(hashes, list) or len(hashes) > MAX_HASHES or not all(isinstance(h, str) for h in hashes):
        raise OfficeError(400, "bad_request", f"hashes 应为最多 {MAX_HASHES} 个 SHA-256 值的列表")
    uploads = _uploads(office)
    for h in hashes:
        check_name(h)
    lacking = [h for h in dict.fromkeys(hashes) if uploads.stored_size(h) is None]
    return Response(json.dumps({"missing": lacking}), media_type="application/json")


@router.head(api.BLOB)
def head(sha256: str, office: OfficeDep, who: AuthDep) -> Response:
    uploads = _uploads(office)
    size = uploads.stored_size(check_name(sha256))
    if size is not None:
        return Response(status_code=200, headers={"Content-Length": str(size)})
    return Response(status_code=404, headers={api.UPLOAD_OFFSET: str(uploads.held(sha256)), "Content-Length": "0"})


def _header_int(request: Request, name: str) -> int:
    value = request.headers.get(name, "")
    if not value.isdigit():
        raise OfficeError(400, "bad_upload_header", f"缺少或无效的 {name} 请求头：请升级程序后重新同步")
    return int(value)


@router.patch(api.BLOB)
async def patch(sha256: str, request: Request, office: OfficeDep, who: AuthDep) -> Response:
    check_name(sha256)
    offset, length = _header_int(request, api.UPLOAD_OFFSET), _header_int(request, api.UPLOAD_LENGTH)
    if length > api.MAX_BLOB:
        raise OfficeError(413, "blob_too_large", f"附件超过 {api.MAX_BLOB >> 20} MB 的上限，无法上传")
    uploads = _uploads(office)
    done = {api.UPLOAD_OFFSET: str(length)}
    if uploads.stored_size(sha256) is not None:
        return Response(status_code=204, headers=done)  # already here: a resend is a success
    upload = await run_in_threadpool(uploads.open, sha256)
    try:
        if upload.size > length:  # the length changed since the upload began: start over
            upload.truncate(0)
        if offset != upload.size:
            raise OfficeError(409, "wrong_offset", f"上传位置不符：监督站已收到 {upload.size} 字节，请从该处继续",
                              {api.UPLOAD_OFFSET: str(upload.size)})
        try:
            async for chunk in request.stream():
                if upload.size + len(chunk) > length:
                    upload.truncate(upload.start)
                    raise OfficeError(400, "beyond_length", f"上传内容超过声明的长度 {length} 字节",
                                      {api.UPLOAD_OFFSET: str(upload.start)})
                upload.write(chunk)
        except ClientDisconnect:
            await run_in_threadpool(upload.sync)  # keep what arrived: the next attempt resumes there
            return Response(status_code=204)
        await run_in_threadpool(upload.sync)
        if upload.size == length:
            await run_in_threadpool(upload.finish)
        return Response(status_code=204, headers={api.UPLOAD_OFFSET: str(upload.size)})
    finally:
        upload.close()


@router.get(api.BLOB)
async def download(sha256: str, office: OfficeDep, who: AuthDep) -> Response:
    check_name(sha256)
    uploads = _uploads(office)
    size = uploads.stored_size(sha256)
    if not await run_in_threadpool(exchange.blob_visible, office, who, sha256):
        if size is None:
            raise OfficeError(404, "no_blob", "监督站没有该附件")
        raise OfficeError(403, "forbidden", "无权下载该附件：它不属于分配给您或您所在县区的项目")
    if size is None:
        raise OfficeError(404, "no_blob", "监督站尚未收到该附件：请让上传它的设备先同步")
    return FileResponse(office.store.blobs.path(sha256), media_type="application/octet-stream")
