"""The dependency between packages goes one way: governance uses checks, and checks (the
pandera models and cross-table rules) knows no governance module."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys

from conftest import ROOT

import checks

CHECKS_MODULES = sorted(f"checks.{m.name}" for m in pkgutil.iter_modules(checks.__path__))


def test_the_scan_sees_every_module_of_checks():
    assert {"checks.findings", "checks.models", "checks.rules"} <= set(CHECKS_MODULES)


def test_importing_every_module_of_checks_loads_no_governance_module():
    # a fresh interpreter: this test process has imported governance long ago
    code = ("import importlib, sys\n"
            f"for name in {CHECKS_MODULES!r}:\n"
            "    importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'governance'))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_no_module_of_checks_names_governance_even_in_a_function():
    named = []
    for path in sorted((ROOT / "checks").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            named += [(path.name, n) for n in names if n.split(".")[0] == "governance"]
    assert named == []
