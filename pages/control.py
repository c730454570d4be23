"""/control: the control_leakage axis."""

from ui import axis_page

axis_page.show("control_leakage", "page.control")
