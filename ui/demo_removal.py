"""Removing the demo data in the app: a panel above the import history of /upload, and an
offer beside a vendor register about to be loaded while demo data is in the database.

Admins get a button behind a confirmation; others see no button (the offer tells an
editor to ask an admin). ``governance.demo.remove`` checks the right again (``rollback``)
whatever the page shows, and does the removal in one transaction.
"""

from __future__ import annotations

import streamlit as st

from governance import demo
from governance.errors import GovernanceError
from ui import data
from ui.context import can, current_user, lang, store, tr
from ui.text import md

FLASH_KEY = "demo_removal_flash"
LEVELS = {"success": st.success, "warning": st.warning, "error": st.error}


def _flash() -> None:
    """What the last removal did, shown once where the next run first asks."""
    flash = st.session_state.pop(FLASH_KEY, None)
    if flash is not None:
        level, lines = flash
        LEVELS[level]("\n\n".join(md(line) for line in lines))


def panel() -> None:
    """What is left of the demo data and the button to remove it (admins only)."""
    _flash()
    left = data.demo_state()
    if not left.present or not can("rollback"):
        return
    rows = demo.rows_text(left.rows, lang())
    with st.container(border=True):
        st.markdown(md(tr("demo.panel", rows=rows)))
        _button("panel", rows)


def offer(key: str) -> None:
    """Beside a register about to be loaded: remove the demo data first."""
    _flash()
    left = data.demo_state()
    if not left.present:
        return
    rows = demo.rows_text(left.rows, lang())
    st.warning(md(tr("demo.offer", rows=rows)), icon=":material/info:")
    if can("rollback"):
        _button(key, rows)
    else:
        st.caption(tr("demo.offer-ask"))


def _button(key: str, rows: str) -> None:
    with st.popover(tr("demo.remove"), icon=":material/delete_sweep:",
                    key=f"demo_remove_open_{key}"):
        st.markdown(md(tr("demo.remove-confirm", rows=rows)))
        st.button(tr("demo.remove-do"), key=f"demo_remove_{key}", type="primary",
                  on_click=_remove)


def _remove() -> None:
    try:
        result = demo.remove(store(), current_user())
    except GovernanceError as exc:
        st.session_state[FLASH_KEY] = ("error", [exc.message(lang())])
        return
    st.session_state[FLASH_KEY] = ("warning" if result.kept_vendors else "success",
                                   demo.removal_lines(result, lang()))
