"""The warning every page shows while the store holds values no page can draw (see
``governance.views.quarantine``): which vendor, month and column, and that the rest is
shown."""

from __future__ import annotations

import streamlit as st

from governance.views.quarantine import notes
from ui import data
from ui.context import lang, tr
from ui.text import md

SHOWN = 5


def unreadable_values() -> None:
    found = data.unreadable()
    if not found:
        return
    lines = notes(found[:SHOWN], lang()) + (["…"] if len(found) > SHOWN else [])
    st.warning("\n\n".join([tr("unreadable.title", count=len(found)),
                            *("・" + md(line) for line in lines)]),
               icon=":material/report:")
