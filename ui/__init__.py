"""The Streamlit side: page registry, shared page context and small widgets.

Only this package and ``pages/`` import Streamlit; they call ``governance`` for everything
else.
"""
