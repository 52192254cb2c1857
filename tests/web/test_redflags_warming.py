"""The red-flag pages right after the office server starts, in a real browser: the server finds the
flags in the background, so the pages answer at once and say 正在计算…; their meta refresh (no
script) brings the flags in by itself once they are found. On PostgreSQL, where the test can hold
that first run back with a lock on a table the photo rule reads, long enough to look at."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine

from inspector.domain import Party, Person, Project, TestReport
from inspector.domain.clock import china_today
from inspector.office.accounts import add_user
from inspector.office.config import OfficeSettings
from inspector.office.core import Office
from tests.office.postgres import Cluster, require_postgres
from tests.office.server import OfficeServer
from tests.web.browser import require_chromium, screenshot, start_browser

pytestmark = pytest.mark.postgres
PASSWORD = "correct-horse-7"


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    require_chromium()
    c = Cluster(require_postgres())
    c.start()
    yield c
    c.stop()


def test_the_pages_say_computing_then_show_the_flags_by_themselves(cluster: Cluster, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    db_url = cluster.create_database("warming")
    office = Office(OfficeSettings(tmp_path / "office", db_url))
    add_user(office, "boss", PASSWORD, district="", name="王站长", admin=True)
    with office.workspace.unit() as uow:  # one key person and one report number in two districts
        for code, district in (("WM-A", "城中区"), ("WM-B", "城西区")):
            p = Project(code=code, name=f"{code} 小区", district=district, status="在建", start_date=china_today())
            party = Party(project_id=p.id, role="施工单位", name=f"{code} 建设公司")
            uow.session.add_all([p, party, Person(project_id=p.id, party_id=party.id, name="张三", role="项目负责人",
                                                  registration_no="青600000001"),
                                 TestReport(project_id=p.id, agency="西宁检测中心", report_no="JC-WARM-1")])
    office.close()
    hold = create_engine(db_url).connect()
    hold.exec_driver_sql("LOCK TABLE photo_links IN ACCESS EXCLUSIVE MODE")  # the first run waits for it
    server = OfficeServer(tmp_path / "office", db_url).start()
    driver = start_browser()
    try:
        driver.get(server.url + "/login")
        driver.find_element(By.ID, "login").send_keys("boss")
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.ID, "signin").click()
        WebDriverWait(driver, 30).until(lambda d: "/login" not in d.current_url)
        assert "红色预警正在计算" in driver.find_element(By.ID, "flags-computing").text  # 首页's card
        screenshot(driver, "24-home-computing")
        driver.get(server.url + "/redflags")
        note = driver.find_element(By.ID, "flags-computing").text
        assert "红色预警正在计算" in note and "自动刷新" in note
        assert driver.find_elements(By.CSS_SELECTOR, 'meta[http-equiv="refresh"]')
        assert not driver.find_elements(By.ID, "flags")
        screenshot(driver, "25-redflags-computing")
        hold.rollback()  # the first run goes on; the page's own refresh shows its flags
        WebDriverWait(driver, 60, poll_frequency=0.5).until(lambda d: d.find_elements(By.ID, "flags"))
        text = driver.find_element(By.ID, "flags").text
        for label in ("关键人员同时在岗", "检测报告编号重复", "WM-A WM-A 小区", "WM-B WM-B 小区"):
            assert label in text, label
        assert not driver.find_elements(By.CSS_SELECTOR, 'meta[http-equiv="refresh"]')
        screenshot(driver, "26-redflags-ready")
    finally:
        driver.quit()
        hold.rollback()
        hold.close()
        server.stop()
