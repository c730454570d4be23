"""HTML to PDF for every printed document (the executive report, the minutes): one
renderer, one rule about what it may fetch, one check of whether it can run here.

WeasyPrint renders the document's own HTML (``@page`` A4 in its CSS, see ``style``). Why
this route:
- a maintained PyPI package (Kozea; pinned in requirements.txt) that works offline: no
  browser, no download at run time;
- its only system needs are Pango >= 1.44 and fontconfig (Debian: ``libpango-1.0-0
  libpangoft2-1.0-0``; already there wherever Debian's chromium is, and installed by
  ``.ci/run``); Japanese comes from ``fonts-noto-cjk``, embedded as a subset, so the PDF's
  text stays real text (``pdftotext`` finds the vendor names);
- one layout for both formats: the HTML is the single source, an inline SVG stays vector.
Not chosen: reportlab cannot embed Noto Sans CJK (CFF-outline OpenType; its TTFont reads
TrueType outlines only) and would need a second layout plus svglib for charts; headless
``chromium --print-to-pdf`` gives the same result but needs a 300 MB browser and a
subprocess per document on the app server. WeasyPrint is imported only when a PDF is asked
for, so HTML, Markdown and CSV work on a machine without Pango.

No URL is ever fetched: the documents are self-contained (inline CSS and SVG, fonts from
the machine), and the fetcher refuses every protocol all the same, so user text that
slipped into a ``src`` could not reach the network or the file system.
"""

from __future__ import annotations

import functools

from governance.errors import GovernanceError


@functools.cache
def pdf_problem() -> str | None:
    """Why no PDF can be made on this machine (None when it can): WeasyPrint missing, or
    Pango missing (an OSError on import)."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        return type(exc).__name__
    return None


def to_pdf(page: str) -> bytes:
    """A self-contained HTML document printed to PDF, or ``error.pdf-unavailable``."""
    if pdf_problem():
        raise GovernanceError("error.pdf-unavailable", detail=pdf_problem())
    import weasyprint

    fetcher = weasyprint.URLFetcher(allowed_protocols=())
    return weasyprint.HTML(string=page, url_fetcher=fetcher).write_pdf()
