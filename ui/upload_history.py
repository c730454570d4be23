"""Step 3 of /upload: every import batch, newest first, with a rollback button (behind a
confirmation) on each committed one; above them, for admins, the removal of the demo data
(``ui.demo_removal``)."""

from __future__ import annotations

import streamlit as st

from governance import ingest
from governance.catalog import KINDS
from governance.errors import GovernanceError
from governance.store import profiles
from ui import data, demo_removal
from ui.context import can, current_user, lang, store, tr
from ui.text import md

SHOWN = 30
FLASH_KEY = "upload_history_flash"
WIDTHS = [0.8, 2.8, 2.5, 1.6, 1.3, 1.8]


def show() -> None:
    st.subheader(tr("upload.step-history"))
    st.caption(tr("history.help"))
    flash = st.session_state.pop(FLASH_KEY, None)
    if flash is not None:
        level, text = flash
        (st.success if level == "success" else st.error)(md(text))
    demo_removal.panel()
    batches = data.batches()
    if batches.empty:
        st.info(tr("batches.empty"))
        return
    newest = batches.sort_values("batch_id", ascending=False)
    if len(newest) > SHOWN:
        st.caption(tr("history.showing", shown=SHOWN, total=len(newest)))
    heads = ["col.batch_id", "history.file", "col.rows", "history.loaded", "col.status",
             "history.actions"]
    with st.container(border=True):
        for col, key in zip(st.columns(WIDTHS), heads, strict=True):
            col.markdown(f"**{tr(key)}**")
        for row in newest.head(SHOWN).itertuples(index=False):
            _row(row)


def _row(row) -> None:
    cols = st.columns(WIDTHS, vertical_alignment="center")
    cols[0].markdown(f"**{row.batch_id}**")
    kind = KINDS[row.kind].label(lang()) if row.kind in KINDS else row.kind
    if row.kind == profiles.KIND:  # an import profile saved or removed
        kind = tr("profiles.kind")
        cols[2].markdown(tr(profiles.ACTION_KEYS[profiles.action(row.rows_total,
                                                                 row.rows_inserted)]))
    else:
        cols[2].markdown(md(tr("history.rows", total=f"{row.rows_total:,}",
                               inserted=f"{row.rows_inserted:,}",
                               replaced=f"{row.rows_replaced:,}",
                               unchanged=f"{row.rows_unchanged:,}")))
    cols[1].markdown(f"{md(kind)}: {md(row.file_name)}")
    cols[1].caption(f"SHA-256 `{row.sha256[:12]}`", help=row.sha256)
    if isinstance(row.profile, str) and row.kind != profiles.KIND:
        cols[1].caption(md(tr("history.via-profile", profile=row.profile)))
    cols[3].markdown(md(f"{row.loaded_at:%Y-%m-%d %H:%M}"))
    cols[3].caption(md(row.loaded_by))
    if row.status == "committed":
        cols[4].badge(tr("status.committed"), color="green", icon=":material/check:")
        if not can("rollback"):  # admins only; governance refuses anyone else anyway
            return
        with cols[5].popover(tr("history.rollback"), icon=":material/undo:"):
            st.markdown(md(tr("history.rollback-confirm", batch=row.batch_id,
                              file=row.file_name, inserted=f"{row.rows_inserted:,}",
                              replaced=f"{row.rows_replaced:,}")))
            st.button(tr("history.rollback-do"), key=f"rollback_{row.batch_id}",
                      type="primary", on_click=_rollback, args=(int(row.batch_id),))
    else:
        cols[4].badge(tr("status.rolled_back"), color="gray", icon=":material/undo:")
        cols[4].caption(md(tr("history.rolled-back", who=row.rolled_back_by,
                              when=f"{row.rolled_back_at:%Y-%m-%d %H:%M}")))


def _rollback(batch_id: int) -> None:
    try:
        result = ingest.rollback(store(), batch_id, current_user())
    except GovernanceError as exc:
        st.session_state[FLASH_KEY] = ("error", exc.message(lang()))
        return
    st.session_state[FLASH_KEY] = ("success", "\n\n".join(
        ingest.rollback_summary(result, lang())))
