"""The scoring configuration: thresholds, points, bands and weights, in one place.

Defaults come from the catalog (``MEASURES``) and the constants below; a TOML file
(``data/scoring.toml``, or the path in ``$GOVERNANCE_SCORING``) may override any of them.
``docs/scoring.md`` explains each default.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from governance import settings
from governance.catalog import MEASURES
from governance.errors import GovernanceError

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "data" / "scoring.toml"


@dataclass(frozen=True)
class ScoringConfig:
    thresholds: dict[str, tuple[float | None, float | None]] = field(
        default_factory=lambda: {m.name: (m.amber, m.red) for m in MEASURES})
    amber_points: float = 25  # one amber measure makes its axis amber
    red_points: float = 60  # one red measure makes its axis red
    amber_band: float = 25  # axis score at or above: amber
    red_band: float = 60  # axis score at or above: red
    missing_report_points: float = 40  # no report: amber on every axis, never green
    worsening_points: float = 25  # a measure worse three months in a row
    worsening_months: int = 3
    min_coverage: float = 0.5  # share of an axis's measures a report must fill
    contract_horizon_days: int = 180
    contract_points: float = 35
    sensitive_control_weight: float = 1.5  # high criticality + personal/confidential data
    fiscal_year_start: int = 4  # April

    def threshold(self, measure: str) -> tuple[float | None, float | None]:
        return self.thresholds[measure]


_SCALARS = {"amber_points", "red_points", "amber_band", "red_band", "missing_report_points",
            "worsening_points", "worsening_months", "min_coverage", "contract_horizon_days",
            "contract_points", "sensitive_control_weight", "fiscal_year_start"}


def load(path: str | os.PathLike | None = None) -> ScoringConfig:
    """The defaults, overridden by the TOML file at ``path`` (or the default file) if any."""
    chosen = Path(path or settings.environment().scoring or DEFAULT_FILE)
    config = ScoringConfig()
    if not chosen.is_file():
        return config
    try:
        raw = tomllib.loads(chosen.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise GovernanceError("error.scoring-config", path=chosen, detail=str(exc)) from None
    scalars = {k: v for k, v in raw.items() if k in _SCALARS}
    unknown = set(raw) - _SCALARS - {"thresholds"}
    thresholds = dict(config.thresholds)
    for name, values in raw.get("thresholds", {}).items():
        if name not in thresholds:
            unknown.add(f"thresholds.{name}")
            continue
        amber, red = thresholds[name]
        thresholds[name] = (values.get("amber", amber), values.get("red", red))
    if unknown:
        raise GovernanceError("error.scoring-config", path=chosen,
                              detail=", ".join(sorted(unknown)))
    return replace(config, thresholds=thresholds, **scalars)
