"""Pages never fail on stored data: values no page can draw are set aside on the way in.

``clean`` gives a kind's stored rows with every such value missing — a date or month
outside 1900–2100, a number that is infinite or beyond its type's limit, a choice the
catalog does not know, control characters in text — and without the rows whose key is
such a value (a KPI row of month 0001-01). ``notes`` words what the store found
(``Store.unreadable``) for the warning every page shows, naming vendor, month and column.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from governance.catalog import FIRST_DAY, KINDS, LAST_DAY, NUMBER_LIMIT, NUMERIC_TYPES
from governance.i18n import t

_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"


def clean(kind: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (rows of ``kind``) with the values no page can draw set missing."""
    spec = KINDS[kind]
    out = frame
    drop = pd.Series(False, index=frame.index)
    for column in spec.columns:
        if column.name not in frame:
            continue
        values = frame[column.name]
        if column.type in ("month", "date"):
            days = pd.to_datetime(values, errors="coerce")
            bad = values.notna() & (days.isna() | (days < pd.Timestamp(FIRST_DAY))
                                    | (days > pd.Timestamp(LAST_DAY)))
        elif column.type in NUMERIC_TYPES:
            numbers = pd.to_numeric(values, errors="coerce").astype("float64")
            bad = pd.Series(np.isinf(numbers) | (np.abs(numbers) > NUMBER_LIMIT),
                            index=frame.index)
        elif column.type == "enum":
            bad = values.notna() & ~values.isin([c.value for c in column.choices])
        else:
            if values.dtype == object or isinstance(values.dtype, pd.StringDtype):
                text = values.astype("string")
                if text.str.contains(_CONTROL, regex=True, na=False).any():
                    out = out.assign(**{column.name: text.str.replace(_CONTROL, "",
                                                                     regex=True)})
            continue
        if not bad.any():
            continue
        if column.name in spec.key:
            drop |= bad
        else:
            out = out.assign(**{column.name: values.mask(bad)})
    return out[~drop] if drop.any() else out


def notes(found: list[tuple], lang: str) -> list[str]:
    """What ``Store.unreadable`` found, a line each: kind, vendor, month or date, column
    and value as stored."""
    lines = []
    for kind, vendor_id, when, column, value in found:
        spec = KINDS[kind]
        label = spec.column(column).label(lang) if column in spec.names else column
        lines.append(t("unreadable.line", lang, kind=spec.label(lang),
                       vendor=vendor_id or "—", when="—" if when is None else str(when),
                       column=label, value=str(value)[:80]))
    return lines
