"""The printed look every document shares (the executive report, the minutes): the CJK
font stack, A4 page, header, headings, tables, status badges, the page footer with page
numbers, and HTML escaping of user text. Each document adds only the rules of its own
parts; the PDF renderer is ``governance.report.pdf``."""

from __future__ import annotations

import html

from governance.views.charts import STATUS_COLORS

FONTS = ('"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", '
         "Meiryo, sans-serif")


def esc(value: object) -> str:
    """User text as HTML text (never markup)."""
    return html.escape("" if value is None else str(value))


def badge(status: str, text: str) -> str:
    """A coloured status label (``status``: green, amber, red or no_data)."""
    return f'<span class="badge {status}">{esc(text)}</span>'


def page_css(footer: str) -> str:
    """The printed page: ``footer`` and page numbers in the bottom margin (not in the
    content area, so they cost the page nothing)."""
    # a CSS string inside <style>: no quote, backslash or "<" (</style>) left as is
    text = (footer.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
            .replace("<", "\\3c "))
    small = f"font-family: {FONTS}; font-size: 6.5pt; color: #9e9e9e;"
    return (f'@page {{ @bottom-left {{ content: "{text}"; {small} }}'
            f' @bottom-right {{ content: counter(page) " / " counter(pages); {small} }} }}')


_COLORS = STATUS_COLORS
CSS = f"""
@page {{ size: A4 portrait; margin: 9mm 10mm 10mm; }}
@media print {{ footer {{ display: none; }} }}
* {{ box-sizing: border-box; }}
html {{ -webkit-print-color-adjust: exact; }}
body {{ font-family: {FONTS}; font-size: 8.2pt; line-height: 1.35;
  color: #212121; margin: 0 auto; max-width: 190mm; }}
@media screen {{ body {{ padding: 8mm 0; }} }}
header {{ display: flex; justify-content: space-between; align-items: flex-end;
  border-bottom: 2.5px solid #263238; padding-bottom: 1.5mm; margin-bottom: 1mm; }}
h1 {{ font-size: 14pt; margin: 0; letter-spacing: .04em; }}
.period {{ font-size: 14pt; font-weight: bold; color: #263238; }}
.meta {{ margin: .4mm 0 0; color: #616161; font-size: 7.6pt; }}
.demo {{ margin-left: 2mm; padding: 0 1.5mm; border: 1px solid #f9a825; color: #8d6e00;
  border-radius: 2px; }}
h2 {{ font-size: 10pt; margin: 1.8mm 0 .8mm; padding-left: 2mm; line-height: 1.25;
  border-left: 4px solid #37474f; }}
h2 small {{ font-size: 7.2pt; font-weight: normal; color: #757575; margin-left: 2.5mm; }}
h3 {{ font-size: 8pt; margin: 0 0 1mm; color: #424242; }}
.note {{ color: #757575; font-size: 7.2pt; margin: 0 0 1mm; }}
.badge {{ display: inline-block; min-width: 10mm; text-align: center; color: white;
  font-weight: bold; border-radius: 2px; padding: 0 1.2mm; font-size: 7.2pt;
  line-height: 1.45; white-space: nowrap; }}
.badge.green {{ background: {_COLORS["green"]}; }}
.badge.amber {{ background: {_COLORS["amber"]}; color: #3e2c00; }}
.badge.red {{ background: {_COLORS["red"]}; }}
.badge.no_data {{ background: {_COLORS["no_data"]}; }}
table {{ width: 100%; border-collapse: collapse; }}
th {{ text-align: left; font-size: 7.2pt; color: #546e7a; font-weight: normal;
  border-bottom: 1px solid #90a4ae; padding: .4mm 1.2mm; white-space: nowrap; }}
td {{ border-bottom: 1px solid #eceff1; padding: .35mm 1.2mm; vertical-align: top;
  font-size: 7.8pt; line-height: 1.3; }}
tr {{ page-break-inside: avoid; }}
td.num {{ text-align: right; white-space: nowrap; }}
td.date, td.who {{ white-space: nowrap; }}
td.late {{ color: {_COLORS["red"]}; font-weight: bold; }}
.name {{ font-weight: bold; }}
.id {{ color: #9e9e9e; font-size: 6.6pt; margin-left: 1.2mm; }}
footer {{ margin-top: 2mm; border-top: 1px solid #cfd8dc; padding-top: .8mm; color: #9e9e9e;
  font-size: 6.8pt; }}
"""
