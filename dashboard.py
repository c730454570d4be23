"""Entry point: ``streamlit run dashboard.py``. Page config, language, settings (a broken
configuration closes the app), sign-in (``ui.auth``), then — signed in only — the
database, the demo notice and the navigation built from ``ui.registry``."""

import streamlit as st

from governance import demo
from governance.errors import ConfigError
from ui import auth
from ui.context import closed, configure, guarded, language_switch, store, tr
from ui.registry import PAGES

st.set_page_config(page_title="Vendor Governance", page_icon=":material/handshake:",
                   layout="wide")

with st.sidebar:
    language_switch()

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
page = st.navigation(pages, position="sidebar" if user else "hidden")
if user is None:
    auth.sign_in_page(access)  # nothing of the database yet: not even where it is
    st.stop()

# one open database for the whole run: each read reconnects in ~2 ms instead of ~50
with guarded(), store().held():
    auth.sidebar(user, access)
    if demo.is_demo(store()):
        st.info(tr("app.demo-banner"), icon=":material/info:")
    page.run()
