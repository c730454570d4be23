"""Step 1 of /upload: download a template per kind, Japanese or English headers, empty or
with example rows, as XLSX (dropdowns, formats, header comments), CSV (UTF-8 with BOM) or
CSV in CP932 for older Excel."""

from __future__ import annotations

import streamlit as st

from governance.catalog import KINDS, LOAD_ORDER
from governance.cp932 import CP932Error
from governance.i18n import LANGS
from governance.ingest import templates
from ui.context import lang, tr

MIME = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "csv": "text/csv", "csv-cp932": "text/csv"}
EXTENSION = {"xlsx": "xlsx", "csv": "csv", "csv-cp932": "csv"}
LABEL_KEYS = {"xlsx": "template.xlsx", "csv": "template.csv", "csv-cp932": "template.csv-cp932"}
HEADINGS_KEYS = {"ja": "template.headers-ja", "en": "template.headers-en"}


@st.cache_data(show_spinner=False, max_entries=64)
def _render(kind: str, headers: str, fmt: str, example: bool) -> bytes:
    return templates.render(kind, headers, fmt, example)


def file_name(kind: str, headers: str, fmt: str) -> str:
    label = KINDS[kind].label("ja") if headers == "ja" else kind
    suffix = "_sjis" if fmt == "csv-cp932" else ""
    return f"{tr('template.file-name', kind=label)}{suffix}.{EXTENSION[fmt]}"


@st.fragment
def show() -> None:
    st.subheader(tr("upload.step-template"))
    with st.expander(tr("template.title"), icon=":material/table_view:"):
        st.caption(tr("template.help"))
        left, middle, right = st.columns([2, 2, 2], vertical_alignment="bottom")
        # labels fixed now: AppTest calls format_func outside the script run
        kinds = {k: KINDS[k].label(lang()) for k in LOAD_ORDER}
        headings = {h: tr(HEADINGS_KEYS[h]) for h in LANGS}
        kind = left.selectbox(tr("upload.kind"), list(kinds), key=f"template_kind_{lang()}",
                              format_func=kinds.get)
        headers = middle.radio(tr("template.headers"), LANGS, key=f"template_headers_{lang()}",
                               index=LANGS.index(lang()), horizontal=True,
                               format_func=headings.get)
        example = right.checkbox(tr("template.example"), key="template_example")
        for col, fmt in zip(st.columns(3), LABEL_KEYS, strict=True):
            try:
                data = _render(kind, headers, fmt, example)
            except CP932Error as exc:  # example rows CP932 cannot hold: say which cells
                col.caption(exc.message(lang()))
                continue
            col.download_button(tr(LABEL_KEYS[fmt]), data,
                                file_name=file_name(kind, headers, fmt), mime=MIME[fmt],
                                key=f"template_{fmt}", icon=":material/download:",
                                on_click="ignore", width="stretch")
