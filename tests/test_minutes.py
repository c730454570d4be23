"""The minutes keep every meeting of the month: a vendor met twice about October carries both
meetings in the Markdown (exact lines) and the CSV (exact rows) on both engines; the PDF of
the same minutes opens as A4 pages with Japanese text embedded and both meetings in it, user
text stays text in its HTML; the CLI refuses a PDF on standard output."""

from __future__ import annotations

import csv
import io
import re
import subprocess

import pytest

from governance.reviews import minutes as minutes_view
from governance.reviews import minutes_export, minutes_pdf
from tests.conftest import month_data, pdf_or_skip, tool
from tests.test_reviews import (
    MONTH,
    TODAY,
    VENDOR_NAMES,
    _action,
    _cli,
    _load,
    crafted_month,
    data_version,
)

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def month_store(store):
    return crafted_month(store)


@pytest.fixture
def two_meetings(month_store):
    """The crafted October of ``test_reviews`` plus an earlier meeting with V-A about
    October on 3 November, with one action raised (and done) there."""
    _load(month_store, "reviews", [dict(
        held_on="2026-11-03", vendor_id="V-A", period="2026-10", attendees="佐藤、高橋",
        summary="不審なログインを1件検知。", decisions="ログの調査を依頼する。",
        assessment="amber")])
    _load(month_store, "actions", [_action(
        "V-A", "2026-11-03", "ログ調査の結果を報告させる", "2026-11-07", status="done",
        closed="2026-11-06", owner="高橋", axis="統制")])
    return month_store


def _minutes(store, prepared_by="山田"):
    return minutes_view.minutes(month_data(store, MONTH), prepared_by, TODAY)


V_A_JA = """\
## 1. V-A 株式会社エー

- リスク判定：ノウハウ流出 良好（0点）、コスト増大 良好（0点）、統制・情報管理 要対応（60点）
- 議題とした理由：要対応（統制・情報管理）

### 会議 1：2026年11月3日（火）

- 出席者：佐藤、高橋
- 評価：注意

#### 議事概要

不審なログインを1件検知。

#### 決定事項

ログの調査を依頼する。

#### 新規対応事項

| No. | 対応内容 | 担当者 | 期限 | リスク区分 |
|---:|---|---|---|---|
| 1 | ログ調査の結果を報告させる | 高橋 | 2026年11月7日 | 統制 |

### 会議 2：2026年11月10日（火）

- 出席者：佐藤、高橋、木村(エー)
- 評価：要対応

#### 議事概要

セキュリティ事故が2件発生。

影響範囲は調査中。

#### 決定事項

再発防止策を提出させる。

#### 新規対応事項

| No. | 対応内容 | 担当者 | 期限 | リスク区分 |
|---:|---|---|---|---|
| 1 | 再発防止策を提出させる | 高橋 | 2026年12月10日 | 統制 |

## 2. V-C 株式会社シー

- 開催日：2026年11月10日（火）
- 出席者：佐藤、渡辺
- 評価：注意
"""


def test_the_minutes_of_a_month_with_two_meetings_with_one_vendor_carry_both(two_meetings):
    record = _minutes(two_meetings)
    [first] = [i for i in record.items if i.vendor_id == "V-A"]
    assert [m.held_on.isoformat() for m in first.meetings] == ["2026-11-03", "2026-11-10"]
    lines = minutes_export.to_markdown(record, "ja").splitlines()
    assert lines[2:10] == [
        "- 対象月：2026年10月", "- 開催日：2026年11月3日（火）、2026年11月10日（火）",
        "- 出席者：佐藤、高橋、木村(エー)、渡辺", "- 審議対象：議題 5 社のうち 2 社を審議",
        "- 作成日：2026年11月26日", "- 作成者：山田",
        f"- データ版：{data_version(two_meetings, 'ja')}", ""]
    at = lines.index("## 1. V-A 株式会社エー")
    expected = V_A_JA.splitlines()
    assert lines[at:at + len(expected)] == expected
    assert record.as_of.isoformat() == "2026-11-10"  # the last meeting day still


def test_the_english_minutes_head_each_meeting_with_its_day(two_meetings):
    lines = minutes_export.to_markdown(_minutes(two_meetings, None), "en").splitlines()
    at = lines.index("## 1. V-A 株式会社エー")
    assert [line for line in lines[at:] if line.startswith(("### ", "#### New"))][:4] == [
        "### Meeting 1: 2026-11-03 (Tue)", "#### New action items",
        "### Meeting 2: 2026-11-10 (Tue)", "#### New action items"]
    assert lines[at + 7:at + 9] == ["- Attendees: 佐藤, 高橋", "- Assessment: Amber"]


def test_the_minutes_csv_has_a_row_per_meeting_and_per_action_raised_at_each(two_meetings):
    rows = list(csv.reader(io.StringIO(
        minutes_export.to_csv(_minutes(two_meetings), "ja").decode("utf-8-sig"))))
    batch = two_meetings.batches().iloc[-1]
    version = [str(batch["batch_id"]), f"{batch['loaded_at']:%Y/%m/%d %H:%M}"]
    assert rows[0][-2:] == ["データ版(バッチ)", "データ版(取込日時)"]
    assert rows[1:5] == [
        ["議事", "2026年10月", "2026/11/03", "V-A", "株式会社エー", "注意", "佐藤、高橋",
         "不審なログインを1件検知。", "ログの調査を依頼する。", "", "", "", "", "", "",
         *version],
        ["新規対応事項", "2026年10月", "2026/11/03", "V-A", "株式会社エー", "", "", "", "",
         "ログ調査の結果を報告させる", "高橋", "2026/11/07", "完了", "", "統制", *version],
        ["議事", "2026年10月", "2026/11/10", "V-A", "株式会社エー", "要対応",
         "佐藤、高橋、木村(エー)", "セキュリティ事故が2件発生。\n影響範囲は調査中。",
         "再発防止策を提出させる。", "", "", "", "", "", "", *version],
        ["新規対応事項", "2026年10月", "2026/11/10", "V-A", "株式会社エー", "", "", "", "",
         "再発防止策を提出させる", "高橋", "2026/12/10", "未完了", "", "統制", *version]]
    assert [(r[0], r[2], r[3]) for r in rows[5:]] == [
        ("議事", "2026/11/10", "V-C"), ("期限超過", "", "V-F"), ("期限超過", "", "V-F"),
        ("期限超過", "", "V-B"), ("期限超過", "", "V-E")]


def _pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "minutes.pdf"
    path.write_bytes(pdf)
    return subprocess.run([tool("pdftotext"), str(path), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout


def test_the_minutes_pdf_is_a4_with_japanese_text_and_both_meetings(two_meetings, tmp_path):
    pdftoppm, pdfinfo, pdffonts = tool("pdftoppm"), tool("pdfinfo"), tool("pdffonts")
    pdf_or_skip()
    data = minutes_pdf.to_pdf(_minutes(two_meetings), "ja")
    assert data.startswith(b"%PDF-")
    path = tmp_path / "minutes.pdf"
    path.write_bytes(data)
    info = subprocess.run([pdfinfo, str(path)], capture_output=True, text=True, check=True,
                          timeout=60).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    sizes = subprocess.run([pdfinfo, "-f", "1", "-l", str(pages), str(path)],
                           capture_output=True, text=True, check=True, timeout=60).stdout
    assert re.findall(r"Page +\d+ size: +(.*)", sizes) == ["595.276 x 841.89 pts (A4)"] * pages
    subprocess.run([pdftoppm, "-r", "40", "-png", str(path), str(tmp_path / "page")],
                   check=True, timeout=60)
    drawn = sorted(tmp_path.glob("page*.png"))
    assert len(drawn) == pages >= 1 and drawn[0].stat().st_size > 10_000
    text = " ".join(_pdf_text(data, tmp_path).split())
    for part in ("委託先進捗確認会議 議事録（2026年10月分）", "会議 1：2026年11月3日（火）",
                 "不審なログインを1件検知。", "ログ調査の結果を報告させる",
                 "会議 2：2026年11月10日（火）", "セキュリティ事故が2件発生。",
                 "再発防止策を提出させる。", "株式会社シー", "未審議の委託先",
                 "古い依頼その1", f"データ版 {data_version(two_meetings, 'ja')}", "以上"):
        assert part in text, part
    fonts = subprocess.run([pdffonts, str(path)], capture_output=True, text=True, check=True,
                           timeout=60).stdout
    assert "Noto-Sans-CJK-JP" in fonts  # Japanese glyphs embedded, not boxes


def test_user_text_stays_text_in_the_minutes_pdf(two_meetings, tmp_path):
    _load(two_meetings, "vendors", [dict(
        vendor_id=v, vendor_name=SCRIPT if v == "V-A" else n, service_type="ITO",
        engagement="outsourcing", criticality="medium", owner="情報システム部",
        contract_start="2020-04-01", contract_end="", annual_budget_jpy=12_000_000,
        data_access="internal", exit_plan_updated="2026-06-01")
        for v, n in VENDOR_NAMES.items()])
    _load(two_meetings, "reviews", [dict(
        held_on="2026-11-03", vendor_id="V-A", period="2026-10", attendees="<b>佐藤</b> & 高橋",
        summary="# 見出し\n**太字** [link](javascript:alert(2)) <img src=x onerror=alert(3)>",
        decisions="</style><p>", assessment="amber")])
    record = _minutes(two_meetings, "<i>山田</i>")
    page = minutes_pdf.to_html(record, "ja")
    assert "1. &lt;script&gt;alert(1)&lt;/script&gt;<small>V-A</small>" in page
    assert "&lt;b&gt;佐藤&lt;/b&gt; &amp; 高橋" in page
    assert ('<p class="text">**太字** [link](javascript:alert(2)) '
            "&lt;img src=x onerror=alert(3)&gt;</p>") in page
    assert "&lt;/style&gt;&lt;p&gt;" in page and "&lt;i&gt;山田&lt;/i&gt;" in page
    lowered = page.lower()
    for markup in ("<script", "<img", "<b>", "<i>", "</style><p>", "javascript:alert(2)\""):
        assert markup not in lowered, markup
    pdf_or_skip()
    text = _pdf_text(minutes_pdf.to_pdf(record, "ja"), tmp_path)
    assert SCRIPT in text and "# 見出し" in text and "<b>佐藤</b> & 高橋" in text


def test_the_cli_writes_the_minutes_pdf_to_a_file_only(month_store, tmp_path):
    refused = _cli("reviews", "export", "--month", "2026-10", "--format", "pdf",
                   "--db", month_store.target)
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr.strip() == (
        "PDF は標準出力には書き出せません。-o でファイル名を指定してください(例: -o minutes.pdf)。")
    english = _cli("reviews", "export", "--month", "2026-10", "--format", "pdf", "--lang",
                   "en", "--db", month_store.target)
    assert english.stderr.strip() == (
        "A PDF cannot be written to standard output: name a file with -o (e.g. -o minutes.pdf).")
    pdf_or_skip()
    out = tmp_path / "minutes.pdf"
    done = _cli("reviews", "export", "--month", "2026-10", "--format", "pdf", "--lang", "en",
                "--db", month_store.target, "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Minutes of 2026-10 written to {out}"
    text = _pdf_text(out.read_bytes(), tmp_path)
    assert "Vendor progress review: minutes for 2026-10" in text
    assert f"Data version: {data_version(month_store, 'en')}" in " ".join(text.split())
