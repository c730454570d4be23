"""Real Chromium (Debian's /usr/bin/chromium) against a real `streamlit run` server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_streamlit(db: Path, log: Path, **env: str) -> tuple[str, subprocess.Popen]:
    """``streamlit run dashboard.py`` on ``db`` and a free port, output to ``log`` (a file,
    not a pipe nobody reads: it cannot fill up); returns once the server answers."""
    port = _free_port()
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py",
             "--server.headless=true", f"--server.port={port}", "--server.address=127.0.0.1"],
            cwd=ROOT, env={**os.environ, "GOVERNANCE_DB": str(db), **env}, stdout=out,
            stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return url, proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    pytest.fail("streamlit did not start: " + log.read_text(errors="replace")[-2000:])


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A streamlit server on a free port with its own, empty database (it loads the demo)."""
    folder = tmp_path_factory.mktemp("browser")
    url, proc = start_streamlit(folder / "app.duckdb", folder / "streamlit.log")
    yield url
    stop(proc)


@pytest.fixture(scope="module")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required in CI and missing at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--no-first-run"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ja-JP")
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def settle(page) -> str:
    """Wait until the app is idle, and still idle 300 ms later (a rerun can start right
    after the first idle); the main area's text."""
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE, timeout=60_000)
    return page.inner_text("[data-testid='stMain']")


def open_view(page, url: str) -> str:
    page.goto(url)
    return settle(page)


def test_a_deep_link_as_the_first_visit_opens_inside_the_app_shell(server, page):
    # must stay the first test of the module: a fresh server's first visit is the case
    # Streamlit's pages/ folder handling gets wrong without ui.shell
    text = open_view(page, server + "/knowledge?month=2026-09")
    assert "デモデータを表示しています" in text
    nav = page.get_by_test_id("stSidebar").inner_text()
    assert "概況" in nav and "overview" not in nav  # not the bare file names of pages/
    assert "(2026-09)" in text  # reasons name the month from the link


def test_the_overview_opens_on_the_demo_data(server, page):
    text = open_view(page, server + "/")
    assert "デモデータを表示しています" in text
    assert "報告未提出" in text and "期限超過の対応事項" in text
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.errors == []


@pytest.mark.parametrize("path", ["/", "/knowledge", "/cost", "/control",
                                  "/vendor?vendor=V-KPO-01&month=2026-10", "/reviews",
                                  "/upload", "/?lang=English&service_type=ITO"])
def test_every_view_opens_without_an_exception(server, page, path):
    open_view(page, server + path)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.errors == []


def test_a_vendor_link_on_the_overview_opens_that_vendor(server, page):
    open_view(page, server + "/")
    page.get_by_role("link", name="V-ITO-01").first.click()
    page.wait_for_url("**/vendor?**")
    text = settle(page)
    assert "vendor=V-ITO-01" in page.url and "month=2026-10" in page.url
    assert "東都システムソリューションズ株式会社" in text


def test_a_vendor_link_opens_that_vendor_in_a_fresh_browser(server, page):
    text = open_view(page, server + "/vendor?vendor=V-ITO-01&month=2026-10")
    assert "V-ITO-01 東都システムソリューションズ株式会社" in text
    assert "手順書整備率 が 45.5%(2026-10)" in text
    assert page.locator("[data-testid='stException']").count() == 0


def test_the_month_and_filters_travel_with_every_sidebar_link(server, page):
    from ui.registry import PAGES

    open_view(page, server + "/?month=2026-08&service_type=ITO")
    for spec in PAGES:
        link = page.get_by_test_id("stSidebar").get_by_test_id("stPageLink-NavLink").filter(
            has_text=spec_title(spec))
        link.first.click()
        page.wait_for_url(f"**/{'' if spec.default else spec.url_path}?**")
        settle(page)
        assert "month=2026-08" in page.url and "service_type=ITO" in page.url, spec.url_path
        shown = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first
        if spec.url_path not in ("upload", "settings", "contracts"):  # no month picker
            assert shown.locator("input").input_value() == "2026-08", spec.url_path
        assert page.locator("[data-testid='stException']").count() == 0, spec.url_path


def spec_title(spec) -> str:
    from governance.i18n import t

    return t(spec.title_key, "ja")
