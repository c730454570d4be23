"""Tables as a reader sees them: catalog columns renamed to their labels in the UI
language, enumerations and yes/no values in words, months as ``2026年10月``; long names
shortened with the whole name on hover.

Numbers stay numbers so tables sort correctly; only words are translated.
"""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

from governance.catalog import AXIS_LABELS, KINDS, VENDORS
from governance.formats import cell, display_width, shorten, yen
from governance.i18n import t

TABLE_NAME_WIDTH = 40  # a vendor name in a page-wide table, in display columns


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


def movers_table(movers: pd.DataFrame, lang: str) -> Styler:
    """The overview's biggest movers (``portfolio.biggest_movers``) as a static table:
    long names end in "…" and show whole on hover (a Styler tooltip)."""
    names = movers["vendor_name"].astype(str)
    name_col = VENDORS.column("vendor_name").label(lang)
    table = pd.DataFrame({
        VENDORS.column("vendor_id").label(lang): movers["vendor_id"],
        name_col: names.map(lambda n: shorten(n, TABLE_NAME_WIDTH)),
        t("movers.before", lang): movers["before"], t("movers.after", lang): movers["after"],
        t("movers.change", lang): movers["change"],
        t("movers.axis", lang): movers["axis"].map(lambda a: AXIS_LABELS[a][lang])})
    tips = pd.DataFrame("", index=table.index, columns=table.columns)
    tips[name_col] = [n if shorten(n, TABLE_NAME_WIDTH) != n else "" for n in names]
    return table.style.set_tooltips(tips)


OVERDUE_TINT = "background-color: #ffebee"
# the review log's actions: whose, what is due and how late first, the rest after
LOG_ACTION_COLUMNS = ("vendor_id", "due_on", "days_overdue", "status", "action", "owner",
                      "raised_on", "closed_on", "risk_axis")


def actions_table(actions: pd.DataFrame, lang: str,
                  columns: tuple[str, ...] | None = None) -> Styler:
    """Action items (with ``days_overdue``) for a page: ``columns`` (catalog names and
    ``days_overdue``, in that order), dates as text so an empty closing date stays empty,
    overdue rows tinted red."""
    columns = columns or LOG_ACTION_COLUMNS
    table = labelled(actions, "actions", lang)
    for column in KINDS["actions"].columns:
        if column.type == "date" and column.label(lang) in table:
            table[column.label(lang)] = pd.to_datetime(actions[column.name]).dt.strftime(
                "%Y-%m-%d").fillna("")
    table[t("vendor.days-overdue", lang)] = actions["days_overdue"].to_numpy()
    labels = [t("vendor.days-overdue", lang) if c == "days_overdue"
              else KINDS["actions"].column(c).label(lang) for c in columns]
    late = (actions["days_overdue"] > 0).to_numpy()
    return table[labels].style.apply(
        lambda row: [OVERDUE_TINT if late[table.index.get_loc(row.name)] else ""] * len(row),
        axis=1)


# the vendor page's tables: what is due and how late first; a meeting's decisions before
# its summary (attendees are on the review log)
VENDOR_ACTION_COLUMNS = ("due_on", "days_overdue", "status", "action", "owner", "raised_on")
VENDOR_MEETING_COLUMNS = ("held_on", "period", "assessment", "decisions", "summary")


def meetings_table(meetings: pd.DataFrame, lang: str,
                   columns: tuple[str, ...] = VENDOR_MEETING_COLUMNS) -> Styler:
    """Review meetings, newest first, as a static table shows them: ``columns`` in that
    order, missing text empty; dates, months and choices kept on one line (only the long
    texts wrap): their cells are as wide as their longest value."""
    spec = KINDS["reviews"]
    table = labelled(meetings.sort_values("held_on", ascending=False), "reviews", lang)
    table = table[[spec.column(c).label(lang) for c in columns]].fillna("")
    styled = table.style
    for column in columns:  # a cell's text sits in its own block: size the cell, not the text
        if spec.column(column).type != "text":
            label = spec.column(column).label(lang)
            ems = max(display_width(str(v)) for v in [label, *table[label]]) * 0.55 + 1
            styled = styled.set_properties(subset=[label], **{"min-width": f"{ems:.1f}em"})
    return styled
