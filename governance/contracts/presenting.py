"""Contracts, deadlines and sub-contractor trees as a reader sees them: headers in the UI
language, enumerations in words, dates as dates, amounts in yen, names as written (a
character CP932 lacks stays what it is), and the timeline chart."""

from __future__ import annotations

import altair as alt
import pandas as pd

from governance.catalog import CONTRACTS, SUBCONTRACTORS
from governance.contracts.deadlines import EVENT_KEYS
from governance.contracts.views import STATE_KEYS
from governance.formats import cell, shorten, yen
from governance.i18n import t
from governance.scoring import STATUS_KEYS
from governance.views.chart_formats import NAME_WIDTH, date_format

PROCUREMENT = CONTRACTS.column("procurement")
PROCUREMENT_COLORS = {"competitive": "#1565c0", "proposal": "#2e7d32",
                      "sole_source": "#c62828", "other": "#757575", "": "#9e9e9e"}
INDENT = "\u3000\u3000"  # a full-width space pair per tier: the tree reads in any font
TITLE_WIDTH = 36


def _c(name: str, lang: str) -> str:
    return CONTRACTS.column(name).label(lang)


def _s(name: str, lang: str) -> str:
    return SUBCONTRACTORS.column(name).label(lang)


def _date(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values).dt.date


def due_table(due: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Deadlines inside the window: date, what, days left, vendor, contract, title."""
    return pd.DataFrame({
        t("contracts.date", lang): _date(due["date"]),
        t("contracts.event", lang): due["event"].map(lambda e: t(EVENT_KEYS[e], lang)),
        t("contracts.days-left", lang): due["days_left"].astype("int64"),
        _c("vendor_id", lang): due["vendor_id"],
        t("contracts.vendor-name", lang): due["vendor_name"],
        _c("contract_id", lang): due["contract_id"], _c("title", lang): due["title"]})


def due_brief(due: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The deadlines in four columns for a narrow place (the overview): date, what, days
    left, vendor and contract in one (names shortened)."""
    return pd.DataFrame({
        t("contracts.date", lang): _date(due["date"]),
        t("contracts.event", lang): due["event"].map(lambda e: t(EVENT_KEYS[e], lang)),
        t("contracts.days-left", lang): due["days_left"].astype("int64"),
        t("contracts.vendor-contract", lang): [
            f"{shorten(str(n), NAME_WIDTH)} / {c} {shorten(str(x), TITLE_WIDTH)}"
            for n, c, x in zip(due["vendor_name"], due["contract_id"], due["title"],
                               strict=True)]})


def contracts_table(lines: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The register with notice dates and growth, one row per contract."""
    return pd.DataFrame({
        _c("contract_id", lang): lines["contract_id"], _c("vendor_id", lang): lines["vendor_id"],
        _c("title", lang): lines["title"], _c("start_on", lang): _date(lines["start_on"]),
        _c("end_on", lang): _date(lines["end_on"]),
        t("contracts.notice-on", lang): _date(lines["notice_on"]),
        t("contracts.event", lang): lines["event"].map(lambda e: t(EVENT_KEYS[e], lang)),
        _c("procurement", lang): lines["procurement"].map(lambda v: cell(v, PROCUREMENT, lang)),
        _c("bidders", lang): lines["bidders"],
        _c("amount_jpy", lang): lines["amount_jpy"].map(lambda v: yen(v, lang)),
        t("contracts.growth", lang): lines["growth_pct"],
        t("contracts.state", lang): lines["state"].map(lambda s: t(STATE_KEYS[s], lang))})


def growth_table(grown: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Contracts grown by change contracts: original, current, growth and its status."""
    return pd.DataFrame({
        _c("contract_id", lang): grown["contract_id"], _c("vendor_id", lang): grown["vendor_id"],
        _c("title", lang): grown["title"],
        _c("original_amount_jpy", lang): grown["original_amount_jpy"].map(lambda v: yen(v, lang)),
        _c("amount_jpy", lang): grown["amount_jpy"].map(lambda v: yen(v, lang)),
        t("contracts.growth", lang): grown["growth_pct"],
        t("contracts.status", lang): grown["growth_status"].astype(str).map(
            lambda s: t(STATUS_KEYS[s], lang) if s in STATUS_KEYS else "—")})


def tree_table(tree: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The chains as an indented list: the firm (└ under its parent), what it handles,
    approval, country and what is wrong (unapproved with sensitive data, abroad, parent
    not listed)."""
    access = SUBCONTRACTORS.column("data_access")
    approved = SUBCONTRACTORS.column("approved_on")

    def name(r) -> str:
        return INDENT * int(r.depth) + ("└ " if r.depth else "") + str(r.subcontractor_name)

    def flags(r) -> str:
        found = []
        if r.unapproved and r.data_access in ("personal", "confidential"):
            found.append(t("contracts.flag-unapproved", lang))
        if r.abroad and r.data_access == "personal":
            found.append(t("contracts.flag-abroad", lang))
        if r.orphan:
            found.append(t("contracts.flag-orphan", lang, parent=r.parent_name))
        return t("list.sep", lang).join(found)

    rows = list(tree.itertuples())
    return pd.DataFrame({
        _s("vendor_id", lang): tree["vendor_id"],
        _s("subcontractor_name", lang): [name(r) for r in rows],
        _s("tier", lang): tree["tier"].astype("int64"),
        _s("data_access", lang): tree["data_access"].map(lambda v: cell(v, access, lang)),
        _s("approved_on", lang): tree["approved_on"].map(lambda v: cell(v, approved, lang)),
        t("contracts.flags", lang): [flags(r) for r in rows],
        # as text first: a column nobody filled in is read back as float NaN
        _s("country", lang): tree["country"].astype("string").fillna(
            t("contracts.japan", lang)),
        _s("scope", lang): tree["scope"].astype("string").fillna("")})


def timeline_chart(lines: pd.DataFrame, lang: str, today) -> alt.LayerChart:
    """One bar per contract from start to end, coloured by how it was awarded, a diamond
    on its notice date (red when it is passed while the contract runs) and a rule on
    today. Rows keep the order of ``lines``; titles are shortened, whole in the tooltip."""
    data = lines.assign(
        row=[f"{c} {shorten(str(x), TITLE_WIDTH)}" for c, x in
             zip(lines["contract_id"], lines["title"], strict=True)],
        vendor=lines["vendor_name"].astype(str).map(lambda n: shorten(n, NAME_WIDTH)),
        procurement_label=lines["procurement"].map(lambda v: cell(v, PROCUREMENT, lang)
                                                   or t("contracts.unknown", lang)),
        event_label=lines["event"].map(lambda e: t(EVENT_KEYS[e], lang)),
        amount=lines["amount_jpy"].map(lambda v: yen(v, lang)))[
        ["row", "vendor", "vendor_name", "title", "contract_id", "start_on", "end_on",
         "notice_on", "procurement_label", "event_label", "amount"]]
    order = data["row"].tolist()
    fmt = date_format(lang)
    y = alt.Y("row:N", sort=order, title=None,
              axis=alt.Axis(labelLimit=360, labelOverlap=False, labelFontSize=11))
    labels = [cell(c.value, PROCUREMENT, lang) for c in PROCUREMENT.choices]
    color = alt.Color("procurement_label:N", title=_c("procurement", lang),
                      scale=alt.Scale(domain=[*labels, t("contracts.unknown", lang)],
                                      range=[*(PROCUREMENT_COLORS[c.value]
                                               for c in PROCUREMENT.choices), "#9e9e9e"]),
                      legend=alt.Legend(orient="top"))
    tooltip = [alt.Tooltip("contract_id:N", title=_c("contract_id", lang)),
               alt.Tooltip("title:N", title=_c("title", lang)),
               alt.Tooltip("vendor_name:N", title=t("contracts.vendor-name", lang)),
               alt.Tooltip("start_on:T", format=fmt, title=_c("start_on", lang)),
               alt.Tooltip("end_on:T", format=fmt, title=_c("end_on", lang)),
               alt.Tooltip("notice_on:T", format=fmt, title=t("contracts.notice-on", lang)),
               alt.Tooltip("event_label:N", title=t("contracts.event", lang)),
               alt.Tooltip("amount:N", title=_c("amount_jpy", lang))]
    base = alt.Chart(data)
    bars = base.mark_bar(height=12, opacity=0.8).encode(
        x=alt.X("start_on:T", title=None, axis=alt.Axis(format=fmt, labelAngle=0)),
        x2="end_on:T", y=y, color=color, tooltip=tooltip)
    notice = base.mark_point(shape="diamond", size=90, filled=True, color="#212121").encode(
        x="notice_on:T", y=y, tooltip=tooltip)
    now = alt.Chart(pd.DataFrame({"today": [pd.Timestamp(today)]})).mark_rule(
        color="#c62828", strokeDash=[4, 3]).encode(x="today:T")
    return (bars + notice + now).properties(height=max(120, 26 * len(order)), width=760)
