"""/upload: templates to fill in; files checked and previewed before anything is written,
then loaded as one batch each; the import history with rollback."""

import streamlit as st

from ui import upload_files, upload_history, upload_templates
from ui.context import tr
from ui.shell import inside_shell

inside_shell()

st.title(tr("page.upload"))
st.caption(tr("upload.help"))
upload_templates.show()
upload_files.show()
upload_history.show()
