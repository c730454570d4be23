"""The KPI catalog: every column of every upload kind, and every scored measure, declared
once.

Readers (header aliases), value parsing, the pandera models in ``checks/``, the store's
table columns, templates, labels, scoring and charts all derive from these declarations.
Adding a KPI means adding one ``Column`` to its kind in ``kinds``; adding a derived measure
means one ``Measure`` with its formula in ``measures``.
"""

from __future__ import annotations

from governance.catalog.contracts import CONTRACTS, SUBCONTRACTORS
from governance.catalog.kinds import ACTIONS, KPIS, REVIEWS, VENDORS
from governance.catalog.measures import DERIVED, MEASURES, measure, measures_of
from governance.catalog.model import (
    AXES,
    FIRST_DAY,
    LAST_DAY,
    NUMBER_LIMIT,
    NUMERIC_TYPES,
    ROLES,
    TYPES,
    UNIT_KEYS,
    Choice,
    Column,
    GridInputs,
    Kind,
    Measure,
    normalise_header,
)
from governance.catalog.tickets import MIN_TICKETS, TICKETS
from governance.i18n import t

KINDS: dict[str, Kind] = {k.name: k for k in (VENDORS, KPIS, REVIEWS, ACTIONS, TICKETS,
                                               CONTRACTS, SUBCONTRACTORS)}
LOAD_ORDER = ("vendors", "kpis", "reviews", "actions", "tickets", "contracts",
              "subcontractors")


def kinds_in_words(lang: str) -> str:
    """Every upload kind's name in load order, as a sentence lists them (in English
    mid-sentence: "monthly KPI report", not "Monthly KPI report")."""
    labels = [KINDS[k].label(lang) for k in LOAD_ORDER]
    if lang == "en":
        labels = [label[0].lower() + label[1:] for label in labels]
    return t("list.last", lang, head=t("list.names-sep", lang).join(labels[:-1]),
             last=labels[-1])


AXIS_LABELS = {
    "knowledge_drain": {"ja": "ノウハウ流出", "en": "Knowledge drain"},
    "cost_creep": {"ja": "コスト増大", "en": "Cost creep"},
    "control_leakage": {"ja": "統制・情報管理", "en": "Control & information"},
}

__all__ = [
    "ACTIONS",
    "AXES",
    "AXIS_LABELS",
    "CONTRACTS",
    "DERIVED",
    "FIRST_DAY",
    "KINDS",
    "KPIS",
    "LAST_DAY",
    "LOAD_ORDER",
    "MEASURES",
    "MIN_TICKETS",
    "NUMBER_LIMIT",
    "NUMERIC_TYPES",
    "REVIEWS",
    "ROLES",
    "SUBCONTRACTORS",
    "TICKETS",
    "TYPES",
    "UNIT_KEYS",
    "VENDORS",
    "Choice",
    "Column",
    "GridInputs",
    "Kind",
    "Measure",
    "kinds_in_words",
    "measure",
    "measures_of",
    "normalise_header",
]
