"""Entry point: ``streamlit run dashboard.py``. Page config, language, sign-in (``ui.auth``),
demo notice and the navigation built from ``ui.registry``."""

import streamlit as st

from governance import demo
from governance.i18n import LANGS
from ui import auth, data
from ui.context import LANG_KEY, guarded, lang, store, tr
from ui.registry import PAGES

st.set_page_config(page_title="Vendor Governance", page_icon=":material/handshake:",
                   layout="wide")

with st.sidebar:
    st.segmented_control(tr("app.language"), LANGS, default="ja", key=LANG_KEY,
                         format_func={"ja": "日本語", "en": "English"}.get,
                         bind="query-params", required=True)

# one open database for the whole run: each read reconnects in ~2 ms instead of ~50
with guarded(), store().held():
    access = auth.config()
    user = auth.actor(access)
    # the navigation decides the page from the URL even before sign-in, so a shared link
    # opens its own view once the recipient has signed in
    pages = [st.Page(p.path, title=tr(p.title_key), icon=p.icon, url_path=p.url_path,
                     default=p.default) for p in PAGES]
    page = st.navigation(pages, position="sidebar" if user else "hidden")
    if user is None:
        auth.sign_in_page(access)
        st.stop()
    auth.sidebar(user, access)
    left = data.demo_state()  # shown while any demo row is left, alone or among real data
    if left.alone:
        st.info(tr("app.demo-banner"), icon=":material/info:")
    elif left.present:
        st.warning(tr("demo.banner-mixed", rows=demo.rows_text(left.rows, lang()),
                      command=demo.REMOVE_COMMAND), icon=":material/info:")
    page.run()
