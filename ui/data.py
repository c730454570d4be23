"""Cached reads for pages, keyed on the database target and its data version, so a page
shows an upload made elsewhere (another session, the CLI) on its next rerun."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.context import database_target, store, version


@st.cache_data(show_spinner=False, max_entries=64)
def _rows(target, data_version, kind: str, filters: tuple) -> pd.DataFrame:
    return store().rows(kind, **dict(filters))


def rows(kind: str, **equals: object) -> pd.DataFrame:
    return _rows(database_target(), version(), kind, tuple(sorted(equals.items())))


@st.cache_data(show_spinner=False, max_entries=8)
def _months(target, data_version) -> list:
    return store().months()


def months() -> list:
    return _months(database_target(), version())


@st.cache_data(show_spinner=False, max_entries=8)
def _batches(target, data_version) -> pd.DataFrame:
    return store().batches()


def batches() -> pd.DataFrame:
    return _batches(database_target(), version())
