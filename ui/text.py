"""Showing user-supplied text safely and numbers the Japanese way.

Streamlit renders labels and markdown as Markdown: a vendor name like
``[x](javascript:…)``, ``<script>`` or ``:material/warning:`` must come out as the
characters it is made of.
"""

from __future__ import annotations

import re

from governance.formats import pct, yen  # noqa: F401  (re-exported for pages)

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~=:$&\"'])")
# Streamlit's front end finds icon and emoji shortcodes (``:material/warning:``,
# ``:material_warning:``, ``:streamlit:``, ``:smile:``) in the text *after* Markdown has
# undone the escapes, so an escaped colon still makes an icon. An invisible word joiner
# after a colon that opens such a code breaks it and leaves the text looking the same;
# other colons (times, "ID: name") stay as typed, so copied text is what was written.
_WORD_JOINER = "\u2060"
_SHORTCODE_START = re.compile(r":(?=[\w/+\-]+:)")


def md(text: object) -> str:
    """``text`` with every Markdown and HTML special character escaped, and Streamlit's
    icon and emoji shortcodes broken."""
    broken = _SHORTCODE_START.sub(":" + _WORD_JOINER, str(text))
    return _MARKDOWN.sub(r"\\\1", broken)


STATUS_BADGE = {"green": "green", "amber": "orange", "red": "red", "no_data": "gray"}
STATUS_ICON = {"green": ":material/check_circle:", "amber": ":material/warning:",
               "red": ":material/error:", "no_data": ":material/help:"}
