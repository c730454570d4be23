"""``python -m governance`` as scripts run it: exit codes, one summary line per file, the
report of a refused file, and never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import duckdb
import pytest
from conftest import ROOT, TODAY, assert_same_state, snapshot

from governance.catalog import KINDS
from governance.i18n import t
from governance.ingest import load_paths
from governance.store import Store, migrations

DEMO = ROOT / "data" / "demo"


def run(*args: object, db=None, lang: str | None = "en") -> subprocess.CompletedProcess:
    argv = [sys.executable, "-m", "governance", *map(str, args)]
    if db is not None:
        argv += ["--db", str(db)]
    if lang is not None:
        argv += ["--lang", lang]
    env = {**os.environ, "GOVERNANCE_USER": "cli-user", "GOVERNANCE_BUSY_TIMEOUT": "1"}
    if db is not None:
        env["GOVERNANCE_DB"] = str(db)
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    assert "Traceback" not in done.stdout, done.stdout
    return done


@pytest.fixture
def db(tmp_path):
    return tmp_path / "g.duckdb"


def loaded(file: str, kind: str, batch: int, inserted: int, replaced: int = 0,
           unchanged: int = 0, lang: str = "en") -> str:
    return t("ingest.loaded", lang, file=file, kind=KINDS[kind].label(lang), batch=batch,
             inserted=inserted, replaced=replaced, unchanged=unchanged)


def refused(file: str, summary: str, lang: str = "en") -> str:
    return t("problems.refused", lang, file=file, summary=summary)


def test_ingest_prints_one_summary_line_per_file_and_loads_the_register_first(db):
    done = run("ingest", DEMO / "kpis.csv", DEMO / "vendors.csv", db=db)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [loaded("kpis.csv", "kpis", 2, 334),
                                        loaded("vendors.csv", "vendors", 1, 14)]
    store = Store(str(db))
    assert store.counts() == {"vendors": 14, "kpis": 334, "reviews": 0, "actions": 0,
                              "tickets": 0, "contracts": 0, "subcontractors": 0}
    assert store.batches()["loaded_by"].tolist() == ["cli-user", "cli-user"]


def test_ingest_of_a_refused_file_exits_1_prints_the_report_and_writes_nothing(demo_store,
                                                                             tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes("委託先ID,対象月,予算額,実績額\r\nV-BPO-01,2026/10,百,1\r\n"
                    "V-BPO-99,2026/10,1,1\r\n".encode("cp932"))
    before = snapshot(demo_store)
    done = run("ingest", bad, db=demo_store.target)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == refused("bad.csv", t("problems.summary", "en", problems=2, rows=2))
    assert lines[1].split("\t") == ["  Row", "Column", "Value", "Problem"]
    assert lines[2].split("\t") == ["  2", "予算額", "百", t("problem.invalid-integer", "en")]
    assert lines[3].split("\t")[:3] == ["  3", "委託先ID", "V-BPO-99"]
    assert lines[3].split("\t")[3] == t("problem.unknown-vendor", "en", hint=t(
        "hint.did-you-mean", "en", candidates="V-BPO-05 / V-BPO-04 / V-BPO-03"))
    assert len(lines) == 4
    assert_same_state(before, snapshot(demo_store))
    # the report is in Japanese by default
    done = run("ingest", bad, db=demo_store.target, lang=None)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == refused(
        "bad.csv", t("problems.summary", "ja", problems=2, rows=2), "ja")
    assert_same_state(before, snapshot(demo_store))


def test_ingest_of_several_files_exits_1_if_any_was_refused_but_loads_the_good_ones(
        demo_store, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\x01\x02")
    good = tmp_path / "good.csv"
    good.write_bytes("委託先ID,対象月,予算額,実績額\r\nV-BPO-01,2026/10,1,1\r\n".encode())
    done = run("ingest", bad, good, db=demo_store.target)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0].startswith("bad.csv: ")
    assert t("problem.binary-content", "en") in lines[0]
    assert loaded("good.csv", "kpis", 7, 0, replaced=1) in lines
    assert demo_store.batches()["batch_id"].tolist() == [1, 2, 3, 4, 5, 6, 7]


def test_ingest_of_a_missing_file_exits_2_and_loads_nothing_else(demo_store, tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes("委託先ID,対象月,予算額,実績額\r\nV-BPO-01,2026/10,1,1\r\n".encode())
    before = snapshot(demo_store)
    done = run("ingest", good, tmp_path / "nope.csv", db=demo_store.target)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.strip() == t("error.file-not-found", "en", path=tmp_path / "nope.csv")
    assert_same_state(before, snapshot(demo_store))


@pytest.mark.parametrize("args", [
    ("ingest", "x.csv", "--kind", "invoices"),
    ("ingest", "x.csv", "--frobnicate"),
    ("rollback", "three"),
    ("template", "kpis", "--format", "pdf", "-o", "t.pdf"),
], ids=lambda a: " ".join(a))
def test_a_bad_option_exits_2_with_usage_and_no_traceback(args, tmp_path):
    done = run(*args, db=tmp_path / "g.duckdb")
    assert done.returncode == 2
    assert "usage:" in done.stderr
    assert not (tmp_path / "g.duckdb").exists()


def test_batches_lists_the_import_history(demo_store):
    done = run("batches", db=demo_store.target)
    assert done.returncode == 0
    lines = [line.split("\t") for line in done.stdout.splitlines()]
    assert lines[0] == ["batch_id", "kind", "file_name", "rows_total", "rows_inserted",
                        "rows_replaced", "rows_unchanged", "loaded_by", "loaded_at", "status"]
    assert [(r[0], r[1], r[2], r[3], r[7], r[9]) for r in lines[1:]] == [
        ("1", "vendors", "vendors.csv", "14", "demo", "committed"),
        ("2", "kpis", "kpis.csv", "334", "demo", "committed"),
        ("3", "reviews", "reviews.csv", "42", "demo", "committed"),
        ("4", "actions", "actions.csv", "31", "demo", "committed"),
        ("5", "contracts", "contracts.csv", "15", "demo", "committed"),
        ("6", "subcontractors", "subcontractors.csv", "6", "demo", "committed"),
    ]


def test_batches_on_an_empty_database_says_so(db):
    done = run("batches", db=db)
    assert (done.returncode, done.stdout.strip()) == (0, t("batches.empty", "en"))


def test_rollback_undoes_a_batch_and_refuses_what_cannot_be_undone(demo_store):
    done = run("rollback", 4, db=demo_store.target)
    assert (done.returncode, done.stdout.strip()) == (
        0, t("rollback.done", "en", batch=4, removed=31, restored=0))
    assert demo_store.counts()["actions"] == 0
    assert demo_store.batches()["status"].tolist()[3] == "rolled_back"
    assert demo_store.batches()["rolled_back_by"].tolist()[3] == "cli-user"

    before = snapshot(demo_store)
    done = run("rollback", 4, db=demo_store.target)
    assert (done.returncode, done.stdout, done.stderr.strip()) == (
        1, "", t("error.batch-not-active", "en", batch=4))
    done = run("rollback", 1, db=demo_store.target)
    assert done.returncode == 1
    assert done.stderr.strip() == t("error.vendor-in-use", "en", batch=1, ids=", ".join(
        [f"V-BPO-0{i}" for i in range(1, 6)] + [f"V-ITO-0{i}" for i in range(1, 6)]))
    done = run("rollback", 77, db=demo_store.target, lang="ja")
    assert (done.returncode, done.stderr.strip()) == (
        1, t("error.batch-not-found", "ja", batch=77))
    assert_same_state(before, snapshot(demo_store))


def test_demo_loads_the_four_demo_files_and_a_second_run_changes_nothing(db):
    done = run("demo", db=db)
    assert done.returncode == 0
    assert len(done.stdout.splitlines()) == 6
    assert done.stdout.splitlines()[0] == loaded("vendors.csv", "vendors", 1, 14)
    store = Store(str(db))
    before = snapshot(store)
    done = run("demo", db=db)
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        t("ingest.nothing-to-change", "en", file=f"{k}.csv", batches=str(i))
        for i, k in enumerate(["vendors", "kpis", "reviews", "actions", "contracts",
                               "subcontractors"], start=1)]
    assert_same_state(before, snapshot(store))


DEMO_ROWS = ("Vendor register: 14 rows / Monthly KPI report: 334 rows / "
             "Review meetings: 42 rows / Action items: 31 rows / Contract register: 15 rows / "
             "Sub-contractors: 6 rows")


def test_demo_remove_takes_the_demo_out_and_a_second_run_finds_nothing(demo_store):
    done = run("demo", "--remove", db=demo_store.target)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [
        f"Demo data removed: {DEMO_ROWS}. Batches rolled back: 1, 2, 3, 4, 5, 6."]
    assert demo_store.counts() == {"vendors": 0, "kpis": 0, "reviews": 0, "actions": 0,
                                   "tickets": 0, "contracts": 0, "subcontractors": 0}
    batches = demo_store.batches()
    assert batches["status"].tolist() == ["rolled_back"] * 6
    assert batches["rolled_back_by"].tolist() == ["cli-user"] * 6
    done = run("demo", "--remove", db=demo_store.target, lang=None)
    assert (done.returncode, done.stdout, done.stderr) == (
        0, "削除するデモデータはありません。\n", "")
    done = run("demo", db=demo_store.target)  # loading it again is still possible
    assert done.stdout.splitlines()[0] == loaded("vendors.csv", "vendors", 7, 14)


def test_demo_remove_exits_1_and_names_the_demo_vendors_a_user_recorded_on(demo_store):
    from governance.reviews import edits

    assert edits.record_meeting(demo_store, dict(
        vendor_id="V-ITO-03", held_on="2026-11-20", period="2026-10-01", summary="確認"),
        [], "yamada", TODAY).ok
    done = run("demo", "--remove", db=demo_store.target)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines() == [
        "Demo data removed: Vendor register: 13 rows / Monthly KPI report: 334 rows / "
        "Review meetings: 42 rows / Action items: 31 rows / Contract register: 15 rows / "
        "Sub-contractors: 6 rows. Batches rolled back: 2, 3, 4, 5, 6.",
        t("demo.kept", "en", ids="V-ITO-03")]
    assert demo_store.counts() == {"vendors": 1, "kpis": 0, "reviews": 1, "actions": 0,
                                   "tickets": 0, "contracts": 0, "subcontractors": 0}


def test_loading_a_register_into_a_database_with_the_demo_says_how_to_remove_it(
        demo_store, tmp_path):
    register = tmp_path / "real.csv"
    register.write_bytes(("委託先ID,委託先名,委託区分,契約形態,重要度,主管部門,契約開始日,"
                          "契約終了日,年間予算,取扱情報区分,出口計画更新日\r\n"
                          "R-01,本州ロジスティクス株式会社,BPO,アウトソーシング,高,物流部,"
                          "2025/04/01,,60000000,社内,\r\n").encode("cp932"))
    done = run("ingest", register, db=demo_store.target)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[0] == loaded("real.csv", "vendors", 7, 1)
    assert done.stdout.splitlines()[-1] == (
        f"This database still holds demo data ({DEMO_ROWS}). To remove it so that it does "
        "not mix with your data: python -m governance demo --remove")
    assert demo_store.counts()["vendors"] == 15  # loaded: the hint is advice, not a refusal


@pytest.mark.parametrize("fmt", ["csv", "csv-cp932", "xlsx"])
def test_a_template_written_by_the_cli_with_examples_loads_back_through_ingest(tmp_path, fmt):
    db = tmp_path / "g.duckdb"
    load_paths(Store(str(db)), [DEMO / "vendors.csv"])
    path = tmp_path / ("kpis.xlsx" if fmt == "xlsx" else "kpis.csv")
    done = run("template", "kpis", "--format", fmt, "--example", "-o", path, lang="ja")
    assert (done.returncode, done.stdout.strip()) == (
        0, t("template.written", "ja", kind=KINDS["kpis"].label("ja"), path=path))
    done = run("ingest", path, db=db)
    assert (done.returncode, done.stdout.splitlines()) == (0, [loaded(path.name, "kpis", 2, 3)])


def test_a_database_from_a_newer_version_exits_2_with_a_clear_message(db):
    Store(str(db)).schema_version()
    with duckdb.connect(str(db)) as con:
        con.execute("INSERT INTO governance.schema_migrations VALUES (?, 'future', "
                    "current_timestamp)", [migrations.LATEST + 1])
    done = run("batches", db=db)
    assert done.returncode == 2
    assert done.stderr.strip() == t("error.schema-too-new", "en", found=migrations.LATEST + 1,
                                    supported=migrations.LATEST)


def test_a_database_path_that_cannot_be_opened_exits_2(tmp_path):
    done = run("batches", db=tmp_path)  # a directory
    assert done.returncode == 2
    assert done.stderr.startswith(
        t("error.database", "en", target=tmp_path, detail="").strip())


def test_a_huge_refused_cell_is_cut_in_the_report(tmp_path, db):
    path = tmp_path / "kpis_huge.csv"
    huge = "V" * 1_000_000
    path.write_text(f"vendor_id,month,budget_jpy,actual_cost_jpy\n{huge},2026-10,1,1\n",
                    encoding="utf-8")
    done = run("ingest", path, db=db)
    assert done.returncode == 1
    assert len(done.stdout) < 2_000  # not the megabyte back on the terminal
    shown = "V" * 200 + "… (+999,800)"
    assert [line.split("\t")[2] for line in done.stdout.splitlines()[2:]] == [shown, shown]


def test_an_internal_error_is_logged_with_its_traceback_and_the_file_named(
        tmp_path, monkeypatch, capsys):
    from governance import cli

    def broken(args):
        raise RuntimeError("something nobody foresaw")

    monkeypatch.setitem(cli.COMMANDS, "batches", broken)
    monkeypatch.setenv("GOVERNANCE_LOG_DIR", str(tmp_path / "logs"))
    url = "postgresql://gov:topsecret@db.example/governance"
    assert cli.main(["batches", "--db", url, "--lang", "en"]) == 3
    [line] = capsys.readouterr().err.splitlines()
    [log] = (tmp_path / "logs").iterdir()
    assert line == f"An internal error occurred (RuntimeError); the details are in {log}."
    text = log.read_text(encoding="utf-8")
    assert text.startswith("python -m governance batches --db "
                           "postgresql://gov:***@db.example/governance --lang en\n")
    assert "Traceback (most recent call last)" in text
    assert text.rstrip().endswith("RuntimeError: something nobody foresaw")
    assert "topsecret" not in text
    assert oct(log.stat().st_mode & 0o777) == "0o600"
