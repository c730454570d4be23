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
    normalise_header(h) for k in KINDS.values() for c in k.columns for h in (c.name, c.ja))


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


def to_table(frame: pd.DataFrame, file_format: str, encoding: str | None = None,
             sheet: str | None = None) -> RawTable:
    """The raw table of a grid of text cells (row 0 is spreadsheet row 1)."""
    if frame.empty:
        raise refuse("empty-file")
    frame = frame.fillna("")
    frame.columns = range(frame.shape[1])
    header_at = header_row(frame)
    headers = [str(h).strip(" \t\u3000\ufeff") for h in frame.iloc[header_at]]
    body = frame.iloc[header_at + 1:]
    blank = body.apply(lambda col: col.str.strip(" \t\r\n\u3000") == "")
    body = body.loc[~blank.all(axis=1)]
    keep = [i for i, h in enumerate(headers) if h or not blank[i].all()]
    body = body[keep]
    body.columns = range(len(keep))
    rows = pd.Series(body.index + 1, index=body.index)  # frame row 0 is spreadsheet row 1
    return RawTable([headers[i] for i in keep], body.reset_index(drop=True),
                    rows.reset_index(drop=True), file_format, encoding, sheet, header_at + 1)


def header_row(frame: pd.DataFrame) -> int:
    """The first row holding at least two known headers (title rows above are skipped)."""
    for i in range(min(HEADER_SEARCH_ROWS, len(frame))):
        known = sum(normalise_header(v) in _KNOWN_HEADERS for v in frame.iloc[i])
        if known >= 2:
            return i
    return 0
