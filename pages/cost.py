"""/cost: the cost_creep axis."""

from ui import axis_page

axis_page.show("cost_creep", "page.cost")
