"""Tables as a reader sees them: catalog columns renamed to their labels in the UI
language, enumerations and yes/no values in words, months as ``2026年10月``.

Numbers stay numbers so tables sort correctly; only words are translated.
"""

from __future__ import annotations

import pandas as pd

from governance.catalog import KINDS
from governance.formats import cell


def labelled(frame: pd.DataFrame, kind: str, lang: str) -> pd.DataFrame:
    """``frame``'s catalog columns of ``kind`` for display; other columns are dropped."""
    spec = KINDS[kind]
    out = {}
    for column in spec.columns:
        if column.name not in frame:
            continue
        values = frame[column.name]
        if column.type in ("enum", "boolean", "month"):
            values = values.map(lambda v, c=column: cell(v, c, lang))
        elif column.type == "date":
            values = pd.to_datetime(values).dt.date
        out[column.label(lang)] = values
    return pd.DataFrame(out, index=frame.index)
