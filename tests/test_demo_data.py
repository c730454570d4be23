"""The demo generator (``data/demo/generate.py``): it reproduces the committed demo files
byte for byte, runs as a script, and keys every value by its catalog column, so a column
added to the catalog cannot shift values into the wrong column."""

from __future__ import annotations

import csv
import dataclasses
import importlib
import io
import subprocess
import sys

import pytest
from conftest import ROOT

from governance.catalog import KINDS, LOAD_ORDER, Column

DEMO = ROOT / "data" / "demo"
DEMO_KINDS = [k for k in LOAD_ORDER if k != "tickets"]  # the demo has no ticket export
FILES = [f"{kind}.csv" for kind in DEMO_KINDS]


@pytest.fixture(scope="module")
def generate():
    """``data/demo/generate.py`` imported as a script sees it (its folder on the path)."""
    sys.path.insert(0, str(DEMO))
    try:
        return importlib.import_module("generate")
    finally:
        sys.path.remove(str(DEMO))


@pytest.mark.parametrize("name", FILES)
def test_generate_reproduces_the_committed_file_byte_for_byte(generate, name):
    assert generate.files()[name] == (DEMO / name).read_bytes()


def test_the_script_writes_the_four_files_into_a_directory(tmp_path):
    done = subprocess.run([sys.executable, "data/demo/generate.py", str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [str(tmp_path / name) for name in FILES]
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (DEMO / name).read_bytes(), name


def _table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("kind", DEMO_KINDS)
def test_a_column_added_to_the_catalog_shifts_no_value(generate, monkeypatch, kind):
    before = _table(generate.generate()[kind])
    spec = KINDS[kind]
    added = Column("added_later", "追加列", "text", "Added later", help_en="", help_ja="")
    columns = (spec.columns[0], added, *spec.columns[1:])  # second: every value after it
    monkeypatch.setitem(generate.KINDS, kind,
                        dataclasses.replace(spec, columns=columns, _by_name={}))
    after = _table(generate.generate()[kind])
    assert list(after[0]) == [c.ja for c in columns]
    assert [row.pop("追加列") for row in after] == [""] * len(before)
    assert after == before


def test_a_row_naming_a_column_the_catalog_lacks_is_refused(generate):
    with pytest.raises(KeyError, match="not catalog columns"):
        generate._to_csv("vendors", [{"vendor_id": "V-1", "vendor_nmae": "typo"}])
