"""Configuration fails closed: secrets and environment are read in one place
(``governance.settings``), and anything unusable stops the app — one message naming the
setting and the file, no page, no data — or the command (exit 2), never a fallback to
"no sign-in" or to another database."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
import streamlit as st
from conftest import ROOT
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from governance import access, settings
from governance.errors import ConfigError
from governance.store import Store

TIMEOUT = 30
BROKEN_TOML = '[access]\nmode = "password"\n[access.users.sato\npassword_hash = "x"\n'


# --- the settings module ------------------------------------------------------------------
def test_a_secrets_file_that_is_not_toml_names_the_file_and_the_line(tmp_path):
    path = tmp_path / "secrets.toml"
    path.write_text(BROKEN_TOML, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        settings.read_secrets([tmp_path / "missing.toml", path])
    assert caught.value.key == "error.config-toml"
    assert caught.value.exit_code == 2
    message = caught.value.message("en")
    assert message.startswith(f"The secrets file {path} is not valid TOML: ")
    assert "line 3" in message


def test_secrets_files_merge_later_over_earlier_and_name_what_was_read(tmp_path):
    home, here = tmp_path / "home.toml", tmp_path / "here.toml"
    home.write_text('[database]\nurl = "home.duckdb"\n[access]\nmode = "none"\n')
    here.write_text('[database]\nurl = "here.duckdb"\n')
    assert settings.read_secrets([home, tmp_path / "none.toml", here]) == (
        {"database": {"url": "here.duckdb"}, "access": {"mode": "none"}}, f"{home}, {here}")
    assert settings.read_secrets([tmp_path / "none.toml"]) == ({}, ".streamlit/secrets.toml")


@pytest.mark.parametrize("secrets, key", [
    ({"database": {"url": 5}}, "error.config-database"),
    ({"database": {"path": "x.duckdb"}}, "error.config-database"),
    ({"database": "x.duckdb"}, "error.config-database"),
    ({"access": "password"}, "error.access-config"),
    ({"access": {"mode": "password", "users": {"sato": "admin"}}}, "error.access-config"),
    ({"access": {"mode": "passwd"}}, "error.access-config"),
])
def test_unusable_secrets_raise_a_config_error_naming_the_file(secrets, key):
    with pytest.raises(ConfigError) as caught:
        settings.load(secrets, "/etc/app/secrets.toml", environ={})
    assert caught.value.key == key
    assert "/etc/app/secrets.toml" in caught.value.message("ja")
    assert "/etc/app/secrets.toml" in caught.value.message("en")


def test_the_database_comes_from_secrets_then_the_environment():
    env = {"GOVERNANCE_DB": "env.duckdb"}
    assert settings.load({"database": {"url": " s.duckdb "}}, environ=env).database == "s.duckdb"
    assert settings.load({}, environ=env).database == "env.duckdb"
    found = settings.load(None, environ={})
    assert (found.database, found.access.mode) == (None, "none")


@pytest.mark.parametrize("name, value", [
    ("GOVERNANCE_BUSY_TIMEOUT", "ten"), ("GOVERNANCE_BUSY_TIMEOUT", "-1"),
    ("GOVERNANCE_BUSY_TIMEOUT", "nan"), ("GOVERNANCE_BUSY_TIMEOUT", "inf"),
    ("GOVERNANCE_MAX_UPLOAD_MB", "0"), ("GOVERNANCE_MAX_UPLOAD_MB", "20MB"),
])
def test_an_unusable_number_in_the_environment_names_the_variable(name, value):
    with pytest.raises(ConfigError) as caught:
        settings.environment({name: value})
    assert caught.value.key == "error.config-number"
    assert caught.value.message("en").startswith(
        f"The environment variable {name} is “{value}”; it must be a number of at least")


def test_the_environment_is_read_with_its_defaults():
    env = settings.environment({"GOVERNANCE_BUSY_TIMEOUT": "2.5", "GOVERNANCE_MAX_UPLOAD_MB": "5",
                                "GOVERNANCE_LOG_DIR": "/var/log/gov", "GOVERNANCE_USER": " "})
    assert (env.busy_timeout, env.max_upload_bytes, str(env.log_dir), env.user) == (
        2.5, 5 * 1024 * 1024, "/var/log/gov", None)
    assert settings.environment({}) == settings.Environment()


def test_a_store_refuses_an_unusable_busy_timeout(monkeypatch, tmp_path):
    monkeypatch.setenv("GOVERNANCE_BUSY_TIMEOUT", "soon")
    with pytest.raises(ConfigError):
        Store(str(tmp_path / "g.duckdb"))


# --- the app: a broken configuration shows one message and no data ------------------------
@pytest.fixture
def secrets_file(tmp_path):
    """The file the app reads its secrets from (Streamlit's ``secrets.files``), as when
    ``.streamlit/secrets.toml`` sits in the directory the app is started from."""
    path = tmp_path / ".streamlit" / "secrets.toml"
    path.parent.mkdir()
    saved = st_config.get_option("secrets.files")
    st_config.set_option("secrets.files", [str(path)])
    st.secrets._reset()
    yield path
    st_config.set_option("secrets.files", saved)
    st.secrets._reset()


def _run(page: str | None = None, secrets: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    at.run()
    if page:
        at.switch_page(f"pages/{page}")
        at.run()
    return at


def _shows_only(at: AppTest, message: str) -> None:
    """The closed app: that error and the note to fix it, nothing of any page."""
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [message]
    assert [c.value for c in at.main.caption] == [
        "設定を直してからアプリを再起動してください。それまでデータは表示しません。"]
    assert not at.sidebar.caption  # not even "local user, administrator"
    for kind in ("title", "header", "subheader", "metric", "dataframe", "info", "markdown",
                 "text_input", "button", "selectbox", "vega_lite_chart"):
        assert not at.get(kind), kind


def test_a_malformed_secrets_file_closes_the_app(demo_app_db, secrets_file):
    secrets_file.write_text(BROKEN_TOML, encoding="utf-8")
    at = _run()
    [error] = at.error
    assert error.value.startswith(
        f"秘密設定ファイル {secrets_file} の書式(TOML)に誤りがあります: ")
    assert "line 3" in error.value
    _shows_only(at, error.value)
    # the navigation holds the closed page only: no URL leads to a page with data
    for page in ("overview.py", "upload.py", "settings.py"):
        with pytest.raises(ValueError, match=r"Known pages: \['委託先ガバナンス ダッシュボード'\]"):
            at.switch_page(f"pages/{page}")


def test_a_readable_secrets_file_opens_the_app(demo_app_db, secrets_file):
    secrets_file.write_text('[access]\nmode = "none"\n', encoding="utf-8")
    at = _run()
    assert not at.exception and not at.error
    assert at.metric  # the overview


def test_a_database_setting_without_a_url_does_not_switch_to_another_database(demo_app_db,
                                                                              secrets_file):
    secrets_file.write_text('[database]\nurll = "postgresql://db/gov"\n', encoding="utf-8")
    at = _run()
    _shows_only(at, f"{secrets_file} の [database] には url(postgresql://… またはファイルの"
                    "パス)を文字列で指定してください。")


def test_a_broken_access_table_opens_nothing(demo_app_db):
    at = _run(secrets={"access": {"mode": "password", "users": {
        "a": {"password_hash": "secret", "role": "admin"}}}})
    [error] = at.error
    assert error.value.endswith(" の [access] 設定に誤りがあります: access.users.a: password_hash")
    _shows_only(at, error.value)


def test_an_unusable_environment_variable_closes_the_app(demo_app_db, monkeypatch):
    monkeypatch.setenv("GOVERNANCE_MAX_UPLOAD_MB", "lots")
    at = _run()
    _shows_only(at, "環境変数 GOVERNANCE_MAX_UPLOAD_MB の値「lots」は使えません。"
                    "1 以上の数を指定してください。")


# --- the command line ---------------------------------------------------------------------
def _cli(cwd, *args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "GOVERNANCE_DB"}
    environ.update(PYTHONPATH=str(ROOT), HOME=str(cwd), **env)
    return subprocess.run([sys.executable, "-m", "governance", *args, "--lang", "en"],
                          cwd=cwd, env=environ, capture_output=True, text=True, timeout=120)


def test_the_cli_stops_on_a_malformed_secrets_file_when_it_needs_the_database(tmp_path):
    (tmp_path / ".streamlit").mkdir()
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    secrets.write_text(BROKEN_TOML, encoding="utf-8")
    done = _cli(tmp_path, "batches")
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert line.startswith(f"The secrets file {secrets} is not valid TOML: ")
    assert not (tmp_path / "data").exists()  # no default database created instead
    done = _cli(tmp_path, "template", "kpis", "-o", str(tmp_path / "t.csv"))
    assert done.returncode == 0, done.stderr  # a template needs no database


def test_the_cli_writes_where_the_app_reads(tmp_path, _demo_db):
    (tmp_path / ".streamlit").mkdir()
    app_db = tmp_path / "app.duckdb"
    shutil.copyfile(_demo_db, app_db)
    (tmp_path / ".streamlit" / "secrets.toml").write_text(
        f'[database]\nurl = "{app_db}"\n', encoding="utf-8")
    done = _cli(tmp_path, "batches", GOVERNANCE_DB=str(tmp_path / "other.duckdb"))
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.strip().splitlines()) == 1 + 6  # header and the demo's 6 files
    assert not (tmp_path / "other.duckdb").exists()


def test_the_cli_names_an_unusable_environment_variable(tmp_path):
    done = _cli(tmp_path, "batches", "--db", str(tmp_path / "g.duckdb"),
                GOVERNANCE_BUSY_TIMEOUT="10s")
    assert done.returncode == 2
    assert done.stderr.strip() == ("The environment variable GOVERNANCE_BUSY_TIMEOUT is “10s”; "
                                   "it must be a number of at least 0.")


def test_the_example_secrets_file_is_usable_settings():
    found, source = settings.read_secrets([ROOT / ".streamlit" / "secrets.example.toml"])
    config = settings.load(found, source, environ={})
    assert config.access.mode == "password"
    assert access.parse_config(found).roster()[0] == {"user": "sato", "role": "admin"}
