"""Why an axis has its status: one ``Reason`` per crossed threshold or signal, naming the
measure, its value, the threshold and the month, in Japanese and English."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from governance.catalog import AXIS_LABELS, Measure, measure, measures_of
from governance.i18n import LANGS, t
from governance.scoring.engine import AMBER, RED, STATUS, Evaluation, days_to_contract_end


@dataclass(frozen=True)
class Reason:
    code: str  # threshold | worsening | missing_report | coverage | contract_ending
    axis: str
    status: str
    month: str
    points: float
    measure: str | None = None
    value: float | None = None
    threshold: float | None = None
    text: dict[str, str] = field(default_factory=dict, compare=False)

    def as_dict(self) -> dict:
        return {"code": self.code, "axis": self.axis, "kpi": self.measure,
                "value": _rounded(self.value), "threshold": self.threshold, "month": self.month,
                "status": self.status, "text": dict(self.text)}


def _rounded(value: float | None) -> float | None:
    if value is None or np.isnan(value):
        return None
    return round(float(value), 2)


def fmt(value: float | None, m: Measure | None, lang: str) -> str:
    if value is None or np.isnan(value):
        return "—"
    unit = t(f"unit.{m.unit}", lang) if m and m.unit else ""
    if m is not None and m.unit in ("%", "pt"):
        return f"{value:.1f}{unit}"
    if float(value).is_integer():
        return f"{int(value):,}{unit}"
    return f"{value:,.1f}{unit}"


def _texts(key: str, **params) -> dict[str, str]:
    out = {}
    for lang in LANGS:
        values = {k: (v(lang) if callable(v) else v) for k, v in params.items()}
        out[lang] = t(key, lang, **values)
    return out


def reasons_for(ev: Evaluation, v: int, j: int, axis: str) -> list[Reason]:
    grid, config = ev.grid, ev.config
    month = f"{grid.months[j]:%Y-%m}"
    weight = float(ev.weight[axis][v, 0])
    found: list[Reason] = []
    if not grid.reported[v, j]:
        found.append(Reason("missing_report", axis, "amber", month,
                            config.missing_report_points,
                            text=_texts("reason.missing-report", month=month)))
    for m in measures_of(axis):
        level = int(ev.status[m.name][v, j])
        value = float(grid.values[m.name][v, j])
        amber, red = config.threshold(m.name)
        if level in (AMBER, RED):
            threshold = red if level == RED else amber
            points = (config.red_points if level == RED else config.amber_points) * weight
            key = ("reason.not-done" if m.name == "access_review_done" else
                   "reason.above" if m.direction == "higher_is_worse" else "reason.below")
            found.append(Reason(
                "threshold", axis, STATUS[level], month, points, m.name, value, threshold,
                _texts(key, label=m.label, month=month, value=lambda lg, x=value, mm=m:
                       fmt(x, mm, lg), threshold=lambda lg, x=threshold, mm=m: fmt(x, mm, lg),
                       level=lambda lg, s=STATUS[level]: t(f"status.{s}", lg))))
        if ev.worsening[m.name][v, j]:
            path = lambda lg, mm=m: " → ".join(  # noqa: E731
                fmt(float(x), mm, lg)
                for x in grid.values[mm.name][v, j - config.worsening_months: j + 1])
            found.append(Reason("worsening", axis, "amber", month,
                                config.worsening_points * weight, m.name, value, None,
                                _texts("reason.worsening", label=m.label, path=path,
                                       months=config.worsening_months)))
    if ev.coverage_short[axis][v, j]:
        members = measures_of(axis)
        present = sum(int(ev.status[m.name][v, j] >= 0) for m in members)
        found.append(Reason("coverage", axis, "amber", month, config.amber_points * weight,
                            text=_texts("reason.coverage", month=month, present=present,
                                        total=len(members),
                                        axis=lambda lg: AXIS_LABELS[axis][lg])))
    if axis == "knowledge_drain" and ev.contract_ending[v, j]:
        end = grid.vendors["contract_end"].iloc[v]
        found.append(Reason("contract_ending", axis, "red", month, config.contract_points,
                            value=days_to_contract_end(grid, v, j),
                            threshold=config.contract_horizon_days,
                            text=_texts("reason.contract-ending", date=f"{end:%Y-%m-%d}",
                                        days=days_to_contract_end(grid, v, j))))
    found.sort(key=lambda r: -r.points)
    return found


def label_of(name: str | None, lang: str) -> str:
    return measure(name).label(lang) if name else ""
