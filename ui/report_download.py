"""The executive report's download buttons (HTML and PDF) on the overview page.

``data=`` is a callable, so Streamlit builds the report when a button is clicked (on
another thread), not on every rerun; the store and language are captured here because the
callable runs outside the script. The report covers the whole portfolio of the month, not
the page's filters.
"""

from __future__ import annotations

import datetime as dt
import functools

import streamlit as st

from governance.report import executive as report
from ui.context import lang, store, tr
from ui.widgets import month_param

MIME = {"html": "text/html", "pdf": "application/pdf"}
LABEL_KEYS = {"html": "exec.download-html", "pdf": "exec.download-pdf"}


def report_buttons(month, container=st.sidebar) -> None:
    lg, target = lang(), store()
    problem = report.pdf_problem()
    for fmt in report.FORMATS:
        unavailable = fmt == "pdf" and problem is not None
        container.download_button(
            tr(LABEL_KEYS[fmt]), key=f"exec-report-{fmt}", mime=MIME[fmt],
            data=functools.partial(report.render, target, month, fmt, lg, dt.date.today()),
            file_name=report.file_name(month, fmt, lg), icon=":material/download:",
            help=(tr("error.pdf-unavailable", detail=problem) if unavailable
                  else tr("exec.download-help", month=month_param(month))),
            disabled=unavailable, on_click="ignore", width="stretch")
