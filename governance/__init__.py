"""Vendor governance: the logic behind the dashboard, free of any UI.

Modules: ``catalog`` (every column, declared once), ``readers`` / ``values`` /
``validate`` (from bytes to checked tables), ``store`` (the database), ``ingest``
(loading files as batches), ``templates``, ``demo``, ``cli``; ``i18n`` holds every
user-facing string.
"""
