"""Two people loading files at the same moment, in real Chromium against one `streamlit run`
server and one DuckDB file: each press of the load button either lands as its own batch
(one after the other) or is told clearly that the database is busy and to retry — never a
traceback, never a lost or half-written file. A file refused as busy loads when retried."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import test_browser
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_browser import open_view, settle
from test_preview import KPI_HEADER

from governance.catalog import KINDS
from governance.demo import DEMO_DIR
from governance.i18n import t
from governance.store import Store

pytestmark = pytest.mark.browser

browser = test_browser.browser  # Chromium, skipped (or failed in CI) like the other tests

MAIN = "[data-testid='stMain']"
EXCEPTION = "[data-testid='stException']"
LOADED = re.compile(r"を取り込みました\(バッチ \d+\)")


def _lead(key: str, **params: str) -> str:
    """The text of message ``key`` before its first parameter: what every instance shows."""
    return t(key, "ja", target="\0", detail="\0", **params).split("\0")[0]


BUSY = _lead("error.busy")
ERRORS = (_lead("error.database"), _lead("error.internal"))  # what must never show
OUTCOME = re.compile(f"{LOADED.pattern}|{re.escape(BUSY)}")
COMMIT = t("upload.commit", "ja")
READY = "検証に合格しました"


def _vendors() -> list[str]:
    with open(DEMO_DIR / "vendors.csv", encoding="utf-8-sig", newline="") as f:
        return [row[0] for row in list(csv.reader(f))[1:]]


def _months(first: tuple[int, int], count: int) -> list[str]:
    year, month = first
    return pd.date_range(f"{year}-{month:02d}", periods=count, freq="MS").strftime(
        "%Y-%m").tolist()


def kpi_file(months: list[str], vendors: list[str]) -> str:
    """Monthly KPI reports of ``vendors`` for ``months`` (none of them in the demo data)."""
    lines = [KPI_HEADER]
    for m, month in enumerate(months):
        y, mm = month.split("-")
        for v, vendor in enumerate(vendors):
            budget = 1_000_000 + 10_000 * v
            actual = budget - 1_000 * ((m + v) % 7)
            lines.append(f"{vendor},{int(y)}年{int(mm)}月,{budget},{actual},0,0,"
                         f"{80 + (m + v) % 15}.0,3,2.0,10.0,99.0,99.5,0,0,5,済,0\n")
    return "".join(lines)


@dataclass
class Server:
    url: str
    db: Path
    proc: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            test_browser.stop(self.proc)


@pytest.fixture
def server(request, tmp_path, _demo_db):
    """A streamlit server on its own copy of the demo database (stopped by the test before
    the file is read, so the store is opened by one process at a time). An indirect
    parameter sets ``$GOVERNANCE_BUSY_TIMEOUT`` (None: the default)."""
    db = tmp_path / "app.duckdb"
    shutil.copyfile(_demo_db, db)
    busy_timeout = getattr(request, "param", None)
    env = {} if busy_timeout is None else {"GOVERNANCE_BUSY_TIMEOUT": busy_timeout}
    log = tmp_path / "streamlit.log"
    url, proc = test_browser.start_streamlit(db, log, **env)
    srv = Server(url, db, proc, log)
    yield srv
    srv.stop()


def choose(pg, path: Path):
    """Pick ``path`` in the uploader, wait for its clean check; the load button."""
    pg.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    pg.get_by_text(READY).wait_for(timeout=60_000)
    settle(pg)
    button = pg.get_by_role("button", name=COMMIT)
    button.wait_for(timeout=30_000)
    assert button.is_enabled()
    return button


def outcome(pg, server: Server) -> str:
    """Wait for the load's outcome on ``pg``: ``"loaded"`` or ``"busy"``; any other end
    (an error message, a traceback) fails at once with the page's text and the server log."""
    end = pg.locator(MAIN).get_by_text(re.compile(
        f"{OUTCOME.pattern}|{'|'.join(re.escape(e) for e in ERRORS)}")).first
    try:
        end.or_(pg.locator(EXCEPTION)).first.wait_for(timeout=60_000)
    except PlaywrightTimeout:
        pytest.fail("no outcome shown:\n" + pg.inner_text(MAIN)[-3000:])
    text = settle(pg)
    shown = f"{text[-1500:]}\n--- server log ---\n{server.output()}"
    assert pg.locator(EXCEPTION).count() == 0, shown
    assert not any(e in text for e in ERRORS), shown
    assert pg.errors == []
    loaded, busy = bool(LOADED.search(text)), BUSY in text
    assert loaded != busy, shown  # exactly one of the two
    return "loaded" if loaded else "busy"


def kpi_months(store: Store) -> dict[str, list[int]]:
    """Per month of the KPI table: rows, distinct vendors, lowest and highest batch."""
    return {m: rest for m, *rest in store._run(lambda con: con.execute(
        "SELECT strftime(month, '%Y-%m'), count(*), count(DISTINCT vendor_id), "
        "min(batch_id), max(batch_id) FROM kpis GROUP BY ALL").fetchall())}


def loaded_line(name: str, batch: int, rows: int) -> str:
    return t("ingest.loaded", "ja", file=name, kind=KINDS["kpis"].label("ja"), batch=batch,
             inserted=rows, replaced=0, unchanged=0)


# the default: a conflict is retried for 10 s, so both files normally land one after the
# other; "0": the server gives up at the first conflict, so the later one may be told the
# database is busy — and then loads when the button is pressed again
@pytest.mark.parametrize("server", [None, "0"], ids=["default-wait", "no-wait"],
                         indirect=True)
def test_two_sessions_loading_at_once_both_land_or_one_is_told_to_retry(server, browser,
                                                                       tmp_path):
    vendors = _vendors()
    before = Store(str(server.db))  # a connection per call: none is left open
    demo_batches = before.batches()["batch_id"].tolist()
    demo_counts, demo_months = before.counts(), kpi_months(before)

    files = {  # different months of the same vendors, 336 rows each
        "kpi_2022-11_2024-10.csv": _months((2022, 11), 24),
        "kpi_2020-11_2022-10.csv": _months((2020, 11), 24),
    }
    paths = []
    for name, months in files.items():
        path = tmp_path / name
        path.write_text(kpi_file(months, vendors), encoding="utf-8")
        paths.append(path)
    rows = {name: len(months) * len(vendors) for name, months in files.items()}

    sessions = [test_browser.new_page(browser) for _ in paths]
    try:
        pages = [pg for _, pg in sessions]
        for pg in pages:
            open_view(pg, server.url + "/upload")
        buttons = [choose(pg, path) for pg, path in zip(pages, paths, strict=True)]

        # both presses as close together as the browser allows; then wait on both pages
        for button in buttons:
            button.scroll_into_view_if_needed()
        started = time.monotonic()
        for button in buttons:  # a DOM click: no actionability round trips in between
            button.evaluate("b => b.click()")
        gap = time.monotonic() - started
        results = [outcome(pg, server) for pg in pages]
        print(f"\nclicks {gap * 1000:.0f} ms apart; outcomes {results}; "
              f"both settled after {time.monotonic() - started:.1f} s")

        for pg, path, result in zip(pages, paths, results, strict=True):
            if result != "busy":
                continue
            button = pg.get_by_role("button", name=COMMIT)
            if button.count():  # refused while loading: press the button again
                button.click()
            else:  # refused before the file was drawn (its load is still pending):
                # choosing the file again reruns the page, which loads it
                pg.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
            assert outcome(pg, server) == "loaded"
        texts = [pg.inner_text(MAIN) for pg in pages]  # each settled by outcome()
    finally:
        for context, _ in sessions:
            context.close()
    server.stop()

    store = Store(str(server.db))
    batches = store.batches().sort_values("batch_id")
    new = batches[~batches["batch_id"].isin(demo_batches)]
    # exactly one committed batch per file, numbered after the demo's, nothing else
    assert sorted(new["file_name"]) == sorted(files)
    assert new["batch_id"].tolist() == [max(demo_batches) + 1, max(demo_batches) + 2]
    assert set(new["kind"]) == {"kpis"} and set(new["status"]) == {"committed"}
    for row in new.itertuples():
        assert (row.rows_total, row.rows_inserted, row.rows_replaced,
                row.rows_unchanged) == (rows[row.file_name], rows[row.file_name], 0, 0)
    # each page names its own batch
    for text, path in zip(texts, paths, strict=True):
        batch = int(new.loc[new["file_name"] == path.name, "batch_id"].iloc[0])
        assert loaded_line(path.name, batch, rows[path.name]) in text, text[:2500]

    # the rows: every month of every file, once per vendor, none lost, none doubled
    assert store.counts() == {**demo_counts, "kpis": demo_counts["kpis"] + sum(rows.values())}
    per_month = kpi_months(store)
    assert {m: per_month[m] for m in demo_months} == demo_months  # the demo's untouched
    assert len(per_month) == len(demo_months) + sum(len(m) for m in files.values())
    for name, months in files.items():
        batch = int(new.loc[new["file_name"] == name, "batch_id"].iloc[0])
        for month in months:
            assert per_month[month] == [len(vendors), len(vendors), batch, batch], month
