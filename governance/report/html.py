"""The executive report as one HTML document: inline CSS, the heat map as inline SVG
(vl-convert, offline), every user-supplied text through ``html.escape``. Why it looks the
way it does (self-contained, no network, A4 portrait) is in ``governance.report``."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import altair as alt
import pandas as pd
import vl_convert

from governance.catalog import AXES, KINDS
from governance.formats import cell, pct, shorten, spend_estimate_note, yen
from governance.i18n import t
from governance.report import style
from governance.report.style import badge, esc, page_css
from governance.scoring import STATUS_KEYS
from governance.views import charts

if TYPE_CHECKING:
    from governance.calendar import Month
    from governance.report.executive import ExecutiveReport

# what one A4 page holds; ``governance.report`` picks the vendors by these
TOP_RISKS = 10
REASONS_PER_VENDOR = 3
HEAT_ROWS = 20  # vendors on the heat map, worst first (the page holds about this many)
OVERDUE_ROWS = 15
# text cut to display columns (a full-width character takes two), "…" marking the cut
ACTION_WIDTH = 140
NAME_WIDTH = 60
HEAT_NAME_WIDTH = 44  # the heat map's labels: the page is wider than the app's column
# the heat map's legend, worst first: what each status means
LEGEND_KEYS = {"red": "exec.legend-red", "amber": "exec.legend-amber",
               "green": "exec.legend-green", "no_data": "exec.legend-no_data"}


def _period(month: Month, lang: str) -> str:
    return t("exec.period", lang, year=month.year, month=month.month)


def _date(value, lang: str) -> str:
    return cell(value, KINDS["actions"].column("due_on"), lang)


def _badge(status: str, lang: str, score: int | None = None) -> str:
    return badge(status, t(STATUS_KEYS[status], lang) + ("" if score is None else f" {score}"))


def _tile(label: str, value: str, unit: str = "", note: str = "", alert: bool = False) -> str:
    return (f'<div class="tile{" alert" if alert else ""}"><div class="label">{esc(label)}</div>'
            f'<div class="value">{esc(value)}<small>{esc(unit)}</small></div>'
            + (f'<div class="note">{esc(note)}</div>' if note else "") + "</div>")


def _headline(r: ExecutiveReport, lang: str) -> str:
    v, companies = r.view, t("exec.companies", lang)
    tiles = [_tile(t("overview.red", lang, axis=charts.axis_name(a, lang)),
                   str(v.red_counts[a]), companies, alert=v.red_counts[a] > 0) for a in AXES]
    tiles += [_tile(t("overview.missing", lang), str(len(v.missing_reports)), companies,
                    alert=bool(v.missing_reports)),
              _tile(t("overview.overdue", lang), str(v.overdue_actions),
                    t("exec.items", lang), alert=v.overdue_actions > 0),
              _tile(t("overview.not-reviewed", lang), str(len(v.flagged_not_reviewed)),
                    companies, alert=bool(v.flagged_not_reviewed))]
    return f'<div class="tiles">{"".join(tiles)}</div>'


def _spend(r: ExecutiveReport, lang: str) -> str:
    """Spend against budget, this month and fiscal year to date (red when over budget)."""
    out = []
    for spend, label in ((r.view.spend.month, t("exec.spend-month", lang)),
                         (r.view.spend.year_to_date, t("exec.spend-ytd", lang,
                                                       start=r.fiscal_start.label(lang)))):
        variance = spend.variance_pct
        note = t("exec.vs-budget", lang, budget=yen(spend.budget, lang), variance=pct(variance))
        if spend.missing:
            note += " " + spend_estimate_note(spend, lang)
        out.append(_tile(label, yen(spend.actual, lang), note=note,
                         alert=variance is not None and variance > 0))
    return "".join(out)


def heat_svg(heat: pd.DataFrame, lang: str) -> str:
    """The overview's heat map as inline SVG (no links: the file stands alone)."""
    chart = charts.heat_map(heat, lang, name_width=HEAT_NAME_WIDTH).properties(
        height=alt.Step(17), width=alt.Step(86))
    spec = chart.to_dict()
    for layer in spec.get("layer", []):
        encoding = layer.get("encoding", {})
        if "legend" in encoding.get("color", {}):  # the report's own legend gives meanings
            encoding["color"]["legend"] = None
    svg = vl_convert.vegalite_to_svg(spec, config={"font": charts.FONT},
                                     allowed_base_urls=[])
    svg = re.sub(r'\s+xmlns(:xlink)?="[^"]*"', "", svg, count=2)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{esc(t("overview.heat", lang))}" ',
                       1)


def _heat(r: ExecutiveReport, lang: str) -> str:
    heat = r.view.heat
    total = heat["vendor_id"].nunique()
    counts = heat[heat["axis"] == "overall"]["status"].value_counts()
    shown = [s for s in LEGEND_KEYS if s != "no_data" or (heat["status"] == "no_data").any()]
    legend = "".join(f'<span class="key">{_badge(s, lang)}{esc(t(LEGEND_KEYS[s], lang))}'
                     "</span>" for s in shown)
    breakdown = "".join(
        f'<li>{_badge(s, lang)}<b>{int(counts.get(s, 0))}</b>{esc(t("exec.companies", lang))}'
        "</li>" for s in shown)
    more = (f'<p class="note">{esc(t("overview.more", lang, total=total, shown=HEAT_ROWS))}'
            "</p>" if total > HEAT_ROWS else "")
    return (f'<section class="heat"><h2>{esc(t("overview.heat", lang))}'
            f'<small>{esc(t("exec.heat-help", lang))}</small></h2>'
            f'<p class="legend"><b>{esc(t("exec.legend", lang))}</b>{legend}</p>'
            f'<div class="row"><div class="chart">'
            f'{heat_svg(heat[heat["rank"] < HEAT_ROWS], lang)}{more}</div>'
            f'<aside><h3>{esc(t("exec.breakdown", lang))}</h3>'
            f'<ul class="breakdown">{breakdown}</ul>{_spend(r, lang)}</aside></div></section>')


def _short(text: str, width: int = NAME_WIDTH) -> str:
    """``text`` shortened to ``width`` columns, whole in the hover title when cut."""
    short = shorten(str(text), width)
    return esc(short) if short == text else f'<span title="{esc(text)}">{esc(short)}</span>'


def _vendor(vendor_id: str, name: str) -> str:
    return (f'<span class="name">{_short(name)}</span>'
            f'<span class="id">{esc(vendor_id)}</span>')


def _top(r: ExecutiveReport, lang: str) -> str:
    head = (f'<h2>{esc(t("exec.top", lang))}'
            f'<small>{esc(t("exec.top-note", lang, n=TOP_RISKS))}</small></h2>')
    if not r.top:
        return f'<section>{head}<p>{esc(t("exec.top-none", lang))}</p></section>'
    rows = []
    for i, top in enumerate(r.top, 1):
        overall = top.risk.axes["overall"]
        reasons = "".join(
            "<li>" + ("" if x.code == "missing_report" else
                      f'<span class="axis">{esc(charts.axis_name(x.axis, lang))}</span>')
            + f"{esc(x.text(lang))}</li>" for x in top.reasons)
        rows.append(f'<tr><td class="num">{i}</td><td class="vendor">'
                    f'<div class="name">{_short(top.risk.vendor_name)}</div>'
                    f"{_badge(overall.status, lang, overall.score)}"
                    f'<span class="id">{esc(top.risk.vendor_id)}</span></td>'
                    f'<td><ul class="reasons">{reasons}</ul></td></tr>')
    cols = (t("exec.rank", lang), t("exec.vendor-overall", lang), t("axis.reasons", lang))
    return (f'<section>{head}<table class="top"><thead><tr>'
            + "".join(f"<th>{esc(c)}</th>" for c in cols)
            + f'</tr></thead><tbody>{"".join(rows)}</tbody></table></section>')


def _overdue(r: ExecutiveReport, lang: str) -> str:
    late = r.overdue
    head = f'<h2>{esc(t("exec.overdue", lang, date=_date(r.as_of, lang), n=len(late)))}</h2>'
    if late.empty:
        return f'<section>{head}<p>{esc(t("exec.overdue-none", lang))}</p></section>'
    spec = KINDS["actions"]
    cols = (t("filter.vendor", lang), spec.column("action").label(lang),
            spec.column("owner").label(lang), spec.column("due_on").label(lang),
            t("vendor.days-overdue", lang))
    rows = []
    for a in late.head(OVERDUE_ROWS).itertuples(index=False):
        rows.append(f'<tr><td class="vendor">{_vendor(a.vendor_id, a.vendor_name)}</td>'
                    f"<td>{_short(a.action, ACTION_WIDTH)}</td>"
                    f'<td class="who">{esc(a.owner)}</td>'
                    f'<td class="date">{esc(_date(a.due_on, lang))}</td>'
                    f'<td class="num late">{esc(t("exec.days", lang, n=a.days_overdue))}</td>'
                    "</tr>")
    more = (f'<p class="note">{esc(t("exec.more", lang, n=len(late) - OVERDUE_ROWS))}</p>'
            if len(late) > OVERDUE_ROWS else "")
    return (f'<section>{head}<table class="overdue"><thead><tr>'
            + "".join(f"<th>{esc(c)}</th>" for c in cols)
            + f'</tr></thead><tbody>{"".join(rows)}</tbody></table>{more}</section>')


def _gaps(r: ExecutiveReport, lang: str) -> str:
    """The vendors whose reported SLA their own tickets contradict (red gap); nothing when
    there are none."""
    gaps = r.red_gaps
    if gaps is None or gaps.empty:
        return ""
    cols = (t("filter.vendor", lang), t("service.reported_sla_attainment_pct", lang),
            t("service.sla_met_pct", lang), t("service.tickets", lang),
            t("service.gap_pts", lang))
    rows = "".join(
        f'<tr><td class="vendor">{_vendor(g.vendor_id, g.vendor_name)}</td>'
        f'<td class="num">{g.reported:.1f}</td><td class="num">{g.measured:.1f}</td>'
        f'<td class="num">{int(g.tickets):,}</td><td class="num late">{g.gap:.1f}</td></tr>'
        for g in gaps.itertuples(index=False))
    return (f'<section><h2>{esc(t("exec.gaps", lang))}'
            f'<small>{esc(t("exec.gaps-note", lang))}</small></h2>'
            f'<table class="overdue"><thead><tr>'
            + "".join(f"<th>{esc(c)}</th>" for c in cols)
            + f"</tr></thead><tbody>{rows}</tbody></table></section>")


def to_html(r: ExecutiveReport, lang: str) -> str:
    """The whole report as one HTML document (inline CSS and SVG, nothing external)."""
    title = f'{t("exec.title", lang)} {_period(r.month, lang)}'
    meta = t("exec.meta", lang, vendors=r.view.heat["vendor_id"].nunique(),
             date=_date(r.today, lang), created=_date(dt.date.today(), lang))
    demo_note = f'<span class="demo">{esc(t("exec.demo", lang))}</span>' if r.is_demo else ""
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{esc(title)}</title>"
            f"<style>{CSS}{page_css(t('exec.footer', lang))}</style></head><body>"
            f'<header><div><h1>{esc(t("exec.title", lang))}</h1>'
            f'<p class="meta">{esc(meta)}{demo_note}</p></div>'
            f'<div class="period">{esc(_period(r.month, lang))}</div></header>'
            f'<section><h2>{esc(t("exec.headline", lang))}</h2>{_headline(r, lang)}</section>'
            f"{_heat(r, lang)}{_top(r, lang)}{_gaps(r, lang)}{_overdue(r, lang)}"
            f'<footer>{esc(t("exec.footer", lang))}</footer></body></html>')


_COLORS = charts.STATUS_COLORS
# the report's own parts, after the shared rules of ``style.CSS``
CSS = style.CSS + f"""
.tiles {{ display: flex; gap: 1.5mm; }}
.tile {{ flex: 1; border: 1px solid #cfd8dc; border-top: 3px solid {_COLORS["green"]};
  border-radius: 2px; padding: .8mm 2mm 1mm; background: #fafafa; }}
.tile.alert {{ border-top-color: {_COLORS["red"]}; }}
.tile .label {{ font-size: 7.2pt; color: #546e7a; white-space: nowrap; }}
.tile .value {{ font-size: 14pt; font-weight: bold; line-height: 1.15; }}
.tile .value small {{ font-size: 7.6pt; font-weight: normal; margin-left: .6mm; }}
.tile .note {{ margin: 0; }}
aside .tile {{ margin-top: 2mm; }}
aside .tile .value {{ font-size: 13pt; }}
p.legend {{ margin: 0 0 1mm; font-size: 7.4pt; }}
p.legend b {{ margin-right: 2mm; }}
.key {{ margin-right: 3mm; white-space: nowrap; }}
.key .badge {{ margin-right: 1mm; }}
.row {{ display: flex; gap: 3mm; align-items: flex-start; }}
.chart {{ flex: 0 0 71%; }}
.chart svg {{ display: block; width: 100%; height: auto; }}
aside {{ flex: 1; border-left: 1px solid #e0e0e0; padding-left: 3mm; }}
ul.breakdown {{ list-style: none; padding: 0; margin: 0; }}
ul.breakdown li {{ margin-bottom: .6mm; white-space: nowrap; }}
ul.breakdown .badge {{ margin-right: 2mm; }}
ul.breakdown b {{ font-size: 13pt; margin-right: .5mm; }}
td.vendor {{ white-space: nowrap; }}
table.top td {{ padding-top: .5mm; padding-bottom: .5mm; }}
table.top .name {{ margin-bottom: .3mm; }}
ul.reasons {{ margin: 0; padding: 0; list-style: none; }}
.axis {{ color: #546e7a; font-size: 6.6pt; border: 1px solid #cfd8dc; border-radius: 2px;
  padding: 0 .8mm; margin-right: 1mm; white-space: nowrap; }}
"""
