"""The language switch: Japanese or English, kept in the URL as ``?lang=ja`` / ``?lang=en``.

Streamlit's own query-parameter binding writes the option's label into the URL
(``?lang=English``), and a hand-typed ``?lang=en`` was ignored. Here the parameter is the
language code; the labels of older links (``English``, ``日本語``) are still understood.
"""

from __future__ import annotations

import streamlit as st

from governance.i18n import DEFAULT_LANG, LANGS
from ui.context import LANG_KEY, tr

PARAM = "lang"
NAMES = {"ja": "日本語", "en": "English"}
_FROM_URL = {**{code: code for code in LANGS}, **{name: code for code, name in NAMES.items()},
             "japanese": "ja", "english": "en"}
WIDGET_KEY = "lang_switch"


def from_url() -> str | None:
    """The language the URL asks for, if it names one."""
    value = str(st.query_params.get(PARAM, "")).strip()
    return _FROM_URL.get(value) or _FROM_URL.get(value.lower())


def _changed() -> None:
    chosen = st.session_state.get(WIDGET_KEY) or DEFAULT_LANG
    st.session_state[LANG_KEY] = chosen
    st.query_params[PARAM] = chosen


def settle() -> str:
    """Decide the session's language from the URL (a link wins) before anything is drawn."""
    wanted = from_url()
    if wanted is not None:
        st.session_state[LANG_KEY] = wanted
        if st.query_params.get(PARAM) != wanted:
            st.query_params[PARAM] = wanted  # ?lang=English becomes ?lang=en
    lang = st.session_state.get(LANG_KEY) or DEFAULT_LANG
    st.session_state[LANG_KEY] = lang
    return lang


def switch(container=st.sidebar) -> None:
    """The segmented control that changes the language (and the URL)."""
    st.session_state[WIDGET_KEY] = st.session_state[LANG_KEY]
    container.segmented_control(tr("app.language"), LANGS, key=WIDGET_KEY,
                                format_func=NAMES.get, required=True, on_change=_changed)
