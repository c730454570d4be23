"""The progress-review log: overdue on edge dates, the agenda of a crafted month, its
minutes (exact Markdown in Japanese and English, CSV columns), app edits with their
history, and the CLI export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from governance import demo
from governance.catalog import KINDS
from governance.ingest import Upload, load
from governance.reviews import agenda, edits, minutes_export
from governance.reviews import log as reviews
from governance.reviews import minutes as minutes_view
from governance.store import Store
from governance.views import portfolio
from tests.conftest import ROOT, assert_same_state, month_data, snapshot

VERSION_TEXT = {"ja": "バッチ #{batch}（{loaded} 取込）", "en": "batch #{batch} (loaded {loaded})"}


def data_version(store: Store, lang: str) -> str:
    """How the minutes name the newest batch of ``store`` (written out, not computed by the
    code under test)."""
    batch = store.batches().iloc[-1]
    return VERSION_TEXT[lang].format(batch=batch["batch_id"],
                                     loaded=f"{batch['loaded_at']:%Y-%m-%d %H:%M}")

MONTH = pd.Timestamp("2026-10-01")
MEETING_DAY = dt.date(2026, 11, 10)
TODAY = dt.date(2026, 11, 26)


# --- overdue -----------------------------------------------------------------------------

def _actions(*rows) -> pd.DataFrame:
    return pd.DataFrame([dict(vendor_id="V1", raised_on=pd.Timestamp("2026-10-01"),
                              action=f"a{i}", owner="佐藤", due_on=pd.Timestamp(due),
                              status=status, closed_on=pd.NaT, risk_axis=None)
                         for i, (due, status) in enumerate(rows)])


def test_an_action_due_today_is_not_overdue_and_one_due_yesterday_is_one_day_overdue():
    actions = _actions(("2026-11-26", "open"), ("2026-11-25", "open"),
                       ("2026-10-27", "open"))
    late = reviews.overdue(actions, TODAY)
    assert late[["action", "days_overdue"]].values.tolist() == [["a2", 30], ["a1", 1]]


def test_done_and_cancelled_actions_are_never_overdue():
    actions = _actions(("2025-01-01", "done"), ("2025-01-01", "cancelled"),
                       ("2026-11-27", "open"))
    assert reviews.overdue(actions, TODAY).empty
    table = reviews.with_days_overdue(actions, TODAY)
    assert table["days_overdue"].tolist() == [0, 0, 0]
    assert reviews.open_actions(actions, TODAY)["days_overdue"].tolist() == [0]


# --- a crafted month ---------------------------------------------------------------------

GREEN = dict(budget_jpy=1_000_000, actual_cost_jpy=1_000_000, change_requests=0,
             change_request_cost_jpy=0, documentation_coverage_pct=90,
             inhouse_capable_staff=3, vendor_staff_turnover_pct=5,
             knowledge_transfer_hours=20, sla_target_pct=99, sla_attainment_pct=99.5,
             security_incidents=0, open_audit_findings=0, privileged_accounts=5,
             access_review_done="yes", report_delay_days=0)
VENDOR_NAMES = {"V-A": "株式会社エー", "V-B": "ビー商事株式会社", "V-C": "株式会社シー",
                "V-D": "ディー株式会社", "V-E": "株式会社イー", "V-F": "エフ株式会社"}


def _csv(kind: str, rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(KINDS[kind].names), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def _load(store: Store, kind: str, rows: list[dict]) -> None:
    upload = load(store, Upload(f"{kind}.csv", _csv(kind, rows), kind=kind), user="test",
                  today=TODAY)
    assert not upload.refused, upload.problems.table("en")


def _kpis(vendor_id: str, months=("2026-07", "2026-08", "2026-09", "2026-10"), **last):
    rows = [dict(GREEN, vendor_id=vendor_id, month=m) for m in months]
    rows[-1].update(last)
    return rows


def _action(vendor_id, raised, text, due, status="open", closed="", owner="佐藤", axis=""):
    return dict(vendor_id=vendor_id, raised_on=raised, action=text, owner=owner, due_on=due,
                status=status, closed_on=closed, risk_axis=axis)


@pytest.fixture
def month_store(store) -> Store:
    return crafted_month(store)


def crafted_month(store: Store) -> Store:
    """Six vendors, October 2026 reviewed on 10 November:

    V-A red on control (2 incidents), discussed, one new action; V-B amber on knowledge
    (coverage 60 %) with an action 9 days overdue, not discussed; V-C no October report,
    discussed; V-D green with an action due on the meeting day, one done and one cancelled
    long ago (not on the agenda); V-E green, one action due the day before (1 day overdue);
    V-F green, two overdue actions."""
    _load(store, "vendors", [dict(vendor_id=v, vendor_name=n, service_type="ITO",
                                  engagement="outsourcing", criticality="medium",
                                  owner="情報システム部", contract_start="2020-04-01",
                                  contract_end="", annual_budget_jpy=12_000_000,
                                  data_access="internal", exit_plan_updated="2026-06-01")
                             for v, n in VENDOR_NAMES.items()])
    _load(store, "kpis", _kpis("V-A", security_incidents=2)
          + _kpis("V-B", documentation_coverage_pct=60)
          + _kpis("V-C", months=("2026-07", "2026-08", "2026-09"))
          + _kpis("V-D") + _kpis("V-E") + _kpis("V-F"))
    _load(store, "reviews", [
        dict(held_on="2026-10-09", vendor_id="V-A", period="2026-09", attendees="佐藤",
             summary="9月は問題なし。", decisions="特になし。", assessment="green"),
        dict(held_on="2026-11-10", vendor_id="V-A", period="2026-10",
             attendees="佐藤、高橋、木村(エー)",
             summary="セキュリティ事故が2件発生。\n影響範囲は調査中。",
             decisions="再発防止策を提出させる。", assessment="red"),
        dict(held_on="2026-11-10", vendor_id="V-C", period="2026-10", attendees="佐藤, 渡辺",
             summary="10月分の報告が未提出。", decisions="", assessment="amber"),
    ])
    _load(store, "actions", [
        _action("V-A", "2026-11-10", "再発防止策を提出させる", "2026-12-10", owner="高橋",
                axis="統制"),
        _action("V-B", "2026-10-01", "手順書を整備させる", "2026-11-01"),
        _action("V-D", "2026-10-01", "当日期限の確認", "2026-11-10"),
        _action("V-D", "2026-01-05", "完了済みの依頼", "2026-02-01", status="done",
                closed="2026-01-30"),
        _action("V-D", "2026-01-05", "取り消した依頼", "2026-02-01", status="cancelled"),
        _action("V-E", "2026-10-01", "前日期限の確認", "2026-11-09", owner="伊藤"),
        _action("V-F", "2026-09-01", "古い依頼その1", "2026-10-01"),
        _action("V-F", "2026-09-01", "古い依頼その2", "2026-10-15"),
    ])
    return store


def test_the_agenda_puts_the_most_severe_first(month_store):
    items = agenda.agenda(month_data(month_store, MONTH), MEETING_DAY)
    assert [(i.vendor_id, i.score, len(i.overdue), i.reasons) for i in items] == [
        ("V-A", 60, 0, ("red", "reviewed")),
        ("V-C", 40, 0, ("amber", "missing_report", "reviewed")),
        ("V-B", 25, 1, ("amber", "overdue")),
        ("V-F", 0, 2, ("overdue",)),  # same score as V-E, more overdue actions
        ("V-E", 0, 1, ("overdue",)),  # due the day before the meeting
    ]  # V-D is not there: due on the meeting day, done and cancelled are not overdue
    first = items[0]
    assert first.last_meeting["summary"] == "9月は問題なし。"
    [meeting] = first.meetings
    assert (meeting.held_on, meeting.record["decisions"]) == (MEETING_DAY,
                                                              "再発防止策を提出させる。")
    assert meeting.new_actions["action"].tolist() == ["再発防止策を提出させる"]
    assert items[2].why("ja") == "注意（ノウハウ流出）、期限超過の対応事項 1 件"
    assert items[1].why("en") == "amber on Knowledge drain, Cost creep, Control & " \
                                 "information, KPI report missing"


def test_the_agenda_counts_overdue_on_the_meeting_day(month_store):
    later = agenda.agenda(month_data(month_store, MONTH), dt.date(2026, 11, 11))
    assert "V-D" in [i.vendor_id for i in later]  # its action was due on the 10th


def test_a_vendor_being_discussed_can_be_kept_on_the_agenda(month_store):
    edits.set_action_status(month_store, {"vendor_id": "V-E", "raised_on": dt.date(2026, 10, 1),
                                          "action": "前日期限の確認"}, "done", "t", MEETING_DAY)
    items = agenda.agenda(month_data(month_store, MONTH), MEETING_DAY)
    assert "V-E" not in [i.vendor_id for i in items]
    kept = agenda.agenda(month_data(month_store, MONTH), MEETING_DAY, keep=("V-E", "V-D", "nobody"))
    assert [(i.vendor_id, i.reasons) for i in kept][-2:] == [("V-D", ()), ("V-E", ())]


MINUTES_JA = """\
# 委託先進捗確認会議 議事録（2026年10月分）

- 対象月：2026年10月
- 開催日：2026年11月10日（火）
- 出席者：佐藤、高橋、木村(エー)、渡辺
- 審議対象：議題 5 社のうち 2 社を審議
- 作成日：2026年11月26日
- 作成者：山田
- データ版：{version}

## 1. V-A 株式会社エー

- 評価：要対応
- リスク判定：ノウハウ流出 良好（0点）、コスト増大 良好（0点）、統制・情報管理 要対応（60点）
- 議題とした理由：要対応（統制・情報管理）

### 議事概要

セキュリティ事故が2件発生。

影響範囲は調査中。

### 決定事項

再発防止策を提出させる。

### 新規対応事項

| No. | 対応内容 | 担当者 | 期限 | リスク区分 |
|---:|---|---|---|---|
| 1 | 再発防止策を提出させる | 高橋 | 2026年12月10日 | 統制 |

## 2. V-C 株式会社シー

- 評価：注意
- リスク判定：ノウハウ流出 注意（40点）、コスト増大 注意（40点）、統制・情報管理 注意（40点）
- 議題とした理由：注意（ノウハウ流出、コスト増大、統制・情報管理）、月次KPI報告が未提出

### 議事概要

10月分の報告が未提出。

### 決定事項

なし

### 新規対応事項

なし

## 未審議の委託先(次回に持ち越し)

| 委託先 | 議題とした理由 |
|---|---|
| V-B ビー商事株式会社 | 注意（ノウハウ流出）、期限超過の対応事項 1 件 |
| V-F エフ株式会社 | 期限超過の対応事項 2 件 |
| V-E 株式会社イー | 期限超過の対応事項 1 件 |

## 期限超過の対応事項（2026年11月10日時点）

| No. | 委託先 | 対応内容 | 担当者 | 期限 | 超過日数 |
|---:|---|---|---|---|---:|
| 1 | V-F エフ株式会社 | 古い依頼その1 | 佐藤 | 2026年10月1日 | 40日 |
| 2 | V-F エフ株式会社 | 古い依頼その2 | 佐藤 | 2026年10月15日 | 26日 |
| 3 | V-B ビー商事株式会社 | 手順書を整備させる | 佐藤 | 2026年11月1日 | 9日 |
| 4 | V-E 株式会社イー | 前日期限の確認 | 伊藤 | 2026年11月9日 | 1日 |

以上
"""


def test_the_minutes_of_a_crafted_month_read_as_a_japanese_office_files_them(month_store):
    minutes = minutes_view.minutes(month_data(month_store, MONTH), prepared_by="山田", today=TODAY)
    assert minutes.as_of == MEETING_DAY  # the last meeting day, not the day of export
    expected = MINUTES_JA.replace("{version}", data_version(month_store, "ja"))
    assert minutes_export.to_markdown(minutes, "ja").splitlines() == expected.splitlines()


def test_the_minutes_in_english(month_store):
    record = minutes_view.minutes(month_data(month_store, MONTH), "yamada", TODAY)
    text = minutes_export.to_markdown(record, "en")
    lines = text.splitlines()
    assert lines[:9] == [
        "# Vendor progress review: minutes for 2026-10", "",
        "- Period: 2026-10", "- Held on: 2026-11-10 (Tue)",
        "- Attendees: 佐藤, 高橋, 木村(エー), 渡辺",
        "- Agenda: 2 of 5 vendors on the agenda discussed",
        "- Prepared on: 2026-11-26", "- Prepared by: yamada",
        f"- Data version: {data_version(month_store, 'en')}"]
    assert "- Assessment: Red" in lines
    assert "- Risk status: Knowledge drain green (0), Cost creep green (0), " \
           "Control & information red (60)" in lines
    assert "| 1 | 再発防止策を提出させる | 高橋 | 2026-12-10 | Control |" in lines
    assert "## Overdue action items (as of 2026-11-10)" in lines
    assert "| 4 | V-E 株式会社イー | 前日期限の確認 | 伊藤 | 2026-11-09 | 1 |" in lines
    assert lines[-1] == "End of minutes."


def test_the_minutes_as_csv_for_excel(month_store):
    record = minutes_view.minutes(month_data(month_store, MONTH), "山田", TODAY)
    data = minutes_export.to_csv(record, "ja")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["種別", "対象月", "開催日", "委託先ID", "委託先名", "評価", "出席者",
                       "議事概要", "決定事項", "対応内容", "担当者", "期限", "状況", "超過日数",
                       "リスク区分", "データ版(バッチ)", "データ版(取込日時)"]
    assert [(r[0], r[3]) for r in rows[1:]] == [
        ("議事", "V-A"), ("新規対応事項", "V-A"), ("議事", "V-C"), ("期限超過", "V-F"),
        ("期限超過", "V-F"), ("期限超過", "V-B"), ("期限超過", "V-E")]
    assert rows[1][:9] == ["議事", "2026年10月", "2026/11/10", "V-A", "株式会社エー", "要対応",
                           "佐藤、高橋、木村(エー)",
                           "セキュリティ事故が2件発生。\n影響範囲は調査中。",
                           "再発防止策を提出させる。"]
    assert rows[-1][9:15] == ["前日期限の確認", "伊藤", "2026/11/09", "未完了", "1", ""]
    batch = month_store.batches().iloc[-1]  # every row names the data version
    assert {tuple(r[15:]) for r in rows[1:]} == {
        (str(batch["batch_id"]), f"{batch['loaded_at']:%Y/%m/%d %H:%M}")}
    english = list(csv.reader(io.StringIO(
        minutes_export.to_csv(minutes_view.minutes(month_data(month_store, MONTH), None,
                                                   TODAY), "en")
        .decode("utf-8-sig"))))
    assert english[0] == list(minutes_export.CSV_FIELDS)


def test_user_text_cannot_add_markup_to_the_minutes(month_store):
    outcome = edits.record_meeting(month_store, dict(
        vendor_id="V-B", held_on=MEETING_DAY, period=MONTH,
        summary="# 見出し\n[link](javascript:alert(1)) <script>x</script> | pipe",
        decisions="- 箇条書き", attendees="=cmd|' /C calc'!A0"), [], "test", TODAY)
    assert outcome.ok, outcome.messages("en")
    minutes = minutes_view.minutes(month_data(month_store, MONTH), None, TODAY)
    text = minutes_export.to_markdown(minutes, "ja")
    assert "\\# 見出し" in text.splitlines()
    assert "\\[link\\](javascript:alert(1)) \\<script\\>x\\</script\\> \\| pipe" in text
    assert "\\- 箇条書き" in text.splitlines()
    rows = list(csv.reader(io.StringIO(minutes_export.to_csv(minutes, "ja").decode("utf-8-sig"))))
    assert "'=cmd|' /C calc'!A0" in [r[6] for r in rows]


# --- edits and their history -----------------------------------------------------------------

KEY = {"vendor_id": "V-B", "raised_on": dt.date(2026, 10, 1), "action": "手順書を整備させる"}


def test_a_status_change_keeps_who_when_and_old_to_new_and_deletes_nothing(month_store):
    before = dt.datetime.now().replace(microsecond=0)
    outcome = edits.set_action_status(month_store, KEY, "done", "suzuki", TODAY)
    assert outcome.ok and outcome.changed
    batch = outcome.batch_ids[0]
    history = edits.history(month_store, "V-B")
    assert history[["field", "old_value", "new_value", "changed_by", "batch_id"]] \
        .values.tolist() == [["closed_on", None, "2026-11-26", "suzuki", batch],
                             ["status", "open", "done", "suzuki", batch]]
    assert (history["changed_at"] >= pd.Timestamp(before)).all()
    assert json.loads(history["record_key"].iloc[0]) == {
        "vendor_id": "V-B", "raised_on": "2026-10-01", "action": "手順書を整備させる"}
    row = month_store.rows("actions", vendor_id="V-B").iloc[0]
    assert (row["status"], row["closed_on"].date(), row["batch_id"]) == ("done", TODAY, batch)
    old = month_store.history("actions")
    assert old[["action", "status", "superseded_by", "reason"]].values.tolist() == [
        ["手順書を整備させる", "open", batch, "replaced"]]
    assert month_store.counts()["actions"] == 8
    listed = month_store.batches().set_index("batch_id").loc[batch]
    assert (listed["kind"], listed["file_name"], listed["loaded_by"], listed["rows_replaced"]) \
        == ("actions", "app:edit", "suzuki", 1)


def test_cancelling_keeps_the_action_and_rollback_restores_it(month_store):
    outcome = edits.set_action_status(month_store, KEY, "cancelled", "suzuki", TODAY)
    assert month_store.rows("actions", vendor_id="V-B")["status"].tolist() == ["cancelled"]
    month_store.rollback(outcome.batch_ids[0], "admin")
    assert month_store.rows("actions", vendor_id="V-B")["status"].tolist() == ["open"]
    history = edits.history(month_store, "V-B")
    assert history["batch_status"].tolist() == ["rolled_back"]  # the record of it remains


def test_a_refused_edit_changes_nothing(month_store):
    state = snapshot(month_store)
    changes = month_store.record_changes()
    outcome = edits.edit(month_store, "actions", KEY, {"due_on": dt.date(2026, 9, 1)},
                         "suzuki", TODAY)
    assert not outcome.ok
    assert outcome.messages("ja") == ["期限:期限が起票日(2026-10-01)より前です。"]
    assert outcome.messages("en") == [
        "Due on: The due date is before the date raised (2026-10-01)."]
    done_without_date = edits.edit(month_store, "actions", KEY,
                                   {"status": "done", "closed_on": None}, "suzuki", TODAY)
    assert done_without_date.messages("ja") == [
        "完了日:状況が「完了」のときは完了日が必要です。"]
    assert_same_state(state, snapshot(month_store))
    pd.testing.assert_frame_equal(month_store.record_changes(), changes)


def test_a_meeting_form_with_problems_is_refused_with_every_problem_named(month_store):
    state = snapshot(month_store)
    outcome = edits.record_meeting(month_store, dict(
        vendor_id="V-ZZ", held_on=TODAY, period=dt.date(2026, 12, 1), summary=" "),
        [{"action": "x", "owner": "y", "due_on": dt.date(2026, 11, 1)},
         {"action": "", "owner": "", "due_on": None}], "test", TODAY)
    assert outcome.messages("ja") == [
        "議事概要:必須項目が空欄です。", "委託先ID:委託先台帳にない委託先IDです。",
        "対象月:未来の月です(今月は 2026-11)。",
        "対応事項 1 行目 ― 委託先ID:委託先台帳にない委託先IDです。",
        "対応事項 1 行目 ― 期限:期限が起票日(2026-11-26)より前です。"]
    assert_same_state(state, snapshot(month_store))


def test_a_meeting_and_its_actions_are_one_transaction_and_cannot_be_recorded_twice(
        month_store):
    meeting_row = dict(vendor_id="V-B", held_on=TODAY, period=MONTH, summary="確認した。",
                       assessment="amber")
    new = [{"action": "手順書の整備計画を出させる", "owner": "佐藤",
            "due_on": dt.date(2026, 12, 18), "risk_axis": "knowledge"}]
    outcome = edits.record_meeting(month_store, meeting_row, new, "yamada", TODAY)
    assert outcome.ok and len(outcome.batch_ids) == 2
    kinds = month_store.batches().set_index("batch_id").loc[outcome.batch_ids, "kind"]
    assert kinds.tolist() == ["reviews", "actions"]
    state = snapshot(month_store)
    again = edits.record_meeting(month_store, meeting_row, [], "yamada", TODAY)
    assert not again.ok and again.error.key == "error.record-exists"
    assert_same_state(state, snapshot(month_store))
    raised = month_store.rows("actions", vendor_id="V-B", raised_on=TODAY).iloc[0]
    assert (raised["status"], raised["owner"]) == ("open", "佐藤")


def test_editing_an_action_text_moves_the_old_row_to_the_history(month_store):
    outcome = edits.edit(month_store, "actions", KEY, {"action": "手順書を整備させる(再依頼)"},
                         "suzuki", TODAY)
    assert outcome.ok
    assert month_store.rows("actions", vendor_id="V-B")["action"].tolist() == [
        "手順書を整備させる(再依頼)"]
    assert month_store.history("actions")["action"].tolist() == ["手順書を整備させる"]
    change = edits.history(month_store, "V-B").query("field == 'action'").iloc[0]
    assert (change["old_value"], change["new_value"]) == ("手順書を整備させる",
                                                          "手順書を整備させる(再依頼)")
    unchanged = edits.edit(month_store, "actions", {**KEY, "action": "手順書を整備させる(再依頼)"},
                           {"owner": "佐藤"}, "suzuki", TODAY)
    assert unchanged.ok and not unchanged.changed


def test_the_overview_counts_follow_what_the_meeting_records(month_store):
    # overdue at the end of October (V-F's two); V-B, V-E and V-D fall due in November
    view = portfolio.overview(month_data(month_store, MONTH), today=MEETING_DAY)
    assert (view.overdue_actions, sorted(view.flagged_not_reviewed)) == (2, ["V-B"])
    edits.record_meeting(month_store, dict(vendor_id="V-B", held_on=MEETING_DAY,
                                           period=MONTH, summary="確認した。"), [],
                         "yamada", TODAY)
    edits.set_action_status(month_store, KEY, "done", "yamada", MEETING_DAY)
    view = portfolio.overview(month_data(month_store, MONTH), today=MEETING_DAY)
    assert (view.overdue_actions, view.flagged_not_reviewed) == (2, [])


def test_overdue_is_counted_as_of_the_day_asked():
    actions = pd.DataFrame([
        _action("V-A", "2025-05-01", "done late", "2025-06-10", status="done",
                closed="2025-07-05"),
        _action("V-A", "2025-05-01", "done in time", "2025-06-10", status="done",
                closed="2025-06-05"),
        _action("V-A", "2025-05-01", "still open", "2025-06-20"),
        _action("V-A", "2025-07-01", "raised later", "2025-06-01"),
        _action("V-A", "2025-05-01", "due later", "2025-07-31"),
        _action("V-A", "2025-05-01", "cancelled", "2025-06-01", status="cancelled"),
    ])
    for col in ("raised_on", "due_on", "closed_on"):
        actions[col] = pd.to_datetime(actions[col].replace("", None))
    june = reviews.overdue(actions, dt.date(2025, 6, 30))
    assert list(zip(june["action"], june["days_overdue"], strict=True)) == [
        ("done late", 20), ("still open", 10)]
    assert list(reviews.overdue(actions, dt.date(2026, 11, 26))["action"]) == [
        "raised later", "still open", "due later"]


# --- CLI -----------------------------------------------------------------------------------

def _cli(*args):
    return subprocess.run([sys.executable, "-m", "governance", *args], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_the_cli_exports_the_minutes(month_store, tmp_path):
    db = month_store.target
    result = _cli("reviews", "export", "--month", "2026-10", "--db", db,
                  "--prepared-by", "ガバナンス推進室 山田")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:3] == ["# 委託先進捗確認会議 議事録（2026年10月分）", "", "- 対象月：2026年10月"]
    assert "- 作成者：ガバナンス推進室 山田" in lines and lines[-1] == "以上"
    out = tmp_path / "minutes.csv"
    result = _cli("reviews", "export", "--month", "2026年10月", "--format", "csv",
                  "--lang", "en", "--db", db, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Minutes of 2026-10 written to {out}"
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert rows[0] == list(minutes_export.CSV_FIELDS) and rows[1][:4] == [
        "meeting", "2026-10", "2026-11-10", "V-A"]
    result = _cli("reviews", "export", "--month", "2031-01", "--db", db)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.strip() == "対象月 2031-01 のデータがありません。"


def test_demo_minutes_name_each_vendors_day_and_people_when_meetings_span_days(demo_store):
    outcome = edits.record_meeting(demo_store, dict(
        vendor_id="V-ITO-03", held_on=TODAY, period=MONTH, attendees="渡辺、石川(ネクスト)",
        summary="10月分の報告が未提出。", assessment="red"), [], "yamada", TODAY)
    assert outcome.ok
    record = minutes_view.minutes(month_data(demo_store, MONTH), None, TODAY)
    lines = minutes_export.to_markdown(record, "ja").splitlines()
    assert "- 開催日：2026年11月6日（金）、2026年11月9日（月）、2026年11月26日（木）" in lines
    at = lines.index("## 4. V-ITO-03 ネクスト・アプリケーションズ株式会社")
    assert lines[at + 2:at + 5] == ["- 開催日：2026年11月26日（木）",
                                    "- 出席者：渡辺、石川(ネクスト)", "- 評価：要対応"]
    assert demo.is_demo(demo_store)  # meetings recorded on demo data keep it demo data
