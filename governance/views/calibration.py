"""Calibration for admins: how many vendors each measure makes amber or red, this month and
in each of the months before it. A threshold that flags most of the portfolio shows here
before anyone stops trusting the dashboard."""

from __future__ import annotations

import numpy as np
import pandas as pd

from governance.catalog import AXIS_LABELS, MEASURES
from governance.i18n import t
from governance.scoring.engine import AMBER, RED
from governance.views.month import MonthData


def calibration(data: MonthData, lang: str) -> pd.DataFrame:
    """One row per measure: ``measure``, ``axis``, ``label`` (in ``lang``), ``role``, its
    thresholds ``amber_at`` / ``red_at``, how many of the month's active vendors it makes
    ``amber`` and ``red``, that as ``flagged_pct`` of them, and ``history``: the vendors it
    flagged (amber or red) in each month of the data's trend window, oldest first, the
    month itself last."""
    ev = data.evaluation
    grid = ev.grid
    cols = np.flatnonzero((grid.months >= data.trend_from.ts) & (grid.months <= data.month.ts))
    active = grid.active[:, cols]
    vendors = int(active[:, -1].sum())
    rows = []
    for m in MEASURES:
        status = ev.status[m.name][:, cols]
        amber = ((status == AMBER) & active).sum(axis=0)
        red = ((status == RED) & active).sum(axis=0)
        amber_at, red_at = data.config.threshold(m.name)
        rows.append({"measure": m.name, "axis": m.axis, "label": m.label(lang),
                     "role": m.role, "amber_at": amber_at, "red_at": red_at,
                     "amber": int(amber[-1]), "red": int(red[-1]),
                     "flagged_pct": round((amber[-1] + red[-1]) / vendors * 100, 1)
                     if vendors else 0.0,
                     "history": (amber + red).astype(int).tolist()})
    return pd.DataFrame(rows).sort_values(["flagged_pct", "measure"], ascending=[False, True],
                                          ignore_index=True)


ROLE_KEYS = {"outcome": "role-kind.outcome", "risk": "role-kind.risk",
             "activity": "role-kind.activity"}
COLUMN_KEYS = {"label": "calibration.measure", "axis": "calibration.axis",
               "role": "calibration.role", "amber_at": "calibration.amber-at",
               "red_at": "calibration.red-at", "amber": "calibration.amber",
               "red": "calibration.red", "flagged_pct": "calibration.flagged",
               "history": "calibration.history"}


def calibration_table(data: MonthData, lang: str) -> pd.DataFrame:
    """``calibration`` as the settings page shows it: labels and headers in ``lang``."""
    frame = calibration(data, lang)
    frame["axis"] = frame["axis"].map(lambda a: AXIS_LABELS[a][lang])
    frame["role"] = frame["role"].map(lambda r: t(ROLE_KEYS[r], lang))
    return frame[list(COLUMN_KEYS)].rename(columns={c: t(key, lang)
                                                    for c, key in COLUMN_KEYS.items()})
