"""The documentation covers what the code declares: every measure in docs/scoring.md,
every upload column and problem code in docs/data-format.md (read from the registry)."""

from __future__ import annotations

import re

import pytest

from governance.catalog import KINDS, MEASURES
from governance.ingest.problems import CODES
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


PROBLEM_ROW = re.compile(r"^\| `([a-z-]+)` \| (\w+) \| (yes|no \(note\)) \|", re.M)


def test_the_problem_codes_table_is_the_registry():
    """docs/data-format.md lists every code of ``problems.CODES``, and only those, with
    what it points at and whether it refuses the file."""
    listed = {code: (scope, refuses) for code, scope, refuses
              in PROBLEM_ROW.findall(DATA_FORMAT)}
    declared = {c.slug: (c.scope, "no (note)" if c.warning else "yes") for c in CODES.values()}
    assert listed == declared
