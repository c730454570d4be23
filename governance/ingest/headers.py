"""The table under its header: finding the header row and shaping the raw table.

Owns ``RawTable`` (text cells under their headers as written, with each row's spreadsheet
number), finding the header row below any title rows, and dropping the empty rows and
columns Excel leaves around a table. Row numbers are those the user sees in Excel: the
header is the row it stands on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from governance.catalog import KINDS, normalise_header
from governance.ingest.guards import refuse
from governance.ingest.problems import Problem

HEADER_SEARCH_ROWS = 20

_KNOWN_HEADERS = frozenset(
    normalise_header(h) for k in KINDS.values() for c in k.columns
    for h in (c.name, c.ja, *c.aliases))


@dataclass
class RawTable:
    """Text cells under their headers as written, with each row's spreadsheet number."""

    headers: list[str]
    frame: pd.DataFrame  # columns are positions 0..n-1; cells are str or missing
    rows: pd.Series  # spreadsheet row number of each frame row
    file_format: str
    encoding: str | None = None
    sheet: str | None = None
    header_row: int = 1  # spreadsheet row number of the header (title rows may be above)
    warnings: list[Problem] = field(default_factory=list)  # notes found while reading
    top: list[list[str]] = field(default_factory=list)  # the sheet's first rows, trimmed
    # set by an import profile (``governance.ingest.profiles``): ``headers`` then name
    # catalog columns, ``written`` the sender's own headers by position (problems name
    # these); numbers of a column are multiplied by ``scale[column]`` once read; dates
    # such as 05/10/2026 are day first (True), month first (False), or decided by the
    # column (None)
    written: list[str] | None = None
    scale: dict[str, float] = field(default_factory=dict)
    dayfirst: bool | None = None

    def written_header(self, position: int) -> str:
        """The header at ``position`` as the sender wrote it."""
        return (self.written or self.headers)[position]


def trim(text: object) -> str:
    """A header cell as compared: ASCII and full-width spaces (and a BOM) trimmed."""
    return str(text).strip(" \t\u3000\ufeff")


def to_table(frame: pd.DataFrame, file_format: str, encoding: str | None = None,
             sheet: str | None = None, header_at_row: int | None = None) -> RawTable:
    """The raw table of a grid of text cells (row 0 is spreadsheet row 1). The header is
    on spreadsheet row ``header_at_row`` (an import profile's), else found."""
    if frame.empty:
        raise refuse("empty-file")
    frame = frame.fillna("")
    frame.columns = range(frame.shape[1])
    top = top_of(frame)
    header_at = header_row(frame) if header_at_row is None else header_at_row - 1
    if header_at >= len(frame):  # a profile's header row below the last row: no columns
        return RawTable([], pd.DataFrame(), pd.Series([], dtype="int64"), file_format,
                        encoding, sheet, header_at + 1, top=top)
    headers = [trim(h) for h in frame.iloc[header_at]]
    body = frame.iloc[header_at + 1:]
    # a row is empty only where its first cell is: the other cells of those rows only
    first_blank = _blank(body[0])
    if first_blank.any():
        empty_rows = pd.Series(False, index=body.index)
        empty_rows[first_blank] = body.loc[first_blank].apply(_blank).all(axis=1)
        if empty_rows.any():  # no copy of a large table that has none
            body = body.loc[~empty_rows]
    # a column without a header is kept when it holds something
    keep = [i for i, h in enumerate(headers) if h or not _blank(body[i]).all()]
    if len(keep) < body.shape[1]:
        body = body[keep]
    body.columns = range(len(keep))
    rows = pd.Series(body.index + 1, index=body.index)  # frame row 0 is spreadsheet row 1
    return RawTable([headers[i] for i in keep], body.reset_index(drop=True),
                    rows.reset_index(drop=True), file_format, encoding, sheet, header_at + 1,
                    top=top)


def _blank(column: pd.Series) -> pd.Series:
    return column.str.strip(" \t\r\n\u3000") == ""


def top_of(frame: pd.DataFrame) -> list[list[str]]:
    """The first ``HEADER_SEARCH_ROWS`` rows of a grid as trimmed text (what an import
    profile's header row is looked for in)."""
    return [[trim(v) for v in row]
            for row in frame.iloc[:HEADER_SEARCH_ROWS].itertuples(index=False)]


def header_row(frame: pd.DataFrame) -> int:
    """The first row holding at least two known headers (title rows above are skipped)."""
    for i in range(min(HEADER_SEARCH_ROWS, len(frame))):
        known = sum(normalise_header(v) in _KNOWN_HEADERS for v in frame.iloc[i])
        if known >= 2:
            return i
    return 0
