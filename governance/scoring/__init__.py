"""Risk scoring on the three axes. Pure: frames in, results out (no database, no UI).

``score_month`` gives, for one month, every active vendor's status, 0–100 score and
reasons on ``knowledge_drain``, ``cost_creep``, ``control_leakage`` and ``overall``.
``score_history`` gives statuses and scores for every vendor-month (no reasons), for
trends and movers. ``measure_history`` gives one vendor's measures with their statuses.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from governance.catalog import AXES, MEASURES
from governance.scoring import engine, grid
from governance.scoring.config import ScoringConfig, load
from governance.scoring.engine import STATUS_KEYS
from governance.scoring.reasons import Reason, month_reasons

AXES_AND_OVERALL = (*AXES, "overall")
HISTORY_MONTHS = 15  # enough for a fiscal year to date and a three-month trend

__all__ = ["AXES_AND_OVERALL", "STATUS_KEYS", "AxisRisk", "Reason", "ScoringConfig",
           "VendorRisk", "load", "measure_history", "score_history", "score_month"]


@dataclass
class AxisRisk:
    status: str
    score: int
    reasons: list[Reason]

    def as_dict(self) -> dict:
        return {"status": self.status, "score": self.score,
                "reasons": [r.as_dict() for r in self.reasons]}


@dataclass
class VendorRisk:
    vendor_id: str
    vendor_name: str
    month: str
    axes: dict[str, AxisRisk]
    reported: bool

    def as_dict(self) -> dict:
        out = {"vendor_id": self.vendor_id, "vendor_name": self.vendor_name,
               "month": self.month}
        out.update({a: self.axes[a].as_dict() for a in AXES_AND_OVERALL})
        return out


def _evaluate(vendors, kpis, first, last, config) -> engine.Evaluation:
    months = grid.month_range(first, last)
    g = grid.build(vendors, kpis, months, config.fiscal_year_start)
    return engine.evaluate(g, config)


def score_month(vendors: pd.DataFrame, kpis: pd.DataFrame, month,
                config: ScoringConfig | None = None) -> list[VendorRisk]:
    """Every vendor whose contract runs in ``month``, scored with reasons."""
    config = config or ScoringConfig()
    month = pd.Timestamp(month).to_period("M").to_timestamp()
    first = month - pd.DateOffset(months=HISTORY_MONTHS)
    ev = _evaluate(vendors, kpis, first, month, config)
    j = ev.grid.month_index(month)
    reasons = month_reasons(ev, j)
    label = f"{month:%Y-%m}"
    ids = ev.grid.vendors["vendor_id"].tolist()
    names = ev.grid.vendors["vendor_name"].tolist()
    status = {a: ev.axis_status[a][:, j].tolist() for a in AXES_AND_OVERALL}
    score = {a: ev.score[a][:, j].tolist() for a in AXES_AND_OVERALL}
    reported = ev.grid.reported[:, j].tolist()
    out = []
    for v in np.flatnonzero(ev.grid.active[:, j]).tolist():
        axes = {}
        for axis in AXES:
            axes[axis] = AxisRisk(engine.STATUS[status[axis][v]], score[axis][v],
                                  reasons[axis].get(v, []))
        every = sorted((r for a in AXES for r in axes[a].reasons), key=lambda r: -r.points)
        axes["overall"] = AxisRisk(engine.STATUS[status["overall"][v]], score["overall"][v],
                                   every[:5])
        out.append(VendorRisk(ids[v], names[v], label, axes, reported[v]))
    return out


def score_history(vendors: pd.DataFrame, kpis: pd.DataFrame, first=None, last=None,
                  config: ScoringConfig | None = None) -> pd.DataFrame:
    """Status and score per axis for every active vendor-month (long frame)."""
    config = config or ScoringConfig()
    if kpis.empty and (first is None or last is None):
        return pd.DataFrame()
    months = pd.to_datetime(kpis["month"])
    first = pd.Timestamp(first) if first is not None else months.min()
    last = pd.Timestamp(last) if last is not None else months.max()
    ev = _evaluate(vendors, kpis, first - pd.DateOffset(months=HISTORY_MONTHS), last, config)
    g = ev.grid
    shown = (g.months >= first)
    v_idx, m_idx = (g.active & shown[None, :]).nonzero()
    frame = pd.DataFrame({"vendor_id": g.vendors["vendor_id"].to_numpy()[v_idx],
                          "month": g.months[m_idx], "reported": g.reported[v_idx, m_idx]})
    for axis in AXES_AND_OVERALL:
        frame[f"{axis}_score"] = ev.score[axis][v_idx, m_idx]
        frame[f"{axis}_status"] = pd.Categorical.from_codes(
            ev.axis_status[axis][v_idx, m_idx] + 1, list(engine.STATUS.values()))
    return frame


def measure_history(vendors: pd.DataFrame, kpis: pd.DataFrame, vendor_id: str,
                    config: ScoringConfig | None = None) -> pd.DataFrame:
    """One vendor's measures per month: value, status and thresholds (for trend charts)."""
    config = config or ScoringConfig()
    mine = kpis[kpis["vendor_id"] == vendor_id]
    vendor = vendors[vendors["vendor_id"] == vendor_id]
    if mine.empty or vendor.empty:
        return pd.DataFrame(columns=["month", "measure", "axis", "value", "status", "amber",
                                     "red"])
    months = pd.to_datetime(mine["month"])
    ev = _evaluate(vendor, mine, months.min(), months.max(), config)
    rows = []
    for m in MEASURES:
        amber, red = config.threshold(m.name)
        for j, month in enumerate(ev.grid.months):
            rows.append((month, m.name, m.axis, ev.grid.values[m.name][0, j],
                         engine.STATUS[int(ev.status[m.name][0, j])], amber, red))
    return pd.DataFrame(rows, columns=["month", "measure", "axis", "value", "status", "amber",
                                       "red"])
