"""``streamlit run`` stays up while each bomb of ``tests/bombs.py`` is uploaded through
/upload in real Chromium: every one gets its refusal on the page, the server answers its
health check after each, and the next honest file is checked as usual. A workbook that
passes every guard but needs more memory than the parse may take (the server runs with a
700 MB limit) ends as "could not be read safely", not as a dead server."""

from __future__ import annotations

import urllib.request

import pytest
import test_browser
from bombs import BOMBS
from test_bombs import PHRASES_JA, heavy_text_workbook
from test_browser import open_view, settle, start_streamlit, stop

pytestmark = pytest.mark.browser

browser, page = test_browser.browser, test_browser.page


@pytest.fixture(scope="module")
def bomb_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bombs")
    url, proc = start_streamlit(folder / "app.duckdb", folder / "streamlit.log",
                                GOVERNANCE_PARSE_MEMORY_MB="700")
    yield url, proc
    stop(proc)


def alive(url: str, proc) -> bool:
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as r:
        return proc.poll() is None and r.status == 200


def upload(pg, path) -> str:
    pg.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    pg.get_by_text("取り込めません").or_(pg.get_by_text("検証に合格しました")).first.wait_for(
        timeout=120_000)
    return settle(pg)


def test_the_server_stays_up_through_every_bomb_and_checks_the_next_file(bomb_server, page,
                                                                          tmp_path):
    url, proc = bomb_server
    open_view(page, url + "/upload")
    files = {name: (file_name, build(), PHRASES_JA[code])
             for name, (file_name, build, code) in BOMBS.items()}
    files["heavy"] = ("heavy.xlsx", heavy_text_workbook(), "安全に読み込めませんでした")
    for name, (file_name, data, phrase) in files.items():
        path = tmp_path / name / file_name
        path.parent.mkdir()
        path.write_bytes(data)
        text = upload(page, path)
        assert phrase in text, (name, text[-500:])
        assert alive(url, proc), name
        assert page.locator("[data-testid='stException']").count() == 0, name
    good = tmp_path / "kpi.csv"
    good.write_bytes("委託先ID,対象月,予算額,実績額\nV-BPO-01,2026年10月,1,1\n".encode("cp932"))
    text = upload(page, good)
    assert "検証に合格しました" in text
    assert alive(url, proc)
    assert page.errors == []
