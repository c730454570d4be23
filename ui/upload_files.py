"""Step 2 of /upload: the files chosen, each checked and previewed, and the load buttons.

Each file gets its own box: name, kind (detected, overridable), sheet (for workbooks with
several), then either its problem report with downloads, or the preview of what loading it
would change and a button to load it. Nothing is written until a load button is pressed.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import streamlit as st

from governance.catalog import KINDS
from governance.errors import LoadInterrupted
from governance.ingest import batch_list, sandbox, staging
from governance.ingest import problem_export as report_export
from governance.ingest.profiles import Profile, to_toml
from governance.ingest.readers import ENCODING_KEYS
from governance.ingest.staging import LOADED, READY, REFUSED, WAITING, Staged
from ui import data, demo_removal, upload_mapping, upload_preview
from ui.context import app_settings, current_user, database_target, lang, store, tr, version
from ui.text import md

# .xlsm: a macro-enabled workbook reads as XLSX (cell values only; no macro ever runs).
# .xlsb is taken so that its refusal is this app's own, translated, with what to do
TYPES = ["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods", "xlsb"]
UPLOADER_KEY = "upload_files"
COMMITTED_KEY = "upload_committed"  # sha256 -> (batch id, result lines) loaded this session
PENDING_KEY = "upload_pending"  # a load button was pressed: a file id, or ALL
ALL = "all"


@st.cache_data(show_spinner=False, max_entries=32)
def _read(sha256: str, name: str, kind: str | None, sheet: str | None, size: int,
          limit: int, profiles_key: str, _data: bytes, _saved: tuple = (),
          _profile: Profile | None = None) -> Staged:
    """``profiles_key``: the saved profiles' fingerprint, or the mapped profile's TOML."""
    return staging.read(name, _data, kind, sheet, size=size, limit=limit,
                        profile=_profile, saved=_saved)


@st.cache_data(show_spinner=False, max_entries=16)
def _stage(target, data_version, today, keys: tuple, _selection: list[Staged]
           ) -> list[Staged]:
    return staging.stage(store(), _selection, today)


def _key(what: str, file) -> str:
    """A widget key per file; choices shown in words carry the language, so switching it
    starts them afresh rather than matching labels of the other language."""
    suffix = f"_{lang()}" if what in ("kind", "sheet") else ""
    return f"upload_{what}_{file.file_id}{suffix}"


def selection(files) -> tuple[list[Staged], list[upload_mapping.Mapping | None]]:
    """Read and check the uploaded files with the kind and sheet chosen for each, each
    read with the saved profile it fits; a file refused for its headers gets a mapping
    step, and once its mapping is complete it is read and checked with that instead."""
    limit = app_settings().environment.max_upload_bytes
    found, fingerprint = data.profiles()
    saved = tuple(s.profile for s in found if s.profile is not None)
    files = [(f, f.getvalue() if f.size <= limit else b"") for f in files]
    read, keys = [], []
    for f, body in files:
        sha = hashlib.sha256(body).hexdigest()
        kind = st.session_state.get(_key("kind", f))
        sheet = st.session_state.get(_key("sheet", f))
        read.append(_read(sha, f.name, kind, sheet, f.size, limit, fingerprint, body, saved))
        keys.append((sha, f.name, kind, sheet, f.size, fingerprint))
    staged = _stage(database_target(), version(), dt.date.today(), tuple(keys), read)
    mappings = [upload_mapping.prepare(f, s, body, key[0], limit)
                for (f, body), s, key in zip(files, staged, keys, strict=True)]
    if not any(m is not None and m.profile is not None for m in mappings):
        return staged, mappings
    for i, ((_, body), m) in enumerate(zip(files, mappings, strict=True)):
        if m is not None and m.profile is not None:
            sha, name, kind, _, size, _ = keys[i]
            key = to_toml(m.profile)
            read[i] = _read(sha, name, kind, m.raw.sheet, size, limit, key, body, (),
                            m.profile)
            keys[i] = (sha, name, kind, m.raw.sheet, size, key)
    return _stage(database_target(), version(), dt.date.today(), tuple(keys), read), mappings


def show() -> None:
    sandbox.start()  # the process uploads are parsed in loads while a file is chosen
    st.subheader(tr("upload.step-files"))
    limit = f"{app_settings().environment.max_upload_mb:g} MB"
    files = st.file_uploader(tr("upload.files", limit=limit), type=TYPES,
                             accept_multiple_files=True, key=UPLOADER_KEY)
    if not files:
        st.info(tr("upload.none"), icon=":material/upload_file:")
        return
    with st.spinner(tr("upload.checking")):
        staged, mappings = selection(files)
    upload_mapping.flash()
    vendor_ids = None
    for f, s, mapping in zip(files, staged, mappings, strict=True):
        with st.container(border=True):
            _header(f, s)
            if mapping is None:
                _body(f, s)
                continue
            if vendor_ids is None:
                vendor_ids = sorted(data.rows("vendors")["vendor_id"])
            upload_mapping.show(f, mapping, vendor_ids)
            if mapping.profile is not None:
                _body(f, s)
            upload_mapping.save_controls(f, mapping)
    ready = staging.committable(staged)
    if len(ready) >= 2:
        st.button(tr("upload.commit-all", count=len(ready)), key="upload_commit_all",
                  type="primary", icon=":material/playlist_add_check:",
                  on_click=_request, args=(ALL,))
        if _requested(ALL):
            _commit(ready)


def _header(f, s: Staged) -> None:
    st.markdown(f":material/description: **{md(f.name)}**")
    left, right, _ = st.columns([2, 2, 3])

    # labels fixed now: AppTest calls format_func outside the script run
    labels = {k: spec.label(lang()) for k, spec in KINDS.items()}
    labels[None] = (tr("upload.kind-auto-found", kind=labels[s.detected]) if s.detected
                    else tr("upload.kind-auto-none"))
    left.selectbox(tr("upload.kind"), [None, *KINDS], key=_key("kind", f),
                   format_func=labels.get)
    raw = s.upload.raw
    if len(s.sheets) > 1:
        auto = tr("upload.sheet-auto", sheet=s.upload.sheet or s.sheets[0])
        right.selectbox(tr("upload.sheet"), [None, *s.sheets], key=_key("sheet", f),
                        format_func=lambda name: auto if name is None else name)
    if s.skipped:
        st.caption(md(tr("upload.sheet-skipped", skipped="」「".join(s.skipped),
                         sheet=s.upload.sheet)))
    if raw is None:
        return
    if raw.sheet is not None:
        info = tr("upload.info-book", sheet=raw.sheet, header=raw.header_row, rows=s.rows)
    else:
        info = tr("upload.info-text", format=raw.file_format.upper(), header=raw.header_row,
                  encoding=tr(ENCODING_KEYS[raw.encoding]), rows=s.rows)
    if s.upload.profile is not None:
        info = tr("mapping.read-with", info=info, name=s.upload.profile.name)
    st.caption(md(info))


def _body(f, s: Staged) -> None:
    lg = lang()
    upload = s.upload
    if s.state == REFUSED:
        st.error(tr("upload.refused", summary=md(upload.problems.summary(lg))),
                 icon=":material/block:")
        if not upload.problems.file_level:
            st.dataframe(report_export.frame(upload.problems, lg), hide_index=True, placeholder="")
            _report_downloads(f, s)
        _notes(upload)
        return
    if s.state == LOADED:  # loading it would change nothing
        done = st.session_state.get(COMMITTED_KEY, {}).get(upload.sha256)
        if done is not None and (done[0] in s.holders or done[0] == s.loaded_as):
            # loaded a moment ago, here (the newest file of its kind is known by its bytes)
            st.success("\n\n".join(md(line) for line in done[1]),
                       icon=":material/check_circle:")
            st.caption(tr("upload.undo-hint", batch=done[0]))
        elif s.loaded_as is not None:
            st.info(_loaded_before(s.loaded_as), icon=":material/info:")
        else:
            st.info(tr("upload.nothing-to-change", batches=batch_list(s.holders)),
                    icon=":material/info:")
        return
    if s.state == WAITING:
        st.warning(tr("upload.waiting", files="、".join(md(n) for n in s.waits_for)),
                   icon=":material/hourglass_top:")
    else:
        st.success(tr("upload.ready", rows=f"{s.rows:,}"), icon=":material/task_alt:")
    _notes(upload)
    if upload.kind == "vendors":  # a register: offer to take the demo data out first
        demo_removal.offer(f.file_id)
    upload_preview.show(s.preview)
    st.button(tr("upload.commit"), key=_key("commit", f), type="primary",
              disabled=s.state != READY, icon=":material/database_upload:",
              on_click=_request, args=(f.file_id,))
    if _requested(f.file_id) and s.state == READY:
        _commit([s])


def _request(what: str) -> None:
    """Button callback: remember what to load. The load itself runs in the page body,
    where its progress shows beside the button (a callback draws at the top)."""
    st.session_state[PENDING_KEY] = what


def _requested(what: str) -> bool:
    if st.session_state.get(PENDING_KEY) != what:
        return False
    del st.session_state[PENDING_KEY]
    return True


def _notes(upload) -> None:
    for p in upload.problems.warnings:
        st.caption(md(tr("ingest.warning", message=p.message(lang()))))


def _loaded_before(batch_id: int) -> str:
    batches = data.batches()
    row = batches[batches["batch_id"] == batch_id].iloc[0]
    return tr("upload.loaded-before", batch=batch_id, who=md(row["loaded_by"]),
              when=f"{row['loaded_at']:%Y-%m-%d %H:%M}")


def _report_downloads(f, s: Staged) -> None:
    lg, report, kind = lang(), s.upload.problems, s.upload.kind
    left, right, _ = st.columns([1, 1, 3])
    left.download_button(
        tr("upload.problems-csv"), report_export.to_csv(report, lg, kind),
        file_name=report_export.file_name(f.name, lg, "csv"), mime="text/csv",
        key=_key("report_csv", f), icon=":material/download:", on_click="ignore")
    right.download_button(
        tr("upload.problems-xlsx"), report_export.to_xlsx(report, lg, kind),
        file_name=report_export.file_name(f.name, lg, "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=_key("report_xlsx", f), icon=":material/download:", on_click="ignore")


def _commit(selected: list[Staged]) -> None:
    """Load the files with a progress display, remember the outcome, and redraw; a load
    that fails part-way stays on screen, naming the files loaded before it."""
    failed = None
    with st.status(tr("upload.committing"), expanded=True) as status:
        try:
            done = staging.commit(
                store(), [s.upload for s in selected], current_user(), dt.date.today(),
                on_start=lambda u: status.write(md(tr(
                    "upload.committing-file", file=u.file_name,
                    rows=f"{0 if u.raw is None else len(u.raw.frame):,}"))))
            status.update(label=tr("upload.committed"), state="complete")
        except LoadInterrupted as exc:
            failed, done = exc, exc.done
            status.update(label=tr("upload.interrupted"), state="error")
    committed = st.session_state.setdefault(COMMITTED_KEY, {})
    for upload in done:
        if upload.result is not None and not upload.result.nothing_changed:
            committed[upload.sha256] = (upload.result.batch_id, upload.summary(lang()))
    if failed is not None:
        st.error(md(failed.message(lang())), icon=":material/error:")
        return
    st.rerun()
