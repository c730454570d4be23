"""Every page in real Chromium on a large store: time from navigation to the app being
idle (no script running), the figure a user feels. 2,000 vendors x 60 months by default.

    python -m bench --only browser
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench import data

ROOT = Path(__file__).resolve().parent.parent
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
PATHS = ("/", "/knowledge", "/cost", "/control", "/vendor?vendor=B-000001", "/reviews",
         "/upload")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_browser(n_vendors: int, n_months: int, repeat: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    from governance.ingest import load_paths
    from governance.store import Store

    work = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    db = work / "pages.duckdb"
    register = data.write_csv(data.vendors(n_vendors), work / "vendors.csv")
    kpis = data.write_csv(data.kpis(n_vendors, n_months), work / "kpis.csv")
    load_paths(Store(str(db)), [register, kpis], limit=2 * 1024**3)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless=true",
         f"--server.port={port}", "--server.address=127.0.0.1"], cwd=ROOT,
        env={**os.environ, "GOVERNANCE_DB": str(db)}, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    results = []
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update"])
            for path in PATHS:
                times = []
                for i in range(repeat + 1):  # the first visit warms the server's caches
                    page = browser.new_page(viewport={"width": 1400, "height": 1000})
                    start = time.perf_counter()
                    page.goto(url + path)
                    page.wait_for_selector(IDLE, timeout=120_000)
                    page.wait_for_timeout(200)
                    page.wait_for_selector(IDLE, timeout=120_000)
                    elapsed = time.perf_counter() - start - 0.2
                    page.close()
                    if i:
                        times.append(elapsed)
                results.append({"what": f"Chromium {path} to idle ({n_vendors} x {n_months})",
                                "rows": n_vendors * n_months,
                                "ours_s": sorted(times)[len(times) // 2]})
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return results
