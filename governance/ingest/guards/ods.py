"""ODS: the used area and the text of every table in ``content.xml``.

calamine reads every table when it opens the file, and names elements with their
``table:`` / ``office:`` / ``text:`` prefixes exactly as here. Its area runs to the last
row and column holding a value: the thousands of empty (even styled) repeated rows and
cells LibreOffice pads a sheet with cost nothing, but an empty repeat *before* a value, or
a repeated valued cell, does. A valued cell repeated N times holds N copies of its text,
and ``<text:s text:c="N"/>`` writes N spaces: both count towards ``MAX_TEXT_CHARS``.
"""

from __future__ import annotations

import zipfile

from governance.ingest.guards import check_area, check_text, xml_stream

# calamine reads no ODS cell past these (the XLSX grid), however far a repeat reaches.
ODS_MAX_ROWS, ODS_MAX_COLUMNS = 1_048_576, 16_384
_TEXT_ATTRS = ("office:string-value", "office:date-value", "office:time-value",
               "table:formula")


def check(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> None:
    for entry in entries:
        extent = _OdsExtent(entry.filename)
        with archive.open(entry) as stream:
            xml_stream.parse(stream, extent.start, extent.end, extent.chars)


def _repeat(attrs: dict, name: str) -> int:
    try:
        return max(int(attrs.get(name, 1)), 1)
    except ValueError:
        return 1  # calamine refuses the file


class _OdsExtent:
    """Streams a content.xml and stops as soon as one table's used area, as calamine
    allocates it, exceeds ``MAX_CELLS``, or its text exceeds ``MAX_TEXT_CHARS``."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.table = ""
        self.row = self.rows_repeated = self.col = self.cols_repeated = 0
        self.rows = self.cols = 0  # the used area of the current table
        self.in_cell = self.valued = False
        self.cell_text = self.text = 0

    def start(self, name: str, attrs: dict) -> None:
        if name == "table:table":
            self.table = attrs.get("table:name", "")
            self.row = self.rows = self.cols = self.text = 0
        elif name == "table:table-row":
            self.rows_repeated = _repeat(attrs, "table:number-rows-repeated")
            self.col = 0
        elif name in ("table:table-cell", "table:covered-table-cell"):
            self.cols_repeated = _repeat(attrs, "table:number-columns-repeated")
            self.in_cell = True
            self.valued = "office:value-type" in attrs or "table:formula" in attrs
            self.cell_text = sum(len(attrs.get(a, "")) for a in _TEXT_ATTRS)
        elif self.in_cell:  # text, annotation: count the cell as used, to be safe
            self.valued = True
            self.cell_text += 1  # the line break between paragraphs
            if name == "text:s":
                self.cell_text += _repeat(attrs, "text:c")

    def chars(self, text: str) -> None:
        if self.in_cell:
            self.cell_text += len(text)

    def end(self, name: str) -> None:
        if name == "table:table-row":
            self.row += self.rows_repeated
        elif name in ("table:table-cell", "table:covered-table-cell"):
            self.in_cell = False
            if self.valued:
                self._use(self.col + self.cols_repeated)
                self.text += self.cell_text * self.cols_repeated * self.rows_repeated
                check_text(self.text, f"{self.filename} ({self.table})")
            self.col += self.cols_repeated

    def _use(self, end_col: int) -> None:
        self.rows = max(self.rows, min(self.row + self.rows_repeated, ODS_MAX_ROWS))
        self.cols = max(self.cols, min(end_col, ODS_MAX_COLUMNS))
        check_area(self.rows, self.cols, f"{self.filename} ({self.table})")
