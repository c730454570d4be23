"""A reason's sentence is formatted once per distinct set of facts: reasons that say the
same thing share it, reasons that differ in anything said never do."""

from __future__ import annotations

from governance.scoring import reasons
from governance.scoring.reasons import Reason


def _reason(value: float, points: float = 10.0, status: str = "red") -> Reason:
    return Reason("threshold", "knowledge_drain", status, "2026-10", points,
                  "documentation_coverage_pct", value, 60.0)


def test_reasons_with_the_same_facts_read_the_same_whatever_their_points():
    assert _reason(40.0, points=10.0).texts == _reason(40.0, points=2.5).texts
    assert _reason(40.0).text("ja") == (
        "手順書整備率 が 40.0%(2026-10):要対応基準 60.0% 以下")


def test_reasons_that_differ_in_what_they_say_never_share_a_sentence():
    texts = {_reason(v).text("en") for v in (40.0, 40.04, 40.06, 41.0)}
    assert len(texts) == 3  # 40.0 and 40.04 both read "40.0%"
    assert _reason(40.0, status="amber").text("en") != _reason(40.0).text("en")


def test_minus_zero_reads_as_zero():
    assert "-0" not in _reason(-0.0).text("en")
    assert _reason(-0.0).texts == _reason(0.0).texts


def test_the_remembered_sentences_are_bounded(monkeypatch):
    monkeypatch.setattr(reasons, "_SAID", {})
    monkeypatch.setattr(reasons, "_SAID_KEPT", 3)
    for v in range(10):
        _reason(float(v)).text("en")
    assert 1 <= len(reasons._SAID) <= 3
    assert _reason(7.0).text("en").startswith("Documentation coverage 7.0%")


def test_a_reason_written_out_cannot_change_what_the_next_one_says():
    first = _reason(40.0).as_dict()
    first["text"]["en"] = "changed"
    first["value"] = 0
    again = _reason(40.0).as_dict()
    assert again["value"] == 40.0
    assert again["text"]["en"].startswith("Documentation coverage 40.0%")
    assert list(again) == ["code", "axis", "kpi", "value", "threshold", "month", "status",
                           "text"]
