"""Statuses, axis scores and signals over a ``Grid``.

Per measure: green / amber / red by the configured thresholds (a vendor's service type may
have its own), or no_data. Per axis: points (amber 25, red 60 by default, times the axis
weight) plus signals — worsening three months in a row, a missing report, too few measures
reported, a contract ending while an outcome measure of know-how is amber or red — summed
into a 0–100 score whose bands give the status. One red measure makes its axis red; a
missing report can never look green. Activity measures (catalog role ``activity``) count
only where an outcome or risk measure of the same axis already raised points: effort alone
never turns an axis amber. See docs/scoring.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from governance.catalog import AXES, MEASURES, Measure, measures_of
from governance.scoring.config import ScoringConfig
from governance.scoring.grid import Grid

NO_DATA, GREEN, AMBER, RED = -1, 0, 1, 2
STATUS = {NO_DATA: "no_data", GREEN: "green", AMBER: "amber", RED: "red"}
# each status's label in the message catalog, for every chart, table and text that shows one
STATUS_KEYS = {"green": "status.green", "amber": "status.amber", "red": "status.red",
               "no_data": "status.no_data"}


@dataclass
class Evaluation:
    grid: Grid
    config: ScoringConfig
    status: dict[str, np.ndarray]  # measure -> V x M int8
    worsening: dict[str, np.ndarray]  # measure -> V x M bool
    coverage_short: dict[str, np.ndarray]  # axis -> V x M bool
    contract_ending: np.ndarray  # V x M bool (applied to knowledge drain)
    activity_counts: dict[str, np.ndarray]  # axis -> V x M: its activity measures count
    weight: dict[str, np.ndarray]  # axis -> V x 1
    points: dict[str, np.ndarray]  # axis -> V x M float
    score: dict[str, np.ndarray]  # axis and "overall" -> V x M int
    axis_status: dict[str, np.ndarray]  # axis and "overall" -> V x M int8


def measure_status(values: np.ndarray, m: Measure, amber: np.ndarray,
                   red: np.ndarray) -> np.ndarray:
    """Status per vendor-month; ``amber`` and ``red`` are V x 1 (NaN: no threshold)."""
    out = np.where(np.isnan(values), NO_DATA, GREEN).astype("int8")
    worse = (lambda t: values >= t) if m.direction == "higher_is_worse" else (
        lambda t: values <= t)
    with np.errstate(invalid="ignore"):
        out[worse(amber) & (out != NO_DATA)] = AMBER
        out[worse(red) & (out != NO_DATA)] = RED
    return out


def worsening(values: np.ndarray, m: Measure, amber: np.ndarray, red: np.ndarray,
              config: ScoringConfig) -> np.ndarray:
    """Worse in each of the last ``worsening_months`` steps, by at least
    ``worsening_min_move`` of the band between the amber and red thresholds in total, and
    now within ``worsening_near`` of a band from the amber threshold (or past it): the
    wobbles of a value in its healthy range do not raise it, a steady slide towards amber
    does."""
    n = config.worsening_months
    out = np.zeros(values.shape, dtype=bool)
    if not m.trend or values.shape[1] <= n:
        return out
    sign = 1 if m.direction == "higher_is_worse" else -1
    steps = sign * np.diff(values, axis=1)  # > 0: worse than the month before
    width = np.abs(red - amber)  # NaN where a threshold is missing: never worsening
    with np.errstate(invalid="ignore"):
        near = sign * (values - amber) >= -width * config.worsening_near
        for j in range(n, values.shape[1]):
            window = steps[:, j - n: j]
            moved = sign * (values[:, j] - values[:, j - n])
            out[:, j] = ((window > 0).all(axis=1)
                         & (moved >= width[:, 0] * config.worsening_min_move) & near[:, j])
    return out


def evaluate(grid: Grid, config: ScoringConfig) -> Evaluation:
    service_types = grid.vendors["service_type"]
    status, trend = {}, {}
    for m in MEASURES:
        amber, red = config.threshold_arrays(m.name, service_types)
        status[m.name] = measure_status(grid.values[m.name], m, amber, red)
        trend[m.name] = worsening(grid.values[m.name], m, amber, red, config)
    shape = grid.reported.shape
    vendors = grid.vendors
    sensitive = ((vendors["criticality"] == "high")
                 & vendors["data_access"].isin(["personal", "confidential"])).to_numpy()
    weight = {axis: np.ones((shape[0], 1)) for axis in AXES}
    weight["control_leakage"] = np.where(sensitive, config.sensitive_control_weight, 1.0
                                         )[:, None]
    level_points = np.array([0.0, config.amber_points, config.red_points])

    def points_of(members) -> np.ndarray:
        if not members:
            return np.zeros(shape)
        stack = np.stack([status[m.name] for m in members])
        pts = np.where(stack > 0, level_points[np.clip(stack, 0, 2)], 0.0).sum(axis=0)
        return pts + config.worsening_points * np.stack(
            [trend[m.name] for m in members]).sum(axis=0)

    points, score, axis_status, short, counts = {}, {}, {}, {}, {}
    for axis in AXES:
        members = measures_of(axis)
        governing = points_of([m for m in members if m.role != "activity"])
        counts[axis] = governing > 0
        pts = governing + np.where(counts[axis],
                                   points_of([m for m in members if m.role == "activity"]), 0)
        reported = [m for m in members if m.in_report]
        present = np.stack([status[m.name] != NO_DATA for m in reported]).sum(axis=0)
        short[axis] = grid.reported & (present < config.min_coverage * len(reported))
        pts += np.where(short[axis], config.amber_points, 0.0)
        pts = pts * weight[axis]
        pts += np.where(grid.reported, 0.0, config.missing_report_points)
        points[axis] = pts
    outcomes = [m for m in measures_of("knowledge_drain") if m.role == "outcome"]
    not_secured = np.stack([status[m.name] >= AMBER for m in outcomes]).any(axis=0)
    flagged = _contract_ending(grid, config) & not_secured
    knowledge = points["knowledge_drain"]
    points["knowledge_drain"] = np.where(
        flagged, np.maximum(knowledge + config.contract_points, config.red_band), knowledge)
    for axis in AXES:
        score[axis] = np.minimum(100, np.round(points[axis])).astype(int)
        axis_status[axis] = band(score[axis], config)
    score["overall"] = np.max(np.stack([score[a] for a in AXES]), axis=0)
    axis_status["overall"] = np.max(np.stack([axis_status[a] for a in AXES]), axis=0)
    return Evaluation(grid, config, status, trend, short, flagged, counts, weight, points,
                      score, axis_status)


def band(score: np.ndarray, config: ScoringConfig) -> np.ndarray:
    out = np.full(score.shape, GREEN, dtype="int8")
    out[score >= config.amber_band] = AMBER
    out[score >= config.red_band] = RED
    return out


def _contract_ending(grid: Grid, config: ScoringConfig) -> np.ndarray:
    month_end = (grid.months + pd.offsets.MonthEnd(0)).to_numpy(dtype="datetime64[D]")
    end = pd.to_datetime(grid.vendors["contract_end"]).to_numpy(dtype="datetime64[D]")
    days = (end[:, None] - month_end[None, :]).astype("timedelta64[D]").astype("float64")
    days[np.isnat(end)] = np.nan
    with np.errstate(invalid="ignore"):
        return (days >= 0) & (days <= config.contract_horizon_days)


def days_to_contract_end(grid: Grid, v: int, j: int) -> int | None:
    end = grid.vendors["contract_end"].iloc[v]
    if pd.isna(end):
        return None
    month_end = grid.months[j] + pd.offsets.MonthEnd(0)
    return int((pd.Timestamp(end) - month_end).days)
