"""Upload templates per kind: empty or with example rows, Japanese or canonical headers,
as CSV (UTF-8 with BOM, or CP932 for older Excel) or XLSX with dropdowns for enumerated
columns, number formats and each column's help as a header comment."""

from __future__ import annotations

import csv
import io

import pandas as pd
import xlsxwriter

from governance import cp932
from governance.catalog import KINDS, Column
from governance.formats import cell, header

FORMATS = ("csv", "csv-cp932", "xlsx")
EXAMPLE_ROWS = 3

_NUMBER_FORMATS = {"integer": "#,##0", "number": "0.0", "percent": "0.0",
                   "date": "yyyy/mm/dd", "datetime": "yyyy/mm/dd hh:mm",
                   "month": 'yyyy"年"m"月"',
                   "corporate_number": "@"}  # text: Excel would show 13 digits as 1.2E+12


def examples(kind: str) -> pd.DataFrame:
    """The first rows of the demo data of ``kind``, typed (the example in templates)."""
    from governance import demo
    from governance.ingest.readers import read_table
    from governance.ingest.validate import validate

    path = demo.DEMO_DIR / f"{kind}.csv"
    if not path.exists():  # the demo has no ticket export: the template stays empty
        return pd.DataFrame(columns=list(KINDS[kind].names))
    return validate(read_table(path.read_bytes()), kind).frame.head(EXAMPLE_ROWS)


def render(kind: str, lang: str, fmt: str, example: bool = False) -> bytes:
    spec = KINDS[kind]
    rows = examples(kind) if example else pd.DataFrame(columns=list(spec.names))
    if fmt == "xlsx":
        return _xlsx(spec.columns, rows, lang, spec.label(lang))
    head = [header(c, lang) for c in spec.columns]
    cells = [[cell(row[c.name], c, lang) for c in spec.columns] for _, row in rows.iterrows()]
    text = _csv(head, cells)
    if fmt == "csv-cp932":  # a character CP932 lacks: the cells are named, nothing changed
        return cp932.encode(head, cells, text)
    return text.encode("utf-8-sig")


def _csv(head: list[str], cells: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(head)
    writer.writerows(cells)
    return out.getvalue()


def _xlsx(columns: tuple[Column, ...], rows: pd.DataFrame, lang: str, title: str) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(title[:31])
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    formats = {t: book.add_format({"num_format": f}) for t, f in _NUMBER_FORMATS.items()}
    last_row = 1000
    for j, column in enumerate(columns):
        sheet.write(0, j, header(column, lang), bold)
        note = column.help(lang) + (" *" if column.required else "")
        sheet.write_comment(0, j, note)
        sheet.set_column(j, j, max(12, len(header(column, lang)) * 2), formats.get(column.type))
        choices = _choices(column, lang)
        if choices:
            sheet.data_validation(1, j, last_row, j, {"validate": "list", "source": choices})
        for i, value in enumerate(rows.get(column.name, [])):
            _write_typed(sheet, i + 1, j, value, column, lang, formats)
    sheet.freeze_panes(1, 0)
    book.close()
    return out.getvalue()


def _choices(column: Column, lang: str) -> list[str]:
    if column.type == "enum":
        return [c.ja if lang == "ja" else c.value for c in column.choices]
    if column.type == "boolean":
        return ["済", "未"] if lang == "ja" else ["yes", "no"]
    return []


def _write_typed(sheet, row: int, col: int, value, column: Column, lang: str, formats) -> None:
    if value is None or pd.isna(value):
        return
    if column.type in ("date", "datetime", "month"):
        sheet.write_datetime(row, col, pd.Timestamp(value).to_pydatetime(),
                             formats[column.type])
    elif column.type in ("integer", "number", "percent"):
        sheet.write_number(row, col, float(value), formats[column.type])
    else:
        sheet.write_string(row, col, cell(value, column, lang))
