"""Lazy tabs: only the open tab's content is computed and sent (``on_change="rerun"``:
each tab's ``.open`` says whether to draw it), and the open tab stays open when the
language changes (Streamlit knows a tab by its label, which the change renames)."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from governance.i18n import LANGS, t
from ui.context import lang


def lazy_tabs(label_keys: Sequence[str], key: str, default: int = 0) -> Sequence:
    """Tabs labelled by the messages ``label_keys``, tab ``default`` open on a first visit."""
    labels = [t(label_key, lang()) for label_key in label_keys]
    chosen = st.session_state.get(key)
    if chosen is not None and chosen not in labels:  # the label of another language
        for other in LANGS:
            named = [t(label_key, other) for label_key in label_keys]
            if chosen in named:
                st.session_state[key] = labels[named.index(chosen)]
                break
    return st.tabs(labels, key=key, on_change="rerun",
                   default=labels[default] if default else None)
