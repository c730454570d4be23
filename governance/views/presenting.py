"""Tables as a reader sees them: catalog columns renamed to their labels in the UI
language, enumerations and yes/no values in words, months as ``2026年10月``.

Numbers stay numbers so tables sort correctly; only words are translated.
"""

from __future__ import annotations

import pandas as pd

from governance.catalog import KINDS
from governance.formats import cell, yen


def labelled(frame: pd.DataFrame, kind: str, lang: str,
             exclude: tuple[str, ...] = ()) -> pd.DataFrame:
    """``frame``'s catalog columns of ``kind`` for display; other columns are dropped."""
    spec = KINDS[kind]
    out = {}
    for column in spec.columns:
        if column.name not in frame or column.name in exclude:
            continue
        values = frame[column.name]
        if column.type in ("enum", "boolean", "month"):
            values = values.map(lambda v, c=column: cell(v, c, lang))
        elif column.type == "date":
            values = pd.to_datetime(values).dt.date
        out[column.label(lang)] = values
    return pd.DataFrame(out, index=frame.index)


def profile(vendor: pd.Series | dict, lang: str) -> list[tuple[str, str]]:
    """A vendor's register entry as (label, text) pairs; missing values show as "—"."""
    pairs = []
    for column in KINDS["vendors"].columns:
        value = vendor.get(column.name)
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            text = "—"
        elif column.unit == "JPY":
            text = yen(float(value), lang)
        else:
            text = cell(value, column, lang) if column.type != "date" else \
                f"{pd.Timestamp(value):%Y-%m-%d}"
        pairs.append((column.label(lang), text))
    return pairs
