"""The translation catalog: every user-facing string, in Japanese and English.

Column and kind labels come from the KPI catalog; everything else is a message key here.
``t(key, lang, **params)`` formats one message; a missing key fails loudly in tests.
"""

from __future__ import annotations

LANGS = ("ja", "en")
DEFAULT_LANG = "ja"

MESSAGES: dict[str, dict[str, str]] = {
    # --- problems found in an upload (one per code) -------------------------------------
    "problem.file-too-large": {
        "ja": "ファイルが大きすぎます({size})。上限は {limit} です。",
        "en": "The file is too large ({size}); the limit is {limit}.",
    },
    "problem.empty-file": {
        "ja": "ファイルが空です。見出し行とデータ行が必要です。",
        "en": "The file is empty; a header row and data rows are expected.",
    },
    "problem.unreadable-encoding": {
        "ja": "文字コードを判別できません。UTF-8 または Shift_JIS(CP932)の CSV で保存し直してください。",
        "en": "The text encoding could not be recognised; save the file as CSV in UTF-8 or "
              "Shift_JIS (CP932).",
    },
    "problem.binary-content": {
        "ja": "表形式のファイルではありません(バイナリデータを含みます)。CSV・TSV・XLSX を指定してください。",
        "en": "This is not a table file (it contains binary data); use CSV, TSV or XLSX.",
    },
    "problem.malformed-csv": {
        "ja": "CSV の形式が崩れています: {detail}",
        "en": "The CSV is malformed: {detail}",
    },
    "problem.bad-xlsx": {
        "ja": "Excel ファイルを読み込めません(破損しているか、XLSX 形式ではありません)。",
        "en": "The Excel file cannot be read (damaged, or not in XLSX format).",
    },
    "problem.xlsx-too-large": {
        "ja": "Excel ファイルの展開後の大きさが上限を超えています({detail})。",
        "en": "The Excel file expands beyond the allowed size ({detail}).",
    },
    "problem.sheet-not-found": {
        "ja": "シート「{value}」がありません。あるシート: {expected}",
        "en": "There is no sheet “{value}”; sheets: {expected}",
    },
    "problem.unknown-kind": {
        "ja": "見出しからファイルの種類を判別できません。見出し行(1行目)を確認するか、種類を指定してください。",
        "en": "The kind of file cannot be told from its headers; check the header row (row 1) "
              "or name the kind.",
    },
    "problem.missing-column": {
        "ja": "必須列「{expected}」がありません。{hint}",
        "en": "The required column “{expected}” is missing. {hint}",
    },
    "problem.duplicate-column": {
        "ja": "列「{value}」が重複しています(同じ項目を表す列が複数あります)。",
        "en": "Column “{value}” appears more than once (several columns mean the same item).",
    },
    "problem.too-many-columns": {
        "ja": "列が多すぎます({value} 列)。上限は {expected} 列です。",
        "en": "Too many columns ({value}); at most {expected} are allowed.",
    },
    "problem.no-rows": {
        "ja": "データ行がありません。",
        "en": "There are no data rows.",
    },
    "problem.required": {
        "ja": "必須項目が空欄です。",
        "en": "A required value is empty.",
    },
    "problem.invalid-integer": {
        "ja": "整数ではありません。例: 1234000、1,234,000、￥1,234,000",
        "en": "Not a whole number; e.g. 1234000, 1,234,000, ¥1,234,000.",
    },
    "problem.invalid-number": {
        "ja": "数値ではありません。例: 12.5",
        "en": "Not a number; e.g. 12.5.",
    },
    "problem.invalid-percent": {
        "ja": "割合(0〜100)ではありません。例: 95、95%、95.0 %",
        "en": "Not a percentage (0–100); e.g. 95, 95%, 95.0 %.",
    },
    "problem.invalid-month": {
        "ja": "年月ではありません。例: 2026-10、2026/10、2026年10月",
        "en": "Not a month; e.g. 2026-10, 2026/10, 2026年10月.",
    },
    "problem.invalid-date": {
        "ja": "日付ではありません。例: 2026-10-05、2026/10/05、2026年10月5日",
        "en": "Not a date; e.g. 2026-10-05, 2026/10/05, 2026年10月5日.",
    },
    "problem.invalid-boolean": {
        "ja": "はい/いいえ を表す値ではありません。例: 済/未、はい/いいえ、○/×、yes/no",
        "en": "Not a yes/no value; e.g. yes/no, true/false, 1/0, 済/未, ○/×.",
    },
    "problem.invalid-choice": {
        "ja": "選択できない値です。選択肢: {expected}",
        "en": "Not an allowed value; choose one of: {expected}.",
    },
    "problem.too-small": {
        "ja": "{expected} 以上の値が必要です。",
        "en": "Must be at least {expected}.",
    },
    "problem.too-large": {
        "ja": "{expected} 以下の値が必要です。",
        "en": "Must be at most {expected}.",
    },
    "problem.too-long": {
        "ja": "長すぎます({expected} 文字以内)。",
        "en": "Too long (at most {expected} characters).",
    },
    "problem.bad-pattern": {
        "ja": "使用できない文字を含みます。英数字・「-」「_」で1〜32文字にしてください。",
        "en": "Contains characters that are not allowed; use 1–32 letters, digits, '-' or '_'.",
    },
    "problem.duplicate-key": {
        "ja": "{expected} の組み合わせが {other} 行目と重複しています。",
        "en": "The same {expected} as row {other}.",
    },
    "problem.unknown-vendor": {
        "ja": "委託先台帳にない委託先IDです。{hint}",
        "en": "This vendor ID is not in the vendor register. {hint}",
    },
    "problem.end-before-start": {
        "ja": "契約終了日が契約開始日({expected})より前です。",
        "en": "The contract end is before the contract start ({expected}).",
    },
    "problem.closed-on-required": {
        "ja": "状況が「完了」のときは完了日が必要です。",
        "en": "A closed-on date is required when the status is done.",
    },
    "problem.closed-before-raised": {
        "ja": "完了日が起票日({expected})より前です。",
        "en": "The closed-on date is before the date raised ({expected}).",
    },
    "problem.due-before-raised": {
        "ja": "期限が起票日({expected})より前です。",
        "en": "The due date is before the date raised ({expected}).",
    },
    "problem.month-in-future": {
        "ja": "未来の月です(今月は {expected})。",
        "en": "The month is in the future (this month is {expected}).",
    },
    "problem.ignored-column": {
        "ja": "列「{value}」は取り込み対象外のため無視しました。{hint}",
        "en": "Column “{value}” is not part of this kind and was ignored. {hint}",
    },
    "problem.more-problems": {
        "ja": "ほかに {value} 件の問題があります(表示を省略)。",
        "en": "{value} more problems not shown.",
    },
    "hint.did-you-mean": {"ja": "もしかして: {candidates}", "en": "Did you mean: {candidates}?"},
    "hint.known-columns": {"ja": "見出しの例: {candidates}", "en": "Expected headers: {candidates}"},
    "hint.none": {"ja": "", "en": ""},
    # --- report layout --------------------------------------------------------------------
    "report.row": {"ja": "行", "en": "Row"},
    "report.column": {"ja": "列", "en": "Column"},
    "report.value": {"ja": "値", "en": "Value"},
    "report.problem": {"ja": "問題", "en": "Problem"},
    "report.file": {"ja": "ファイル", "en": "File"},
    "report.file-suffix": {"ja": "問題一覧", "en": "problems"},
    "report.summary": {
        "ja": "{problems} 件の問題({rows} 行)があります。",
        "en": "{problems} problem(s) in {rows} row(s).",
    },
    "report.refused": {
        "ja": "{file}: 取り込みを中止しました。{summary}データベースは変更していません。",
        "en": "{file}: refused. {summary} Nothing was written to the database.",
    },
    # --- results of an ingest ---------------------------------------------------------------
    "ingest.loaded": {
        "ja": "{file}: {kind}を取り込みました(バッチ {batch}): 新規 {inserted} 件、更新 {replaced} 件、"
              "変更なし {unchanged} 件。",
        "en": "{file}: {kind} loaded as batch {batch}: {inserted} new, {replaced} replaced, "
              "{unchanged} unchanged.",
    },
    "ingest.already-loaded": {
        "ja": "{file}: 同じファイルをバッチ {batch} で取り込み済みです。変更はありません。",
        "en": "{file}: this exact file was already loaded as batch {batch}; nothing changed.",
    },
    "ingest.kept-vendors": {
        "ja": "台帳ファイルにない委託先 {count} 社は削除せず残しています: {ids}",
        "en": "{count} vendors not in this register file were kept, not deleted: {ids}",
    },
    "ingest.warning": {"ja": "注意: {message}", "en": "Note: {message}"},
    # --- errors that are not about a file's content -----------------------------------------
    "error.busy": {
        "ja": "データベースが他の処理で使用中です({target})。しばらくしてから再実行してください。",
        "en": "The database is busy with another operation ({target}); try again shortly.",
    },
    "error.file-not-found": {"ja": "ファイルがありません: {path}", "en": "No such file: {path}"},
    "error.batch-not-found": {
        "ja": "バッチ {batch} はありません。",
        "en": "There is no batch {batch}.",
    },
    "error.batch-not-active": {
        "ja": "バッチ {batch} はすでに取り消されています。",
        "en": "Batch {batch} has already been rolled back.",
    },
    "error.batch-superseded": {
        "ja": "バッチ {batch} の一部はその後のバッチ {later} で置き換えられています。先にバッチ {later} を取り消してください。",
        "en": "Rows of batch {batch} were later replaced by batch {later}; roll back batch {later} "
              "first.",
    },
    "error.vendor-in-use": {
        "ja": "バッチ {batch} を取り消すと委託先 {ids} が台帳から消えますが、KPI・会議・対応事項が登録されています。"
              "先にそれらのバッチを取り消してください。",
        "en": "Rolling back batch {batch} would remove vendors {ids}, which still have KPIs, "
              "meetings or actions; roll those batches back first.",
    },
    "error.schema-too-new": {
        "ja": "データベースはより新しいバージョン(スキーマ {found})で作成されています。このバージョンは {supported} までです。",
        "en": "The database was made by a newer version (schema {found}); this version "
              "supports up to {supported}.",
    },
    "error.database": {
        "ja": "データベースを開けません({target}): {detail}",
        "en": "The database cannot be opened ({target}): {detail}",
    },
    "error.pg-unreachable": {
        "ja": "PostgreSQL サーバーに接続できません(ホスト {host}、ポート {port}、データベース {dbname})。サーバーの起動状態と接続先を確認してください。",
        "en": "Cannot reach the PostgreSQL server (host {host}, port {port}, database {dbname}); check that it is running and the address is right.",
    },
    "error.pg-auth": {
        "ja": "PostgreSQL の認証に失敗しました(ユーザー {user}、ホスト {host}、ポート {port}、データベース {dbname})。ユーザー名とパスワード(URL・PGPASSWORD・~/.pgpass)を確認してください。",
        "en": "PostgreSQL refused the login (user {user}, host {host}, port {port}, database {dbname}); check the user and password (URL, PGPASSWORD or ~/.pgpass).",
    },
    "error.pg-no-database": {
        "ja": "PostgreSQL にデータベース {dbname} がありません(ホスト {host}、ポート {port})。createdb {dbname} で作成してください。",
        "en": "There is no database {dbname} on the PostgreSQL server (host {host}, port {port}); create it with createdb {dbname}.",
    },
    "error.pg-extension": {
        "ja": "DuckDB の postgres 拡張が見つかりません。pip install -r requirements.txt を実行してください。",
        "en": "DuckDB's postgres extension is missing; run pip install -r requirements.txt.",
    },
    "error.copy-not-empty": {
        "ja": "コピー先にすでにデータがあります: {tables}。置き換える場合は --replace を指定してください。",
        "en": "The target already holds data: {tables}. Add --replace to overwrite it.",
    },
    "error.copy-same": {"ja": "コピー元とコピー先が同じです。", "en": "Source and target are the same database."},
    "error.copy-schema": {
        "ja": "コピー先にないテーブルがあります: {tables}(コピー元のほうが新しいバージョンです)。",
        "en": "The target lacks tables {tables} (the source was made by a newer version).",
    },
    "error.copy-mismatch": {
        "ja": "コピー後の件数が一致しません: {detail}",
        "en": "Row counts differ after the copy: {detail}",
    },
    "copy.done": {
        "ja": "{source} → {target} にコピーしました({tables} テーブル、{rows} 行):",
        "en": "Copied {source} → {target} ({tables} tables, {rows} rows):",
    },
    "error.internal": {
        "ja": "内部エラーが発生しました。データベースは変更していません。({detail})",
        "en": "An internal error occurred; the database was not changed. ({detail})",
    },
    "error.scoring-config": {
        "ja": "スコアリング設定ファイル {path} を読み込めません: {detail}",
        "en": "The scoring configuration {path} cannot be used: {detail}",
    },
    "error.bad-month": {
        "ja": "対象月「{value}」を解釈できません。例: 2026-10、2026年10月",
        "en": "“{value}” is not a month; e.g. 2026-10.",
    },
    "error.record-exists": {
        "ja": "同じ記録がすでにあります({key})。一覧から選んで修正してください。",
        "en": "This record already exists ({key}); choose it in the list to edit it.",
    },
    "error.record-not-found": {
        "ja": "修正しようとした記録が見つかりません({key})。他の人が変更した可能性があります。画面を更新してください。",
        "en": "The record being edited no longer exists ({key}); someone may have changed "
              "it. Reload the page.",
    },
    "error.no-month": {
        "ja": "対象月 {month} のデータがありません。",
        "en": "There is no data for {month}.",
    },
    "error.pdf-unavailable": {
        "ja": "PDF を作成できません({detail})。WeasyPrint(requirements.txt)と Pango(Debian: libpango-1.0-0 libpangoft2-1.0-0)、日本語フォント(fonts-noto-cjk)をインストールしてください。HTML 形式は作成できます。",
        "en": "The PDF cannot be made ({detail}). Install WeasyPrint (requirements.txt), Pango "
              "(Debian: libpango-1.0-0 libpangoft2-1.0-0) and Japanese fonts (fonts-noto-cjk); "
              "the HTML format works without them.",
    },
    "status.green": {"ja": "良好", "en": "green"},
    "status.amber": {"ja": "注意", "en": "amber"},
    "status.red": {"ja": "要対応", "en": "red"},
    "status.no_data": {"ja": "データなし", "en": "no data"},
    "reason.above": {
        "ja": "{label} が {value}({month}):{level}基準 {threshold} 以上",
        "en": "{label} {value} in {month}: at or above the {level} threshold {threshold}",
    },
    "reason.below": {
        "ja": "{label} が {value}({month}):{level}基準 {threshold} 以下",
        "en": "{label} {value} in {month}: at or below the {level} threshold {threshold}",
    },
    "reason.not-done": {
        "ja": "{label}:{month} は未実施",
        "en": "{label}: not done in {month}",
    },
    "reason.worsening": {
        "ja": "{label} が{months}か月連続で悪化({path})",
        "en": "{label} worse {months} months in a row ({path})",
    },
    "reason.missing-report": {
        "ja": "{month} の月次KPI報告がありません(業務の状況が見えていません)",
        "en": "No KPI report for {month}: the vendor's work is not visible",
    },
    "reason.coverage": {
        "ja": "{month} の報告で{axis}の指標が {present}/{total} 件しか記入されていません",
        "en": "Only {present} of {total} {axis} measures were reported for {month}",
    },
    "reason.contract-ending": {
        "ja": "契約終了日 {date}(残り {days} 日)が近いのにノウハウが社内に確保されていません",
        "en": "The contract ends on {date} ({days} days) while know-how is not secured in-house",
    },
    "rollback.done": {
        "ja": "バッチ {batch} を取り消しました: このバッチで書き込んだ {removed} 行を取り除き、置き換え前の {restored} 行を元に戻しました。",
        "en": "Batch {batch} rolled back: the {removed} rows it wrote were removed and the "
              "{restored} rows it had replaced were restored.",
    },
    "demo.loaded": {
        "ja": "デモデータを取り込みました({count} ファイル)。",
        "en": "Demo data loaded ({count} files).",
    },
    "template.written": {
        "ja": "{kind}のテンプレートを書き出しました: {path}",
        "en": "Template for {kind} written to {path}",
    },
    "batches.empty": {"ja": "取り込み履歴はまだありません。", "en": "No batches yet."},
    "status.committed": {"ja": "反映済み", "en": "committed"},
    "status.rolled_back": {"ja": "取消済み", "en": "rolled back"},
    "col.batch_id": {"ja": "バッチ", "en": "Batch"},
    "col.kind": {"ja": "種類", "en": "Kind"},
    "col.file_name": {"ja": "ファイル名", "en": "File"},
    "col.rows": {"ja": "行数", "en": "Rows"},
    "col.inserted": {"ja": "新規", "en": "New"},
    "col.replaced": {"ja": "更新", "en": "Replaced"},
    "col.unchanged": {"ja": "変更なし", "en": "Unchanged"},
    "col.loaded_by": {"ja": "実行者", "en": "By"},
    "col.loaded_at": {"ja": "日時", "en": "When"},
    "col.status": {"ja": "状態", "en": "Status"},
    "col.sha256": {"ja": "SHA-256", "en": "SHA-256"},
    # --- the app ----------------------------------------------------------------------------
    "app.title": {"ja": "委託先ガバナンス ダッシュボード", "en": "Vendor Governance Dashboard"},
    "app.language": {"ja": "言語 / Language", "en": "Language / 言語"},
    "app.demo-banner": {
        "ja": "デモデータを表示しています(架空の委託先 14 社・24 か月分)。自社のデータは「アップロード」から取り込めます。",
        "en": "You are looking at demo data (14 fictional vendors, 24 months). Load your own "
              "files on the Upload page.",
    },
    "app.no-data": {
        "ja": "まだデータがありません。「アップロード」から委託先台帳と月次KPI報告を取り込むか、"
              "`python -m governance demo` でデモデータを読み込んでください。",
        "en": "No data yet. Load the vendor register and monthly KPI reports on the Upload "
              "page, or run `python -m governance demo` for demo data.",
    },
    "app.database": {"ja": "データベース: {target}", "en": "Database: {target}"},
    "app.coming": {
        "ja": "この画面の分析機能は準備中です。現在は取り込み済みのデータを表示しています。",
        "en": "The analysis on this page is being built; for now it shows the stored data.",
    },
    "chart.overall": {"ja": "総合", "en": "Overall"},
    "chart.short.knowledge_drain": {"ja": "ノウハウ", "en": "Knowledge"},
    "chart.short.cost_creep": {"ja": "コスト", "en": "Cost"},
    "chart.short.control_leakage": {"ja": "統制", "en": "Control"},
    "chart.short.overall": {"ja": "総合", "en": "Overall"},
    "chart.axis": {"ja": "リスク軸", "en": "Axis"},
    "chart.status": {"ja": "評価", "en": "Status"},
    "chart.score": {"ja": "スコア", "en": "Score"},
    "chart.vendors": {"ja": "委託先数", "en": "Vendors"},
    "chart.meeting": {"ja": "進捗確認会議", "en": "Review meeting"},
    "chart.measure": {"ja": "指標", "en": "Measure"},
    "chart.value": {"ja": "値", "en": "Value"},
    "chart.summary": {"ja": "議事概要", "en": "Summary"},
    "chart.decisions": {"ja": "決定事項", "en": "Decisions"},
    "chart.budget": {"ja": "予算額", "en": "Budget"},
    "chart.actual": {"ja": "実績額", "en": "Actual"},
    "chart.cum_budget": {"ja": "予算累計", "en": "Cumulative budget"},
    "chart.cum_actual": {"ja": "実績累計", "en": "Cumulative actual"},
    "chart.projection": {"ja": "年度末見込み", "en": "Year-end projection"},
    "chart.yen": {"ja": "円", "en": "JPY"},
    "unit.%": {"ja": "%", "en": "%"},
    "unit.pt": {"ja": "pt", "en": " pt"},
    "unit.months": {"ja": "か月", "en": " months"},
    "unit.hours": {"ja": "時間", "en": " h"},
    "unit.count": {"ja": "件", "en": ""},
    "unit.people": {"ja": "人", "en": " people"},
    "unit.days": {"ja": "日", "en": " days"},
    "unit.JPY": {"ja": "円", "en": " JPY"},
    "filter.all": {"ja": "すべて", "en": "All"},
    "filter.service_type": {"ja": "委託区分", "en": "Service type"},
    "filter.criticality": {"ja": "重要度", "en": "Criticality"},
    "filter.owner": {"ja": "主管部門", "en": "Owner"},
    "filter.sort": {"ja": "並び順", "en": "Order"},
    "sort.worst": {"ja": "リスクの高い順", "en": "Worst first"},
    "sort.criticality": {"ja": "重要度順", "en": "By criticality"},
    "share.button": {"ja": "この画面を共有", "en": "Share this view"},
    "share.help": {
        "ja": "このリンクを開くと、同じ月・委託先・絞り込みの画面が表示されます。",
        "en": "This link opens exactly this view: same month, vendor and filters.",
    },
    "overview.red": {"ja": "{axis}:要対応", "en": "{axis}: red"},
    "overview.missing": {"ja": "報告未提出", "en": "Reports missing"},
    "overview.overdue": {"ja": "期限超過の対応事項", "en": "Overdue actions"},
    "overview.not-reviewed": {"ja": "要注意だが当月未確認", "en": "Flagged, not reviewed"},
    "overview.spend-month": {"ja": "当月の実績(予算 {budget})", "en": "Spend this month (budget {budget})"},
    "overview.spend-ytd": {"ja": "年度累計の実績(予算 {budget})", "en": "Fiscal YTD spend (budget {budget})"},
    "overview.heat": {"ja": "委託先 × リスク軸", "en": "Vendors × risk axes"},
    "overview.heat-help": {
        "ja": "色は評価(良好・注意・要対応)、数字はリスクスコア(0〜100、高いほど危険)。セルをクリックすると委託先の画面を開きます。",
        "en": "Colour is the status (green, amber, red); the number is the risk score "
              "(0–100, higher is worse). Click a cell to open the vendor.",
    },
    "overview.flagged": {"ja": "要対応・注意の委託先", "en": "Vendors flagged red or amber"},
    "overview.trend": {"ja": "ポートフォリオのリスク推移(直近12か月)", "en": "Portfolio risk, last 12 months"},
    "overview.movers": {"ja": "前月からの変動が大きい委託先", "en": "Biggest movers since last month"},
    "overview.no-movers": {"ja": "前月からの変動はありません。", "en": "No changes since last month."},
    "overview.shown": {"ja": "表示件数", "en": "Vendors shown"},
    "overview.more": {"ja": "全 {total} 社中 上位 {shown} 社を表示しています。", "en": "Showing the top {shown} of {total} vendors."},
    # the executive report (governance/report.py): one page per month, HTML and PDF
    "exec.title": {"ja": "委託先ガバナンス 月次報告", "en": "Vendor governance: monthly executive report"},
    "exec.period": {"ja": "{year}年{month}月度", "en": "{year}-{month:02d}"},
    "exec.meta": {"ja": "対象 {vendors} 社 ・ {date} 時点 ・ 作成日 {created}", "en": "{vendors} vendors · as of {date} · prepared {created}"},
    "exec.demo": {"ja": "デモデータ(架空の委託先)", "en": "Demo data (fictional vendors)"},
    "exec.headline": {"ja": "主要指標", "en": "Headline figures"},
    "exec.companies": {"ja": "社", "en": ""},
    "exec.items": {"ja": "件", "en": ""},
    "exec.spend-month": {"ja": "当月の委託費(実績)", "en": "Spend this month"},
    "exec.spend-ytd": {"ja": "年度累計の委託費({start}〜)", "en": "Fiscal year to date (from {start})"},
    "exec.vs-budget": {"ja": "予算 {budget} ・ 予算比 {variance}", "en": "budget {budget} · {variance} vs budget"},
    "exec.heat-help": {"ja": "色は評価、数字はリスクスコア(0〜100、高いほど危険)。リスクの高い順。", "en": "Colour is the status; the number is the risk score (0–100, higher is worse). Worst first."},
    "exec.legend": {"ja": "凡例", "en": "Legend"},
    "exec.legend-green": {"ja": "基準内", "en": "within thresholds"},
    "exec.legend-amber": {"ja": "注意基準を超過、または悪化傾向", "en": "amber threshold crossed, or worsening"},
    "exec.legend-red": {"ja": "要対応基準を超過", "en": "red threshold crossed"},
    "exec.legend-no_data": {"ja": "報告がなく判定できない", "en": "not reported, not scored"},
    "exec.breakdown": {"ja": "総合評価の内訳", "en": "Overall status"},
    "exec.top": {"ja": "リスク上位の委託先と主な理由", "en": "Top risks and why"},
    "exec.top-note": {"ja": "総合スコアの高い順に最大 {n} 社(スコア 0 の委託先を除く)。理由は重い順に最大 3 件。", "en": "Up to {n} vendors by overall score (those scoring 0 left out); up to 3 reasons each, heaviest first."},
    "exec.top-none": {"ja": "基準を超えた委託先はありません。", "en": "No vendor crossed a threshold."},
    "exec.rank": {"ja": "順位", "en": "#"},
    "exec.vendor-overall": {"ja": "委託先・総合評価", "en": "Vendor, overall status"},
    "exec.overdue": {"ja": "期限超過の対応事項({date} 時点・{n} 件)", "en": "Overdue actions (as of {date}: {n})"},
    "exec.overdue-none": {"ja": "期限超過の対応事項はありません。", "en": "No overdue actions."},
    "exec.days": {"ja": "{n}日", "en": "{n}"},
    "exec.more": {"ja": "ほか {n} 件(ダッシュボードの「進捗確認」を参照)", "en": "{n} more (see Progress reviews in the dashboard)"},
    "exec.footer": {"ja": "社外秘 ・ 委託先ガバナンス ダッシュボードにより自動作成。スコアと評価は各社の月次KPI報告を基準値と照合した結果です。", "en": "Confidential · generated by the Vendor Governance Dashboard; scores and statuses compare each vendor's monthly KPI report with the thresholds."},
    "exec.download-html": {"ja": "月次報告(HTML)", "en": "Monthly report (HTML)"},
    "exec.download-pdf": {"ja": "月次報告(PDF)", "en": "Monthly report (PDF)"},
    "exec.download-help": {"ja": "{month} の経営層向け 1 ページ報告書(主要指標・ヒートマップ・リスク上位・期限超過)を作成します。", "en": "The one-page executive summary of {month}: headline figures, heat map, top risks, overdue actions."},
    "exec.written": {"ja": "{month} の月次報告を書き出しました: {path}", "en": "Executive report for {month} written to {path}"},
    "movers.before": {"ja": "前月", "en": "Last month"},
    "movers.after": {"ja": "当月", "en": "This month"},
    "movers.change": {"ja": "変化", "en": "Change"},
    "movers.axis": {"ja": "主な要因", "en": "Driven by"},
    "axis.ranking": {"ja": "委託先ランキング", "en": "Vendors ranked"},
    "axis.reasons": {"ja": "評価の理由", "en": "Reasons"},
    "axis.no-reasons": {"ja": "基準を超えた指標はありません。", "en": "No threshold crossed."},
    "axis.trends": {"ja": "指標の推移(色帯は基準: 緑=良好・黄=注意・赤=要対応、破線=進捗確認会議)",
                    "en": "Measures over time (bands: green, amber, red thresholds; dashed: review meetings)"},
    "axis.vendor-trends": {"ja": "推移を表示する委託先", "en": "Vendor whose trends to show"},
    "cost.spend": {"ja": "予算と実績(月別)", "en": "Budget and actual by month"},
    "cost.cumulative": {"ja": "年度累計と年度末見込み", "en": "Fiscal year to date and year-end projection"},
    "cost.cr": {"ja": "変更要求費用(月別)", "en": "Change-request cost by month"},
    "cost.projection": {"ja": "年度末見込み", "en": "Year-end projection"},
    "cost.projection-help": {"ja": "直近3か月の平均実績で残りの月を見込んだ金額", "en": "Remaining months at the mean of the last three months"},
    "cost.budget-year": {"ja": "年度予算", "en": "Budget for the year"},
    "vendor.profile": {"ja": "基本情報", "en": "Profile"},
    "vendor.axes": {"ja": "リスク評価", "en": "Risk assessment"},
    "vendor.trends": {"ja": "全指標の推移", "en": "Every measure over time"},
    "vendor.actions": {"ja": "未完了の対応事項", "en": "Open action items"},
    "vendor.no-actions": {"ja": "未完了の対応事項はありません。", "en": "No open action items."},
    "vendor.meetings": {"ja": "進捗確認会議の記録", "en": "Review meetings"},
    "vendor.no-meetings": {"ja": "記録された会議はありません。", "en": "No meetings recorded."},
    "vendor.exit-age": {"ja": "出口計画の経過月数", "en": "Exit plan age"},
    "vendor.months": {"ja": "{n} か月", "en": "{n} months"},
    "vendor.not-active": {"ja": "{month} は契約期間外のため評価していません。", "en": "Not scored: no contract in {month}."},
    "vendor.days-overdue": {"ja": "超過日数", "en": "Days overdue"},
    "page.overview": {"ja": "概況", "en": "Overview"},
    "page.knowledge": {"ja": "ノウハウ流出", "en": "Knowledge drain"},
    "page.cost": {"ja": "コスト増大", "en": "Cost creep"},
    "page.control": {"ja": "統制・情報管理", "en": "Control & information"},
    "page.vendor": {"ja": "委託先", "en": "Vendor"},
    "page.reviews": {"ja": "進捗確認", "en": "Progress reviews"},
    "page.upload": {"ja": "アップロード", "en": "Upload"},
    "overview.vendors": {"ja": "委託先数", "en": "Vendors"},
    "overview.latest-month": {"ja": "最新の対象月", "en": "Latest month"},
    "overview.reports": {"ja": "当月の報告数", "en": "Reports this month"},
    "overview.open-actions": {"ja": "未完了の対応事項", "en": "Open actions"},
    "overview.register": {"ja": "委託先台帳", "en": "Vendor register"},
    "filter.month": {"ja": "対象月", "en": "Month"},
    "filter.vendor": {"ja": "委託先", "en": "Vendor"},
    "vendor.none": {"ja": "委託先を選んでください。", "en": "Choose a vendor."},
    "vendor.unknown": {"ja": "委託先「{vendor}」は登録されていません。", "en": "There is no vendor “{vendor}”."},
    "vendor.kpis": {"ja": "月次KPI", "en": "Monthly KPIs"},
    "reviews.meetings": {"ja": "進捗確認会議", "en": "Review meetings"},
    "reviews.actions": {"ja": "対応事項", "en": "Action items"},
    "reviews.mode": {"ja": "表示", "en": "View"},
    "reviews.mode-log": {"ja": "記録一覧", "en": "Log"},
    "reviews.mode-meeting": {"ja": "会議モード", "en": "Meeting mode"},
    "reviews.status": {"ja": "対応事項の状況", "en": "Action status"},
    "reviews.status-all": {"ja": "すべて", "en": "All"},
    "reviews.status-open": {"ja": "未完了", "en": "Open"},
    "reviews.status-overdue": {"ja": "期限超過", "en": "Overdue"},
    "reviews.status-done": {"ja": "完了", "en": "Done"},
    "reviews.status-cancelled": {"ja": "取消", "en": "Cancelled"},
    "reviews.meetings-month": {"ja": "{month} を確認した会議", "en": "Meetings on {month}"},
    "reviews.meetings-all": {"ja": "会議の記録(全期間)", "en": "Meetings (all periods)"},
    "reviews.meetings-of": {"ja": "対象月 {month} の進捗確認会議", "en": "Review meetings on {month}"},
    "reviews.meetings-earlier": {"ja": "それより前の会議", "en": "Earlier meetings"},
    "reviews.no-meetings-month": {"ja": "この月を確認した会議の記録はありません。", "en": "No meeting has reviewed this month."},
    "reviews.no-actions": {"ja": "該当する対応事項はありません。", "en": "No action items match."},
    "reviews.actions-help": {
        "ja": "赤い行は期限超過(未完了のまま期限を過ぎたもの)です。超過日数は期限の翌日から数えた日数です。対象月にかかわらず表示します。",
        "en": "Red rows are overdue (open past their due date); days overdue count from the "
              "day after the due date. Shown whatever the month.",
    },
    "reviews.quick-status": {"ja": "状況をすばやく変更(完了・取消)", "en": "Quick status change (done, cancelled)"},
    "reviews.tab-log": {"ja": "記録一覧", "en": "Log"},
    "reviews.tab-record": {"ja": "会議を記録", "en": "Record a meeting"},
    "reviews.tab-edit": {"ja": "修正・追加", "en": "Edit and add"},
    "reviews.tab-history": {"ja": "変更履歴", "en": "Change history"},
    "reviews.record-help": {
        "ja": "入力内容はファイル取り込みと同じ基準で確認します(登録済みの委託先、期限は起票日以降、未来の対象月は不可など)。新規対応事項の起票日は開催日になります。",
        "en": "Entries are checked by the same rules as uploaded files (a registered vendor, "
              "due not before raised, no future month). New actions are raised on the meeting day.",
    },
    "reviews.edit-action": {"ja": "対応事項を修正", "en": "Edit an action item"},
    "reviews.add-action": {"ja": "対応事項を追加(会議以外で起票)", "en": "Add an action item (outside a meeting)"},
    "reviews.edit-meeting": {"ja": "会議の記録を修正", "en": "Correct a meeting record"},
    "form.none": {"ja": "(未設定)", "en": "(none)"},
    "form.actions-help": {
        "ja": "対応内容か担当者を入力した行を登録します(担当者・期限は必須)。空の行は無視します。",
        "en": "Rows with an action or an owner are recorded (owner and due date required); "
              "empty rows are ignored.",
    },
    "form.save-meeting": {"ja": "記録する", "en": "Save"},
    "form.save": {"ja": "保存", "en": "Save"},
    "form.add-action": {"ja": "追加する", "en": "Add"},
    "form.pick-action": {"ja": "修正する対応事項を選択", "en": "Choose the action item to edit"},
    "form.pick-meeting": {"ja": "修正する会議を選択", "en": "Choose the meeting to correct"},
    "form.mark-done": {"ja": "完了", "en": "Done"},
    "form.mark-cancelled": {"ja": "取消", "en": "Cancel"},
    "form.late": {"ja": "({days}日超過)", "en": " ({days} days overdue)"},
    "form.days-late": {"ja": "{days}日超過", "en": "{days} days overdue"},
    "form.no-change": {"ja": "変更はありません。", "en": "Nothing changed."},
    "form.meeting-saved": {"ja": "{vendor} の会議を記録しました(バッチ {batches})。", "en": "Meeting with {vendor} saved (batch {batches})."},
    "form.meeting-updated": {"ja": "会議の記録を修正しました(バッチ {batches})。", "en": "Meeting record corrected (batch {batches})."},
    "form.action-saved": {"ja": "対応事項を保存しました(バッチ {batches})。", "en": "Action item saved (batch {batches})."},
    "form.status-done": {"ja": "対応事項を完了にしました(完了日は本日、バッチ {batches})。", "en": "Action marked done, closed today (batch {batches})."},
    "form.status-cancelled": {"ja": "対応事項を取り消しました(記録は残ります、バッチ {batches})。", "en": "Action cancelled; its record is kept (batch {batches})."},
    "form.status-open": {"ja": "対応事項を未完了に戻しました(バッチ {batches})。", "en": "Action reopened (batch {batches})."},
    "edit.field": {"ja": "{field}:{message}", "en": "{field}: {message}"},
    "edit.row": {"ja": "{kind} {n} 行目 ― {message}", "en": "{kind}, row {n}: {message}"},
    "changes.help": {
        "ja": "画面から行った記録・修正を項目ごとに、誰が・いつ・何から何へ変えたかを残しています。削除はせず、取消は状況の変更として記録します。ファイル取り込みによる変更は「アップロード」の取り込み履歴に残ります。",
        "en": "Every record and edit made in the app, field by field: who, when, from what to "
              "what. Nothing is deleted; cancelling is a status change. Changes by file upload "
              "are in the import history on the Upload page.",
    },
    "changes.empty": {"ja": "画面からの変更はまだありません。", "en": "No edits made in the app yet."},
    "changes.when": {"ja": "日時", "en": "When"},
    "changes.who": {"ja": "実行者", "en": "By"},
    "changes.record": {"ja": "対象", "en": "Record"},
    "changes.field": {"ja": "項目", "en": "Field"},
    "changes.old": {"ja": "変更前", "en": "Old value"},
    "changes.new": {"ja": "変更後", "en": "New value"},
    "list.sep": {"ja": "、", "en": ", "},
    "agenda.why-red": {"ja": "要対応（{axes}）", "en": "red on {axes}"},
    "agenda.why-amber": {"ja": "注意（{axes}）", "en": "amber on {axes}"},
    "agenda.why-missing_report": {"ja": "月次KPI報告が未提出", "en": "KPI report missing"},
    "agenda.why-overdue": {"ja": "期限超過の対応事項 {n} 件", "en": "{n} overdue action item(s)"},
    "agenda.why-reviewed": {"ja": "当月の会議記録あり", "en": "reviewed this month"},
    "meeting.held": {"ja": "開催日", "en": "Meeting day"},
    "meeting.attendees": {"ja": "出席者", "en": "Attendees"},
    "meeting.attendees-help": {
        "ja": "各委託先の議事の出席者の初期値になります(委託先ごとに修正できます)。",
        "en": "Pre-fills the attendees of each vendor's record (editable per vendor).",
    },
    "meeting.step": {"ja": "議題", "en": "Agenda item"},
    "meeting.agenda": {"ja": "議題一覧", "en": "Agenda"},
    "meeting.minutes": {"ja": "議事録", "en": "Minutes"},
    "meeting.previous": {"ja": "前へ", "en": "Previous"},
    "meeting.next": {"ja": "次へ", "en": "Next"},
    "meeting.agenda-title": {"ja": "{month}分 進捗確認会議の議題　開催日 {held}", "en": "Review of {month}: agenda, meeting on {held}"},
    "meeting.agenda-help": {
        "ja": "要対応・注意の評価軸がある委託先、月次報告が未提出の委託先、期限超過の対応事項がある委託先を、総合スコアの高い順(同点は期限超過件数の多い順、委託先ID順)に並べています。期限超過は開催日時点で数えます。",
        "en": "Vendors with a red or amber axis, a missing report or overdue actions, highest "
              "overall score first (then most overdue actions, then vendor ID). Overdue is "
              "counted on the meeting day.",
    },
    "meeting.nothing": {"ja": "この月に審議が必要な委託先はありません。", "en": "No vendor needs review this month."},
    "meeting.recorded": {"ja": "議事記録", "en": "Recorded"},
    "meeting.report": {"ja": "月次報告", "en": "KPI report"},
    "meeting.overdue-count": {"ja": "期限超過(件)", "en": "Overdue"},
    "meeting.report-missing": {"ja": "未提出", "en": "missing"},
    "meeting.recorded-yes": {"ja": "記録済み", "en": "yes"},
    "meeting.start": {"ja": "最初の議題から始める", "en": "Start with the first item"},
    "meeting.why": {"ja": "議題とした理由:{why}", "en": "On the agenda because: {why}"},
    "meeting.last": {"ja": "前回の会議", "en": "Last meeting"},
    "meeting.this-month": {"ja": "この月の記録", "en": "This month's record"},
    "meeting.held-on": {"ja": "{held} 開催", "en": "Held {held}"},
    "meeting.last-line": {"ja": "{held} 開催(対象月 {period})・評価 {assessment}", "en": "Held {held} (on {period}), assessment {assessment}"},
    "meeting.trends": {"ja": "指標の推移", "en": "Measures over time"},
    "meeting.trends-help": {"ja": "基準を超えた評価軸の指標のみ表示します。色帯は基準(緑=良好・黄=注意・赤=要対応)、青の破線は進捗確認会議です。", "en": "Only the axes with a crossed threshold. Bands: green, amber, red thresholds; blue dashes: review meetings."},
    "meeting.position": {"ja": "議題 {n} / {total}", "en": "Item {n} of {total}"},
    "meeting.record": {"ja": "今回の議事を記録　{held}", "en": "Record this meeting ({held})"},
    "meeting.recorded-on": {"ja": "この月の議事は {held} の会議で記録済みです。ここで記録すると開催日の会議として追加されます。", "en": "This month was already reviewed at the meeting of {held}; saving here adds a record for this meeting day."},
    "meeting.save-next": {"ja": "記録して次へ", "en": "Save and next"},
    "meeting.minutes-lang": {"ja": "議事録の言語", "en": "Language of the minutes"},
    "meeting.prepared-by": {"ja": "作成者(議事録に記載)", "en": "Prepared by (printed on the minutes)"},
    "meeting.download-md": {"ja": "Markdown", "en": "Markdown"},
    "meeting.download-csv": {"ja": "CSV(Excel用)", "en": "CSV (Excel)"},
    "meeting.undiscussed": {"ja": "議題のうち {n} 社は議事が記録されていません(議事録では「未審議の委託先」に載ります)。", "en": "{n} vendor(s) on the agenda have no record yet (listed as not discussed)."},
    "minutes.written": {"ja": "{month} の議事録を書き出しました: {path}", "en": "Minutes of {month} written to {path}"},
    "minutes.title": {"ja": "委託先進捗確認会議 議事録（{month}分）", "en": "Vendor progress review: minutes for {month}"},
    "minutes.colon": {"ja": "：", "en": ": "},
    "minutes.not-held": {"ja": "（未開催）", "en": "(not held yet)"},
    "minutes.none": {"ja": "なし", "en": "None"},
    "minutes.agenda": {"ja": "審議対象", "en": "Agenda"},
    "minutes.agenda-count": {"ja": "議題 {total} 社のうち {discussed} 社を審議", "en": "{discussed} of {total} vendors on the agenda discussed"},
    "minutes.prepared-on": {"ja": "作成日", "en": "Prepared on"},
    "minutes.prepared-by": {"ja": "作成者", "en": "Prepared by"},
    "minutes.risk": {"ja": "リスク判定", "en": "Risk status"},
    "minutes.axis": {"ja": "{axis} {status}（{score}点）", "en": "{axis} {status} ({score})"},
    "minutes.not-scored": {"ja": "対象月は契約期間外のため判定なし", "en": "not scored (no contract in the month)"},
    "minutes.why": {"ja": "議題とした理由", "en": "On the agenda because"},
    "minutes.new-actions": {"ja": "新規対応事項", "en": "New action items"},
    "minutes.not-discussed": {"ja": "未審議の委託先(次回に持ち越し)", "en": "On the agenda, not discussed (carried over)"},
    "minutes.overdue": {"ja": "期限超過の対応事項（{date}時点）", "en": "Overdue action items (as of {date})"},
    "minutes.days": {"ja": "{n}日", "en": "{n}"},
    "minutes.end": {"ja": "以上", "en": "End of minutes."},
    "minutes.csv-record": {"ja": "種別", "en": "record"},
    "minutes.csv-vendor_name": {"ja": "委託先名", "en": "vendor_name"},
    "minutes.csv-days_overdue": {"ja": "超過日数", "en": "days_overdue"},
    "minutes.record-meeting": {"ja": "議事", "en": "meeting"},
    "minutes.record-new": {"ja": "新規対応事項", "en": "new action"},
    "minutes.record-overdue": {"ja": "期限超過", "en": "overdue action"},
    "upload.files": {
        "ja": "取り込むファイル(CSV・TSV・XLSX・XLS・ODS。複数選択可、1 ファイル {limit} まで)",
        "en": "Files to load (CSV, TSV, XLSX, XLS, ODS; several at once, up to {limit} each)",
    },
    "upload.help": {
        "ja": "委託先台帳・月次KPI報告・進捗確認会議・対応事項のファイルを取り込みます。ファイルを選ぶと内容を検証し、"
              "変更点を表示します。「取り込む」を押すまで、データベースには何も書き込みません。",
        "en": "Load vendor register, monthly KPI, review meeting and action item files. "
              "Choosing a file checks it and shows what would change; nothing is written "
              "until you press Load.",
    },
    "upload.load": {"ja": "取り込む", "en": "Load"},
    "upload.history": {"ja": "取り込み履歴", "en": "Import history"},
    "upload.kind": {"ja": "種類", "en": "Kind"},
    "upload.kind-auto": {"ja": "自動判別", "en": "Detect"},
    "upload.kind-auto-found": {"ja": "自動判別: {kind}", "en": "Detected: {kind}"},
    "upload.kind-auto-none": {"ja": "判別できません(種類を選んでください)",
                              "en": "Not detected (choose the kind)"},
    "upload.sheet": {"ja": "シート", "en": "Sheet"},
    "upload.sheet-auto": {"ja": "自動: {sheet}", "en": "Automatic: {sheet}"},
    "upload.sheet-skipped": {
        "ja": "シート「{skipped}」には取り込める表がないため、シート「{sheet}」を読み込みました。",
        "en": "Sheet “{skipped}” holds no table to load, so sheet “{sheet}” was read.",
    },
    "upload.step-template": {"ja": "① 記入用テンプレート", "en": "1. Templates"},
    "upload.step-files": {"ja": "② ファイルを選んで検証する", "en": "2. Choose files and check them"},
    "upload.step-history": {"ja": "③ 取り込み履歴と取り消し", "en": "3. Import history and rollback"},
    "upload.none": {
        "ja": "ファイルはまだ選ばれていません。テンプレートに記入したファイル、または自社の Excel・CSV を上の枠にドラッグするか、"
              "「Upload」ボタンから選んでください。",
        "en": "No file chosen yet. Drag a filled-in template or your own Excel or CSV file "
              "onto the box above, or use the Upload button.",
    },
    "upload.info-text": {
        "ja": "{format} · 文字コード {encoding} · 見出し {header} 行目 · データ {rows} 行",
        "en": "{format} · encoding {encoding} · header on row {header} · {rows} data rows",
    },
    "upload.info-book": {
        "ja": "Excel ブック · シート「{sheet}」 · 見出し {header} 行目 · データ {rows} 行",
        "en": "Workbook · sheet “{sheet}” · header on row {header} · {rows} data rows",
    },
    "encoding.utf-8-bom": {"ja": "UTF-8(BOM付き)", "en": "UTF-8 (with BOM)"},
    "encoding.utf-8": {"ja": "UTF-8", "en": "UTF-8"},
    "encoding.cp932": {"ja": "Shift_JIS(CP932)", "en": "Shift_JIS (CP932)"},
    "encoding.utf-16": {"ja": "UTF-16", "en": "UTF-16"},
    "upload.refused": {
        "ja": "取り込めません。{summary} このファイルの内容はデータベースに一切書き込んでいません。"
              "下の一覧(ダウンロードもできます)のとおり元のファイルを修正して、もう一度選んでください。",
        "en": "This file cannot be loaded. {summary} Nothing of it was written; fix it and "
              "choose the file again.",
    },
    "upload.report-csv": {"ja": "問題一覧(CSV)", "en": "Problems (CSV)"},
    "upload.report-xlsx": {"ja": "問題一覧(Excel)", "en": "Problems (Excel)"},
    "upload.ready": {
        "ja": "検証に合格しました(データ {rows} 行、問題なし)。まだ書き込んでいません。下の変更内容を確認し、"
              "よければ「このファイルを取り込む」を押してください。",
        "en": "Checked: {rows} data rows, no problems. Nothing written yet: review the "
              "changes below, then press “Load this file”.",
    },
    "upload.waiting": {
        "ja": "このファイルには、同時に選んだ委託先台帳({files})で新しく登録される委託先が含まれています。"
              "先に台帳を取り込むか、「すべて取り込む」で台帳から順に取り込んでください。",
        "en": "This file names vendors that the register chosen with it ({files}) adds. Load "
              "the register first, or use “Load all”, which loads the register first.",
    },
    "upload.loaded-before": {
        "ja": "同じ内容のファイルはバッチ {batch} として取り込み済みです({when}、{who})。取り込み直す必要はありません。",
        "en": "This exact file was already loaded as batch {batch} ({when}, by {who}); "
              "there is nothing to load.",
    },
    "upload.undo-hint": {
        "ja": "元に戻すときは、「③ 取り込み履歴と取り消し」でバッチ {batch} を取り消してください。",
        "en": "To undo it, roll back batch {batch} under “3. Import history and rollback”.",
    },
    "upload.commit": {"ja": "このファイルを取り込む", "en": "Load this file"},
    "upload.commit-all": {
        "ja": "すべて取り込む({count} ファイル、委託先台帳から順に)",
        "en": "Load all {count} files (register first)",
    },
    "upload.committing": {"ja": "取り込んでいます…", "en": "Loading…"},
    "upload.committing-file": {"ja": "{file}({rows} 行)を書き込んでいます…",
                               "en": "Writing {file} ({rows} rows)…"},
    "upload.committed": {"ja": "取り込みが終わりました。", "en": "Loading finished."},
    "upload.checking": {"ja": "ファイルを検証しています…", "en": "Checking the files…"},
    "upload.notes": {"ja": "補足", "en": "Notes"},
    "preview.title": {"ja": "取り込んだ場合の変更内容", "en": "What loading this file would change"},
    "preview.metric-new": {"ja": "新規に追加", "en": "Added"},
    "preview.metric-replaced": {"ja": "値を更新", "en": "Replaced"},
    "preview.metric-unchanged": {"ja": "変更なし", "en": "Unchanged"},
    "preview.metric-kept": {"ja": "ファイルにない台帳の委託先", "en": "Register vendors not in file"},
    "preview.new-rows.vendors": {"ja": "台帳に新しく追加される委託先", "en": "Vendors added to the register"},
    "preview.new-rows.kpis": {"ja": "新しく追加される委託先・対象月", "en": "New vendor-months"},
    "preview.new-rows.reviews": {"ja": "新しく追加される進捗確認会議", "en": "New review meetings"},
    "preview.new-rows.actions": {"ja": "新しく追加される対応事項", "en": "New action items"},
    "preview.replaced-title": {
        "ja": "置き換えられる値(変更のある項目のみ)",
        "en": "Values replaced (changed items only)",
    },
    "preview.replaced-help": {
        "ja": "{columns} が同じ登録済みの行を置き換えます。置き換え前の値は取り込み履歴に残り、このバッチを取り消すと元に戻ります。",
        "en": "Stored rows with the same {columns} are replaced; the old values are kept in the "
              "import history and come back if the batch is rolled back.",
    },
    "preview.absent": {
        "ja": "このファイルには次の列がありません: {columns}。置き換えられる行では、これらの項目が空欄になります"
              "(上の表の「(空欄)」)。消したくない場合は、列を加えて値を記入してください。",
        "en": "This file has no column for: {columns}. In the rows it replaces these items "
              "become empty (“(empty)” above); add the columns with their values to keep them.",
    },
    "preview.updated-vendors": {"ja": "更新される委託先: {ids}", "en": "Vendors updated: {ids}"},
    "preview.kept-title": {
        "ja": "このファイルにない台帳の委託先(削除せず、そのまま残します)",
        "en": "Register vendors not in this file (kept as they are, not deleted)",
    },
    "preview.nothing": {
        "ja": "登録済みのデータとまったく同じ内容です(新規・更新はありません)。",
        "en": "Identical to the stored data: nothing would be added or changed.",
    },
    "preview.risk-title": {"ja": "リスク評価への影響(対象月: {months})", "en": "Effect on risk ({months})"},
    "preview.risk-count": {
        "ja": "{count} 社で評価(良好・注意・要対応)が変わります。",
        "en": "The status changes for {count} vendors.",
    },
    "preview.risk-new-months": {
        "ja": "新しく追加される委託先・対象月は、取り込み前は「月次KPI報告なし」として評価されています(報告がない月は良好になりません)。",
        "en": "New vendor-months are scored before loading as “no KPI report” (a month "
              "without a report is never green).",
    },
    "preview.risk-none": {
        "ja": "評価(良好・注意・要対応)が変わる委託先はありません。",
        "en": "No vendor's status (green, amber, red) changes.",
    },
    "preview.risk-not-used": {
        "ja": "進捗確認会議・対応事項はリスク評価の計算に使わないため、評価は変わりません。",
        "en": "Meetings and action items do not enter the risk scores; no status changes.",
    },
    "preview.risk-no-months": {
        "ja": "月次KPI報告がまだないため、評価への影響はありません。",
        "en": "There are no KPI reports yet, so no status changes.",
    },
    "preview.empty": {"ja": "(空欄)", "en": "(empty)"},
    "preview.item": {"ja": "項目", "en": "Item"},
    "preview.old": {"ja": "変更前", "en": "Before"},
    "preview.new": {"ja": "変更後", "en": "After"},
    "preview.not-scored": {"ja": "評価対象外", "en": "not scored"},
    "preview.score": {"ja": "スコア", "en": "Score"},
    "preview.status": {"ja": "評価(変更前 → 変更後)", "en": "Status (before → after)"},
    "template.title": {
        "ja": "記入用テンプレートをダウンロード(初めての方はこちら)",
        "en": "Download a template to fill in (start here)",
    },
    "template.headers": {"ja": "見出し", "en": "Headers"},
    "template.headers-ja": {"ja": "日本語(委託先ID など)", "en": "Japanese (委託先ID …)"},
    "template.headers-en": {"ja": "英語の列名(vendor_id など)", "en": "English column names (vendor_id …)"},
    "template.example": {"ja": "記入例を入れる(3 行)", "en": "Include example rows (3)"},
    "template.file-name": {"ja": "{kind}_テンプレート", "en": "{kind}_template"},
    "template.xlsx": {"ja": "Excel(XLSX)", "en": "Excel (XLSX)"},
    "template.csv": {"ja": "CSV(UTF-8 BOM付き)", "en": "CSV (UTF-8 with BOM)"},
    "template.csv-cp932": {"ja": "CSV(Shift_JIS・古い Excel 向け)", "en": "CSV (Shift_JIS, older Excel)"},
    "template.help": {
        "ja": "Excel 版には、選択肢のドロップダウン、数値・日付の書式、各列の説明(見出しのコメント、* は必須)が入っています。"
              "記入したら Excel 形式または CSV 形式で保存し、② で選んでください。",
        "en": "The Excel version has dropdowns for the choices, number and date formats and "
              "each column's help as a header comment (* = required). Save it as Excel or "
              "CSV and choose it under 2.",
    },
    "history.help": {
        "ja": "取り消すと、そのバッチで追加した行を削除し、置き換えた値を元に戻します。"
              "後のバッチがその行をさらに置き換えている場合は、後のバッチから順に取り消してください。",
        "en": "Rolling a batch back removes the rows it added and puts back the values it "
              "replaced. If a later batch replaced those rows again, roll that one back first.",
    },
    "history.rows": {
        "ja": "{total} 行(新規 {inserted}・更新 {replaced}・変更なし {unchanged})",
        "en": "{total} rows ({inserted} new, {replaced} replaced, {unchanged} unchanged)",
    },
    "history.rolled-back": {"ja": "{when}({who})", "en": "{when} by {who}"},
    "history.rollback": {"ja": "取り消す", "en": "Roll back"},
    "history.rollback-confirm": {
        "ja": "バッチ {batch}({file})を取り消します。このバッチで追加した {inserted} 行を削除し、"
              "置き換えた {replaced} 行を取り込み前の値に戻します。",
        "en": "Roll back batch {batch} ({file}): the {inserted} rows it added are removed "
              "and the {replaced} rows it replaced get their previous values back.",
    },
    "history.rollback-do": {"ja": "取り消しを実行する", "en": "Roll back now"},
    "history.showing": {
        "ja": "新しい順に {shown} 件を表示しています(全 {total} 件)。",
        "en": "Showing the latest {shown} of {total} batches.",
    },
    "history.actions": {"ja": "操作", "en": "Action"},
    "history.loaded": {"ja": "日時・実行者", "en": "When, by"},
    "history.file": {"ja": "種類: ファイル名", "en": "Kind: file"},
    # --- access control (governance.access, ui.auth, /settings) ------------------------
    "error.access-denied": {
        "ja": "{user}({role})には、この操作の権限がありません({permission})。必要な場合は管理者に依頼してください。",
        "en": "{user} ({role}) may not do this ({permission}). Ask an administrator if you need it.",
    },
    "error.access-config": {
        "ja": "secrets.toml の [access] 設定に誤りがあります: {detail}",
        "en": "The [access] settings in secrets.toml are not valid: {detail}",
    },
    "error.signin-failed": {
        "ja": "ユーザー名またはパスワードが違います。",
        "en": "Wrong user name or password.",
    },
    "error.locked-out": {
        "ja": "サインインの失敗が続いたため、このユーザーはロックされています。約 {minutes} 分後に再度お試しください。",
        "en": "Too many failed sign-ins: this user is locked. Try again in about {minutes} minutes.",
    },
    "error.no-role": {
        "ja": "{email} にはこのダッシュボードの利用権限がありません。管理者に依頼してください。",
        "en": "{email} has no access to this dashboard. Ask an administrator.",
    },
    "page.settings": {"ja": "設定・監査ログ", "en": "Settings & audit log"},
    "role.viewer": {"ja": "閲覧者", "en": "viewer"},
    "role.editor": {"ja": "編集者", "en": "editor"},
    "role.admin": {"ja": "管理者", "en": "admin"},
    "access.local": {"ja": "ローカル利用(認証なし)・管理者", "en": "Local use (no sign-in) · admin"},
    "access.signed-in": {"ja": "{user}({role})", "en": "{user} ({role})"},
    "access.sign-out": {"ja": "サインアウト", "en": "Sign out"},
    "access.sign-in": {"ja": "サインイン", "en": "Sign in"},
    "access.sign-in-title": {"ja": "サインインしてください", "en": "Please sign in"},
    "access.sign-in-help": {
        "ja": "このダッシュボードは社外秘です。サインインすると、開いたリンクの画面を表示します。",
        "en": "This dashboard is confidential. After signing in you see the view of the link you opened.",
    },
    "access.oidc-help": {
        "ja": "会社のアカウントでサインインします。サインイン後はトップ画面が開きます。共有されたリンクは、もう一度開いてください。",
        "en": "Sign in with your company account. You land on the overview afterwards: open the shared link again.",
    },
    "access.user": {"ja": "ユーザー名", "en": "User name"},
    "access.password": {"ja": "パスワード", "en": "Password"},
    "access.read-only": {
        "ja": "閲覧者は参照のみです。登録・編集・取り込みは編集者以上が行えます。",
        "en": "Viewers can read only; editors and admins record, edit and upload.",
    },
    "settings.mode": {"ja": "認証方式: {mode}", "en": "Sign-in mode: {mode}"},
    "settings.users": {"ja": "ユーザーと権限", "en": "Users and roles"},
    "settings.audit": {"ja": "監査ログ(新しい順)", "en": "Audit log (newest first)"},
    "settings.audit-help": {
        "ja": "ファイルの取り込み・取り消し、会議と対応事項の登録・編集を、実行者と日時とともに記録しています。",
        "en": "Every upload, rollback and recorded or edited meeting and action, with who and when.",
    },
    "audit.when": {"ja": "日時", "en": "When"},
    "audit.who": {"ja": "実行者", "en": "Who"},
    "audit.event": {"ja": "操作", "en": "Event"},
    "audit.what": {"ja": "対象", "en": "What"},
    "audit.detail": {"ja": "内容", "en": "Detail"},
    "audit.upload": {"ja": "取り込み", "en": "upload"},
    "audit.rollback": {"ja": "取り消し", "en": "rollback"},
    "audit.edit": {"ja": "記録・編集", "en": "record/edit"},
    "audit.user": {"ja": "ユーザー/規則", "en": "User / rule"},
    "audit.role": {"ja": "権限", "en": "Role"},
    "hash.prompt": {"ja": "パスワード(標準入力から読み込みます)", "en": "Password (read from standard input)"},
}


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """The message ``key`` in ``lang`` with ``params`` filled in."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**params) if params else text


def choose_lang(value: object) -> str:
    """A supported language code from user input (query param, option), default Japanese."""
    return value if value in LANGS else DEFAULT_LANG
