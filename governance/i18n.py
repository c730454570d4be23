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
    "report.summary": {
        "ja": "{problems} 件の問題({rows} 行)",
        "en": "{problems} problems in {rows} rows",
    },
    "report.refused": {
        "ja": "{file}: 取り込みを中止しました。{summary}。データベースは変更していません。",
        "en": "{file}: refused. {summary}. Nothing was written to the database.",
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
    "error.no-month": {
        "ja": "対象月 {month} のデータがありません。",
        "en": "There is no data for {month}.",
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
        "ja": "バッチ {batch} を取り消しました: {removed} 件を削除、{restored} 件を復元しました。",
        "en": "Batch {batch} rolled back: {removed} rows removed, {restored} rows restored.",
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
    "chart.axis": {"ja": "リスク軸", "en": "Axis"},
    "chart.status": {"ja": "評価", "en": "Status"},
    "chart.score": {"ja": "スコア", "en": "Score"},
    "chart.vendors": {"ja": "委託先数", "en": "Vendors"},
    "chart.meeting": {"ja": "進捗確認会議", "en": "Review meeting"},
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
    "upload.files": {"ja": "ファイル(CSV・TSV・XLSX)", "en": "Files (CSV, TSV, XLSX)"},
    "upload.help": {
        "ja": "委託先台帳・月次KPI報告・進捗確認会議・対応事項のファイルを選んでください。種類は見出しから判別します。",
        "en": "Choose vendor register, monthly KPI, review meeting or action item files; the "
              "kind is told from the headers.",
    },
    "upload.load": {"ja": "取り込む", "en": "Load"},
    "upload.history": {"ja": "取り込み履歴", "en": "Import history"},
    "upload.kind": {"ja": "種類", "en": "Kind"},
    "upload.kind-auto": {"ja": "自動判別", "en": "Detect"},
}


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """The message ``key`` in ``lang`` with ``params`` filled in."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**params) if params else text


def choose_lang(value: object) -> str:
    """A supported language code from user input (query param, option), default Japanese."""
    return value if value in LANGS else DEFAULT_LANG
