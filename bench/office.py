"""Office pages benchmark: the station's pages at a whole province's scale, on SQLite and PostgreSQL.

    .venv/bin/python bench/office.py [--projects N] [--answers N] [--photos N] [--dialects sqlite,postgresql]
                                     [--repeat N]

1. Fills an office database (the office's own migrations make the tables) with 10 000 projects in
   seven districts (2 parties and 2 key persons each, some persons shared across districts), 5
   inspections and 1 notice per 2 projects, 1 test report each, 500 000 checklist answers, and 20
   photos per inspection (`--photos`), each linked to an answer of it or to the inspection, one in
   20 also to the project's notice, one in 1 000 also to an inspection of another project (the photo
   rule's flag). Rows go in with SQLAlchemy Core `insert()` executemany, bypassing the ORM hooks (no
   audit, no outbox): a bulk load, but the real tables and indexes; PostgreSQL then ANALYZEs, as its
   autovacuum would. Each red-flag rule is then timed in-process, run once over the whole store.
2. Starts a real `inspector-office serve` on 127.0.0.1 over that database; from the moment it
   answers its health check, asks for the red-flag page (and the health check between) until the
   page has its flags (the server finds them in the background as it starts): how fast the page
   answers meanwhile ("正在计算…") and when the flags are there. Then signs in through the
   sign-in form and times, per request, the time to first byte of
   * the health check (`/api/v1/health`: the baseline, measured in the same run),
   * 首页 (`/`, all districts: counts, progress, the red flags waiting),
   * the red-flag page (`/redflags`: the first page of every flag across inspectors),
   * both again "after a write": before each sample a real write through the office's unit of work
     (as a push would) steps `store_seq`: a key person's phone (the person rule), a checklist
     answer's note (the common push: only the photo rule reads answers), or a photo link's note;
     without a write in between the flags of the last sequence are reused (issue 13),
   * a filtered project list (`/projects?district=…&status=在建&q=小区`, one page, sorted by households);
   reported as median and p95, and as ratios to the baseline (target: under 200 ms each).
3. Exports the whole 台账 (an admin, no filter) as the page does: the time until the request answers
   (it starts a background job), until the file is ready (polling the status page as its meta
   refresh does), how many progress steps the page showed, and the file's size.

PostgreSQL runs in a throwaway cluster (Debian's `postgresql`, as the tests use it); the dialect is
skipped with a note when it is not installed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import random
import re
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import REPO, human_bytes, print_table, summary  # noqa: E402

SEED = 11
DISTRICTS = ["城东区", "城中区", "城西区", "城北区", "湟中区", "大通县", "湟源县"]
STATUSES = ["储备", "计划", "在建", "在建", "在建", "待验收", "已验收", "已移交"]
WORDS = ["南关", "北山", "西川", "东关", "胜利", "七一", "八一", "建国", "解放", "人民", "和平", "新华"]
PASSWORD = "bench-password-1"


def fill(office, n_projects: int, n_answers: int, n_photos: int) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import insert

    from inspector.domain import (
        Answer,
        ChecklistVersion,
        Inspection,
        Party,
        Person,
        Project,
        Rectification,
        TestReport,
    )
    from inspector.office.accounts import add_user, user_id_of

    rnd = random.Random(SEED)
    add_user(office, "boss", PASSWORD, district="", admin=True, name="站长")
    inspectors = []
    for i, d in enumerate(DISTRICTS):
        add_user(office, f"insp{i}", PASSWORD, district=d, name=f"监督员{i}")
        inspectors.append(user_id_of(f"insp{i}"))
    today = dt.date.today()
    now = dt.datetime.now(dt.UTC)
    projects, parties, persons, inspections, notices, reports = [], [], [], [], [], []
    for i in range(n_projects):
        pid = str(uuid.uuid4())
        d = rnd.randrange(len(DISTRICTS))
        name = f"{rnd.choice(WORDS)}{rnd.choice(['路', '街', '巷'])}{i}号小区老旧小区改造项目"
        projects.append({"id": pid, "code": f"XN-{2021 + i % 6}-{i:05d}", "name": name, "community_name": name[:-8],
                         "district": DISTRICTS[d], "street": f"{rnd.choice(WORDS)}街道", "plan_year": 2021 + i % 6,
                         "status": rnd.choice(STATUSES), "households": rnd.randint(40, 600),
                         "inspector_id": inspectors[d] if rnd.random() < 0.8 else None,
                         "start_date": today - dt.timedelta(days=rnd.randint(0, 900)), "updated_at": now})
        contractor = str(uuid.uuid4())
        parties.append({"id": contractor, "project_id": pid, "role": "施工单位", "name": f"青海第{rnd.randint(1, 300)}建设有限公司",
                        "credit_code": f"9163{rnd.randint(1, 300):014d}", "updated_at": now,
                        "qualification_expiry": today + dt.timedelta(days=rnd.randint(-60, 900))})
        parties.append({"id": str(uuid.uuid4()), "project_id": pid, "role": "监理单位", "name": f"青海第{rnd.randint(1, 80)}监理公司",
                        "credit_code": f"9263{rnd.randint(1, 80):014d}", "updated_at": now,
                        "qualification_expiry": today + dt.timedelta(days=rnd.randint(0, 900))})
        for role in ("项目负责人", "总监理工程师"):
            persons.append({"id": str(uuid.uuid4()), "project_id": pid, "party_id": contractor, "name": "某人", "role": role,
                            "registration_no": f"青{rnd.randint(1, 15000):09d}", "updated_at": now})
        for _ in range(5):
            inspections.append({"id": str(uuid.uuid4()), "project_id": pid, "kind": "日常巡查", "status": "signed",
                                "record_no": f"检{len(inspections):07d}", "inspector_name": "监督员",
                                "started_at": now - dt.timedelta(days=rnd.randint(0, 700)), "updated_at": now})
        if i % 2 == 0:
            notices.append({"id": str(uuid.uuid4()), "project_id": pid, "notice_no": f"整{i:06d}",
                            "action": "停工整改" if rnd.random() < 0.1 else "限期整改", "addressee_party_id": contractor,
                            "issued_on": today - dt.timedelta(days=rnd.randint(5, 200)),
                            "deadline": today + dt.timedelta(days=rnd.randint(-30, 30)),
                            "status": rnd.choice(["issued", "replied", "closed", "closed"]), "updated_at": now})
        reports.append({"id": str(uuid.uuid4()), "project_id": pid, "agency": f"检测中心{rnd.randint(1, 20)}",
                        "report_no": f"JC-{rnd.randint(1, 9_000_000):07d}", "updated_at": now})
    cv = {"id": str(uuid.uuid4()), "checklist_id": "site-patrol", "version": 1, "content_sha256": "0" * 64,
          "content": {}, "updated_at": now}
    with office.store.engine.begin() as conn:
        conn.execute(insert(ChecklistVersion), [cv])
        for model, rows in ((Project, projects), (Party, parties), (Person, persons), (Inspection, inspections),
                            (Rectification, notices), (TestReport, reports)):
            for k in range(0, len(rows), 5000):
                conn.execute(insert(model), rows[k:k + 5000])
        batch = []
        answer_ids = []  # answer k is item k // len(inspections) of inspection k % len(inspections)
        for k in range(n_answers):
            insp = inspections[k % len(inspections)]["id"]
            answer_ids.append(str(uuid.uuid4()))
            batch.append({"id": answer_ids[-1], "inspection_id": insp, "checklist_version_id": cv["id"],
                          "item_id": f"XC-{k // len(inspections):02d}", "value": "yes", "updated_at": now})
            if len(batch) == 10000:
                conn.execute(insert(Answer), batch)
                batch = []
        if batch:
            conn.execute(insert(Answer), batch)
        _fill_photos(conn, rnd, inspections, answer_ids, notices, n_photos, now)
    if office.store.dialect == "postgresql":
        # What autovacuum does within a minute of a bulk load: the planner's statistics (without them
        # PostgreSQL plans 首页's counts for empty tables). SQLite never gathers them by itself.
        with office.store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")


def _fill_photos(conn, rnd: random.Random, inspections: list[dict], answer_ids: list[str],  # type: ignore[no-untyped-def]
                 notices: list[dict], per_inspection: int, now: dt.datetime) -> None:
    """`per_inspection` photos per inspection: each linked to one of its answers (3 in 5) or to the
    inspection itself; one in 20 also to the project's notice (same project: no flag), one in 1 000
    also to an inspection of another project (a flag)."""
    from sqlalchemy import insert

    from inspector.domain import Photo, PhotoLink

    n_insp = len(inspections)
    per_answer = len(answer_ids) // n_insp if n_insp else 0
    notice_of = {n["project_id"]: n["id"] for n in notices}
    photos: list[dict] = []
    links: list[dict] = []

    def link(sha: str, kind: str, target: str, item: str = "") -> None:
        links.append({"id": str(uuid.uuid4()), "photo_id": sha, "target_kind": kind, "target_id": target,
                      "item_id": item, "updated_at": now})

    for j, insp in enumerate(inspections):
        for t in range(per_inspection):
            sha = f"{rnd.getrandbits(256):064x}"
            photos.append({"id": sha, "format": "jpeg", "byte_size": 3_000_000, "width": 4000, "height": 3000,
                           "updated_at": now})
            if per_answer and rnd.random() < 0.6:
                m = t % per_answer
                link(sha, "answer", answer_ids[m * n_insp + j], f"XC-{m:02d}")
            else:
                link(sha, "inspection", insp["id"])
            r = rnd.random()
            if r < 0.05 and insp["project_id"] in notice_of:
                link(sha, "rectification", notice_of[insp["project_id"]])
            elif r > 0.999:
                link(sha, "inspection", inspections[rnd.randrange(n_insp)]["id"])
        if len(links) >= 10000 or j == n_insp - 1:
            conn.execute(insert(Photo), photos)
            conn.execute(insert(PhotoLink), links)
            photos, links = [], []


def rule_costs(office, dialect: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Each red-flag rule run once over the whole store, in-process (what the server's first run
    after start-up costs, rule by rule)."""
    from inspector.domain.clock import china_today
    from inspector.office.web import crossflags
    from inspector.office.web.person_flags import PersonIndex

    def person(s, today):  # type: ignore[no-untyped-def]
        index = PersonIndex()
        index.update(s, persons_since=-1, projects_since=-1)
        return index.flags

    rules = {**crossflags._RULES, "person": person}
    try:
        from inspector.office.web.photo_flags import PhotoIndex

        def photo(s, today):  # type: ignore[no-untyped-def]
            index = PhotoIndex()
            index.full(s)
            return index.flags

        rules["photo"] = photo
    except ImportError:  # the code before the photo rule had an index of its own: among _RULES
        pass
    rows = []
    for kind, rule in rules.items():
        with office.store.read() as s:
            start = time.perf_counter()
            found = rule(s, china_today())
            ms = (time.perf_counter() - start) * 1000
        rows.append([dialect, f"规则 {kind}（完整运行一次，进程内；{len(found)} 条）", f"{ms:.0f}", "", "", ""])
    return rows


def startup(port: int, dialect: str) -> list[list[str]]:
    """From the moment the server answers its health check: the red-flag page and the health check
    asked in turn until the page has its flags (as its meta refresh would, but without waiting)."""
    c = Client(port)
    c.sign_in("boss")
    start = time.perf_counter()
    computing: list[float] = []
    health: list[float] = []
    while True:
        ms, status, body, _ = c.request("GET", "/redflags")
        assert status == 200, status
        if "红色预警正在计算" not in body.decode():
            break
        computing.append(ms)
        health.append(c.request("GET", "/api/v1/health")[0])
        time.sleep(0.05)
    ready = (time.perf_counter() - start) * 1000
    rows = [[dialect, "启动后：红色预警就绪（服务应答后，含登录）", f"{ready:.0f}", "", "", ""],
            [dialect, "启动后：红色预警第一次有结果的加载", f"{ms:.1f}", "", "", ""]]
    if computing:
        med, p95, _ = summary(computing)
        rows.append([dialect, f"启动后：计算中页面（{len(computing)} 次）", f"{med:.1f}", f"{p95:.1f}", "",
                     "✓" if p95 < 200 else "✗ (目标 200 ms)"])
        med, p95, _ = summary(health)
        rows.append([dialect, "启动后：health（后台计算期间）", f"{med:.1f}", f"{p95:.1f}", "", ""])
    return rows


class Client:
    """One keep-alive HTTP connection with the session cookie; `ttfb(path)` is the time from sending
    the request to the response's first byte (its status line), then the body is read."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        self.cookies: dict[str, str] = {}
        self.last_headers: list[tuple[str, str]] = []

    def request(self, method: str, path: str, body: str | None = None) -> tuple[float, int, bytes, float]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        try:
            self.conn.request(method, path, body=body, headers=headers)
            resp = self.conn.getresponse()
        except (ConnectionResetError, http.client.RemoteDisconnected, BrokenPipeError):
            # The server closes a keep-alive connection idle for 5 s (while the bench opened its
            # writer, say): a browser opens a new one; so does the bench, outside the time measured.
            self.conn.close()
            start = time.perf_counter()
            self.conn.request(method, path, body=body, headers=headers)
            resp = self.conn.getresponse()
        first = time.perf_counter() - start
        data = resp.read()
        total = time.perf_counter() - start
        self.last_headers = resp.getheaders()
        for h in resp.headers.get_all("set-cookie") or []:
            name, _, rest = h.partition("=")
            self.cookies[name] = rest.split(";")[0]
        return first * 1000, resp.status, data, total * 1000

    def sign_in(self, login: str) -> None:
        from urllib.parse import urlencode

        _, _, page, _ = self.request("GET", "/login")
        token = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()
        _, status, _, _ = self.request("POST", "/login", urlencode({"csrf": token, "login": login,
                                                                     "password": PASSWORD, "next": "/"}))
        assert status == 303, status


def export(c: Client, dialect: str, base: float) -> list[list[str]]:
    """The whole 台账 as the project list's button makes it: a background job and its page."""
    from urllib.parse import urlencode

    _, _, page, _ = c.request("GET", "/projects")
    token = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()
    start = time.perf_counter()
    answered, status, _, _ = c.request("POST", "/exports", urlencode({"csrf": token}))
    assert status == 303, status
    job = [v for k, v in c.last_headers if k.lower() == "location"][0]
    steps: set[str] = set()
    while True:
        _, status, body, _ = c.request("GET", job)
        text = body.decode()
        if 'data-state="running"' not in text:
            break
        m = re.search(r'id="export-stage">([^<]*)<', text)
        steps.add(m.group(1) if m else "")
        time.sleep(1.0)  # the page's own refresh
    ready = (time.perf_counter() - start) * 1000
    assert 'id="export-download"' in text, text[-2000:]
    _, status, data, _ = c.request("GET", job + "/file")
    assert status == 200
    return [[dialect, "导出台账：请求应答（后台开始）", f"{answered:.1f}", "", f"{answered / base:.1f}×",
             "✓" if answered < 200 else "✗ (目标 200 ms)"],
            [dialect, f"导出台账：文件就绪（{human_bytes(len(data))}，页面显示 {len(steps)} 次不同进度）",
             f"{ready:.0f}", "", f"{ready / base:.0f}×", ""]]


def run(dialect: str, args: argparse.Namespace, tmp: Path) -> list[list[str]]:
    from inspector.office.config import OfficeSettings
    from inspector.office.core import Office
    from tests.office.server import OfficeServer

    cluster = None
    db_url = None
    if dialect == "postgresql":
        from tests.office.postgres import Cluster, _bin_dir

        bins = _bin_dir()
        if bins is None:
            print("PostgreSQL is not installed: skipped (apt-get install postgresql)")
            return []
        cluster = Cluster(bins)
        cluster.start()
        db_url = cluster.create_database("bench_office")
    data_dir = tmp / dialect
    try:
        office = Office(OfficeSettings(data_dir, db_url))
        t0 = time.perf_counter()
        fill(office, args.projects, args.answers, args.photos)
        print(f"[{dialect}] filled {args.projects} projects, {args.answers} answers, {args.photos} photos per "
              f"inspection in {time.perf_counter() - t0:.0f} s")
        rows = rule_costs(office, dialect)
        office.close()
        server = OfficeServer(data_dir, db_url, log=tmp / f"{dialect}.log").start(timeout=300)
        try:
            rows += startup(server.port, dialect)
            c = Client(server.port)
            c.sign_in("boss")
            writer = Office(OfficeSettings(data_dir, db_url))
            n_write = iter(range(1_000_000))

            def write(model, field: str):  # type: ignore[no-untyped-def]
                """One synced write through the unit of work (as a push): store_seq moves."""
                from sqlalchemy import select

                def go() -> None:
                    with writer.workspace.unit() as uow:
                        row = uow.session.scalars(select(model).order_by(model.id).limit(1)).one()
                        setattr(row, field, f"{next(n_write)}")
                return go

            from inspector.domain import Answer, Person, PhotoLink

            cases = [("health (baseline)", "/api/v1/health", None), ("首页", "/", None),
                     ("首页（每次之前写一个关键人员）", "/", write(Person, "phone")),
                     ("红色预警 第 1 页", "/redflags", None),
                     ("红色预警（每次之前写一条检查答案）", "/redflags", write(Answer, "note")),
                     ("红色预警（每次之前写一条照片关联）", "/redflags", write(PhotoLink, "note")),
                     ("红色预警（每次之前写一个关键人员）", "/redflags", write(Person, "phone")),
                     ("红色预警 第 10 页（每次之前写一个关键人员）", "/redflags?page=10", write(Person, "phone")),
                     ("项目列表 筛选", "/projects?district=%E5%9F%8E%E4%B8%9C%E5%8C%BA&status=%E5%9C%A8%E5%BB%BA"
                                    "&q=%E5%B0%8F%E5%8C%BA&sort=households&desc=1", None),
                     ("项目列表 第 20 页", "/projects?page=20", None)]
            base = None
            for label, path, before in cases:
                samples = []
                c.request("GET", path)  # warm-up
                for _ in range(args.repeat):
                    if before is not None:
                        before()
                    first, status, _, _ = c.request("GET", path)
                    assert status == 200, (path, status)
                    samples.append(first)
                med, p95, _ = summary(samples)
                base = base or med
                rows.append([dialect, label, f"{med:.1f}", f"{p95:.1f}", f"{med / base:.1f}×",
                             "" if label.startswith("health") else ("✓" if p95 < 200 else "✗ (目标 200 ms)")])
            writer.close()
            rows += export(c, dialect, base)
            return rows
        finally:
            server.stop()
    finally:
        if cluster is not None:
            cluster.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--projects", type=int, default=10_000)
    ap.add_argument("--answers", type=int, default=500_000)
    ap.add_argument("--photos", type=int, default=20, help="photos per inspection")
    ap.add_argument("--dialects", default="sqlite,postgresql")
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    sys.path.insert(0, str(REPO))
    rows: list[list[str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-office-") as tmp:
        for dialect in args.dialects.split(","):
            rows += run(dialect.strip(), args, Path(tmp))
    print()
    print_table(["数据库", "请求", "首字节 中位 ms", "p95 ms", "相对 health", "目标"], rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
