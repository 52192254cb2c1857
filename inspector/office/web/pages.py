"""Routes of the office pages: sign-in, 首页, projects, a project and its signed PDFs, 整改, red
flags, office work (admins) and the 台账 export. Page functions are plain `def` (FastAPI runs them
on a worker thread: they read the database); form posts are `async` only to read the form, then
hand the work to a thread."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from inspector.domain.clock import china_today, fmt_china
from inspector.domain.vocab import (
    FINDING_STATUS_LABELS,
    INSPECTION_STATUS_LABELS,
    RECTIFICATION_STATUS_LABELS,
)
from inspector.office.auth import User
from inspector.office.core import Office, OfficeError
from inspector.office.web import crossflags, queries
from inspector.office.web.errors import NeedSignIn, PageError
from inspector.office.web.session import COOKIE, IDLE_MINUTES, PRE_COOKIE, Sessions, WebSession, session_key

log = logging.getLogger(__name__)
REFRESH_S = 2  # how often a page that waits for the red flags' first run reloads itself
HERE = Path(__file__).resolve().parent
# No page runs a script or loads anything from elsewhere; a stored text that smuggles markup in is
# escaped by the templates, and this header stops anything that got past them.
CSP = ("default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")


def _templates() -> Any:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["cn"] = lambda v: fmt_china(v) if isinstance(v, dt.datetime) else (
        v.isoformat() if isinstance(v, dt.date) else ("" if v is None else v))
    env.globals.update(finding_status=FINDING_STATUS_LABELS, notice_status=RECTIFICATION_STATUS_LABELS,
                       inspection_status=INSPECTION_STATUS_LABELS, statuses=queries.STATUSES,
                       decisions=crossflags.DECISIONS, flag_kinds=crossflags.KIND_LABELS)
    return env


class Web:
    """What every page needs: the office, the cookie sessions and the templates."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.env = _templates()
        self._sessions: Sessions | None = None

    @property
    def office(self) -> Office:
        return self.app.state.office

    @property
    def sessions(self) -> Sessions:
        if self._sessions is None:
            self._sessions = Sessions(session_key(self.office.settings.data_dir))
        return self._sessions

    # -- who is asking -------------------------------------------------------------------------------

    def viewer(self, request: Request) -> tuple[User, WebSession]:
        ws = self.sessions.load(request.cookies.get(COOKIE))
        if ws is None:
            raise NeedSignIn(str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""))
        from inspector.office.auth import _user
        from inspector.office.models import Account, WebSignOut

        with self.office.reading() as s:
            account = s.get(Account, ws.login)
            signed_out = s.get(WebSignOut, ws.sid) is not None
        if account is None or account.revoked_at is not None or signed_out:
            raise NeedSignIn("/")
        return _user(account), ws

    def admin(self, request: Request) -> tuple[User, WebSession]:
        user, ws = self.viewer(request)
        if not user.admin:
            raise PageError(403, "只有管理员可以进行此操作")
        return user, ws

    # -- answers -------------------------------------------------------------------------------------

    def page(self, name: str, request: Request, user: User | None, ws: WebSession | None, status: int = 200,
             **ctx: Any) -> HTMLResponse:
        html = self.env.get_template(name).render(
            request=request, user=user, csrf=self.sessions.csrf(ws.sid) if ws else "", path=request.url.path,
            today=china_today(), idle_minutes=IDLE_MINUTES, refresh_s=REFRESH_S, **ctx)
        response = HTMLResponse(html, status_code=status)
        if ws is not None:
            self.renew(response, ws)
        return response

    def renew(self, response: Response, ws: WebSession) -> None:
        response.set_cookie(COOKIE, self.sessions.dump(ws), max_age=IDLE_MINUTES * 60, httponly=True,
                            samesite="strict", path="/")

    async def form(self, request: Request, ws: WebSession) -> Any:
        form = await request.form()
        if not self.sessions.csrf_ok(ws.sid, form.get("csrf")):  # type: ignore[arg-type]
            raise PageError(403, "表单已失效或来源不明（缺少安全校验码）：请刷新页面后重新提交")
        return form


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _filters(request: Request) -> queries.Filters:
    return _filters_of(request.query_params)


def _filters_of(q: Any) -> queries.Filters:
    """The project list's filters from a query string or a form (the export posts them)."""
    def g(key: str) -> str:
        value = q.get(key)
        return value if isinstance(value, str) else ""

    return queries.Filters(q=g("q")[:100], district=g("district"), status=g("status"), year=_int(g("year")),
                           inspector=g("inspector"), sort=g("sort") if g("sort") in queries.SORTS else "code",
                           desc=g("desc") == "1", page=_int(g("page")) or 1)


def _export_query(f: queries.Filters) -> str:
    """The filters as one canonical query string: the same export, the same string."""
    values = {"q": f.q, "district": f.district, "status": f.status, "year": f.year or "", "inspector": f.inspector,
              "sort": f.sort, "desc": "1" if f.desc else ""}
    return urlencode({k: v for k, v in values.items() if v not in ("", None)})


def _describe(query: str) -> str:
    """The filters of an export, as the status page names them."""
    from urllib.parse import parse_qsl

    names = {"q": "搜索", "district": "县区", "status": "状态", "year": "年度", "inspector": "监督员"}
    parts = [f"{names[k]}：{v}" for k, v in parse_qsl(query) if k in names]
    return "；".join(parts) or "全部项目"


def _district_scope(user: User, district: str) -> None:
    """An inspector asking for another district's data by its address is refused, not shown empty."""
    if district and not user.admin and user.district and district != user.district:
        raise PageError(403, f"您只能查看本县区（{user.district}）的数据")


def install(app: FastAPI) -> None:  # noqa: C901 - the route table reads best in one place
    web = Web(app)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.middleware("http")
    async def _headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        if not request.url.path.startswith("/api"):
            response.headers.setdefault("Content-Security-Policy", CSP)
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
            response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    @app.exception_handler(NeedSignIn)
    async def _sign_in(request: Request, exc: NeedSignIn) -> Response:
        response = RedirectResponse("/login?" + urlencode({"next": exc.next_url}), status_code=303)
        response.delete_cookie(COOKIE, path="/")
        return response

    @app.exception_handler(PageError)
    async def _page_error(request: Request, exc: PageError) -> Response:
        try:
            user, ws = web.viewer(request)
        except NeedSignIn:
            user, ws = None, None
        return web.page("error.html", request, user, ws, status=exc.status, message=exc.message)

    # ---- font: the CJK font the PDFs use, so pages read the same on a machine without one -----------
    @app.get("/static-font/wqy-microhei.ttf", include_in_schema=False)
    def font() -> Response:
        from fastapi.responses import FileResponse

        from inspector.paths import font_path

        return FileResponse(font_path(), media_type="font/ttf", headers={"Cache-Control": "max-age=86400"})

    # ---- sign-in -----------------------------------------------------------------------------------
    @app.get("/login", response_class=HTMLResponse)
    def login_page(request: Request, next: str = "/") -> Response:
        import secrets

        pre = request.cookies.get(PRE_COOKIE) or secrets.token_urlsafe(18)
        response = web.page("login.html", request, None, None, next=next if next.startswith("/") else "/",
                            login_csrf=web.sessions.csrf("pre:" + pre), error="")
        response.set_cookie(PRE_COOKIE, pre, httponly=True, samesite="strict", path="/login", max_age=3600)
        return response

    @app.post("/login")
    async def login_post(request: Request) -> Response:
        form = await request.form()
        pre = request.cookies.get(PRE_COOKIE, "")
        nxt = str(form.get("next") or "/")
        nxt = nxt if nxt.startswith("/") and not nxt.startswith("//") else "/"
        if not pre or not web.sessions.csrf_ok("pre:" + pre, form.get("csrf")):  # type: ignore[arg-type]
            raise PageError(403, "登录表单已失效或来源不明：请刷新登录页后重试")
        from inspector.office.web.signin import check_password

        try:
            login = await run_in_threadpool(check_password, web.office, str(form.get("login") or "").strip(),
                                            str(form.get("password") or ""), request.client.host if request.client else "")
        except OfficeError as exc:
            return web.page("login.html", request, None, None, status=exc.status, next=nxt,
                            login_csrf=web.sessions.csrf("pre:" + pre), error=exc.message)
        response = RedirectResponse(nxt, status_code=303)
        web.renew(response, web.sessions.new(login))
        response.delete_cookie(PRE_COOKIE, path="/login")
        return response

    @app.post("/logout")
    async def logout(request: Request) -> Response:
        user, ws = web.viewer(request)
        await web.form(request, ws)
        from inspector.office.web.signin import sign_out

        await run_in_threadpool(sign_out, web.office, ws.sid, web.sessions.idle_s)
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(COOKIE, path="/")
        return response

    # ---- 首页 ---------------------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse)
    def home(request: Request) -> Response:
        user, ws = web.viewer(request)
        district = request.query_params.get("district", "" if user.admin else user.district)
        _district_scope(user, district)
        year = _int(request.query_params.get("year")) or china_today().year
        from inspector.office.web.chart import progress_svg

        with web.office.store.read() as s:
            t = queries.today(s, user.scope, district=district, year=year, on=china_today())
            rows = queries.progress(s, user.scope, year=year)
            try:
                flags: int | None = crossflags.waiting(s, user.scope, today=china_today())
            except crossflags.Warming:
                flags = None  # the card says so and the page refreshes itself
            dists = queries.districts(s, user.scope)
        return web.page("home.html", request, user, ws, t=t, rows=rows, flags_waiting=flags, year=year,
                        district=district, districts=dists, chart=progress_svg(rows, year=year) if rows else "")

    # ---- projects ----------------------------------------------------------------------------------
    @app.get("/projects", response_class=HTMLResponse)
    def projects(request: Request) -> Response:
        user, ws = web.viewer(request)
        f = _filters(request)
        _district_scope(user, f.district)
        with web.office.store.read() as s:
            page = queries.projects_page(s, user.scope, f)
            dists = queries.districts(s, user.scope)
            people = queries.inspectors(s)
        base = {k: v for k, v in request.query_params.items() if k != "page"}
        sort_base = {k: v for k, v in base.items() if k not in ("sort", "desc")}
        return web.page("projects.html", request, user, ws, page=page, f=f, districts=dists, inspectors=people,
                        base=urlencode(base), sort_base=urlencode(sort_base),
                        export_fields=[(k, v) for k, v in base.items() if k in ("q", "district", "status", "year",
                                                                                "inspector", "sort", "desc")])

    @app.get("/projects/{project_id}", response_class=HTMLResponse)
    def project_page(request: Request, project_id: str) -> Response:
        user, ws = web.viewer(request)
        from inspector.office.web.pdfcheck import check_signed

        with web.office.store.read() as s:
            p = queries.project(s, user.scope, project_id)
            if p is None:
                raise PageError(404 if user.admin else 403, "没有这个项目，或您无权查看它")
            detail = queries.project_detail(s, p)
            records = queries.signed_records(s, p.id)
            people = queries.inspectors(s) if user.admin else []
            try:
                flags: list[crossflags.CrossFlag] | None = crossflags.for_project(s, p.id, today=china_today())
            except crossflags.Warming:
                flags = None
        checks = {r.pdf_sha256: check_signed(web.office, r.pdf_sha256) for r in records}
        return web.page("project.html", request, user, ws, p=p, d=detail, records=records, checks=checks,
                        inspectors=people, flags=flags)

    @app.get("/records/{kind}/{record_id}.pdf")
    def record_pdf(request: Request, kind: str, record_id: str, download: int = 0) -> Response:
        user, ws = web.viewer(request)
        with web.office.store.read() as s:
            found = queries.signed_record(s, user.scope, kind, record_id)
        if found is None:
            raise PageError(404, "没有这份已签署文书，或您无权查看它")
        row, _ = found
        blobs = web.office.store.blobs
        if not blobs.exists(row.pdf_sha256):
            raise PageError(404, "该文书的 PDF 尚未从监督员设备上传到监督站：请等待下次同步")
        name = f"{getattr(row, 'record_no', '') or getattr(row, 'notice_no', '') or getattr(row, 'reply_no', '') or getattr(row, 'referral_no', '') or record_id}.pdf"
        disposition = "attachment" if download else "inline"
        return Response(blobs.read(row.pdf_sha256), media_type="application/pdf", headers={
            "Content-Disposition": f"{disposition}; filename=\"record.pdf\"; filename*=UTF-8''{quote(name)}",
            "Cache-Control": "private, no-store"})

    # ---- 整改 ---------------------------------------------------------------------------------------
    @app.get("/rectifications", response_class=HTMLResponse)
    def rectifications(request: Request) -> Response:
        user, ws = web.viewer(request)
        district = request.query_params.get("district", "")
        _district_scope(user, district)
        with web.office.store.read() as s:
            notices = queries.open_notices(s, user.scope, district=district, on=china_today())
            dists = queries.districts(s, user.scope)
        return web.page("rectifications.html", request, user, ws, notices=notices, district=district,
                        districts=dists, by_district=queries.summarise(notices, "district"),
                        by_contractor=queries.summarise(notices, "contractor"))

    # ---- red flags ---------------------------------------------------------------------------------
    @app.get("/redflags", response_class=HTMLResponse)
    def redflags(request: Request) -> Response:
        user, ws = web.viewer(request)
        kind = request.query_params.get("kind", "")
        with web.office.store.read() as s:
            # Waiting ones first: the first pages are the work to do.
            try:
                fp = crossflags.flag_page(s, user.scope, today=china_today(),
                                          kind=kind if kind in crossflags.KIND_LABELS else "",
                                          page=_int(request.query_params.get("page")) or 1, per=100)
            except crossflags.Warming:  # the first run since start-up: said so, not waited for
                return web.page("redflags.html", request, user, ws, computing=True, kind=kind)
        return web.page("redflags.html", request, user, ws, flags=fp.flags, kind=kind, total=fp.total,
                        waiting=fp.waiting, page=fp.page, pages=fp.pages, computing=False)

    @app.post("/redflags/decide")
    async def redflag_decide(request: Request) -> Response:
        user, ws = web.admin(request)
        form = await web.form(request, ws)
        key, decision, reason = str(form.get("key", "")), str(form.get("decision", "")), str(form.get("reason", "")).strip()
        if decision not in crossflags.DECISIONS:
            raise PageError(400, "请选择处理结果：确认或排除")
        if not reason:
            raise PageError(400, "请填写处理理由：理由会同步到相关项目的监督员设备")
        from inspector.office.web.actions import decide_flag

        await run_in_threadpool(decide_flag, web.office, user, key, decision, reason[:2000])
        return RedirectResponse("/redflags", status_code=303)

    # ---- office work (admins) ----------------------------------------------------------------------
    from inspector.office.web import office_pages

    office_pages.install(app, web)

    # ---- 台账: exported in the background (export_jobs.py), the page shows how far it is ----------------
    @app.post("/exports")
    async def export_start(request: Request) -> Response:
        user, ws = web.viewer(request)
        form = await web.form(request, ws)
        f = _filters_of(form)
        _district_scope(user, f.district)
        from inspector.office.web import export_jobs

        query = _export_query(f)
        job_id, started = await run_in_threadpool(export_jobs.begin, web.office, user.login, query)
        if started:
            export_jobs.start(web.office, job_id, user.scope, f, today=china_today())
        return RedirectResponse(f"/exports/{job_id}", status_code=303)

    def _job(request: Request, job_id: str) -> tuple[User, WebSession, Any]:
        user, ws = web.viewer(request)
        from inspector.office.web import export_jobs

        job = export_jobs.view(web.office, job_id, user.login)
        if job is None:  # another account's export, or none: the same answer, nothing of it shown
            raise PageError(404, "没有这个导出任务，或它不是您发起的")
        return user, ws, job

    @app.get("/exports/{job_id}", response_class=HTMLResponse)
    def export_status(request: Request, job_id: str) -> Response:
        user, ws, job = _job(request, job_id)
        from inspector.office.web import export_jobs

        exists = job.state == "done" and export_jobs.file_path(web.office, job.id).exists()
        return web.page("export.html", request, user, ws, job=job, exists=exists, filters=_describe(job.query),
                        keep_minutes=export_jobs.KEEP_S // 60)

    @app.get("/exports/{job_id}/file")
    def export_file(request: Request, job_id: str) -> Response:
        _user, _ws, job = _job(request, job_id)
        from fastapi.responses import FileResponse

        from inspector.office.web import export_jobs

        if job.state != "done":
            raise PageError(409, "台账还没有生成完毕：请在导出页面等待完成后再下载")
        path = export_jobs.file_path(web.office, job.id)
        if not path.exists():
            raise PageError(410, f"这份台账已超过保留时间（{export_jobs.KEEP_S // 60} 分钟）被删除：请重新导出")
        return FileResponse(path, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            headers={"Content-Disposition": f"attachment; filename=\"ledger.xlsx\"; "
                                                            f"filename*=UTF-8''{quote(job.file_name)}",
                                     "Cache-Control": "private, no-store"})
