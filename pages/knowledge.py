"""/knowledge: the knowledge_drain axis."""

from ui import axis_page

axis_page.show("knowledge_drain", "page.knowledge")
