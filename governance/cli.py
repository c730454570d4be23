"""``python -m governance``: the command line that scripts and scheduled jobs rely on.

Exit codes: 0 success (every file loaded, or changing nothing), 1 a file was refused or an
operation could not be done, 2 usage errors (missing file, bad option, unusable database).
Errors are printed as one clear message; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import traceback
from pathlib import Path

import pandas as pd

from governance import access, cli_profiles, settings
from governance.calendar import Month
from governance.catalog import KINDS
from governance.errors import GovernanceError, UsageError
from governance.i18n import LANGS, t
from governance.lazy import Lazy
from governance.store import Store
from governance.store.engine import describe

CLI_MAX_MB = 200.0  # scheduled jobs load bigger files than the app's upload page (20 MB)


demo = Lazy("governance.demo")
pipeline = Lazy("governance.ingest.pipeline")
problems = Lazy("governance.ingest.problems")
readers = Lazy("governance.ingest.readers")
suggest = Lazy("governance.ingest.profiles.suggest")
templates = Lazy("governance.ingest.templates", FORMATS=("csv", "csv-cp932", "xlsx"))
exports = Lazy("governance.views.score_table")
minutes = Lazy("governance.reviews.minutes")
minutes_export = Lazy("governance.reviews.minutes_export")
minutes_pdf = Lazy("governance.reviews.minutes_pdf")
month_data = Lazy("governance.views.month")
scoring_config = Lazy("governance.scoring.config")
service = Lazy("governance.views.service")
report = Lazy("governance.report.executive", FORMATS=("html", "pdf"))  # = its FORMATS
remind = Lazy("governance.contracts.remind")
mail = Lazy("governance.contracts.mail")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m governance",
                                     description="Vendor governance: load, inspect and undo data.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="database file (default: $GOVERNANCE_DB or "
                                     "data/governance.duckdb)")
    common.add_argument("--lang", choices=LANGS, default="ja", help="language of messages")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", parents=[common], help="load CSV/TSV/XLSX files")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--kind", choices=list(KINDS), help="kind of file (default: detected)")
    p.add_argument("--sheet", help="worksheet to read in an XLSX (default: the first)")
    p.add_argument("--max-mb", type=float, default=CLI_MAX_MB,
                   help=f"refuse files larger than this many MB (default {CLI_MAX_MB:g})")
    p.add_argument("--profile", type=Path,
                   help="read the files with this import profile (TOML; default: the "
                        "saved profile a file fits, if any)")
    cli_profiles.add_parsers(sub, common)

    sub.add_parser("batches", parents=[common], help="list the import history")

    p = sub.add_parser("rollback", parents=[common], help="undo a batch")
    p.add_argument("batch_id", type=int)

    p = sub.add_parser("demo", parents=[common], help="load the demo data, or remove it")
    p.add_argument("--remove", action="store_true",
                   help="remove what the demo loaded (and nothing anyone else loaded)")

    p = sub.add_parser("copy", parents=[common],
                       help="copy a whole database, e.g. from the file to a PostgreSQL server")
    p.add_argument("source", help="database file or postgresql:// URL to copy from")
    p.add_argument("target", help="database file or postgresql:// URL to copy to")
    p.add_argument("--replace", action="store_true", help="overwrite a target that holds data")

    p = sub.add_parser("score", parents=[common], help="risk scores of a month")
    p.add_argument("--month", required=True, help="YYYY-MM")
    p.add_argument("--format", choices=("json", "csv", "table"), default="table")

    p = sub.add_parser("service", parents=[common],
                       help="the service each vendor's tickets show in a month")
    p.add_argument("--month", required=True, help="YYYY-MM")
    p.add_argument("--by", choices=("resolved", "opened"), default="resolved",
                   help="count the tickets resolved in the month (default) or opened in it")
    p.add_argument("--format", choices=("json", "csv", "table"), default="table")

    p = sub.add_parser("reviews", help="the progress-review log")
    reviews_sub = p.add_subparsers(dest="reviews_command", required=True)
    p = reviews_sub.add_parser("export", parents=[common],
                               help="the minutes of a month's review meetings")
    p.add_argument("--month", required=True, help="the month reviewed, YYYY-MM")
    p.add_argument("--format", choices=("md", "csv", "pdf"), default="md")
    p.add_argument("-o", "--output", type=Path,
                   help="file to write (default: stdout; a PDF needs a file)")
    p.add_argument("--prepared-by", help="name printed as the author of the minutes")

    p = sub.add_parser("report", parents=[common],
                       help="the month's one-page executive report (HTML or PDF)")
    p.add_argument("--month", required=True, help="YYYY-MM")
    p.add_argument("--format", choices=report.FORMATS,
                   help="html or pdf (default: from the extension of -o, else html)")
    p.add_argument("-o", "--output", type=Path, required=True)

    p = sub.add_parser("remind", parents=[common],
                       help="what falls due: notice deadlines, contract ends, overdue actions, "
                            "reviews and reports; --send e-mails each vendor owner")
    p.add_argument("--as-of", type=_day, help="YYYY-MM-DD (default: today)")
    p.add_argument("--window-days", type=int, default=90,
                   help="how many days ahead to look (default 90)")
    p.add_argument("--format", choices=("md", "json"), default="md")
    p.add_argument("--send", action="store_true",
                   help="e-mail each owner (owner_email) the lines of their vendors")

    sub.add_parser("hash-password", parents=[common],
                   help="read a password from stdin, print its argon2 hash for secrets.toml")

    p = sub.add_parser("template", parents=[common], help="write an upload template")
    p.add_argument("kind", choices=list(KINDS))
    p.add_argument("--format", choices=templates.FORMATS, default="csv")
    p.add_argument("--example", action="store_true", help="fill in example rows")
    p.add_argument("-o", "--output", type=Path, required=True)
    return parser


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _store(args) -> Store:
    """The store of a command: ``--db``, else ``[database] url`` of the secrets file the
    app reads, else ``$GOVERNANCE_DB``, else the default file (``governance.settings``)."""
    return Store(settings.cli_database(args.db))


def _print_report(upload, lang: str) -> None:
    for line in upload.summary(lang):
        print(line)
    if upload.refused and not upload.problems.file_level:
        print("  " + "\t".join(problems.headings(lang)))
        for row in upload.problems.table(lang):
            print("  " + "\t".join("" if v is None else str(v) for v in row.values()))


def cmd_ingest(args) -> int:
    missing = [p for p in args.files if not p.is_file()]
    if missing:
        for p in missing:
            print(t("error.file-not-found", args.lang, path=p), file=sys.stderr)
        return 2
    if args.profile is not None and args.kind is not None:
        raise UsageError("profiles.kind-and-profile")
    profile = cli_profiles.profile_file(args.profile)
    limit = int(args.max_mb * 1024 * 1024)
    # the files are parsed (in the helper process) while the store and the checks load
    ahead = readers.read_files_ahead(args.files, args.sheet, limit) if profile is None else {}
    store = _store(args)
    uploads = pipeline.load_paths(store, args.files, kind=args.kind, sheet=args.sheet,
                                  limit=limit, profile=profile, data=ahead)
    for upload in uploads:
        _print_report(upload, args.lang)
    if any(suggest.headers_unknown(u) for u in uploads):  # a sender's own layout: a profile
        print(t("profiles.hint", args.lang))
    if any(u.kind == "vendors" and u.result is not None and not u.result.nothing_changed
           for u in uploads):  # a register loaded: say how to take the demo out, if left
        left = demo.state(store)
        if left.present:
            print(t("demo.remove-hint", args.lang, rows=demo.rows_text(left.rows, args.lang),
                    command=demo.REMOVE_COMMAND))
    if any(u.kind == "tickets" and u.result is not None for u in uploads):
        groups, tickets = store.unassigned_tickets()  # kept and counted, never dropped
        if tickets:
            print(t("service.unassigned", args.lang, groups=f"{groups:,}",
                    tickets=f"{tickets:,}"))
    return 1 if any(u.refused for u in uploads) else 0


def cmd_batches(args) -> int:
    frame = _store(args).batches()
    if frame.empty:
        print(t("batches.empty", args.lang))
        return 0
    cols = ["batch_id", "kind", "file_name", "rows_total", "rows_inserted", "rows_replaced",
            "rows_unchanged", "loaded_by", "loaded_at", "status"]
    print("\t".join(cols))
    for row in frame[cols].itertuples(index=False):
        print("\t".join(str(v) for v in row))
    return 0


def cmd_rollback(args) -> int:
    result = pipeline.rollback(_store(args), args.batch_id, pipeline.current_user())
    for line in pipeline.rollback_summary(result, args.lang):
        print(line)
    return 0


def cmd_demo(args) -> int:
    if args.remove:
        result = demo.remove(_store(args), pipeline.current_user())
        for line in demo.removal_lines(result, args.lang):
            print(line)
        return 1 if result.kept_vendors else 0
    uploads = demo.load(_store(args))
    for upload in uploads:
        _print_report(upload, args.lang)
    return 1 if any(u.refused for u in uploads) else 0


def cmd_template(args) -> int:
    args.output.write_bytes(templates.render(args.kind, args.lang, args.format, args.example))
    print(t("template.written", args.lang, kind=KINDS[args.kind].label(args.lang),
            path=args.output))
    return 0


def cmd_score(args) -> int:
    results = month_data.scores(_store(args), Month.parse(args.month))
    if args.format == "json":  # one write: json.dump wrote a million small pieces
        binary = getattr(sys.stdout, "buffer", None)
        if binary is None:
            sys.stdout.write(exports.to_json(results) + "\n")
        else:
            sys.stdout.flush()
            binary.write(exports.to_json_bytes(results) + b"\n")
        return 0
    rows = [exports.score_row(r, args.lang) for r in results]
    if args.format == "csv":
        exports.write_csv(sys.stdout, rows)
    else:
        exports.write_table(sys.stdout, rows, args.lang)
    return 0


def cmd_service(args) -> int:
    """``service``: per vendor, the month's tickets, SLA met, reopened, median resolution
    hours, P1 tickets and backlog, beside the SLA attainment it reported."""
    found = service.service_month(_store(args), Month.parse(args.month), args.by)
    note = t("service.unassigned", args.lang, groups=f"{found.unassigned_groups:,}",
             tickets=f"{found.unassigned_tickets:,}") if found.unassigned_tickets else None
    if args.format == "json":
        json.dump(found.rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif args.format == "csv":
        exports.write_csv(sys.stdout, found.rows)
    else:
        exports.write_table(sys.stdout, [service.table_row(r, args.lang) for r in found.rows],
                            args.lang, head=service.heading)
    if note:  # after a table; beside JSON and CSV on stderr, which scripts parse apart
        print(note, file=sys.stdout if args.format == "table" else sys.stderr)
    return 0


def cmd_reviews(args) -> int:
    """``reviews export``: the minutes of a month (Markdown, CSV for Excel, or PDF)."""
    if args.format == "pdf" and args.output is None:  # binary on a terminal helps nobody
        raise UsageError("minutes.pdf-needs-output")
    month = Month.parse(args.month)
    data = month_data.read(_store(args), month, scoring_config.load(), trend_months=1)
    reviewed = (pd.to_datetime(data.reviews["period"]) == month.ts).any()
    if not reviewed:
        data.require_data()
    record = minutes.minutes(data, prepared_by=args.prepared_by)
    if args.format == "md":
        out = minutes_export.to_markdown(record, args.lang).encode("utf-8")
    elif args.format == "csv":
        out = minutes_export.to_csv(record, args.lang)
    else:
        out = minutes_pdf.to_pdf(record, args.lang)
    if args.output is None:
        sys.stdout.write(out.decode("utf-8-sig"))
        return 0
    args.output.write_bytes(out)
    print(t("minutes.written", args.lang, month=str(month), path=args.output))
    return 0


def cmd_report(args) -> int:
    """``report``: the executive summary of a month as a self-contained HTML file or PDF."""
    fmt = report.output_format(args.output, args.format)  # before any work: refuse early
    month = Month.parse(args.month)
    store = _store(args)
    data = month_data.read(store, month, scoring_config.load())
    args.output.write_bytes(report.render(data, fmt, args.lang, is_demo=demo.is_demo(store)))
    print(t("exec.written", args.lang, month=str(month), path=args.output))
    return 0


def cmd_remind(args) -> int:
    """``remind``: the digest of what falls due (Markdown or JSON); ``--send`` mails it,
    one message per owner address (for cron: docs/operations.md)."""
    if args.window_days < 0:
        raise UsageError("remind.window-negative")
    config = settings.cli_mail() if args.send else None  # a bad setting stops before work
    digest = remind.read(_store(args), args.as_of or dt.date.today(), args.window_days,
                         scoring_config.load())
    print(remind.to_json(digest) if args.format == "json" else remind.to_markdown(
        digest, args.lang))
    if not args.send:
        return 0
    messages, unaddressed = remind.messages(digest, args.lang)
    sent = mail.send(messages, config)
    log = sys.stderr if args.format == "json" else sys.stdout  # JSON stays parseable
    print(t("remind.sent", args.lang, count=len(sent), to=", ".join(sent)) if sent
          else t("remind.nothing-to-send", args.lang), file=log)
    if unaddressed:
        print(t("remind.unaddressed", args.lang, ids=", ".join(unaddressed)), file=log)
    return 0


def cmd_copy(args) -> int:
    source, target = Store(args.source), Store(args.target)
    written = source.copy_to(target, replace=args.replace)
    print(t("copy.done", args.lang, source=describe(args.source), target=describe(args.target),
            tables=len(written), rows=sum(written.values())))
    for table, rows in sorted(written.items()):
        print(f"  {table}\t{rows}")
    return 0


def cmd_hash_password(args) -> int:
    """``hash-password``: the line for ``[access.users.NAME] password_hash``."""
    if sys.stdin.isatty():
        import getpass

        password = getpass.getpass(t("hash.prompt", args.lang) + ": ")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    print(access.hash_password(password))
    return 0


def cmd_profiles(args) -> int:
    return cli_profiles.run(args, _store)


COMMANDS = {"hash-password": cmd_hash_password, "ingest": cmd_ingest, "batches": cmd_batches,
            "profiles": cmd_profiles,
            "rollback": cmd_rollback, "demo": cmd_demo, "template": cmd_template,
            "score": cmd_score, "service": cmd_service, "reviews": cmd_reviews,
            "copy": cmd_copy, "report": cmd_report, "remind": cmd_remind}


_PASSWORD_IN_URL = re.compile(r"(://[^:/@\s]+:)[^@\s]+@")


def write_log(exc: BaseException, argv: list[str]) -> Path | None:
    """Write ``exc``'s traceback and the command line (passwords in URLs masked) to a new
    file under ``$GOVERNANCE_LOG_DIR`` (default ``data/logs``); its path, or ``None`` when
    no file could be written."""
    try:
        directory = settings.environment().log_dir
    except GovernanceError:  # a broken variable must not hide the error being logged
        directory = settings.Environment().log_dir
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = directory / f"governance-{stamp}-{os.getpid()}.log"
    text = "python -m governance " + " ".join(argv) + "\n\n" + "".join(
        traceback.format_exception(exc))
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(_PASSWORD_IN_URL.sub(r"\1***@", text))
    except OSError:
        return None
    return path


def _internal(exc: BaseException, argv: list[str], lang: str) -> str:
    log = write_log(exc, argv)
    if log is None:
        return t("error.internal", lang, detail=type(exc).__name__)
    return t("error.internal-logged", lang, detail=type(exc).__name__, log=log)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except GovernanceError as exc:
        message = exc.message(args.lang)
        cause = exc.__cause__
        if cause is not None and not isinstance(cause, GovernanceError):
            log = write_log(exc, argv)  # an unexpected error inside (a load part-way)
            if log is not None:
                message += " " + t("error.see-log", args.lang, log=log)
        print(message, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except Exception as exc:  # last line of defence: a message and a log, never a traceback
        print(_internal(exc, argv, args.lang), file=sys.stderr)
        return 3
