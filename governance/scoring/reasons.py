"""Why an axis has its status: one ``Reason`` per crossed threshold or signal, naming the
measure, its value, the threshold and the month, in Japanese and English.

Reasons keep their facts; the sentence is rendered when it is read (``text(lang)``), so
scoring thousands of vendors does not format thousands of sentences nobody shows.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from governance.catalog import AXIS_LABELS, UNIT_KEYS, Measure, measure, measures_of
from governance.i18n import LANGS, t
from governance.scoring.engine import (
    AMBER,
    RED,
    STATUS,
    STATUS_KEYS,
    Evaluation,
    days_to_contract_end,
)


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
    path: tuple[float, ...] = ()  # the values of a worsening trend, oldest first
    present: int = 0  # measures reported (coverage)
    total: int = 0
    date: str = ""  # contract end (contract_ending)
    counted: bool = True  # False: an activity measure noted on an axis its outcomes keep green
    # a measure's own reason: its parameters (a value may be a dict of texts per language)
    details: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str) -> str:
        return sentences(self)[lang]

    @property
    def texts(self) -> dict[str, str]:
        return dict(sentences(self))

    def facts(self) -> tuple:
        """What its sentence says (all but the points): reasons with equal facts read the
        same."""
        details = tuple((k, tuple(v.items()) if isinstance(v, dict) else v)
                        for k, v in self.details) if self.details else ()
        return (self.code, self.axis, self.status, self.month, self.measure, self.value,
                self.threshold, self.path, self.present, self.total, self.date, self.counted,
                details)

    def as_dict(self) -> dict:
        said = _said(self)
        return {**said, "text": dict(said["text"])}


def _rounded(value: float | None) -> float | None:
    if value is None or value != value:
        return None
    return round(float(value), 2) + 0.0  # + 0.0: -0.0 is written 0.0


@functools.cache
def _unit(unit: str, lang: str) -> str:
    return t(UNIT_KEYS[unit], lang)


# 2,000 vendors give 22,000 reasons that say 3,900 different things: each is written out
# once (the messages do not change while the process runs)
_SAID: dict[tuple, dict] = {}
_SAID_KEPT = 50_000


def _said(r: Reason) -> dict:
    """``r`` as ``as_dict`` gives it, with its sentence in every language, remembered by
    its facts (``r.facts()``: all that ``as_dict`` holds); shared, so never to be changed."""
    key = r.facts()
    found = _SAID.get(key)
    if found is None:
        if len(_SAID) >= _SAID_KEPT:
            _SAID.clear()
        found = _SAID[key] = {
            "code": r.code, "axis": r.axis, "kpi": r.measure, "value": _rounded(r.value),
            "threshold": r.threshold, "month": r.month, "status": r.status,
            "text": {lang: render(r, lang) for lang in LANGS}}
    return found


def sentences(r: Reason) -> dict[str, str]:
    """``render(r, lang)`` in every language (shared: never to be changed)."""
    return _said(r)["text"]


def fmt(value: float | None, m: Measure | None, lang: str) -> str:
    if value is None or value != value:  # NaN (np.isnan costs a microsecond a call)
        return "—"
    value = value + 0.0  # -0.0 reads 0.0 (and so equal values read the same)
    unit = _unit(m.unit, lang) if m and m.unit else ""
    if m is not None and m.unit in ("%", "pt"):
        return f"{value:.1f}{unit}"
    if float(value).is_integer():
        return f"{int(value):,}{unit}"
    return f"{value:,.1f}{unit}"


def render(r: Reason, lang: str) -> str:
    m = measure(r.measure) if r.measure else None
    if m is not None and m.reason_key and r.code == m.reason_code:
        # a measure's own message: its parameters (a text per language where it varies),
        # and the label, value and threshold the standard messages name
        params = {k: v[lang] if isinstance(v, dict) else v for k, v in r.details}
        return t(m.reason_key, lang, **{"label": m.label(lang), "value": fmt(r.value, m, lang),
                                        "threshold": fmt(r.threshold, m, lang), **params},
                 month=r.month, level=t(STATUS_KEYS[r.status], lang))
    if r.code == "threshold":
        key = ("reason.not-done" if m.type == "boolean" else
               "reason.above" if m.direction == "higher_is_worse" else "reason.below")
        text = t(key, lang, label=m.label(lang), month=r.month, value=fmt(r.value, m, lang),
                 threshold=fmt(r.threshold, m, lang), level=t(STATUS_KEYS[r.status], lang))
        return text if r.counted else t("reason.note", lang, text=text)
    if r.code == "worsening":
        text = t("reason.worsening", lang, label=m.label(lang), months=len(r.path) - 1,
                 path=" → ".join(fmt(v, m, lang) for v in r.path))
        return text if r.counted else t("reason.note", lang, text=text)
    if r.code == "missing_report":
        return t("reason.missing-report", lang, month=r.month)
    if r.code == "coverage":
        return t("reason.coverage", lang, month=r.month, present=r.present, total=r.total,
                 axis=AXIS_LABELS[r.axis][lang])
    return t("reason.contract-ending", lang, date=r.date, days=int(r.value))


def month_reasons(ev: Evaluation, j: int) -> dict[str, dict[int, list[Reason]]]:
    """Every reason of month ``j``: axis -> vendor index -> reasons, heaviest first.

    Works measure by measure over all vendors, so its cost follows the number of
    reasons, not vendors x measures."""
    grid, config = ev.grid, ev.config
    month = f"{grid.months[j]:%Y-%m}"
    out: dict[str, dict[int, list[Reason]]] = {}
    missing = np.flatnonzero(~grid.reported[:, j])
    for axis in AXIS_LABELS:
        found: dict[int, list[Reason]] = {}
        weight = ev.weight[axis][:, 0]
        for v in missing:
            found.setdefault(int(v), []).append(Reason(
                "missing_report", axis, "amber", month, config.missing_report_points))
        members = measures_of(axis)
        service_types = grid.vendors["service_type"]
        counts = ev.activity_counts[axis][:, j]
        for m in members:
            amber, red = ev.config.threshold_arrays(m.name, service_types)
            levels = ev.status[m.name][:, j]
            values = grid.values[m.name][:, j]
            hit = np.flatnonzero((levels == AMBER) | (levels == RED))
            # as Python numbers, column by column (a numpy scalar a cell costs 10x more)
            for v, level, value, w, n, a, r in zip(
                    hit.tolist(), levels[hit].tolist(), values[hit].astype(float).tolist(),
                    weight[hit].astype(float).tolist(), counts[hit].tolist(),
                    amber[hit, 0].astype(float).tolist(), red[hit, 0].astype(float).tolist(),
                    strict=True):
                counted = m.role != "activity" or bool(n)
                points = (config.red_points if level == RED else config.amber_points)
                details = (tuple(m.reason_params(grid.inputs, v, j).items())
                           if m.reason_params else ())
                found.setdefault(v, []).append(Reason(
                    m.reason_code, axis, STATUS[level], month,
                    points * w if counted else 0.0, m.name, value,
                    r if level == RED else a, counted=counted, details=details))
            for v in np.flatnonzero(ev.worsening[m.name][:, j]):
                counted = m.role != "activity" or bool(counts[v])
                path = grid.values[m.name][v, j - config.worsening_months: j + 1]
                found.setdefault(int(v), []).append(Reason(
                    "worsening", axis, "amber", month,
                    config.worsening_points * float(weight[v]) if counted else 0.0, m.name,
                    float(values[v]), path=tuple(float(x) for x in path), counted=counted))
        short = np.flatnonzero(ev.coverage_short[axis][:, j])
        if len(short):
            in_report = [m for m in members if m.in_report]
            present = np.stack([ev.status[m.name][:, j] >= 0 for m in in_report]).sum(axis=0)
            for v in short:
                found.setdefault(int(v), []).append(Reason(
                    "coverage", axis, "amber", month, config.amber_points * float(weight[v]),
                    present=int(present[v]), total=len(in_report)))
        if axis == "knowledge_drain":
            for v in np.flatnonzero(ev.contract_ending[:, j]):
                end = grid.vendors["contract_end"].iloc[v]
                found.setdefault(int(v), []).append(Reason(
                    "contract_ending", axis, "red", month, config.contract_points,
                    value=days_to_contract_end(grid, int(v), j),
                    threshold=config.contract_horizon_days, date=f"{end:%Y-%m-%d}"))
        for reasons in found.values():
            reasons.sort(key=lambda r: -r.points)
        out[axis] = found
    return out


def label_of(name: str | None, lang: str) -> str:
    return measure(name).label(lang) if name else ""
