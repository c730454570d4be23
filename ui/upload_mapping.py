"""The mapping step of /upload, for a file no built-in layout or saved import profile
recognises: its header row, each of its columns with sample values and the catalog column
it feeds (suggested), the scale of numbers (suggested from units), the file's words for
choice and yes/no columns, values for required columns the file lacks (the vendor from a
picker). Required columns still unmapped are highlighted; once the mapping is complete the
file is read with the profile it makes and checked and previewed like any upload, and the
profile can be saved (an editor's right) or downloaded as TOML.

``prepare`` builds the draft from the widgets' state (their defaults being the
suggestions) before anything is drawn, so the page can check the file with it; ``show``
draws the widgets with the same keys and defaults; ``save_controls`` the save and download.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from governance.catalog import KINDS, NUMERIC_TYPES, Column
from governance.errors import GovernanceError, ReadError
from governance.ingest.profiles import Profile, ProfileError, parse, to_toml
from governance.ingest.profiles import saved as saved_profiles
from governance.ingest.profiles import suggest as sg
from governance.ingest.profiles.format import MAX_HEADER_ROW
from governance.ingest.readers import RawTable, read_table
from governance.ingest.staging import Staged
from ui.context import can, current_user, lang, store, tr
from ui.text import md

HOW_KEYS = {"alias": "mapping.how-alias", "normalised": "mapping.how-normalised",
            "similar": "mapping.how-similar"}
WIDTHS = [3, 3, 1.4, 3]
FLASH_KEY = "upload_mapping_flash"


@dataclass
class Mapping:
    """One file's mapping step: the file read at the chosen header row, the choices made,
    the columns they need a constant for, and the profile once they are complete."""

    raw: RawTable
    draft: sg.Draft
    prefix: str  # widget keys of this file, kind, sheet and header row
    row_key: str
    default_row: int
    lacking: list[str]  # required columns no file column is mapped to
    profile: Profile | None = None
    error: str | None = None  # the profile the choices make cannot be used (why)


@st.cache_data(show_spinner=False, max_entries=32)
def _read_at(sha256: str, name: str, sheet: str | None, row: int, limit: int,
             _data: bytes) -> RawTable:
    return read_table(_data, name, sheet, limit, header_row=row)


def prepare(f, staged: Staged, data: bytes, sha256: str, limit: int) -> Mapping | None:
    """The mapping step of a file that needs one (None otherwise), from the widgets'
    state; its profile is set when the choices are complete."""
    upload = staged.upload
    if not sg.needs_mapping(upload):
        return None
    first = upload.raw
    row_key = f"map_row_{f.file_id}_{first.sheet}"
    default_row = first.header_row if staged.detected else sg.guess_header_row(first.top)
    row = int(st.session_state.get(row_key, default_row))
    try:
        raw = first if row == first.header_row else _read_at(sha256, f.name, first.sheet,
                                                               row, limit, data)
    except ReadError:
        raw = first
    kind = upload.kind or staged.detected or sg.suggest_kind(raw)
    prefix = f"map_{f.file_id}_{kind}_{raw.sheet}_{row}_"
    spec, state = KINDS[kind], st.session_state
    suggested = sg.suggest(raw, kind)
    draft = sg.Draft(kind, state.get(f"map_name_{f.file_id}", Path(f.name).stem).strip(),
                     raw.sheet, row)
    for fc in sg.file_columns(raw):
        i = fc.position
        target = draft.columns[i] = state.get(f"{prefix}col_{i}", suggested[i][0])
        if target is None:
            continue
        column = spec.column(target)
        if column.type in NUMERIC_TYPES:
            draft.scale[i] = state.get(f"{prefix}scale_{i}_{target}",
                                       float(sg.implied_scale(fc, column) or 1))
        if sg.has_words(column):
            draft.words[i] = {w: state.get(f"{prefix}word_{i}_{target}_{j}",
                                           sg.reads_as(column, w))
                              for j, w in enumerate(fc.words)}
    lacking = draft.missing()
    draft.constants = {c: state.get(f"{prefix}const_{c}") for c in lacking}
    mapping = Mapping(raw, draft, prefix, row_key, default_row, lacking)
    if draft.complete(raw) and draft.name:
        profile = draft.profile(raw)
        try:  # what is saved must read back as this profile
            mapping.profile = parse(to_toml(profile), profile.name)
        except ProfileError as exc:
            mapping.error = exc.message(lang())
    return mapping


def _label(column: Column, mark: bool = True) -> str:
    required = tr("mapping.required") if column.required and mark else ""
    return f"{column.label(lang())}({column.name}){required}"


def show(f, mapping: Mapping, vendor_ids: list[str]) -> None:
    """Draw the mapping step (see the module)."""
    draft, raw, p = mapping.draft, mapping.raw, mapping.prefix
    spec = KINDS[draft.kind]
    st.markdown(f"**:material/table_edit: {tr('mapping.title')}**")
    st.info(tr("mapping.intro", kind=spec.label(lang())), icon=":material/info:")
    st.number_input(tr("mapping.header-row"), min_value=1, max_value=MAX_HEADER_ROW,
                    value=mapping.default_row, step=1, key=mapping.row_key, width=200)
    labels = {None: tr("mapping.ignore")} | {c.name: _label(c) for c in spec.columns}
    suggested = sg.suggest(raw, draft.kind)
    with st.container(border=True):
        for col, key in zip(st.columns(WIDTHS), ("mapping.file-column", "mapping.target",
                                                 "mapping.scale", "mapping.words"),
                            strict=True):
            col.markdown(f"**{tr(key)}**")
        for fc in sg.file_columns(raw):
            _column_row(fc, draft, p, labels, suggested[fc.position])
    for c in mapping.lacking:
        _constant(spec.column(c), p, vendor_ids)
    _problems(mapping)


def _column_row(fc: sg.FileColumn, draft: sg.Draft, p: str, labels: dict,
                suggestion: tuple[str | None, str | None]) -> None:
    i, spec = fc.position, KINDS[draft.kind]
    cols = st.columns(WIDTHS, vertical_alignment="top")
    cols[0].markdown(f"**{md(fc.header)}**" if fc.header else tr("mapping.no-header"))
    if fc.samples:
        cols[0].caption(md(tr("mapping.samples", samples=" / ".join(fc.samples))))
    options = [None, *spec.names]
    target = cols[1].selectbox(
        tr("mapping.target"), options, index=options.index(suggestion[0]),
        key=f"{p}col_{i}", format_func=labels.get, label_visibility="collapsed")
    if target is not None and target == suggestion[0]:
        cols[1].caption(tr(HOW_KEYS[suggestion[1]]))
    if target is None:
        return
    column = spec.column(target)
    if column.type in NUMERIC_TYPES:
        cols[2].number_input(tr("mapping.scale"), min_value=0.000001, value=draft.scale[i],
                             key=f"{p}scale_{i}_{target}", format="%g",
                             label_visibility="collapsed", help=tr("mapping.scale-help"))
    if sg.has_words(column):
        words = {None: tr("mapping.word-unmapped")} | {
            w: _word_label(column, w) for w in sg.word_targets(column)}
        for j, word in enumerate(fc.words):
            chosen = draft.words[i][word]
            cols[3].selectbox(md(word), list(words), index=list(words).index(chosen),
                              key=f"{p}word_{i}_{target}_{j}", format_func=words.get)
        if fc.more_words:
            cols[3].caption(tr("mapping.more-words", count=sg.MAX_WORDS))


def _word_label(column: Column, value: str) -> str:
    if column.type == "boolean":
        return tr("mapping.yes") if value == "yes" else tr("mapping.no")
    return f"{column.choice(value).label_for(lang())}({value})"


def _constant(column: Column, p: str, vendor_ids: list[str]) -> None:
    label = tr("mapping.constant", column=column.label(lang()))
    if column.references == "vendors":
        st.selectbox(label, [None, *vendor_ids], key=f"{p}const_{column.name}",
                     format_func=lambda v: tr("mapping.pick") if v is None else v,
                     help=tr("mapping.constant-help"))
    else:
        st.text_input(label, key=f"{p}const_{column.name}", help=tr("mapping.constant-help"))


def _problems(mapping: Mapping) -> None:
    draft, spec = mapping.draft, KINDS[mapping.draft.kind]
    missing = draft.missing()
    if missing:
        st.error(md(tr("mapping.missing", columns="、".join(
            _label(spec.column(c), False) for c in missing))), icon=":material/error:")
    if draft.conflicts():
        st.error(md(tr("mapping.conflict", columns="、".join(
            _label(spec.column(c), False) for c in draft.conflicts()))),
                 icon=":material/error:")
    for i, words in draft.unread_words(mapping.raw).items():
        st.warning(md(tr("mapping.unread", column=mapping.raw.headers[i],
                         words="」「".join(words))), icon=":material/warning:")
    if not draft.name:
        st.error(tr("mapping.no-name"), icon=":material/error:")
    if mapping.error is not None:
        st.error(md(mapping.error), icon=":material/error:")
    if mapping.profile is not None:
        st.success(tr("mapping.complete"), icon=":material/task_alt:")


def save_controls(f, mapping: Mapping) -> None:
    """The profile's name, "Save as profile" (editors) and its download as TOML."""
    left, middle, right = st.columns([3, 2, 2], vertical_alignment="bottom")
    left.text_input(tr("mapping.name"), value=Path(f.name).stem, key=f"map_name_{f.file_id}")
    profile = mapping.profile
    if profile is None:
        return
    if can("upload"):
        middle.button(tr("mapping.save"), key=f"map_save_{f.file_id}",
                      icon=":material/bookmark_add:", on_click=save, args=(profile,))
    right.download_button(tr("mapping.download"), to_toml(profile),
                          file_name=f"{profile.name}.toml", mime="application/toml",
                          key=f"map_download_{f.file_id}", icon=":material/download:",
                          on_click="ignore")


def flash(key: str = FLASH_KEY) -> None:
    """What the last "Save as profile" did (the file it was made for is then recognised
    by the saved profile, and its mapping step is gone), or what ``key`` holds."""
    found = st.session_state.pop(key, None)
    if found is not None:
        (st.success if found[0] == "success" else st.error)(md(found[1]),
                                                            icon=":material/bookmark:")


def save(profile: Profile, text: str | None = None, flash_key: str = FLASH_KEY) -> bool:
    """Button callback: save ``profile`` (``text``: the file it was read from) and keep
    what happened under ``flash_key`` for the next run to show; whether it was saved."""
    try:
        result = saved_profiles.save(store(), profile, text, current_user())
    except GovernanceError as exc:
        st.session_state[flash_key] = ("error", exc.message(lang()))
        return False
    st.session_state[flash_key] = ("success", saved_line(result))
    return True


def saved_line(result) -> str:
    """What saving a profile did, in words."""
    from governance.store.profiles import ACTION_KEYS

    if result.batch_id is None:
        return tr("profiles.unchanged", name=result.name)
    return tr("profiles.saved", name=result.name, batch=result.batch_id,
              action=tr(ACTION_KEYS[result.action]))
