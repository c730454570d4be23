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

from governance import demo
from governance.report import executive as report
from governance.report.pdf import pdf_problem
from governance.views import month as month_view
from ui.context import lang, scoring_config, store, tr

MIME = {"html": "text/html", "pdf": "application/pdf"}
LABEL_KEYS = {"html": "exec.download-html", "pdf": "exec.download-pdf"}


def _render(target, month, config, fmt: str, lang: str) -> bytes:
    """The report, built when the button is clicked (on Streamlit's download thread)."""
    data = month_view.read(target, month, config)
    return report.render(data, fmt, lang, dt.date.today(), is_demo=demo.is_demo(target))


def report_buttons(month, container=st.sidebar) -> None:
    lg, target, config = lang(), store(), scoring_config()
    problem = pdf_problem()
    for fmt in report.FORMATS:
        unavailable = fmt == "pdf" and problem is not None
        container.download_button(
            tr(LABEL_KEYS[fmt]), key=f"exec-report-{fmt}", mime=MIME[fmt],
            data=functools.partial(_render, target, month, config, fmt, lg),
            file_name=report.file_name(month, fmt, lg), icon=":material/download:",
            help=(tr("error.pdf-unavailable", detail=problem) if unavailable
                  else tr("exec.download-help", month=str(month))),
            disabled=unavailable, on_click="ignore", width="stretch")
