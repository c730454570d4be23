"""What the pages show of contracts and sub-contractors: the register as a timeline with
each contract's notice date, change-contract growth, the sub-contractor chain of each
vendor as a tree, and the deadlines inside a window. Pages only draw these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from governance.catalog import CONTRACTS, SUBCONTRACTORS
from governance.contracts import deadlines, signals
from governance.scoring.config import ScoringConfig

TIMELINE_COLUMNS = ["vendor_id", "vendor_name", "contract_id", "title", "start_on", "end_on",
                    "notice_on", "event", "procurement", "contract_form", "amount_jpy",
                    "original_amount_jpy", "growth_pct", "growth_status", "term_months",
                    "lock_in", "bidders", "auto_renew", "notice_days", "state"]
TREE_COLUMNS = ["vendor_id", "vendor_name", "depth", "subcontractor_name", "parent_name",
                "tier", "scope", "data_access", "approved_on", "country", "corporate_number",
                "unapproved", "abroad", "orphan"]
# where a contract stands on the day the page is drawn
STATE_KEYS = {"running": "contracts.state-running", "upcoming": "contracts.state-upcoming",
              "ended": "contracts.state-ended"}


@dataclass(frozen=True)
class ContractFilters:
    """The /contracts page's own filters (the vendor filters come on top)."""

    vendor_id: str | None = None
    procurement: str | None = None
    state: str | None = None  # a key of STATE_KEYS


@dataclass
class ContractsView:
    as_of: dt.date
    window_days: int
    timeline: pd.DataFrame  # TIMELINE_COLUMNS, one row per contract (order: ``timeline``)
    due: pd.DataFrame  # deadlines.EVENT_COLUMNS plus vendor_name, inside the window
    tree: pd.DataFrame  # TREE_COLUMNS, each vendor's chain in tree order

    @property
    def grown(self) -> pd.DataFrame:
        """Contracts whose total grew by change contracts, most first."""
        found = self.timeline[self.timeline["growth_pct"] > 100]
        return found.sort_values(["growth_pct", "contract_id"], ascending=[False, True])

    @property
    def grown_flagged(self) -> int:
        """Contracts whose growth is amber or red."""
        return int(self.timeline["growth_status"].isin(["amber", "red"]).sum())

    @property
    def lock_ins(self) -> int:
        """Contracts that are a lock-in risk (sole-source or one bidder, long)."""
        return int(self.timeline["lock_in"].sum())

    @property
    def unapproved(self) -> int:
        """Sub-contractors handling personal or confidential data without approval."""
        tree = self.tree
        return int((tree["unapproved"]
                    & tree["data_access"].isin(["personal", "confidential"])).sum())


def timeline(contracts: pd.DataFrame, vendors: pd.DataFrame, as_of: dt.date,
             config: ScoringConfig) -> pd.DataFrame:
    """Every contract with its notice date, growth (and its status on the cost axis's
    thresholds), term and whether it is a lock-in (sole-source or one bidder, running at
    least the lock-in threshold). Running and upcoming contracts first, soonest end
    first; ended ones after them, the latest ended first."""
    if contracts.empty:
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    found = deadlines.with_notice(contracts)
    found["vendor_name"] = found["vendor_id"].map(
        dict(zip(vendors["vendor_id"], vendors["vendor_name"], strict=True)))
    found["event"] = found["auto_renew"].map({True: "notice", False: "decision"})
    found["growth_pct"] = signals.growth_pct(found)
    amber, red = config.threshold("contract_growth_pct")
    found["growth_status"] = pd.cut(found["growth_pct"], [-float("inf"), amber, red,
                                                          float("inf")],
                                    right=False, labels=["green", "amber", "red"])
    found["term_months"] = signals.term_months(found["start_on"], found["end_on"])
    lock_amber = config.threshold("lock_in_months")[0]
    found["lock_in"] = signals.sole_source(found) & (found["term_months"] >= lock_amber)
    day = pd.Timestamp(as_of)
    start = pd.to_datetime(found["start_on"])
    found["state"] = "running"
    found.loc[start > day, "state"] = "upcoming"
    found.loc[found["end_on"] < day, "state"] = "ended"
    found["start_on"] = start
    # what still runs (or is to come) first, soonest end first; ended ones after, latest first
    ended = found["state"] == "ended"
    days = (found["end_on"] - day).dt.days
    found["_ended"], found["_key"] = ended, days.where(~ended, -days)
    return found.sort_values(["_ended", "_key", "vendor_id", "contract_id"])[
        TIMELINE_COLUMNS].reset_index(drop=True)


def _chain(records: list[dict]) -> list[dict]:
    """One vendor's sub-contractors in tree order, each with its ``depth`` and whether its
    parent is missing (``orphan``)."""
    children: dict[object, list[dict]] = {}
    for r in records:
        parent = r["parent_name"] if int(r["tier"]) > 1 else None
        children.setdefault(None if pd.isna(parent) else parent, []).append(r)
    out: list[dict] = []
    placed: set[str] = set()

    def walk(parent, depth: int) -> None:
        for r in children.get(parent, []):
            if r["subcontractor_name"] in placed:  # a loop in the parents: once only
                continue
            placed.add(r["subcontractor_name"])
            out.append({**r, "depth": depth, "orphan": False})
            walk(r["subcontractor_name"], depth + 1)

    walk(None, 0)
    return out + [{**r, "depth": int(r["tier"]) - 1, "orphan": True}
                  for r in records if r["subcontractor_name"] not in placed]


def tree(subs: pd.DataFrame, vendors: pd.DataFrame) -> pd.DataFrame:
    """Each vendor's sub-contractors in tree order: a tier-1 firm, then those it hands work
    to (by ``parent_name``), depth first. A firm whose parent is not listed (``orphan``)
    comes after its vendor's tree at its own tier."""
    if subs.empty:
        return pd.DataFrame(columns=TREE_COLUMNS)
    ordered = subs.sort_values(["vendor_id", "tier", "subcontractor_name"])
    out = pd.DataFrame([row for _, mine in ordered.groupby("vendor_id", sort=True)
                        for row in _chain(mine.to_dict("records"))])
    out["vendor_name"] = out["vendor_id"].map(
        dict(zip(vendors["vendor_id"], vendors["vendor_name"], strict=True)))
    out["unapproved"] = out["approved_on"].isna()
    out["abroad"] = ~out["country"].map(signals.is_domestic).astype(bool)
    return out[TREE_COLUMNS].reset_index(drop=True)


def contracts_view(contracts: pd.DataFrame, subs: pd.DataFrame, vendors: pd.DataFrame,
                   as_of: dt.date, window_days: int, config: ScoringConfig,
                   chosen: ContractFilters = ContractFilters()) -> ContractsView:
    """The /contracts page for the vendors in ``vendors`` (already filtered) and
    ``chosen``."""
    ids = set(vendors["vendor_id"])
    if chosen.vendor_id is not None:
        ids &= {chosen.vendor_id}
    mine = contracts[contracts["vendor_id"].isin(ids)] if not contracts.empty else contracts
    if chosen.procurement is not None and not mine.empty:
        mine = mine[mine["procurement"] == chosen.procurement]
    lines = timeline(mine, vendors, as_of, config)
    if chosen.state is not None:
        lines = lines[lines["state"] == chosen.state]
        mine = mine[mine["contract_id"].isin(lines["contract_id"])]
    due = due_named(mine, vendors, as_of, window_days)
    chains = subs[subs["vendor_id"].isin(ids)] if not subs.empty else subs
    return ContractsView(as_of, window_days, lines, due, tree(chains, vendors))


def due_named(contracts: pd.DataFrame, vendors: pd.DataFrame, as_of: dt.date,
              window_days: int = deadlines.DEFAULT_WINDOW_DAYS) -> pd.DataFrame:
    """``deadlines.due`` with each vendor's name (``vendor_name``)."""
    due = deadlines.due(contracts, as_of, window_days)
    return due.assign(vendor_name=due["vendor_id"].map(
        dict(zip(vendors["vendor_id"], vendors["vendor_name"], strict=True))))


def procurement_options() -> list[str]:
    return [c.value for c in CONTRACTS.column("procurement").choices]


def data_access_label(value: str, lang: str) -> str:
    return SUBCONTRACTORS.column("data_access").choice(value).label_for(lang)
