"""/knowledge: the knowledge_drain axis."""


from ui import axis_page
from ui.shell import inside_shell

inside_shell()

axis_page.show("knowledge_drain", "page.knowledge")
