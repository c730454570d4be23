"""The mapping step: the suggestions for a file no layout recognises (catalog column,
scale, words), the profile the choices make, and /upload through AppTest — the vendor's
workbook is mapped, previewed, saved as a profile and loaded."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import AFTER_DEMO
from test_pages import run, texts
from test_profiles import HEADERS, NOVEMBER, OCTOBER, vendor_workbook
from test_upload_page import press

from governance.catalog import KINDS
from governance.i18n import t
from governance.ingest import staging
from governance.ingest.profiles import Profile, parse, to_toml
from governance.ingest.profiles import suggest as sg
from governance.ingest.readers import RawTable, read_table
from governance.store import Store
from ui.text import md

KPIS = KINDS["kpis"]


def table(headers: list[str], *rows: list[str]) -> RawTable:
    frame = pd.DataFrame([list(r) for r in rows] or [[""] * len(headers)], dtype=object)
    return RawTable(headers, frame, pd.Series(range(2, 2 + len(frame))), "csv")


def test_each_column_gets_the_catalog_column_it_matches_best_once():
    raw = read_table(vendor_workbook(OCTOBER), "t.xlsx", "月次報告")
    assert (raw.header_row, raw.headers) == (4, HEADERS)
    assert sg.suggest(raw, "kpis") == {
        0: ("month", "similar"), 1: ("budget_jpy", "alias"), 2: (None, None),
        3: ("sla_attainment_pct", "similar"), 4: ("access_review_done", "alias")}
    wide = table(["委託先ＩＤ", "予算額（円）", "ＳＬＡ達成率(%)", "SLA 達成率", "実績 額"])
    assert sg.suggest(wide, "kpis") == {
        0: ("vendor_id", "alias"), 1: ("budget_jpy", "normalised"),
        2: ("sla_attainment_pct", "normalised"), 3: (None, None),  # taken by the first
        4: ("actual_cost_jpy", "normalised")}
    assert sg.suggest_kind(raw) == "kpis"
    assert sg.suggest_kind(table(["行動", "担当者", "期限日"])) == "actions"


@pytest.mark.parametrize("header,cells,column,scale", [
    ("ご請求額(千円)", ["12,345"], "actual_cost_jpy", 1_000),
    ("請求額（百万円）", ["12.3"], "actual_cost_jpy", 1_000_000),
    ("請求額(万円)", ["1234"], "actual_cost_jpy", 10_000),
    ("請求額", ["12345000"], "actual_cost_jpy", None),
    ("SLA実績", ["0.982", "1", "0.5"], "sla_attainment_pct", 100),
    ("SLA実績", ["0.982", "98.5"], "sla_attainment_pct", None),
    ("SLA実績", ["98.2%", "0.5"], "sla_attainment_pct", None),
    ("件数(千件)", ["3"], "change_requests", None),  # not yen
])
def test_the_scale_a_unit_or_the_values_imply(header, cells, column, scale):
    [fc] = sg.file_columns(table([header], *[[c] for c in cells]))
    assert sg.implied_scale(fc, KPIS.column(column)) == scale


def test_words_read_as_today_and_the_profile_keeps_only_what_differs():
    assert [sg.reads_as(KPIS.column("access_review_done"), w)
            for w in ("実施済", "未実施", "済", "○")] == [None, "no", "yes", "yes"]
    status = KINDS["actions"].column("status")
    assert [sg.reads_as(status, w) for w in ("対応中", "完了済")] == ["open", None]
    raw = read_table(vendor_workbook(OCTOBER + NOVEMBER), "t.xlsx", "月次報告")
    draft = sg.Draft("kpis", "テクノ", "月次報告", 4,
                     {0: "month", 1: "budget_jpy", 2: "actual_cost_jpy",
                      3: "sla_attainment_pct", 4: "access_review_done"},
                     {1: 1.0, 2: 1000.0, 3: 100.0},
                     {4: {"実施済": "yes", "未実施": "no"}}, {"vendor_id": "IT-OPS-02"})
    assert (draft.missing(), draft.conflicts(), draft.unread_words(raw)) == ([], [], {})
    profile = draft.profile(raw)
    assert profile == Profile(
        "kpis", "テクノ", "月次報告", 4, None,
        {"month": "報告対象期間", "budget_jpy": "予算額", "actual_cost_jpy": "ご請求額(千円)",
         "sla_attainment_pct": "SLA実績", "access_review_done": "アクセス権棚卸実施"},
        {"vendor_id": "IT-OPS-02"}, {"actual_cost_jpy": 1000.0, "sla_attainment_pct": 100.0},
        {"access_review_done": {"実施済": "yes"}})
    assert parse(to_toml(profile), "x") == profile
    draft.words[4]["実施済"] = None
    draft.constants["vendor_id"] = " "
    draft.columns[1] = "actual_cost_jpy"
    assert (draft.missing(), draft.conflicts(), draft.unread_words(raw)) == (
        ["vendor_id", "budget_jpy"], ["actual_cost_jpy"], {4: ["実施済"]})
    assert not draft.complete(raw)


def test_the_header_row_guess_skips_title_rows():
    assert sg.guess_header_row([["報告書", "", ""], ["", "", ""], ["a", "b", "c"],
                                ["1", "2", ""]]) == 3
    assert sg.guess_header_row([]) == 1


def test_only_a_file_refused_for_its_headers_gets_a_mapping_step(store):
    files = [staging.read("own.xlsx", vendor_workbook(OCTOBER)),
             staging.read("garbage.csv", b"a,b\n1,2\n"),
             staging.read("bad.csv", "委託先ID,対象月,予算額,実績額\nX,2026年10月,a,1\n".encode()),
             staging.read("cover.csv", "月次報告 表紙\n".encode())]
    staged = staging.stage(store, files)
    assert [s.state for s in staged] == [staging.REFUSED] * 4
    assert [sg.needs_mapping(s.upload) for s in staged] == [True, True, False, False]


# --- /upload through AppTest -------------------------------------------------------------

def choose(at, name: str, data: bytes):
    return at.file_uploader(key="upload_files").set_value([(name, data, "application/xlsx")]
                                                          ).run()


def select(at, label: str, value, index: int = 0):
    return [s for s in at.selectbox if s.label == label][index].set_value(value).run()


def test_a_vendor_workbook_is_mapped_previewed_saved_as_a_profile_and_loaded(app_db):
    at = run("upload.py")
    choose(at, "techno_2026-11.xlsx", vendor_workbook(NOVEMBER))
    assert not at.exception
    shown = texts(at)
    assert t("mapping.title", "ja") in shown
    assert [(s.label, s.value) for s in at.selectbox if s.label == "取り込む項目"] == [
        ("取り込む項目", v) for v in ("month", "budget_jpy", None, "sla_attainment_pct",
                                      "access_review_done")]
    assert [e.value for e in at.error] == [md(t("mapping.missing", "ja", columns=(
        "委託先ID(vendor_id)、実績額(actual_cost_jpy)")))]
    select(at, "取り込む項目", "actual_cost_jpy", 2)
    assert [n.value for n in at.number_input] == [4, 1.0, 1000.0, 100.0]
    select(at, "未実施", "no")
    select(at, "ファイルにない「委託先ID」の値(全行共通)", "V-ITO-01")
    assert not at.error and t("mapping.complete", "ja") in [s.value for s in at.success]
    assert t("upload.ready", "ja", rows="1") in [s.value for s in at.success]

    at.text_input(key=f"map_name_{at.file_uploader[0].value[0].file_id}").set_value(
        "テクノ運用 月次報告").run()
    press(at, "取込プロファイルとして保存")
    assert not at.exception
    store = Store(str(app_db))
    [saved] = store.profiles().itertuples()
    assert (saved.name, saved.kind, saved.batch_id) == (
        "テクノ運用 月次報告", "kpis", AFTER_DEMO)
    # saved: the file is now read with it, straight to the preview
    assert t("mapping.title", "ja") not in texts(at)
    assert any("取込プロファイル「テクノ運用 月次報告」で読み込み" in c.value for c in at.caption)
    press(at, "このファイルを取り込む")
    assert not at.exception
    row = store.rows("kpis", vendor_id="V-ITO-01", month=pd.Timestamp("2026-11-01").date()
                     ).iloc[0]
    assert (row.actual_cost_jpy, row.sla_attainment_pct, row.access_review_done,
            row.batch_id) == (13_010_500, 97.45, False, AFTER_DEMO + 1)
    assert store.batches()["profile"].tolist()[-1] == "テクノ運用 月次報告"
