"""The red-flag page after issue 13 (SQLite and PostgreSQL, a real server process): the faster rules
find exactly the flags the rules before them found, with the same texts, projects, decisions and
order, on a dataset with every kind; and the page is never stale: a push that makes a flag, and one
that resolves it, show on the next page load."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from sqlalchemy import select

from inspector.domain import (
    Answer,
    ChecklistVersion,
    Finding,
    Inspection,
    Party,
    Person,
    Photo,
    PhotoLink,
    Project,
    Rectification,
    RedFlagDecision,
    TestReport,
)
from inspector.domain.clock import china_today
from inspector.office.accounts import user_id_of
from inspector.office.web import crossflags
from inspector.sync.client import SyncSummary, push, sync
from inspector.sync.scope import InspectorScope
from tests.office import crossflags_reference as before
from tests.office.conftest import PASSWORD


@contextmanager
def web(url: str, login: str) -> Iterator[httpx.Client]:
    """A browser-like HTTP session signed in through the sign-in form."""
    with httpx.Client(base_url=url, timeout=60, follow_redirects=False) as c:
        token = re.search(r'name="csrf" value="([^"]+)"', c.get("/login").text).group(1)
        r = c.post("/login", data={"csrf": token, "login": login, "password": PASSWORD, "next": "/"})
        assert r.status_code == 303, r.text
        yield c


def page_keys(c: httpx.Client, kind: str = "") -> list[str]:
    keys: list[str] = []
    for page in range(1, 50):
        r = c.get("/redflags", params={"kind": kind, "page": page})
        assert r.status_code == 200, r.text
        # The page's title is its name alone; the pager (when there is more than a page) shows once.
        assert "<title>红色预警 · " in r.text and r.text.count('class="pager"') <= 1, r.text[:2000]
        keys += re.findall(r'class="[^"]*flag" data-key="([^"]+)"', r.text)
        if "下一页" not in r.text:
            return keys
    raise AssertionError("too many pages")


def _every_kind(office, today: dt.date) -> None:  # type: ignore[no-untyped-def]
    """Projects in three districts and two inspectors with one or more flags of each kind, rows that
    come close to a flag without making one, and decisions (one project's, and two that differ)."""
    li, zhao = user_id_of("li"), user_id_of("zhao")
    with office.workspace.unit() as uow:
        s = uow.session
        mk = {}
        for code, district, status, inspector in (
                ("RF-A", "城中区", "在建", li), ("RF-B", "城西区", "在建", zhao), ("RF-C", "城东区", "待验收", None),
                ("RF-D", "城中区", "已验收", li), ("RF-E", "城中区", "在建", li), ("RF-F", "城西区", "在建", zhao)):
            p = Project(code=code, name=f"{code} 小区", district=district, status=status, inspector_id=inspector,
                        start_date=today - dt.timedelta(days=10))
            s.add(p)
            mk[code] = p
        s.flush()
        a, b, c, d, e, f = (mk[k].id for k in ("RF-A", "RF-B", "RF-C", "RF-D", "RF-E", "RF-F"))
        parties = {}
        for pid, role, name, credit, expiry in (
                (a, "施工单位", "青海甲建设有限公司", "91630100AAAAAAAA1A", today + dt.timedelta(days=300)),
                (b, "施工单位", "青海甲建设有限公司", "91630100AAAAAAAA1A", today + dt.timedelta(days=300)),
                (b, "监理单位", "西宁乙监理公司", "91630100BBBBBBBB2B", today - dt.timedelta(days=5)),  # expired
                (d, "监理单位", "西宁丙监理公司", "91630100CCCCCCCC3C", today - dt.timedelta(days=5)),  # not active
                (e, "施工单位", "湟中丁建筑公司", "", today + dt.timedelta(days=30)),
                (f, "施工单位", "湟中丁建筑公司", "", today + dt.timedelta(days=30))):
            party = Party(project_id=pid, role=role, name=name, credit_code=credit, qualification_expiry=expiry)
            s.add(party)
            parties[(pid, name)] = party
        s.flush()
        # Key persons: one on A and B (two districts), one on A and E (same inspector and district: no
        # flag), one on A and D (D is no longer active: no flag), one on E and F (two districts).
        for pid, reg, name in ((a, "青000000001", "张三"), (b, "青000000001", "张三"), (a, "青000000002", "李四"),
                               (e, "青000000002", "李四"), (a, "青000000003", "王五"), (d, "青000000003", "王五"),
                               (e, "青000000004", "赵六"), (f, "青000000004", "赵六"), (c, "", "无证")):
            s.add(Person(project_id=pid, party_id=parties[(a, "青海甲建设有限公司")].id, name=name, role="项目负责人",
                         registration_no=reg))
        # Test reports: a number in two projects (one of them not active), one in a single project,
        # one by a lab whose qualification had expired when it reported.
        s.add_all([TestReport(project_id=a, agency="西宁检测中心", report_no="JC-0001"),
                   TestReport(project_id=c, agency="西宁检测中心", report_no="JC-0001"),
                   TestReport(project_id=b, agency="西宁检测中心", report_no="JC-0002"),
                   TestReport(project_id=e, agency="过期检测公司", report_no="JC-0003",
                              agency_qualification_expiry=today - dt.timedelta(days=40),
                              report_date=today - dt.timedelta(days=3))])
        # One photo as evidence of an answer on A and of a finding on B; another only on C.
        cv = ChecklistVersion(checklist_id="site-patrol", version=1, content_sha256="0" * 64, content={})
        insp_a, insp_c = Inspection(project_id=a, kind="日常巡查"), Inspection(project_id=c, kind="日常巡查")
        s.add_all([cv, insp_a, insp_c])
        s.flush()
        answer = Answer(inspection_id=insp_a.id, checklist_version_id=cv.id, item_id="XC-01", value="no")
        finding = Finding(project_id=b, description="同一照片", severity="一般")
        s.add_all([answer, finding, Photo(id="a" * 64, format="jpeg"), Photo(id="b" * 64, format="jpeg")])
        s.flush()
        s.add_all([PhotoLink(photo_id="a" * 64, target_kind="answer", target_id=answer.id),
                   PhotoLink(photo_id="a" * 64, target_kind="finding", target_id=finding.id),
                   PhotoLink(photo_id="b" * 64, target_kind="inspection", target_id=insp_c.id)])
        # 停工整改 on A's contractor since 5 days ago; B (same contractor by code) started after it.
        s.add(Rectification(project_id=a, notice_no="停-2026-001", action="停工整改", status="issued",
                            addressee_party_id=parties[(a, "青海甲建设有限公司")].id,
                            issued_on=today - dt.timedelta(days=20)))
        # E's contractor (no credit code: known by name) under 停工整改 too; F started after it.
        s.add(Rectification(project_id=e, notice_no="停-2026-002", action="停工整改", status="replied",
                            addressee_party_id=parties[(e, "湟中丁建筑公司")].id,
                            issued_on=today - dt.timedelta(days=30)))
        s.add_all([RedFlagDecision(project_id=c, flag_key="office:report:JC-0001", decision="dismissed",
                                   reason="同一批次，复印件"),
                   RedFlagDecision(project_id=b, flag_key="office:person:青000000001", decision="dismissed",
                                   reason="乙方称已离职"),
                   RedFlagDecision(project_id=a, flag_key="office:person:青000000001", decision="confirmed",
                                   reason="挂证属实")])


def _shape(flags) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(f.key, f.kind, f.title, f.detail, [tuple(p) for p in f.projects], f.decision, f.reason) for f in flags]


def test_the_red_flag_page_lists_the_same_flags_as_before_on_every_kind(deployment) -> None:
    d = deployment
    today = china_today()
    _every_kind(d.office, today)
    li = InspectorScope(user_id_of("li"), "城中区")
    with d.office.store.read() as s:
        expected = before.compute(s, None, today=today)
        assert {f.kind for f in expected} == set(crossflags.KIND_LABELS)  # every kind is there
        assert len(expected) >= 8
        assert _shape(crossflags.compute(s, None, today=today)) == _shape(expected)
        for kind in crossflags.KIND_LABELS:
            assert _shape(crossflags.compute(s, None, today=today, kind=kind)) == _shape(
                before.compute(s, None, today=today, kind=kind)), kind
        assert _shape(crossflags.compute(s, li, today=today)) == _shape(before.compute(s, li, today=today))
        # Pages of the list, in order, are the list; the counts are the whole list's.
        pages = [crossflags.flag_page(s, None, today=today, page=n, per=3) for n in range(1, 10)]
        assert [x for p in pages for x in _shape(p.flags)][:len(expected)] == _shape(expected)
        assert pages[0].total == len(expected) and pages[0].pages == -(-len(expected) // 3)
        assert pages[0].waiting == sum(1 for f in expected if not f.decision)
        assert crossflags.waiting(s, li, today=today) == sum(1 for f in before.compute(s, li, today=today)
                                                              if not f.decision)
        [person] = [f for f in expected if f.key == "office:person:青000000001"]
        assert person.decision == "confirmed"  # of the first project by code (RF-A), as before
    # The page itself, through the real server: the same flags in the same order.
    with web(d.url, "boss") as c:
        assert page_keys(c) == [f.key for f in expected]
        assert page_keys(c, "stopwork") == [f.key for f in expected if f.kind == "stopwork"]
    with web(d.url, "li") as c:
        with d.office.store.read() as s:
            assert page_keys(c) == [f.key for f in before.compute(s, li, today=today)]


def test_a_push_that_makes_a_flag_and_one_that_resolves_it_show_on_the_next_page_load(deployment) -> None:
    d = deployment
    d.add_user("sun", "湟中区")  # districts of their own: their laptops pull nothing of the test above
    d.add_user("zhou", "大通县")
    a, b = d.laptop("孙"), d.laptop("周")
    pa, pb = d.peer(a, "sun"), d.peer(b, "zhou")
    today = china_today()
    with a.write() as s:
        s.add(Project(id="push-a", code="PUSH-A", name="推送甲小区", district="湟中区", status="在建", start_date=today))
        s.add(Party(id="push-a-c", project_id="push-a", role="施工单位", name="青海戊建设公司"))
        s.add(Person(id="push-a-p", project_id="push-a", party_id="push-a-c", name="孙七", role="项目负责人",
                     registration_no="青900000001"))
        s.add(TestReport(id="push-a-r", project_id="push-a", agency="湟中检测站", report_no="JC-PUSH-1"))
    with b.write() as s:
        s.add(Project(id="push-b", code="PUSH-B", name="推送乙小区", district="大通县", status="在建", start_date=today))
        s.add(Party(id="push-b-c", project_id="push-b", role="施工单位", name="青海己建设公司"))
        s.add(Person(id="push-b-p", project_id="push-b", party_id="push-b-c", name="孙七", role="项目负责人",
                     registration_no="青900000002"))
    sync(a, pa)
    sync(b, pb)
    key = "office:person:青900000001"
    with web(d.url, "boss") as c:
        assert key not in page_keys(c)
        assert key not in page_keys(c)  # loaded twice: the second load is the one a cache would serve
        home = c.get("/").text
        waiting = int(re.search(r'<div class="n">(\d+)</div><div class="l">红色预警待处理', home).group(1))
        with b.write() as s:  # 周's laptop: the same person, by registration number, in another district
            s.get(Person, "push-b-p").registration_no = "青900000001"
        assert sync(b, pb).pushed >= 1
        assert key in page_keys(c)
        # Then a push that touches test reports only: its flag shows, the person's stays.
        with b.write() as s:
            s.add(TestReport(id="push-b-r", project_id="push-b", agency="湟中检测站", report_no="JC-PUSH-1"))
        sync(b, pb)
        keys = page_keys(c)
        assert key in keys and "office:report:JC-PUSH-1" in keys
        with b.write() as s:
            s.get(TestReport, "push-b-r").deleted = True
        sync(b, pb)
        keys = page_keys(c)
        assert key in keys and "office:report:JC-PUSH-1" not in keys
        # A project that is no longer active takes its people out of the rule, and back.
        for status, shown in (("已验收", False), ("在建", True)):
            with b.write() as s:
                s.get(Project, "push-b").status = status
            sync(b, pb)
            assert (key in page_keys(c)) is shown, status
        home = c.get("/").text
        assert int(re.search(r'<div class="n">(\d+)</div><div class="l">红色预警待处理', home).group(1)) == waiting + 1
        with b.write() as s:  # corrected on the laptop: the flag is gone at the next load
            s.get(Person, "push-b-p").registration_no = "青900000002"
        sync(b, pb)
        assert key not in page_keys(c)
    with d.office.store.read() as s:
        assert not s.scalars(select(RedFlagDecision).where(RedFlagDecision.flag_key == key)).all()


def test_more_flags_than_a_page_are_paged_with_one_pager(deployment) -> None:
    """101 pairs of projects in two districts sharing a key person: more than a page of flags (100)."""
    d = deployment
    today = china_today()
    with d.office.workspace.unit() as uow:
        for i in range(101):
            for side in "ab":
                p = Project(code=f"PG-{i:03d}{side}", name=f"分页{i}{side} 小区", status="在建",
                            district="湟源县" if side == "a" else "大通县",
                            start_date=today)
                party = Party(project_id=p.id, role="施工单位", name=f"青海分页{i}{side}建设公司")
                uow.session.add_all([p, party, Person(project_id=p.id, party_id=party.id, name=f"分页{i}",
                                                      role="项目负责人", registration_no=f"青8{i:08d}")])
    with d.office.store.read() as s:
        expected = [f.key for f in before.compute(s, None, today=today)]
    assert len(expected) > 100
    with web(d.url, "boss") as c:
        assert "下一页" in c.get("/redflags").text
        assert page_keys(c) == expected


def _computing(text: str) -> bool:
    """The page says the flags are being computed and reloads itself (it runs no script)."""
    return "红色预警正在计算…" in text and '<meta http-equiv="refresh"' in text


def _ready_keys(c: httpx.Client) -> list[str]:
    """The keys once the page has its flags, reloading as the page's meta refresh would."""
    deadline = time.monotonic() + 60
    while _computing(c.get("/redflags").text):
        assert time.monotonic() < deadline, "the red flags were still being computed after 60 s"
        time.sleep(0.2)
    return page_keys(c)


def test_right_after_start_up_the_pages_say_computing_and_pushes_meanwhile_show_at_the_next_load(
        deployment) -> None:
    """The server finds the flags in the background as it starts. On PostgreSQL the test holds that
    first run back (a lock on a table the photo rule reads) to see the pages meanwhile: they answer
    at once, say the flags are being computed, and refresh themselves; a push made meanwhile (after
    the first run took its snapshot) shows at the next load, and so does the push that undoes it."""
    d = deployment
    d.add_user("wu", "城北区")
    d.add_user("zheng", "海湖新区")
    a, b = d.laptop("吴"), d.laptop("郑")
    pa, pb = d.peer(a, "wu"), d.peer(b, "zheng")
    today = china_today()
    for ws, pid, district, reg in ((a, "warm-a", "城北区", "青700000001"), (b, "warm-b", "海湖新区", "青700000002")):
        with ws.write() as s:
            s.add(Project(id=pid, code=pid.upper(), name=f"{pid} 小区", district=district, status="在建",
                          start_date=today))
            s.add(Party(id=f"{pid}-c", project_id=pid, role="施工单位", name=f"{pid} 建设公司"))
            s.add(Person(id=f"{pid}-p", project_id=pid, party_id=f"{pid}-c", name="吴八", role="项目负责人",
                         registration_no=reg))
    sync(a, pa)
    sync(b, pb)
    key = "office:person:青700000001"
    port = d.server.port
    d.server.stop()
    hold = None
    if d.dialect == "postgresql":
        from sqlalchemy import create_engine

        hold = create_engine(d.db_url).connect()  # type: ignore[arg-type]
        hold.exec_driver_sql("LOCK TABLE photo_links IN ACCESS EXCLUSIVE MODE")  # until rolled back
    try:
        d.server.start(port=port)  # ready (health answers) without waiting for the flags
        with web(d.url, "boss") as c:
            if hold is not None:
                started = time.monotonic()
                page = c.get("/redflags").text
                assert _computing(page), page[-1500:]
                assert "<title>红色预警 · " in page and 'class="flag"' not in page
                assert time.monotonic() - started < 5  # answered, not held until the flags are found
                home = c.get("/").text
                assert 'id="flags-computing"' in home and 'http-equiv="refresh"' in home
                assert "红色预警正在计算" in c.get("/projects/warm-a").text
            # 郑's laptop takes the same person (by registration number), in another district.
            with b.write() as s:
                s.get(Person, "warm-b-p").registration_no = "青700000001"
            summary = SyncSummary()
            push(b, pb, summary)
            assert summary.pushed >= 1
            if hold is not None:
                assert _computing(c.get("/redflags").text)  # still held back: still said so
                hold.rollback()
                hold.close()
                hold = None
            assert key in _ready_keys(c)
            home = c.get("/").text
            assert 'id="flags-computing"' not in home and "红色预警待处理" in home
            with b.write() as s:  # corrected on the laptop: gone at the next load
                s.get(Person, "warm-b-p").registration_no = "青700000002"
            push(b, pb, SyncSummary())
            assert key not in page_keys(c)
    finally:
        if hold is not None:
            hold.rollback()
            hold.close()


def test_each_write_moves_the_flags_as_a_run_over_the_whole_store_would(deployment) -> None:
    """The rules kept current from the rows written since (the photo rule through links and their
    targets, decisions and project codes through their rows) list, after each write, what the rules
    before issue 13 find over the whole store, in the same order, for the office and for a district."""
    d = deployment
    today = china_today()
    li = InspectorScope(user_id_of("li"), "城中区")

    def same() -> None:
        with d.office.store.read() as s:
            assert _shape(crossflags.compute(s, None, today=today)) == _shape(before.compute(s, None, today=today))
            assert _shape(crossflags.compute(s, li, today=today)) == _shape(before.compute(s, li, today=today))
            expected = before.compute(s, li, today=today)
            for n in (1, 2):  # a page past the last shows the last
                page = crossflags.flag_page(s, li, today=today, page=n, per=2)
                m = min(n, max(1, -(-len(expected) // 2)))
                assert (page.page, page.total) == (m, len(expected))
                assert _shape(page.flags) == _shape(expected[(m - 1) * 2:m * 2])

    def write(fn) -> None:  # type: ignore[no-untyped-def]
        with d.office.workspace.unit() as uow:
            fn(uow.session)
        same()

    with d.office.workspace.unit() as uow:
        s = uow.session
        cv = ChecklistVersion(checklist_id="photo-moves", version=1, content_sha256="1" * 64, content={})
        ps = [Project(id=f"ph-{k}", code=f"PH-{k}", name=f"照片{k} 小区", district="城中区" if k == "a" else "城北区",
                      status="在建", start_date=today) for k in "abc"]
        s.add_all([cv, *ps])
        s.flush()
        s.add_all([Inspection(id=f"ph-insp-{k}", project_id=f"ph-{k}", kind="日常巡查") for k in "abc"])
        s.flush()
        s.add(Answer(id="ph-ans-a", inspection_id="ph-insp-a", checklist_version_id=cv.id, item_id="XC-01", value="no"))
        s.add_all([Photo(id=sha * 64, format="jpeg") for sha in "cde"])
        s.flush()
        s.add_all([PhotoLink(photo_id="c" * 64, target_kind="answer", target_id="ph-ans-a", item_id="XC-01"),
                   PhotoLink(photo_id="d" * 64, target_kind="inspection", target_id="ph-insp-c")])
    same()
    # The same photo on an inspection of another project: a flag.
    write(lambda s: s.add(PhotoLink(id="ph-link-b", photo_id="c" * 64, target_kind="inspection",
                                    target_id="ph-insp-b")))
    # A link that arrives before its target (a finding not yet pushed): no project yet, then one.
    write(lambda s: s.add(PhotoLink(photo_id="d" * 64, target_kind="finding", target_id="ph-find-a")))
    write(lambda s: s.add(Finding(id="ph-find-a", project_id="ph-a", description="先到的照片", severity="一般")))
    # An inspection moved to another project takes its answers' photos with it.
    write(lambda s: setattr(s.get(Inspection, "ph-insp-a"), "project_id", "ph-c"))
    write(lambda s: setattr(s.get(Inspection, "ph-insp-a"), "project_id", "ph-a"))
    # Decisions that differ on two projects: the first project by code shows its own, and after
    # the codes change, the other's.
    key = "office:photo:" + "c" * 64
    write(lambda s: s.add_all([RedFlagDecision(project_id="ph-a", flag_key=key, decision="confirmed", reason="甲"),
                               RedFlagDecision(project_id="ph-b", flag_key=key, decision="dismissed", reason="乙")]))
    write(lambda s: setattr(s.get(Project, "ph-a"), "code", "PH-z"))
    with d.office.store.read() as s:
        assert crossflags.find(s, key, today=today).reason == "乙"  # type: ignore[union-attr]
    # A decision withdrawn, a link deleted: the flag goes back to waiting, then away.
    write(lambda s: [setattr(r, "deleted", True) for r in s.scalars(
        select(RedFlagDecision).where(RedFlagDecision.flag_key == key))])
    write(lambda s: setattr(s.get(PhotoLink, "ph-link-b"), "deleted", True))
    with d.office.store.read() as s:
        assert crossflags.find(s, key, today=today) is None
