"""A refused file's report as a file people open in Excel: CSV (UTF-8 with BOM) or XLSX.

The same rows as ``ProblemList.table``: row (as Excel numbers it), column (as written), value,
problem, in the chosen language. Text that a spreadsheet could run as a formula (starting
with ``=``, ``+``, ``-``, ``@``, tab or CR) gets a leading ``'``; row numbers, and values of
numeric columns that are plain numbers, stay numbers.
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import xlsxwriter

from governance.catalog import KINDS, NUMERIC_TYPES, normalise_header
from governance.formats import neutralise
from governance.i18n import t
from governance.ingest.problems import Problem, ProblemList, headings
from governance.ingest.validate import aliases
from governance.ingest.values import PLAIN_NUMBER

_PLAIN_NUMBER = re.compile(PLAIN_NUMBER)  # what the readers take as a plain number


def _numeric_headers(kind: str | None) -> set[str]:
    """Headers (normalised) that name a numeric column of ``kind``."""
    if kind not in KINDS:
        return set()
    spec = KINDS[kind]
    return {h for h, name in aliases(spec).items() if spec.column(name).type in NUMERIC_TYPES}


def _value(problem: Problem, numeric: set[str]) -> object:
    value = problem.value
    if value is None:
        return None
    text = value.strip()
    if (problem.column is not None and normalise_header(problem.column) in numeric
            and _PLAIN_NUMBER.match(text)):
        return float(text) if "." in text else int(text)
    return value


def rows(report: ProblemList, lang: str, kind: str | None = None) -> list[list[object]]:
    """The header and the rows of the report, cells as Python values (not yet neutralised)."""
    numeric = _numeric_headers(kind)
    out: list[list[object]] = [headings(lang)]
    for p in report.sorted():
        out.append([p.row, p.column, _value(p, numeric), p.message(lang)])
    if report.hidden:
        out.append([None, None, None, report.more(lang)])
    return out


def frame(report: ProblemList, lang: str) -> pd.DataFrame:
    """The report for a table on screen: row numbers as integers, values as written."""
    out = pd.DataFrame(report.table(lang))
    if not out.empty:
        head = t("problems.row", lang)
        out[head] = out[head].astype("Int64")
    return out


def _safe(value: object) -> object:
    return neutralise(value) if isinstance(value, str) else value


def to_csv(report: ProblemList, lang: str, kind: str | None = None) -> bytes:
    """UTF-8 with BOM and CRLF line ends, as Excel for Windows expects."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows(report, lang, kind):
        writer.writerow(["" if v is None else _safe(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(report: ProblemList, lang: str, kind: str | None = None,
            sheet_title: str | None = None) -> bytes:
    """One sheet; text written as text (nothing is evaluated), numbers as numbers."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False,
                                     "strings_to_numbers": False, "strings_to_urls": False})
    sheet = book.add_worksheet(_sheet_name(sheet_title or t("problems.problem", lang)))
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    top = book.add_format({"valign": "top"})
    table = rows(report, lang, kind)
    for j, text in enumerate(table[0]):
        sheet.write_string(0, j, text, bold)
    for i, row in enumerate(table[1:], start=1):
        for j, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, int | float):
                sheet.write_number(i, j, value, top)
            else:
                sheet.write_string(i, j, _safe(str(value)), wrap if j == 3 else top)
    for j, width in enumerate((6, 22, 24, 80)):
        sheet.set_column(j, j, width)
    sheet.freeze_panes(1, 0)
    book.close()
    return out.getvalue()


def _sheet_name(title: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", "_", title).strip("'")
    return cleaned[:31] or "report"


def file_name(source: str, lang: str, extension: str) -> str:
    """``kpi_2026-10.csv`` -> ``kpi_2026-10_問題一覧.csv`` (only safe characters kept)."""
    stem = source.rsplit(".", 1)[0] if "." in source else source
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", stem)[:80] or "upload"
    return f"{stem}_{t('problems.file-suffix', lang)}.{extension}"
