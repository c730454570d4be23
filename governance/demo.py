"""Loading the demo data (``data/demo/``) into a store, and telling demo data apart.

Demo batches are loaded by the user ``DEMO_USER`` so pages can say clearly that what they
show is demo data.
"""

from __future__ import annotations

from pathlib import Path

from governance.catalog import LOAD_ORDER
from governance.ingest import Upload, load_paths
from governance.store import Store

DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"
DEMO_USER = "demo"


def files() -> list[Path]:
    return [DEMO_DIR / f"{kind}.csv" for kind in LOAD_ORDER]


def load(store: Store) -> list[Upload]:
    """Load the demo files (files already loaded are reported as such)."""
    return load_paths(store, files(), user=DEMO_USER)


def load_if_empty(store: Store) -> bool:
    """Load the demo data into an empty database; True when it did."""
    if not store.is_empty():
        return False
    load(store)
    return True


def is_demo(store: Store) -> bool:
    """True while every committed batch is demo data."""
    return store.only_loaded_by(DEMO_USER)
