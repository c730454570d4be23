"""/reviews through AppTest on the demo data: record a meeting with the form and see it
listed, quick status changes, a refused form, and meeting mode from agenda to minutes."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from governance.report.pdf import pdf_problem
from governance.reviews import edits
from governance.store import Store
from tests.test_pages import open_tab, run


def _button(at, label: str, key_part: str = ""):
    return next(b for b in at.button if b.label == label and key_part in str(b.key))


def _frames(at) -> list[pd.DataFrame]:
    out = []
    for d in at.dataframe:
        value = d.value
        out.append(value.data if hasattr(value, "data") else value)
    return out


def test_recording_a_meeting_with_the_form_lists_it(app_db):
    at = run("reviews.py", vendor="V-ITO-03", month="2026-10")
    assert not at.exception
    assert not [w for w in at.text_input if str(w.key).startswith("rf_")]  # a lazy tab
    open_tab(at, "tab_reviews", "会議を記録")
    assert at.selectbox(key="rf_vendor_id_0").value == "V-ITO-03"  # the vendor in the URL
    at.date_input(key="rf_held_on_0").set_value(dt.date(2026, 11, 20))
    at.text_input(key="rf_attendees_0").input("佐藤、渡辺")
    at.text_area(key="rf_summary_0").input("10月分の月次報告が未提出。督促済み。")
    at.text_area(key="rf_decisions_0").input("11月27日までに提出させる。")
    at.text_input(key="rf_a0_0").input("10月分報告の受領を確認する")
    at.text_input(key="rf_o0_0").input("渡辺")
    at.date_input(key="rf_d0_0").set_value(dt.date(2026, 11, 27))
    _button(at, "記録する", "rf_form").click()
    at.run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        "V-ITO-03 ネクスト・アプリケーションズ株式会社 の会議を記録しました(バッチ 7, 8)。"]
    assert at.session_state["tab_reviews"] == "会議を記録"  # the form's tab stays open
    open_tab(at, "tab_reviews", "記録一覧")
    meetings = _frames(at)[1]  # the meetings that reviewed the month
    assert meetings[["開催日", "議事概要"]].astype(str).values.tolist() == [
        ["2026-11-20", "10月分の月次報告が未提出。督促済み。"]]
    assert {m.label: m.value for m in at.metric}["2026年10月を確認した会議"] == "1"
    stored = Store(str(app_db)).rows("actions", vendor_id="V-ITO-03")
    assert "10月分報告の受領を確認する" in stored["action"].tolist()
    open_tab(at, "tab_reviews", "変更履歴")
    history = _frames(at)[-1]
    assert ("summary" not in history.columns) and "議事概要" in history["項目"].tolist()
    period = history[history["項目"] == "対象月"].iloc[0]  # values as the pages write them
    assert (period["変更前"], period["変更後"]) == ("—", "2026年10月")


def test_a_form_that_breaks_a_rule_is_refused_and_says_why(app_db):
    at = open_tab(run("reviews.py", vendor="V-ITO-03", month="2026-10"), "tab_reviews",
                  "会議を記録")
    at.text_area(key="rf_summary_0").input("確認した。")
    at.text_input(key="rf_a0_0").input("期限が起票日より前")
    at.text_input(key="rf_o0_0").input("渡辺")
    at.date_input(key="rf_d0_0").set_value(dt.date(2020, 1, 1))
    _button(at, "記録する", "rf_form").click()
    at.run()
    assert not at.exception
    today = f"{dt.date.today():%Y-%m-%d}"
    assert [e.value for e in at.error] == [
        f"対応事項 1 行目 ― 期限:期限が起票日({today})より前です。"]
    assert Store(str(app_db)).counts()["reviews"] == 42


def test_quick_status_marks_an_action_done_today(app_db):
    at = run("reviews.py", vendor="V-ITO-03", month="2026-10")
    assert {m.label: m.value for m in at.metric}["期限超過の対応事項"] == "2"
    first = _frames(at)[0].iloc[0]
    at.button(key="lq_done_0").click()
    at.run()
    assert not at.exception
    assert next(s.value for s in at.success).startswith("対応事項を完了にしました")
    action = Store(str(app_db)).rows("actions", vendor_id="V-ITO-03",
                                     action=first["対応内容"]).iloc[0]
    assert (action["status"], action["closed_on"].date()) == ("done", dt.date.today())
    assert {m.label: m.value for m in at.metric}["期限超過の対応事項"] == "1"
    changes = edits.history(Store(str(app_db)), "V-ITO-03")
    assert changes[["field", "old_value", "new_value"]].values.tolist()[-1] == [
        "status", "open", "done"]


def test_meeting_mode_walks_the_agenda_and_produces_the_minutes(app_db):
    at = run("reviews.py", mode="meeting", month="2026-10", held="2026-11-20")
    assert not at.exception
    agenda = _frames(at)[0]
    assert agenda["委託先"].tolist()[:4] == [  # names end in "…" where the column ends
        "V-KPO-01  株式会社インサイトア…", "V-BPO-01  株式会社さくらビジネ…",
        "V-ITO-01  東都システムソリュー…", "V-BPO-04  株式会社アオバスタッ…"]
    assert at.query_params.get("step") is None

    at = run("reviews.py", mode="meeting", month="2026-10", held="2026-11-20",
             step="V-ITO-03")
    assert at.header[0].value == "V-ITO-03  ネクスト・アプリケーションズ株式会社"
    at.text_area(key="mf_V-ITO-03_summary_0").input("報告書の未提出が続いている。")
    at.text_area(key="mf_V-ITO-03_decisions_0").input("提出期限を契約で明確にする。")
    _button(at, "記録して次へ", "mf_V-ITO-03").click()
    at.run()
    assert not at.exception
    assert at.query_params["step"] == "V-BPO-05"  # the next vendor on the agenda
    assert at.header[0].value == "V-BPO-05  株式会社ミライ総務サービス"
    stored = Store(str(app_db)).rows("reviews", vendor_id="V-ITO-03")
    last = stored.sort_values("held_on").iloc[-1]
    assert (f"{last['held_on']:%Y-%m-%d}", f"{last['period']:%Y-%m}", last["summary"]) == (
        "2026-11-20", "2026-10", "報告書の未提出が続いている。")

    at = run("reviews.py", mode="meeting", month="2026-10", held="2026-11-20",
             step="minutes")
    assert not at.exception
    preview = "\n".join(m.value for m in at.markdown)
    assert "委託先進捗確認会議 議事録（2026年10月分）" in preview
    assert "V\\-ITO\\-03 ネクスト・アプリケーションズ株式会社" in preview  # escaped text
    assert "報告書の未提出が続いている。" in preview
    buttons = [b.proto for b in at.get("download_button")]
    assert [b.label for b in buttons] == ["Markdown", "CSV(Excel用)", "PDF(印刷・配布用)"]
    assert [b.disabled for b in buttons] == [False, False, pdf_problem() is not None]


def test_meeting_mode_shows_every_record_of_the_month_with_the_vendor(app_db):
    run("reviews.py", mode="meeting", month="2026-10")  # the app loads the demo data
    outcome = edits.record_meeting(Store(str(app_db)), dict(
        vendor_id="V-KPO-01", held_on=dt.date(2026, 11, 12), period=dt.date(2026, 10, 1),
        summary="追加の打合せで分析手順書の進捗を確認。", decisions="11月末に再確認する。"),
        [], "yamada", dt.date(2026, 11, 12))
    assert outcome.ok
    at = run("reviews.py", mode="meeting", month="2026-10", held="2026-11-20",
             step="V-KPO-01")
    assert not at.exception
    assert "この月の記録" in [s.value for s in at.subheader]
    assert [c.value for c in at.caption if c.value.endswith(" 開催")] == [
        "2026年11月9日（月） 開催", "2026年11月12日（木） 開催"]
    texts = [t.value for t in at.text]
    assert "追加の打合せで分析手順書の進捗を確認。" in texts and "11月末に再確認する。" in texts
    assert [i.value for i in at.info if "記録済み" in i.value] == [
        "この月の議事は 2026年11月9日、2026年11月12日 の会議で記録済みです。"
        "ここで記録すると開催日の会議として追加されます。"]


def test_closing_an_action_during_the_meeting_keeps_the_agenda_order(app_db):
    at = run("reviews.py", mode="meeting", month="2026-10", held="2026-11-20", step="V-KPO-01")
    position = next(m.value for m in at.markdown if "議題" in m.value and "/" in m.value)
    assert position == "**議題 1 / 8**"
    at.button(key="mq_V-KPO-01_done_0").click()  # 4 overdue -> 3: ties with two vendors
    at.run()
    assert not at.exception
    assert at.header[0].value == "V-KPO-01  株式会社インサイトアナリティクス"
    assert next(m.value for m in at.markdown if "議題" in m.value and "/" in m.value) == position


def test_the_review_log_draws_only_its_open_tab(app_db):
    at = run("reviews.py", month="2026-10")
    assert [t.label for t in at.tabs] == ["記録一覧", "会議を記録", "修正・追加", "変更履歴"]
    keys = [str(w.key) for w in (*at.text_input, *at.text_area, *at.selectbox)]
    assert not [k for k in keys if k.startswith(("rf_", "aa_", "me_"))]
    assert len(at.dataframe) == 3  # the actions and the two lists of meetings
    open_tab(at, "tab_reviews", "修正・追加")
    keys = [str(w.key) for w in (*at.text_input, *at.text_area, *at.selectbox)]
    assert [k for k in keys if k.startswith("aa_")] and not at.exception
    assert not [k for k in keys if k.startswith("rf_")]
