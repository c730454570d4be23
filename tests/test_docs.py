"""The documentation covers what the code declares: every measure in docs/scoring.md,
every upload column and problem code in docs/data-format.md."""

from __future__ import annotations

import re

import pytest

from governance.catalog import KINDS, MEASURES
from governance.i18n import MESSAGES
from governance.scoring.config import _SCALARS
from ui.registry import ROOT

SCORING = (ROOT / "docs" / "scoring.md").read_text(encoding="utf-8")
DATA_FORMAT = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", [m.name for m in MEASURES])
def test_every_scored_measure_is_explained(name):
    assert f"`{name}`" in SCORING


@pytest.mark.parametrize("key", sorted(_SCALARS))
def test_every_scoring_setting_is_shown(key):
    assert re.search(rf"^{key} = ", SCORING, re.M)


@pytest.mark.parametrize("column", [(k.name, c.name, c.ja) for k in KINDS.values()
                                    for c in k.columns], ids=lambda c: f"{c[0]}.{c[1]}")
def test_every_upload_column_is_in_the_data_format(column):
    _, name, ja = column
    assert f"| {name} | {ja} |" in DATA_FORMAT


def test_every_problem_code_is_listed():
    codes = {k.split(".", 1)[1] for k in MESSAGES if k.startswith("problem.")}
    codes -= {"more-problems"}
    missing = [c for c in sorted(codes) if f"`{c}`" not in DATA_FORMAT]
    assert missing == []
