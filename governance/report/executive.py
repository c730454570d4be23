"""The month's one-page executive report: headline figures, the vendor x axis heat map, the
top risks with their heaviest reasons and the overdue actions, in Japanese or English, as
a self-contained HTML file or as a PDF. No Streamlit here: the CLI and the overview page
call ``render``. This module gathers the facts; ``report_html`` draws the page.

HTML: one file with inline CSS and the heat map as inline SVG, rendered offline by
vl-convert (Vega-Lite in an embedded JavaScript engine, no browser). No script, no external
stylesheet, font or image and no ``http(s)://`` reference at all (the SVG namespace
attributes are dropped: HTML parsers give inline ``<svg>`` its namespace), so the file
opens anywhere, offline, and can be mailed. Fonts are a CJK stack (Noto Sans CJK JP,
Hiragino, Meiryo) installed on the reader's machine. Every user-supplied text (vendor
names, actions, owners, reasons) goes through ``html.escape``; Vega's SVG renderer escapes
the text it draws (tested with a vendor called ``<script>alert(1)</script>``).

PDF: the same HTML printed by the shared renderer (``governance.report.pdf``: WeasyPrint,
Japanese fonts embedded, no URL fetched; why that route is written there).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from governance.calendar import Month
from governance.catalog import AXES
from governance.errors import UsageError
from governance.report.html import REASONS_PER_VENDOR, TOP_RISKS, to_html
from governance.report.pdf import to_pdf
from governance.reviews import log
from governance.scoring import Reason, VendorRisk
from governance.views import portfolio, service
from governance.views.month import MonthData, overdue_as_of

FORMATS = ("html", "pdf")
# a file name's extension says which format it holds
EXTENSION_FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf"}


@dataclass
class TopRisk:
    risk: VendorRisk
    reasons: list[Reason]


@dataclass
class ExecutiveReport:
    month: Month
    today: dt.date
    view: portfolio.Overview
    top: list[TopRisk]
    overdue: pd.DataFrame  # vendor_id, vendor_name, action, owner, due_on, days_overdue
    as_of: dt.date  # the day overdue actions are counted on
    fiscal_start: Month
    is_demo: bool
    # vendors whose reported SLA is red against their tickets (``views.service.red_gaps``)
    red_gaps: pd.DataFrame | None = None


def build(data: MonthData, today: dt.date | None = None, is_demo: bool = False
          ) -> ExecutiveReport:
    """Everything the report shows for ``data``'s month; overdue counted at the month's end
    (today while it runs)."""
    today = today or dt.date.today()
    data.require_data()
    view = portfolio.overview(data, today=today)
    ranked = view.heat.drop_duplicates("vendor_id").sort_values("rank")["vendor_id"]
    by_id = {r.vendor_id: r for r in view.risks}
    top = [TopRisk(by_id[v], heaviest_reasons(by_id[v])) for v in ranked
           if by_id[v].axes["overall"].score > 0][:TOP_RISKS]
    names = dict(zip(view.vendors["vendor_id"], view.vendors["vendor_name"], strict=True))
    actions = data.actions
    as_of = overdue_as_of(data.month, today)
    late = log.overdue(actions[actions["vendor_id"].isin(names)], as_of)
    late = late.assign(vendor_name=late["vendor_id"].map(names))
    start = data.month.fiscal_start(data.config.fiscal_year_start)
    return ExecutiveReport(data.month, today, view, top, late, as_of, start, is_demo,
                           service.red_gaps(data))


def heaviest_reasons(r: VendorRisk, n: int = REASONS_PER_VENDOR) -> list[Reason]:
    """The ``n`` heaviest reasons over every axis; a missing report (a reason on each axis)
    counts once."""
    every = sorted((x for a in AXES for x in r.axes[a].reasons), key=lambda x: -x.points)
    seen, out = set(), []
    for x in every:
        key = (x.code, x.measure, x.axis if x.code == "coverage" else None)
        if key not in seen:
            seen.add(key)
            out.append(x)
    return out[:n]


def render(data: MonthData, fmt: str, lang: str = "ja", today: dt.date | None = None,
           is_demo: bool = False) -> bytes:
    """The report of ``data``'s month as ``html`` (UTF-8) or ``pdf`` bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {FORMATS}")
    page = to_html(build(data, today, is_demo), lang)
    return to_pdf(page) if fmt == "pdf" else page.encode("utf-8")


def output_format(path, requested: str | None) -> str:
    """The format to write ``path`` in: the one its extension names (``.html``/``.htm``,
    ``.pdf``), else ``requested``, else HTML. A ``requested`` format the extension
    contradicts is a usage error: ``report -o x.pdf --format html`` would write HTML into a
    file every viewer opens as a PDF."""
    implied = EXTENSION_FORMATS.get(Path(path).suffix.lower())
    if implied and requested and requested != implied:
        raise UsageError("error.report-format-mismatch", path=str(path), format=requested,
                         implied=implied.upper())
    return implied or requested or "html"


def file_name(month, fmt: str, lang: str) -> str:
    return f"executive-report-{Month.of(month)}-{lang}.{fmt}"
