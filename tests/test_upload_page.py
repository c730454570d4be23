"""/upload through AppTest: a good file is previewed, loaded and listed in the history; a
bad file shows its report row by row and changes nothing; a batch is rolled back from the
page and the previous values come back exactly."""

from __future__ import annotations

import io

import pandas.testing as pdt
import pytest
import xlsxwriter
from conftest import assert_same_state, snapshot
from test_pages import run
from test_preview import KPI_HEADER, REGISTER, REPLACING_KPIS
from test_store_errors import full_disk_after

from governance import demo, ingest
from governance.i18n import t
from governance.ingest import Upload
from governance.ingest.readers import MAX_UPLOAD_BYTES
from governance.store import Store
from ui.text import md

BAD_KPIS = (
    "委託先ID,対象月,予算額,実績額,手順書整備率,アクセス権棚卸実施,備考\n"
    "V-BPO-01,2026年10月,15000000,15200000,82%,済,\n"
    "V-BPO-1,2026年10月,9000000,9100000,80,済,ID誤り\n"
    "V-ITO-01,2026年13月,20000000,１２３万,120,たぶん,\n"
    "V-ITO-02,2026年10月,,5000000,70,未,\n"
)
BAD_REPORT = [
    [3, "委託先ID", "V-BPO-1",
     "委託先台帳にない委託先IDです。もしかして: V-BPO-01 / V-KPO-01 / V-BPO-05"],
    [4, "アクセス権棚卸実施", "たぶん",
     "はい/いいえ を表す値ではありません。例: 済/未、はい/いいえ、○/×、yes/no"],
    [4, "実績額", "１２３万", "整数ではありません。例: 1234000、1,234,000、￥1,234,000"],
    [4, "対象月", "2026年13月", "年月ではありません。例: 2026-10、2026/10、2026年10月"],
    [4, "手順書整備率", "120", "100 以下の値が必要です。"],
    [5, "予算額", "", "必須項目が空欄です。"],
]


def choose(at, *files: tuple[str, str | bytes]):
    """Put files into the uploader, as the browser would, and rerun."""
    values = [(name, body if isinstance(body, bytes) else body.encode("cp932"), "text/csv")
              for name, body in files]
    return at.file_uploader(key="upload_files").set_value(values).run()


def press(at, label: str):
    [button] = [b for b in at.button if b.label == label]
    return button.click().run()


def markdown(at) -> list[str]:
    return [m.value for m in at.markdown]


def test_a_good_file_is_previewed_then_loaded_and_listed_in_the_history(app_db):
    at = run("upload.py")
    store = Store(str(app_db))
    before = snapshot(store)
    choose(at, ("kpi_2026-10.csv", REPLACING_KPIS))
    assert not at.exception and not at.error
    assert at.success[0].value == t("upload.ready", "ja", rows="4")
    new, replaced = (d.value.values.tolist() for d in at.dataframe)
    assert new == [["V-KPO-04", "2026年11月"]]
    assert replaced[0] == ["V-BPO-02", "2026年10月", "実績額", "7,805,000", "9,150,000"]
    assert len(replaced) == 5
    risk = at.table[0].value
    assert [md(v) for v in ("V-BPO-02 みなと経理センター株式会社",)] == \
        risk.iloc[:1, 1].tolist()
    assert risk.iloc[0, 3] == ":green[良好] → :red[要対応]"
    assert_same_state(before, snapshot(store))  # nothing written before the button

    press(at, "このファイルを取り込む")
    assert not at.exception and not at.error
    assert at.success[0].value == md("kpi_2026-10.csv: 月次KPI報告を取り込みました(バッチ 7): "
                                     "新規 1 件、更新 2 件、変更なし 1 件。")
    last = store.batches().iloc[-1]
    assert (last.batch_id, last.kind, last.file_name, last.rows_total, last.rows_inserted,
            last.rows_replaced, last.rows_unchanged, last.loaded_by, last.status) == (
        7, "kpis", "kpi_2026-10.csv", 4, 1, 2, 1, "local", "committed")
    assert "月次KPI報告: kpi\\_2026\\-10\\.csv" in markdown(at)
    assert at.button(key="rollback_7").label == "取り消しを実行する"
    oct_ = store.rows("kpis", vendor_id="V-BPO-02")
    assert oct_[oct_["month"] == "2026-10-01"]["actual_cost_jpy"].tolist() == [9_150_000]


def test_a_bad_file_shows_its_report_row_by_row_and_changes_nothing(app_db):
    at = run("upload.py")
    before = snapshot(Store(str(app_db)))
    choose(at, ("kpi_bad.csv", BAD_KPIS))
    assert not at.exception
    assert [e.value for e in at.error] == [t("upload.refused", "ja",
                                             summary=md("6 件の問題(3 行)があります。"))]
    report = at.dataframe[0].value
    assert list(report.columns) == ["行", "列", "値", "問題"]
    assert report.values.tolist() == BAD_REPORT
    assert [b.label for b in at.get("download_button")][-2:] == ["問題一覧(CSV)", "問題一覧(Excel)"]
    note = md("注意: 列「備考」は取り込み対象外のため無視しました。")
    assert note in [c.value for c in at.caption]
    assert not [b for b in at.button if b.label == "このファイルを取り込む"]
    assert_same_state(before, snapshot(Store(str(app_db))))


def test_rolling_back_from_the_page_restores_the_previous_values_exactly(app_db):
    at = run("upload.py")
    store = Store(str(app_db))
    before = snapshot(store)
    loaded = ingest.load(store, Upload("kpi.csv", REPLACING_KPIS.encode("cp932")), user="alice")
    assert loaded.result.batch_id == 7 and loaded.result.replaced == 2
    at.run()
    at.button(key="rollback_7").click().run()
    assert not at.exception and not at.error
    assert at.success[0].value == md("バッチ 7 を取り消しました: このバッチで書き込んだ 3 行を"
                                     "取り除き、置き換え前の 2 行を元に戻しました。")
    after = snapshot(store)
    for kind in ("vendors", "kpis", "reviews", "actions"):
        pdt.assert_frame_equal(after[kind], before[kind])  # values and their batch ids
    assert after["counts"] == before["counts"]
    row = store.batches().iloc[-1]
    assert (row.batch_id, row.status, row.rolled_back_by) == (7, "rolled_back", "local")
    assert "rollback_7" not in [b.key for b in at.button]


def test_a_rollback_the_store_refuses_says_why_and_changes_nothing(app_db):
    at = run("upload.py")
    before = snapshot(Store(str(app_db)))
    at.button(key="rollback_1").click().run()  # the register, while KPIs use its vendors
    assert [e.value for e in at.error] == [md(t(
        "error.vendor-in-use", "ja", batch=1,
        ids="V-BPO-01, V-BPO-02, V-BPO-03, V-BPO-04, V-BPO-05, V-ITO-01, V-ITO-02, V-ITO-03, "
            "V-ITO-04, V-ITO-05"))]
    assert_same_state(before, snapshot(Store(str(app_db))))


def test_a_file_already_loaded_is_reported_as_such(app_db):
    at = run("upload.py")
    choose(at, ("kpis.csv", (demo.DEMO_DIR / "kpis.csv").read_bytes()))
    [info] = [i.value for i in at.info if "取り込み済み" in i.value]
    assert info.startswith("同じファイルはバッチ 2 として取り込み済みで(")
    assert info.endswith("、demo)、その後変更はありません。取り込んでも変わるものはありません。")
    assert not [b for b in at.button if b.label == "このファイルを取り込む"]


def test_a_file_whose_rows_are_all_stored_already_says_nothing_would_change(app_db):
    at = run("upload.py")
    rows = (demo.DEMO_DIR / "kpis.csv").read_bytes().splitlines(keepends=True)
    choose(at, ("kpis-part.csv", b"".join(rows[:3])))  # other bytes, the same values
    assert [i.value for i in at.info if "変わるもの" in i.value] == [
        t("upload.nothing-to-change", "ja", batches="2")]
    assert not [b for b in at.button if b.label == "このファイルを取り込む"]


def test_a_register_and_kpis_chosen_together_are_loaded_register_first(app_db):
    at = run("upload.py")
    kpis = KPI_HEADER + "V-NEW-01,2026年10月,1000000,900000,,,,,,,,,,,,,\n"
    choose(at, ("kpi.csv", kpis), ("台帳.csv", REGISTER))
    assert not at.exception and not at.error
    assert at.warning[0].value == t("upload.waiting", "ja", files=md("台帳.csv"))
    press(at, "すべて取り込む(2 ファイル、委託先台帳から順に)")
    assert not at.exception and not at.error
    batches = Store(str(app_db)).batches()
    assert batches[["batch_id", "kind", "file_name", "rows_inserted"]].values.tolist()[-2:] == [
        [7, "vendors", "台帳.csv", 1], [8, "kpis", "kpi.csv", 1]]


def test_a_full_disk_part_way_names_the_files_loaded_before_it(app_db, monkeypatch):
    at = run("upload.py")
    kpis = KPI_HEADER + "V-NEW-01,2026年10月,1000000,900000,,,,,,,,,,,,,\n"
    choose(at, ("kpi.csv", kpis), ("台帳.csv", REGISTER))
    full_disk_after(monkeypatch, 1)  # the register lands, the KPI file does not
    press(at, "すべて取り込む(2 ファイル、委託先台帳から順に)")
    assert not at.exception
    assert [e.value for e in at.error] == [md(
        "kpi.csv の書き込みに失敗しました(No space left on device)。kpi.csv とそれ以降の"
        "ファイルは取り込んでいません。それより前に取り込み済み: 台帳.csv")]
    assert Store(str(app_db)).batches()["file_name"].tolist()[-1] == "台帳.csv"
def test_a_register_on_the_demo_offers_to_remove_the_demo_before_loading(app_db):
    at = run("upload.py")
    store = Store(str(app_db))
    before = snapshot(store)
    choose(at, ("台帳.csv", REGISTER))
    assert not at.exception and not at.error
    rows = ("委託先台帳 14 行 / 月次KPI報告 334 行 / 進捗確認会議 42 行 / 対応事項 31 行 / "
            "契約台帳 15 行 / 再委託先 6 行")
    assert md(t("demo.offer", "ja", rows=rows)) in [w.value for w in at.warning]
    kept = {m.label: m.value for m in at.metric}[t("preview.metric-kept", "ja")]
    assert kept == "13"  # the demo's vendors but V-KPO-04, which the register names
    assert_same_state(before, snapshot(store))  # an offer: nothing removed, nothing loaded

    [remove] = [b for b in at.button if str(b.key).startswith("demo_remove_")
                and b.key != "demo_remove_panel"]
    remove.click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [
        t("upload.ready", "ja", rows="2"),
        md(t("demo.removed", "ja", rows=rows, batches="1, 2, 3, 4, 5, 6"))]  # beside the file
    assert store.counts() == {"vendors": 0, "kpis": 0, "reviews": 0, "actions": 0,
                              "tickets": 0, "contracts": 0, "subcontractors": 0}
    assert not [w for w in at.warning if "デモデータ" in w.value]
    added = {m.label: m.value for m in at.metric}[t("preview.metric-new", "ja")]
    assert added == "2"  # the preview, made afresh: V-KPO-04 is no longer in the register
    press(at, "このファイルを取り込む")
    assert not at.exception and not at.error
    assert store.table("vendors")["vendor_id"].tolist() == ["V-KPO-04", "V-NEW-01"]


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                sheet.write(i, j, value)
    book.close()
    return out.getvalue()


def test_a_cover_sheet_is_passed_over_and_the_sheet_can_be_chosen(app_db):
    data = workbook({"表紙": [["月次KPI報告 提出用"]],
                     "KPI": [["委託先ID", "対象月", "予算額", "実績額"],
                             ["V-ITO-02", "2026年10月", 40210000, 40096000]]})
    at = run("upload.py")
    choose(at, ("kpi.xlsx", data))
    assert not at.exception and not at.error
    sheet = at.selectbox[-1]
    assert (sheet.label, sheet.options) == ("シート", ["自動: KPI", "表紙", "KPI"])
    assert "シート「表紙」には取り込める表がないため、シート「KPI」を読み込みました。" in [
        c.value for c in at.caption]
    assert at.success[0].value == t("upload.ready", "ja", rows="1")
    sheet.select("表紙").run()
    assert [e.value for e in at.error] == [t(
        "upload.refused", "ja", summary=md("1 件の問題(1 行)があります。"))]
    assert at.dataframe[0].value.values.tolist() == [[1, None, None, t(
        "problem.unknown-kind", "ja")]]


def test_the_detected_kind_can_be_overridden(app_db):
    at = run("upload.py")
    choose(at, ("kpi.csv", REPLACING_KPIS))
    kind = at.selectbox[-1]
    assert kind.options[0] == "自動判別: 月次KPI報告"
    kind.select("reviews").run()
    # as meetings the file lacks required columns: the mapping step says which
    assert [e.value for e in at.error] == [md(t(
        "mapping.missing", "ja", columns="開催日(held_on)、議事概要(summary)"))]
    assert t("mapping.intro", "ja", kind="進捗確認会議") in [i.value for i in at.info]


def test_a_file_over_the_limit_is_refused_before_it_is_read(app_db, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("a file over the limit was read")

    at = run("upload.py")  # loads the demo data first
    monkeypatch.setattr(ingest.pipeline, "read_table", never)
    choose(at, ("huge.csv", b"x" * (MAX_UPLOAD_BYTES + 1)))
    assert not at.exception
    too_large = "ファイルが大きすぎます(20.0 MB)。上限は 20.0 MB です。"
    assert [e.value for e in at.error] == [t("upload.refused", "ja", summary=md(too_large))]


def english(at):
    at.session_state["lang"] = "en"
    return at.run()


def test_the_page_speaks_english_when_asked(app_db):
    at = english(run("upload.py"))
    choose(at, ("kpi_bad.csv", BAD_KPIS))
    assert [e.value for e in at.error] == [t(
        "upload.refused", "en", summary=md("6 problem(s) in 3 row(s)."))]
    assert list(at.dataframe[0].value.columns) == ["Row", "Column", "Value", "Problem"]
    assert [b.label for b in at.get("download_button")][-2:] == ["Problems (CSV)",
                                                                 "Problems (Excel)"]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_template_downloads_are_offered_in_three_formats(app_db, lang):
    at = run("upload.py")
    if lang == "en":
        english(at)
    labels = [b.label for b in at.get("download_button")]
    assert labels == [t("template.xlsx", lang), t("template.csv", lang),
                      t("template.csv-cp932", lang)]


def test_the_intro_names_every_upload_kind_in_the_users_language(app_db):
    at = run("upload.py")
    assert at.caption[0].value == (
        "委託先台帳・月次KPI報告・進捗確認会議・対応事項・チケット・契約台帳・再委託先のファイルを"
        "取り込みます。ファイルを選ぶと内容を検証し、変更点を表示します。「取り込む」を押すまで、"
        "データベースには何も書き込みません。")
    assert english(at).caption[0].value.startswith(
        "Load vendor register, monthly KPI report, review meetings, action items, tickets, "
        "contract register and sub-contractors files.")
