"""A module imported on first use, so that each command line imports only what it runs:
``ingest`` never loads charts, scoring or the report renderer, ``score`` and ``report``
never the ingest pipeline and pandera (about a second of a whole process each)."""

from __future__ import annotations

import importlib


class Lazy:
    """Module ``name``, imported when an attribute is first read. ``preset`` holds
    constants an argument parser needs up front (a test checks them against the module's
    own)."""

    def __init__(self, name: str, **preset: object):
        self._name, self._preset = name, preset

    def __getattr__(self, attr: str):
        if attr in self._preset:
            return self._preset[attr]
        return getattr(importlib.import_module(self._name), attr)
