"""Risk scoring on the three axes. Pure: frames in, results out (no database, no UI).

``evaluate`` builds the vendors × months grid once and judges it; from one evaluation,
``month_risks`` gives a month's every active vendor with status, 0–100 score and reasons on
``knowledge_drain``, ``cost_creep``, ``control_leakage`` and ``overall``, ``history_frame``
the statuses and scores of every vendor-month (trends, movers) and ``measure_frame`` one
vendor's measures with their statuses and thresholds. ``score_month``, ``score_history``
and ``measure_history`` do the same from frames in one call.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from governance.calendar import Month, month_index
from governance.catalog import AXES, MEASURES
from governance.scoring import engine, grid
from governance.scoring.config import ScoringConfig, load
from governance.scoring.engine import STATUS_KEYS
from governance.scoring.reasons import Reason, month_reasons

AXES_AND_OVERALL = (*AXES, "overall")
HISTORY_MONTHS = 15  # enough for a fiscal year to date and a three-month trend

__all__ = ["AXES_AND_OVERALL", "STATUS_KEYS", "AxisRisk", "Reason", "ScoringConfig",
           "VendorRisk", "evaluate", "first_needed", "history_frame", "load", "measure_frame",
           "measure_history", "month_risks", "score_history", "score_month"]


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


def evaluate(vendors: pd.DataFrame, kpis: pd.DataFrame, first: Month, last: Month,
             config: ScoringConfig, sources: dict[str, pd.DataFrame] | None = None
             ) -> engine.Evaluation:
    """Statuses, scores and signals of every vendor for months ``first`` … ``last``. For the
    derived measures and signals of ``first`` to be complete, ``kpis`` should reach back
    ``HISTORY_MONTHS`` before it (``first_needed``). ``sources``: per-vendor-month values
    from other upload kinds (see ``grid.build``)."""
    g = grid.build(vendors, kpis, month_index(first, last), config.fiscal_year_start,
                   sources)
    return engine.evaluate(g, config)


def first_needed(first: Month) -> Month:
    """The first month of KPI rows that scoring ``first`` reads."""
    return first - HISTORY_MONTHS


def month_risks(ev: engine.Evaluation, month: Month) -> list[VendorRisk]:
    """Every vendor whose contract runs in ``month``, with its reasons."""
    j = ev.grid.month_index(month.ts)
    reasons = month_reasons(ev, j)
    label = str(month)
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
        every = sorted((r for a in AXES for r in axes[a].reasons if r.counted),
                       key=lambda r: -r.points)
        axes["overall"] = AxisRisk(engine.STATUS[status["overall"][v]], score["overall"][v],
                                   every[:5])
        out.append(VendorRisk(ids[v], names[v], label, axes, reported[v]))
    return out


def history_frame(ev: engine.Evaluation, first: Month | None = None) -> pd.DataFrame:
    """Status and score per axis for every active vendor-month from ``first`` (long frame:
    vendor_id, month, reported, <axis>_score, <axis>_status)."""
    g = ev.grid
    shown = g.months >= (first.ts if first is not None else g.months.min())
    v_idx, m_idx = (g.active & shown[None, :]).nonzero()
    frame = pd.DataFrame({"vendor_id": g.vendors["vendor_id"].to_numpy()[v_idx],
                          "month": g.months[m_idx], "reported": g.reported[v_idx, m_idx]})
    for axis in AXES_AND_OVERALL:
        frame[f"{axis}_score"] = ev.score[axis][v_idx, m_idx]
        frame[f"{axis}_status"] = pd.Categorical.from_codes(
            ev.axis_status[axis][v_idx, m_idx] + 1, list(engine.STATUS.values()))
    return frame


MEASURE_COLUMNS = ["month", "measure", "axis", "value", "status", "amber", "red"]


def measure_frame(ev: engine.Evaluation, vendor_id: str, last: Month | None = None
                  ) -> pd.DataFrame:
    """One vendor's measures per month up to ``last``: value, status and its thresholds
    (for trend charts), from its first reported month on."""
    g = ev.grid
    found = np.flatnonzero(g.vendors["vendor_id"].to_numpy() == vendor_id)
    if not len(found):
        return pd.DataFrame(columns=MEASURE_COLUMNS)
    v = int(found[0])
    upto = g.months <= (last.ts if last is not None else g.months.max())
    seen = np.flatnonzero(g.reported[v] & upto)
    if not len(seen):
        return pd.DataFrame(columns=MEASURE_COLUMNS)
    cols = np.arange(seen[0], np.flatnonzero(upto)[-1] + 1)
    service_type = g.vendors["service_type"].iloc[[v]]
    parts = []
    for m in MEASURES:
        amber, red = ev.config.threshold_arrays(m.name, service_type)
        parts.append(pd.DataFrame({
            "month": g.months[cols], "measure": m.name, "axis": m.axis,
            "value": g.values[m.name][v, cols],
            "status": [engine.STATUS[int(x)] for x in ev.status[m.name][v, cols]],
            "amber": None if np.isnan(amber[0, 0]) else float(amber[0, 0]),
            "red": None if np.isnan(red[0, 0]) else float(red[0, 0])}))
    return pd.concat(parts, ignore_index=True)[MEASURE_COLUMNS]


def _span(kpis: pd.DataFrame, first, last) -> tuple[Month, Month] | None:
    if (first is None or last is None) and kpis.empty:
        return None
    months = pd.to_datetime(kpis["month"])
    return (Month.of(first if first is not None else months.min()),
            Month.of(last if last is not None else months.max()))


def score_month(vendors: pd.DataFrame, kpis: pd.DataFrame, month,
                config: ScoringConfig | None = None) -> list[VendorRisk]:
    """Every vendor whose contract runs in ``month``, scored with reasons."""
    month = Month.of(month)
    ev = evaluate(vendors, kpis, first_needed(month), month, config or ScoringConfig())
    return month_risks(ev, month)


def score_history(vendors: pd.DataFrame, kpis: pd.DataFrame, first=None, last=None,
                  config: ScoringConfig | None = None) -> pd.DataFrame:
    """Status and score per axis for every active vendor-month (long frame)."""
    span = _span(kpis, first, last)
    if span is None:
        return pd.DataFrame()
    ev = evaluate(vendors, kpis, first_needed(span[0]), span[1], config or ScoringConfig())
    return history_frame(ev, span[0])


def measure_history(vendors: pd.DataFrame, kpis: pd.DataFrame, vendor_id: str,
                    config: ScoringConfig | None = None) -> pd.DataFrame:
    """One vendor's measures per month: value, status and thresholds (for trend charts)."""
    mine = kpis[kpis["vendor_id"] == vendor_id]
    vendor = vendors[vendors["vendor_id"] == vendor_id]
    span = _span(mine, None, None)
    if span is None or vendor.empty:
        return pd.DataFrame(columns=MEASURE_COLUMNS)
    ev = evaluate(vendor, mine, span[0], span[1], config or ScoringConfig())
    return measure_frame(ev, vendor_id)
