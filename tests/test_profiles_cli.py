"""``python -m governance ingest --profile`` and ``profiles add|list|show|export|remove`` as
scripts run them, on both engines: one line per outcome, a bad profile one line naming its
key (exit 2), never a traceback."""

from __future__ import annotations

from test_ingest_cli import loaded, run
from test_profiles import ISSUE_PROFILE, NAME, NOVEMBER, OCTOBER, REGISTER, vendor_workbook

from governance.i18n import t
from governance.store import Store


def files(tmp_path) -> dict:
    paths = {"register": tmp_path / "vendors.csv", "profile": tmp_path / "techno.toml",
             "october": tmp_path / "techno_2026-10.xlsx",
             "november": tmp_path / "techno_2026-11.xlsx"}
    paths["register"].write_text(REGISTER, encoding="utf-8")
    paths["profile"].write_text(ISSUE_PROFILE, encoding="utf-8")
    paths["october"].write_bytes(vendor_workbook(OCTOBER))
    paths["november"].write_bytes(vendor_workbook(NOVEMBER))
    return paths


def via(line: str, lang: str = "en") -> str:
    return t("ingest.via-profile", lang, line=line, profile=NAME)


def test_ingest_with_a_profile_loads_and_without_it_is_refused_with_a_hint(store, tmp_path):
    db, path = store.target, files(tmp_path)
    done = run("ingest", path["register"], path["october"], db=db)
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1] == t("profiles.hint", "en")
    done = run("ingest", path["october"], "--profile", path["profile"], db=db)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [via(loaded("techno_2026-10.xlsx", "kpis", 2, 1))]
    row = Store(db).table("kpis").iloc[0]
    assert (row.actual_cost_jpy, row.sla_attainment_pct, row.access_review_done) == (
        12_345_000, 98.2, True)


def test_profiles_add_then_a_plain_ingest_of_next_month_uses_it(store, tmp_path):
    db, path = store.target, files(tmp_path)
    assert run("ingest", path["register"], db=db).returncode == 0
    done = run("profiles", "add", path["profile"], db=db)
    assert (done.returncode, done.stdout.splitlines()) == (0, [
        t("profiles.saved", "en", name=NAME, action="new", batch=2)])
    done = run("profiles", "add", path["profile"], db=db, lang="ja")
    assert done.stdout.splitlines() == [t("profiles.unchanged", "ja", name=NAME)]
    done = run("ingest", path["november"], db=db)
    assert (done.returncode, done.stdout.splitlines()) == (0, [
        via(loaded("techno_2026-11.xlsx", "kpis", 3, 1))])
    done = run("profiles", "list", db=db)
    [line] = done.stdout.splitlines()
    assert line.split("\t")[:3] == [NAME, "Monthly KPI report", "2"]
    assert line.endswith("\t報告対象期間 / ご請求額(千円) / SLA実績")
    assert run("profiles", "show", NAME, db=db).stdout == ISSUE_PROFILE
    out = tmp_path / "exported.toml"
    done = run("profiles", "export", NAME, "-o", out, db=db)
    assert (done.returncode, out.read_text(encoding="utf-8")) == (0, ISSUE_PROFILE)
    assert done.stdout.splitlines() == [t("profiles.exported", "en", name=NAME, path=out)]
    batches = run("batches", db=db).stdout.splitlines()
    assert [b.split("\t")[:3] for b in batches[1:]] == [
        ["1", "vendors", "vendors.csv"], ["2", "profiles", NAME],
        ["3", "kpis", "techno_2026-11.xlsx"]]


def test_profiles_remove_is_a_batch_that_rolls_back(store, tmp_path):
    db, path = store.target, files(tmp_path)
    run("profiles", "add", path["profile"], db=db)
    done = run("profiles", "remove", NAME, db=db)
    assert (done.returncode, done.stdout.splitlines()) == (0, [
        t("profiles.removed", "en", name=NAME, batch=2)])
    assert run("profiles", "list", db=db).stdout.splitlines() == [t("profiles.none", "en")]
    done = run("profiles", "show", NAME, db=db)
    assert (done.returncode, done.stderr.strip()) == (1, t("profiles.not-found", "en",
                                                           name=NAME))
    assert run("rollback", "2", db=db).returncode == 0
    assert run("profiles", "show", NAME, db=db).stdout == ISSUE_PROFILE


def test_a_bad_profile_is_one_line_naming_its_key_and_exit_2(store, tmp_path):
    db, path = store.target, files(tmp_path)
    bad = tmp_path / "bad.toml"
    bad.write_text(ISSUE_PROFILE.replace("[scale]", "[scale]\nmonth = 12"), encoding="utf-8")
    for args in (("profiles", "add", bad), ("ingest", path["october"], "--profile", bad)):
        done = run(*args, db=db)
        assert (done.returncode, done.stdout, done.stderr) == (2, "", (
            "bad.toml: scale.month: “Month” is not a number column, so it takes no "
            "scale.\n"))
    bad.write_text('kind = "kpis"\n[columns\nmonth = "年月"\n', encoding="utf-8")
    done = run("profiles", "add", bad, db=db, lang="ja")
    assert (done.returncode, done.stderr) == (2, (
        "bad.toml: 2 行目が TOML として読めません(Expected ']' at the end of a table "
        "declaration)。\n"))
    done = run("ingest", path["october"], "--profile", path["profile"], "--kind", "kpis",
               db=db)
    assert (done.returncode, done.stderr.strip()) == (2, t("profiles.kind-and-profile", "en"))
    assert Store(db).batches().empty
