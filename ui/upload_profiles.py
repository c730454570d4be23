"""Saved import profiles on /upload: each with its kind, the headers it recognises, who
saved it and when, its TOML to download and (editors) a remove button; and a profile file
to upload and save. Saving and removing are batches: the import history below lists them
and an admin can roll them back."""

from __future__ import annotations

import streamlit as st

from governance.catalog import KINDS
from governance.errors import GovernanceError
from governance.ingest.profiles import saved as saved_profiles
from ui import data, upload_mapping
from ui.context import can, current_user, lang, store, tr
from ui.text import md

UPLOADER_KEY = "profiles_upload"
FLASH_KEY = "profiles_flash"


def show() -> None:
    found, _ = data.profiles()
    label = tr("profiles.section", count=len(found))
    with st.expander(label, icon=":material/bookmarks:",
                     expanded=FLASH_KEY in st.session_state):
        upload_mapping.flash(FLASH_KEY)
        st.caption(tr("profiles.section-help"))
        for s in found:
            _row(s)
        if can("upload"):
            _upload()


def _row(s: saved_profiles.Saved) -> None:
    left, middle, right = st.columns([5, 1.6, 1.4], vertical_alignment="center")
    kind = KINDS[s.kind].label(lang()) if s.kind in KINDS else s.kind
    left.markdown(f"**{md(s.name)}** · {md(kind)}")
    if s.profile is not None:
        left.caption(md(tr("profiles.headers", headers=" / ".join(s.profile.headers) or "—",
                           who=s.saved_by, when=f"{s.saved_at:%Y-%m-%d %H:%M}",
                           batch=s.batch_id)))
    else:
        left.caption(md(tr("profiles.broken", message=s.error.message(lang()))))
    middle.download_button(tr("profiles.download"), s.body, file_name=f"{s.name}.toml",
                           mime="application/toml", key=f"profile_download_{s.batch_id}",
                           icon=":material/download:", on_click="ignore")
    if can("upload"):
        right.button(tr("profiles.remove"), key=f"profile_remove_{s.batch_id}",
                     icon=":material/delete:", on_click=_remove, args=(s.name,))


def _upload() -> None:
    # behind a toggle: a second file chooser on the page only when it is wanted
    if not st.toggle(tr("profiles.upload-open"), key="profiles_upload_open"):
        return
    file = st.file_uploader(tr("profiles.upload"), type=["toml"], key=UPLOADER_KEY)
    if file is None:
        return
    try:
        profile, text = saved_profiles.from_bytes(file.getvalue(), file.name)
    except GovernanceError as exc:
        st.error(md(exc.message(lang())), icon=":material/error:")
        return
    st.caption(md(tr("profiles.uploaded", name=profile.name,
                     kind=KINDS[profile.kind].label(lang()),
                     headers=" / ".join(profile.headers) or "—")))
    st.button(tr("profiles.upload-save"), key="profile_upload_save", type="primary",
              icon=":material/bookmark_add:", on_click=_save, args=(profile, text))


def _save(profile, text: str) -> None:
    if upload_mapping.save(profile, text, FLASH_KEY):
        st.session_state.pop(UPLOADER_KEY, None)
        st.session_state["profiles_upload_open"] = False


def _remove(name: str) -> None:
    try:
        result = saved_profiles.remove(store(), name, current_user())
    except GovernanceError as exc:
        st.session_state[FLASH_KEY] = ("error", exc.message(lang()))
        return
    st.session_state[FLASH_KEY] = ("success", tr("profiles.removed", name=result.name,
                                                 batch=result.batch_id))
