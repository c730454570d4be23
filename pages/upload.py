"""/upload: templates to fill in; files checked and previewed before anything is written,
then loaded as one batch each; the import history with rollback."""

import streamlit as st

from governance.catalog import kinds_in_words
from ui import upload_files, upload_history, upload_profiles, upload_templates
from ui.context import can, lang, tr
from ui.shell import inside_shell

inside_shell()

st.title(tr("page.upload"))
st.caption(tr("upload.help", kinds=kinds_in_words(lang())))
upload_templates.show()
if can("upload"):
    upload_files.show()
else:  # governance refuses a viewer's upload anyway; the uploader is left out
    st.subheader(tr("upload.step-files"))
    st.info(tr("access.read-only"), icon=":material/lock:")
upload_profiles.show()
upload_history.show()
