"""Debian's chromium + chromium-driver through Selenium, headless, for the office pages' tests.
No browser is downloaded at run time; without chromium the tests skip on a developer's machine and
fail on CI (CI=true), where scripts/_setup.sh installs it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
DRIVER = "/usr/bin/chromedriver"


def artifacts_dir() -> Path:
    """Where screenshots go: $INSPECTOR_TEST_ARTIFACTS/web, else test-artifacts/web in the checkout."""
    root = Path(os.environ.get("INSPECTOR_TEST_ARTIFACTS") or REPO / "test-artifacts")
    path = root / "web"
    path.mkdir(parents=True, exist_ok=True)
    return path


def require_chromium() -> None:
    missing = [p for p in (CHROMIUM, DRIVER) if not (Path(p).exists() or shutil.which(Path(p).name))]
    try:
        import selenium  # noqa: F401
    except ModuleNotFoundError:
        missing.append("selenium (pip, dev extras)")
    if missing:
        message = (f"the office pages' browser tests need {', '.join(missing)}: "
                   "`apt-get install --no-install-recommends chromium chromium-driver` (scripts/test installs them)")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def start_browser(width: int = 1366, height: int = 768):  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    require_chromium()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium") or CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={width},{height}", "--lang=zh-CN", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(DRIVER if Path(DRIVER).exists() else shutil.which("chromedriver")))
    driver.set_page_load_timeout(60)
    return driver


def screenshot(driver, name: str, *, full: bool = True) -> Path:  # type: ignore[no-untyped-def]
    """A PNG of the page as a person sees it at 1366 px wide (the whole page when `full`)."""
    path = artifacts_dir() / f"{name}.png"
    width = driver.get_window_size()["width"]
    if full:
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, min(max(768, height + 20), 4000))
    driver.save_screenshot(str(path))
    if full:
        driver.set_window_size(width, 768)
    return path


def replaced(exc: BaseException) -> bool:
    """Whether a WebDriver error only says the page was replaced under the node read (a navigation or
    the page's own refresh): chromedriver sometimes says so this way rather than as a stale element."""
    from selenium.common.exceptions import StaleElementReferenceException

    return isinstance(exc, StaleElementReferenceException) or "does not belong to the document" in str(exc)
