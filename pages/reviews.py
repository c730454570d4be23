"""/reviews: the progress-review log (meetings and action items)."""

import streamlit as st

from governance.presenting import labelled
from ui import data
from ui.context import lang, tr
from ui.shell import inside_shell

inside_shell()

st.title(tr("page.reviews"))
st.subheader(tr("reviews.meetings"))
st.dataframe(labelled(data.rows("reviews"), "reviews", lang()), hide_index=True)
st.subheader(tr("reviews.actions"))
st.dataframe(labelled(data.rows("actions"), "actions", lang()), hide_index=True)
