"""The scoring configuration: thresholds, points, bands and weights, in one place.

Defaults come from the catalog (``MEASURES``) and the constants below; a TOML file
(``data/scoring.toml``, or the path in ``$GOVERNANCE_SCORING``) may override any of them,
and may override a measure's thresholds for one service type (BPO / ITO / KPO):

    [thresholds.privileged_accounts]
    amber = 10
    red = 20

    [service_types.ITO.thresholds.privileged_accounts]
    amber = 30
    red = 60

``load`` reads the file once; callers pass the resulting ``ScoringConfig`` down.
``docs/scoring.md`` explains each default.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from governance import settings
from governance.calendar import FISCAL_YEAR_START
from governance.catalog import MEASURES, VENDORS
from governance.errors import GovernanceError

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "data" / "scoring.toml"
SERVICE_TYPES = tuple(c.value for c in VENDORS.column("service_type").choices)

Thresholds = tuple[float | None, float | None]


@dataclass(frozen=True)
class ScoringConfig:
    thresholds: dict[str, Thresholds] = field(
        default_factory=lambda: {m.name: (m.amber, m.red) for m in MEASURES})
    by_service_type: dict[str, dict[str, Thresholds]] = field(default_factory=dict)
    amber_points: float = 25  # one amber measure makes its axis amber
    red_points: float = 60  # one red measure makes its axis red
    amber_band: float = 25  # axis score at or above: amber
    red_band: float = 60  # axis score at or above: red
    missing_report_points: float = 40  # no report: amber on every axis, never green
    worsening_points: float = 25  # a measure worse three months in a row
    worsening_months: int = 3
    worsening_min_move: float = 0.5  # share of the amber-red band moved in those months
    worsening_near: float = 1 / 3  # ... ending within this share of a band from amber
    min_coverage: float = 0.5  # share of an axis's measures a report must fill
    contract_horizon_days: int = 180
    contract_points: float = 35
    sensitive_control_weight: float = 1.5  # high criticality + personal/confidential data
    fiscal_year_start: int = FISCAL_YEAR_START
    # months between review meetings by the vendor's criticality (review_overdue_days)
    review_cadence_high: int = 1
    review_cadence_medium: int = 3
    review_cadence_low: int = 6

    def review_cadence(self) -> dict[str, int]:
        """Months allowed between two review meetings, per criticality."""
        return {"high": self.review_cadence_high, "medium": self.review_cadence_medium,
                "low": self.review_cadence_low}

    def threshold(self, measure: str, service_type: str | None = None) -> Thresholds:
        """The (amber, red) thresholds of ``measure``, for ``service_type`` if it has its own."""
        own = self.by_service_type.get(service_type or "", {})
        return own.get(measure, self.thresholds[measure])

    def threshold_arrays(self, measure: str, service_types: pd.Series
                         ) -> tuple[np.ndarray, np.ndarray]:
        """(amber, red) per vendor as V x 1 float arrays (NaN: no such threshold)."""
        # a hash, not a sort: run per measure, over every vendor
        inverse, kinds = pd.factorize(service_types.fillna("").astype(str))
        table = np.array([[np.nan if v is None else v for v in self.threshold(measure, k)]
                          for k in kinds], dtype="float64").reshape(-1, 2)
        chosen = table[inverse.reshape(-1)]
        return chosen[:, :1], chosen[:, 1:]


_SCALARS = {"amber_points", "red_points", "amber_band", "red_band", "missing_report_points",
            "worsening_points", "worsening_months", "worsening_min_move", "worsening_near",
            "min_coverage", "contract_horizon_days",
            "contract_points", "sensitive_control_weight", "fiscal_year_start",
            "review_cadence_high", "review_cadence_medium", "review_cadence_low"}


def _thresholds(raw: dict, base: dict[str, Thresholds], where: str,
                unknown: set[str]) -> dict[str, Thresholds]:
    out = {}
    for name, values in raw.items():
        if name not in base or not isinstance(values, dict) \
                or set(values) - {"amber", "red"}:
            unknown.add(f"{where}.{name}")
            continue
        amber, red = base[name]
        out[name] = (values.get("amber", amber), values.get("red", red))
    return out


def config_path() -> Path:
    """The configuration file in use: ``$GOVERNANCE_SCORING``, else ``data/scoring.toml``."""
    return Path(settings.environment().scoring or DEFAULT_FILE)


def load(path: str | os.PathLike | None = None) -> ScoringConfig:
    """The defaults, overridden by the TOML file at ``path`` (or the default file) if any."""
    chosen = Path(path) if path else config_path()
    config = ScoringConfig()
    if not chosen.is_file():
        return config
    try:
        raw = tomllib.loads(chosen.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise GovernanceError("error.scoring-config", path=chosen, detail=str(exc)) from None
    scalars = {k: v for k, v in raw.items() if k in _SCALARS}
    unknown = set(raw) - _SCALARS - {"thresholds", "service_types"}
    thresholds = {**config.thresholds,
                  **_thresholds(raw.get("thresholds", {}), config.thresholds, "thresholds",
                                unknown)}
    by_type: dict[str, dict[str, Thresholds]] = {}
    for service_type, section in raw.get("service_types", {}).items():
        where = f"service_types.{service_type}"
        if service_type not in SERVICE_TYPES or set(section) - {"thresholds"}:
            unknown.add(where)
            continue
        by_type[service_type] = _thresholds(section.get("thresholds", {}), thresholds,
                                            f"{where}.thresholds", unknown)
    if unknown:
        raise GovernanceError("error.scoring-config", path=chosen,
                              detail=", ".join(sorted(unknown)))
    return replace(config, thresholds=thresholds, by_service_type=by_type, **scalars)
