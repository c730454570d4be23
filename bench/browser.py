"""Every page in real Chromium on a large store (2,000 vendors x 60 months by default),
against floor apps served and measured the same way in the same run.

Times are taken by the page itself (``performance.now()``, from the start of the
navigation or from the click), recorded by an observer installed before any of the page's
own scripts:

- **idle**: the app's script state last became ``notRunning`` (and stayed so 200 ms);
- **drawn**: idle, every Vega view painted (a canvas or SVG in each chart), and the DOM
  quiet for 500 ms; the figure is the time of the last change before that quiet.

Measured: a fresh tab of every page in a returning browser (its HTTP cache holds
Streamlit's JavaScript) to idle and to drawn (the median of at least seven tabs), the
same with an empty profile (a first visit), moving between pages by the sidebar's links
(one script run), and warm reruns: the month (and on /vendor the vendor) changed back and
forth between two values already visited. Floors: a one-line page, the navigation app
(one ``st.write`` per page, as many pages as the app has), one 5,000-point Altair chart,
and a selectbox beside ``st.write``.

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
from governance.i18n import t
from ui.registry import PAGES as REGISTRY

ROOT = Path(__file__).resolve().parent.parent
OTHER_VENDOR = "B-000002"
PATHS = tuple(("/" if spec.default else f"/{spec.url_path}")
              + ("?" + urlencode(spec.sample_query(SAMPLES)) if spec.needs else "")
              for spec in REGISTRY)
HOPS = ("knowledge", "cost", "control", "overview")  # in-app, each from the one before
TITLES = {spec.url_path: t(spec.title_key, "ja") for spec in REGISTRY}
RERUNS = ("/", "/vendor?vendor=" + SAMPLES["vendor"], "/cost")
VIEWPORT = {"width": 1400, "height": 1000}
SETTLE_MS = 200  # a rerun can start right after the first idle: wait and check again
QUIET_MS = 500  # the DOM unchanged this long: drawn
TIMEOUT_MS = 120_000
# a fresh tab varies by +-0.3 s from one to the next on 2 cores: its figure (and its
# floor's) is the median of at least this many, as issue 20 measured them
FRESH_MEDIAN_OF = 7

APPS = {
    "bare": 'import streamlit as st\nst.title("Vendor Governance")\n',
    "navigation": ("import streamlit as st\n"
                   "def page(i):\n"
                   "    def body():\n"
                   "        st.write(f'page {{i}}')\n"
                   "    return st.Page(body, title=f'page {{i}}', url_path=f'p{{i}}',"
                   " default=i == 0)\n"
                   "st.navigation([page(i) for i in range({pages})]).run()\n"),
    "chart": ("import altair as alt, numpy as np, pandas as pd, streamlit as st\n"
              "rng = np.random.default_rng(1)\n"
              "frame = pd.DataFrame({'x': rng.normal(size=5000), 'y': rng.normal(size=5000)})\n"
              "st.altair_chart(alt.Chart(frame).mark_point().encode(x='x', y='y'))\n"),
    "select": ("import streamlit as st\n"
               "choice = st.selectbox('month', ['2026-10', '2026-09'])\n"
               "st.write(choice)\n"),
}

# installed before the page's own scripts: when the script state changes, when the DOM
# last changed, when the user last pressed (the start of a rerun or a move)
PROBE = """
window.__probe = {idle: -1, running: -1, changed: 0, pressed: -1};
const probe = new MutationObserver((changes) => {
  const now = performance.now();
  window.__probe.changed = now;
  for (const c of changes) {
    if (c.type === 'attributes' && c.attributeName === 'data-test-script-state') {
      if (c.target.getAttribute('data-test-script-state') === 'notRunning') {
        window.__probe.idle = now;
      } else {
        window.__probe.running = now;
      }
    }
  }
});
probe.observe(document, {subtree: true, childList: true, attributes: true,
                         characterData: true});
for (const kind of ['pointerdown', 'keydown']) {
  document.addEventListener(kind, () => { window.__probe.pressed = performance.now(); }, true);
}
"""
# idle after ``since``: the state last became notRunning after it and stayed so; a rerun so
# quick that the state never showed "running" ends at the last change of the page
IDLE_AFTER = """(since) => {
  const p = window.__probe;
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const now = performance.now();
  return (p.idle > since && p.idle > p.running || now - since > 3000)
    && now - Math.max(p.idle, p.changed) >= SETTLE_MS;
}""".replace("SETTLE_MS", str(SETTLE_MS))
IDLE_AT = "(since) => window.__probe.idle > since ? window.__probe.idle : window.__probe.changed"
DRAWN = """() => {
  const p = window.__probe;
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  for (const chart of document.querySelectorAll("[data-testid='stVegaLiteChart']")) {
    if (!chart.querySelector('canvas, svg.marks')) return false;
  }
  return performance.now() - p.changed >= QUIET_MS;
}""".replace("QUIET_MS", str(QUIET_MS))


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
        for _ in range(240):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        yield url, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def _idle(page, since: float) -> float:
    page.wait_for_function(IDLE_AFTER, arg=since, timeout=TIMEOUT_MS, polling=50)
    return page.evaluate(IDLE_AT, since)


def _drawn(page) -> float:
    page.wait_for_function(DRAWN, timeout=TIMEOUT_MS, polling=100)
    return page.evaluate("window.__probe.changed")


def _fresh(new_page, url: str) -> tuple[float, float]:
    """Seconds from navigation start to idle and to drawn, in a new tab."""
    page = new_page()
    try:
        page.goto(url)
        idle = _idle(page, 0)
        return idle / 1000, _drawn(page) / 1000
    finally:
        page.close()


def _fresh_median(new_page, url: str, repeat: int) -> tuple[float, float]:
    runs = [_fresh(new_page, url) for _ in range(repeat)]
    return (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))


def _opened(context, url: str):
    page = context.new_page()
    page.goto(url)
    _idle(page, 0)
    _drawn(page)
    return page


def _pressed_to_idle(page, act) -> tuple[float, float]:
    """Seconds from the user's press (``act``) to idle and to drawn."""
    since = page.evaluate("performance.now()")
    act()
    page.wait_for_function("(since) => window.__probe.pressed > since", arg=since,
                           timeout=TIMEOUT_MS)
    idle = _idle(page, since)
    drawn = _drawn(page)
    pressed = page.evaluate("window.__probe.pressed")
    return (idle - pressed) / 1000, (max(drawn, idle) - pressed) / 1000


def _choose(page, box, text: str) -> None:
    """Choose the option ``text`` of the selectbox ``box`` as a user does."""
    box.click()
    box.locator("input").fill(text)  # typing filters the 2,000 vendors to one
    page.get_by_role("option", name=text).first.click()


def _select_box(page, label: str):
    return page.get_by_test_id("stSelectbox").filter(has_text=label).first


def _reruns(page, label: str, values: tuple[str, str], repeat: int) -> float:
    """Median seconds of a rerun to idle, switching the selectbox ``label`` between two
    values (the first round visits both: what follows is warm)."""
    box = _select_box(page, label)
    times = []
    for i in range(repeat + 1):
        for value in values:
            idle, _ = _pressed_to_idle(page, lambda value=value: _choose(page, box, value))
            if i:
                times.append(idle)
    return statistics.median(times)


def _hops(context, url: str, repeat: int) -> dict[str, tuple[float, float]]:
    """Seconds from clicking a sidebar link to idle and to drawn, per target page."""
    times: dict[str, list[tuple[float, float]]] = {hop: [] for hop in HOPS}
    page = _opened(context, url + "/")
    for i in range(repeat + 1):
        for hop in HOPS:
            link = page.get_by_test_id("stSidebar").get_by_test_id(
                "stPageLink-NavLink").filter(has_text=TITLES[hop]).first
            measured = _pressed_to_idle(page, link.click)
            if i:  # the first round warms the caches
                times[hop].append(measured)
    page.close()
    return {hop: (statistics.median(t[0] for t in runs), statistics.median(t[1] for t in runs))
            for hop, runs in times.items()}


def _write_apps(work: Path) -> dict[str, Path]:
    paths = {}
    for name, code in APPS.items():
        paths[name] = work / f"floor_{name}.py"
        paths[name].write_text(code.format(pages=len(REGISTRY)) if name == "navigation"
                               else code)
    return paths


def _row(what: str, rows: int, idle: float, drawn: float | None = None,
         first: tuple[float, float] | None = None, **extra) -> dict:
    row = {"what": what, "rows": rows, "ours_s": idle, **extra}
    if drawn is not None:
        row["drawn_s"] = drawn
    if first is not None:
        row["first_visit_s"], row["first_drawn_s"] = first
    return row


def bench_browser(n_vendors: int, n_months: int, repeat: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    db = data.loaded_store(n_vendors, n_months, work)
    apps = _write_apps(work)
    size = f"({n_vendors} x {n_months})"
    rows = n_vendors * n_months
    results = []
    fresh = 1 if repeat == 1 else max(repeat, FRESH_MEDIAN_OF)  # --quick: one of each
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update"])
        returning = browser.new_context(viewport=VIEWPORT)
        returning.add_init_script(PROBE)

        def new_tab():
            return returning.new_page()

        def first_visit():
            context = browser.new_context(viewport=VIEWPORT)
            context.add_init_script(PROBE)
            return context.new_page()

        for name in ("bare", "navigation", "chart"):
            with _serve(apps[name], work, {}) as (url, _):
                _fresh(new_tab, url)  # the server's first run, the browser's cache
                idle, drawn = _fresh_median(new_tab, url, fresh)
                first = _fresh_median(first_visit, url, repeat)
                results.append(_row(f"floor: {name} app, fresh tab", 0, idle, drawn, first,
                                    key=f"floor-{name}"))
        with _serve(apps["select"], work, {}) as (url, _):
            page = _opened(returning, url)
            results.append(_row("floor: selectbox + st.write, rerun", 0,
                                _reruns(page, "month", ("2026-09", "2026-10"), repeat),
                                key="floor-rerun"))
            page.close()
        with _serve(ROOT / "dashboard.py", ROOT, {"GOVERNANCE_DB": str(db)}) as (url, pid):
            for path in PATHS:
                _fresh(new_tab, url + path)  # warms the server's caches
                idle, drawn = _fresh_median(new_tab, url + path, fresh)
                first = _fresh_median(first_visit, url + path, repeat)
                results.append(_row(f"Chromium {path} fresh tab {size}", rows, idle, drawn,
                                    first, key=f"page-{path}"))
            for hop, (idle, drawn) in _hops(returning, url, repeat).items():
                results.append(_row(f"Chromium in-app link to /{hop} {size}", rows, idle,
                                    drawn, key=f"hop-/{hop}"))
            month = t("filter.month", "ja")
            for path in RERUNS:
                page = _opened(returning, url + path)
                seconds = _reruns(page, month, ("2026-09", "2026-10"), repeat)
                results.append(_row(f"Chromium {path} rerun, month changed {size}", rows,
                                    seconds, key=f"rerun-month-{path}"))
                if path.startswith("/vendor"):
                    seconds = _reruns(page, t("filter.vendor", "ja"),
                                      (OTHER_VENDOR, SAMPLES["vendor"]), repeat)
                    results.append(_row(f"Chromium {path} rerun, vendor changed {size}",
                                        rows, seconds, key=f"rerun-vendor-{path}"))
                page.close()
            results.append({"what": f"dashboard server after all of the above {size}",
                            "rows": rows, "peak_mb": _peak_rss_kb(pid) / 1024,
                            "key": "server-memory"})
        browser.close()
    return results


def _peak_rss_kb(pid: int) -> int:
    """The process's peak resident set (``VmHWM``, KB) so far: the memory price of turning
    off Streamlit's after-run ``gc.collect`` (.streamlit/config.toml; compare a run with
    ``STREAMLIT_RUNNER_POST_SCRIPT_GC=true`` in the environment)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0
