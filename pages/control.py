"""/control: the control_leakage axis."""


from ui import axis_page
from ui.shell import inside_shell

inside_shell()

axis_page.show("control_leakage", "page.control")
