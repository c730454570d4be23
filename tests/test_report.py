"""The executive report of a month: what it says (the demo month's figures, vendors and
reasons), that it stands alone (inline SVG, no network reference, no script), that user
text cannot become markup, that the PDF opens and carries Japanese text, and the CLI."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, TODAY, month_data, pdf_or_skip, tool
from streamlit.testing.v1 import AppTest

from governance.ingest import Upload, load
from governance.report import executive as report
from governance.report import pdf

TOP_THREE = ["株式会社さくらビジネスサービス", "東都システムソリューションズ株式会社",
             "株式会社インサイトアナリティクス"]
XSS = "<script>alert(1)</script>"
FORMULA = "=cmd|' /C calc'!A0"


@pytest.fixture(scope="module")
def demo_html(_demo_db, tmp_path_factory) -> str:
    """The demo month in Japanese, built once for the tests that only read it."""
    path = tmp_path_factory.mktemp("report") / "g.duckdb"
    shutil.copyfile(_demo_db, path)
    from governance.store import Store

    page = report.render(month_data(Store(str(path)), "2026-10"), "html", "ja", TODAY)
    return page.decode("utf-8")


def tiles(page: str) -> dict[str, str]:
    """Headline tiles as label -> value (with its unit)."""
    found = re.findall(r'class="label">([^<]*)</div><div class="value">([^<]*)<small>([^<]*)',
                       page)
    return {label: value + unit for label, value, unit in found}


def top_risk_names(page: str) -> list[str]:
    table = page.split('<table class="top">', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<div class="name">([^<]*)</div>', table)


def overdue_rows(page: str) -> list[list[str]]:
    table = page.split('<table class="overdue">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1])
    return [[re.sub(r"<[^>]+>", " ", c).split()[0] if i == 0 else re.sub(r"<[^>]+>", "", c)
             for i, c in enumerate(re.findall(r"<td[^>]*>(.*?)</td>", r))] for r in rows]


def test_the_demo_month_shows_the_exact_headline_figures(demo_html):
    assert tiles(demo_html) == {
        # V-ITO-03 (no report) is amber: nothing says its know-how is not secured; overdue
        # actions as of 31 October; V-ITO-02's only flag was an activity measure (now green)
        "ノウハウ流出:要対応": "1社", "コスト増大:要対応": "1社", "統制・情報管理:要対応": "1社",
        "報告未提出": "1社", "期限超過の対応事項": "11件", "要注意だが当月未確認": "5社",
        # 138,165,000 against 134,427,000; fiscal year from April: 1,008,148,000 / 998,227,000
        "当月の委託費(実績)": "1.38億円", "年度累計の委託費(2026年4月〜)": "10.08億円"}
    assert "予算 1.34億円 ・ 予算比 +2.8%" in demo_html
    assert "予算 9.98億円 ・ 予算比 +1.0%" in demo_html
    assert "2026年10月度" in demo_html


def test_the_top_risks_are_named_in_japanese_worst_first_with_their_reasons(demo_html):
    names = top_risk_names(demo_html)
    assert names[:3] == TOP_THREE
    # eight vendors score above 0; the six green ones are left out
    assert len(names) == 8 and "みなと経理センター株式会社" not in names
    assert "手順書整備率 が 45.5%(2026-10):要対応基準 50.0% 以下" in demo_html
    # a missing report is a reason on every axis, but is said once
    assert demo_html.count("2026-10 の月次KPI報告がありません") == 1


def test_the_overdue_actions_are_listed_most_overdue_first(demo_html):
    rows = overdue_rows(demo_html)  # as of 31 October, the month's end
    assert len(rows) == 11
    first = "特権IDの棚卸しを実施し、不要なIDを削除させる"
    assert rows[0] == ["株式会社インサイトアナリティクス", first, "加藤", "2026/08/14", "78日"]
    assert rows[-1][-2:] == ["2026/10/30", "1日"]


def test_the_html_stands_alone(demo_html):
    assert demo_html.count("<svg") == 1
    svg = demo_html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "株式会社さくらビジネスサービス" in svg  # the heat map is drawn, vendors named
    assert not re.search(r"https?://", demo_html)
    for tag in ("<script", "<link", "<img", "<iframe", "@import", "url("):
        assert tag not in demo_html.lower(), tag
    assert "<style>" in demo_html and "Noto Sans CJK JP" in demo_html


def test_the_report_reads_in_english(demo_store):
    page = report.render(month_data(demo_store, "2026-10"), "html", "en", TODAY).decode("utf-8")
    assert tiles(page)["Knowledge drain: red"] == "1"
    assert tiles(page)["Overdue actions"] == "11"
    assert "¥138.2M" in page and "Top risks and why" in page
    assert top_risk_names(page)[:3] == TOP_THREE  # names are the vendors' own


def test_a_month_without_data_is_refused(demo_store):
    from governance.errors import UsageError

    with pytest.raises(UsageError) as caught:
        report.render(month_data(demo_store, "2030-01"), "html", "ja", TODAY)
    assert caught.value.message("ja") == "対象月 2030-01 のデータがありません。"


VENDORS_CSV = (
    "委託先ID,委託先名,委託区分,契約形態,重要度,主管部門,契約開始日,契約終了日,年間予算,"
    "取扱情報区分,出口計画更新日\r\n"
    f'V-XSS-01,{XSS},ITO,アウトソーシング,高,情報システム部,2020/04/01,,"12,000,000",機密,2026/06/01\r\n'
    f'V-XSS-02,"{FORMULA}",BPO,アウトソーシング,中,総務部,2020/04/01,,"12,000,000",社内,2026/06/01\r\n')
ACTIONS_CSV = (
    "委託先ID,起票日,対応内容,担当者,期限,状況\r\n"
    "V-XSS-01,2026/09/01,<img src=x onerror=alert(2)>,<u onmouseover=alert(3)>owner</u>,"
    "2026/09/30,未完了\r\n")


def test_user_text_appears_as_text_never_as_markup(demo_store):
    for name, text in (("vendors.csv", VENDORS_CSV), ("actions.csv", ACTIONS_CSV)):
        upload = load(demo_store, Upload(name, text.encode("utf-8")), user="test", today=TODAY)
        assert not upload.refused, upload.problems.table("en")
    page = report.render(month_data(demo_store, "2026-10"), "html", "ja", TODAY).decode("utf-8")
    names = top_risk_names(page)
    # no report for 2026-10: both are scored and named among the top risks
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in names
    assert "=cmd|&#x27; /C calc&#x27;!A0" in names
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "&lt;u onmouseover=alert(3)&gt;owner" in page
    lowered = page.lower()
    for markup in ("<script", "<img", "<u ", "onerror=alert(2)>"):
        assert markup not in lowered, markup
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "V-XSS-01  &lt;script&gt;" in svg  # the chart's own text is escaped too


def test_the_pdf_opens_on_one_a4_page_with_japanese_text(demo_store, tmp_path):
    pdftoppm, pdftotext = tool("pdftoppm"), tool("pdftotext")
    pdf_or_skip()
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report.render(month_data(demo_store, "2026-10"), "pdf", "ja", TODAY))
    assert pdf.read_bytes().startswith(b"%PDF-")
    subprocess.run([pdftoppm, "-r", "50", "-png", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=60)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == 1, pages  # the demo month fits one page
    assert pages[0].stat().st_size > 10_000  # drawn, not blank
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout
    for name in TOP_THREE:
        assert name in text
    assert "期限超過の対応事項" in text and "1.38億円" in text
    fonts = subprocess.run([tool("pdffonts"), str(pdf)], capture_output=True, text=True,
                           check=True, timeout=60).stdout
    assert "Noto-Sans-CJK-JP" in fonts  # Japanese glyphs embedded, not boxes


def cli(*args: object) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "governance", "report", *map(str, args)],
                          cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    return done


def test_the_cli_writes_both_formats(demo_store, tmp_path):
    pdf_or_skip()
    html_file, pdf_file = tmp_path / "r.html", tmp_path / "r.pdf"
    done = cli("--month", "2026-10", "--format", "html", "-o", html_file,
               "--db", demo_store.target)
    assert done.returncode == 0, done.stderr
    assert html_file.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert "株式会社さくらビジネスサービス" in html_file.read_text("utf-8")
    assert done.stdout.strip() == f"2026-10 の月次報告を書き出しました: {html_file}"
    done = cli("--month", "2026-10", "--format", "pdf", "--lang", "en", "-o", pdf_file,
               "--db", demo_store.target)
    assert done.returncode == 0, done.stderr
    assert pdf_file.read_bytes().startswith(b"%PDF-")


def test_the_cli_refuses_a_bad_month_with_exit_2(demo_store, tmp_path):
    out = tmp_path / "r.pdf"
    done = cli("--month", "2026-13", "--format", "pdf", "-o", out, "--db", demo_store.target)
    assert done.returncode == 2
    assert done.stderr.strip() == "対象月「2026-13」を解釈できません。例: 2026-10、2026年10月"
    assert not out.exists()


def test_the_file_extension_decides_the_format_and_a_contradicting_format_is_refused(
        _demo_db, tmp_path, capsys):
    from governance import cli as governance_cli

    db = tmp_path / "g.duckdb"
    shutil.copyfile(_demo_db, db)

    def main(*args: object) -> tuple[int, str, str]:
        code = governance_cli.main(["report", "--month", "2026-10", "--db", str(db),
                                    *map(str, args)])
        out = capsys.readouterr()
        return code, out.out, out.err

    refused = tmp_path / "x.pdf"
    assert main("-o", refused, "--format", "html") == (2, "", (
        f"--format html は出力ファイル {refused} の拡張子(PDF)と食い違っています。"
        "拡張子に合わせるか、--format を省略してください。\n"))
    assert not refused.exists()
    code, _, err = main("-o", tmp_path / "x.HTM", "--format", "pdf", "--lang", "en")
    assert code == 2 and err == (f"--format pdf contradicts the output file {tmp_path / 'x.HTM'} "
                                 "(its extension means HTML). Match the extension or leave "
                                 "--format out.\n")
    for name, fmt, start in (("r.htm", None, b"<!DOCTYPE html>"),
                             ("r.html", "html", b"<!DOCTYPE html>"),
                             ("r.report", None, b"<!DOCTYPE html>")):  # no extension: HTML
        out = tmp_path / name
        code, said, _ = main("-o", out, *(["--format", fmt] if fmt else []))
        assert (code, said) == (0, f"2026-10 の月次報告を書き出しました: {out}\n")
        assert out.read_bytes().startswith(start), name
    pdf_or_skip()
    pdf = tmp_path / "x.pdf"
    assert main("-o", pdf)[0] == 0
    assert pdf.read_bytes().startswith(b"%PDF-")  # a PDF, not HTML in a .pdf file


def test_the_overview_offers_the_report_as_html_and_pdf(tmp_path, monkeypatch):
    import streamlit as st

    monkeypatch.setenv("GOVERNANCE_DB", str(tmp_path / "app.duckdb"))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception, at.exception
    buttons = [b.proto for b in at.get("download_button")]
    assert [b.label for b in buttons] == ["月次報告(HTML)", "月次報告(PDF)"]
    assert [b.disabled for b in buttons] == [False, pdf.pdf_problem() is not None]
    st.cache_data.clear()
    st.cache_resource.clear()
