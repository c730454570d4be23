"""The demo data (``data/demo/``): loading it, telling it apart, and removing it.

Demo batches are the file batches loaded by the user ``DEMO_USER`` (a name reserved for
the demo loader), so pages can say clearly when what they show is, or includes, demo
data. Removing the demo takes out exactly what those batches loaded and nothing a user
loaded or recorded (what that means row by row: ``governance.store.removal``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from governance.access import Actor, require
from governance.catalog import KINDS, LOAD_ORDER
from governance.i18n import t
from governance.store import RemovalResult, Store

if TYPE_CHECKING:
    from governance.ingest import Upload

DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"
DEMO_USER = "demo"
REMOVE_COMMAND = "python -m governance demo --remove"


@dataclass(frozen=True)
class DemoState:
    """What is left of the demo: its current rows per kind, and whether anyone else has
    loaded files too."""

    rows: dict[str, int]
    others: bool

    @property
    def present(self) -> bool:
        return any(self.rows.values())

    @property
    def alone(self) -> bool:
        """The database holds the demo and nothing anyone else loaded."""
        return self.present and not self.others


def files() -> list[Path]:
    """The demo files in load order (kinds without demo data, such as tickets, have none)."""
    return [path for kind in LOAD_ORDER if (path := DEMO_DIR / f"{kind}.csv").exists()]


def load(store: Store) -> list[Upload]:
    """Load the demo files (files already loaded are reported as such)."""
    from governance.ingest import load_paths  # the pipeline only when loading: the report,
    # the score and the pages ask only whether demo rows are left

    return load_paths(store, files(), user=DEMO_USER)


def load_if_empty(store: Store) -> bool:
    """Load the demo data into a database that never held anything; True when it did. A
    database with a history — files loaded and rolled back, the demo removed — stays as
    it is: the demo does not come back by itself."""
    if store.has_history():
        return False
    load(store)
    return True


def state(store: Store) -> DemoState:
    return DemoState(store.rows_loaded_by(DEMO_USER), store.loaded_by_others(DEMO_USER))


def is_demo(store: Store) -> bool:
    """True while any demo row remains."""
    return state(store).present


def remove(store: Store, user: Actor | str | None = None) -> RemovalResult:
    """Remove the demo data in one transaction (the acting user needs the ``rollback``
    right: it rolls back the demo's batches)."""
    actor = require(user, "rollback")
    return store.remove_loaded_by(DEMO_USER, actor.name)


def rows_text(rows: dict[str, int], lang: str) -> str:
    """Row counts per kind as one line, e.g. ``委託先台帳 14 行 / 月次KPI報告 334 行``."""
    return " / ".join(t("demo.kind-rows", lang, kind=KINDS[kind].label(lang), count=f"{n:,}")
                      for kind, n in sorted(rows.items(), key=lambda kv: LOAD_ORDER.index(kv[0]))
                      if n) or "—"


def _ids(ids: tuple) -> str:
    return ", ".join(map(str, ids[:10])) + (" …" if len(ids) > 10 else "") if ids else "—"


def removal_lines(result: RemovalResult, lang: str) -> list[str]:
    """What a removal did, as lines for a terminal or a page."""
    if result.removal_id is None and not result.kept_vendors:
        return [t("demo.nothing", lang)]
    lines = []
    if result.removal_id is not None:
        lines.append(t("demo.removed", lang, rows=rows_text(result.removed, lang),
                       batches=_ids(result.rolled_back)))
        if result.restored:
            lines.append(t("demo.restored", lang, count=f"{result.restored:,}"))
    if result.kept_vendors:
        lines.append(t("demo.kept", lang, ids=_ids(result.kept_vendors)))
    return lines
