"""Keep every page inside the app shell (``dashboard.py``).

Streamlit treats a folder named ``pages/`` beside the entry script as an old-style
multipage app until the first ``st.navigation`` call of the process: a fresh server whose
first visitor opens a deep link such as ``/cost`` would run ``pages/cost.py`` on its own,
without the shell (language, demo notice, navigation). Each page calls
``inside_shell()`` first; outside the shell it switches the process to ``st.navigation``
mode and reruns, which runs ``dashboard.py`` for the same URL.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def inside_shell() -> None:
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
