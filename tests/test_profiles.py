"""Import profiles (issue 17): a vendor's own workbook — cover sheet, title rows, header on
row 4, thousands of yen, shares, 実施済/未実施, no vendor column — loads with a profile
written as in the issue, with the values right; without it the file is refused; saved, the
profile reads next month's file by itself; every mistake in a profile is refused with one
line naming its key; saving is a batch that rolls back; on both engines."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter
from conftest import TODAY, assert_same_state, snapshot

from governance import audit, ingest
from governance.access import AccessDenied, Actor
from governance.catalog import KINDS
from governance.errors import BatchError
from governance.ingest import Upload, load_paths, staging
from governance.ingest.problems import did_you_mean, per_lang
from governance.ingest.profiles import Profile, ProfileError, parse, to_toml
from governance.ingest.profiles import saved as saved_profiles
from governance.store import Store

# the profile exactly as issue 17 writes it
ISSUE_PROFILE = """\
kind = "kpis"                  # vendors | kpis | reviews | actions | tickets | contracts | subcontractors
name = "テクノ運用 月次報告"     # optional; defaults to the file name
sheet = "月次報告"               # optional: the XLSX/ODS sheet; default the first
header_row = 4                 # optional: the header's row as Excel numbers it; default found automatically
dayfirst = false               # optional: dates such as 05/10/2026 are day first

[columns]                      # catalog column = the header as written in the file
month = "報告対象期間"
actual_cost_jpy = "ご請求額(千円)"
sla_attainment_pct = "SLA実績"

[constants]                    # catalog columns the file does not carry
vendor_id = "IT-OPS-02"

[scale]                        # multiply a number after reading it
actual_cost_jpy = 1000
sla_attainment_pct = 100

[values.access_review_done]    # the file's words → catalog values
"実施済" = "yes"
"未実施" = "no"
"""  # noqa: E501
NAME = "テクノ運用 月次報告"
HEADERS = ["報告対象期間", "予算額", "ご請求額(千円)", "SLA実績", "アクセス権棚卸実施"]
REGISTER = ("委託先ID,委託先名,委託区分,契約形態,重要度,主管部門,契約開始日,年間予算,取扱情報区分\n"
            "IT-OPS-02,テクノ運用株式会社,ITO,アウトソーシング,中,情報システム部,2024/04/01,"
            "150000000,社内\n")


def vendor_workbook(rows: list[list[object]], headers: list[str] = HEADERS) -> bytes:
    """The vendor's own monthly report: a cover sheet, then 月次報告 with two title rows,
    a blank row and the header on row 4."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    book.add_worksheet("表紙").write(0, 0, "テクノ運用株式会社 月次サービス報告書")
    sheet = book.add_worksheet("月次報告")
    sheet.write(0, 0, "月次サービス報告")
    sheet.write(1, 0, "テクノ運用株式会社 運用サービス部")
    for c, header in enumerate(headers):
        sheet.write(3, c, header)
    for r, row in enumerate(rows, start=4):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.close()
    return out.getvalue()


OCTOBER = [["2026年10月", 12_500_000, 12_345, 0.982, "実施済"]]
NOVEMBER = [["2026年11月", 12_500_000, 13_010.5, 0.9745, "未実施"]]


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


@pytest.fixture
def register_store(store, tmp_path) -> Store:
    [upload] = load_paths(store, [write(tmp_path, "vendors.csv", REGISTER)], user="ada",
                          today=TODAY)
    assert not upload.refused
    return store


def stored(store: Store) -> list[tuple]:
    frame = store.table("kpis")
    return [(r.vendor_id, r.month.date(), r.budget_jpy, r.actual_cost_jpy,
             r.sla_attainment_pct, r.access_review_done, r.batch_id)
            for r in frame.itertuples()]


def summary(upload: Upload, lang: str = "ja") -> list[str]:
    return upload.summary(lang)


# --- the issue's "done when" ---------------------------------------------------------------

def test_the_vendor_workbook_loads_with_the_issue_profile_and_the_values_are_right(
        register_store, tmp_path):
    profile = parse(ISSUE_PROFILE, "techno.toml", "techno")
    assert profile == Profile(
        "kpis", NAME, "月次報告", 4, False,
        {"month": "報告対象期間", "actual_cost_jpy": "ご請求額(千円)",
         "sla_attainment_pct": "SLA実績"},
        {"vendor_id": "IT-OPS-02"}, {"actual_cost_jpy": 1000, "sla_attainment_pct": 100},
        {"access_review_done": {"実施済": "yes", "未実施": "no"}})
    path = write(tmp_path, "techno_2026-10.xlsx", vendor_workbook(OCTOBER))
    [upload] = load_paths(register_store, [path], user="ada", today=TODAY, profile=profile)
    assert summary(upload) == [
        "techno_2026-10.xlsx: 月次KPI報告を取り込みました(バッチ 2): 新規 1 件、更新 0 件、"
        "変更なし 0 件。(取込プロファイル「テクノ運用 月次報告」で読み込み)"]
    # ¥12,345 thousand -> 12,345,000; 0.982 -> 98.2; 実施済 -> yes
    assert stored(register_store) == [
        ("IT-OPS-02", dt.date(2026, 10, 1), 12_500_000, 12_345_000, 98.2, True, 2)]
    assert register_store.batches()["profile"].fillna("").tolist() == ["", NAME]


def test_the_same_workbook_without_a_profile_is_refused_and_nothing_is_written(
        register_store, tmp_path):
    before = snapshot(register_store)
    path = write(tmp_path, "techno_2026-10.xlsx", vendor_workbook(OCTOBER))
    [upload] = load_paths(register_store, [path], user="ada", today=TODAY)
    assert [p.as_tuple() for p in upload.problems.errors] == [(1, None, "unknown-kind")]
    # the upload page finds the table past the cover sheet, and says what it lacks
    staged = staging.stage(register_store, [staging.read(path.name, path.read_bytes())],
                           TODAY)[0]
    assert staged.state == staging.REFUSED
    assert [p.as_tuple() for p in staged.upload.problems.errors] == [
        (4, "委託先ID", "missing-column"), (4, "対象月", "missing-column"),
        (4, "実績額", "missing-column")]
    assert_same_state(before, snapshot(register_store))


def test_after_profiles_add_next_months_file_loads_with_a_plain_ingest(register_store,
                                                                       tmp_path):
    profile, text = saved_profiles.from_file(write(tmp_path, "techno.toml", ISSUE_PROFILE))
    result = saved_profiles.save(register_store, profile, text, "ada")
    assert (result.name, result.batch_id, result.action) == (NAME, 2, "added")
    path = write(tmp_path, "techno_2026-11.xlsx", vendor_workbook(NOVEMBER))
    [upload] = load_paths(register_store, [path], user="ada", today=TODAY)
    assert upload.profile.name == NAME
    assert summary(upload, "en") == [
        "techno_2026-11.xlsx: Monthly KPI report loaded as batch 3: 1 new, 0 replaced, "
        "0 unchanged. (read with import profile “テクノ運用 月次報告”)"]
    assert stored(register_store) == [
        ("IT-OPS-02", dt.date(2026, 11, 1), 12_500_000, 13_010_500, 97.45, False, 3)]
    # the upload page goes straight to the preview
    staged = staging.stage(register_store, [staging.read(
        path.name, path.read_bytes(), saved=saved_profiles.usable(register_store))], TODAY)[0]
    assert (staged.state, staged.upload.profile.name) == (staging.LOADED, NAME)


def test_problems_name_the_senders_rows_and_headers(register_store, tmp_path):
    rows = [["2026年10月", 12_500_000, 12_345, 0.982, "実施済"],
            ["2026年13月", 12_500_000, "一万", 0.97, "たぶん"]]
    profile = parse(ISSUE_PROFILE.replace("IT-OPS-02", "IT-OPS-09"), "techno.toml")
    path = write(tmp_path, "techno.xlsx", vendor_workbook(rows))
    [upload] = load_paths(register_store, [path], user="ada", today=TODAY, profile=profile)
    assert sorted((p.row, p.column, p.value, p.code) for p in upload.problems.errors) == [
        (5, "constants.vendor_id", "IT-OPS-09", "unknown-vendor"),
        (6, "constants.vendor_id", "IT-OPS-09", "unknown-vendor"),
        (6, "ご請求額(千円)", "一万", "invalid-integer"),
        (6, "アクセス権棚卸実施", "たぶん", "invalid-boolean"),
        (6, "報告対象期間", "2026年13月", "invalid-month")]


def test_a_header_the_file_does_not_have_is_refused_naming_the_key(register_store, tmp_path):
    before = snapshot(register_store)
    headers = [h if h != "SLA実績" else "SLA達成" for h in HEADERS]
    path = write(tmp_path, "techno.xlsx", vendor_workbook(OCTOBER, headers))
    [upload] = load_paths(register_store, [path], user="ada", today=TODAY,
                          profile=parse(ISSUE_PROFILE, "techno.toml"))
    [problem] = upload.problems.errors
    assert problem.as_tuple() == (4, "SLA実績", "profile-header-not-found")
    assert problem.message("ja") == ("取込プロファイル「テクノ運用 月次報告」の "
                                     "columns.sla_attainment_pct が指す見出し「SLA実績」が、"
                                     "この行にありません。")
    assert_same_state(before, snapshot(register_store))


# --- every mistake in a profile, one line naming its key -----------------------------------

def _refusal(text: str) -> ProfileError:
    with pytest.raises(ProfileError) as caught:
        parse(text, "techno.toml")
    return caught.value


BASE = 'kind = "kpis"\n'
REFUSALS = {
    "unknown key": (BASE + 'colums = {month = "年月"}\n', "profile.unknown-key", dict(
        key="colums", allowed="kind, name, sheet, header_row, dayfirst, columns, constants, "
                              "scale, values")),
    "unknown catalog column": (BASE + '[columns]\nactual_cost = "請求額"\n',
                               "profile.unknown-column",
                               dict(key="columns.actual_cost",
                                    kind=per_lang("月次KPI報告", "Monthly KPI report"),
                                    hint=did_you_mean(["actual_cost_jpy"]))),
    "unknown column of constants": (BASE + '[constants]\nvendor = "IT-OPS-02"\n',
                                    "profile.unknown-column",
                                    dict(key="constants.vendor",
                                         kind=per_lang("月次KPI報告", "Monthly KPI report"),
                                         hint=did_you_mean(["vendor_id"]))),
    "scale on a non-number column": (BASE + "[scale]\nmonth = 1000\n",
                                     "profile.scale-not-number",
                                     dict(key="scale.month", column=per_lang("対象月", "Month"))),
    "value map to an unknown word": (
        BASE + '[values.access_review_done]\n"実施済" = "done"\n', "profile.unknown-word",
        dict(key='values.access_review_done."実施済"', value="done",
             column=per_lang("アクセス権棚卸実施", "Access review done"),
             allowed=per_lang("yes / no / はい / いいえ / 済 / 未", "yes / no"))),
    "value map to an unknown choice": (
        'kind = "vendors"\n[values.service_type]\n"業務委託" = "BPS"\n', "profile.unknown-word",
        dict(key='values.service_type."業務委託"', value="BPS",
             column=per_lang("委託区分", "Service type"),
             allowed=per_lang("BPO / ITO / KPO", "BPO / ITO / KPO"))),
    "syntax error": (BASE + 'name = "x"\nheader_row = \n', "profile.syntax",
                     dict(line=3, detail="Invalid value")),
    "no kind": ('name = "x"\n', "profile.missing-kind",
                dict(allowed=", ".join(KINDS))),
    "unknown kind": ('kind = "kpi"\n', "profile.unknown-kind",
                     dict(value='"kpi"', allowed=", ".join(KINDS))),
    "a column from a header and a constant": (
        BASE + '[columns]\nvendor_id = "ベンダー"\n[constants]\nvendor_id = "IT-OPS-02"\n',
        "profile.column-twice", dict(key="constants.vendor_id", other="columns.vendor_id")),
    "two columns from one header": (
        BASE + '[columns]\nbudget_jpy = "予算"\nactual_cost_jpy = " 予算　"\n',
        "profile.header-twice",
        dict(key="columns.actual_cost_jpy", other="columns.budget_jpy", value="予算")),
    "a constant the column cannot hold": (
        BASE + '[constants]\nmonth = "先月"\n', "profile.bad-constant",
        dict(key="constants.month", value="先月", column=per_lang("対象月", "Month"))),
}


@pytest.mark.parametrize("case", REFUSALS, ids=list(REFUSALS))
def test_each_mistake_in_a_profile_is_refused_with_one_line_naming_its_key(case):
    text, key, params = REFUSALS[case]
    error = _refusal(text)
    assert (error.key, error.params) == (key, {"source": "techno.toml", **params})
    for lang in ("ja", "en"):
        message = error.message(lang)
        assert "\n" not in message and message.startswith("techno.toml: ")


def test_refusal_messages_read_as_one_clear_line():
    assert _refusal(REFUSALS["scale on a non-number column"][0]).message("en") == (
        "techno.toml: scale.month: “Month” is not a number column, so it takes no scale.")
    assert _refusal(REFUSALS["syntax error"][0]).message("ja") == (
        "techno.toml: 3 行目が TOML として読めません(Invalid value)。")
    assert _refusal(REFUSALS["unknown catalog column"][0]).message("en") == (
        "techno.toml: columns.actual_cost: Monthly KPI report has no such column. "
        "Did you mean: actual_cost_jpy?")


@pytest.mark.parametrize("text,key,value", [
    ('header_row = "4"\n', "header_row", '"4"'), ("header_row = 0\n", "header_row", "0"),
    ('dayfirst = "yes"\n', "dayfirst", '"yes"'), ("name = 3\n", "name", "3"),
    ("[scale]\nactual_cost_jpy = 0\n", "scale.actual_cost_jpy", "0"),
    ("[scale]\nactual_cost_jpy = true\n", "scale.actual_cost_jpy", "true"),
    ('columns = "x"\n', "columns", '"x"'),
    ('[columns]\nmonth = ""\n', "columns.month", '""'),
    ('[values]\naccess_review_done = "yes"\n', "values.access_review_done", '"yes"'),
])
def test_a_value_of_the_wrong_type_is_refused_naming_its_key(text, key, value):
    error = _refusal(BASE + text)
    assert (error.key, error.params["key"], error.params["value"]) == (
        "profile.bad-value", key, value)


def test_every_refusal_of_a_profile_file_writes_nothing_on_either_engine(register_store,
                                                                          tmp_path):
    before = snapshot(register_store)
    for case, (text, key, _) in REFUSALS.items():
        path = write(tmp_path, "techno.toml", text)
        with pytest.raises(ProfileError) as caught:
            profile, body = saved_profiles.from_file(path)
            saved_profiles.save(register_store, profile, body, "ada")
        assert caught.value.key == key, case
    assert_same_state(before, snapshot(register_store))


def test_a_profile_file_that_is_not_utf8_is_refused(tmp_path):
    path = write(tmp_path, "techno.toml", ISSUE_PROFILE.encode("cp932", errors="replace"))
    with pytest.raises(ProfileError) as caught:
        saved_profiles.from_file(path)
    assert caught.value.message("en") == "techno.toml: save the import profile as UTF-8."


def test_a_profile_writes_back_as_toml_that_reads_as_the_same_profile():
    profile = parse(ISSUE_PROFILE, "techno.toml")
    odd = Profile("vendors", 'a "quoted" name\x7f', None, None, True,
                  {"vendor_id": "ID\\番号", "service_type": "区分 (種別)"},
                  {"engagement": "outsourcing"}, {"annual_budget_jpy": 0.5},
                  {"service_type": {"業務 委託": "BPO", "it.ops": "ITO"}})
    for p in (profile, odd):
        assert parse(to_toml(p), "x.toml") == p


# --- found by itself -----------------------------------------------------------------------

def test_a_saved_profile_fits_a_file_whose_header_row_holds_its_headers_after_trimming(
        register_store, tmp_path):
    profile, text = saved_profiles.from_file(write(tmp_path, "techno.toml", ISSUE_PROFILE))
    saved_profiles.save(register_store, profile, text, "ada")
    spaced = [" 報告対象期間", "予算額", "　ご請求額(千円)　", "SLA実績 ", "アクセス権棚卸実施"]
    path = write(tmp_path, "spaced.xlsx", vendor_workbook(OCTOBER, spaced))
    [upload] = load_paths(register_store, [path], user="ada", today=TODAY)
    assert (upload.refused, upload.profile.name) == (False, NAME)
    # beyond spaces, headers match exactly: a full-width ＳＬＡ is another header
    wide = [h.replace("SLA", "ＳＬＡ") for h in HEADERS]
    path = write(tmp_path, "wide.xlsx", vendor_workbook(NOVEMBER, wide))
    [upload] = load_paths(register_store, [path], user="ada", today=TODAY)
    assert (upload.profile, [p.code for p in upload.problems.errors]) == (None, ["unknown-kind"])


def test_two_saved_profiles_fitting_one_file_refuse_it_naming_both(register_store, tmp_path):
    first, text = saved_profiles.from_file(write(tmp_path, "a.toml", ISSUE_PROFILE))
    saved_profiles.save(register_store, first, text, "ada")
    other = ISSUE_PROFILE.replace(f'name = "{NAME}"', 'name = "テクノ 旧様式"').replace(
        "header_row = 4 ", "              ")
    second, text = saved_profiles.from_file(write(tmp_path, "b.toml", other))
    assert second.header_row is None  # found: the row holding its headers
    saved_profiles.save(register_store, second, text, "ada")
    before = snapshot(register_store)
    path = write(tmp_path, "techno.xlsx", vendor_workbook(OCTOBER))
    [upload] = load_paths(register_store, [path], user="ada", today=TODAY)
    [problem] = upload.problems.errors
    assert (problem.code, dict(problem.params)) == (
        "profile-ambiguous", {"profiles": "「テクノ 旧様式」「テクノ運用 月次報告」"})
    assert problem.message("en").startswith(
        "The saved import profiles 「テクノ 旧様式」「テクノ運用 月次報告」 all fit this file")
    assert_same_state(before, snapshot(register_store))


def test_dayfirst_reads_05_10_2026_as_the_profile_says(register_store, tmp_path):
    actions = ("Vendor,Raised,What,Who,Due,State\n"
               "IT-OPS-02,05/10/2026,手順書の整備,情報システム部,12/10/2026,open\n")
    base = ('kind = "actions"\n[columns]\nvendor_id = "Vendor"\nraised_on = "Raised"\n'
            'action = "What"\nowner = "Who"\ndue_on = "Due"\nstatus = "State"\n')
    path = write(tmp_path, "actions.csv", actions)
    for dayfirst, raised, due in (("true", dt.date(2026, 10, 5), dt.date(2026, 10, 12)),
                                  ("false", dt.date(2026, 5, 10), dt.date(2026, 12, 10))):
        profile = parse(f"dayfirst = {dayfirst}\n" + base, "a.toml")
        [upload] = load_paths(register_store, [path], user="ada", today=TODAY,
                              profile=profile)
        assert upload.checked.frame[["raised_on", "due_on"]].iloc[0].dt.date.tolist() == [
            raised, due]


# --- saved profiles: a batch, rolled back, audited, an editor's right ----------------------

def test_saving_replacing_and_removing_are_batches_that_roll_back(register_store, tmp_path):
    store = register_store
    first, text = saved_profiles.from_file(write(tmp_path, "techno.toml", ISSUE_PROFILE))
    assert saved_profiles.save(store, first, text, "ada").batch_id == 2
    assert saved_profiles.save(store, first, text, "ada").batch_id is None  # nothing changed
    changed = text.replace("header_row = 4", "header_row = 5")
    assert saved_profiles.save(store, parse(changed, "t"), changed, "eve").action == "updated"
    assert [(s.name, s.body, s.batch_id) for s in saved_profiles.listing(store)] == [
        (NAME, changed, 3)]
    with pytest.raises(BatchError) as caught:  # the version batch 3 replaced: undo 3 first
        ingest.rollback(store, 2, "root")
    assert caught.value.params == {"batch": 2, "later": 3}
    result = ingest.rollback(store, 3, "root")
    assert (result.removed, result.restored) == (1, 1)
    assert [(s.body, s.batch_id) for s in saved_profiles.listing(store)] == [(text, 2)]
    removed = saved_profiles.remove(store, NAME, "eve")
    assert (removed.batch_id, removed.action, saved_profiles.listing(store)) == (
        4, "removed", [])
    assert (ingest.rollback(store, 4, "root").restored, saved_profiles.find(store, NAME).body
            ) == (1, text)
    log = audit.log(store, "ja")  # (times are to the second: compared as a set)
    assert sorted(log[["who", "event", "what", "detail"]].values.tolist()) == sorted([
        ["root", "取り消し", f"#4 取込プロファイル: {NAME}", ""],
        ["eve", "取込プロファイル削除", f"#4 取込プロファイル: {NAME}", "削除"],
        ["root", "取り消し", f"#3 取込プロファイル: {NAME}", ""],
        ["eve", "取込プロファイル保存", f"#3 取込プロファイル: {NAME}", "更新"],
        ["ada", "取込プロファイル保存", f"#2 取込プロファイル: {NAME}", "新規"],
        ["ada", "取り込み", "#1 委託先台帳: vendors.csv",
         "1 行(新規 1・更新 0・変更なし 0)"]])


def test_removing_a_profile_that_is_saved_again_cannot_be_rolled_back(register_store,
                                                                      tmp_path):
    profile, text = saved_profiles.from_file(write(tmp_path, "techno.toml", ISSUE_PROFILE))
    saved_profiles.save(register_store, profile, text, "ada")
    saved_profiles.remove(register_store, NAME, "ada")  # batch 3
    saved_profiles.save(register_store, profile, text, "ada")  # batch 4
    with pytest.raises(BatchError) as caught:
        ingest.rollback(register_store, 3, "root")
    assert caught.value.params == {"batch": 3, "later": 4}
    with pytest.raises(Exception) as missing:
        saved_profiles.remove(register_store, "なし", "ada")
    assert missing.value.key == "profiles.not-found"


def test_a_viewer_may_not_save_or_remove_a_profile(register_store):
    profile = parse(ISSUE_PROFILE, "techno.toml")
    for write_it in (lambda u: saved_profiles.save(register_store, profile, None, u),
                     lambda u: saved_profiles.remove(register_store, NAME, u)):
        with pytest.raises(AccessDenied):
            write_it(Actor("vic", "viewer"))
    assert saved_profiles.save(register_store, profile, None, Actor("ed", "editor")).batch_id


def test_a_file_read_with_a_profile_rolls_back_like_any_batch(register_store, tmp_path):
    before = snapshot(register_store)
    path = write(tmp_path, "techno.xlsx", vendor_workbook(OCTOBER))
    [upload] = load_paths(register_store, [path], user="ada", today=TODAY,
                          profile=parse(ISSUE_PROFILE, "techno.toml"))
    result = ingest.rollback(register_store, upload.result.batch_id, "root")
    assert (result.removed, result.restored) == (1, 0)
    after = snapshot(register_store)
    assert (after["kpis"].empty, len(after["kpis_history"])) == (True, 1)
    assert after["batch_profiles"].values.tolist() == [[2, NAME]]
    assert pd.Series(after["counts"]).equals(pd.Series(before["counts"]))
