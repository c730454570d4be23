"""/upload: load files; a refused file shows its report and changes nothing."""

import streamlit as st

from governance.catalog import KINDS
from governance.ingest import Upload, load
from ui import data
from ui.context import lang, store, tr
from ui.shell import inside_shell

inside_shell()

st.title(tr("page.upload"))
st.caption(tr("upload.help"))
kind = st.selectbox(tr("upload.kind"), [None, *KINDS], key="upload_kind",
                    format_func=lambda k: tr("upload.kind-auto") if k is None
                    else KINDS[k].label(lang()))
files = st.file_uploader(tr("upload.files"), type=["csv", "tsv", "txt", "xlsx", "xls", "ods"],
                         accept_multiple_files=True, key="upload_files")
if files and st.button(tr("upload.load"), type="primary"):
    for file in files:
        upload = load(store(), Upload(file.name, file.getvalue(), kind=kind))
        for line in upload.summary(lang()):
            (st.error if upload.refused else st.success)(line)
        if upload.refused:
            st.dataframe(upload.report.table(lang()), hide_index=True)

st.subheader(tr("upload.history"))
st.dataframe(data.batches(), hide_index=True)
