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
from playwright.sync_api import expect
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
# the page shows the end of a run: idle, no element left over from the run before, and no
# element still a placeholder: Streamlit loads each kind of element's code on first use
# (React.lazy) and shows its Suspense fallback, a stSkeleton, until that code has arrived
PLACEHOLDER = "[data-testid='stSkeleton'], [data-testid='stAppSkeleton']"
DRAWN = f"""() => document.querySelector("{IDLE}") !== null
    && !document.querySelector("[data-stale='true']")
    && !document.querySelector("{PLACEHOLDER}")"""
# how a run chain ends for good; a run stopped for a rerun (st.rerun, or the browser asking
# again while it ran) finishes FINISHED_EARLY_FOR_RERUN, and another run follows it
FINAL = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
         ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
SETTLE_DEADLINE_S = 120

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


class Runs:
    """The app's script runs, as one page's websocket reports them.

    Every action that reruns the app (opening a URL, a click, a file chosen) starts a run
    chain: the run the browser asked for and any ``st.rerun`` after it. The chain's last
    run finishes for good; the ones before it say they stopped for a rerun. Counting those
    ends tells a test that the run its action started is over, without a clock: the page
    going idle does not, since it is idle between the runs of one chain too.
    """

    def __init__(self, page):
        self.ended = 0  # run chains ended since the page was opened
        self.waited = 0  # of those, the ones a settle() has already waited for
        self.asked = False  # the browser asked for a rerun after the last end
        page.on("websocket", self._watch)

    def _watch(self, ws) -> None:
        ws.on("framereceived", self._received)
        ws.on("framesent", self._sent)

    def _received(self, payload) -> None:
        if isinstance(payload, bytes):
            msg = ForwardMsg.FromString(payload)
            if msg.WhichOneof("type") == "script_finished" and msg.script_finished in FINAL:
                self.ended += 1
                self.asked = False

    def _sent(self, payload) -> None:
        if isinstance(payload, bytes) and BackMsg.FromString(payload).WhichOneof(
                "type") == "rerun_script":
            self.asked = True

    @property
    def over(self) -> bool:
        """A chain has ended since the last settle(), and none was asked for since."""
        return self.ended > self.waited and not self.asked


def new_page(browser):
    """A browser context of its own (a separate streamlit session) and its page, which
    keeps its JavaScript errors (``errors``) and its app runs (``runs``)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ja-JP")
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.runs = Runs(pg)
    return context, pg


@pytest.fixture
def page(browser):
    context, pg = new_page(browser)
    yield pg
    context.close()


def settle(page) -> str:
    """Wait until the run chain started by the last action is over and drawn; the main
    area's text. Call it once after each action that reruns the app."""
    wait_until(page, lambda: page.runs.over, "the app's run to end")
    page.runs.waited = page.runs.ended
    page.wait_for_function(DRAWN, timeout=60_000)
    return page.inner_text("[data-testid='stMain']")


def wait_until(page, condition, what: str) -> None:
    """Let Playwright deliver events (frames, routed requests) until ``condition()``
    holds; the deadline can only fail the test, never pass it."""
    deadline = time.monotonic() + SETTLE_DEADLINE_S
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {SETTLE_DEADLINE_S} s for {what}")
        page.wait_for_timeout(20)  # delivers the events; decides nothing


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


def test_settle_waits_for_element_code_still_loading(server, page):
    # the metrics' code (a lazily loaded chunk) is held back: the run is over and nothing
    # is stale, but the metrics are still placeholders, and the page is not drawn yet
    held = []
    page.route("**/static/js/Metric.*.js", lambda route: held.append(route))
    with page.expect_request("**/static/js/Metric.*.js"):
        page.goto(server + "/")
    wait_until(page, lambda: held and page.runs.over, "the metrics' code to be asked for")
    page.wait_for_selector(IDLE, state="attached")  # idle: DRAWN is false for its placeholder
    assert page.locator(PLACEHOLDER).count() > 0 and not page.evaluate(DRAWN)
    assert "報告未提出" not in page.inner_text("[data-testid='stMain']")
    for route in held:
        route.continue_()
    assert "報告未提出" in settle(page)


@pytest.mark.parametrize("path", ["/", "/knowledge", "/cost", "/control",
                                  "/vendor?vendor=V-KPO-01&month=2026-10", "/reviews",
                                  "/upload", "/?lang=English&service_type=ITO"])
def test_every_view_opens_without_an_exception(server, page, path):
    open_view(page, server + path)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.errors == []


def test_a_heat_map_cell_on_its_canvas_shows_its_tooltip_and_opens_its_vendor(server, page):
    open_view(page, server + "/")
    canvas = page.get_by_test_id("stVegaLiteChart").first.locator("canvas")
    canvas.scroll_into_view_if_needed()
    tooltip = page.locator("#vg-tooltip-element")

    def cell() -> tuple[float, float]:
        # the middle row, the third of four 70-pixel axis columns (names on the left);
        # read again on each try: Vega sizes the canvas when it first draws
        box = canvas.bounding_box()
        return box["x"] + box["width"] - 105, box["y"] + box["height"] / 2

    def hovered() -> bool:  # a pointer move before the view has drawn shows nothing
        x, y = cell()
        page.mouse.move(x, y - 1)
        page.mouse.move(x, y)
        return tooltip.is_visible()

    wait_until(page, hovered, "a heat map cell's tooltip")
    expect(tooltip).to_contain_text("統制")
    vendor = tooltip.inner_text().split("委託先")[1].split()[0]
    page.mouse.click(*cell())
    page.wait_for_url("**/vendor?**")
    text = settle(page)
    assert f"vendor={vendor}" in page.url and "month=2026-10" in page.url
    assert vendor in text


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


def test_a_run_chain_is_over_only_at_its_final_run_and_only_if_nothing_was_asked_after():
    class FakePage:
        def on(self, event, handler):
            pass

    def finished(status) -> bytes:
        msg = ForwardMsg()
        msg.script_finished = status
        return msg.SerializeToString()

    rerun = BackMsg()
    rerun.rerun_script.query_string = "month=2026-10"
    runs = Runs(FakePage())
    assert not runs.over  # nothing ran yet
    runs._received(finished(ForwardMsg.FINISHED_EARLY_FOR_RERUN))  # st.rerun: one more run
    assert not runs.over
    runs._received(finished(ForwardMsg.FINISHED_SUCCESSFULLY))
    assert runs.over
    runs.waited = runs.ended  # what settle() does
    assert not runs.over  # the next settle waits for the next chain
    runs._received(finished(ForwardMsg.FINISHED_SUCCESSFULLY))
    runs._sent(rerun.SerializeToString())  # ...and the browser asked again after it
    assert not runs.over
    runs._received(finished(ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY))
    assert runs.over
