"""Access control: roles enforced in governance (not only by hidden buttons), password
hashing and lock-out, the OIDC role mapping, sign-in through the app with deep links kept,
the audit log, and hostile vendor names rendered as text on every page and in exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import sys

import pytest
from conftest import TODAY, assert_same_state, month_data, snapshot
from streamlit.testing.v1 import AppTest

from governance import access, audit, cli, ingest
from governance.access import AccessConfig, AccessDenied, Actor, Lockout
from governance.ingest import Upload, staging
from governance.reviews import edits, minutes_export
from governance.reviews import minutes as minutes_view
from governance.store import Store
from governance.views import month as risk
from governance.views import score_table as exports
from ui.registry import PAGES, ROOT
from ui.text import md

VIEWER, EDITOR, ADMIN = Actor("vera", "viewer"), Actor("eddie", "editor"), Actor("ada", "admin")
SCRIPT = "<script>alert(1)</script>"
FORMULA = "=cmd|' /C calc'!A0"
TIMEOUT = 30

NEW_VENDOR = (
    "委託先ID,委託先名,委託区分,契約形態,重要度,主管部門,契約開始日,契約終了日,年間予算,取扱情報区分,出口計画更新日\n"
    "V-NEW-01,株式会社しんき運用,ITO,アウトソーシング,中,情報システム部,2026/10/01,,12000000,社内,\n"
)
ACTION_KEY = None  # filled from the demo data


@pytest.fixture
def demo_db(tmp_path, _demo_db) -> Store:
    path = tmp_path / "g.duckdb"
    shutil.copyfile(_demo_db, path)
    return Store(str(path))


def _register(store_or_none=None) -> Upload:
    return Upload("vendors_new.csv", NEW_VENDOR.encode("utf-8"))


def _open_action(store: Store) -> dict:
    actions = store.rows("actions", status="open")
    return edits.key_of("actions", actions.iloc[0])


MEETING = {"vendor_id": "V-ITO-03", "held_on": dt.date(2026, 11, 20),
           "period": dt.date(2026, 10, 1), "attendees": "佐藤", "summary": "確認",
           "decisions": "なし", "assessment": None}


# --- roles and require --------------------------------------------------------------------
def test_roles_include_the_ones_below():
    assert [r for r in access.ROLES if Actor("x", r).can("read")] == ["viewer", "editor",
                                                                      "admin"]
    assert [r for r in access.ROLES if Actor("x", r).can("upload")] == ["editor", "admin"]
    assert [r for r in access.ROLES if Actor("x", r).can("edit")] == ["editor", "admin"]
    assert [r for r in access.ROLES if Actor("x", r).can("rollback")] == ["admin"]
    assert [r for r in access.ROLES if Actor("x", r).can("settings")] == ["admin"]
    with pytest.raises(AccessDenied) as caught:
        access.require(VIEWER, "upload")
    assert caught.value.message("ja").startswith("vera(viewer)には、この操作の権限がありません")
    assert access.require(EDITOR, "upload") is EDITOR


def test_a_plain_name_is_a_trusted_local_admin(monkeypatch):
    monkeypatch.setenv("GOVERNANCE_USER", "nightly-job")
    assert access.actor_of(None) == Actor("nightly-job", "admin")
    assert access.actor_of("ops") == Actor("ops", "admin")
    assert ingest.current_user() == "nightly-job"


# --- each write path refused for a viewer, at function level -------------------------------
def test_a_viewer_cannot_commit_staged_files_and_nothing_is_written(demo_db):
    staged = staging.stage(demo_db, [staging.read("vendors_new.csv",
                                                  NEW_VENDOR.encode("utf-8"))], TODAY)
    assert staged[0].state == staging.READY
    before = snapshot(demo_db)
    with pytest.raises(AccessDenied):
        staging.commit(demo_db, [staged[0].upload], VIEWER, TODAY)
    assert_same_state(before, snapshot(demo_db))
    done = staging.commit(demo_db, [staged[0].upload], EDITOR, TODAY)
    assert done[0].result.batch_id is not None and not done[0].refused
    assert demo_db.batches().iloc[-1]["loaded_by"] == "eddie"


def test_a_viewer_cannot_load_or_commit_a_file(demo_db):
    before = snapshot(demo_db)
    with pytest.raises(AccessDenied):
        ingest.load(demo_db, _register(), VIEWER, TODAY)
    upload = ingest.check(demo_db, ingest.read(_register()), TODAY)
    assert not upload.refused
    with pytest.raises(AccessDenied):
        ingest.commit(demo_db, upload, VIEWER)
    assert_same_state(before, snapshot(demo_db))


@pytest.mark.parametrize("who", [VIEWER, EDITOR], ids=["viewer", "editor"])
def test_only_an_admin_rolls_back(demo_db, who):
    batch = int(demo_db.batches().iloc[-1]["batch_id"])
    before = snapshot(demo_db)
    with pytest.raises(AccessDenied):
        ingest.rollback(demo_db, batch, who)
    assert_same_state(before, snapshot(demo_db))
    result = ingest.rollback(demo_db, batch, ADMIN)
    assert result.batch_id == batch
    row = demo_db.batches().set_index("batch_id").loc[batch]
    assert (row["status"], row["rolled_back_by"]) == ("rolled_back", "ada")


def test_a_viewer_cannot_record_edit_or_close_anything(demo_db):
    key = _open_action(demo_db)
    before = snapshot(demo_db)
    outcomes = [
        edits.record_meeting(demo_db, MEETING, [], VIEWER, TODAY),
        edits.add_action(demo_db, {"vendor_id": "V-ITO-03", "raised_on": TODAY,
                                   "due_on": TODAY, "action": "x", "owner": "y"}, VIEWER,
                         TODAY),
        edits.edit(demo_db, "actions", key, {"owner": "someone"}, VIEWER, TODAY),
        edits.set_action_status(demo_db, key, "done", VIEWER, TODAY),
    ]
    for outcome in outcomes:
        assert not outcome.ok and isinstance(outcome.error, AccessDenied)
        assert not outcome.changed
        assert "権限がありません" in outcome.messages("ja")[0]
    assert_same_state(before, snapshot(demo_db))
    done = edits.set_action_status(demo_db, key, "done", EDITOR, TODAY)
    assert done.ok and done.changed
    assert set(demo_db.record_changes()["changed_by"].tail(2)) == {"eddie"}


def test_the_audit_log_names_who_did_what_newest_first(demo_db):
    edits.set_action_status(demo_db, _open_action(demo_db), "done", EDITOR, TODAY)
    ingest.load(demo_db, _register(), EDITOR, TODAY)
    batch = int(demo_db.batches().iloc[-1]["batch_id"])
    ingest.rollback(demo_db, batch, ADMIN)
    log = audit.log(demo_db, "ja")
    assert list(log.columns) == list(audit.COLUMNS)
    assert list(log["who"][:2]) == ["ada", "eddie"]
    assert list(log["event"][:2]) == ["取り消し", "取り込み"]
    assert log["what"][0] == f"#{batch} 委託先台帳: vendors_new.csv"
    assert log["when"].is_monotonic_decreasing


def test_the_audit_log_is_written_for_people_one_row_per_change(demo_db):
    """A status change and a recorded meeting with one action: one row per record saved,
    fields by their labels, values as the pages write them; no JSON, no column names."""
    edits.set_action_status(demo_db, _open_action(demo_db), "done", EDITOR, TODAY)
    meeting = {**MEETING, "assessment": "amber"}
    action = {"action": "手順書を更新する", "owner": "田中", "due_on": dt.date(2026, 12, 15),
              "risk_axis": "knowledge"}
    assert edits.record_meeting(demo_db, meeting, [action], EDITOR, TODAY).ok
    edits.set_action_status(demo_db, {"vendor_id": "V-ITO-03", "raised_on": MEETING["held_on"],
                                      "action": "手順書を更新する"}, "cancelled", ADMIN, TODAY)
    rows = audit.log(demo_db, "ja").head(4)[["who", "event", "what", "detail"]]
    assert rows.values.tolist() == [
        ["ada", "編集", "#10 対応事項 V-ITO-03 2026/11/20 手順書を更新する", "状況:未完了 → 取消"],
        ["eddie", "新規記録", "#9 対応事項 V-ITO-03 2026/11/20 手順書を更新する",
         "担当者:田中、期限:2026/12/15、状況:未完了、リスク区分:ノウハウ"],
        ["eddie", "新規記録", "#8 進捗確認会議 V-ITO-03 2026/11/20",
         "対象月:2026年10月、出席者:佐藤、議事概要:確認、決定事項:なし、評価:注意"],
        ["eddie", "編集",
         "#7 対応事項 V-BPO-01 2026/08/07 年末調整対応の追加費用について見積根拠を精査する",
         "状況:未完了 → 完了、完了日:— → 2026/11/26"]]
    english = audit.log(demo_db, "en").head(4)["detail"].tolist()
    assert english[0] == "Status: open → cancelled"
    assert english[3] == "Status: open → done; Closed on: — → 2026-11-26"
    ingest.rollback(demo_db, 10, ADMIN)  # an edit undone names where it was made
    log = audit.log(demo_db, "ja")
    assert log[["event", "what"]].iloc[0].tolist() == ["取り消し",
                                                        "#10 対応事項: 画面での記録・編集"]
    text = log.to_string()
    assert "{" not in text and "closed_on" not in text and "app:edit" not in text


def test_the_cli_acts_as_an_admin_named_by_governance_user(demo_db, monkeypatch, capsys):
    monkeypatch.setenv("GOVERNANCE_USER", "batch-operator")
    batch = int(demo_db.batches().iloc[-1]["batch_id"])
    assert cli.main(["rollback", str(batch), "--db", demo_db.target]) == 0
    assert demo_db.batches().set_index("batch_id").loc[batch, "rolled_back_by"] == \
        "batch-operator"


# --- passwords and lock-out ----------------------------------------------------------------
def test_a_password_hash_verifies_only_its_password():
    digest = access.hash_password("correct horse")
    assert digest.startswith("$argon2id$")
    assert access.verify_password(digest, "correct horse")
    assert not access.verify_password(digest, "correct horse ")
    assert not access.verify_password(digest, "")
    assert not access.verify_password("not a hash", "correct horse")
    assert access.hash_password("correct horse") != digest  # salted


def test_hash_password_reads_stdin_and_prints_a_usable_hash(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("s3cret pw\n"))
    assert cli.main(["hash-password"]) == 0
    digest = capsys.readouterr().out.strip()
    assert access.verify_password(digest, "s3cret pw")
    assert not access.verify_password(digest, "s3cret pw\n")


def _password_config(**roles: str) -> tuple[AccessConfig, dict]:
    users = {name: {"password_hash": access.hash_password(f"{name}-pw"), "role": role}
             for name, role in roles.items()}
    secrets = {"access": {"mode": "password", "users": users}}
    return access.parse_config(secrets), secrets


def test_sign_in_gives_the_configured_role_and_refuses_wrong_passwords():
    config, _ = _password_config(vera="viewer", eddie="editor")
    lockout = Lockout(clock=lambda: 0.0)
    assert access.sign_in(config, "vera", "vera-pw", lockout) == Actor("vera", "viewer")
    assert access.sign_in(config, " eddie ", "eddie-pw", lockout) == Actor("eddie", "editor")
    for name, password in (("vera", "eddie-pw"), ("nobody", "x"), ("vera", "")):
        with pytest.raises(AccessDenied) as caught:
            access.sign_in(config, name, password, lockout)
        assert caught.value.key == "error.signin-failed"


def test_five_failures_lock_the_user_for_fifteen_minutes():
    config, _ = _password_config(vera="viewer")
    now = [1000.0]
    lockout = Lockout(clock=lambda: now[0])
    for _ in range(4):
        with pytest.raises(AccessDenied) as caught:
            access.sign_in(config, "vera", "wrong", lockout)
        assert caught.value.key == "error.signin-failed"
    with pytest.raises(AccessDenied) as caught:
        access.sign_in(config, "vera", "wrong", lockout)  # the fifth locks
    assert caught.value.key == "error.locked-out"
    now[0] += 14 * 60 + 59
    with pytest.raises(AccessDenied) as caught:  # the right password, still locked
        access.sign_in(config, "vera", "vera-pw", lockout)
    assert caught.value.key == "error.locked-out"
    assert caught.value.message("ja").endswith("約 1 分後に再度お試しください。")
    now[0] += 1
    assert access.sign_in(config, "vera", "vera-pw", lockout) == Actor("vera", "viewer")
    # released: the count starts again
    for _ in range(4):
        with pytest.raises(AccessDenied):
            access.sign_in(config, "vera", "wrong", lockout)
    assert access.sign_in(config, "vera", "vera-pw", lockout).role == "viewer"


def test_password_config_is_checked():
    assert access.parse_config(None).mode == "none"
    assert access.parse_config({"database": {"url": "x"}}).mode == "none"
    bad = [
        {"access": {"mode": "ldap"}},
        {"access": {"mode": "password"}},
        {"access": {"mode": "password", "users": {"a": {"password_hash": "plain",
                                                        "role": "admin"}}}},
        {"access": {"mode": "password", "users": {"a": {
            "password_hash": access.hash_password("x"), "role": "owner"}}}},
    ]
    for secrets in bad:
        with pytest.raises(access.AccessConfigError):
            access.parse_config(secrets)
    config, _ = _password_config(vera="viewer", ada="admin")
    assert config.roster() == [{"user": "ada", "role": "admin"},
                               {"user": "vera", "role": "viewer"}]
    assert "argon2" not in repr(config.roster())


# --- OIDC role mapping ---------------------------------------------------------------------
OIDC = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback",
                 "cookie_secret": "x" * 32, "client_id": "id", "client_secret": "s",
                 "server_metadata_url": "https://idp.corp.example/.well-known/openid-configuration"},
        "access": {"mode": "oidc", "oidc_roles": {"alice@corp.example": "admin",
                                                  "Bob@Corp.Example": "editor",
                                                  "@corp.example": "viewer",
                                                  "@partner.example": "editor"}}}


def test_oidc_roles_map_exact_addresses_then_domains_and_refuse_the_rest():
    config = access.parse_config(OIDC)
    assert config.mode == "oidc"
    assert config.oidc_role("alice@corp.example") == "admin"
    assert config.oidc_role("ALICE@corp.example") == "admin"
    assert config.oidc_role("bob@corp.example") == "editor"
    assert config.oidc_role("carol@corp.example") == "viewer"
    assert config.oidc_role("dan@partner.example") == "editor"
    assert config.oidc_role("eve@evil.example") is None
    assert config.oidc_role("eve@sub.corp.example") is None
    assert config.oidc_role("corp.example") is None
    assert config.oidc_role(None) is None


def test_oidc_config_is_checked():
    for change in ({"oidc_roles": {}}, {"oidc_roles": {"corp.example": "viewer"}},
                   {"oidc_roles": {"@corp.example": "superuser"}}):
        with pytest.raises(access.AccessConfigError):
            access.parse_config({**OIDC, "access": {**OIDC["access"], **change}})
    with pytest.raises(access.AccessConfigError):  # st.login needs [auth]
        access.parse_config({"access": OIDC["access"]})


# --- through the app ----------------------------------------------------------------------
@pytest.fixture
def app_db(demo_app_db):
    return demo_app_db


def _app(secrets: dict | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    for key, value in params.items():
        at.query_params[key] = value
    return at


def _sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="access_user").input(name)
    at.text_input(key="access_password").input(password)
    [submit] = [b for b in at.button if b.label == "サインイン"]
    return submit.click().run()


def _open(secrets: dict, page: str, name: str, **params: str) -> AppTest:
    at = _app(secrets, **params)
    at.run()
    at.switch_page(f"pages/{page}")
    at.run()
    assert [t.value for t in at.title] == ["サインインしてください"]
    return _sign_in(at, name, f"{name}-pw")


def _all_text(at: AppTest) -> str:
    parts = [m.value for m in (*at.markdown, *at.info, *at.error, *at.warning, *at.caption,
                               *at.title, *at.subheader)]
    return "\n".join(str(p) for p in parts)


def test_without_secrets_the_local_admin_is_shown_as_such(app_db):
    at = _app()
    at.run()
    assert not at.exception
    assert "ローカル利用(認証なし)・管理者" in [c.value.split(" ", 1)[-1]
                                             for c in at.sidebar.caption]


def test_a_shared_link_asks_to_sign_in_then_opens_that_view(app_db):
    _, secrets = _password_config(vera="viewer")
    at = _app(secrets, vendor="V-ITO-01", month="2026-10")
    at.run()
    at.switch_page("pages/vendor.py")
    at.run()
    assert not at.exception
    assert not at.header  # nothing of the page before signing in
    _sign_in(at, "vera", "wrong")
    assert [e.value for e in at.error] == ["ユーザー名またはパスワードが違います。"]
    assert not at.header
    _sign_in(at, "vera", "vera-pw")
    assert not at.exception
    assert at.header[0].value == "V-ITO-01  東都システムソリューションズ株式会社"
    assert at.query_params["vendor"] == "V-ITO-01"
    assert md("vera(閲覧者)") in "\n".join(c.value for c in at.sidebar.caption)
    [out] = [b for b in at.sidebar.button if b.label == "サインアウト"]
    out.click().run()
    assert [t.value for t in at.title] == ["サインインしてください"]


def test_a_viewer_on_upload_gets_no_uploader_and_no_rollback(app_db):
    _, secrets = _password_config(vera="viewer")
    at = _open(secrets, "upload.py", "vera")
    assert not at.exception
    assert len(at.get("file_uploader")) == 0
    assert not [b for b in at.button if str(b.key).startswith("rollback_")]
    assert "閲覧者は参照のみです" in _all_text(at)


def test_an_editor_on_upload_may_load_but_not_roll_back(app_db):
    _, secrets = _password_config(eddie="editor")
    at = _open(secrets, "upload.py", "eddie")
    assert not at.exception
    assert len(at.get("file_uploader")) == 1
    assert not [b for b in at.button if str(b.key).startswith("rollback_")]


def test_an_admin_sees_rollback_and_settings_but_no_password_hash(app_db):
    _, secrets = _password_config(ada="admin", vera="viewer")
    at = _open(secrets, "upload.py", "ada")
    assert [b for b in at.button if str(b.key).startswith("rollback_")]
    at.switch_page("pages/settings.py")
    at.run()
    assert not at.exception and not at.error
    users = at.dataframe[0].value
    assert list(users.iloc[:, 0]) == ["ada", "vera"]
    assert list(users.iloc[:, 1]) == ["管理者", "閲覧者"]
    calibration = at.dataframe[1].value
    first = calibration.iloc[0]  # the measure flagging most vendors in 2026-10
    assert (first["指標"], first["注意(社)"], first["要対応(社)"], first["警告の割合"]) == (
        "出口計画経過月数", 2, 1, 21.4)
    assert list(first["過去12か月(警告した社数)"]) == [1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 3]
    assert "認証方式: パスワード" in [c.value for c in at.caption]  # the mode in words
    log = at.dataframe[2].value
    assert len(log) == 6 and set(log.iloc[:, 1]) == {"demo"}  # the demo files
    assert "argon2" not in _all_text(at) + users.to_string()


def test_only_an_admin_gets_the_demo_removal_and_it_lands_in_the_audit_log(app_db):
    _, secrets = _password_config(ada="admin", eddie="editor", vera="viewer")
    for name in ("vera", "eddie"):
        at = _open(secrets, "upload.py", name)
        assert not at.exception
        assert not [b for b in at.button if str(b.key).startswith("demo_remove")], name
    at = _open(secrets, "upload.py", "ada")
    assert not at.exception
    at.button(key="demo_remove_panel").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [md(
        "デモデータを削除しました: 委託先台帳 14 行 / 月次KPI報告 334 行 / 進捗確認会議 42 行 / "
        "対応事項 31 行 / 契約台帳 15 行 / 再委託先 6 行。取り消したバッチ: 1, 2, 3, 4, 5, 6。")]
    store = Store(str(app_db))
    assert store.counts() == {"vendors": 0, "kpis": 0, "reviews": 0, "actions": 0,
                              "tickets": 0, "contracts": 0, "subcontractors": 0}
    assert store.batches()["rolled_back_by"].tolist() == ["ada"] * 6
    assert not [b for b in at.button if str(b.key).startswith("demo_remove")]
    assert "デモデータを表示しています" not in _all_text(at)
    at.switch_page("pages/settings.py")
    at.run()
    log = at.dataframe[1].value  # no month, so no calibration table: users, then the log
    assert log.iloc[0, 1:4].tolist() == ["ada", "デモデータ削除", "demo"]


def test_a_viewer_reaching_settings_is_told_and_shown_nothing(app_db):
    _, secrets = _password_config(vera="viewer")
    at = _open(secrets, "settings.py", "vera")
    assert not at.exception
    assert [e.value for e in at.error] == [
        "vera(viewer)には、この操作の権限がありません(settings)。必要な場合は管理者に依頼してください。"]
    assert len(at.dataframe) == 0


def test_a_viewer_on_reviews_cannot_record_or_change_anything(app_db):
    _, secrets = _password_config(vera="viewer")
    at = _open(secrets, "reviews.py", "vera", vendor="V-ITO-03", month="2026-10")
    assert not at.exception
    assert at.get("selectbox") is not None
    at.session_state["tab_reviews"] = "会議を記録"  # the form's tab, as a click opens it
    at.run()
    assert not at.exception
    assert not [b for b in at.button if "_done_" in str(b.key) or "_cancel_" in str(b.key)]
    assert not at.get("form_submit_button") or not [
        b for b in at.button if b.label in ("会議を記録する", "保存", "対応事項を追加")]
    assert not [w for w in at.text_input if str(w.key).startswith("rf_")]
    assert "閲覧者は参照のみです" in _all_text(at)


def test_an_editor_on_reviews_gets_the_forms(app_db):
    _, secrets = _password_config(eddie="editor")
    at = _open(secrets, "reviews.py", "eddie", vendor="V-ITO-03", month="2026-10")
    assert not at.exception
    at.session_state["tab_reviews"] = "会議を記録"  # the form's tab, as a click opens it
    at.run()
    assert [w for w in at.text_input if str(w.key).startswith("rf_")]
    assert "閲覧者は参照のみです" not in _all_text(at)


def test_a_viewer_whose_callback_fires_anyway_is_refused_by_governance(app_db):
    """If a stale button of an editor's session fired for a viewer, governance refuses."""
    store = Store(str(app_db))
    key = _open_action(store)
    before = snapshot(store)
    outcome = edits.set_action_status(store, key, "done", VIEWER)
    assert isinstance(outcome.error, AccessDenied)
    with pytest.raises(AccessDenied):
        ingest.rollback(store, int(store.batches().iloc[-1]["batch_id"]), VIEWER)
    assert_same_state(before, snapshot(store))


# --- hostile vendor names: text on every page and in every export ----------------------------
@pytest.fixture
def hostile_db(app_db):
    store = Store(str(app_db))
    text = (ROOT / "data" / "demo" / "vendors.csv").read_text("utf-8-sig")
    text = text.replace("株式会社さくらビジネスサービス", SCRIPT)
    text = text.replace("東都システムソリューションズ株式会社", f'"{FORMULA}"')
    upload = ingest.load(store, Upload("vendors_hostile.csv", text.encode("utf-8")),
                         ADMIN, TODAY)
    assert not upload.refused, upload.summary("en")
    names = dict(store.table("vendors")[["vendor_id", "vendor_name"]].values)
    assert (names["V-BPO-01"], names["V-ITO-01"]) == (SCRIPT, FORMULA)
    return store


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_hostile_vendor_names_render_as_text_on_every_page(hostile_db, spec):
    params = {"vendor": "V-BPO-01", "month": "2026-10"}
    at = _app(**params)
    at.run()
    at.switch_page(f"pages/{spec.file}")
    at.run()
    assert not at.exception, at.exception
    for element in (*at.markdown, *at.caption, *at.info, *at.error, *at.header,
                    *at.subheader, *at.title):
        value = str(element.value)
        if element.proto.allow_html if hasattr(element.proto, "allow_html") else False:
            assert "<script" not in value and "alert(1)" not in value, value
        if "alert(1)" in value:
            assert "<script>" not in value and md(SCRIPT) in value, value
        if "calc" in value:
            assert FORMULA not in value, value


def test_the_vendor_page_shows_the_hostile_name_escaped(hostile_db):
    at = _app(vendor="V-BPO-01", month="2026-10")
    at.run()
    at.switch_page("pages/vendor.py")
    at.run()
    assert at.header[0].value == f"V-BPO-01  {md(SCRIPT)}"


def _csv_cells(data: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data)) for cell in row]


def test_exports_neutralise_the_formula_name(hostile_db):
    month = risk.month_of("2026-10")
    rows = [exports.score_row(r, "ja") for r in risk.scores(hostile_db, month)]
    out = io.StringIO()
    exports.write_csv(out, rows)
    cells = _csv_cells(out.getvalue())
    assert "'" + FORMULA in cells and FORMULA not in cells
    assert SCRIPT in cells  # plain text in a CSV: not executable there

    minutes = minutes_view.minutes(month_data(hostile_db, month))
    cells = _csv_cells(minutes_export.to_csv(minutes, "ja").decode("utf-8-sig"))
    assert "'" + FORMULA in cells and FORMULA not in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@")]


# --- OIDC and configuration through the app -------------------------------------------------
def test_oidc_asks_to_sign_in_then_maps_the_address_to_a_role(app_db):
    at = _app(OIDC)
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["サインインしてください"]
    assert [b.label for b in at.button] == ["サインイン"]  # st.login on click
    at.user = {"is_logged_in": True, "email": "Carol@corp.example", "name": "Carol"}
    at.switch_page("pages/upload.py")
    at.run()
    assert not at.exception
    assert len(at.get("file_uploader")) == 0  # a viewer by the domain rule
    assert md("carol@corp.example(閲覧者)") in "\n".join(c.value for c in at.sidebar.caption)


def test_oidc_refuses_an_address_no_rule_names(app_db):
    at = _app(OIDC)
    at.user = {"is_logged_in": True, "email": "eve@evil.example"}
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "eve@evil.example にはこのダッシュボードの利用権限がありません。管理者に依頼してください。"]
    assert not at.metric and not at.title  # nothing of the overview


def test_the_example_secrets_file_parses():
    import tomllib

    with open(ROOT / ".streamlit" / "secrets.example.toml", "rb") as f:
        config = access.parse_config(tomllib.load(f))
    assert config.mode == "password"
    assert config.roster() == [{"user": "sato", "role": "admin"},
                               {"user": "watanabe", "role": "viewer"}]
