"""Every bench module imports: ``python -m bench`` is not run by the suite (speed belongs
in the benchmark, not in tests), so a renamed helper would otherwise break it unseen."""

from __future__ import annotations

import importlib

import pytest

from ui.registry import ROOT

MODULES = sorted(p.stem for p in (ROOT / "bench").glob("*.py") if p.stem != "__main__")


@pytest.mark.parametrize("name", MODULES)
def test_a_bench_module_imports(name):
    importlib.import_module(f"bench.{name}")
