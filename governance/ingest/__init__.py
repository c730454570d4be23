"""Loading files: bytes → text table → typed, checked table → one batch in the store.

The rooms, in the order a file passes through them: ``sandbox`` (the child process every
upload is parsed in), ``guards`` (size, zip and cell-extent bombs), ``text`` (decoding and
delimited text), ``workbooks`` (XLSX/XLS/ODS), ``headers`` (finding the header row),
``readers`` (one entry for all formats), ``values`` (the value forms of the data
contract), ``validate`` (header mapping, pandera models and rules from ``checks``),
``problems`` (the problem list) and ``problem_export``, ``staging`` and ``preview`` (what
the upload page shows before a commit), ``pipeline`` (read, check, commit, rollback),
``profiles`` (import profiles: a sender's own layout mapped onto the catalog, saved and
found by its headers) and ``templates``.

The pipeline's entry points are re-exported here: ``ingest.load(store, Upload(...))``. They
are imported on first use, so that the reading rooms load without the pipeline's pandera
and DuckDB (the child process that parses uploads needs only those rooms).
"""

from __future__ import annotations

import importlib

__all__ = ["Upload", "batch_list", "check", "commit", "current_user", "load", "load_paths",
           "read", "rollback", "rollback_summary"]


def __getattr__(name: str):
    if name in __all__:
        return getattr(importlib.import_module("governance.ingest.pipeline"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
