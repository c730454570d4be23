"""/settings (admins): the sign-in mode, the users or rules with their roles (never a
password hash), the calibration of the scoring thresholds (how many vendors each measure
flags, this month and over 12 months), and the audit log of uploads, rollbacks and edits,
newest first."""

import streamlit as st

from governance import audit
from governance.access import MODE_KEYS, ROLE_KEYS, require
from governance.views.calibration import calibration_table
from ui import auth, data
from ui.context import current_user, lang, store, tr
from ui.filters import month_picker
from ui.shell import inside_shell

inside_shell()

st.title(tr("page.settings"))
require(current_user(), "settings")  # AccessDenied: shown as a message by the shell

lg = lang()
config = auth.config()
st.caption(tr("settings.mode", mode=tr(MODE_KEYS[config.mode])))
st.subheader(tr("settings.users"))
roster = [{tr("audit.user"): r["user"], tr("audit.role"): tr(ROLE_KEYS[r["role"]])}
          for r in config.roster()]
st.dataframe(roster, hide_index=True, placeholder="—")

month = month_picker()
if month is not None:
    st.subheader(tr("settings.calibration", month=month.label(lg)))
    st.caption(tr("settings.calibration-help"))
    table = calibration_table(data.month_data(month), lg)
    st.dataframe(table, hide_index=True, placeholder="—", column_config={
        tr("calibration.flagged"): st.column_config.ProgressColumn(
            format="%.0f%%", min_value=0, max_value=100, width="small"),
        tr("calibration.history"): st.column_config.BarChartColumn(y_min=0, width="small")})

st.subheader(tr("settings.audit"))
st.caption(tr("settings.audit-help"))
log = audit.log(store(), lg)
st.dataframe(log.rename(columns={c: tr(key) for c, key in audit.COLUMN_KEYS.items()}),
             hide_index=True, placeholder="—",
             column_config={tr("audit.when"): st.column_config.DatetimeColumn(
                 format="YYYY-MM-DD HH:mm:ss")})
