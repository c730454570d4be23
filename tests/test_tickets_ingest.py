"""Ticket exports as ServiceNow writes them: loaded through the CLI and recognised on
/upload by their headers, an event log reduced to each incident's latest row, overlapping
monthly exports replacing per ticket number, the date forms and their day/month order, the
register's resolver groups, and bad input refused row by row with nothing written. Both
engines where a store is involved."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
import xlsxwriter
from conftest import AFTER_DEMO, TODAY, assert_same_state, snapshot
from test_ingest_cli import run
from ticket_files import HEADER, IGNORED, Incident, event_log

from governance import ingest
from governance.i18n import t
from governance.ingest import Upload, load, staging
from governance.ingest.readers import read_table
from governance.ingest.validate import validate

REGISTER = (
    "vendor_id,vendor_name,service_type,engagement,criticality,owner,contract_start,"
    "contract_end,annual_budget_jpy,data_access,exit_plan_updated,resolver_groups\n"
    "V-ITO-10,東都運用サービス株式会社,ITO,outsourcing,medium,情報システム部,2024-04-01,,"
    "120000000,internal,2026-06-01,Group 56; Group 57\n")
FEB = dt.datetime(2016, 2, 29, 1, 16)
EXPORT = event_log([
    Incident("INC0000045", "Group 56", FEB, FEB + dt.timedelta(hours=10), updates=4),
    Incident("INC0000046", "Group 57", FEB + dt.timedelta(hours=3), None, updates=2),
    Incident("INC0000047", "Group 99", FEB + dt.timedelta(days=1),
             FEB + dt.timedelta(days=2), "false", 1, "1 - Critical", updates=1)])


def problems(upload) -> list[tuple]:
    return sorted(p.as_tuple() for p in upload.problems.errors)


def notes(rows: int, kept: int) -> list[str]:
    lines = [t("ingest.warning", "en", message=t("problem.ignored-column", "en", value=c,
                                                 hint="").strip()) for c in IGNORED]
    return [*lines, t("ingest.warning", "en", message=t(
        "problem.latest-rows", "en", key="number", rows=f"{rows:,}", kept=f"{kept:,}"))]


@pytest.mark.parametrize("kind", [["--kind", "tickets"], []], ids=["kind", "detected"])
def test_a_servicenow_event_log_loads_through_the_cli(store, tmp_path, kind):
    (tmp_path / "vendors.csv").write_text(REGISTER, encoding="utf-8")
    (tmp_path / "incident.csv").write_text(EXPORT, encoding="utf-8")
    assert run("ingest", tmp_path / "vendors.csv", db=store.target).returncode == 0
    done = run("ingest", tmp_path / "incident.csv", *kind, db=store.target)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [
        t("ingest.loaded", "en", file="incident.csv", kind="Tickets", batch=2, inserted=3,
          replaced=0, unchanged=0), *notes(7, 3),
        t("service.unassigned", "en", groups="1", tickets="1")]  # INC0000047, Group 99
    stored = store.table("tickets").drop(columns="batch_id")
    first = stored.iloc[0].to_dict()
    assert first == {
        "ticket_number": "INC0000045", "state": "Closed", "priority": "3",
        "assignment_group": "Group 56", "opened_at": pd.Timestamp("2016-02-29 01:16"),
        "resolved_at": pd.Timestamp("2016-02-29 11:16"),
        "closed_at": pd.Timestamp("2016-03-03 11:16"), "made_sla": True, "reopen_count": 0,
        "reassignment_count": 0, "update_count": 3,
        "updated_at": pd.Timestamp("2016-02-29 11:16")}
    assert stored["ticket_number"].tolist() == ["INC0000045", "INC0000046", "INC0000047"]
    assert stored["resolved_at"].isna().tolist() == [False, True, False]
    assert stored["priority"].tolist() == ["3", "3", "1"]
    again = run("ingest", tmp_path / "incident.csv", db=store.target)
    assert again.stdout.splitlines() == [
        t("ingest.nothing-to-change", "en", file="incident.csv", batches="2"),
        t("service.unassigned", "en", groups="1", tickets="1")]


def test_the_upload_page_recognises_a_ticket_export_by_its_headers(app_db):
    from test_pages import run as page
    from test_upload_page import press

    from ui.text import md

    at = page("upload.py")
    at.file_uploader(key="upload_files").set_value(
        [("incident.csv", EXPORT.encode(), "text/csv")]).run()
    assert not at.exception and not at.error
    assert at.success[0].value == t("upload.ready", "ja", rows="7")
    press(at, "このファイルを取り込む")
    assert not at.exception and not at.error
    assert at.success[0].value.startswith(md(
        f"incident.csv: チケットを取り込みました(バッチ {AFTER_DEMO}): 新規 3 件、"
        "更新 0 件、変更なし 0 件。"))


def test_staging_detects_tickets_from_servicenow_headers():
    staged = staging.read("incident.csv", EXPORT.encode())
    assert staged.detected == "tickets"


def table(text: str, **options) -> pd.DataFrame:
    checked = validate(read_table(text.encode()), "tickets", today=TODAY, **options)
    assert checked.ok, [(p.as_tuple(), p.message("en")) for p in checked.problems.errors]
    return checked


def test_an_event_log_keeps_the_highest_sys_mod_count_then_the_latest_update_then_the_last():
    checked = table(
        "number,sys_mod_count,sys_updated_at,opened_at,incident_state\n"
        "A,1,1/3/2016 10:00,29/2/2016 09:00,first\n"
        "A,3,1/3/2016 09:00,29/2/2016 09:00,highest count, earlier update\n"
        "A,3,1/3/2016 11:00,29/2/2016 09:00,highest count, latest update\n"
        "A,2,2/3/2016 11:00,29/2/2016 09:00,later update, lower count\n"
        "B,?,?,29/2/2016 09:00,no count\n"
        "B,?,?,29/2/2016 09:00,no count, last\n"
        "C,0,1/3/2016 08:00,29/2/2016 09:00,alone\n".replace(", ", " - "))
    assert checked.frame["state"].tolist() == ["highest count - latest update",
                                               "no count - last", "alone"]
    assert checked.rows.tolist() == [4, 7, 8]  # the rows as the user sees them
    plain = table("number,opened_at,incident_state\nA,29/2/2016 09:00,one\n"
                  "A,29/2/2016 09:00,two\nB,29/2/2016 09:00,three\n")
    assert plain.frame["state"].tolist() == ["two", "three"]  # neither column: the last


def test_overlapping_monthly_exports_replace_per_ticket_and_roll_back_exactly(store):
    march = event_log([Incident("INC1", "Group 56", dt.datetime(2016, 3, 30, 9)),
                       Incident("INC2", "Group 56", dt.datetime(2016, 3, 2, 9),
                                dt.datetime(2016, 3, 3, 9))])
    april = event_log([Incident("INC1", "Group 56", dt.datetime(2016, 3, 30, 9),
                                dt.datetime(2016, 4, 2, 9), updates=5),
                       Incident("INC3", "Group 56", dt.datetime(2016, 4, 5, 9))])
    first = load(store, Upload("march.csv", march.encode()))
    second = load(store, Upload("april.csv", april.encode()))
    result = second.result
    assert (result.batch_id, result.inserted, result.replaced, result.unchanged) == (2, 1, 1, 0)
    stored = store.table("tickets").set_index("ticket_number")
    assert stored.loc["INC1", "resolved_at"] == pd.Timestamp("2016-04-02 09:00")
    assert stored["batch_id"].to_dict() == {"INC1": 2, "INC2": 1, "INC3": 2}
    again = load(store, Upload("april-again.csv", april.encode()))
    assert again.result.nothing_changed and again.result.holders == (2,)
    ingest.rollback(store, 2, "ada")
    stored = store.table("tickets").set_index("ticket_number")
    assert sorted(stored.index) == ["INC1", "INC2"] and first.result.batch_id == 1
    assert pd.isna(stored.loc["INC1", "resolved_at"]) and stored.loc["INC1", "batch_id"] == 1


@pytest.mark.parametrize(("cells", "expected"), [
    (("2016-02-29T01:16:00", "2016-03-01 14:05"), ("2016-02-29 01:16", "2016-03-01 14:05")),
    (("2016/02/29 1:16", "2016/3/1 14:05:30"), ("2016-02-29 01:16", "2016-03-01 14:05:30")),
    (("29/2/2016 01:16", "1/3/2016 14:05"), ("2016-02-29 01:16", "2016-03-01 14:05")),
    (("2/29/2016 1:16 AM", "3/1/2016 2:05 PM"), ("2016-02-29 01:16", "2016-03-01 14:05")),
    (("42429.05277777778", "42430.58680555555"), ("2016-02-29 01:16", "2016-03-01 14:05")),
], ids=["iso", "year-first", "day-first", "month-first-12h", "excel-serial"])
def test_the_date_forms_of_ticket_tools_load(cells, expected):
    checked = table("number,opened_at\n" + "".join(f"INC{i},{c}\n" for i, c in enumerate(cells)))
    assert checked.frame["opened_at"].tolist() == [pd.Timestamp(e) for e in expected]


def test_excel_date_cells_load_as_the_times_they_show():
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet()
    stamp = book.add_format({"num_format": "yyyy/mm/dd hh:mm"})
    sheet.write_row(0, 0, ["number", "opened_at", "resolved_at"])
    sheet.write_row(1, 0, ["INC1"])
    sheet.write_datetime(1, 1, dt.datetime(2016, 2, 29, 1, 16), stamp)
    sheet.write_datetime(1, 2, dt.datetime(2016, 3, 1, 0, 0), stamp)
    book.close()
    checked = validate(read_table(out.getvalue(), "incident.xlsx"), "tickets", today=TODAY)
    assert checked.ok
    assert checked.frame[["opened_at", "resolved_at"]].iloc[0].tolist() == [
        pd.Timestamp("2016-02-29 01:16"), pd.Timestamp("2016-03-01")]


AMBIGUOUS = "number,opened_at\nINC1,3/4/2016 10:00\nINC2,5/6/2016 11:00\n"


def test_a_column_ambiguous_in_every_row_is_refused_unless_the_order_is_given():
    checked = validate(read_table(AMBIGUOUS.encode()), "tickets", today=TODAY)
    assert [p.as_tuple() for p in checked.problems.errors] == [
        (2, "opened_at", "ambiguous-date")]  # one problem for the column
    assert checked.problems.errors[0].message("en") == t(
        "problem.ambiguous-date", "en", count="2")
    assert table(AMBIGUOUS, dayfirst=True).frame["opened_at"].tolist() == [
        pd.Timestamp("2016-04-03 10:00"), pd.Timestamp("2016-06-05 11:00")]
    assert table(AMBIGUOUS, dayfirst=False).frame["opened_at"].tolist() == [
        pd.Timestamp("2016-03-04 10:00"), pd.Timestamp("2016-05-06 11:00")]


def test_the_order_one_date_column_shows_settles_the_file_s_other_date_columns():
    checked = table("number,opened_at,resolved_at\nINC1,3/4/2016 10:00,29/4/2016 11:00\n")
    assert checked.frame[["opened_at", "resolved_at"]].iloc[0].tolist() == [
        pd.Timestamp("2016-04-03 10:00"), pd.Timestamp("2016-04-29 11:00")]


BAD = (HEADER + "\n"
       "INC1,New,true,0,0,0,true,Caller 1,?,29/2/2016 01:20,Group 56,3 - Moderate,true,?,?\n"
       "INC2,Closed,false,0,0,4,true,Caller 1,29/2/2016 09:00,29/2/2016 09:00,Group 56,"
       "3 - Moderate,true,28/2/2016 23:00,1/3/2016 09:00\n"
       "INC3,Closed,false,0,0,4,maybe,Caller 1,29/2/2016 09:00,29/2/2016 09:00,Group 56,"
       "3 - Moderate,true,29/2/2016 10:00,1/3/2016 09:00\n"
       "INC4,New,true,0,0,0,true,Caller 1,31/2/2016 09:00,29/2/2016 01:20,Group 56,"
       "2 - High,true,?,?\n")


def test_bad_ticket_rows_are_refused_row_by_row_and_nothing_is_written(store):
    assert not load(store, Upload("vendors.csv", REGISTER.encode())).refused
    before = snapshot(store)
    upload = load(store, Upload("incident.csv", BAD.encode()))
    assert problems(upload) == [
        (2, "opened_at", "required"),  # "?": no opened time
        (3, "resolved_at", "before-opened"),
        (4, "made_sla", "invalid-boolean"),
        (5, "opened_at", "invalid-datetime")]  # 31 February
    assert_same_state(before, snapshot(store))


def test_a_ticket_file_without_a_number_is_refused_with_nothing_written(store):
    before = snapshot(store)
    upload = load(store, Upload("incident.csv", b"opened_at,assignment_group\n"
                                                b"29/2/2016 01:16,Group 56\n", kind="tickets"))
    assert problems(upload) == [(1, "チケット番号", "missing-column")]
    assert_same_state(before, snapshot(store))


def test_a_resolver_group_belongs_to_one_vendor():
    register = REGISTER + REGISTER.splitlines()[1].replace("V-ITO-10", "V-ITO-11").replace(
        "Group 56; Group 57", "Group 58;group 57 ") + "\n"
    checked = validate(read_table(register.encode()), "vendors", today=TODAY)
    assert [p.as_tuple() for p in checked.problems.errors] == [
        (3, "resolver_groups", "group-taken")]
    assert checked.problems.errors[0].message("en") == t(
        "problem.group-taken", "en", detail="group 57", other=2)
