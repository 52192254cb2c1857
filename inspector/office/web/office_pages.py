"""Office work, for admins: assign projects, publish a checklist version (upload, check, diff,
publish), users and devices (revoke), annual targets per district, 约谈 / 通报 on record."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from inspector.domain.clock import china_today
from inspector.office.web import actions
from inspector.office.web.errors import PageError

if TYPE_CHECKING:
    from inspector.office.web.pages import Web


def install(app: FastAPI, web: Web) -> None:
    def office_page(request: Request, *, status: int = 200, **extra: Any) -> Response:
        user, ws = web.admin(request)
        from inspector.office.accounts import list_users
        from inspector.office.web import queries

        raw = request.query_params.get("year", "")
        year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else china_today().year
        with web.office.store.read() as s:
            dists = queries.districts(s, None)
        return web.page("office.html", request, user, ws, status=status, users=list_users(web.office),
                        devices=actions.devices(web.office), targets=actions.targets(web.office, year), year=year,
                        districts=dists, supervision=actions.supervision_actions(web.office),
                        upload=extra.pop("upload", None), message=extra.pop("message", ""), **extra)

    @app.get("/office", response_class=HTMLResponse)
    def office(request: Request) -> Response:
        return office_page(request, message=request.query_params.get("done", ""))

    @app.post("/office/assign")
    async def assign(request: Request) -> Response:
        user, ws = web.admin(request)
        form = await web.form(request, ws)
        pid, who = str(form.get("project_id", "")), str(form.get("inspector", ""))
        if not who:
            raise PageError(400, "请选择监督员")
        await run_in_threadpool(actions.assign, web.office, pid, who)
        return RedirectResponse(f"/projects/{pid}?assigned=1", status_code=303)

    @app.post("/office/users/revoke")
    async def revoke_user(request: Request) -> Response:
        user, ws = web.admin(request)
        form = await web.form(request, ws)
        login = str(form.get("login", ""))
        if login == user.login:
            raise PageError(400, "不能停用自己的账号")
        n = await run_in_threadpool(actions.revoke_user, web.office, login)
        return RedirectResponse(f"/office?done=已停用用户 {login}，{n} 个设备登录失效", status_code=303)

    @app.post("/office/devices/revoke")
    async def revoke_device(request: Request) -> Response:
        user, ws = web.admin(request)
        form = await web.form(request, ws)
        n = await run_in_threadpool(actions.revoke_device, web.office, str(form.get("device_id", "")))
        return RedirectResponse(f"/office?done=已吊销该设备的 {n} 个登录", status_code=303)

    @app.post("/office/targets")
    async def set_target(request: Request) -> Response:
        user, ws = web.admin(request)
        form = await web.form(request, ws)
        f = {k: str(form.get(k, "")) for k in ("district", "year", "communities", "households")}
        await run_in_threadpool(actions.set_target, web.office, user, f["district"], f["year"], f["communities"],
                                f["households"])
        return RedirectResponse(f"/office?year={f['year']}&done=已保存 {f['district']} {f['year']} 年度目标",
                                status_code=303)

    @app.post("/office/supervision")
    async def supervision(request: Request) -> Response:
        user, ws = web.admin(request)
        form = await web.form(request, ws)
        data = {k: str(form.get(k, "")) for k in ("kind", "target_kind", "target", "held_on", "reason", "follow_up",
                                                  "source")}
        await run_in_threadpool(actions.record_action, web.office, user, data)
        return RedirectResponse(f"/office?done=已记录{data['kind']}：{data['target']}#supervision", status_code=303)

    @app.post("/office/checklists/check", response_class=HTMLResponse)
    async def checklist_check(request: Request) -> Response:
        user, ws = web.admin(request)
        form = await web.form(request, ws)
        upload = form.get("file")
        if upload is None or not hasattr(upload, "read"):
            raise PageError(400, "请选择要上传的检查表文件（.toml）")
        data = await upload.read(actions.MAX_CHECKLIST + 1)
        result = await run_in_threadpool(actions.check_upload, web.office, upload.filename or "", data)
        return office_page(request, status=400 if result.problems else 200, upload=result)

    @app.post("/office/checklists/publish")
    async def checklist_publish(request: Request) -> Response:
        user, ws = web.admin(request)
        form = await web.form(request, ws)
        done, what = await run_in_threadpool(actions.publish_staged, web.office, str(form.get("sha256", "")))
        msg = f"已发布检查表 {what}，各设备下次同步时收到" if done else f"检查表 {what} 此前已发布，未重复发布"
        return RedirectResponse(f"/office?done={msg}", status_code=303)
