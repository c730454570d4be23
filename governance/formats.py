"""Typed values back to the text a user writes: for templates, exports and pages.

The inverse of ``values``: months as ``2026年10月`` / ``2026-10``, dates as ``2026/10/05`` /
``2026-10-05`` (with a time: ``2026/10/05 09:30``), enumerations as their Japanese word or
canonical value, booleans as ``済/未`` or ``yes/no``; amounts of yen the way people say
them; names shortened to a display width (a full-width character takes two columns, as in
a terminal or a table).
"""

from __future__ import annotations

import unicodedata

import pandas as pd

from governance.calendar import month_label
from governance.catalog import Column
from governance.i18n import t

# Excel evaluates a cell typed with a full-width ＝ (Japanese input) as a formula too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def cell(value: object, column: Column, lang: str) -> str:
    """One typed value as text in ``lang``; missing is empty."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if column.type == "month":
        return month_label(value, lang)
    if column.type == "date":
        return pd.Timestamp(value).strftime("%Y/%m/%d" if lang == "ja" else "%Y-%m-%d")
    if column.type == "datetime":
        return pd.Timestamp(value).strftime("%Y/%m/%d %H:%M" if lang == "ja"
                                            else "%Y-%m-%d %H:%M")
    if column.type == "enum":
        return column.choice(str(value)).ja if lang == "ja" else str(value)
    if column.type == "boolean":
        return ("済" if value else "未") if lang == "ja" else ("yes" if value else "no")
    if column.type == "integer":
        return str(int(value))
    if column.type in ("number", "percent"):
        return f"{float(value):g}"
    return str(value)


def header(column: Column, lang: str) -> str:
    """The header a template or export uses: Japanese, or the canonical name."""
    return column.ja if lang == "ja" else column.name


def neutralise(text: str) -> str:
    """Stop a spreadsheet from evaluating a text cell as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def yen(value: float | None, lang: str) -> str:
    if value is None or value != value:
        return "—"
    if lang == "ja":
        if abs(value) >= 1e8:
            return f"{value / 1e8:,.2f}億円"
        if abs(value) >= 1e4:
            return f"{value / 1e4:,.0f}万円"
        return f"{value:,.0f}円"
    if abs(value) >= 1e6:
        return f"¥{value / 1e6:,.1f}M"
    return f"¥{value:,.0f}"


def pct(value: float | None) -> str:
    return "—" if value is None or value != value else f"{value:+.1f}%"


def spend_estimate_note(spend, lang: str) -> str:
    """"Plus an estimate of ¥… for n missing reports", for a ``views.costs.Spend`` with
    missing reports: the estimate is always shown as one, never mixed into the total."""
    return t("spend.estimate", lang, n=spend.missing, estimate=yen(spend.estimate, lang))


ELLIPSIS = "…"


def display_width(text: str) -> int:
    """Columns ``text`` takes on screen: full-width and wide characters (kanji, kana,
    full-width letters) count 2, the rest 1."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def shorten(text: str, width: int) -> str:
    """``text`` when it fits in ``width`` columns, else its longest start that fits with
    "…" after it. Cuts only between characters, never inside one."""
    if display_width(text) <= width:
        return text
    room, out = width - display_width(ELLIPSIS), []
    for ch in text:
        room -= display_width(ch)
        if room < 0:
            break
        out.append(ch)
    return "".join(out).rstrip() + ELLIPSIS
