"""The supervision station's pages in a real browser (Debian's headless chromium through Selenium)
against a real `inspector-office serve` on 127.0.0.1 holding the demo laptop's data, synced over
HTTP: sign in, search, filter, open a project and its signed PDFs, decide a red flag, assign a
project, publish a checklist, export the 台账. One server and one browser for the module; a
screenshot of each page goes to test-artifacts/web/ (or $INSPECTOR_TEST_ARTIFACTS/web/).

The security checks (another district refused, CSRF, a broken checklist, stored markup) run in the
same module against the same server, through the browser or plain HTTP."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from inspector.domain import ChecklistVersion, Project, RedFlagDecision
from inspector.domain.clock import china_today
from inspector.office.accounts import add_user, user_id_of
from inspector.office.config import OfficeSettings
from inspector.office.core import Office
from inspector.office.web.session import COOKIE
from tests.office.server import REPO, OfficeServer
from tests.web.browser import replaced, require_chromium, screenshot, start_browser
from tests.web.office_data import add_cross_flags, sync_demo

PASSWORD = "correct-horse-7"


@dataclass
class Site:
    url: str
    office: Office
    server: OfficeServer
    data_dir: Path
    laptop_dir: Path
    ids: dict[str, str]
    tmp: Path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    require_chromium()  # before the expensive part
    from inspector.demo import ensure_demo
    from inspector.store import Actor, open_workspace

    base = tmp_path_factory.mktemp("web")
    office = Office(OfficeSettings(base / "office"))
    add_user(office, "boss", PASSWORD, district="", name="王站长", admin=True)
    add_user(office, "li", PASSWORD, district="城中区", name="李淑芬")
    add_user(office, "zhao", PASSWORD, district="城西区", name="赵建国")
    server = OfficeServer(base / "office", None).start()
    laptop_dir = base / "laptop"
    ws = open_workspace(laptop_dir, Actor("测试监督员"))
    ensure_demo(ws)  # dated from today: the pages count overdue notices against today
    ws.close()
    sync_demo(laptop_dir, server.url, "boss", PASSWORD).close()
    ids = add_cross_flags(office, today=china_today())
    yield Site(server.url, office, server, base / "office", laptop_dir, ids, base)
    server.stop()
    office.close()


@pytest.fixture(scope="module")
def browser(site: Site) -> Iterator[object]:
    driver = start_browser()
    yield driver
    driver.quit()


def sign_in(driver, site: Site, login: str, password: str = PASSWORD) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    driver.delete_all_cookies()
    driver.get(site.url + "/login")
    driver.find_element(By.ID, "login").send_keys(login)
    driver.find_element(By.ID, "password").send_keys(password)
    click_and_wait(driver, driver.find_element(By.ID, "signin"))


def click_and_wait(driver, element) -> None:  # type: ignore[no-untyped-def]
    """Click something that loads a new page, and wait until the old one is gone."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    old = driver.find_element(By.TAG_NAME, "html")
    element.click()

    def gone(_driver) -> bool:  # type: ignore[no-untyped-def]
        try:
            old.is_enabled()
        except WebDriverException as exc:
            if replaced(exc):
                return True
            raise
        return False

    WebDriverWait(driver, 30).until(gone)


@contextmanager
def http_session(site: Site, login: str) -> Iterator[httpx.Client]:
    """A plain HTTP client signed in through the sign-in form (its CSRF token included)."""
    with httpx.Client(base_url=site.url, timeout=60, follow_redirects=False) as c:
        page = c.get("/login")
        token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        r = c.post("/login", data={"csrf": token, "login": login, "password": PASSWORD, "next": "/"})
        assert r.status_code == 303, r.text
        yield c


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def browser_cookies(driver) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {c["name"]: c["value"] for c in driver.get_cookies()}


# ---- in the browser -------------------------------------------------------------------------------

def test_sign_in_then_today_shows_the_counts_and_the_chart(site: Site, browser) -> None:
    from selenium.webdriver.common.by import By

    browser.delete_all_cookies()
    browser.get(site.url + "/")
    assert "/login" in browser.current_url  # not signed in: the sign-in page
    sign_in(browser, site, "boss", "wrong-password")
    assert "用户名或密码错误" in browser.find_element(By.ID, "error").text
    screenshot(browser, "01-login-error")
    sign_in(browser, site, "boss")
    assert browser.current_url.rstrip("/") == site.url
    cookie = next(c for c in browser.get_cookies() if c["name"] == COOKIE)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    cards = browser.find_element(By.ID, "status-cards").text
    for status in ("储备", "计划", "在建", "待验收", "已验收", "已移交", "涉及户数"):
        assert status in cards
    assert int(browser.find_element(By.ID, "overdue").text) >= 1  # the demo has overdue notices
    assert browser.find_elements(By.CSS_SELECTOR, ".chart svg")  # the progress chart, drawn on the server
    assert "城西区" in browser.find_element(By.ID, "progress").text
    screenshot(browser, "02-home")


def test_search_every_word_must_match_and_filters_narrow_the_list(site: Site, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    sign_in(browser, site, "boss")
    browser.get(site.url + "/projects")
    all_rows = browser.find_elements(By.CSS_SELECTOR, "#projects tr")[1:]
    browser.find_element(By.ID, "q").send_keys("西川 南路")
    click_and_wait(browser, browser.find_element(By.ID, "search"))
    rows = browser.find_elements(By.CSS_SELECTOR, "#projects tr")[1:]
    assert [r.find_elements(By.TAG_NAME, "td")[0].text for r in rows] == ["XN-WEB-01"]
    browser.find_element(By.ID, "q").clear()
    browser.find_element(By.ID, "q").send_keys("西川 不存在的词")
    click_and_wait(browser, browser.find_element(By.ID, "search"))
    assert "没有符合条件的项目" in browser.find_element(By.ID, "projects").text
    browser.find_element(By.ID, "q").clear()
    Select(browser.find_element(By.ID, "district")).select_by_visible_text("城西区")
    click_and_wait(browser, browser.find_element(By.ID, "search"))
    rows = browser.find_elements(By.CSS_SELECTOR, "#projects tr")[1:]
    assert 0 < len(rows) < len(all_rows)
    assert {r.find_elements(By.TAG_NAME, "td")[2].text for r in rows} == {"城西区"}
    browser.get(browser.find_element(By.LINK_TEXT, "户数").get_attribute("href"))  # sort by households…
    assert "户数 ▲" in browser.find_element(By.ID, "projects").text
    browser.get(browser.find_element(By.PARTIAL_LINK_TEXT, "户数").get_attribute("href"))  # …then descending
    households = [int(r.find_elements(By.TAG_NAME, "td")[6].text or 0)
                  for r in browser.find_elements(By.CSS_SELECTOR, "#projects tr")[1:]]
    assert households == sorted(households, reverse=True) and len(households) == len(rows)
    screenshot(browser, "03-projects-filtered")


def _project_with_records(site: Site) -> str:
    from inspector.office.web import queries

    with site.office.store.read() as s:
        ids = s.scalars(select(Project.id).where(Project.deleted.is_(False)).order_by(Project.code)).all()
        return max(ids, key=lambda pid: len(queries.signed_records(s, pid)))


def test_a_project_page_shows_its_records_and_checks_each_signed_pdf(site: Site, browser) -> None:
    from selenium.webdriver.common.by import By

    from inspector.store.trust import add_trusted_cert

    pid = _project_with_records(site)
    sign_in(browser, site, "boss")
    browser.get(f"{site.url}/projects/{pid}")
    for heading in ("参建单位", "关键人员", "监督检查", "问题", "整改通知", "材料进场", "检测报告", "投诉", "联合验收与移交"):
        assert heading in browser.page_source
    states = {e.get_attribute("data-state") for e in browser.find_elements(By.CSS_SELECTOR, ".verdict")}
    assert states == {"unknown"}  # signed by the laptop's own certificate, which the office does not trust
    screenshot(browser, "04-project-unknown-signer")

    # The office trusts the laptop's certificate: every signature checks out.
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

    from inspector.services.keys import DEMO_PASSPHRASE

    p12 = (site.laptop_dir / "keys" / "demo" / "demo.p12").read_bytes()
    pem = pkcs12.load_key_and_certificates(p12, DEMO_PASSPHRASE.encode())[1].public_bytes(Encoding.PEM)
    add_trusted_cert(site.data_dir, pem, source="station", note="测试")
    browser.refresh()
    verdicts = browser.find_elements(By.CSS_SELECTOR, ".verdict")
    assert verdicts and {e.get_attribute("data-state") for e in verdicts} == {"valid"}

    # Open the PDF in the browser (inline), and download it.
    link = browser.find_element(By.CSS_SELECTOR, "a.pdf-view").get_attribute("href")
    cookies = browser_cookies(browser)
    with httpx.Client(cookies=cookies, timeout=60) as c:
        inline = c.get(link)
        download = c.get(link + "?download=1")
    assert inline.status_code == 200 and inline.headers["content-type"] == "application/pdf"
    assert inline.headers["content-disposition"].startswith("inline") and inline.content.startswith(b"%PDF")
    assert download.headers["content-disposition"].startswith("attachment") and download.content == inline.content
    browser.get(link)  # chromium's own viewer; the page must not be an error page
    assert "无法完成" not in browser.page_source
    browser.back()

    # One stored PDF changed on disk after signing: the server says so.
    sha = re.search(r"/records/(\w+)/([\w-]+)\.pdf", link)
    from inspector.domain.kinds import RECORD_KINDS

    with site.office.store.read() as s:
        row = s.get(RECORD_KINDS[sha.group(1)].model, sha.group(2))
        path = site.office.store.blobs.path(row.pdf_sha256)
    original = path.read_bytes()
    try:
        at = original.index(b"/Contents") // 2  # a byte inside the signed part
        path.chmod(0o600)
        path.write_bytes(original[:at] + bytes([original[at] ^ 0x01]) + original[at + 1:])
        browser.refresh()
        states = [e.get_attribute("data-state") for e in browser.find_elements(By.CSS_SELECTOR, ".verdict")]
        assert "broken" in states
        screenshot(browser, "05-project-broken-signature")
    finally:
        path.write_bytes(original)


def test_stored_markup_is_shown_as_text_never_run(site: Site, browser) -> None:
    from selenium.webdriver.common.by import By

    sign_in(browser, site, "boss")
    for pid in (site.ids["hostile"], site.ids["other"]):
        browser.get(f"{site.url}/projects/{pid}")
        assert browser.title != "pwned"
        assert not browser.find_elements(By.ID, "injected")  # no element made from the stored text
        assert "<script>" in browser.find_element(By.TAG_NAME, "main").text
    browser.get(site.url + "/projects?q=胜利路")
    assert "<b id=\"injected\">" in browser.find_element(By.ID, "projects").text
    assert not browser.find_elements(By.ID, "injected") and browser.title != "pwned"
    screenshot(browser, "06-stored-markup-as-text")


def test_rectifications_show_overdue_notices_by_district_and_contractor(site: Site, browser) -> None:
    from selenium.webdriver.common.by import By

    sign_in(browser, site, "boss")
    browser.get(site.url + "/rectifications")
    overdue = browser.find_elements(By.CSS_SELECTOR, "#notices tr.overdue")
    assert overdue and all("逾期" in r.text for r in overdue)
    assert browser.find_element(By.ID, "by-district").text and browser.find_element(By.ID, "by-contractor").text
    screenshot(browser, "07-rectifications")


def test_an_admin_decides_a_red_flag_and_the_decision_reaches_the_laptops(site: Site, browser) -> None:
    from selenium.webdriver.common.by import By

    sign_in(browser, site, "boss")
    browser.get(site.url + "/redflags")
    text = browser.find_element(By.ID, "flags").text
    for label in ("关键人员同时在岗", "检测报告编号重复", "资质过期仍在承接业务", "停工整改期间承接新项目"):
        assert label in text, label
    screenshot(browser, "08-redflags")
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "#flags tr.flag")
               if r.get_attribute("data-key").startswith("office:person:"))
    key = row.get_attribute("data-key")
    form = row.find_element(By.CSS_SELECTOR, "form.decide")
    form.find_element(By.NAME, "reason").send_keys("同一注册证书号，经核实为挂证，已移送执法")
    click_and_wait(browser, form.find_element(By.TAG_NAME, "button"))
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "#flags tr.flag") if r.get_attribute("data-key") == key)
    assert "确认" in row.text and "挂证" in row.text
    with site.office.store.read() as s:
        decided = s.scalars(select(RedFlagDecision).where(RedFlagDecision.flag_key == key)).all()
    assert len(decided) == 2 and {d.decision for d in decided} == {"confirmed"}
    # The laptop that holds one of those projects receives the decision on its next sync.
    from inspector.services import sync as sync_svc
    from inspector.store import Actor, open_workspace

    ws = open_workspace(site.laptop_dir, Actor("测试监督员"))
    try:
        sync_svc.sync_now(ws)
        with ws.read() as s:
            got = s.scalars(select(RedFlagDecision).where(RedFlagDecision.flag_key == key)).all()
        assert got and got[0].reason.startswith("同一注册证书号")
    finally:
        ws.close()


def test_an_admin_assigns_a_project_to_an_inspector(site: Site, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    sign_in(browser, site, "boss")
    browser.get(f"{site.url}/projects/{site.ids['other']}")
    Select(browser.find_element(By.ID, "assign-inspector")).select_by_value(user_id_of("zhao"))
    click_and_wait(browser, browser.find_element(By.ID, "assign"))
    assert browser.find_element(By.ID, "assigned")
    assert browser.find_element(By.ID, "inspector-name").text == "赵建国"
    with site.office.store.read() as s:
        assert s.get(Project, site.ids["other"]).inspector_id == user_id_of("zhao")
    screenshot(browser, "09-project-assigned")


def _published(site: Site) -> int:
    with site.office.store.read() as s:
        return s.scalar(select(func.count()).select_from(ChecklistVersion)
                        .where(ChecklistVersion.published_at.is_not(None))) or 0


def test_publish_a_checklist_refuses_a_broken_file_then_shows_the_diff_and_publishes(site: Site, browser) -> None:
    from selenium.webdriver.common.by import By

    source = (REPO / "forms" / "site-patrol.toml").read_text(encoding="utf-8")
    version = int(re.search(r"^version = (\d+)", source, re.M).group(1))
    broken = site.tmp / "site-patrol-broken.toml"
    broken.write_text(source.replace('severity = "较重"', 'severity = "很重"', 1), encoding="utf-8")
    good = site.tmp / "site-patrol.toml"
    good.write_text(source.replace(f"version = {version}", f"version = {version + 1}", 1)
                    .replace("施工组织设计含安全技术措施和临时用电方案，已审批",
                             "施工组织设计含安全技术措施和临时用电方案，已按程序审批", 1), encoding="utf-8")
    before = _published(site)
    sign_in(browser, site, "boss")
    browser.get(site.url + "/office")
    browser.find_element(By.ID, "checklist-file").send_keys(str(broken))
    click_and_wait(browser, browser.find_element(By.ID, "checklist-check"))
    problems = browser.find_element(By.ID, "checklist-problems").text
    assert re.search(r"site-patrol-broken\.toml:XC-01: .*", problems), problems
    assert not browser.find_elements(By.ID, "checklist-publish") and _published(site) == before
    screenshot(browser, "10-checklist-refused")

    browser.find_element(By.ID, "checklist-file").send_keys(str(good))
    click_and_wait(browser, browser.find_element(By.ID, "checklist-check"))
    diff = browser.find_element(By.ID, "checklist-diff").text
    assert "+XC-01｜施工组织设计含安全技术措施和临时用电方案，已按程序审批" in diff
    assert "-XC-01｜施工组织设计含安全技术措施和临时用电方案，已审批" in diff
    screenshot(browser, "11-checklist-diff")
    click_and_wait(browser, browser.find_element(By.ID, "checklist-publish"))
    assert "已发布检查表 site-patrol" in browser.find_element(By.ID, "message").text
    assert _published(site) == before + 1
    with site.office.store.read() as s:
        assert s.scalars(select(ChecklistVersion).where(ChecklistVersion.checklist_id == "site-patrol",
                                                        ChecklistVersion.version == version + 1,
                                                        ChecklistVersion.published_at.is_not(None))).first()
    screenshot(browser, "12-office")


def test_export_the_ledger_of_what_is_on_screen_and_read_it_back(site: Site, browser) -> None:
    from openpyxl import load_workbook
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    sign_in(browser, site, "boss")
    browser.get(site.url + "/projects")
    Select(browser.find_element(By.ID, "district")).select_by_visible_text("城西区")
    click_and_wait(browser, browser.find_element(By.ID, "search"))
    shown = len(browser.find_elements(By.CSS_SELECTOR, "#projects tr")) - 1
    r = export_in_browser(browser)
    assert r.status_code == 200 and r.content[:2] == b"PK"
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["项目", "监督检查", "整改通知", "联合验收", "红色预警", "按县区汇总"]
    ws = wb["项目"]
    assert [c.value for c in ws[1]][:4] == ["项目编号", "项目名称", "县区", "街道"]
    assert ws.freeze_panes == "A2" and ws.column_dimensions["B"].width >= 20
    assert ws.max_row - 1 == shown and {row[2].value for row in ws.iter_rows(min_row=2)} == {"城西区"}
    dates = [row[10].value for row in ws.iter_rows(min_row=2) if row[10].value is not None]
    assert dates and all(isinstance(d, dt.datetime) for d in dates)  # dates as dates, not text
    assert ws.cell(row=2, column=11).number_format == "yyyy-mm-dd" or not ws.cell(row=2, column=11).value
    totals = wb["按县区汇总"]
    assert totals["A1"].value == "县区" and totals.cell(row=totals.max_row, column=1).value == "合计"
    by_district = {r[0].value: r[1].value for r in totals.iter_rows(min_row=2)}
    assert by_district["城西区"] == shown
    out = site.tmp / "ledger.xlsx"
    out.write_bytes(r.content)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:  # optional (the issue: "if LibreOffice installs here"): it opens and converts cleanly
        import subprocess

        subprocess.run([soffice, "--headless", "--convert-to", "csv", "--outdir", str(site.tmp), str(out)],
                       check=True, timeout=120, capture_output=True)
        assert "项目编号" in (site.tmp / "ledger.csv").read_text(encoding="utf-8", errors="replace")


def export_in_browser(driver) -> httpx.Response:  # type: ignore[no-untyped-def]
    """Press 导出台账 on the project list, wait on the export's page (it refreshes itself) for the
    download link, and fetch the file as the browser would."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def link(d) -> list[str]:  # type: ignore[no-untyped-def]
        try:
            return [e.get_attribute("href") for e in d.find_elements(By.ID, "export-download")]
        except WebDriverException as exc:
            if replaced(exc):  # the page refreshed itself mid-read: look again
                return []
            raise

    click_and_wait(driver, driver.find_element(By.ID, "export"))
    assert "/exports/" in driver.current_url
    href = WebDriverWait(driver, 120).until(link)[0]
    with httpx.Client(cookies=browser_cookies(driver), timeout=120) as c:
        return c.get(href)


def export_over_http(c: httpx.Client, **filters: str) -> httpx.Response:
    """Start an export as the project list's form does and wait for its file (or its failure page)."""
    import time

    token = csrf_of(c.get("/projects").text)
    r = c.post("/exports", data={"csrf": token, **filters})
    if r.status_code != 303:
        return r
    status = r.headers["location"]
    for _ in range(600):
        page = c.get(status)
        if 'data-state="running"' not in page.text:
            break
        time.sleep(0.2)
    if 'id="export-download"' not in page.text:
        return page
    return c.get(status + "/file")


# ---- security ------------------------------------------------------------------------------------

def test_an_inspector_sees_their_district_and_is_refused_another(site: Site, browser) -> None:
    from selenium.webdriver.common.by import By

    sign_in(browser, site, "li")  # 城中区
    browser.get(site.url + "/projects")
    districts = {r.find_elements(By.TAG_NAME, "td")[2].text for r in browser.find_elements(By.CSS_SELECTOR, "#projects tr")[1:]}
    assert districts == {"城中区"}
    browser.get(f"{site.url}/projects/{site.ids['other']}")  # 城西区
    assert "无权查看" in browser.find_element(By.ID, "error").text
    screenshot(browser, "13-inspector-refused")
    with http_session(site, "li") as c:
        assert c.get(f"/projects/{site.ids['other']}").status_code == 403
        r = export_over_http(c, district="城西区")
        assert r.status_code == 403 and "只能查看本县区" in r.text
        assert c.get("/?district=城西区").status_code == 403
        assert c.get("/rectifications?district=城西区").status_code == 403
        # The inspector's own export holds only their projects.
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(export_over_http(c).content))
        assert {r[2].value for r in wb["项目"].iter_rows(min_row=2)} == {"城中区"}
        # Office work is for admins.
        assert c.get("/office").status_code == 403
        page = c.get("/projects")
        r = c.post("/office/assign", data={"csrf": csrf_of(page.text), "project_id": site.ids["other"],
                                           "inspector": user_id_of("li")})
        assert r.status_code == 403
    with site.office.store.read() as s:
        assert s.get(Project, site.ids["other"]).inspector_id != user_id_of("li")


def test_a_form_posted_without_its_csrf_token_is_refused_and_changes_nothing(site: Site) -> None:
    with http_session(site, "boss") as c:
        page = c.get("/redflags")
        key = re.search(r'data-key="(office:report:[^"]+)"', page.text).group(1)
        with site.office.store.read() as s:
            before = s.scalar(select(func.count()).select_from(RedFlagDecision)) or 0
        for data in ({"key": key, "decision": "dismissed", "reason": "无"},
                     {"key": key, "decision": "dismissed", "reason": "无", "csrf": "forged"}):
            r = c.post("/redflags/decide", data=data)
            assert r.status_code == 403 and "安全校验码" in r.text
        r = c.post("/office/targets", data={"district": "城西区", "year": "2026", "communities": "1", "households": "1"})
        assert r.status_code == 403
        # Another session's token does not do either.
        with http_session(site, "boss") as other:
            theirs = csrf_of(other.get("/redflags").text)
        assert c.post("/redflags/decide", data={"key": key, "decision": "dismissed", "reason": "无",
                                                "csrf": theirs}).status_code == 403
        # With its token but no reason: a clear refusal, nothing recorded.
        r = c.post("/redflags/decide", data={"key": key, "decision": "dismissed", "reason": " ", "csrf": csrf_of(page.text)})
        assert r.status_code == 400 and "请填写处理理由" in r.text
        with site.office.store.read() as s:
            assert (s.scalar(select(func.count()).select_from(RedFlagDecision)) or 0) == before
        # Sign-out needs the token too, then the session is gone, even for a kept copy of its cookie.
        assert c.post("/logout", data={}).status_code == 403
        kept = c.cookies[COOKIE]
        assert c.post("/logout", data={"csrf": csrf_of(page.text)}).status_code == 303
        assert c.get("/").status_code == 303
    with httpx.Client(base_url=site.url, cookies={COOKIE: kept}, timeout=30) as replay:
        assert replay.get("/projects").status_code == 303


def test_a_session_ends_after_the_idle_timeout_and_a_forged_cookie_is_ignored(site: Site) -> None:
    from inspector.office.web.session import Sessions, session_key

    key = session_key(site.data_dir)
    ses = Sessions(key)
    cookie = ses.dump(ses.new("boss"))
    assert Sessions(key).load(cookie) is not None
    assert Sessions(key, idle_s=-1).load(cookie) is None  # idle past the limit
    assert Sessions(b"x" * 32).load(cookie) is None  # signed with another key
    with httpx.Client(base_url=site.url, cookies={COOKIE: cookie}, timeout=30) as c:
        assert c.get("/projects").status_code == 200
    tampered = cookie.replace(cookie.split(".")[0], cookie.split(".")[0][:-2] + "AA")
    with httpx.Client(base_url=site.url, cookies={COOKIE: tampered}, timeout=30) as c:
        assert c.get("/projects").status_code == 303


def test_checklist_publishing_refuses_a_file_that_is_not_a_checklist(site: Site) -> None:
    before = _published(site)
    with http_session(site, "boss") as c:
        token = csrf_of(c.get("/office").text)
        r = c.post("/office/checklists/check", data={"csrf": token},
                   files={"file": ("<img src=x>.toml", b'id = "x"\nversion = "one"\n', "application/toml")})
        assert r.status_code == 400 and "未发布" in r.text and "<img src=x>" not in r.text
        assert re.search(r"_img_src_x_\.toml:[^:]+: ", r.text)
        r = c.post("/office/checklists/publish", data={"csrf": token, "sha256": "0" * 64})
        assert r.status_code == 400 and "请重新上传" in r.text
    assert _published(site) == before


def test_targets_and_supervision_actions_refuse_bad_input_and_keep_good_input(site: Site) -> None:
    from inspector.office.models import DistrictTarget, SupervisionAction

    def count(model) -> int:  # type: ignore[no-untyped-def]
        with site.office.session() as s:
            return s.scalar(select(func.count()).select_from(model)) or 0

    targets, actions = count(DistrictTarget), count(SupervisionAction)
    with http_session(site, "boss") as c:
        token = csrf_of(c.get("/office").text)
        r = c.post("/office/targets", data={"csrf": token, "district": "城西区", "year": "2026", "communities": "五",
                                            "households": "100"})
        assert r.status_code == 400 and "必须是整数" in r.text
        r = c.post("/office/supervision", data={"csrf": token, "kind": "约谈", "target_kind": "县区", "target": "城西区",
                                                "held_on": "12/02/2026", "reason": "进度滞后"})
        assert r.status_code == 400 and "日期格式" in r.text
        assert (count(DistrictTarget), count(SupervisionAction)) == (targets, actions)
        r = c.post("/office/targets", data={"csrf": token, "district": "城西区", "year": "2021", "communities": "80",
                                            "households": "9000"})
        assert r.status_code == 303
        r = c.post("/office/supervision", data={"csrf": token, "kind": "通报", "target_kind": "县区", "target": "城西区",
                                                "held_on": "2026-12-01", "reason": "年度进度滞后<i>", "follow_up": "月底前报送"})
        assert r.status_code == 303
        page = c.get("/office?year=2021").text
        assert "9,000" in page and "年度进度滞后&lt;i&gt;" in page and "月底前报送" in page
        assert "城西区" in c.get("/?year=2021").text
