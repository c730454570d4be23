"""/control: the control_leakage axis."""


from ui import axis_page, service
from ui.shell import inside_shell

inside_shell()

axis_page.show("control_leakage", "page.control", extra=service.comparison,
               extra_tab_key="service.tab",
               vendor_extra=service.sla_trend)
