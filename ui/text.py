"""Showing user-supplied text safely and numbers the Japanese way.

Streamlit renders labels and markdown as Markdown: a vendor name like
``[x](javascript:…)`` or ``<script>`` must come out as the characters it is made of.
"""

from __future__ import annotations

import re

from governance.formats import pct, yen  # noqa: F401  (re-exported for pages)

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~=:$&\"'])")


def md(text: object) -> str:
    """``text`` with every Markdown and HTML special character escaped."""
    return _MARKDOWN.sub(r"\\\1", str(text))


STATUS_BADGE = {"green": "green", "amber": "orange", "red": "red", "no_data": "gray"}
STATUS_ICON = {"green": ":material/check_circle:", "amber": ":material/warning:",
               "red": ":material/error:", "no_data": ":material/help:"}
