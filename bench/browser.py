"""Every page in real Chromium on a large store: time from navigation to the app being
idle (no script running), the figure a user feels. 2,000 vendors x 60 months by default.
Each page is opened in a new tab twice over: with an empty browser cache (a first visit:
Streamlit's JavaScript is fetched and compiled again) and from a returning browser (the
"ours" column). Two references: a bare one-line Streamlit page in the same browser (the
floor a fresh page load costs here) and moving between pages inside the app (the sidebar
link: no new page, one script run), which is how a review meeting goes from page to page.

    python -m bench --only browser
"""

from __future__ import annotations

import contextlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from bench import data
from bench.run import SAMPLES
from ui.registry import PAGES as REGISTRY

ROOT = Path(__file__).resolve().parent.parent
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
PATHS = tuple(("/" if spec.default else f"/{spec.url_path}")
              + ("?" + urlencode(spec.sample_query(SAMPLES)) if spec.needs else "")
              for spec in REGISTRY)
HOPS = ("/knowledge", "/cost", "/control", "/")  # in-app, from the page before
VIEWPORT = {"width": 1400, "height": 1000}
SETTLE_MS = 200  # a rerun can start right after the first idle: wait and check again
BARE_APP = 'import streamlit as st\nst.title("Vendor Governance")\n'


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _serve(script: Path, cwd: Path, env: dict):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless=true",
         f"--server.port={port}", "--server.address=127.0.0.1"], cwd=cwd,
        env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def _settled(page) -> None:
    page.wait_for_selector(IDLE, timeout=120_000)
    page.wait_for_timeout(SETTLE_MS)
    page.wait_for_selector(IDLE, timeout=120_000)


def _fresh_load(opener, url: str) -> float:
    page = opener.new_page()
    start = time.perf_counter()
    page.goto(url)
    _settled(page)
    elapsed = time.perf_counter() - start - SETTLE_MS / 1000
    page.close()
    return elapsed


def _median_load(opener, url: str, repeat: int) -> float:
    _fresh_load(opener, url)  # the first visit warms the server's caches
    return statistics.median(_fresh_load(opener, url) for _ in range(repeat))


def _loads(browser, url: str, repeat: int) -> tuple[float, float]:
    """A fresh tab's load time with an empty browser cache (each tab its own profile: a
    first visit) and with the cache of earlier visits (one profile: a returning user)."""
    returning = browser.new_context(viewport=VIEWPORT)
    try:
        warm = _median_load(returning, url, repeat)  # warms the server's caches first
    finally:
        returning.close()
    cold = statistics.median(_fresh_load(_Profile(browser), url) for _ in range(repeat))
    return cold, warm


class _Profile:
    """A new, empty browser profile for every tab opened through it."""

    def __init__(self, browser) -> None:
        self.browser = browser

    def new_page(self):
        return self.browser.new_page(viewport=VIEWPORT)


def _hops(browser, url: str, repeat: int) -> dict[str, float]:
    """Seconds from clicking a page's sidebar link to idle, per target page."""
    times: dict[str, list[float]] = {hop: [] for hop in HOPS}
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(url + "/")
    _settled(page)
    for i in range(repeat + 1):
        for hop in HOPS:
            link = page.locator(f"[data-testid='stSidebarNav'] a[href$='{hop.strip('/')}']")
            start = time.perf_counter()
            link.last.click() if hop != "/" else page.locator(
                "[data-testid='stSidebarNav'] a").first.click()
            page.wait_for_timeout(50)
            _settled(page)
            if i:  # the first round warms the caches
                times[hop].append(time.perf_counter() - start - (50 + SETTLE_MS) / 1000)
    page.close()
    return {hop: statistics.median(t) for hop, t in times.items()}


def bench_browser(n_vendors: int, n_months: int, repeat: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    db = data.loaded_store(n_vendors, n_months, work)
    bare = work / "bare.py"
    bare.write_text(BARE_APP)
    size = f"({n_vendors} x {n_months})"
    rows = n_vendors * n_months
    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update"])
        with _serve(bare, work, {}) as url:
            cold, warm = _loads(browser, url, repeat)
            results.append({"what": "Chromium: a bare one-line Streamlit page (the floor)",
                            "rows": 0, "ours_s": warm, "first_visit_s": cold})
        with _serve(ROOT / "dashboard.py", ROOT, {"GOVERNANCE_DB": str(db)}) as url:
            for path in PATHS:
                cold, warm = _loads(browser, url + path, repeat)
                results.append({"what": f"Chromium {path} to idle {size}", "rows": rows,
                                "ours_s": warm, "first_visit_s": cold})
            for hop, seconds in _hops(browser, url, repeat).items():
                results.append({"what": f"Chromium in-app link to {hop} {size}", "rows": rows,
                                "ours_s": seconds})
        browser.close()
    return results
