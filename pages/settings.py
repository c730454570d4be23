"""/settings (admins): the sign-in mode, the users or rules with their roles (never a
password hash), and the audit log of uploads, rollbacks and edits, newest first."""

import streamlit as st

from governance import audit
from governance.access import ROLE_KEYS, require
from ui import auth
from ui.context import current_user, lang, store, tr
from ui.shell import inside_shell

inside_shell()

st.title(tr("page.settings"))
require(current_user(), "settings")  # AccessDenied: shown as a message by the shell

lg = lang()
config = auth.config()
st.caption(tr("settings.mode", mode=config.mode))
st.subheader(tr("settings.users"))
roster = [{tr("audit.user"): r["user"], tr("audit.role"): tr(ROLE_KEYS[r["role"]])}
          for r in config.roster()]
st.dataframe(roster, hide_index=True)

st.subheader(tr("settings.audit"))
st.caption(tr("settings.audit-help"))
log = audit.log(store(), lg)
st.dataframe(log.rename(columns={c: tr(key) for c, key in audit.COLUMN_KEYS.items()}),
             hide_index=True,
             column_config={tr("audit.when"): st.column_config.DatetimeColumn(
                 format="YYYY-MM-DD HH:mm:ss")})
