"""Widgets whose value lives in the URL as a plain, readable query parameter
(``?vendor=V-ITO-01&month=2026-10``), so a copied link reproduces the view.

Streamlit's own ``bind="query-params"`` writes the *displayed* label into the URL; these
keep the parameter to the value's own text and check it against the options, so an
unknown value from a link is ignored, never trusted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from ui.context import tr


def _sync(key: str, widget_key: str, to_param: Callable[[object], str]) -> None:
    value = st.session_state.get(widget_key)
    if value is None:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = to_param(value)


_UNSET = object()


def param_select(label: str, options: Sequence, key: str, *,
                 format_func: Callable[[object], str] = str,
                 to_param: Callable[[object], str] = str,
                 default: object = None, placeholder: str | None = None,
                 container=st) -> object:
    """A selectbox bound to query parameter ``key``; returns the chosen option."""
    options = list(options)
    by_param = {to_param(o): o for o in options if o is not None}
    widget_key = f"qp_{key}"
    from_url = by_param.get(st.query_params.get(key, ""))
    current = st.session_state.get(widget_key, _UNSET)
    if from_url is not None and current != from_url:
        current = from_url
    elif current is _UNSET or current not in options:
        current = from_url if from_url is not None else (default if default in options
                                                         else None)
    # set every run: the value is the option itself, not the label the browser sends back,
    # which no longer matches once the labels change language
    st.session_state[widget_key] = current
    # labels fixed now, in this run's language (a lazy format_func would be called later,
    # outside the run, and could answer in another language than the options it made)
    labels = {o: format_func(o) for o in options}
    return container.selectbox(label, options, key=widget_key, format_func=labels.__getitem__,
                               placeholder=placeholder or tr("app.choose"), on_change=_sync,
                               args=(key, widget_key, to_param))


def month_param(value) -> str:
    return f"{value:%Y-%m}"
