"""The 台账 export in the background, in a real browser against a real `inspector-office serve`: the
page shows the export's progress and then offers the file; the same export asked for twice while it
runs is made once (also by two office processes on one database); only the account that asked gets
it (another account's export id answers 404 and shows nothing of it); a failure says what went
wrong in Chinese; the file is removed after `KEEP_S`.

The office holds 3 000 projects with 15 000 inspections (bulk-loaded), so an export takes long
enough to be seen running."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import insert, select

from inspector.domain import Inspection, Project, utcnow
from inspector.office.accounts import add_user
from inspector.office.config import OfficeSettings
from inspector.office.core import Office
from inspector.office.models import ExportJob
from inspector.office.web import export_jobs
from tests.office.server import OfficeServer
from tests.web.browser import replaced, require_chromium, screenshot, start_browser
from tests.web.test_pages import PASSWORD, browser_cookies, click_and_wait, export_over_http, sign_in

DISTRICTS = ("城中区", "城西区", "城东区")


@dataclass
class Site:
    url: str
    office: Office
    data_dir: Path


def _fill(office: Office, n: int) -> None:
    now = utcnow()
    projects, inspections = [], []
    for i in range(n):
        pid = str(uuid.uuid4())
        projects.append({"id": pid, "code": f"EX-{i:05d}", "name": f"导出测试{i}号小区", "district": DISTRICTS[i % 3],
                         "status": "在建", "plan_year": 2026, "households": 100 + i % 300, "updated_at": now})
        for k in range(5):
            inspections.append({"id": str(uuid.uuid4()), "project_id": pid, "kind": "日常巡查", "status": "signed",
                                "record_no": f"检{i:05d}-{k}", "inspector_name": "监督员",
                                "started_at": now - dt.timedelta(days=k), "updated_at": now})
    with office.store.engine.begin() as conn:  # a bulk load: the real tables, no audit
        conn.execute(insert(Project), projects)
        conn.execute(insert(Inspection), inspections)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    require_chromium()
    base = tmp_path_factory.mktemp("exports")
    office = Office(OfficeSettings(base / "office"))
    add_user(office, "boss", PASSWORD, district="", name="王站长", admin=True)
    add_user(office, "li", PASSWORD, district="城中区", name="李淑芬")
    add_user(office, "zhao", PASSWORD, district="城西区", name="赵建国")
    _fill(office, 3000)
    server = OfficeServer(base / "office", None).start()
    yield Site(server.url, office, base / "office")
    server.stop()
    office.close()


@pytest.fixture(scope="module")
def browser(site: Site) -> Iterator[object]:
    driver = start_browser()
    yield driver
    driver.quit()


@contextmanager
def _signed_in(site: Site, login: str) -> Iterator[httpx.Client]:
    import re

    with httpx.Client(base_url=site.url, timeout=60, follow_redirects=False) as c:
        token = re.search(r'name="csrf" value="([^"]+)"', c.get("/login").text).group(1)
        r = c.post("/login", data={"csrf": token, "login": login, "password": PASSWORD, "next": "/"})
        assert r.status_code == 303
        yield c


def test_the_export_page_shows_progress_then_offers_the_file(site: Site, browser) -> None:
    from openpyxl import load_workbook
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    sign_in(browser, site, "boss")  # type: ignore[arg-type]
    browser.get(site.url + "/projects?status=在建")
    click_and_wait(browser, browser.find_element(By.ID, "export"))  # answered at once, not after the export
    assert "/exports/" in browser.current_url
    seen: list[tuple[str, int]] = []
    shot = False

    def finished(d) -> str:  # type: ignore[no-untyped-def]
        try:
            return read_state(d)
        except WebDriverException as exc:  # the page's own refresh replaced it mid-read: look again
            if replaced(exc):
                return ""
            raise

    def read_state(d) -> str:  # type: ignore[no-untyped-def]
        nonlocal shot
        box = d.find_element(By.ID, "export-status")
        state = box.get_attribute("data-state")
        if state == "running":
            bar = d.find_elements(By.ID, "export-progress")
            seen.append((box.text, int(bar[0].get_attribute("value")) if bar else -1))
            if not shot and bar and int(bar[0].get_attribute("value")) > 0:
                screenshot(d, "20-export-running", full=False)
                shot = True
        return "" if state == "running" else state

    state = WebDriverWait(browser, 180, poll_frequency=0.2).until(finished)
    assert state == "done", browser.find_element(By.ID, "export-status").text
    assert seen, "the export was never seen running"
    assert all("范围：状态：在建" in text for text, _ in seen)
    percents = [p for _, p in seen if p >= 0]
    assert percents == sorted(percents)  # progress only goes forward
    assert "自动删除" in browser.find_element(By.ID, "export-status").text
    screenshot(browser, "21-export-done", full=False)
    href = browser.find_element(By.ID, "export-download").get_attribute("href")
    with httpx.Client(cookies=browser_cookies(browser), timeout=120) as c:
        r = c.get(href)
    assert r.status_code == 200 and r.content[:2] == b"PK"
    assert "%E7%9B%91%E7%9D%A3%E5%8F%B0%E8%B4%A6" in r.headers["content-disposition"]  # 监督台账-….xlsx
    wb = load_workbook(io.BytesIO(r.content), read_only=True)
    assert sum(1 for _ in wb["项目"].iter_rows(min_row=2)) == 3000
    assert sum(1 for _ in wb["监督检查"].iter_rows(min_row=2)) == 15000


def test_a_running_export_says_which_sheet_and_how_many_rows(site: Site, browser) -> None:
    # How far the writing is, on a job held mid-sheet: a real export of 3 000 projects may finish
    # between two of the page's refreshes on a quiet machine, so it cannot be relied on to show it.
    from selenium.webdriver.common.by import By

    job, started = export_jobs.begin(site.office, "boss", "q=held-mid-sheet")
    assert started
    export_jobs._update(site.office, job, stage="监督检查", done_rows=1200, total_rows=15000, heartbeat_at=utcnow())
    try:
        sign_in(browser, site, "boss")  # type: ignore[arg-type]
        browser.get(f"{site.url}/exports/{job}")
        assert browser.find_element(By.ID, "export-status").get_attribute("data-state") == "running"
        assert browser.find_element(By.ID, "export-stage").text == "正在写入「监督检查」：已完成 1,200 / 15,000 行"
        assert browser.find_element(By.ID, "export-progress").get_attribute("value") == "8"
        assert not browser.find_elements(By.ID, "export-download")
    finally:
        export_jobs._update(site.office, job, state="failed", message="测试结束", running_key=None,
                            finished_at=utcnow())


def test_another_accounts_export_is_not_found_and_shows_nothing_of_it(site: Site, browser) -> None:
    from selenium.webdriver.common.by import By

    with _signed_in(site, "boss") as boss:
        r = export_over_http(boss, q="导出测试1")
        assert r.status_code == 200 and r.content[:2] == b"PK"
        job = str(r.url).rsplit("/", 2)[-2]
    with _signed_in(site, "li") as li:
        for path in (f"/exports/{job}", f"/exports/{job}/file"):
            r = li.get(path)
            assert r.status_code == 404 and "不是您发起的" in r.text
            assert "导出测试1" not in r.text and "PK" not in r.text[:2] and "下载" not in r.text
        # An inspector's own export holds their district only, even with no district chosen.
        from openpyxl import load_workbook

        mine = export_over_http(li)
        wb = load_workbook(io.BytesIO(mine.content), read_only=True)
        assert {row[2].value for row in wb["项目"].iter_rows(min_row=2)} == {"城中区"}
        # Asking for another district is refused before any job is made.
        before = _jobs(site)
        r = export_over_http(li, district="城西区")
        assert r.status_code == 403 and "只能查看本县区" in r.text and _jobs(site) == before
        # Without the form's token: refused, nothing started.
        assert li.post("/exports", data={"district": "城中区"}).status_code == 403 and _jobs(site) == before
    sign_in(browser, site, "zhao")  # type: ignore[arg-type]
    browser.get(f"{site.url}/exports/{job}")
    assert "没有这个导出任务" in browser.find_element(By.ID, "error").text
    assert "导出测试1" not in browser.page_source and not browser.find_elements(By.ID, "export-download")
    screenshot(browser, "22-export-not-yours")


def _jobs(site: Site) -> int:
    with site.office.reading() as s:
        return len(s.scalars(select(ExportJob.id)).all())


def test_the_same_export_asked_twice_while_it_runs_is_made_once(site: Site) -> None:
    # Two office objects on one database: two server processes, as far as the job table can tell.
    other = Office(OfficeSettings(site.data_dir))
    try:
        first, started = export_jobs.begin(site.office, "zhao", "district=城西区")
        again, started_again = export_jobs.begin(other, "zhao", "district=城西区")
        assert started and not started_again and again == first
        mine, started_mine = export_jobs.begin(other, "zhao", "district=城西区&status=在建")  # other filters
        assert started_mine and mine != first
        # Its process died: no heartbeat for longer than STALE_S, so asking again starts afresh and
        # the old one reads as interrupted.
        later = utcnow() + dt.timedelta(seconds=export_jobs.STALE_S + 1)
        fresh, started_fresh = export_jobs.begin(other, "zhao", "district=城西区", now=later)
        assert started_fresh and fresh != first
        old = export_jobs.view(site.office, first, "zhao")
        assert old is not None and old.state == "failed" and "中断" in old.message
        stuck = export_jobs.view(site.office, mine, "zhao", now=later)
        assert stuck is not None and stuck.state == "failed" and "请重新导出" in stuck.message
    finally:
        other.close()


def test_a_failed_export_says_why_and_a_finished_one_is_removed_later(site: Site, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    folder = export_jobs.export_dir(site.office)
    saved = folder.with_name("exports-saved")
    if folder.exists():
        folder.rename(saved)
    folder.write_text("不是文件夹")  # the server cannot write its file: the job fails with the reason
    try:
        sign_in(browser, site, "zhao")  # type: ignore[arg-type]
        browser.get(site.url + "/projects?q=导出测试2")
        click_and_wait(browser, browser.find_element(By.ID, "export"))
        error = WebDriverWait(browser, 120).until(lambda d: d.find_elements(By.ID, "export-error"))[0].text
        assert "无法写入台账文件（同名的文件占用了导出文件夹的位置）" in error and "exports" in error
        screenshot(browser, "23-export-failed", full=False)
    finally:
        folder.unlink()
        if saved.exists():
            saved.rename(folder)
    with _signed_in(site, "zhao") as c:
        r = export_over_http(c, q="导出测试2")  # asked again once the folder is back: made
        assert r.status_code == 200 and r.content[:2] == b"PK"
        job = str(r.url).rsplit("/", 2)[-2]
        path = export_jobs.file_path(site.office, job)
        assert path.exists()
        # Within KEEP_S it stays; after it, the file and the job are gone.
        assert export_jobs.sweep(site.office) == 0 and path.exists()
        assert export_jobs.sweep(site.office, now=utcnow() + dt.timedelta(seconds=export_jobs.KEEP_S + 5)) >= 1
        assert not path.exists()
        assert c.get(f"/exports/{job}").status_code == 404 and c.get(f"/exports/{job}/file").status_code == 404
    shutil.rmtree(folder.with_name("exports-saved"), ignore_errors=True)
