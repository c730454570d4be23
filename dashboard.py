"""Entry point: ``streamlit run dashboard.py``. Page config, language, settings (a broken
configuration closes the app), sign-in (``ui.auth``), then — signed in only — the
database, the demo notice and the navigation built from ``ui.registry``: the sidebar links
take the month, the filters and the language along (``ui.links``)."""

import streamlit as st

from governance import demo
from governance.errors import ConfigError
from ui import auth, data, language
from ui.context import closed, configure, guarded, lang, refresh_version, store, tr
from ui.links import carried
from ui.notes import unreadable_values
from ui.registry import PAGES

st.set_page_config(page_title="Vendor Governance", page_icon=":material/handshake:",
                   layout="wide")
language.settle()
with st.sidebar:
    language.switch()

try:
    settings = configure()
except ConfigError as exc:
    closed(exc)  # the message, no page, no data

access = settings.access
user = auth.actor(access)
# the navigation decides the page from the URL even before sign-in, so a shared link
# opens its own view once the recipient has signed in
pages = [st.Page(p.path, title=tr(p.title_key), icon=p.icon, url_path=p.url_path,
                 default=p.default) for p in PAGES]
page = st.navigation(pages, position="hidden")
if user is None:
    auth.sign_in_page(access)  # nothing of the database yet: not even where it is
    st.stop()

with st.sidebar:
    view = carried()
    for p in pages:
        st.page_link(p, query_params=view)

# one open database for the whole run: each read reconnects in ~2 ms instead of ~50
with guarded(), store().held():
    refresh_version()  # once per run: every cached read of the run is keyed on it
    auth.sidebar(user, access)
    left = data.demo_state()  # shown while any demo row is left, alone or among real data
    if left.alone:
        st.info(tr("app.demo-banner"), icon=":material/info:")
    elif left.present:
        st.warning(tr("demo.banner-mixed", rows=demo.rows_text(left.rows, lang()),
                      command=demo.REMOVE_COMMAND), icon=":material/info:")
    unreadable_values()
    page.run()
