"""Every problem code and error key the code can produce has a message in Japanese and in
English, and both languages take the same parameters."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from conftest import ROOT

from checks import findings, models, rules
from governance.i18n import LANGS, MESSAGES, t
from governance.ingest import values
from governance.ingest.problems import Problem

SOURCES = sorted((ROOT / "governance").rglob("*.py")) + sorted((ROOT / "checks").rglob("*.py"))

_CODE_CALLS = re.compile(r"""(?:refuse|Problem\.of)\(\s*["']([a-z][a-z-]*)["']""")
_FINDINGS = re.compile(r'(?:Finding|_ordered)\((?:\s*ctx,(?:\s*"[a-z_]+",){2})?\s*"([a-z-]+)"')
_ERROR_KEYS = re.compile(r"""["'](error\.[a-z-]+)["']""")


def _scan(pattern: re.Pattern) -> set[str]:
    return {m for path in SOURCES for m in pattern.findall(Path(path).read_text("utf-8"))}


# the parsers' and the checks' own declarations, and the codes governance refuses files with
PROBLEM_CODES = sorted(values.CODES | findings.CODES | _scan(_CODE_CALLS))
ERROR_KEYS = sorted(_scan(_ERROR_KEYS))


def test_the_scan_finds_the_codes_of_readers_rules_and_checks():
    # guards the scan itself: if it stopped finding codes, the tests below would be empty
    expected = {"file-too-large", "empty-file", "unreadable-encoding", "binary-content",
                "malformed-csv", "bad-xlsx", "xlsx-too-large", "sheet-not-found",
                "unknown-kind", "missing-column", "duplicate-column", "ignored-column",
                "no-rows", "duplicate-key", "unknown-vendor", "end-before-start",
                "due-before-raised", "closed-before-raised", "closed-on-required",
                "month-in-future", "required", "too-small", "too-large", "too-long",
                "bad-pattern", "invalid-integer", "invalid-month", "more-problems",
                "number-out-of-range", "date-out-of-range", "control-character"}
    assert expected <= set(PROBLEM_CODES)
    assert {"error.batch-superseded", "error.vendor-in-use", "error.schema-too-new",
            "error.batch-not-found", "error.busy", "error.database"} <= set(ERROR_KEYS)
    assert set(rules.RULES) == {"vendors", "kpis", "reviews", "actions"}


def test_the_checks_declare_every_code_their_findings_carry():
    used = _scan(_FINDINGS) | set(models.CHECK_CODES.values())
    assert used >= {"duplicate-key", "month-in-future", "closed-before-raised", "required"}
    assert used == set(findings.CODES)
    with pytest.raises(ValueError):
        findings.Finding("no-such-code", 0, "vendor_id")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", [f"problem.{c}" for c in PROBLEM_CODES] + ERROR_KEYS)
def test_each_code_has_a_non_empty_message_in_every_language(key):
    assert key in MESSAGES
    texts = {lang: MESSAGES[key].get(lang, "") for lang in LANGS}
    assert all(text.strip() for text in texts.values()), texts
    assert texts["ja"] != texts["en"]
    assert _fields(texts["ja"]) == _fields(texts["en"])


@pytest.mark.parametrize("code", PROBLEM_CODES)
def test_each_problem_renders_in_both_languages_with_its_parameters(code):
    params = {name: "X" for lang in LANGS
              for name in _fields(MESSAGES[f"problem.{code}"][lang])}
    problem = Problem.of(code, row=2, column="列", **params)
    for lang in LANGS:
        text = problem.message(lang)
        assert text and "{" not in text


def test_a_missing_key_fails_loudly():
    with pytest.raises(KeyError):
        t("problem.no-such-code", "ja")
