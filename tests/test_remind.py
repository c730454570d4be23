"""``python -m governance remind`` (issue 19): the digest of what falls due, each line with
vendor, contract and date; ``--send`` delivers each owner their vendors' lines through a
real SMTP server started here (aiosmtpd), in Japanese and UTF-8; a server that cannot be
reached is one line and exit 2, and the password never shows."""

from __future__ import annotations

import email
import email.policy
import json
import os
import socket
from pathlib import Path

import pytest
from conftest import TODAY

from governance import cli, ingest
from governance.ingest import Upload
from governance.store import Store

REGISTER = ("委託先ID,委託先名,委託区分,契約形態,重要度,主管部門,契約開始日,契約終了日,年間予算,"
            "取扱情報区分,法人番号,主管部門メール\r\n"
            "V-1,東都システム株式会社,ITO,アウトソーシング,高,情報システム部,2022/04/01,,1000,"
            "機密,,joho@example.co.jp\r\n"
            "V-2,さくら人事株式会社,BPO,アウトソーシング,低,人事部,2022/04/01,,1000,個人情報,,"
            "jinji@example.co.jp\r\n"
            "V-3,みなと経理株式会社,BPO,アウトソーシング,中,経理部,2022/04/01,,1000,社内,,\r\n")
CONTRACTS = ("契約番号,委託先ID,契約件名,契約開始日,契約終了日,契約金額,当初契約金額,契約類型,"
             "契約方式,入札者数,自動更新,解約予告日数\r\n"
             # auto-renewing: notice deadline 2027-03-31 − 90 days = 2026-12-31
             "K-1,V-1,令和6年度 基幹システム運用保守業務,2024/04/01,2027/03/31,1000,,準委任,"
             "一般競争契約（総合評価）,3,はい,90\r\n"
             # not renewing: decision date 2027-01-31 − 60 days = 2026-12-02, ends in window
             "K-2,V-2,給与計算業務委託,2025/02/01,2027/01/31,1000,,準委任,随意契約（企画競争）,"
             "2,いいえ,60\r\n")
KPIS = ("委託先ID,対象月,予算額,実績額\r\n"
        "V-1,2026年10月,1000,1000\r\nV-3,2026年10月,1000,1000\r\n")
REVIEWS = ("開催日,委託先ID,対象月,議事概要\r\n"
           "2026/10/06,V-1,2026年9月,定例\r\n2026/07/10,V-3,2026年6月,定例\r\n"
           "2026/09/15,V-2,2026年8月,定例\r\n")
ACTIONS = ("委託先ID,起票日,対応内容,担当者,期限,状況,完了日\r\n"
           "V-2,2026/10/01,再委託先の承認手続を完了する,鈴木,2026/11/20,未完了,\r\n")


def _load(store: Store, *files: tuple[str, str]) -> None:
    for name, text in files:
        upload = ingest.load(store, Upload(name, text.encode()), "tester", TODAY)
        assert not upload.refused, upload.problems.summary("en")


@pytest.fixture
def loaded(tmp_path) -> Store:
    store = Store(str(tmp_path / "g.duckdb"))
    _load(store, ("r.csv", REGISTER), ("c.csv", CONTRACTS), ("k.csv", KPIS),
          ("m.csv", REVIEWS), ("a.csv", ACTIONS))
    return store


def remind(capsys, store: Store, *args: str) -> tuple[int, str, str]:
    code = cli.main(["remind", "--db", store.target, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def items(capsys, store: Store, as_of: str, window: int = 90) -> list[tuple]:
    code, out, err = remind(capsys, store, "--as-of", as_of, "--window-days", str(window),
                            "--format", "json")
    assert (code, err) == (0, "")
    return [(i["section"], i["date"], i["vendor_id"], i["subject_id"])
            for i in json.loads(out)["items"] if i["section"] in ("notice", "ending")]


def test_an_auto_renewing_contracts_notice_deadline_is_listed_inside_the_window_only(
        store, capsys):
    _load(store, ("r.csv", REGISTER), ("c.csv", CONTRACTS))
    notice = ("notice", "2026-12-31", "V-1", "K-1")
    assert notice in items(capsys, store, "2026-11-26")
    assert notice in items(capsys, store, "2026-12-31", window=0)  # the day itself
    assert notice not in items(capsys, store, "2026-09-01")  # window ends 2026-11-30
    assert notice not in items(capsys, store, "2027-01-01")  # passed
    assert items(capsys, store, "2026-11-26", window=30) == [  # to 2026-12-26
        ("notice", "2026-12-02", "V-2", "K-2")]
    assert items(capsys, store, "2026-11-26") == [
        ("notice", "2026-12-02", "V-2", "K-2"), ("notice", "2026-12-31", "V-1", "K-1"),
        ("ending", "2027-01-31", "V-2", "K-2")]


def test_the_digest_names_vendor_contract_and_date_on_every_line(loaded, capsys):
    code, out, err = remind(capsys, loaded, "--as-of", "2026-11-26")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "# 期限のお知らせ(2026/11/26 から 90 日)", "",
        "## 解約予告期限・更新判断日 (2)",
        "- 2026/12/02(あと 6 日)更新判断日 — V-2 さくら人事株式会社 — K-2 給与計算業務委託",
        "- 2026/12/31(あと 35 日)解約予告期限 — V-1 東都システム株式会社 — K-1 "
        "令和6年度 基幹システム運用保守業務", "",
        "## 契約終了 (1)",
        "- 2027/01/31(あと 66 日)契約終了 — V-2 さくら人事株式会社 — K-2 給与計算業務委託", "",
        "## 期限超過の対応事項 (1)",
        "- 2026/11/20 期限(6 日超過)— V-2 さくら人事株式会社 — 再委託先の承認手続を完了する"
        "(担当: 鈴木)", "",
        "## 進捗確認の遅れ (2)",
        "- 2026/10/10 が期限(最終 2026/07/10、重要度中: 3か月ごと)— V-3 みなと経理株式会社",
        "- 2026/11/06 が期限(最終 2026/10/06、重要度高: 1か月ごと)— V-1 東都システム株式会社",
        "",
        "## 未提出の月次報告 (1)",
        "- 2026年10月 の月次KPI報告が未提出 — V-2 さくら人事株式会社", ""]


@pytest.fixture
def smtp_server():
    """A real SMTP server on a free local port, keeping what it receives."""
    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self) -> None:
            self.envelopes = []

        async def handle_DATA(self, server, session, envelope):
            self.envelopes.append(envelope)
            return "250 OK"

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield controller, inbox
    finally:
        controller.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def mail_env(monkeypatch, tmp_path):
    """No secrets files but those a test writes (HOME and the working directory are
    temporary), the sender set."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GOVERNANCE_MAIL_FROM", "governance@example.co.jp")
    return monkeypatch


def test_send_delivers_each_owner_their_vendors_lines_in_japanese(loaded, capsys, mail_env,
                                                                   smtp_server):
    controller, inbox = smtp_server
    mail_env.setenv("GOVERNANCE_SMTP_URL", f"smtp://127.0.0.1:{controller.port}")
    code, out, err = remind(capsys, loaded, "--as-of", "2026-11-26", "--send")
    assert (code, err) == (0, "")
    assert out.splitlines()[-2:] == [
        "2 通のメールを送信しました: jinji@example.co.jp, joho@example.co.jp",
        "主管部門メールのない委託先(送信していません): V-3"]
    assert [e.rcpt_tos for e in inbox.envelopes] == [["jinji@example.co.jp"],
                                                     ["joho@example.co.jp"]]
    messages = [email.message_from_bytes(e.content, policy=email.policy.default)
                for e in inbox.envelopes]
    assert [m["Subject"] for m in messages] == [
        "【委託先ガバナンス】期限のお知らせ 2026/11/26(4 件)",
        "【委託先ガバナンス】期限のお知らせ 2026/11/26(2 件)"]
    assert {m["From"] for m in messages} == {"governance@example.co.jp"}
    assert [m.get_content_charset() for m in messages] == ["utf-8", "utf-8"]
    jinji, joho = (m.get_content() for m in messages)
    assert "K-2 給与計算業務委託" in jinji and "V-1" not in jinji and "V-3" not in jinji
    assert ("- 2026/12/31(あと 35 日)解約予告期限 — V-1 東都システム株式会社 — K-1 "
            "令和6年度 基幹システム運用保守業務") in joho.splitlines()
    assert "V-2" not in joho


def test_an_unreachable_mail_server_is_one_line_and_exit_2(loaded, capsys, mail_env):
    port = _free_port()  # nothing listens there
    mail_env.setenv("GOVERNANCE_SMTP_URL", f"smtp://127.0.0.1:{port}")
    code, _, err = remind(capsys, loaded, "--as-of", "2026-11-26", "--send")
    assert code == 2
    assert err.splitlines() == [f"メールサーバー 127.0.0.1:{port} に接続できません"
                                "(Connection refused)。"]


def test_the_password_is_never_printed(loaded, capsys, mail_env, smtp_server):
    controller, inbox = smtp_server
    secrets = Path(".streamlit")
    secrets.mkdir()
    (secrets / "secrets.toml").write_text('[smtp]\nuser = "mailer"\npassword = "s3cret-Pw"\n',
                                          encoding="utf-8")
    mail_env.setenv("GOVERNANCE_SMTP_URL", f"smtp://127.0.0.1:{controller.port}")
    code, out, err = remind(capsys, loaded, "--as-of", "2026-11-26", "--send")
    # this server offers no STARTTLS, so the password is not sent in the clear at all
    assert code == 2 and inbox.envelopes == []
    assert err.startswith(f"メールサーバー 127.0.0.1:{controller.port} への送信が"
                          "途中で失敗しました")
    assert "s3cret-Pw" not in out + err
    logs = Path(os.environ["GOVERNANCE_LOG_DIR"]).glob("*.log")
    assert all("s3cret-Pw" not in p.read_text(encoding="utf-8") for p in logs)


@pytest.mark.parametrize("url, expected", [
    (None, "メール送信には環境変数 GOVERNANCE_SMTP_URL の設定が必要です。"),
    ("http://mail.example.co.jp", "GOVERNANCE_SMTP_URL「http://mail.example.co.jp」は使えません。"),
    ("smtp://user:pw@mail.example.co.jp:25", "GOVERNANCE_SMTP_URL「smtp://***@mail.example"
                                             ".co.jp:25」は使えません。"),
])
def test_unusable_mail_settings_stop_before_anything_is_sent(loaded, capsys, mail_env, url,
                                                             expected):
    if url:
        mail_env.setenv("GOVERNANCE_SMTP_URL", url)
    else:
        mail_env.delenv("GOVERNANCE_SMTP_URL", raising=False)
    code, out, err = remind(capsys, loaded, "--send")
    assert (code, out) == (2, "")
    assert err.startswith(expected) and "pw@" not in err
